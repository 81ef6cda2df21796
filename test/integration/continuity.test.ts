import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, GetObjectTaggingCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { INSPECTION_TAGS } from '@suveren/core/contracts/upload-layout';
import { replicaBucketName } from '@suveren/core/contracts/continuity';
import type { DrillReport } from '@suveren/premises/continuity/drill';
import type { RestoreManifestLine } from '@suveren/premises/continuity/restore';
import { run } from '../../lib/cli/main';
import { exampleConfig } from '../helpers';
import { type AuthorizedMoto, createVersionedBucket, directClientIn, startAuthorizedMoto, synthesizedStacks } from '../support/authorized-moto';

/*
 * `suveren continuity drill` and `suveren restore` end to end, through the authorizer in
 * front of moto_server: every call is decided by the IAM evaluator over the example's
 * synthesized templates (Lund's replica included) before moto sees it. moto stores a
 * replication configuration but never copies an object, and cannot give a copy its
 * source's version id: the fixtures copy each accepted version into the replica as S3
 * replication would, under a new id, which the drill matches by key. moto labels a
 * CopyObject's CRC64NVME with a CRC32, so the fixtures carry the SDK's default CRC32,
 * which it computes right; S3 itself adds CRC64NVME to every new object.
 */

const config = exampleConfig();
const lund = config.tenants.find((t) => t.id === 'lund-kommun')!;
const REPLICA_REGION = lund.continuity!.replicaRegion as 'eu-west-1';
const REPLICA = replicaBucketName(lund.id, lund.account, REPLICA_REGION);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-continuity-'));
const key = (name: string) => `objects/2026/12/06/${name}`;
let aws: AuthorizedMoto;
let replicaDirect: S3Client;

async function put(client: S3Client, bucket: string, objectKey: string, body: string, verdict: string): Promise<string> {
  const { VersionId } = await client.send(
    new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, Tagging: `${INSPECTION_TAGS.verdict}=${verdict}` }),
  );
  return VersionId!;
}

/** What S3 replication would have written: the same bytes and tags in the replica (moto copies nothing itself). */
async function putAndReplicate(objectKey: string, body: string, verdict: string): Promise<void> {
  await put(aws.direct, aws.names.data, objectKey, body, verdict);
  await put(replicaDirect, REPLICA, objectKey, body, verdict);
}

/** `suveren <args>` in this process, signed as the tenant's `duty` role, through the authorizer. */
async function suveren(duty: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const credentials = aws.proxy.credentialsFor(aws.names.role(duty));
  const env = {
    AWS_ENDPOINT_URL: aws.proxy.endpoint,
    AWS_REGION: aws.tenant.region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  try {
    const code = await run(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) }, false);
    return { code, stdout, stderr };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const drill = (reportFile: string) =>
  suveren('reader', [
    'continuity',
    'drill',
    '--tenant',
    lund.id,
    '--bucket',
    aws.names.data,
    '--replica-bucket',
    REPLICA,
    '--replica-region',
    REPLICA_REGION,
    '--sample',
    '10',
    '--report',
    reportFile,
  ]);

/** `suveren restore` as `duty` from `source` into Lund's data bucket, `scope` its --prefix or --all. */
const restore = (duty: string, source: string, out: string, scope: string[] = ['--all']) =>
  suveren(duty, [
    'restore',
    '--tenant',
    lund.id,
    '--bucket',
    aws.names.data,
    '--source',
    source,
    ...(source === REPLICA ? ['--source-region', REPLICA_REGION] : []),
    ...scope,
    '--out',
    out,
  ]);

async function versionsOf(client: S3Client, bucket: string, objectKey: string) {
  const page = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: objectKey }));
  return { versions: (page.Versions ?? []).filter((v) => v.Key === objectKey), markers: (page.DeleteMarkers ?? []).filter((m) => m.Key === objectKey) };
}

beforeAll(async () => {
  aws = await startAuthorizedMoto(lund.id, { config, stacks: synthesizedStacks(config) });
  replicaDirect = directClientIn(aws, REPLICA_REGION);
  await createVersionedBucket(aws.direct, aws.names.data, lund.region);
  await createVersionedBucket(replicaDirect, REPLICA, REPLICA_REGION);
  await putAndReplicate(key('a-protokoll.pdf'), 'kommunstyrelsens protokoll 2026-11-30', 'accepted');
  await putAndReplicate(key('b-diarium.csv'), 'dnr,ärende\n2026/77,bygglov\n', 'accepted');
  await putAndReplicate(key('c-beslut.pdf'), 'beslut om arkivering', 'accepted');
  await putAndReplicate(key('d-bilaga.pdf'), 'bilaga 1', 'accepted');
  // Uploaded and replicated, not yet inspected: not the reader's to read, so not sampled.
  await putAndReplicate(key('e-inkommet.pdf'), 'inkommen handling', 'pending');
}, 120_000);

afterAll(async () => {
  await aws?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("the drill, as the reader, verifies every sampled replica; the pending upload is not the reader's to sample", async () => {
  const reportFile = path.join(tmp, 'drill.json');
  const result = await drill(reportFile);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as DrillReport;
  expect(report.passed).toBe(true);
  expect(report.sample.verified).toBe(4);
  expect(report.sample.objects.map((o) => o.key).sort()).toEqual(['a-protokoll.pdf', 'b-diarium.csv', 'c-beslut.pdf', 'd-bilaga.pdf'].map(key));
  expect(report.sample.objects.every((o) => o.ok && o.detail === 'CRC32' && o.matchedBy === 'key')).toBe(true);
  expect(report.replication).toMatchObject({ current: 5, replicated: 5, notYetReplicated: 0, observedRpoSeconds: null, failed: [], notAccepted: 0 });
  expect(report.readBack.bytes).toBe(report.sample.objects.reduce((n, o) => n + o.bytes, 0));
  expect(result.stdout).toMatch(/^passed: 4 of 4 sampled replicas verified; 5 of 5 current versions in the replica, 0 on their way, 0 failed/m);
});

test('an accepted object S3 never replicated (no replication status: written before the rule, or while it was off) fails the drill, naming it', async () => {
  // moto reports no x-amz-replication-status, as S3 does for a version no rule applied to.
  const missing = key('f-senaste.pdf');
  const version = await put(aws.direct, aws.names.data, missing, 'senaste handlingen', 'accepted');
  try {
    const result = await drill(path.join(tmp, 'drill-missing.json'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${missing} \\(version ${version}\\): S3 reports no replication status: .* copy it with S3 Batch Replication`));
    expect(result.stdout).toMatch(/^NOT PASSED: 4 of 4 sampled replicas verified; 5 of 6 current versions in the replica, 0 on their way/m);
  } finally {
    await aws.direct.send(new DeleteObjectCommand({ Bucket: aws.names.data, Key: missing, VersionId: version }));
  }
});

test('a corrupted replica fails the drill, naming the object', async () => {
  const corrupted = key('b-diarium.csv');
  const version = await put(replicaDirect, REPLICA, corrupted, 'dnr,ärende\n2026/77,rivningslov\n', 'accepted');
  try {
    const result = await drill(path.join(tmp, 'drill-corrupted.json'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${corrupted} \\(replica version ${version}\\): the replica's CRC32 is \\S+, the data bucket's \\S+`));
    expect(result.stdout).toMatch(/^NOT PASSED: 3 of 4 sampled replicas verified/m);
  } finally {
    await replicaDirect.send(new DeleteObjectCommand({ Bucket: REPLICA, Key: corrupted, VersionId: version }));
  }
});

describe('restore', () => {
  const deleted = key('a-protokoll.pdf');

  beforeAll(async () => {
    // Deleted in the data bucket: a delete marker, which does not replicate (continuity default).
    await aws.direct.send(new DeleteObjectCommand({ Bucket: aws.names.data, Key: deleted }));
  });

  test('a restore names its scope: without --prefix or --all it is refused before any call', async () => {
    const result = await restore('restorer', REPLICA, path.join(tmp, 'unscoped'), []);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'suveren restore: say what to restore: --prefix objects/<part> for part of the bucket, or --all for every key it lacks or has deleted (deleted on purpose included)\n',
    });
    expect(fs.existsSync(path.join(tmp, 'unscoped'))).toBe(false);
  });

  test('as the reader, restore is denied and writes nothing', async () => {
    const before = await versionsOf(aws.direct, aws.names.data, deleted);
    const result = await restore('reader', REPLICA, path.join(tmp, 'restore-as-reader'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${deleted}: S3 refused the copy \\(AccessDenied`));
    expect(await versionsOf(aws.direct, aws.names.data, deleted)).toEqual(before);
  });

  test("as the restorer, the deleted object's last accepted version comes back from the replica, verified and pending inspection; a rerun copies nothing", async () => {
    const out = path.join(tmp, 'restore');
    const result = await restore('restorer', REPLICA, out);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^restored ${deleted} \\(deleted\\) from ${REPLICA} version \\S+ as version \\S+, CRC32 equal$`, 'm'));
    const { versions, markers } = await versionsOf(aws.direct, aws.names.data, deleted);
    expect(markers.map((m) => m.IsLatest)).toEqual([false]);
    const current = versions.find((v) => v.IsLatest)!;
    const body = await (
      await aws.direct.send(new GetObjectCommand({ Bucket: aws.names.data, Key: deleted, VersionId: current.VersionId }))
    ).Body!.transformToString();
    expect(body).toBe('kommunstyrelsens protokoll 2026-11-30');
    const tags = await aws.direct.send(new GetObjectTaggingCommand({ Bucket: aws.names.data, Key: deleted, VersionId: current.VersionId }));
    expect(tags.TagSet).toEqual([{ Key: INSPECTION_TAGS.verdict, Value: 'pending' }]);
    const lines = fs
      .readFileSync(path.join(out, 'restore.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RestoreManifestLine);
    expect(lines).toEqual([
      expect.objectContaining({
        status: 'restored',
        key: deleted,
        reason: 'deleted',
        versionId: current.VersionId,
        checksum: expect.objectContaining({ algorithm: 'CRC32' }),
      }),
    ]);

    const again = await restore('restorer', REPLICA, out);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/^restored objects\//m);
    expect((await versionsOf(aws.direct, aws.names.data, deleted)).versions).toHaveLength(versions.length);
  });

  test("from the data bucket's own versions: the last accepted one, not a newer pending one", async () => {
    const overwritten = key('g-yttrande.pdf');
    await put(aws.direct, aws.names.data, overwritten, 'yttrande, antaget', 'accepted');
    await put(aws.direct, aws.names.data, overwritten, 'yttrande, utkast', 'pending');
    await aws.direct.send(new DeleteObjectCommand({ Bucket: aws.names.data, Key: overwritten }));
    const result = await restore('restorer', aws.names.data, path.join(tmp, 'restore-noncurrent'));
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^restored ${overwritten} \\(deleted\\) from ${aws.names.data} `, 'm'));
    const body = await (await aws.direct.send(new GetObjectCommand({ Bucket: aws.names.data, Key: overwritten }))).Body!.transformToString();
    expect(body).toBe('yttrande, antaget');
  });
});
