import { Duration, RemovalPolicy, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BUCKET_BASELINE } from '../shared/protected-bucket-props';
import { pinSseKms } from '../shared/sse-kms-pinning';
import { acknowledge } from '../../compliance/acknowledge';

export interface AuditArchiveBucketProps {
  /** Days every log object is locked in compliance mode: nobody, root included, can delete it sooner. */
  readonly retentionDays: number;
  /** Key the archive is encrypted with (the trail's key). */
  readonly encryptionKey: kms.IKey;
  /** Bucket that receives the archive's own S3 server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /**
   * ARNs of the principals allowed to change the bucket's configuration (the platform's
   * deployment role). Everyone else is denied, whatever their IAM policies say.
   */
  readonly configurationPrincipalArns: readonly string[];
  /**
   * The organization trail whose digest files (log file validation) land here. CloudTrail
   * writes digests with SSE-S3 whatever the trail's key, so for that trail, under
   * `AWSLogs/<organization>/<account>/CloudTrail-Digest/`, SSE-S3 is admitted.
   * @default none: every object must be SSE-KMS under the trail key
   */
  readonly digestWriter?: { readonly organizationId: string; readonly trailArns: readonly string[] };
}

/**
 * The log archive: S3 Object Lock in compliance mode for the configured retention,
 * versioned, SSE-KMS pinned to the trail key, private, TLS 1.2+ only, its own access logs, and a bucket policy
 * that denies deleting objects or versions and changing the bucket's configuration.
 * Object Lock makes deletion impossible until retention ends; the policy makes the
 * attempt visible as an explicit deny in the trail.
 */
export class AuditArchiveBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AuditArchiveBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      ...BUCKET_BASELINE,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'audit-archive/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    // CloudTrail names the trail's key; accept its ARN and its id, nothing else.
    pinSseKms(
      this.bucket,
      [props.encryptionKey.keyArn, props.encryptionKey.keyId],
      props.digestWriter
        ? {
            sseS3Exemption: {
              objectArnPattern: this.bucket.arnForObjects(`AWSLogs/${props.digestWriter.organizationId}/*/CloudTrail-Digest/*`),
              servicePrincipal: 'cloudtrail.amazonaws.com',
              sourceArns: props.digestWriter.trailArns,
            },
          }
        : {},
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyDeletingLogs',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutObjectRetention', 's3:PutObjectLegalHold'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyConfigurationChangesOutsidePlatform',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [
          's3:PutBucketPolicy',
          's3:DeleteBucketPolicy',
          's3:PutEncryptionConfiguration',
          's3:PutBucketVersioning',
          's3:PutLifecycleConfiguration',
          's3:PutBucketObjectLockConfiguration',
          's3:PutBucketPublicAccessBlock',
          's3:PutBucketLogging',
          's3:DeleteBucket',
        ],
        resources: [this.bucket.bucketArn],
        conditions: { StringNotLike: { 'aws:PrincipalArn': [...props.configurationPrincipalArns] } },
      }),
    );
    acknowledge(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'The log archive stays in the audit region, inside the allow-list; Object Lock in compliance mode and versioning protect it against deletion, and S3 stores it across Availability Zones.',
    );
  }
}
