import { createHash } from 'node:crypto';
import { INSPECTION_VERDICTS } from '@suveren/core/contracts/upload-layout';

/*
 * What an export fetches, decided from the bucket's version listing and each version's
 * inspection verdict: pure, so every case (a pending overwrite, a delete marker, a
 * quarantined version, several versions) is tested without S3.
 */

/** One entry of ListObjectVersions: an object version or a delete marker. */
export interface ListedVersion {
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: Date;
  readonly deleteMarker: boolean;
  readonly isLatest: boolean;
  /** Bytes; delete markers have none. */
  readonly size?: number;
}

/** The inspection verdict of a version (its `suveren:inspection` tag), or undefined if it has none. */
export type Verdict = (typeof INSPECTION_VERDICTS)[keyof typeof INSPECTION_VERDICTS] | undefined;

/** What the export does with one version. */
export type Planned =
  | { readonly action: 'fetch'; readonly version: ListedVersion; readonly current: boolean; readonly noncurrentSince?: Date }
  | { readonly action: 'record-delete-marker'; readonly version: ListedVersion }
  | { readonly action: 'skip'; readonly version: ListedVersion; readonly reason: 'pending' | 'not-accepted' | 'hidden-by-delete-marker' | 'older-version' };

/**
 * The plan for every key: by default the newest accepted version of each key whose newest
 * entry is not a delete marker; with `allVersions`, every accepted version. Delete markers
 * are always recorded, versions not accepted (pending, quarantined, untagged) never
 * fetched. Keys in listing order, versions newest first.
 */
export function planExport(listing: readonly ListedVersion[], verdictOf: (v: ListedVersion) => Verdict, allVersions: boolean): Planned[] {
  const byKey = new Map<string, ListedVersion[]>();
  for (const entry of listing) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
  const plan: Planned[] = [];
  for (const versions of byKey.values()) {
    const newestFirst = [...versions].sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime() || Number(b.isLatest) - Number(a.isLatest));
    const hidden = newestFirst[0]?.deleteMarker === true;
    let exported = false;
    newestFirst.forEach((version, i) => {
      if (version.deleteMarker) {
        plan.push({ action: 'record-delete-marker', version });
        return;
      }
      const verdict = verdictOf(version);
      if (verdict !== INSPECTION_VERDICTS.accepted) {
        plan.push({ action: 'skip', version, reason: verdict === INSPECTION_VERDICTS.pending ? 'pending' : 'not-accepted' });
        return;
      }
      // A version becomes noncurrent when the next newer entry is written.
      const noncurrentSince = i > 0 ? newestFirst[i - 1].lastModified : undefined;
      if (allVersions) {
        plan.push({ action: 'fetch', version, current: i === 0, noncurrentSince });
      } else if (hidden) {
        plan.push({ action: 'skip', version, reason: 'hidden-by-delete-marker' });
      } else if (!exported) {
        plan.push({ action: 'fetch', version, current: i === 0, noncurrentSince });
      } else {
        plan.push({ action: 'skip', version, reason: 'older-version' });
      }
      exported = true;
    });
  }
  return plan;
}

/**
 * The file a version is written to, relative to the export directory: never built from
 * the object key or its metadata, so no key (`../`, an absolute path, a NUL, 1,024 bytes)
 * can name a path outside the directory or one the file system refuses. The manifest maps
 * it back to the key.
 */
export function exportFileName(key: string, versionId: string): string {
  const keyHash = createHash('sha256').update(key, 'utf8').digest('hex');
  const versionHash = createHash('sha256').update(versionId, 'utf8').digest('hex').slice(0, 32);
  return `objects/${keyHash.slice(0, 2)}/${keyHash}.${versionHash}`;
}
