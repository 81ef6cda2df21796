import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  type S3Client,
  S3ServiceException,
  UpdateObjectEncryptionCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { MULTIPART_MAX_PART_BYTES } from '@suveren/core/contracts/upload-layout';
import {
  type ListedEntry,
  type ListedVersion,
  type ReKeyMethod,
  type VersionResult,
  decideVersion,
  isReadable,
  tagsForPartCopy,
  withNoncurrentSince,
} from './rekey-plan';

/*
 * `suveren migrate`'s adapter: lists a bucket's versions, asks S3 what each is, and
 * re-keys it as the pure core (rekey-plan.ts) decides. Every S3 call is one the
 * migration role's policies allow (TenantMigrationRole); a refusal of one version is
 * recorded and the run goes on.
 */

export interface MigratedBucket {
  readonly name: string;
  /** The prefix the tenant's objects live under (`objects/`, `quarantine/`). */
  readonly prefix: string;
  /** Whether the inspection's accepted verdict gates reads (the data bucket). */
  readonly verdictRequired: boolean;
}

export interface MigrationOptions {
  readonly buckets: readonly MigratedBucket[];
  readonly fromKeyArn: string;
  readonly toKeyArn: string;
  readonly method: ReKeyMethod;
  /** Whether objects written under the new key use S3 Bucket Keys (the tier decides). */
  readonly bucketKeyEnabled: boolean;
  readonly noncurrentDays: number;
  /** Only report what would be done. @default false */
  readonly dryRun?: boolean;
  /** Above this size a copy goes part by part (CopyObject stops at 5 GiB). @default MULTIPART_MAX_PART_BYTES */
  readonly copyPartBytes?: number;
  /** @default new Date() */
  readonly now?: Date;
  /** Called after each version, for progress. */
  readonly onVersion?: (result: VersionResult) => void;
}

const errorText = (e: unknown) => (e instanceof S3ServiceException ? `${e.name}: ${e.message}` : e instanceof Error ? e.message : String(e));
const isAccessDenied = (e: unknown) => e instanceof S3ServiceException && (e.name === 'AccessDenied' || e.$metadata.httpStatusCode === 403);

/** A copy source, as S3 wants it: bucket/key URL-encoded, with the version. */
function copySource(bucket: string, key: string, versionId: string): string {
  return `${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}?versionId=${encodeURIComponent(versionId)}`;
}

async function listEntries(client: S3Client, bucket: MigratedBucket): Promise<ListedEntry[]> {
  const entries: ListedEntry[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await client.send(
      new ListObjectVersionsCommand({ Bucket: bucket.name, Prefix: bucket.prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
    );
    for (const v of page.Versions ?? [])
      entries.push({
        key: v.Key!,
        versionId: v.VersionId ?? 'null',
        lastModified: v.LastModified!,
        isLatest: v.IsLatest ?? false,
        deleteMarker: false,
        size: v.Size,
        etag: v.ETag,
      });
    for (const m of page.DeleteMarkers ?? [])
      entries.push({ key: m.Key!, versionId: m.VersionId ?? 'null', lastModified: m.LastModified!, isLatest: m.IsLatest ?? false, deleteMarker: true });
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  return entries;
}

export async function migrateBuckets(client: S3Client, options: MigrationOptions): Promise<VersionResult[]> {
  const now = options.now ?? new Date();
  const results: VersionResult[] = [];
  for (const bucket of options.buckets) {
    const versions = withNoncurrentSince(await listEntries(client, bucket));
    for (const version of versions) {
      const result = await migrateVersion(client, bucket, version, { ...options, now });
      results.push(result);
      options.onVersion?.(result);
    }
  }
  return results;
}

async function migrateVersion(
  client: S3Client,
  bucket: MigratedBucket,
  version: ListedVersion,
  options: MigrationOptions & { now: Date },
): Promise<VersionResult> {
  const where = { Bucket: bucket.name, Key: version.key, VersionId: version.versionId };
  const base = { bucket: bucket.name, key: version.key, versionId: version.versionId };
  try {
    const tagSet = (await client.send(new GetObjectTaggingCommand(where))).TagSet ?? [];
    const tags = Object.fromEntries(tagSet.map((t) => [t.Key ?? '', t.Value ?? '']));
    let kmsKeyArn: string | undefined;
    let contentType: string | undefined;
    let metadata: Record<string, string> | undefined;
    if (isReadable(tags, bucket.verdictRequired)) {
      const head = await client.send(new HeadObjectCommand(where));
      kmsKeyArn = head.SSEKMSKeyId;
      contentType = head.ContentType;
      metadata = head.Metadata;
    }
    const decision = decideVersion(version, { tags, kmsKeyArn }, { ...options, verdictRequired: bucket.verdictRequired });
    switch (decision.action) {
      case 'none':
        return {
          ...base,
          outcome: decision.outcome,
          ...(decision.expires ? { expires: decision.expires.toISOString() } : {}),
          ...(decision.detail ? { detail: decision.detail } : {}),
        };
      case 'update':
        if (!options.dryRun) {
          await client.send(
            new UpdateObjectEncryptionCommand({
              ...where,
              ObjectEncryption: { SSEKMS: { KMSKeyArn: options.toKeyArn, BucketKeyEnabled: options.bucketKeyEnabled } },
            }),
          );
        }
        return { ...base, outcome: 'rekeyed' };
      case 'copy': {
        const expires = decision.expires.toISOString();
        if (options.dryRun) return { ...base, outcome: 'copied', expires };
        const partBytes = options.copyPartBytes ?? MULTIPART_MAX_PART_BYTES;
        const encryption = { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: options.toKeyArn, BucketKeyEnabled: options.bucketKeyEnabled };
        const source = copySource(bucket.name, version.key, version.versionId);
        // Only while the version is still the current one: a newer upload since the listing wins.
        const ifMatch = version.etag ? { IfMatch: version.etag } : {};
        if ((version.size ?? 0) <= partBytes) {
          const copied = await client.send(
            new CopyObjectCommand({
              Bucket: bucket.name,
              Key: version.key,
              CopySource: source,
              ...encryption,
              MetadataDirective: 'COPY',
              TaggingDirective: 'COPY',
              ...ifMatch,
            }),
          );
          return { ...base, outcome: 'copied', newVersionId: copied.VersionId, expires };
        }
        const carried = tagsForPartCopy(tags, bucket.verdictRequired);
        const created = await client.send(
          new CreateMultipartUploadCommand({
            Bucket: bucket.name,
            Key: version.key,
            ...encryption,
            ContentType: contentType,
            Metadata: metadata,
            ...(Object.keys(carried).length > 0 ? { Tagging: new URLSearchParams(carried).toString() } : {}),
          }),
        );
        const upload = { Bucket: bucket.name, Key: version.key, UploadId: created.UploadId };
        try {
          const parts = [];
          const size = version.size ?? 0;
          for (let start = 0, partNumber = 1; start < size; start += partBytes, partNumber++) {
            const end = Math.min(size, start + partBytes) - 1;
            const part = await client.send(
              new UploadPartCopyCommand({ ...upload, PartNumber: partNumber, CopySource: source, CopySourceRange: `bytes=${start}-${end}` }),
            );
            parts.push({ PartNumber: partNumber, ETag: part.CopyPartResult?.ETag });
          }
          const completed = await client.send(new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: parts }, ...ifMatch }));
          const carriesVerdict = Object.keys(carried).length === Object.keys(tags).length;
          return { ...base, outcome: carriesVerdict ? 'copied' : 'copied-awaiting-inspection', newVersionId: completed.VersionId, expires };
        } catch (e) {
          // Nothing half-copied is left: the abort drops the parts, the source is untouched.
          await client.send(new AbortMultipartUploadCommand(upload));
          throw e;
        }
      }
    }
  } catch (e) {
    return { ...base, outcome: 'failed', detail: isAccessDenied(e) ? `access denied: ${errorText(e)}` : errorText(e) };
  }
}
