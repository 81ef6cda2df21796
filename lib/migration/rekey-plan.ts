import { INSPECTION_TAGS, INSPECTION_VERDICTS } from '@suveren/core/contracts/upload-layout';

/*
 * The pure core of `suveren migrate`: given the versions a bucket lists and what S3 says
 * of each (its tags and its SSE-KMS key), what to do with it and, for a version that
 * keeps the old key, when the bucket's lifecycle expires it. No I/O here.
 */

/** How versions move to the new key. */
export type ReKeyMethod = 'update' | 'copy';

/** One entry of ListObjectVersions: a version or a delete marker. */
export interface ListedEntry {
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: Date;
  readonly isLatest: boolean;
  readonly deleteMarker: boolean;
  readonly size?: number;
  readonly etag?: string;
}

/** A version, with the time it stopped being current (undefined while it is). */
export interface ListedVersion extends ListedEntry {
  readonly noncurrentSince?: Date;
}

export type VersionOutcome =
  /** Already under the new key: nothing to do (a rerun, or written after the raise). */
  | 'already'
  /** Re-keyed in place by UpdateObjectEncryption: same version id, new key. */
  | 'rekeyed'
  /** Copied over itself under the new key: a new current version; the old one remains until it expires. */
  | 'copied'
  /** Copied part by part (above the single-copy limit) without the verdict, which only the inspection writes. */
  | 'copied-awaiting-inspection'
  /** Still under the old key until the bucket's lifecycle expires it (copy method, noncurrent versions). */
  | 'remains'
  /** Not accepted by the inspection yet: unreadable, so not re-keyed; run again once it is decided. */
  | 'pending'
  /** Under neither key: left as it is and listed. */
  | 'other-key'
  /** S3 refused or failed: listed with its error; nothing was changed for it. */
  | 'failed';

export interface VersionResult {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly outcome: VersionOutcome;
  /** The version written by a copy. */
  readonly newVersionId?: string;
  /** For `remains`: when the lifecycle rule expire-noncurrent-versions deletes it (ISO 8601). */
  readonly expires?: string;
  /** The key it is under, for `other-key`; the error, for `failed`; the verdict, for `pending`. */
  readonly detail?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When S3 Lifecycle expires a noncurrent version: the time it became noncurrent plus
 * `noncurrentDays`, rounded up to the next midnight UTC (Amazon S3 User Guide, "Lifecycle
 * configuration elements", NoncurrentDays). A version that is still current has no date.
 */
export function noncurrentExpiry(noncurrentSince: Date, noncurrentDays: number): Date {
  const due = noncurrentSince.getTime() + noncurrentDays * DAY_MS;
  return new Date(Math.ceil(due / DAY_MS) * DAY_MS);
}

/**
 * Each version with the time it became noncurrent: when the next newer entry of the same
 * key (a version or a delete marker) was written. Delete markers are left out: they hold
 * no data and no key.
 */
export function withNoncurrentSince(entries: readonly ListedEntry[]): ListedVersion[] {
  const byKey = new Map<string, ListedEntry[]>();
  for (const entry of entries) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
  const versions: ListedVersion[] = [];
  for (const [, list] of [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const newestFirst = [...list].sort((a, b) => Number(b.isLatest) - Number(a.isLatest) || b.lastModified.getTime() - a.lastModified.getTime());
    newestFirst.forEach((entry, i) => {
      if (entry.deleteMarker) return;
      versions.push(i === 0 ? entry : { ...entry, noncurrentSince: newestFirst[i - 1].lastModified });
    });
  }
  return versions;
}

export interface VersionFacts {
  /** The version's tags, or undefined when S3 refused to show them. */
  readonly tags: Readonly<Record<string, string>> | undefined;
  /** The SSE-KMS key ARN S3 reports for it; undefined when it could not be read. */
  readonly kmsKeyArn: string | undefined;
}

export interface DecisionSettings {
  readonly fromKeyArn: string;
  readonly toKeyArn: string;
  readonly method: ReKeyMethod;
  /** Whether the bucket's objects must carry the accepted verdict before anyone but the inspection reads them. */
  readonly verdictRequired: boolean;
  readonly noncurrentDays: number;
  /** The time the run started: a copied version becomes noncurrent about then. */
  readonly now: Date;
}

export type VersionAction =
  | {
      readonly action: 'none';
      readonly outcome: Exclude<VersionOutcome, 'rekeyed' | 'copied' | 'copied-awaiting-inspection' | 'failed'>;
      readonly expires?: Date;
      readonly detail?: string;
    }
  | { readonly action: 'update' }
  | { readonly action: 'copy'; readonly expires: Date };

/** Whether the version may be read: the inspection accepted it, where the bucket asks for that. */
export function isReadable(tags: Readonly<Record<string, string>> | undefined, verdictRequired: boolean): boolean {
  return !verdictRequired || tags?.[INSPECTION_TAGS.verdict] === INSPECTION_VERDICTS.accepted;
}

/** What to do with one version. `facts.kmsKeyArn` is only read for readable versions. */
export function decideVersion(version: ListedVersion, facts: VersionFacts, settings: DecisionSettings): VersionAction {
  if (!isReadable(facts.tags, settings.verdictRequired)) {
    return { action: 'none', outcome: 'pending', detail: `verdict ${facts.tags?.[INSPECTION_TAGS.verdict] ?? 'none'}` };
  }
  if (facts.kmsKeyArn === settings.toKeyArn) return { action: 'none', outcome: 'already' };
  if (facts.kmsKeyArn !== settings.fromKeyArn) return { action: 'none', outcome: 'other-key', detail: facts.kmsKeyArn ?? 'no SSE-KMS key' };
  if (settings.method === 'update') return { action: 'update' };
  if (version.noncurrentSince === undefined) {
    // The copy becomes current; this version, still under the old key, becomes noncurrent now.
    return { action: 'copy', expires: noncurrentExpiry(settings.now, settings.noncurrentDays) };
  }
  return { action: 'none', outcome: 'remains', expires: noncurrentExpiry(version.noncurrentSince, settings.noncurrentDays) };
}

/** The tags a copy carries: all of the source's, but the verdict only where a single copy carries it unasked (S3 copies tags; nobody but the inspection may set a verdict). */
export function tagsForPartCopy(tags: Readonly<Record<string, string>>, verdictRequired: boolean): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !(verdictRequired && key === INSPECTION_TAGS.verdict)));
}

export interface MigrationSummary {
  readonly counts: Readonly<Record<VersionOutcome, number>>;
  /** Versions still under the old key, and when the last of them expires (ISO 8601), if any. */
  readonly underOldKey: number;
  readonly lastExpiry?: string;
  /** Whether the run is done: nothing pending or failed, so only expiring versions remain under the old key. */
  readonly complete: boolean;
}

export function summarize(results: readonly VersionResult[]): MigrationSummary {
  const counts: Record<VersionOutcome, number> = {
    already: 0,
    rekeyed: 0,
    copied: 0,
    'copied-awaiting-inspection': 0,
    remains: 0,
    pending: 0,
    'other-key': 0,
    failed: 0,
  };
  for (const r of results) counts[r.outcome]++;
  // A copied version's source stays under the old key until it expires, as listed with it.
  const expiring = results.filter((r) => r.expires !== undefined).map((r) => r.expires!);
  const underOldKey = counts.remains + counts.copied + counts['copied-awaiting-inspection'] + counts.pending + counts.failed;
  return {
    counts,
    underOldKey,
    ...(expiring.length > 0 ? { lastExpiry: expiring.sort()[expiring.length - 1] } : {}),
    complete: counts.pending === 0 && counts.failed === 0 && counts['copied-awaiting-inspection'] === 0,
  };
}
