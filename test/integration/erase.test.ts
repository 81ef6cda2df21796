import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeleteObjectCommand, ListObjectVersionsCommand, PutObjectCommand, PutObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import { INSPECTION_TAGS } from '@suveren/core/contracts/upload-layout';
import { replicaBucketName } from '@suveren/core/contracts/continuity';
import { REPO_ROOT, exampleConfig } from '../helpers';
import { type AuthorizedMoto, createVersionedBucket, directClientIn, startAuthorizedMoto, synthesizedStacks } from '../support/authorized-moto';

/*
 * `suveren erase` end to end, through the authorizer in front of moto_server: every List
 * and Delete is decided by the IAM evaluator over the example's synthesized templates
 * before moto sees it. An object with three versions, a delete marker, a quarantined copy
 * and three versions in the tenant's replica, retained there by Object Lock in GOVERNANCE
 * mode: as the reader the run is denied and deletes nothing; as the eraser everything of the
 * object is gone (the replica's versions by bypassing the lock), and an object whose key
 * merely starts with the same characters stays.
 */

const config = exampleConfig();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-erase-'));
let aws: AuthorizedMoto;
const KEY = 'objects/2026/12/06/5c1f0e2a-0b7d-4c55-9d3e-6f1f4a2b7c10';
const NEIGHBOUR = `${KEY}-kept`;
let firstVersion: string;
const lund = config.tenants.find((t) => t.id === 'lund-kommun')!;
const REPLICA_REGION = lund.continuity!.replicaRegion as 'eu-west-1';
const REPLICA = replicaBucketName(lund.id, lund.account, REPLICA_REGION);
const lock = lund.continuity!.objectLock!;

beforeAll(async () => {
  aws = await startAuthorizedMoto('lund-kommun', { config, stacks: synthesizedStacks(config) });
  for (const bucket of [aws.names.data, aws.names.quarantine]) await createVersionedBucket(aws.direct, bucket, aws.tenant.region);
  const put = (bucket: string, key: string, body: string, verdict: string) =>
    aws.direct.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, Tagging: `${INSPECTION_TAGS.verdict}=${verdict}` }));
  firstVersion = (await put(aws.names.data, KEY, 'version 1', 'quarantined')).VersionId!;
  await put(aws.names.data, KEY, 'version 2', 'accepted');
  await put(aws.names.data, KEY, 'version 3', 'accepted');
  // Deleted once already: a delete marker hides the versions, which versioning keeps.
  await aws.direct.send(new DeleteObjectCommand({ Bucket: aws.names.data, Key: KEY }));
  await put(aws.names.data, NEIGHBOUR, 'another object', 'accepted');
  // The inspection's copy of the rejected first version.
  await put(aws.names.quarantine, `quarantine/${KEY}/${firstVersion}`, 'version 1', 'quarantined');
  // Lund's replica (docs/continuity.md). moto stores a replication configuration but never
  // copies: the versions are put here as S3's replication would have (the delete marker
  // stays behind, as it does when delete markers do not replicate).
  // With the example's Object Lock (GOVERNANCE, 30 days): moto refuses to delete a retained version unless asked to bypass.
  const replicaClient = directClientIn(aws, REPLICA_REGION);
  await createVersionedBucket(replicaClient, REPLICA, REPLICA_REGION);
  await replicaClient.send(
    new PutObjectLockConfigurationCommand({
      Bucket: REPLICA,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: lock.mode, Days: lock.days } } },
    }),
  );
  for (const [body, verdict] of [
    ['version 1', 'pending'],
    ['version 2', 'accepted'],
    ['version 3', 'accepted'],
  ])
    await put(REPLICA, KEY, body, verdict);
  await put(REPLICA, NEIGHBOUR, 'another object', 'accepted');
}, 120_000);
afterAll(async () => {
  await aws?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The built `suveren` command in a child process, signed as `duty`'s role, through the authorizer. */
function erase(duty: string, record: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const credentials = aws.proxy.credentialsFor(aws.names.role(duty));
  const args = [
    'erase',
    '--tenant',
    aws.tenant.id,
    '--key',
    KEY,
    '--bucket',
    aws.names.data,
    '--quarantine-bucket',
    aws.names.quarantine,
    '--replica-bucket',
    REPLICA,
    '--replica-region',
    REPLICA_REGION,
  ];
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin', 'suveren-cli.js'), ...args, '--reason', 'Art. 17 request KS 2026/77', '--record', record],
    {
      env: {
        PATH: process.env.PATH,
        HOME: tmp,
        AWS_ENDPOINT_URL: aws.proxy.endpoint,
        AWS_REGION: aws.tenant.region,
        NODE_NO_WARNINGS: '1',
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** What moto holds, seen directly: every version and delete marker, as `key@version`. */
async function stored(bucket: string): Promise<string[]> {
  const page = await aws.direct.send(new ListObjectVersionsCommand({ Bucket: bucket }));
  return [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => `${v.Key}@${v.VersionId}`).sort();
}

test('as the reader, erase is denied and deletes nothing', async () => {
  const everything = async () => [...(await stored(aws.names.data)), ...(await stored(aws.names.quarantine)), ...(await stored(REPLICA))];
  const before = await everything();
  const run = await erase('reader', path.join(tmp, 'reader.json'));
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/could not delete .* AccessDenied/);
  expect(await everything()).toEqual(before);
  const record = JSON.parse(fs.readFileSync(path.join(tmp, 'reader.json'), 'utf8')) as { deleted: unknown[]; remaining: unknown[] };
  expect(record.deleted).toEqual([]);
  expect(record.remaining).toHaveLength(8);
});

test("the replica's Object Lock holds in moto: a retained version is not deleted without the bypass", async () => {
  const retained = (await stored(REPLICA)).find((v) => v.startsWith(`${KEY}@`))!;
  await expect(
    directClientIn(aws, REPLICA_REGION).send(new DeleteObjectCommand({ Bucket: REPLICA, Key: KEY, VersionId: retained.split('@')[1] })),
  ).rejects.toMatchObject({ name: 'AccessDenied' });
  expect(await stored(REPLICA)).toContain(retained);
});

test("as the eraser, every version of the object, its quarantine copy and its replica's versions are gone, each printed and recorded; the neighbour stays", async () => {
  const run = await erase('eraser', path.join(tmp, 'eraser.json'));
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout.match(/^deleted /gm)).toHaveLength(8);
  expect(run.stdout).toMatch(/\(delete marker\)/);
  expect(run.stdout).toMatch(/erased .*: 8 version\(s\) deleted, none left/);
  expect((await stored(aws.names.data)).map((v) => v.split('@')[0])).toEqual([NEIGHBOUR]);
  expect(await stored(aws.names.quarantine)).toEqual([]);
  // A delete by version id never replicates: the erasure deleted the replica's versions itself, through the authorizer in its
  // region, bypassing their Object Lock (GOVERNANCE), which the replica's bucket policy allows the eraser alone.
  expect((await stored(REPLICA)).map((v) => v.split('@')[0])).toEqual([NEIGHBOUR]);
  const record = JSON.parse(fs.readFileSync(path.join(tmp, 'eraser.json'), 'utf8')) as {
    key: string;
    reason: string;
    deleted: { bucket: string; key: string; versionId: string }[];
    remaining: unknown[];
  };
  expect(record).toMatchObject({ key: KEY, reason: 'Art. 17 request KS 2026/77', remaining: [] });
  expect(record.deleted.map((d) => d.bucket).sort()).toEqual([...Array(4).fill(aws.names.data), aws.names.quarantine, ...Array(3).fill(REPLICA)].sort());
  expect(record.deleted.some((d) => d.key === `quarantine/${KEY}/${firstVersion}`)).toBe(true);
});

test('a key outside objects/ is refused before any call', async () => {
  const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'suveren-cli.js'), 'erase', '--tenant', 't', '--key', 'quarantine/x', '--bucket', 'b'], {
      env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  expect(run).toEqual({ code: 2, stderr: expect.stringMatching(/quarantine\/x is not an object key: objects are stored under objects\//) });
});
