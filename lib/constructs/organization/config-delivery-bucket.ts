import { Duration, RemovalPolicy, Stack, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { viaServiceName } from '../../regions';
import { Construct } from 'constructs';
import { protectedBucketProps } from '../shared/protected-bucket-props';
import { pinSseKms } from '../shared/sse-kms-pinning';
import { acknowledge } from '../../compliance/acknowledge';
import { CONFIG_DELIVERY_KEY_ALIAS, CONFIG_RECORDER_ROLE_PREFIX } from '@suveren/core/contracts/names';

export interface ConfigDeliveryBucketProps {
  /** The organization whose accounts' AWS Config delivery channels write here. */
  readonly organizationId: string;
  /** The partition of the audit region, for the recorder roles' ARN pattern. */
  readonly partition: string;
  /** The bucket's name, which every account's delivery channel names (configDeliveryBucketName). */
  readonly bucketName: string;
  /** Receives the bucket's server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /**
   * How long configuration snapshots and history files are kept.
   * @default 2555 days (seven years, as the audit archive)
   */
  readonly retentionDays?: number;
}

/**
 * Where AWS Config writes: `AWSLogs/<account>/Config/<region>/...`; each recorder only
 * under its own account (a policy variable, resolved by IAM at request time).
 */
const CONFIG_OBJECTS = 'AWSLogs/${aws:PrincipalAccount}/Config/*';

/**
 * The bucket every account's AWS Config delivery channel writes configuration history and
 * snapshots to, in the audit account, under a key of its own. Not the audit archive:
 * AWS Config cannot deliver into a bucket with Object Lock.
 *
 * Config writes as the recorder's role when the bucket admits it, else as its service
 * principal; as the service principal it "won't work with organization ID or
 * organization units based conditions" (developer guide, Permissions for the Amazon S3
 * Bucket), which would leave only a list of 1,100 accounts. So every account's recorder
 * uses a role named CONFIG_RECORDER_ROLE_PREFIX<region>, and the bucket and key admit those
 * names in any account of the organization (`aws:PrincipalOrgID`), only to write its own
 * prefix. The delivery channels name the key by its alias (CONFIG_DELIVERY_KEY_ALIAS): the
 * key's id is not known when the baseline StackSet is synthesized, and AWS Config takes a
 * key or alias ARN (developer guide, Managing the Delivery Channel).
 * The bucket's protections are the platform's (SSE-KMS pinned to its key, TLS 1.2+,
 * versioned, logged, retained).
 */
export class ConfigDeliveryBucket extends Construct {
  public readonly bucket: s3.Bucket;
  /** The key of the delivery channels (`s3KmsKeyArn`) and of the bucket. */
  public readonly key: kms.Key;
  /** The ARN of the key's alias, which the delivery channels name. */
  public readonly keyAliasArn: string;

  constructor(scope: Construct, id: string, props: ConfigDeliveryBucketProps) {
    super(scope, id);
    const recorders = new iam.AnyPrincipal();
    // The recorder role, in any account of the organization: both keys are fixed values, so S3 does not count the policy as public.
    const recorderConditions = {
      StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
      ArnLike: { 'aws:PrincipalArn': `arn:${props.partition}:iam::*:role/${CONFIG_RECORDER_ROLE_PREFIX}*` },
    };
    this.key = new kms.Key(this, 'Key', {
      description: 'suveren AWS Config delivery: configuration history and snapshots of every account',
      enableKeyRotation: true,
      multiRegion: false,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
      alias: CONFIG_DELIVERY_KEY_ALIAS,
    });
    const stack = Stack.of(this);
    this.keyAliasArn = `arn:${props.partition}:kms:${stack.region}:${stack.account}:${CONFIG_DELIVERY_KEY_ALIAS}`;
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'RecordersEncryptDeliveries',
        principals: [recorders],
        // Decrypt: with S3 Bucket Keys, S3 decrypts the bucket-level key for the writer.
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          ...recorderConditions,
          StringEquals: { ...recorderConditions.StringEquals, 'kms:ViaService': viaServiceName('s3', Stack.of(this).region) },
        },
      }),
    );
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      ...protectedBucketProps({ encryptionKey: this.key, accessLogBucket: props.accessLogBucket, accessLogPrefix: 'config-delivery/' }),
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-configuration-history', expiration: Duration.days(props.retentionDays ?? 2555), noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    // Delivery channels name the alias: S3 sees the alias ARN in the request's key id.
    pinSseKms(this.bucket, [this.key.keyArn, this.keyAliasArn]);
    // The checks Config makes before it delivers, then the delivery (developer guide,
    // Permissions for the Amazon S3 Bucket), for the recorder roles of the organization.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'RecordersCheckBucket',
        principals: [recorders],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: recorderConditions,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'RecordersDeliver',
        principals: [recorders],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(CONFIG_OBJECTS)],
        conditions: recorderConditions,
      }),
    );
    acknowledge(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Configuration history stays in the audit region, inside the allow-list; every account re-delivers a full snapshot on demand, versioning keeps overwritten files, and S3 stores it across Availability Zones.',
    );
  }
}
