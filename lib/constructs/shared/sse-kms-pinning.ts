import { aws_iam as iam, type aws_s3 as s3 } from 'aws-cdk-lib';

const SSE = 's3:x-amz-server-side-encryption';
const SSE_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';
const SSE_C = 's3:x-amz-server-side-encryption-customer-algorithm';

/**
 * Objects an AWS service writes with SSE-S3 whatever the bucket says (CloudTrail digest
 * files), admitted only for that service acting for the named resources.
 */
export interface SseS3Exemption {
  /** Object ARN pattern of the exempted objects, e.g. `<bucket>/AWSLogs/<org>/*\/CloudTrail-Digest/*`. */
  readonly objectArnPattern: string;
  /** The service principal that writes them (`cloudtrail.amazonaws.com`). */
  readonly servicePrincipal: string;
  /** `aws:SourceArn` values the service writes them for (the trail's ARNs). */
  readonly sourceArns: readonly string[];
}

export interface SseKmsPinningOptions {
  /**
   * Objects a named AWS service may write with SSE-S3.
   * @default none: every PutObject that names an encryption must name aws:kms
   */
  readonly sseS3Exemption?: SseS3Exemption;
}

/**
 * Adds the bucket-policy statements that pin uploads to SSE-KMS under one key: deny a
 * PutObject that names an encryption other than `aws:kms`, names any key but
 * `allowedKeyIds`, asks for `aws:kms` without naming a key (S3 would pick the
 * AWS-managed aws/s3 key), or carries a customer-provided key (SSE-C).
 *
 * Each deny fires only when its header is present: UploadPart, UploadPartCopy and
 * CompleteMultipartUpload are authorized as `s3:PutObject` but carry no SSE headers,
 * and IAM's negated operators (and every `...IfExists` variant) are true when the key is
 * absent, so each negated comparison is paired with `Null: false` on the same key. A
 * request that names no encryption gets the bucket's default key.
 */
export function pinSseKms(bucket: s3.IBucket, allowedKeyIds: readonly string[], options: SseKmsPinningOptions = {}): void {
  const objects = bucket.arnForObjects('*');
  const exemption = options.sseS3Exemption;
  const deny = (
    sid: string,
    conditions: Record<string, Record<string, unknown>>,
    target: { resources?: string[]; notResources?: string[] } = { resources: [objects] },
  ) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], ...target, conditions }),
    );

  const otherEncryption = { StringNotEquals: { [SSE]: 'aws:kms' }, Null: { [SSE]: 'false' } };
  deny('DenyPutWithoutSseKms', otherEncryption, exemption ? { notResources: [exemption.objectArnPattern] } : undefined);
  if (exemption) {
    // Two statements, since conditions in one are ANDed: the exempted objects may carry
    // another encryption only if both the service and the source resource are right.
    const digests = { resources: [exemption.objectArnPattern] };
    deny('DenyExemptPutOutsideService', { ...otherEncryption, StringNotEqualsIfExists: { 'aws:PrincipalServiceName': exemption.servicePrincipal } }, digests);
    deny('DenyExemptPutOutsideSource', { ...otherEncryption, ArnNotEqualsIfExists: { 'aws:SourceArn': [...exemption.sourceArns] } }, digests);
  }
  deny('DenyPutWithOtherKey', {
    StringNotEquals: { [SSE_KEY]: allowedKeyIds.length === 1 ? allowedKeyIds[0] : [...allowedKeyIds] },
    Null: { [SSE_KEY]: 'false' },
  });
  deny('DenySseKmsWithoutKeyId', { StringEquals: { [SSE]: 'aws:kms' }, Null: { [SSE_KEY]: 'true' } });
  deny('DenySseC', { Null: { [SSE_C]: 'false' } });
}
