import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type ListedVersion, type Verdict, exportFileName, planExport } from '@suveren/premises/export/export-plan';
import { type ExportedLine, appendManifestLine, readManifest, sha256SumsOf } from '@suveren/premises/export/manifest';
import { Readable } from 'node:stream';
import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { exportTenant } from '@suveren/premises/export/export-tenant';

/* What `suveren export` fetches, decided from a version listing and each version's verdict; and where it writes. */

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
const version = (key: string, versionId: string, minute: number, isLatest = false, size = 10): ListedVersion => ({
  key,
  versionId,
  lastModified: at(minute),
  deleteMarker: false,
  isLatest,
  size,
});
const marker = (key: string, versionId: string, minute: number, isLatest = true): ListedVersion => ({
  key,
  versionId,
  lastModified: at(minute),
  deleteMarker: true,
  isLatest,
});

const listing: ListedVersion[] = [
  version('objects/a', 'a1', 1, true),
  // Overwritten: two accepted versions.
  version('objects/b', 'b2', 5, true),
  version('objects/b', 'b1', 2),
  // The newest is still pending: the older accepted one is the export's.
  version('objects/c', 'c2', 6, true),
  version('objects/c', 'c1', 3),
  // Deleted: the newest entry is a delete marker.
  marker('objects/d', 'd-marker', 7),
  version('objects/d', 'd1', 4),
  // Never accepted.
  version('objects/e', 'e1', 4, true),
];
const verdicts: Record<string, Verdict> = { a1: 'accepted', b1: 'accepted', b2: 'accepted', c1: 'accepted', c2: 'pending', d1: 'accepted', e1: 'quarantined' };
const verdictOf = (v: ListedVersion) => verdicts[v.versionId];
const summary = (allVersions: boolean) =>
  planExport(listing, verdictOf, allVersions).map((p) => `${p.action}:${p.version.versionId}${p.action === 'skip' ? `:${p.reason}` : ''}`);

test('by default: the newest accepted version of each key not deleted; pending, unaccepted and hidden versions skipped; delete markers recorded', () => {
  expect(summary(false)).toEqual([
    'fetch:a1',
    'fetch:b2',
    'skip:b1:older-version',
    'skip:c2:pending',
    'fetch:c1',
    'record-delete-marker:d-marker',
    'skip:d1:hidden-by-delete-marker',
    'skip:e1:not-accepted',
  ]);
});

test('with --all-versions: every accepted version, the hidden ones too, and when each became noncurrent', () => {
  expect(summary(true)).toEqual([
    'fetch:a1',
    'fetch:b2',
    'fetch:b1',
    'skip:c2:pending',
    'fetch:c1',
    'record-delete-marker:d-marker',
    'fetch:d1',
    'skip:e1:not-accepted',
  ]);
  const b1 = planExport(listing, verdictOf, true).find((p) => p.version.versionId === 'b1')!;
  expect(b1).toMatchObject({ action: 'fetch', current: false, noncurrentSince: at(5) });
});

test('file names come from hashes: no object key or version id can name a path outside the export, or one a file system refuses', () => {
  const hostile = ['objects/../../etc/passwd', '/etc/shadow', 'objects/\u0000nul', `objects/${'x'.repeat(1024)}`, 'objects/C:\\Windows', 'objects/a/./../b'];
  const names = hostile.map((key) => exportFileName(key, '../../v'));
  for (const name of names) {
    expect(name).toMatch(/^objects\/[0-9a-f]{2}\/[0-9a-f]{64}\.[0-9a-f]{32}$/);
    expect(path.resolve('/export', name).startsWith('/export/objects/')).toBe(true);
  }
  expect(new Set(names).size).toBe(names.length);
  expect(exportFileName('objects/a', 'v1')).not.toBe(exportFileName('objects/a', 'v2'));
});

test('the manifest: a line cut short by an interruption is dropped and cut off; SHA256SUMS lists every file in sha256sum -c form', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-manifest-'));
  try {
    const line: ExportedLine = {
      status: 'exported',
      key: 'objects/a',
      versionId: 'a1',
      current: true,
      file: exportFileName('objects/a', 'a1'),
      size: 3,
      sha256: 'ab'.repeat(32),
      checksum: null,
      lastModified: at(1).toISOString(),
    };
    appendManifestLine(dir, line);
    fs.appendFileSync(path.join(dir, 'manifest.jsonl'), '{"status":"exported","key":"objects/b"');
    expect(readManifest(dir, true)).toEqual([line]);
    expect(fs.readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8')).toBe(`${JSON.stringify(line)}\n`);
    expect(sha256SumsOf([line])).toBe(`${'ab'.repeat(32)}  ${line.file}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('a refused fetch, told apart (S3 stubbed with aws-sdk-client-mock: moto has no KMS behind its SSE)', () => {
  test('the acceptance deny (the verdict changed since listing) and a key that refuses (disabled, sealed) get different reasons; the rest is exported', async () => {
    const s3Mock = mockClient(S3Client);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-refusal-'));
    try {
      const listed = (key: string) => ({ Key: key, VersionId: `${key}-v1`, IsLatest: true, LastModified: at(1), Size: 2 });
      s3Mock
        .on(ListObjectVersionsCommand)
        .resolves({ Versions: [listed('objects/ok'), listed('objects/retagged'), listed('objects/sealed')], IsTruncated: false });
      let retaggedReads = 0;
      s3Mock.on(GetObjectTaggingCommand).callsFake((input: { Key: string }) => {
        if (input.Key === 'objects/retagged' && retaggedReads++ > 0) return { TagSet: [{ Key: 'suveren:inspection', Value: 'pending' }] };
        return { TagSet: [{ Key: 'suveren:inspection', Value: 'accepted' }] };
      });
      s3Mock.on(HeadObjectCommand).resolves({ ContentLength: 2 });
      s3Mock.on(GetObjectCommand, { Key: 'objects/ok' }).callsFake(() => ({ Body: Readable.from([Buffer.from('ok')]) }));
      s3Mock.on(GetObjectCommand, { Key: 'objects/retagged' }).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
      s3Mock
        .on(GetObjectCommand, { Key: 'objects/sealed' })
        .rejects(Object.assign(new Error('The external key store proxy is not reachable'), { name: 'KMS.KMSInvalidStateException' }));
      const { failures, summary } = await exportTenant({
        tenantId: 't',
        bucket: 'b',
        out: dir,
        allVersions: false,
        s3: new S3Client({ region: 'eu-north-1' }),
      });
      expect(summary.counts.exported).toBe(1);
      expect(failures).toEqual([
        expect.stringMatching(/^objects\/retagged .*its inspection verdict is now pending, and the bucket refuses versions not accepted/),
        expect.stringMatching(/^objects\/sealed .*the tenant key refused to decrypt it .*sealed or disconnected/),
      ]);
      // Nothing half written is left, and the manifest has only what is complete.
      expect(readManifest(dir).map((l) => l.key)).toEqual(['objects/ok']);
    } finally {
      s3Mock.restore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
