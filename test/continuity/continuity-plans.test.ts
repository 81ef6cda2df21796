import type { ListedVersion } from '@suveren/premises/export/export-plan';
import { currentVersions, judgeCopy, missingReplicaState, replicationState, shuffled } from '@suveren/premises/continuity/drill-plan';
import { planRestore, restoredId } from '@suveren/premises/continuity/restore-plan';
import { checksumHasher, wholeObjectChecksumOf } from '@suveren/premises/s3/object-checksums';

/* The pure cores of `suveren restore` and `suveren continuity drill`, case by case, without S3. */

const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 8, minute));
const version = (key: string, versionId: string, minute: number, extra: Partial<ListedVersion> = {}): ListedVersion => ({
  key: `objects/${key}`,
  versionId,
  lastModified: at(minute),
  deleteMarker: false,
  isLatest: false,
  size: 10,
  ...extra,
});
const marker = (key: string, versionId: string, minute: number) => version(key, versionId, minute, { deleteMarker: true, size: undefined });

describe('planRestore', () => {
  const source = [version('a', 'a1', 1), version('a', 'a2', 5), version('b', 'b1', 2), version('c', 'c1', 3), version('d', 'd1', 4), version('e', 'e1', 20)];

  test('restores what the target lacks or has deleted, newest candidate first, and leaves what it holds', () => {
    const target = [version('a', 'x1', 6), version('b', 'y1', 2), marker('b', 'y2', 7), marker('c', 'z1', 8), marker('c', 'z0', 9)];
    const plan = planRestore(source, target);
    expect(plan.map((p) => [p.key, p.reason, p.candidates.map((c) => c.versionId)])).toEqual([
      ['objects/b', 'deleted', ['b1']],
      ['objects/c', 'deleted', ['c1']],
      ['objects/d', 'absent', ['d1']],
      ['objects/e', 'absent', ['e1']],
    ]);
  });

  test('as of a time: no candidate written after it, and a target version written after it is replaced', () => {
    const target = [version('a', 'x1', 6), version('b', 'y1', 2)];
    const plan = planRestore(source, target, { asOf: at(4) });
    expect(plan.map((p) => [p.key, p.reason, p.candidates.map((c) => c.versionId)])).toEqual([
      ['objects/a', 'changed-after', ['a1']],
      ['objects/c', 'absent', ['c1']],
      ['objects/d', 'absent', ['d1']],
      ['objects/e', 'absent', []],
    ]);
  });

  test('from the same bucket: a delete marker on top brings back the version below it, and again if it is deleted again', () => {
    const own = [version('a', 'a1', 1), version('a', 'a2', 2), marker('a', 'm', 3)];
    expect(planRestore(own, own).map((p) => p.candidates.map((c) => c.versionId))).toEqual([['a2', 'a1']]);
    // Restored by an earlier run, then lost again: the bucket's state decides, not the record.
    expect(planRestore(own, own, { alreadyRestored: new Set([restoredId('objects/a', 'a2')]) }).map((p) => p.key)).toEqual(['objects/a']);
  });

  test('as of a time, a rerun into the same record does not copy again what an earlier run copied (the copy is newer than the time)', () => {
    const own = [version('a', 'a1', 1), version('a', 'bad', 5)];
    expect(planRestore(own, own, { asOf: at(2) }).map((p) => [p.reason, p.candidates.map((c) => c.versionId)])).toEqual([['changed-after', ['a1']]]);
    const afterCopy = [...own, version('a', 'copy-of-a1', 9)];
    expect(planRestore(afterCopy, afterCopy, { asOf: at(2), alreadyRestored: new Set([restoredId('objects/a', 'a1')]) })).toEqual([]);
  });
});

describe('the drill', () => {
  test('current versions: a key whose newest entry is a delete marker has none', () => {
    expect(currentVersions([version('a', 'a1', 1), version('a', 'a2', 2), version('b', 'b1', 1), marker('b', 'm', 2)]).map((v) => v.versionId)).toEqual(['a2']);
  });

  test('replicated by version id, else by the replica not being older; missing otherwise', () => {
    const source = [version('a', 'a1', 1), version('b', 'b1', 5), version('c', 'c1', 5), version('d', 'd1', 5)];
    const replica = [version('a', 'a1', 1), version('b', 'r1', 6), version('c', 'r2', 4)];
    const state = replicationState(source, replica);
    expect(state.replicated.map((p) => [p.source.versionId, p.replica.versionId, p.matchedBy])).toEqual([
      ['a1', 'a1', 'version-id'],
      ['b1', 'r1', 'key'],
    ]);
    expect(state.missing.map((v) => v.versionId)).toEqual(['c1', 'd1']);
  });

  test.each([
    ['PENDING', 'pending'],
    ['FAILED', 'failed'],
    ['COMPLETED', 'removed'],
    [undefined, 'not-replicating'],
    ['REPLICA', 'not-replicating'],
  ] as const)('a missing replica whose source says %s is %s', (status, state) => {
    expect(missingReplicaState(status)).toBe(state);
  });

  test('shuffled keeps every item once', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffled(items);
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled(items, () => 0)).not.toEqual(items);
  });

  const crc = (value: string) => ({ algorithm: 'CRC64NVME' as const, value });
  test.each([
    [
      'verified by the recorded checksums',
      { replicaRecorded: crc('AAA='), replicaComputed: 'AAA=', sourceRecorded: crc('AAA='), replicaSha256: 'x' },
      { ok: true, by: 'CRC64NVME' },
    ],
    [
      'bytes that no longer match what the replica recorded',
      { replicaRecorded: crc('AAA='), replicaComputed: 'BBB=', sourceRecorded: crc('AAA='), replicaSha256: 'x' },
      { ok: false },
    ],
    [
      'a replica whose checksum differs from the source',
      { replicaRecorded: crc('AAA='), replicaComputed: 'AAA=', sourceRecorded: crc('CCC='), replicaSha256: 'x' },
      { ok: false },
    ],
    ['no comparable checksum: both read back, equal', { replicaSha256: 'x', sourceSha256: 'x' }, { ok: true, by: 'SHA-256 of both read back' }],
    ['no comparable checksum: both read back, different', { replicaSha256: 'x', sourceSha256: 'y' }, { ok: false }],
    ['nothing to compare with', { replicaSha256: 'x' }, { ok: false }],
  ])('judgeCopy: %s', (_name, checksums, expected) => {
    expect(judgeCopy(checksums)).toMatchObject(expected);
  });
});

describe('whole-object checksums', () => {
  test('the strongest whole-object checksum S3 records; none from a composite one', () => {
    expect(wholeObjectChecksumOf({ ChecksumCRC32: 'DUoRhQ==', ChecksumCRC64NVME: 'M3eFcAZSQlc=' })).toEqual({ algorithm: 'CRC64NVME', value: 'M3eFcAZSQlc=' });
    expect(wholeObjectChecksumOf({ ChecksumCRC32: 'DUoRhQ==-3' })).toBeUndefined();
    expect(wholeObjectChecksumOf({ ChecksumSHA256: 'abc=', ChecksumType: 'COMPOSITE' })).toBeUndefined();
    expect(wholeObjectChecksumOf({})).toBeUndefined();
  });

  test.each([
    // Values S3 returns for the bytes "hello world".
    ['CRC32', 'DUoRhQ=='],
    ['SHA256', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
  ] as const)('%s over the bytes as S3 gives it', async (algorithm, expected) => {
    const hasher = checksumHasher(algorithm);
    hasher.update(Buffer.from('hello '));
    hasher.update(Buffer.from('world'));
    expect(await hasher.digest()).toBe(expected);
  });
});
