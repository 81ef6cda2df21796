import type { ListedVersion } from '../export/export-plan';

/*
 * What `suveren restore` copies, decided from two version listings: pure, so every case
 * (a key gone from the target, one hidden by a delete marker, one overwritten after the
 * point in time, one restored by an earlier run, one lost again) is tested without S3.
 */

/** Why a key is restored. */
export type RestoreReason =
  /** The target holds no version of the key: a lost bucket, or versions deleted one by one. */
  | 'absent'
  /** The target's newest entry is a delete marker. */
  | 'deleted'
  /** With a point in time: the target's current version was written after it. */
  | 'changed-after';

export interface KeyToRestore {
  readonly key: string;
  readonly reason: RestoreReason;
  /** Source versions that may be copied, newest first (none written after the point in time); the first accepted one is. */
  readonly candidates: readonly ListedVersion[];
}

export interface RestorePlanOptions {
  /** Restore the state as of this time: source versions written later are not candidates, target versions written later are replaced. @default now */
  readonly asOf?: Date;
  /**
   * Keys already restored from these source versions (`key\u0000versionId`), by an earlier run
   * into the same record. Only with `asOf` do they matter: the copy an earlier run made is
   * itself newer than `asOf`. A key the target lacks or has deleted is restored again, even
   * after an earlier run: it was lost again.
   */
  readonly alreadyRestored?: ReadonlySet<string>;
}

const newestFirst = (versions: readonly ListedVersion[]) =>
  [...versions].sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime() || Number(b.isLatest) - Number(a.isLatest));

function byKey(listing: readonly ListedVersion[]): Map<string, ListedVersion[]> {
  const keys = new Map<string, ListedVersion[]>();
  for (const entry of listing) keys.set(entry.key, [...(keys.get(entry.key) ?? []), entry]);
  return keys;
}

export const restoredId = (key: string, sourceVersionId: string) => `${key}\u0000${sourceVersionId}`;

/**
 * The keys of the source to restore into the target, in the source's listing order: each
 * key the target lacks, whose newest entry there is a delete marker, or (with `asOf`) whose
 * current version there is newer than `asOf`. With `asOf`, a key an earlier run restored
 * from one of its candidates is not restored again. Source and target may be the same bucket (a
 * restore from its own older versions).
 */
export function planRestore(source: readonly ListedVersion[], target: readonly ListedVersion[], options: RestorePlanOptions = {}): KeyToRestore[] {
  const targetKeys = byKey(target);
  const plan: KeyToRestore[] = [];
  for (const [key, versions] of byKey(source)) {
    const there = newestFirst(targetKeys.get(key) ?? []);
    let reason: RestoreReason | undefined;
    if (there.length === 0) reason = 'absent';
    else if (there[0].deleteMarker) reason = 'deleted';
    else if (options.asOf && there[0].lastModified.getTime() > options.asOf.getTime()) reason = 'changed-after';
    if (!reason) continue;
    const candidates = newestFirst(versions).filter((v) => !v.deleteMarker && (!options.asOf || v.lastModified.getTime() <= options.asOf.getTime()));
    if (reason === 'changed-after' && candidates.some((v) => options.alreadyRestored?.has(restoredId(key, v.versionId)))) continue;
    plan.push({ key, reason, candidates });
  }
  return plan;
}
