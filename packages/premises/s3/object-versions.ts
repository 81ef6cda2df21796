import { ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ListedVersion } from '../export/export-plan';

/*
 * Every version and delete marker under a prefix, page by page: what `suveren export` and
 * `suveren erase` both start from. S3's own errors are thrown as they come; each command
 * says what they mean for it.
 */
export async function listObjectVersions(s3: S3Client, bucket: string, prefix: string): Promise<ListedVersion[]> {
  const listed: ListedVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
    for (const v of page.Versions ?? [])
      listed.push({
        key: v.Key!,
        versionId: v.VersionId ?? 'null',
        lastModified: v.LastModified!,
        deleteMarker: false,
        isLatest: v.IsLatest ?? false,
        size: v.Size,
      });
    for (const m of page.DeleteMarkers ?? [])
      listed.push({ key: m.Key!, versionId: m.VersionId ?? 'null', lastModified: m.LastModified!, deleteMarker: true, isLatest: m.IsLatest ?? false });
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  return listed;
}
