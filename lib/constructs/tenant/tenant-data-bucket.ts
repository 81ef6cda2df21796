import { Duration, Lazy, RemovalPolicy, Tags, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BUCKET_BASELINE } from '../shared/protected-bucket-props';
import { acknowledge, objectPatternFinding } from '../../compliance/acknowledge';
import { pinSseKms } from '../shared/sse-kms-pinning';
import type { ITenantEncryptionKey } from './tenant-encryption-key';

import { INSPECTION_VERDICTS, OBJECT_PREFIX } from '@suveren/core/contracts/upload-layout';
import { TENANT_TAGS } from '@suveren/core/contracts/names';

export { OBJECT_PREFIX };

/** What S3's replication asks of a replica bucket, with the replication role's credentials (S3 User Guide, replication permissions). */
export const REPLICA_WRITE_ACTIONS = ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ReplicateDelete', 's3:ObjectOwnerOverrideToBucketOwner'];

/** Bucket-level changes only the platform's deployment role may make. */
const BUCKET_CONFIGURATION_ACTIONS = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutEncryptionConfiguration',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
  's3:PutBucketLogging',
  's3:PutBucketAcl',
  's3:PutBucketObjectLockConfiguration',
  's3:DeleteBucket',
];

export interface TenantDataBucketProps {
  /** The tenant's data key: default encryption, and the only key a PutObject may name. */
  readonly encryptionKey: ITenantEncryptionKey;
  /** Bucket that receives this bucket's S3 server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /**
   * ARNs of every principal allowed to touch the bucket's data: the tenant's own data
   * roles. All other principals are denied by the bucket policy, whatever their IAM
   * policies say.
   */
  readonly allowedPrincipalArns: readonly string[];
  /**
   * The bucket's name, for a bucket another stack finds by name (a replica).
   * @default CloudFormation generates one from the stack's name
   */
  readonly bucketName?: string;
  /**
   * Prefix of the bucket's objects; the grant methods are scoped to it.
   * @default OBJECT_PREFIX (`objects/`)
   */
  readonly objectPrefix?: string;
  /**
   * Prefix of this bucket's server access logs in the log bucket.
   * @default 'data-bucket/'
   */
  readonly accessLogPrefix?: string;
  /**
   * ARNs of the principals allowed to change the bucket's configuration (policy,
   * encryption, versioning, lifecycle, replication, logging, deletion): the platform's
   * deployment role.
   */
  readonly configurationPrincipalArns: readonly string[];
  /**
   * Days a non-current (overwritten or deleted) object version is kept.
   * @default 365
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * A tag an object must carry before anyone but an inspector (`admitInspector`) may read
   * it: the inspection's verdict. The bucket policy denies reads of untagged objects and
   * `grantRead` conditions its grant on the tag.
   * @default none: every object can be read by the readers
   */
  readonly readableOnlyWithTag?: { readonly key: string; readonly value: string };
  /**
   * What happens to the bucket when it is removed from the stack.
   * @default RemovalPolicy.RETAIN: tenant data is never deleted by a stack operation
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Whether S3 Bucket Keys are on. With them, S3 derives object keys from a bucket-level
   * key it caches for a time AWS does not state, so the key owner sees few requests and a
   * disconnected key stops S3 only once that cache expires. Off, every object write and
   * read asks KMS (and, for an external key store, the customer's proxy): each object use
   * is in the key owner's log, and a disconnect takes effect at once.
   * @default true: fewer KMS requests, lower cost
   */
  readonly bucketKey?: boolean;
  /**
   * This bucket's part in cross-Region replication (docs/continuity.md): `source`, the
   * tenant's data bucket that `TenantReplication` copies; `replica`, the copy in another
   * allowed region, written only by the principals `admitReplication` names.
   * @default none: one copy, in one region
   */
  readonly continuity?: 'source' | 'replica';
  /**
   * S3 Object Lock with a default retention for every new version (docs/continuity.md, on
   * the replica). In GOVERNANCE mode only the principals `admitGovernanceBypass` names may
   * bypass it; in COMPLIANCE mode nobody may, for `days`. Not for a bucket that receives
   * access logs, which S3 refuses under Object Lock.
   * @default none: versions may be deleted by those the policy allows
   */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly days: number };
}

/**
 * A tenant's data bucket. SSE-KMS under the tenant key (with S3 Bucket Keys unless `bucketKey` is false), all public
 * access blocked, ACLs disabled, versioned, server access logs on, incomplete multipart
 * uploads aborted, and a bucket policy that independently refuses:
 * - any request without TLS, or with TLS older than 1.2;
 * - any PutObject that asks for an encryption other than `aws:kms`, names any key but
 *   the tenant key, or asks for `aws:kms` without naming the key (requests that name no
 *   encryption, such as multipart parts, get the bucket default: the tenant key);
 * - any data access by a principal that is not one of the tenant's data roles;
 * - any change of the bucket's configuration by anyone but the platform's deployment role.
 */
export class TenantDataBucket extends Construct {
  public readonly bucket: s3.Bucket;
  /** Prefix of the bucket's objects. */
  public readonly objectPrefix: string;
  private readonly encryptionKey: ITenantEncryptionKey;
  private readonly dataPrincipalArns: string[];
  private readonly inspectorArns: string[] = [];
  private readonly replicatorArns: string[] = [];
  private readonly governanceBypassArns: string[] = [];
  private readonly readableOnlyWithTag?: { readonly key: string; readonly value: string };

  constructor(scope: Construct, id: string, props: TenantDataBucketProps) {
    super(scope, id);
    if (props.allowedPrincipalArns.length === 0 || props.configurationPrincipalArns.length === 0) {
      throw new Error(`TenantDataBucket ${this.node.path}: allowedPrincipalArns and configurationPrincipalArns must not be empty`);
    }
    this.encryptionKey = props.encryptionKey;
    this.objectPrefix = props.objectPrefix ?? OBJECT_PREFIX;
    this.dataPrincipalArns = [...props.allowedPrincipalArns];
    this.readableOnlyWithTag = props.readableOnlyWithTag;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...(props.bucketName === undefined ? {} : { bucketName: props.bucketName }),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey.key,
      bucketKeyEnabled: props.bucketKey ?? true,
      // SSE-C is stated in the bucket as well as denied in its policy: a customer-provided key is not the tenant key.
      ...BUCKET_BASELINE,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: props.accessLogPrefix ?? 'data-bucket/',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,

      lifecycleRules: [
        {
          id: 'abort-incomplete-multipart-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionExpirationDays ?? 365),
        },
      ],
    });

    if (props.objectLock) {
      // The lock as the bucket's Object Lock configuration alone: S3 enables Object Lock on an existing
      // versioned bucket (PutObjectLockConfiguration), and CloudFormation updates this property in place.
      // The bucket-level ObjectLockEnabled flag would replace the bucket, and a named bucket cannot be.
      (this.bucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = {
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
      };
    }
    // AWS Config's replication rule is scoped to the sources by this tag (conformance-rules.ts).
    if (props.continuity !== undefined) Tags.of(this.bucket).add(TENANT_TAGS.continuity, props.continuity);
    if (props.continuity === undefined) {
      acknowledge(
        this.bucket,
        'NIST.800.53.R5-S3BucketReplicationEnabled',
        "Replication would put a second copy of a data controller's records in another bucket and region, widening who and where the data can be reached. Durability comes from S3 storing every object across Availability Zones of one allowed region, with versioning against deletion.",
      );
    } else if (props.continuity === 'replica') {
      acknowledge(
        this.bucket,
        'NIST.800.53.R5-S3BucketReplicationEnabled',
        "This bucket is itself the replica: the second copy of the tenant's data bucket, in another allowed region. Replicating it again would add a third copy and a third location for the controller to account for.",
      );
    }

    // Only the full key ARN: S3 compares the header literally, and presign sends the ARN.
    pinSseKms(this.bucket, [props.encryptionKey.keyArn]);
    const objects = this.bucket.arnForObjects('*');
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyDataAccessOutsideTenant',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [
          's3:GetObject*',
          's3:PutObject*',
          's3:DeleteObject*',
          's3:RestoreObject',
          's3:ListBucket*',
          's3:ListMultipartUploadParts',
          's3:AbortMultipartUpload',
        ],
        resources: [this.bucket.bucketArn, objects],
        conditions: {
          // Rendered at synth, so principals admitted later (the upload functions) are in it.
          StringNotLike: { 'aws:PrincipalArn': Lazy.list({ produce: () => this.dataPrincipalArns }) },
          // IfExists: should the key ever be absent, the deny still applies (fails closed).
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyConfigurationChangesOutsidePlatform',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: BUCKET_CONFIGURATION_ACTIONS,
        resources: [this.bucket.bucketArn],
        conditions: { StringNotLike: { 'aws:PrincipalArn': [...props.configurationPrincipalArns] } },
      }),
    );
    if (props.objectLock?.mode === 'GOVERNANCE') {
      // The lock's one way around: a request that asks to bypass it, from a principal named here.
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DenyGovernanceBypassOutsideEraser',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:BypassGovernanceRetention'],
          resources: [objects],
          conditions: { StringNotLike: { 'aws:PrincipalArn': Lazy.list({ produce: () => this.governanceBypassArns }) } },
        }),
      );
    }
    if (props.continuity === 'replica') {
      // Only the tenant's replication role writes here; S3 calls these actions with its credentials.
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DenyReplicationOutsideTenant',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: REPLICA_WRITE_ACTIONS,
          resources: [objects],
          conditions: { StringNotLike: { 'aws:PrincipalArn': Lazy.list({ produce: () => this.replicatorArns }) } },
        }),
      );
      this.node.addValidation({
        validate: () =>
          this.replicatorArns.length === 0 ? ['continuity is replica but no replication role is admitted (admitReplication): nothing could ever arrive'] : [],
      });
    }
    if (this.readableOnlyWithTag) {
      this.node.addValidation({
        validate: () =>
          this.inspectorArns.length === 0 && this.replicatorArns.length === 0
            ? [
                'readableOnlyWithTag is set but no inspector (admitInspector) nor replication (admitReplication) is admitted: nothing could tag an object, so nothing could ever be read',
              ]
            : [],
      });
      const tag = this.readableOnlyWithTag;
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DenyReadBeforeAcceptance',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [objects],
          conditions: {
            // An object without the tag is not readable either: StringNotEquals is true when it is absent.
            StringNotEquals: { [`s3:ExistingObjectTag/${tag.key}`]: tag.value },
            StringNotLike: { 'aws:PrincipalArn': Lazy.list({ produce: () => this.inspectorArns }) },
          },
        }),
      );
      // The verdict itself: only an inspector may write it, with an upload or later.
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DenyVerdictOutsideInspection',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
          resources: [objects],
          conditions: {
            StringEquals: { [`s3:RequestObjectTag/${tag.key}`]: tag.value },
            StringNotLike: { 'aws:PrincipalArn': Lazy.list({ produce: () => this.inspectorArns }) },
          },
        }),
      );
    }
  }

  /**
   * Admits an inspector: a principal that reads objects before they carry the
   * `readableOnlyWithTag` tag (to decide on them). It still needs IAM permissions.
   */
  public admitInspector(principalArn: string): void {
    this.admitPrincipal(principalArn);
    this.inspectorArns.push(principalArn);
  }

  /**
   * Admits the role `suveren restore` copies accepted versions back as (TenantRestorerRole):
   * to the bucket's data actions, and only with every write tagged `pending`, so each copy
   * goes through the inspection again. It still needs IAM permissions.
   */
  public admitRestorer(principalArn: string): void {
    if (!this.readableOnlyWithTag)
      throw new Error(`TenantDataBucket ${this.node.path}: a restorer needs readableOnlyWithTag, the verdict its copies go back through`);
    this.admitPrincipal(principalArn);
    // A copy keeps its source's tags unless it replaces them (x-amz-tagging-directive COPY, S3's default), which
    // would carry `accepted` past the inspection, to any key: every write of the restorer must ask for `pending`.
    // An absent tag satisfies StringNotEquals too, so a write without one is refused as well.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyRestoreWithoutPendingVerdict',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          StringNotEquals: { [`s3:RequestObjectTag/${this.readableOnlyWithTag.key}`]: INSPECTION_VERDICTS.pending },
          ArnEquals: { 'aws:PrincipalArn': principalArn },
        },
      }),
    );
  }

  /**
   * Admits the role S3 replicates into this replica with: the only principal the bucket
   * policy lets write replicas, their tags and (if they replicate) delete markers. The
   * inspection's verdict tags arrive with the replicas, so readers read only what the
   * source's inspection accepted. Only for `continuity: 'replica'`.
   */
  public admitReplication(principalArn: string): void {
    this.replicatorArns.push(principalArn);
  }

  /**
   * Adds a principal to those the bucket policy lets touch data. It still needs IAM
   * permissions (the grant methods) to do anything.
   */
  public admitPrincipal(principalArn: string): void {
    this.dataPrincipalArns.push(principalArn);
  }

  /**
   * Allows `principalArn`, a role of another account (the tenant's roles, on a replica in a
   * replica account: docs/continuity.md), `bucketActions` on the bucket and `objectActions` on
   * the objects under the prefix. Across accounts S3 needs the bucket policy's allow besides
   * the role's own policy; the bucket's denies still apply, so admit the role as well.
   */
  public allowRoleOfAnotherAccount(
    sid: string,
    principalArn: string,
    actions: { readonly bucket?: readonly string[]; readonly objects?: readonly string[] },
  ): void {
    if (actions.bucket?.length)
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `${sid}Bucket`,
          principals: [new iam.ArnPrincipal(principalArn)],
          actions: [...actions.bucket],
          resources: [this.bucket.bucketArn],
        }),
      );
    if (actions.objects?.length)
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `${sid}Objects`,
          principals: [new iam.ArnPrincipal(principalArn)],
          actions: [...actions.objects],
          resources: [this.bucket.arnForObjects(`${this.objectPrefix}*`)],
        }),
      );
  }

  /**
   * Names a principal that may bypass the bucket's GOVERNANCE-mode Object Lock
   * (`x-amz-bypass-governance-retention`); every other is refused it. Its IAM policy must
   * allow `s3:BypassGovernanceRetention` too.
   */
  public admitGovernanceBypass(principalArn: string): void {
    this.governanceBypassArns.push(principalArn);
  }

  /** Lets `grantee` upload objects under the object prefix, encrypted with the tenant key. */
  public grantUpload(grantee: iam.IGrantable): iam.Grant {
    const grant = this.grantOnObjects(grantee, ['s3:PutObject', 's3:AbortMultipartUpload']);
    return grant.combine(this.encryptionKey.grantS3Write(grantee));
  }

  /**
   * Lets `grantee` inspect new objects: read them and their tags, write the verdict
   * tag, and delete a rejected version. Admit it with `admitInspector` as well.
   */
  public grantInspection(grantee: iam.IGrantable): iam.Grant {
    return this.grantOnObjects(grantee, [
      's3:GetObject',
      's3:GetObjectVersion',
      's3:GetObjectTagging',
      's3:GetObjectVersionTagging',
      's3:PutObjectTagging',
      's3:PutObjectVersionTagging',
      's3:DeleteObject',
      's3:DeleteObjectVersion',
    ]);
  }

  /** Lets `grantee` write tagged objects under the object prefix (the key grant is separate). */
  public grantTaggedWrite(grantee: iam.IGrantable): iam.Grant {
    return this.grantOnObjects(grantee, ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload']);
  }

  /** `s3:ListBucketVersions` of the bucket, only under the object prefix. */
  private grantVersionListing(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucketVersions'],
      resourceArns: [this.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${this.objectPrefix}*`] } },
    });
  }

  /** Object actions on `<bucket>/<prefix>*`, and the acknowledgment of that pattern on the grantee. */
  private grantOnObjects(grantee: iam.IGrantable, actions: string[], conditions?: Record<string, Record<string, unknown>>): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [this.bucket.arnForObjects(`${this.objectPrefix}*`)],
      ...(conditions ? { conditions } : {}),
    });
    if (Construct.isConstruct(grantee.grantPrincipal)) {
      acknowledge(
        grantee.grantPrincipal,
        objectPatternFinding(this.bucket, this.objectPrefix),
        `Object-level S3 actions need an object ARN pattern; this one is bounded to one of the tenant's own buckets and its ${this.objectPrefix} prefix.`,
      );
    }
    return grant;
  }

  /**
   * Lets `grantee` re-key the object versions under the object prefix: list every
   * version, read a version and its tags, and write it back under the bucket's key, in
   * place (UpdateObjectEncryption) or as a copy. Reads stay behind `readableOnlyWithTag`:
   * the bucket policy refuses a version the inspection has not accepted. The key grants
   * are separate (`grantS3ReEncryptFrom`, `grantS3ReEncryptTo`); admit it with
   * `admitPrincipal` as well.
   */
  public grantReKey(grantee: iam.IGrantable): iam.Grant {
    const list = this.grantVersionListing(grantee);
    return list.combine(
      this.grantOnObjects(grantee, [
        's3:GetObject',
        's3:GetObjectVersion',
        's3:GetObjectTagging',
        's3:GetObjectVersionTagging',
        's3:PutObject',
        's3:AbortMultipartUpload',
        's3:UpdateObjectEncryption',
      ]),
    );
  }

  /**
   * Lets `grantee` list every version and delete marker under the object prefix, with
   * each version's tags (its inspection verdict), and nothing of their content: what an
   * export needs to tell the newest accepted version from a pending overwrite.
   */
  public grantListVersions(grantee: iam.IGrantable): iam.Grant {
    const list = this.grantVersionListing(grantee);
    return list.combine(this.grantOnObjects(grantee, ['s3:GetObjectTagging', 's3:GetObjectVersionTagging']));
  }

  /**
   * Lets `grantee` erase objects under the object prefix: list every version and delete
   * marker, and delete any of them, and nothing of their content or tags (GDPR Art. 17,
   * `suveren erase`). Admits it to the bucket's data actions; what it may do there is
   * only what this grant gives.
   */
  public grantErase(grantee: iam.IGrantable & { readonly roleArn: string }): iam.Grant {
    this.admitPrincipal(grantee.roleArn);
    const list = this.grantVersionListing(grantee);
    return list.combine(this.grantOnObjects(grantee, ['s3:DeleteObject', 's3:DeleteObjectVersion']));
  }

  /** Lets `grantee` list and read objects under the object prefix (only tagged ones, with `readableOnlyWithTag`). */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    const list = iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [this.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${this.objectPrefix}*`] } },
    });
    const read = this.grantOnObjects(
      grantee,
      ['s3:GetObject', 's3:GetObjectVersion'],
      this.readableOnlyWithTag ? { StringEquals: { [`s3:ExistingObjectTag/${this.readableOnlyWithTag.key}`]: this.readableOnlyWithTag.value } } : undefined,
    );
    return list.combine(read).combine(this.encryptionKey.grantS3Read(grantee));
  }
}
