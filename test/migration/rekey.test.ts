import {
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  S3Client,
  S3ServiceException,
  UpdateObjectEncryptionCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { migrateBuckets } from '../../lib/migration/migrate';
import { type ListedEntry, decideVersion, noncurrentExpiry, summarize, tagsForPartCopy, withNoncurrentSince } from '../../lib/migration/rekey-plan';

const OLD = 'arn:aws:kms:eu-north-1:333333333331:key/11111111-1111-1111-1111-111111111111';
const NEW = 'arn:aws:kms:eu-north-1:444444444444:key/22222222-2222-2222-2222-222222222222';
const accepted = { 'suveren:inspection': 'accepted' };
const at = (iso: string) => new Date(iso);
const settings = { fromKeyArn: OLD, toKeyArn: NEW, method: 'copy' as const, verdictRequired: true, noncurrentDays: 30, now: at('2026-12-02T10:00:00Z') };
const entry = (key: string, versionId: string, lastModified: string, isLatest: boolean, deleteMarker = false): ListedEntry => ({
  key,
  versionId,
  lastModified: at(lastModified),
  isLatest,
  deleteMarker,
});

describe('re-key decisions (pure core of suveren migrate)', () => {
  test('a noncurrent version expires its NoncurrentDays after it became noncurrent, at the next midnight UTC', () => {
    expect(noncurrentExpiry(at('2026-03-02T10:15:00Z'), 30).toISOString()).toBe('2026-04-02T00:00:00.000Z');
    expect(noncurrentExpiry(at('2026-03-02T00:00:00Z'), 1).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  test('each version became noncurrent when the next newer entry of its key was written; delete markers hold no data', () => {
    const versions = withNoncurrentSince([
      entry('objects/a', 'a2', '2026-03-02T00:00:00Z', true),
      entry('objects/a', 'a1', '2026-03-01T00:00:00Z', false),
      entry('objects/b', 'dm', '2026-05-01T00:00:00Z', true, true),
      entry('objects/b', 'b1', '2026-04-01T00:00:00Z', false),
    ]);
    expect(versions.map((v) => [v.versionId, v.noncurrentSince?.toISOString()])).toEqual([
      ['a2', undefined],
      ['a1', '2026-03-02T00:00:00.000Z'],
      ['b1', '2026-05-01T00:00:00.000Z'],
    ]);
  });

  test('copy: the current version is copied (its source expiring from now), a noncurrent one remains until its expiry', () => {
    const [current, old] = withNoncurrentSince([
      entry('objects/a', 'a2', '2026-03-02T00:00:00Z', true),
      entry('objects/a', 'a1', '2026-03-01T00:00:00Z', false),
    ]);
    expect(decideVersion(current, { tags: accepted, kmsKeyArn: OLD }, settings)).toEqual({ action: 'copy', expires: at('2027-01-02T00:00:00Z') });
    expect(decideVersion(old, { tags: accepted, kmsKeyArn: OLD }, settings)).toEqual({
      action: 'none',
      outcome: 'remains',
      expires: at('2026-04-01T00:00:00Z'),
    });
    expect(decideVersion(old, { tags: accepted, kmsKeyArn: OLD }, { ...settings, method: 'update' })).toEqual({ action: 'update' });
  });

  test('unaccepted versions are pending (unreadable), new-key versions are done, other keys are listed', () => {
    const [v] = withNoncurrentSince([entry('objects/a', 'a1', '2026-03-01T00:00:00Z', true)]);
    expect(decideVersion(v, { tags: { 'suveren:inspection': 'pending' }, kmsKeyArn: undefined }, settings)).toMatchObject({
      outcome: 'pending',
      detail: 'verdict pending',
    });
    expect(decideVersion(v, { tags: {}, kmsKeyArn: OLD }, { ...settings, verdictRequired: false })).toMatchObject({ action: 'copy' });
    expect(decideVersion(v, { tags: accepted, kmsKeyArn: NEW }, settings)).toEqual({ action: 'none', outcome: 'already' });
    expect(decideVersion(v, { tags: accepted, kmsKeyArn: 'arn:aws:kms:eu-north-1:1:key/x' }, settings)).toMatchObject({ outcome: 'other-key' });
  });

  test('a part-by-part copy never carries a verdict into a bucket that gates reads on it', () => {
    expect(tagsForPartCopy({ ...accepted, project: 'x' }, true)).toEqual({ project: 'x' });
    expect(tagsForPartCopy({ 'suveren:inspection': 'quarantined' }, false)).toEqual({ 'suveren:inspection': 'quarantined' });
  });

  test('the run is complete only with nothing pending, failed or awaiting inspection', () => {
    const row = (outcome: Parameters<typeof summarize>[0][number]['outcome'], expires?: string) => ({
      bucket: 'b',
      key: 'k',
      versionId: 'v',
      outcome,
      ...(expires ? { expires } : {}),
    });
    expect(summarize([row('copied', '2027-01-02T00:00:00.000Z'), row('remains', '2026-04-02T00:00:00.000Z'), row('already')])).toMatchObject({
      complete: true,
      lastExpiry: '2027-01-02T00:00:00.000Z',
      underOldKey: 2,
    });
    expect(summarize([row('pending')]).complete).toBe(false);
    expect(summarize([row('copied-awaiting-inspection')]).complete).toBe(false);
    expect(summarize([row('failed')]).complete).toBe(false);
  });
});

describe('UpdateObjectEncryption path (moto lacks the API: aws-sdk-client-mock)', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => {
    s3.reset();
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [
        { Key: 'objects/a', VersionId: 'a2', IsLatest: true, LastModified: at('2026-03-02T00:00:00Z'), Size: 10 },
        { Key: 'objects/a', VersionId: 'a1', IsLatest: false, LastModified: at('2026-03-01T00:00:00Z'), Size: 10 },
      ],
    });
    s3.on(GetObjectTaggingCommand).resolves({ TagSet: [{ Key: 'suveren:inspection', Value: 'accepted' }] });
    s3.on(HeadObjectCommand).resolves({ SSEKMSKeyId: OLD });
  });

  test("every version, noncurrent ones included, is re-keyed in place with its version id and the tier's bucket-key setting", async () => {
    s3.on(UpdateObjectEncryptionCommand).resolves({});
    const results = await migrateBuckets(new S3Client({}), {
      buckets: [{ name: 'data', prefix: 'objects/', verdictRequired: true }],
      fromKeyArn: OLD,
      toKeyArn: NEW,
      method: 'update',
      bucketKeyEnabled: false,
      noncurrentDays: 30,
    });
    expect(results.map((r) => [r.versionId, r.outcome])).toEqual([
      ['a2', 'rekeyed'],
      ['a1', 'rekeyed'],
    ]);
    expect(s3.commandCalls(UpdateObjectEncryptionCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'data', Key: 'objects/a', VersionId: 'a2', ObjectEncryption: { SSEKMS: { KMSKeyArn: NEW, BucketKeyEnabled: false } } },
      { Bucket: 'data', Key: 'objects/a', VersionId: 'a1', ObjectEncryption: { SSEKMS: { KMSKeyArn: NEW, BucketKeyEnabled: false } } },
    ]);
  });

  test("a refused version is recorded as failed with S3's reason, and the run goes on to the next", async () => {
    s3.on(UpdateObjectEncryptionCommand, { VersionId: 'a2' }).rejects(
      new S3ServiceException({ name: 'InvalidRequest', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'KMS key of another account' }),
    );
    s3.on(UpdateObjectEncryptionCommand, { VersionId: 'a1' }).resolves({});
    const results = await migrateBuckets(new S3Client({}), {
      buckets: [{ name: 'data', prefix: 'objects/', verdictRequired: true }],
      fromKeyArn: OLD,
      toKeyArn: NEW,
      method: 'update',
      bucketKeyEnabled: true,
      noncurrentDays: 30,
    });
    expect(results.map((r) => [r.versionId, r.outcome, r.detail])).toEqual([
      ['a2', 'failed', 'InvalidRequest: KMS key of another account'],
      ['a1', 'rekeyed', undefined],
    ]);
    expect(summarize(results).complete).toBe(false);
  });
});
