import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { AccessDecision, AccessEvaluator, AccessRequest } from './evaluate';

/*
 * An S3 API call as the IAM requests AWS authorizes for it: the S3 action (and, for a
 * tagged write, PutObjectTagging), with the request's headers as condition keys, and
 * for SSE-KMS objects the KMS call S3 then makes with the caller's identity
 * (`kms:ViaService` s3.<region>, `kms:CallerAccount`). The call succeeds only if every
 * one of them is allowed. Which KMS action each call needs follows the S3 API
 * reference: GenerateDataKey to write, Decrypt to read and for multipart parts and
 * part copies.
 */

export type S3Operation =
  | 'PutObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'UploadPartCopy'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'GetObject'
  | 'HeadObject'
  | 'GetObjectTagging'
  | 'PutObjectTagging'
  | 'CopyObject'
  | 'DeleteObject'
  | 'ListObjects'
  | 'ListObjectVersions'
  | 'UpdateObjectEncryption'
  | 'PutBucketPolicy';

export interface S3Call {
  readonly principal: string;
  readonly operation: S3Operation;
  readonly bucket: string;
  /** The object key; absent for bucket operations. */
  readonly key?: string;
  readonly versionId?: string;
  /** `aws:RequestedRegion`. @default the bucket's region */
  readonly region?: string;
  /** SSE headers the request carries. */
  readonly encryption?: { readonly algorithm?: string; readonly keyId?: string; readonly customerAlgorithm?: string };
  /** Tags the request sets (`x-amz-tagging`, POST `tagging`, PutObjectTagging). */
  readonly requestTags?: Record<string, string>;
  /** Tags the object already has (for reads, tagging and copies of it). */
  readonly existingTags?: Record<string, string>;
  /** The key the stored object (or the upload in progress) is encrypted under. @default the bucket's default key */
  readonly objectKeyArn?: string;
  /** For copies: the source. */
  readonly source?: {
    readonly bucket: string;
    readonly key: string;
    readonly versionId?: string;
    readonly existingTags?: Record<string, string>;
    readonly keyArn?: string;
  };
  /** For CopyObject: whether the copy takes the source's tags (x-amz-tagging-directive COPY, the default). @default true */
  readonly copiesTags?: boolean;
  /** For UpdateObjectEncryption: the key the object is re-keyed onto. */
  readonly newKeyArn?: string;
  /** For listings: `s3:prefix`. */
  readonly prefix?: string;
  /**
   * For DeleteObject: whether it asks to bypass a GOVERNANCE-mode Object Lock
   * (`x-amz-bypass-governance-retention: true`), which S3 authorizes as `s3:BypassGovernanceRetention` too.
   * @default false
   */
  readonly bypassGovernance?: boolean;
  /** Transport, for attack cases. @default TLS 1.3 */
  readonly transport?: { readonly secure: boolean; readonly tlsVersion?: string };
  /** Identity policies of a principal the templates do not define. */
  readonly identityPolicies?: AccessRequest['identityPolicies'];
  /** The principal's permissions boundary, where the templates do not hold it. */
  readonly permissionsBoundary?: AccessRequest['permissionsBoundary'];
}

export interface S3CallDecision {
  readonly allowed: boolean;
  /** Every request evaluated, in order; the first denied one decides. */
  readonly decisions: readonly AccessDecision[];
  readonly denied?: AccessDecision;
}

const tagContext = (prefix: string, tags: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(tags ?? {}).map(([k, v]) => [`${prefix}/${k}`, v]));

export async function decideS3Call(evaluator: AccessEvaluator, call: S3Call): Promise<S3CallDecision> {
  const bucket = evaluator.deployed.buckets.get(call.bucket);
  if (!bucket) throw new Error(`no bucket ${call.bucket} in the synthesized templates`);
  const partition = bucket.arn.split(':')[1];
  const region = call.region ?? bucket.region;
  const objectArn = (b: string, k: string) => `arn:${partition}:s3:::${b}/${k}`;
  const transport = {
    'aws:SecureTransport': String(call.transport?.secure ?? true),
    's3:TlsVersion': call.transport?.secure === false ? undefined : (call.transport?.tlsVersion ?? '1.3'),
  };
  const base = { principal: call.principal, region, identityPolicies: call.identityPolicies, permissionsBoundary: call.permissionsBoundary };
  const requests: AccessRequest[] = [];
  const s3 = (action: string, resource: string, context: Record<string, string | string[] | undefined> = {}) =>
    requests.push({ ...base, action, resource, context: { ...transport, ...context } });
  /** A KMS request S3 makes for the caller, in the region of the bucket the object is in (`at`: the source of a copy). */
  const kms = (action: string, keyArn: string | undefined, at: { region: string; arn: string } = { region, arn: bucket.arn }) => {
    if (!keyArn) return;
    requests.push({
      ...base,
      region: at.region,
      action,
      resource: keyArn,
      context: {
        // The service's endpoint name: amazonaws.com, or the partition's own suffix (amazonaws.eu in aws-eusc).
        'kms:ViaService': `s3.${at.region}.${RegionInfo.get(at.region).domainSuffix ?? 'amazonaws.com'}`,
        'kms:CallerAccount': call.principal.split(':')[4] ?? '',
        'kms:EncryptionContext:aws:s3:arn': at.arn,
      },
    });
  };
  /**
   * Where S3 decrypts a copy's source: its own bucket's region and encryption context. A
   * copy from another region's bucket is decrypted by S3 there (the replica key's policy
   * admits only S3 of its own region); only a real cross-region copy confirms which
   * endpoint KMS sees (docs/continuity.md).
   */
  const sourceOf = (source: NonNullable<S3Call['source']>) => {
    const deployed = evaluator.deployed.buckets.get(source.bucket);
    return {
      keyArn: source.keyArn ?? deployed?.defaultKeyArn,
      at: deployed ? { region: deployed.region, arn: deployed.arn } : { region, arn: `arn:${partition}:s3:::${source.bucket}` },
    };
  };
  const sse: Record<string, string> = {};
  if (call.encryption?.algorithm) sse['s3:x-amz-server-side-encryption'] = call.encryption.algorithm;
  if (call.encryption?.keyId) sse['s3:x-amz-server-side-encryption-aws-kms-key-id'] = call.encryption.keyId;
  if (call.encryption?.customerAlgorithm) sse['s3:x-amz-server-side-encryption-customer-algorithm'] = call.encryption.customerAlgorithm;
  const writeKey = call.encryption?.customerAlgorithm
    ? undefined
    : (call.encryption?.keyId ?? (call.encryption?.algorithm === 'AES256' ? undefined : bucket.defaultKeyArn));
  const storedKey = call.objectKeyArn ?? bucket.defaultKeyArn;
  const key = call.key ?? '';
  const versioned = call.versionId !== undefined;
  const requestTags = tagContext('s3:RequestObjectTag', call.requestTags);
  const existingTags = tagContext('s3:ExistingObjectTag', call.existingTags);

  switch (call.operation) {
    case 'PutObject':
    case 'CreateMultipartUpload':
      s3('s3:PutObject', objectArn(call.bucket, key), { ...sse, ...requestTags });
      if (call.requestTags) s3('s3:PutObjectTagging', objectArn(call.bucket, key), requestTags);
      kms('kms:GenerateDataKey', writeKey);
      break;
    case 'UploadPart':
    case 'CompleteMultipartUpload':
      // No SSE headers: the upload's encryption was fixed when it was created.
      s3('s3:PutObject', objectArn(call.bucket, key));
      kms('kms:Decrypt', storedKey);
      break;
    case 'UploadPartCopy': {
      const source = call.source!;
      s3(
        source.versionId ? 's3:GetObjectVersion' : 's3:GetObject',
        objectArn(source.bucket, source.key),
        tagContext('s3:ExistingObjectTag', source.existingTags),
      );
      s3('s3:PutObject', objectArn(call.bucket, key));
      kms('kms:Decrypt', sourceOf(source).keyArn, sourceOf(source).at);
      kms('kms:Decrypt', storedKey);
      break;
    }
    case 'CopyObject': {
      const source = call.source!;
      s3(
        source.versionId ? 's3:GetObjectVersion' : 's3:GetObject',
        objectArn(source.bucket, source.key),
        tagContext('s3:ExistingObjectTag', source.existingTags),
      );
      // Copying the source's tags reads them (S3 API reference, CopyObject: x-amz-tagging-directive).
      if (call.copiesTags !== false && !call.requestTags && Object.keys(source.existingTags ?? {}).length > 0)
        s3(
          source.versionId ? 's3:GetObjectVersionTagging' : 's3:GetObjectTagging',
          objectArn(source.bucket, source.key),
          tagContext('s3:ExistingObjectTag', source.existingTags),
        );
      s3('s3:PutObject', objectArn(call.bucket, key), { ...sse, ...requestTags });
      if (call.requestTags) s3('s3:PutObjectTagging', objectArn(call.bucket, key), requestTags);
      kms('kms:Decrypt', sourceOf(source).keyArn, sourceOf(source).at);
      kms('kms:GenerateDataKey', writeKey);
      break;
    }
    case 'UpdateObjectEncryption':
      // The caller's permissions the S3 API reference lists: the S3 action, and KMS to
      // unwrap the object's data key under its key and wrap it under the new one.
      s3('s3:UpdateObjectEncryption', objectArn(call.bucket, key), existingTags);
      kms('kms:Decrypt', storedKey);
      kms('kms:ReEncryptFrom', storedKey);
      kms('kms:ReEncryptTo', call.newKeyArn);
      kms('kms:GenerateDataKey', call.newKeyArn);
      kms('kms:Encrypt', call.newKeyArn);
      break;
    case 'AbortMultipartUpload':
      s3('s3:AbortMultipartUpload', objectArn(call.bucket, key));
      break;
    case 'GetObject':
      s3(versioned ? 's3:GetObjectVersion' : 's3:GetObject', objectArn(call.bucket, key), existingTags);
      kms('kms:Decrypt', storedKey);
      break;
    case 'HeadObject':
      // Authorized as GetObject; S3 decrypts nothing for it.
      s3(versioned ? 's3:GetObjectVersion' : 's3:GetObject', objectArn(call.bucket, key), existingTags);
      break;
    case 'GetObjectTagging':
      s3(versioned ? 's3:GetObjectVersionTagging' : 's3:GetObjectTagging', objectArn(call.bucket, key), existingTags);
      break;
    case 'PutObjectTagging':
      s3(versioned ? 's3:PutObjectVersionTagging' : 's3:PutObjectTagging', objectArn(call.bucket, key), { ...existingTags, ...requestTags });
      break;
    case 'DeleteObject':
      s3(versioned ? 's3:DeleteObjectVersion' : 's3:DeleteObject', objectArn(call.bucket, key));
      if (call.bypassGovernance) s3('s3:BypassGovernanceRetention', objectArn(call.bucket, key));
      break;
    case 'ListObjects':
      s3('s3:ListBucket', bucket.arn, call.prefix !== undefined ? { 's3:prefix': call.prefix } : {});
      break;
    case 'ListObjectVersions':
      s3('s3:ListBucketVersions', bucket.arn, call.prefix !== undefined ? { 's3:prefix': call.prefix } : {});
      break;
    case 'PutBucketPolicy':
      s3('s3:PutBucketPolicy', bucket.arn);
      break;
    default:
      throw new Error(`unknown S3 operation ${String(call.operation)}`);
  }
  const decisions: AccessDecision[] = [];
  for (const request of requests) {
    const decision = await evaluator.decide({ ...request, resourceAccount: request.action.startsWith('s3:') ? bucket.account : undefined });
    decisions.push(decision);
    if (!decision.allowed) return { allowed: false, decisions, denied: decision };
  }
  return { allowed: true, decisions };
}
