import { Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';
import { viaServiceName } from '../../regions';
import { INLINE_POLICY_REASON, acknowledge, objectPatternFinding } from '../../compliance/acknowledge';
import type { ITenantEncryptionKey } from './tenant-encryption-key';
import type { TenantDataBucket } from './tenant-data-bucket';
import { REPLICA_KEY_ACTIONS } from './tenant-key';
import { BATCH_OPERATIONS_SERVICE } from '@suveren/core/contracts/continuity';

/** Where a tenant's replica is: the `TenantReplicaStack` of the tenant, found by name (stacks are regional). */
export interface ReplicaDestination {
  /** The replica bucket's name (`replicaBucketName`). */
  readonly bucketName: string;
  /** The replica region: one of the allowed regions, not the source's. */
  readonly region: string;
  /**
   * The account of the replica key: the tenant's own, or the key-custody account whose
   * custom key store holds it (tiers hsm and external).
   * @default the source bucket's account
   */
  readonly keyAccount?: string;
  /**
   * The account of the replica bucket, when it is not the source's (`continuity.replicaAccount`):
   * S3 then makes the replica account the owner of each replica (owner override).
   * @default the source bucket's account
   */
  readonly account?: string;
  /**
   * The replica key, as S3's `ReplicaKmsKeyID` takes it: its key ARN, or its alias ARN,
   * which S3 resolves in the bucket owner's account (S3 API reference, EncryptionConfiguration).
   */
  readonly kmsKeyId: string;
}

export interface TenantReplicationProps {
  /** The tenant's data bucket: the source. */
  readonly source: TenantDataBucket;
  /** The key the source's objects are under. */
  readonly sourceKey: ITenantEncryptionKey;
  /** The name of the role S3 replicates with (`replicationRoleName`); the replica stack names it too. */
  readonly roleName: string;
  /** The name of the role S3 Batch Operations replicates the backlog with (`batchReplicationRoleName`). */
  readonly batchRoleName: string;
  /** The replica. */
  readonly destination: ReplicaDestination;
  /**
   * Whether delete markers replicate. Off, a deletion at the source leaves the replica's
   * copy current, so a deletion can be undone from the replica; a delete of a specific
   * version never replicates either way (S3 User Guide, what is replicated).
   * @default false
   */
  readonly replicateDeleteMarkers?: boolean;
  /**
   * S3 Replication Time Control: 99.99 % of objects replicated within 15 minutes, with
   * replication metrics, at a price per GB.
   * @default false
   */
  readonly replicationTimeControl?: boolean;
  /**
   * The Object Lock mode of the replica (docs/continuity.md): under GOVERNANCE the eraser
   * deletes a retained version by bypassing the lock.
   * @default none: the replica has no Object Lock
   */
  readonly replicaObjectLockMode?: 'GOVERNANCE' | 'COMPLIANCE';
}

/**
 * Cross-Region replication of a tenant's data bucket into its replica, on S3's own engine
 * (a V2 rule on the object prefix, SSE-KMS objects re-encrypted under the replica key),
 * and the one role S3 replicates with. The role reads the source's versions and their
 * tags (the inspection's verdict travels with each copy), decrypts only through S3 in
 * the source region and encrypts only through S3 in the replica region, each for its
 * bucket's encryption context. It cannot read an object as a person would: it has no
 * `s3:GetObject` and only S3 can assume it.
 */
export class TenantReplication extends Construct {
  public readonly role: iam.Role;
  /**
   * The role S3 Batch Operations assumes to replicate what live replication never copied
   * (`suveren continuity replicate`): it may start replication of the source's versions
   * and let S3 list them from the replication configuration; it reads and writes nothing.
   */
  public readonly batchRole: iam.Role;
  private readonly destination: ReplicaDestination;
  private readonly objectPrefix: string;
  private readonly replicaObjectLockMode?: 'GOVERNANCE' | 'COMPLIANCE';
  private readonly sourceRegion: string;

  constructor(scope: Construct, id: string, props: TenantReplicationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { source, destination } = props;
    if (destination.region === stack.region) {
      throw new Error(`TenantReplication ${this.node.path}: the replica must be in another region than ${stack.region}`);
    }
    const sourceBucket = source.bucket;
    const crossAccount = destination.account !== undefined && destination.account !== stack.account;
    this.destination = destination;
    this.objectPrefix = source.objectPrefix;
    this.replicaObjectLockMode = props.replicaObjectLockMode;
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `suveren: S3 replicates ${sourceBucket.node.path} into ${destination.bucketName} (${destination.region}) as this role`,
      // The confused-deputy guard: only S3 acting for this account. Not aws:SourceArn: the
      // source bucket's generated name refers to the key, whose policy names this role, and
      // CloudFormation would see a cycle. Which bucket S3 may read as this role is what its
      // S3 permissions say; who may pass it to S3 is in the reach graph.
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
    });
    const grantee = this.role;
    const destinationArn = this.destinationArn();
    const objectPrefix = `${source.objectPrefix}*`;
    grantee.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadReplicationConfiguration',
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [sourceBucket.bucketArn],
      }),
    );
    grantee.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSourceVersions',
        actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        resources: [sourceBucket.arnForObjects(objectPrefix)],
      }),
    );
    grantee.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteReplicas',
        actions: [
          's3:ReplicateObject',
          's3:ReplicateTags',
          ...(props.replicateDeleteMarkers ? ['s3:ReplicateDelete'] : []),
          ...(crossAccount ? ['s3:ObjectOwnerOverrideToBucketOwner'] : []),
        ],
        resources: [`${destinationArn}/${objectPrefix}`],
      }),
    );
    props.sourceKey.grantS3ReplicationSource(grantee);
    // The replica key's ARN is not known here (another region's stack): the replica region's
    // keys, through S3 there; of those, only the replica key's policy names this role
    // (TenantKey.grantS3ReplicaWriteByRoleName).
    grantee.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptReplicas',
        actions: REPLICA_KEY_ACTIONS,
        resources: [this.replicaKeysArn()],
        conditions: { StringEquals: { 'kms:ViaService': viaServiceName('s3', destination.region) } },
      }),
    );
    acknowledge(this.role, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    acknowledge(
      this.role,
      objectPatternFinding(sourceBucket, source.objectPrefix),
      "Replication reads object versions, so its S3 actions need an object ARN pattern; this one is bounded to the tenant's data bucket and its object prefix.",
    );
    this.acknowledgeReplicaPatterns(this.role, 'S3 replicates into');
    // The source's bucket policy denies data actions to any principal it does not name.
    source.admitPrincipal(this.role.roleArn);

    // S3 Batch Replication (S3 User Guide, "Configuring an IAM role for S3 Batch Replication", with a
    // manifest S3 generates and does not store, and no completion report): versions written before the
    // rule existed, and those whose replication failed, replicate only through a job.
    this.batchRole = new iam.Role(this, 'BatchRole', {
      roleName: props.batchRoleName,
      description: `suveren: S3 Batch Operations replicates the backlog of ${sourceBucket.node.path} (versions never replicated or failed) as this role`,
      assumedBy: new iam.ServicePrincipal(BATCH_OPERATIONS_SERVICE).withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
    });
    this.batchRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'InitiateReplication', actions: ['s3:InitiateReplication'], resources: [sourceBucket.arnForObjects(objectPrefix)] }),
    );
    this.batchRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'GenerateManifest',
        actions: ['s3:GetReplicationConfiguration', 's3:PutInventoryConfiguration'],
        resources: [sourceBucket.bucketArn],
      }),
    );
    acknowledge(this.batchRole, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    acknowledge(
      this.batchRole,
      objectPatternFinding(sourceBucket, source.objectPrefix),
      "Batch Replication starts replication of object versions, so s3:InitiateReplication needs an object ARN pattern; this one is bounded to the tenant's data bucket and its object prefix.",
    );
    this.sourceRegion = stack.region;

    const cfnBucket = sourceBucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.replicationConfiguration = {
      role: this.role.roleArn,
      rules: [
        {
          id: 'replicate-to-replica-region',
          status: 'Enabled',
          priority: 1,
          filter: { prefix: source.objectPrefix },
          deleteMarkerReplication: { status: props.replicateDeleteMarkers ? 'Enabled' : 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: destinationArn,
            // In a replica account, the replicas are that account's (S3 User Guide, changing the replica owner).
            ...(crossAccount ? { account: destination.account, accessControlTranslation: { owner: 'Destination' } } : {}),
            encryptionConfiguration: { replicaKmsKeyId: destination.kmsKeyId },
            ...(props.replicationTimeControl
              ? {
                  replicationTime: { status: 'Enabled', time: { minutes: 15 } },
                  metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } },
                }
              : {}),
          },
        },
      ],
    };
  }

  /**
   * Lets `grantee` read the replica as it reads the source: list it and its versions under
   * the object prefix with their tags, read the versions that carry `readableOnlyWithTag`,
   * and have S3 in the replica region decrypt them. The replica's bucket policy names the
   * tenant's reader (`TenantReplicaStack`), and its key policy the reader's role name.
   */
  public grantReplicaRead(grantee: iam.IGrantable, readableOnlyWithTag?: { readonly key: string; readonly value: string }): iam.Grant {
    const bucketArn = this.destinationArn();
    const prefix = { StringLike: { 's3:prefix': [`${this.objectPrefix}*`] } };
    const list = iam.Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket', 's3:ListBucketVersions'], resourceArns: [bucketArn], conditions: prefix });
    const objects = [`${bucketArn}/${this.objectPrefix}*`];
    const tags = iam.Grant.addToPrincipal({ grantee, actions: ['s3:GetObjectTagging', 's3:GetObjectVersionTagging'], resourceArns: objects });
    const read = iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resourceArns: objects,
      ...(readableOnlyWithTag ? { conditions: { StringEquals: { [`s3:ExistingObjectTag/${readableOnlyWithTag.key}`]: readableOnlyWithTag.value } } } : {}),
    });
    const decrypt = iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:Decrypt'],
      resourceArns: [this.replicaKeysArn()],
      conditions: { StringEquals: { 'kms:ViaService': viaServiceName('s3', this.destination.region) } },
    });
    if (Construct.isConstruct(grantee.grantPrincipal)) this.acknowledgeReplicaPatterns(grantee.grantPrincipal, 'the reader reads');
    return list.combine(tags).combine(read).combine(decrypt);
  }

  /**
   * Lets `grantee`, the tenant's eraser, erase an object's versions in the replica as in the
   * data bucket (`suveren erase --replica-bucket`): list every version and delete marker
   * under the object prefix and delete any of them, nothing of their content. A delete of
   * a specific version never replicates, so an erasure deletes the replica's versions
   * itself. The replica's bucket policy names the eraser (`TenantReplicaStack`).
   */
  public grantReplicaErase(grantee: iam.IGrantable): iam.Grant {
    const bucketArn = this.destinationArn();
    const list = iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucketVersions'],
      resourceArns: [bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${this.objectPrefix}*`] } },
    });
    const remove = iam.Grant.addToPrincipal({
      grantee,
      // Under GOVERNANCE-mode Object Lock a retained version is deleted by bypassing the lock, which the replica's policy allows the eraser alone.
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', ...(this.replicaObjectLockMode === 'GOVERNANCE' ? ['s3:BypassGovernanceRetention'] : [])],
      resourceArns: [`${bucketArn}/${this.objectPrefix}*`],
    });
    if (Construct.isConstruct(grantee.grantPrincipal)) this.acknowledgeObjectPattern(grantee.grantPrincipal, 'the eraser erases in');
    return list.combine(remove);
  }

  /**
   * Lets `grantee` start and follow S3 Batch Replication jobs of the source (`suveren continuity
   * replicate`): create a job whose operation is replication (`s3:RequestJobOperation`), pass
   * it the batch role and nothing else, and describe jobs of the source's region.
   */
  public grantStartBatchReplication(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    const create = iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:CreateJob'],
      resourceArns: ['*'],
      conditions: { StringEquals: { 's3:RequestJobOperation': 'S3ReplicateObject' } },
    });
    const pass = iam.Grant.addToPrincipal({
      grantee,
      actions: ['iam:PassRole'],
      resourceArns: [this.batchRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': BATCH_OPERATIONS_SERVICE } },
    });
    const jobs = stack.formatArn({ service: 's3', region: this.sourceRegion, resource: 'job', resourceName: '*' });
    const describe = iam.Grant.addToPrincipal({ grantee, actions: ['s3:DescribeJob'], resourceArns: [jobs] });
    if (Construct.isConstruct(grantee.grantPrincipal)) {
      acknowledge(
        grantee.grantPrincipal,
        'AwsSolutions-IAM5[Resource::*]',
        's3:CreateJob has no resource type; the statement allows only jobs whose operation is replication (s3:RequestJobOperation), and the only role it may pass them is the batch replication role.',
      );
      acknowledge(
        grantee.grantPrincipal,
        `AwsSolutions-IAM5[Resource::${String(stack.resolve(jobs))}]`,
        "Job ids are chosen by S3 when a job is created; describing a job of the tenant's account in its region reveals its progress, nothing of the data.",
      );
    }
    return create.combine(pass).combine(describe);
  }

  /** The replica's object pattern and the replica region's key pattern, on `principal`'s policy. */
  private acknowledgeReplicaPatterns(principal: IConstruct, who: string): void {
    this.acknowledgeObjectPattern(principal, who);
    acknowledge(
      principal,
      this.wildcardFinding(this.replicaKeysArn()),
      "The replica key is another region's stack's and its ARN is unknown here: the statement allows only what S3 asks in the replica region (kms:ViaService), and of that region's keys only the replica key's own policy names this role.",
    );
  }

  private acknowledgeObjectPattern(principal: IConstruct, who: string): void {
    acknowledge(
      principal,
      this.wildcardFinding(`${this.destinationArn()}/${this.objectPrefix}*`),
      `Object-level S3 actions need an object ARN pattern; this one is bounded to the tenant's replica bucket, which ${who}, and its ${this.objectPrefix} prefix.`,
    );
  }

  /** cdk-nag's IAM5 finding id for a resource pattern the stack resolves to a string. */
  private wildcardFinding(arn: string): string {
    return `AwsSolutions-IAM5[Resource::${String(Stack.of(this).resolve(arn))}]`;
  }

  private replicaKeysArn(): string {
    return Stack.of(this).formatArn({
      service: 'kms',
      region: this.destination.region,
      ...(this.destination.keyAccount === undefined ? {} : { account: this.destination.keyAccount }),
      resource: 'key',
      resourceName: '*',
    });
  }

  private destinationArn(): string {
    return Stack.of(this).formatArn({ service: 's3', region: '', account: '', resource: this.destination.bucketName });
  }
}
