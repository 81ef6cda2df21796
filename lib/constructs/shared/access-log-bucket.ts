import { Duration, RemovalPolicy, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BUCKET_BASELINE } from './protected-bucket-props';
import { acknowledge } from '../../compliance/acknowledge';
import { SovereigntyRuleIds } from '../../compliance/rule-ids';

export interface AccessLogBucketProps {
  /**
   * Days server access logs are kept before S3 expires them.
   * @default 730 (two years)
   */
  readonly retentionDays?: number;
  /**
   * What happens to the bucket and its logs when it is removed from the stack.
   * @default RemovalPolicy.RETAIN: logs are evidence
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Destination of S3 server access logs for a tenant's buckets: private, versioned,
 * TLS 1.2+ only, ACLs disabled, with a lifecycle that expires old logs.
 *
 * Encrypted with SSE-S3, not SSE-KMS: S3 server access log delivery only supports
 * SSE-S3 on the destination bucket. The logs hold request metadata (who, when, which
 * key), not object contents.
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 730;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      // Log delivery never uses a customer-provided key (SSE-C); nobody else may either.
      ...BUCKET_BASELINE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-old-access-logs',
          expiration: Duration.days(retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    const sseS3 =
      'S3 server access log delivery supports only SSE-S3 on the destination bucket; the logs hold request metadata, not object contents, and the bucket is private, TLS-only and versioned.';
    const noSelfLogging =
      'This bucket is the access-log destination; logging it into itself would recurse. Requests to it are recorded by the organization trail.';
    acknowledge(this.bucket, SovereigntyRuleIds.S3CmkEncryption, sseS3);
    acknowledge(this.bucket, 'AwsSolutions-S1', noSelfLogging);
    acknowledge(this.bucket, 'NIST.800.53.R5-S3BucketLoggingEnabled', noSelfLogging);
    acknowledge(this.bucket, 'NIST.800.53.R5-S3DefaultEncryptionKMS', sseS3);
    acknowledge(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Cross-region replication would copy data to a second region; durability comes from S3 storing objects across Availability Zones of one allowed region.',
    );
  }
}
