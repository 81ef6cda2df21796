import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { INSPECTION_TAGS, UPLOAD_METADATA } from '@suveren/core/contracts/upload-layout';
import { encryptingKeyring, recoveryWrappingKeyring } from '@suveren/premises/client-side/keyrings';
import { generateRecoveryKeyPair, type RecoveryKeyPairFiles } from '@suveren/premises/client-side/recovery-key-file';
import { encryptingStream, tenantKeyring } from '@suveren/premises/client-side/stream-encryption';
import { generateKeyFile } from '@suveren/premises/client-side/tenant-key-file';
import type { ExportSummary, ManifestLine } from '@suveren/premises/export/manifest';
import { REPO_ROOT, exampleConfig } from '../helpers';
import { type AuthorizedMoto, startAuthorizedMoto, synthesizedStacks } from '../support/authorized-moto';
import { tenantNames } from '../support/replay';
import { through } from '../support/streams';

/*
 * `suveren export` end to end, as the tenant's reader, through the authorizer in front of
 * moto_server (test/support/authorizing-proxy.ts): every List, Head, Get and tagging read
 * is decided by the IAM evaluator over the example's synthesized templates before moto
 * sees it. Three tenants (standard, hsm, client-side), 20 objects in all. The objects are
 * fixtures written straight to moto as the upload path leaves them (versions, inspection
 * tags, SSE-KMS headers); the export runs as the built CLI in a child process, which is
 * killed half-way and resumed.
 *
 * moto does not add S3's default CRC64NVME to an upload that sends no checksum, and
 * computes a wrong full-object checksum for a multipart upload: here only single-part
 * uploads that sent CRC64NVME carry one, the multipart object is recorded without one.
 */

const config = exampleConfig();
const stacks = synthesizedStacks(config);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-export-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const MIB = 1024 * 1024;
/** Longest one CLI run may take here, even on a loaded machine. */
const CLI_DEADLINE_MS = 90_000;

interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built `suveren` command in a child process, as the tenant's reader, against `endpoint`; `killWhen` may stop it half-way. */
function cli(
  aws: AuthorizedMoto,
  args: string[],
  options: { endpoint?: string; env?: Record<string, string>; killWhen?: () => boolean } = {},
): Promise<CliRun> {
  const credentials = aws.proxy.credentialsFor(aws.names.role('reader'));
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'suveren-cli.js'), ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: tmp,
      AWS_ENDPOINT_URL: options.endpoint ?? aws.proxy.endpoint,
      AWS_REGION: aws.tenant.region,
      // The SDK's notice that it will need Node.js 22 is not the command's output.
      NODE_NO_WARNINGS: '1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...options.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const watcher = options.killWhen
    ? setInterval(() => {
        if (options.killWhen!()) child.kill('SIGKILL');
      }, 5)
    : undefined;
  // A run that hangs fails with what it said so far, not with jest's timeout.
  const deadline = setTimeout(() => {
    stderr += `\n[test] killed after ${CLI_DEADLINE_MS} ms\n`;
    child.kill('SIGKILL');
  }, CLI_DEADLINE_MS);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      if (watcher) clearInterval(watcher);
      clearTimeout(deadline);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

const manifestOf = (dir: string): ManifestLine[] =>
  fs
    .readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ManifestLine);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const partFiles = (dir: string): string[] => {
  const found: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.part')) found.push(path.join(d, e.name));
    }
  };
  walk(path.join(dir, 'objects'));
  return found;
};

/** `suveren export` of the tenant's data bucket, with its quarantine bucket, into `out`. */
const exportArgs = (aws: AuthorizedMoto, out: string, ...extra: string[]) => [
  'export',
  '--tenant',
  aws.tenant.id,
  '--bucket',
  aws.names.data,
  '--quarantine-bucket',
  aws.names.quarantine,
  '--out',
  out,
  ...extra,
];

/** The tenant's two buckets in moto, versioned, as its stack creates them. */
async function createBuckets(aws: AuthorizedMoto): Promise<void> {
  for (const bucket of [aws.names.data, aws.names.quarantine]) {
    await aws.direct.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: aws.tenant.region as 'eu-north-1' } }));
    await aws.direct.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
}

/** An object version as the upload path and the inspection leave it: SSE-KMS under the tenant key, the verdict tag, the plaintext hash. */
async function put(
  aws: AuthorizedMoto,
  key: string,
  body: Buffer,
  verdict: 'accepted' | 'pending',
  options: { crc64?: boolean; plaintext?: Buffer; bucket?: string } = {},
) {
  const client = options.crc64 ? aws.direct : fixtureWithoutChecksums(aws);
  const put = await client.send(
    new PutObjectCommand({
      Bucket: options.bucket ?? aws.names.data,
      Key: key,
      Body: body,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: aws.names.keyArn,
      ContentType: 'application/pdf',
      Tagging: `${INSPECTION_TAGS.verdict}=${verdict}`,
      Metadata: { [UPLOAD_METADATA.sha256]: sha256(options.plaintext ?? body) },
      ...(options.crc64 ? { ChecksumAlgorithm: 'CRC64NVME' as const } : {}),
    }),
  );
  return put.VersionId!;
}

const noChecksumClients = new WeakMap<AuthorizedMoto, S3Client>();
/** A fixture client that sends no checksum (the SDK's default would add a CRC32). */
function fixtureWithoutChecksums(aws: AuthorizedMoto): S3Client {
  let client = noChecksumClients.get(aws);
  if (!client) {
    client = new S3Client({
      endpoint: aws.moto.endpoint,
      region: aws.tenant.region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'fixtures', secretAccessKey: 'fixtures' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    noChecksumClients.set(aws, client);
  }
  return client;
}

/** A multipart upload of `size` random bytes (as `suveren upload` does above 100 MiB), accepted; returns its content. */
async function putMultipart(aws: AuthorizedMoto, key: string, size: number): Promise<Buffer> {
  const client = fixtureWithoutChecksums(aws);
  const content = randomBytes(size);
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: aws.names.data, Key: key, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: aws.names.keyArn }),
  );
  const parts = [];
  const partSize = 16 * MIB;
  for (let start = 0, n = 1; start < size; start += partSize, n++) {
    const { ETag } = await client.send(
      new UploadPartCommand({ Bucket: aws.names.data, Key: key, UploadId, PartNumber: n, Body: content.subarray(start, Math.min(size, start + partSize)) }),
    );
    parts.push({ PartNumber: n, ETag });
  }
  const done = await client.send(new CompleteMultipartUploadCommand({ Bucket: aws.names.data, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
  await client.send(
    new PutObjectTaggingCommand({
      Bucket: aws.names.data,
      Key: key,
      VersionId: done.VersionId,
      Tagging: { TagSet: [{ Key: INSPECTION_TAGS.verdict, Value: 'accepted' }] },
    }),
  );
  return content;
}

/** A proxy in front of the authorizer that flips the first byte of every GET body of `key`: a corrupted transfer. */
async function corruptingProxy(upstream: string, key: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const target = new URL(upstream);
  const server = http.createServer((request, response) => {
    const forward = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 500, answer.headers);
        const corrupt = request.method === 'GET' && decodeURIComponent(request.url ?? '').includes(key) && !(request.url ?? '').includes('tagging');
        let first = corrupt;
        answer.on('data', (chunk: Buffer) => {
          if (first && chunk.length > 0) {
            chunk = Buffer.from(chunk);
            chunk[0] ^= 0xff;
            first = false;
          }
          response.write(chunk);
        });
        answer.on('end', () => response.end());
        answer.on('error', () => response.destroy());
      },
    );
    // A client that goes away (the CLI exits, keep-alive sockets close) must not crash the test process.
    forward.on('error', () => response.destroy());
    request.on('error', () => forward.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe('standard tenant: 8 objects, a kill half-way, the resume, verify, all versions, a corrupted transfer', () => {
  let aws: AuthorizedMoto;
  const versions: Record<string, string[]> = {};
  let bigSha256: string;
  beforeAll(async () => {
    aws = await startAuthorizedMoto('lund-kommun', { config, stacks });
    await createBuckets(aws);
    const k = (name: string) => `objects/${name}`;
    versions.report = [await put(aws, k('01-report.pdf'), Buffer.from('report v1'), 'accepted', { crc64: true })];
    versions.data = [await put(aws, k('02-data.csv'), Buffer.from('a,b\n1,2\n'), 'accepted', { crc64: true })];
    versions.data.push(await put(aws, k('02-data.csv'), Buffer.from('a,b\n1,2\n3,4\n'), 'accepted', { crc64: true }));
    versions.fresh = [await put(aws, k('03-fresh.pdf'), Buffer.from('accepted first'), 'accepted')];
    versions.fresh.push(await put(aws, k('03-fresh.pdf'), Buffer.from('overwrite still pending'), 'pending'));
    versions.gone = [await put(aws, k('04-gone.pdf'), Buffer.from('deleted later'), 'accepted')];
    await aws.direct.send(new DeleteObjectCommand({ Bucket: aws.names.data, Key: k('04-gone.pdf') }));
    bigSha256 = sha256(await putMultipart(aws, k('05-big.bin'), 101 * MIB));
    versions.never = [await put(aws, k('07-never.pdf'), Buffer.from('not yet inspected'), 'pending')];
    versions.small = [await put(aws, k('08-small.txt'), Buffer.from('small'), 'accepted', { crc64: true })];
    // Rejected by the inspection: moved to the quarantine bucket.
    await put(aws, `quarantine/${k('06-bad.pdf')}`, Buffer.from('MZ not a pdf'), 'accepted', { bucket: aws.names.quarantine });
  }, 300_000);
  afterAll(() => aws?.stop());

  const args = (out: string, ...extra: string[]) => exportArgs(aws, out, '--config', path.join(REPO_ROOT, 'config', 'example.yaml'), ...extra);

  test('killed while the 101 MiB object streams, resumed without fetching again what was complete, then verified offline and by sha256sum -c', async () => {
    const out = path.join(tmp, 'standard');
    const killed = await cli(aws, args(out), { killWhen: () => partFiles(out).length > 0 && fs.existsSync(path.join(out, 'manifest.jsonl')) });
    expect(killed.signal).toBe('SIGKILL');
    const before = manifestOf(out).filter((l) => l.status === 'exported');
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((l) => l.key.endsWith('05-big.bin'))).toBe(false);
    const inodes = new Map(before.map((l) => [l.file, fs.statSync(path.join(out, l.file)).ino]));

    const resumed = await cli(aws, args(out));
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(partFiles(out)).toEqual([]);
    const lines = manifestOf(out);
    // Nothing complete was fetched again, nothing recorded twice.
    for (const [file, ino] of inodes) expect(fs.statSync(path.join(out, file)).ino).toBe(ino);
    expect(new Set(lines.map((l) => `${l.status} ${l.key} ${l.versionId}`)).size).toBe(lines.length);

    const exported = Object.fromEntries(lines.filter((l) => l.status === 'exported').map((l) => [l.key.replace('objects/', ''), l]));
    expect(Object.keys(exported).sort()).toEqual(['01-report.pdf', '02-data.csv', '03-fresh.pdf', '05-big.bin', '08-small.txt']);
    // The newest accepted version, where the newest is pending; the newest of an overwritten object.
    expect(exported['03-fresh.pdf'].status === 'exported' && exported['03-fresh.pdf'].versionId).toBe(versions.fresh[0]);
    expect(exported['02-data.csv'].versionId).toBe(versions.data[1]);
    expect(fs.readFileSync(path.join(out, (exported['03-fresh.pdf'] as { file: string }).file), 'utf8')).toBe('accepted first');
    const bigLine = exported['05-big.bin'] as Extract<ManifestLine, { status: 'exported' }>;
    expect(bigLine.size).toBe(101 * MIB);
    expect(bigLine.sha256).toBe(bigSha256);
    expect(bigLine.checksum).toBeNull();
    const report = exported['01-report.pdf'] as Extract<ManifestLine, { status: 'exported' }>;
    expect(report.checksum).toMatchObject({ algorithm: 'CRC64NVME', type: 'FULL_OBJECT' });
    expect(report.checksum!.computed).toBe(report.checksum!.value);
    expect(report.sseKmsKeyId).toBe(aws.names.keyArn);
    expect(report.contentType).toBe('application/pdf');

    expect(lines.filter((l) => l.status === 'skipped').map((l) => [l.key.replace('objects/', ''), (l as { reason: string }).reason])).toEqual(
      expect.arrayContaining([
        ['03-fresh.pdf', 'pending'],
        ['04-gone.pdf', 'hidden-by-delete-marker'],
        ['07-never.pdf', 'pending'],
      ]),
    );
    expect(lines.filter((l) => l.status === 'delete-marker').map((l) => l.key)).toEqual(['objects/04-gone.pdf']);
    expect(lines.filter((l) => l.status === 'quarantined').map((l) => l.key)).toEqual(['quarantine/objects/06-bad.pdf']);

    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as ExportSummary;
    expect(summary.counts).toEqual({ exported: 5, 'delete-marker': 1, skipped: 3, quarantined: 1 });
    expect(summary.manifestSha256).toBe(sha256(fs.readFileSync(path.join(out, 'manifest.jsonl'))));
    expect(resumed.stdout).toContain(summary.manifestSha256);

    const verify = await cli(aws, ['export', 'verify', out]);
    expect([verify.code, verify.stderr]).toEqual([0, '']);
    const sums = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect([sums.status, sums.stdout.trim().split('\n').length]).toEqual([0, 5]);

    // A file changed after the export: verify says which.
    const changed = path.join(out, report.file);
    fs.appendFileSync(changed, 'x');
    const tampered = await cli(aws, ['export', 'verify', out]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(report.file);
  }, 240_000);

  test('--all-versions: both versions of the overwritten object, the version a delete marker hides, and when each noncurrent version expires', async () => {
    const out = path.join(tmp, 'standard-all');
    const run = await cli(aws, args(out, '--all-versions'));
    expect([run.code, run.stderr]).toEqual([0, '']);
    const exported = manifestOf(out).filter((l): l is Extract<ManifestLine, { status: 'exported' }> => l.status === 'exported');
    expect(exported.filter((l) => l.key.endsWith('02-data.csv')).map((l) => [l.versionId, l.current])).toEqual([
      [versions.data[1], true],
      [versions.data[0], false],
    ]);
    expect(exported.some((l) => l.versionId === versions.gone[0])).toBe(true);
    const old = exported.find((l) => l.versionId === versions.data[0])!;
    // Noncurrent since the overwrite; the example keeps noncurrent versions 365 days.
    expect(old.expires).toBeDefined();
    expect(Date.parse(old.expires!) - Date.parse(exported.find((l) => l.versionId === versions.data[1])!.lastModified)).toBe(365 * 86_400_000);
  }, 240_000);

  test('a corrupted transfer fails the CRC64NVME check: exit 1, the file kept for inspection, nothing written deleted; a clean rerun completes', async () => {
    const out = path.join(tmp, 'standard-corrupt');
    const proxy = await corruptingProxy(aws.proxy.endpoint, 'objects/01-report.pdf');
    try {
      const run = await cli(aws, args(out), { endpoint: proxy.endpoint });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/01-report\.pdf .*CRC64NVME of the written file is .*S3 recorded/);
      expect(run.stderr).toContain('nothing written was deleted');
      const lines = manifestOf(out);
      expect(lines.some((l) => l.key.endsWith('01-report.pdf') && l.status === 'exported')).toBe(false);
      expect(lines.filter((l) => l.status === 'exported').length).toBe(4);
      const kept = fs.readdirSync(path.join(out, 'objects'), { recursive: true }).filter((f) => String(f).endsWith('.checksum-mismatch'));
      expect(kept.length).toBe(1);
    } finally {
      await proxy.close();
    }
    const rerun = await cli(aws, args(out));
    expect([rerun.code, rerun.stderr]).toEqual([0, '']);
    expect((await cli(aws, ['export', 'verify', out])).code).toBe(0);
  }, 240_000);

  test("bad input: a bucket that is not the tenant's, a directory that is not an export, keys without --decrypt", async () => {
    const malmo = tenantNames(
      aws.evaluator,
      config.tenants.find((t) => t.id === 'malmo-stad')!,
    ).data;
    const other = await cli(aws, ['export', '--tenant', 'lund-kommun', '--bucket', malmo, '--out', path.join(tmp, 'other')]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`S3 refused to list the versions in ${malmo} (AccessDenied): is it this tenant's bucket`);
    const full = path.join(tmp, 'not-an-export');
    fs.mkdirSync(full);
    fs.writeFileSync(path.join(full, 'notes.txt'), 'mine');
    const refused = await cli(aws, args(full));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty and has no manifest.jsonl');
    expect(fs.readdirSync(full)).toEqual(['notes.txt']);
    const keys = await cli(aws, args(path.join(tmp, 'keys'), '--key', 'some.key'));
    expect(keys.code).toBe(2);
    expect(keys.stderr).toContain('only used with --decrypt');
  }, 120_000);
});

describe('hsm tenant: 5 objects under its HSM-backed key', () => {
  let aws: AuthorizedMoto;
  beforeAll(async () => {
    aws = await startAuthorizedMoto('malmo-stad', { config, stacks });
    await createBuckets(aws);
    for (let i = 1; i <= 4; i++) await put(aws, `objects/beslut-${i}.pdf`, Buffer.from(`beslut ${i}`), 'accepted', { crc64: i % 2 === 0 });
    await put(aws, 'objects/pending.pdf', Buffer.from('pending'), 'pending');
  }, 120_000);
  afterAll(() => aws?.stop());

  test('the four accepted objects, each with the HSM-backed key it is under; verify passes', async () => {
    const out = path.join(tmp, 'hsm');
    const run = await cli(aws, ['export', '--tenant', 'malmo-stad', '--bucket', aws.names.data, '--out', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const exported = manifestOf(out).filter((l): l is Extract<ManifestLine, { status: 'exported' }> => l.status === 'exported');
    expect(exported.map((l) => l.key).sort()).toEqual([1, 2, 3, 4].map((i) => `objects/beslut-${i}.pdf`));
    expect(new Set(exported.map((l) => l.sseKmsKeyId))).toEqual(new Set([aws.names.keyArn]));
    expect((await cli(aws, ['export', 'verify', out])).code).toBe(0);
  }, 120_000);
});

describe('client-side tenant: 7 objects, ciphertext as stored, decrypted beside it with the recovery key', () => {
  let aws: AuthorizedMoto;
  let recovery: RecoveryKeyPairFiles;
  let keyFile: string;
  const plaintexts = new Map<string, Buffer>();
  beforeAll(async () => {
    aws = await startAuthorizedMoto('skatteetaten-arkiv', { config, stacks });
    await createBuckets(aws);
    recovery = generateRecoveryKeyPair(path.join(tmp, 'recovery'));
    keyFile = path.join(tmp, 'arkiv.key');
    generateKeyFile(keyFile, 'arkiv-2026');
    // The key file has the tenant key's name but other key material: a wrong key.
    const primary = tenantKeyring('arkiv-2026', randomBytes(32));
    const keyring = encryptingKeyring(primary, recoveryWrappingKeyring(fs.readFileSync(recovery.publicFile, 'utf8'), recovery.fingerprint));
    for (let i = 1; i <= 6; i++) {
      const objectKey = `objects/arkiv-${i}.pdf`;
      const plaintext = randomBytes(i === 6 ? 3 * MIB : 1000 * i);
      const ciphertext = await through(encryptingStream(keyring, { tenantId: 'skatteetaten-arkiv', objectKey, classification: 'secret' }), plaintext);
      await put(aws, objectKey, ciphertext, 'accepted', { crc64: true, plaintext });
      plaintexts.set(objectKey, plaintext);
    }
    await put(aws, 'quarantine/objects/not-encrypted.pdf', Buffer.from('plain text where a message belongs'), 'accepted', { bucket: aws.names.quarantine });
  }, 120_000);
  afterAll(() => aws?.stop());

  const args = (out: string, ...extra: string[]) => exportArgs(aws, out, ...extra);

  test('a wrong key: exit 1, the ciphertext kept, no plaintext; with the recovery key the rerun decrypts every object, checked against the upload hash', async () => {
    const out = path.join(tmp, 'client-side');
    const wrong = await cli(aws, args(out, '--decrypt', '--key', keyFile));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('not decrypted');
    expect(fs.readdirSync(path.join(out, 'objects'), { recursive: true }).filter((f) => String(f).endsWith('.plaintext'))).toEqual([]);

    const run = await cli(aws, args(out, '--decrypt', '--recovery-key', recovery.privateFile));
    expect([run.code, run.stderr]).toEqual([0, '']);
    const exported = manifestOf(out).filter((l): l is Extract<ManifestLine, { status: 'exported' }> => l.status === 'exported');
    expect(exported.length).toBe(6);
    for (const line of exported) {
      expect(line.wrappingKeys!.map((k) => k.providerId).sort()).toEqual(['suveren-recovery', 'suveren-tenant']);
      expect(line.plaintext).toMatchObject({ matchesUploadHash: true });
      const plaintext = path.join(out, line.plaintext!.file);
      expect(fs.readFileSync(plaintext).equals(plaintexts.get(line.key)!)).toBe(true);
      expect(fs.statSync(plaintext).mode & 0o777).toBe(0o600);
    }
    expect(
      manifestOf(out)
        .filter((l) => l.status === 'quarantined')
        .map((l) => l.key),
    ).toEqual(['quarantine/objects/not-encrypted.pdf']);
    expect((await cli(aws, ['export', 'verify', out])).code).toBe(0);
  }, 180_000);
});
