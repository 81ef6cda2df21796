import { aws_iam as iam, type aws_s3 as s3 } from 'aws-cdk-lib';

/**
 * Adds the bucket-policy statements that pin uploads to SSE-KMS under one key: deny a
 * PutObject that names an encryption other than `aws:kms`, names any key but
 * `allowedKeyIds`, or asks for `aws:kms` without naming a key (S3 would pick the
 * AWS-managed aws/s3 key). The denies use `IfExists`: UploadPart and
 * CompleteMultipartUpload are authorized as `s3:PutObject` but carry no SSE headers, and
 * a request that names no encryption gets the bucket's default key.
 */
export function pinSseKms(bucket: s3.IBucket, allowedKeyIds: readonly string[]): void {
  const objects = bucket.arnForObjects('*');
  const deny = (sid: string, conditions: Record<string, Record<string, unknown>>) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [objects], conditions }),
    );
  deny('DenyPutWithoutSseKms', { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } });
  deny('DenyPutWithOtherKey', {
    StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': allowedKeyIds.length === 1 ? allowedKeyIds[0] : [...allowedKeyIds] },
  });
  deny('DenySseKmsWithoutKeyId', {
    StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
    Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'true' },
  });
}
