import { randomInt as cryptoRandomInt } from 'node:crypto';
import type { ListedVersion } from '../export/export-plan';
import type { WholeObjectChecksum } from '../s3/object-checksums';

/*
 * The pure core of `suveren continuity drill`: which of the data bucket's current versions
 * the replica holds, which to sample, and what a sampled copy's checksums say.
 *
 * S3 replication gives a replica the source version's id (S3 User Guide, what does Amazon
 * S3 replicate). A copy made otherwise has a new id: a restore into a rebuilt data bucket
 * writes new versions whose replicas then carry the new ids, while the replica's older
 * copies keep theirs. So a current version counts as replicated when the replica holds its
 * id, or else when the replica's newest version of the key is not older than it; the
 * sampled checksums then say whether the content is the same.
 */

/** Each key's newest entry, when it is a version (a key whose newest entry is a delete marker is deleted). */
export function currentVersions(listing: readonly ListedVersion[]): ListedVersion[] {
  const newest = new Map<string, ListedVersion>();
  for (const v of listing) {
    const seen = newest.get(v.key);
    if (!seen || v.lastModified.getTime() > seen.lastModified.getTime() || (v.lastModified.getTime() === seen.lastModified.getTime() && v.isLatest))
      newest.set(v.key, v);
  }
  return [...newest.values()].filter((v) => !v.deleteMarker);
}

export interface ReplicatedPair {
  readonly source: ListedVersion;
  readonly replica: ListedVersion;
  /** How the pair was found: the same version id, or the replica's newest version of the key. */
  readonly matchedBy: 'version-id' | 'key';
}

export interface ReplicationState {
  readonly replicated: readonly ReplicatedPair[];
  /** Current versions of the data bucket the replica does not hold yet (or any more). */
  readonly missing: readonly ListedVersion[];
}

/** Which current versions of the data bucket the replica holds. */
export function replicationState(source: readonly ListedVersion[], replica: readonly ListedVersion[]): ReplicationState {
  const byId = new Map(replica.filter((v) => !v.deleteMarker).map((v) => [`${v.key}\u0000${v.versionId}`, v]));
  const replicaCurrent = new Map(currentVersions(replica).map((v) => [v.key, v]));
  const replicated: ReplicatedPair[] = [];
  const missing: ListedVersion[] = [];
  for (const v of currentVersions(source)) {
    const same = byId.get(`${v.key}\u0000${v.versionId}`);
    const newest = replicaCurrent.get(v.key);
    if (same) replicated.push({ source: v, replica: same, matchedBy: 'version-id' });
    else if (newest && newest.lastModified.getTime() >= v.lastModified.getTime()) replicated.push({ source: v, replica: newest, matchedBy: 'key' });
    else missing.push(v);
  }
  return { replicated, missing };
}

/** `items` in a random order (Fisher-Yates): the drill takes from the front until it has its sample. */
export function shuffled<T>(items: readonly T[], randomInt: (max: number) => number = cryptoRandomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** What the checksums of one sampled copy say. */
export type CopyVerdict = { readonly ok: true; readonly by: string } | { readonly ok: false; readonly why: string };

export interface CopyChecksums {
  /** What the replica's version records. */
  readonly replicaRecorded?: WholeObjectChecksum;
  /** The same algorithm, computed over the bytes the reader got from the replica. */
  readonly replicaComputed?: string;
  /** What the data bucket's version records. */
  readonly sourceRecorded?: WholeObjectChecksum;
  /** SHA-256 (hex) of the bytes read from the replica and, when no recorded checksum compares, from the data bucket. */
  readonly replicaSha256: string;
  readonly sourceSha256?: string;
}

/**
 * A sampled copy verifies when its bytes match what the replica recorded for them, and the
 * replica's checksum equals the data bucket's (the same algorithm); where the two record no
 * comparable checksum, when the SHA-256 of both versions' bytes is the same.
 */
export function judgeCopy(c: CopyChecksums): CopyVerdict {
  if (c.replicaRecorded && c.replicaComputed !== undefined && c.replicaComputed !== c.replicaRecorded.value)
    return { ok: false, why: `its bytes have ${c.replicaRecorded.algorithm} ${c.replicaComputed}, the replica recorded ${c.replicaRecorded.value}` };
  if (c.replicaRecorded && c.sourceRecorded && c.replicaRecorded.algorithm === c.sourceRecorded.algorithm) {
    return c.replicaRecorded.value === c.sourceRecorded.value
      ? { ok: true, by: c.replicaRecorded.algorithm }
      : { ok: false, why: `the replica's ${c.replicaRecorded.algorithm} is ${c.replicaRecorded.value}, the data bucket's ${c.sourceRecorded.value}` };
  }
  if (c.sourceSha256 === undefined) return { ok: false, why: 'no checksum to compare the copy with: neither a recorded one nor the source read back' };
  return c.sourceSha256 === c.replicaSha256
    ? { ok: true, by: 'SHA-256 of both read back' }
    : { ok: false, why: `SHA-256 of the replica's bytes is ${c.replicaSha256}, of the data bucket's ${c.sourceSha256}` };
}

/** What a current version the replica lacks is, by S3's replication status of it (x-amz-replication-status). */
export type MissingReplicaState = 'pending' | 'failed' | 'removed' | 'not-replicating';

/**
 * PENDING is on its way: the lag. FAILED will not arrive by itself. COMPLETED means S3 wrote a
 * replica the replica no longer holds. No status at all means no rule applied when the version
 * was written (before replication was on, or while its rule was off): it never replicates.
 */
export function missingReplicaState(status: string | undefined): MissingReplicaState {
  if (status === 'PENDING') return 'pending';
  if (status === 'FAILED') return 'failed';
  if (status === 'COMPLETED') return 'removed';
  return 'not-replicating';
}

/** Why a missing replica fails the drill, with what to do. */
export const MISSING_REPLICA_REASONS: Readonly<Record<Exclude<MissingReplicaState, 'pending'>, string>> = {
  failed: 'S3 reports its replication FAILED; copy it with S3 Batch Replication (docs/continuity.md)',
  removed: 'S3 reports it replicated, and the replica does not hold it: it was removed there',
  'not-replicating':
    'S3 reports no replication status: it was written before replication was on or while the rule was off, so it never replicates by itself; copy it with S3 Batch Replication (docs/continuity.md)',
};
