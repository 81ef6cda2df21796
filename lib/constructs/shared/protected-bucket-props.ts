import { Duration, RemovalPolicy, type aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';

export interface ProtectedBucketOptions {
  /** The customer-managed key the bucket encrypts under (with S3 Bucket Keys). */
  readonly encryptionKey: kms.IKey;
  /** Receives the bucket's server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /** Prefix of this bucket's logs in the log bucket. */
  readonly accessLogPrefix: string;
}

/**
 * What every suveren bucket has, whatever it holds and however it is encrypted: SSE-C
 * refused, public access blocked, ACLs off, TLS 1.2+ only, versioned.
 */
export const BUCKET_BASELINE = {
  blockedEncryptionTypes: [s3.BlockedEncryptionType.SSE_C],
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  versioned: true,
} as const satisfies s3.BucketProps;

/**
 * The protections every bucket of the platform's own (not a tenant's data) starts from:
 * SSE-KMS under a customer-managed key with Bucket Keys, SSE-C refused, public access
 * blocked, ACLs off, TLS 1.2+ only, versioned, logged, retained, incomplete multipart
 * uploads aborted after a day. A construct adds its own lifecycle rules and policy.
 */
export function protectedBucketProps(options: ProtectedBucketOptions): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: options.encryptionKey,
    bucketKeyEnabled: true,
    ...BUCKET_BASELINE,
    serverAccessLogsBucket: options.accessLogBucket,
    serverAccessLogsPrefix: options.accessLogPrefix,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) }],
  };
}
