import { Duration, RemovalPolicy, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { protectedBucketProps } from '../shared/protected-bucket-props';
import { pinSseKms } from '../shared/sse-kms-pinning';
import { acknowledge } from '../../compliance/acknowledge';

export interface ConfigDeliveryBucketProps {
  /** The organization whose accounts' AWS Config delivery channels write here. */
  readonly organizationId: string;
  /** Receives the bucket's server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /**
   * How long configuration snapshots and history files are kept.
   * @default 2555 days (seven years, as the audit archive)
   */
  readonly retentionDays?: number;
}

/** Where AWS Config writes: `AWSLogs/<account>/Config/<region>/...` under the delivery channel's prefix. */
const CONFIG_OBJECTS = 'AWSLogs/*/Config/*';

/**
 * The bucket every account's AWS Config delivery channel writes configuration history and
 * snapshots to, in the audit account, under a key of its own. Not the audit archive:
 * AWS Config cannot deliver into a bucket with Object Lock. Config's service principal
 * is admitted for the organization by condition (`aws:SourceOrgID`), never by a list of
 * accounts, and only to write its own prefix; the bucket's protections are the
 * platform's (SSE-KMS pinned to its key, TLS 1.2+, versioned, logged, retained).
 */
export class ConfigDeliveryBucket extends Construct {
  public readonly bucket: s3.Bucket;
  /** The key of the delivery channels (`s3KmsKeyArn`) and of the bucket. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: ConfigDeliveryBucketProps) {
    super(scope, id);
    const fromOrganization = { StringEquals: { 'aws:SourceOrgID': props.organizationId } };
    this.key = new kms.Key(this, 'Key', {
      description: 'suveren AWS Config delivery: configuration history and snapshots of every account',
      enableKeyRotation: true,
      multiRegion: false,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigEncryptsDeliveries',
        principals: [new iam.ServicePrincipal('config.amazonaws.com')],
        // Decrypt: with S3 Bucket Keys, S3 decrypts the bucket-level key on Config's behalf.
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromOrganization,
      }),
    );
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...protectedBucketProps({ encryptionKey: this.key, accessLogBucket: props.accessLogBucket, accessLogPrefix: 'config-delivery/' }),
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-configuration-history', expiration: Duration.days(props.retentionDays ?? 2555), noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    pinSseKms(this.bucket, [this.key.keyArn]);
    const config = new iam.ServicePrincipal('config.amazonaws.com');
    // The two checks Config makes before it delivers, then the delivery, as AWS Config's
    // developer guide gives them (Permissions for the Amazon S3 bucket), for the organization.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigChecksBucket',
        principals: [config],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: fromOrganization,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigDelivers',
        principals: [config],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(CONFIG_OBJECTS)],
        conditions: { StringEquals: { ...fromOrganization.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );
    acknowledge(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Configuration history stays in the audit region, inside the allow-list; every account re-delivers a full snapshot on demand, versioning keeps overwritten files, and S3 stores it across Availability Zones.',
    );
  }
}
