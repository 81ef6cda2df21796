import { CreateBucketCommand, GetObjectCommand, GetObjectLockConfigurationCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { run } from '../../lib/cli/main';
import { readCheckpointFiles } from '@suveren/premises/xks-proxy/audit-checkpoints';
import { GENESIS, lineHash } from '@suveren/premises/xks-proxy/audit-log';
import { readS3Checkpoints } from '@suveren/premises/xks-proxy/audit-checkpoint-s3';
import { verifyAuditLog } from '@suveren/premises/xks-proxy/audit-verify';
import { loadProxyConfig } from '@suveren/premises/xks-proxy/proxy-config';
import { type RunningProxy, startXksProxy } from '@suveren/premises/xks-proxy/server';
import { type MotoServer, startMotoServer } from '../support/moto-server';
import { XksClient } from '../support/xks-client';
import { EXTERNAL_KEY, URI_PATH, type XksFixture, configureCheckpoints, createXksFixture, s3Metadata, startSyslogSink } from '../support/xks-proxy-fixture';
import { createPublicKey } from 'node:crypto';

/*
 * The XKS proxy's audit log as an operator runs it: checkpoints signed inside SoftHSM with
 * the key `suveren xks-proxy checkpoint-key` made, sent to an S3 bucket with Object Lock
 * (moto_server on 127.0.0.1, started here) and to a remote syslog (a TCP listener on
 * 127.0.0.1, started here), and `suveren xks-proxy verify-log` reading them back. moto
 * stores Object Lock settings but does not enforce retention: that a locked checkpoint
 * cannot be overwritten or deleted is S3's (docs/xks-proxy.md says what only AWS shows).
 */

const BUCKET = 'suveren-xks-checkpoints';

let fixture: XksFixture;
let moto: MotoServer;
let proxy: RunningProxy;
let client: XksClient;
let syslog: net.Server;
const syslogFile = () => path.join(fixture.dir, 'remote-syslog.log');

async function capture(argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, false);
  return { code, out, err };
}

const encrypt = (c = client) =>
  c.call(
    `${URI_PATH}/keys/${EXTERNAL_KEY}/encrypt`,
    { requestMetadata: s3Metadata('Encrypt'), plaintext: Buffer.from('audited').toString('base64'), encryptionAlgorithm: 'AES_GCM' },
    { credential: fixture.credentials[0] },
  );

const stateRecords = () =>
  fs
    .readFileSync(fixture.auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; event?: string; by?: string; seq: number })
    .filter((r) => r.type === 'state');

beforeAll(async () => {
  moto = await startMotoServer();
  Object.assign(process.env, { AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'eu-north-1' });
  const s3 = new S3Client({ region: 'eu-north-1', forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET, ObjectLockEnabledForBucket: true, CreateBucketConfiguration: { LocationConstraint: 'eu-north-1' } }));
  expect((await s3.send(new GetObjectLockConfigurationCommand({ Bucket: BUCKET }))).ObjectLockConfiguration?.ObjectLockEnabled).toBe('Enabled');
  fixture = await createXksFixture();
  syslog = await startSyslogSink(syslogFile());
  const made = await configureCheckpoints(
    fixture,
    { s3: { bucket: BUCKET, region: 'eu-north-1', retentionDays: 2555 }, syslog: { host: '127.0.0.1', port: (syslog.address() as net.AddressInfo).port } },
    100_000,
  );
  expect(made).toMatch(/^created ECDSA P-256 key pair "xks-audit-checkpoint" .*sign only\)\npublic key written to/);
  process.env.SUVEREN_PKCS11_PIN = fixture.hsm.pin;
  // Never made twice: a second run finds the pair and writes the same public key.
  const publicKey = fs.readFileSync(path.join(fixture.dir, 'audit-checkpoint.pem'));
  expect(await capture(['xks-proxy', 'checkpoint-key', '--config', fixture.configFile])).toMatchObject({
    code: 0,
    out: expect.stringMatching(/^found ECDSA P-256/),
  });
  expect(fs.readFileSync(path.join(fixture.dir, 'audit-checkpoint.pem'))).toEqual(publicKey);
  proxy = await startXksProxy(loadProxyConfig(fixture.configFile), { pin: fixture.hsm.pin, version: 'test' });
  client = new XksClient(proxy.port, fixture.ca);
}, 60_000);

afterAll(async () => {
  client?.close();
  await proxy?.close();
  await new Promise((resolve) => syslog?.close(resolve));
  await moto?.stop();
  fixture?.remove();
  delete process.env.AWS_ENDPOINT_URL;
  delete process.env.SUVEREN_PKCS11_PIN;
});

test('10 seal/unseal pairs under 32-client signed load: every change logged once, by the proxy, and the chain intact', async () => {
  let running = true;
  const statuses: number[] = [];
  const load = async () => {
    while (running) statuses.push((await encrypt()).status);
  };
  const clients = Array.from({ length: 32 }, load);
  for (let pair = 0; pair < 10; pair++) {
    expect((await capture(['xks-proxy', 'seal', '--config', fixture.configFile, '--reason', `drill ${pair}`])).code).toBe(0);
    // Some pairs last long enough for the load to see the seal, some are lifted before the proxy looks.
    await new Promise((r) => setTimeout(r, pair % 2 === 0 ? 300 : 0));
    expect((await capture(['xks-proxy', 'unseal', '--config', fixture.configFile, '--reason', `drill ${pair} over`])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 1_500));
  running = false;
  await Promise.all(clients);
  expect(statuses.length).toBeGreaterThan(100);
  expect(statuses.filter((s) => s !== 200 && s !== 400)).toEqual([]);
  expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(0);
  const changes = stateRecords().filter((r) => r.event === 'sealed' || r.event === 'unsealed');
  expect(changes.map((r) => r.event)).toEqual(Array.from({ length: 10 }, () => ['sealed', 'unsealed']).flat());
  expect(changes.every((r) => /^uid \d+ \(/.test(r.by ?? ''))).toBe(true);
  const verified = verifyAuditLog(fixture.auditFile, []);
  expect(verified).toMatchObject({ breaks: [], intact: true });
  expect(await capture(['xks-proxy', 'verify-log', '--config', fixture.configFile, '--checkpoints', path.join(fixture.dir, 'none')])).toMatchObject({
    code: 2,
    err: expect.stringMatching(/--checkpoints .*none does not exist/),
  });
  // The chain holds; but with checkpoints configured and none exported yet, nothing vouches for the log.
  const early = await capture(['xks-proxy', 'verify-log', '--config', fixture.configFile]);
  expect(early.code).toBe(1);
  expect(early.err).toMatch(/hash chain: intact\n/);
  expect(early.err).toMatch(/PROBLEM audit\.checkpoints is configured, but no valid checkpoint of xks-audit\.jsonl was found/);
}, 60_000);

describe('checkpoints, exported off the host', () => {
  let checkpointSeq: number;

  test('a forced checkpoint is signed in the HSM and lands in the S3 bucket and the remote syslog; verify-log reads it from either', async () => {
    for (let i = 0; i < 5; i++) expect((await encrypt()).status).toBe(200);
    const outcome = await proxy.checkpoint();
    expect(outcome.failed).toEqual([]);
    checkpointSeq = outcome.checkpoint!.seq;
    expect(checkpointSeq).toBe(verifyAuditLog(fixture.auditFile, []).lastSeq);
    const { checkpoints: fromS3, problems } = await readS3Checkpoints({ bucket: BUCKET, region: 'eu-north-1' }, 'xks-audit.jsonl');
    expect(problems).toEqual([]);
    expect(fromS3.map((c) => c.seq)).toEqual([checkpointSeq]);
    expect(readCheckpointFiles(syslogFile()).map((c) => c.seq)).toEqual([checkpointSeq]);
    // The published key verifies it; no other key does.
    const publicKey = createPublicKey(fs.readFileSync(path.join(fixture.dir, 'audit-checkpoint.pem')));
    expect(verifyAuditLog(fixture.auditFile, fromS3, publicKey)).toMatchObject({ intact: true, anchoredThrough: checkpointSeq, unanchored: 0 });
    // verify-log reads the bucket itself when the config names it.
    expect(await capture(['xks-proxy', 'verify-log', '--config', fixture.configFile])).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        new RegExp(`ANCHORED seq ${checkpointSeq} .*\\nanchored through seq ${checkpointSeq}; 0 newer records not yet anchored\\nverdict: intact`),
      ),
    });
    for (let i = 0; i < 3; i++) expect((await encrypt()).status).toBe(200);
    expect((await capture(['xks-proxy', 'verify-log', '--config', fixture.configFile])).out).toMatch(
      new RegExp(`anchored through seq ${checkpointSeq}; 3 newer records not yet anchored`),
    );
  });

  test("a checkpoint overwritten in the bucket (by the key host's own credential) cannot hide: every version is read, and a misfiled one is a problem", async () => {
    for (let i = 0; i < 2; i++) expect((await encrypt()).status).toBe(200);
    const second = await proxy.checkpoint();
    expect(second.failed).toEqual([]);
    const s3 = new S3Client({ region: 'eu-north-1', forcePathStyle: true });
    const key = (seq: number) => `xks-audit/xks-audit.jsonl/${String(seq).padStart(12, '0')}.json`;
    const first = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key(checkpointSeq) }))).Body!.transformToString();
    // An attacker puts the older checkpoint over the newer one's key (no If-None-Match).
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key(second.checkpoint!.seq), Body: first }));
    const { checkpoints, problems } = await readS3Checkpoints({ bucket: BUCKET, region: 'eu-north-1' }, 'xks-audit.jsonl');
    expect(checkpoints.map((c) => c.seq).sort((a, b) => a - b)).toEqual([checkpointSeq, second.checkpoint!.seq]);
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`holds the checkpoint of seq ${checkpointSeq}, filed under another sequence number: an overwrite`)),
    ]);
    const result = await capture(['xks-proxy', 'verify-log', '--config', fixture.configFile]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/PROBLEM .*an overwrite/);
  });

  /** The log as it stands, copied under the same name into a fresh directory, with `tamper` applied to its lines. */
  async function verifyTampered(tamper: (lines: string[]) => string[]) {
    const dir = fs.mkdtempSync(path.join(fixture.dir, 'tampered-'));
    const copy = path.join(dir, path.basename(fixture.auditFile));
    const lines = fs.readFileSync(fixture.auditFile, 'utf8').trim().split('\n');
    fs.writeFileSync(copy, `${tamper(lines.slice(0, lines.findIndex((l) => JSON.parse(l).seq === checkpointSeq) + 1)).join('\n')}\n`);
    return capture(['xks-proxy', 'verify-log', '--config', fixture.configFile, '--log', copy]);
  }

  test.each([
    ['the last line deleted', (lines: string[]) => lines.slice(0, -1), (s: number) => s],
    ['the last 10 lines deleted', (lines: string[]) => lines.slice(0, -10), (s: number) => s - 9],
    [
      'one line edited',
      (lines: string[]) => lines.map((l, i) => (i === lines.length - 4 ? l.replace('"status":200', '"status":403') : l)),
      (s: number) => s - 3,
    ],
    ['the last line edited', (lines: string[]) => lines.map((l, i) => (i === lines.length - 1 ? l.replace(/"time":"\d/, '"time":"9') : l)), (s: number) => s],
  ])('%s: detected by the exported checkpoint, naming the first affected record', async (_name, tamper, firstAffected) => {
    const result = await verifyTampered(tamper);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/verdict: TAMPERED/);
    const named = [...result.err.matchAll(/first affected seq (\d+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...named)).toBe(firstAffected(checkpointSeq));
  });

  test('the whole file rewritten with a fresh chain: the chain holds, the checkpoint does not, naming seq 1', async () => {
    const result = await verifyTampered((lines) => {
      let prev = GENESIS;
      return lines.map((l) => {
        const { seq, prev: _old, ...fields } = JSON.parse(l) as Record<string, unknown>;
        const line = JSON.stringify({ ...fields, ...(fields.decision === 'served' ? { kmsRequestId: 'forged' } : {}), seq, prev });
        prev = lineHash(line);
        return line;
      });
    });
    expect(result.err).toMatch(/hash chain: intact/);
    expect(result.err).toMatch(/MISMATCH seq \d+ .*: first affected seq 1: .*rewritten with a fresh chain/);
  });

  test('truncation while the proxy runs: the proxy logs it, never re-chains, and verify-log names the first record cut', async () => {
    const lines = fs.readFileSync(fixture.auditFile, 'utf8').split('\n');
    const keep = lines.findIndex((l) => l && JSON.parse(l).seq === checkpointSeq) - 2;
    fs.truncateSync(fixture.auditFile, Buffer.byteLength(lines.slice(0, keep + 1).join('\n')) + 1);
    expect((await encrypt()).status).toBe(200);
    expect(stateRecords().pop()).toMatchObject({ event: 'tampered' });
    const result = await capture(['xks-proxy', 'verify-log', '--config', fixture.configFile]);
    expect(result.code).toBe(1);
    const firstCut = (JSON.parse(lines[keep]) as { seq: number }).seq + 1;
    expect(Math.min(...[...result.err.matchAll(/first affected seq (\d+)/g)].map((m) => Number(m[1])))).toBe(firstCut);
    expect(result.err).toMatch(/the proxy itself saw: the log shrank/);
  });
});

test('an unseal while the proxy is down is logged when it starts, with the seal it lifted', async () => {
  await proxy.close();
  expect((await capture(['xks-proxy', 'seal', '--config', fixture.configFile, '--reason', 'while down'])).code).toBe(0);
  expect((await capture(['xks-proxy', 'unseal', '--config', fixture.configFile, '--reason', 'lifted while down'])).code).toBe(0);
  proxy = await startXksProxy(loadProxyConfig(fixture.configFile), { pin: fixture.hsm.pin, version: 'test' });
  client.close();
  client = new XksClient(proxy.port, fixture.ca);
  const last = stateRecords().slice(-3);
  expect(last).toEqual([
    expect.objectContaining({ event: 'started' }),
    expect.objectContaining({ event: 'sealed', by: expect.stringMatching(/lifted before the proxy saw it$/), reason: 'while down' }),
    expect.objectContaining({ event: 'unsealed', reason: 'lifted while down' }),
  ]);
  expect((await encrypt()).status).toBe(200);
}, 30_000);
