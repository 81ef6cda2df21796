import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2WithIAMAuthorizer } from 'aws-lambda';
import type { S3Event } from 'aws-lambda';
import { handleEvent } from '../../lambda/inspect/index';
import { handlePresign } from '../../lambda/presign/index';
import { generateRecoveryKeyPair, type RecoveryKeyPairFiles } from '@suveren/premises/client-side/recovery-key-file';
import { generateKeyFile } from '@suveren/premises/client-side/tenant-key-file';
import { Pkcs11Token } from '@suveren/premises/pkcs11/token';
import { type SoftHsmToken, createSoftHsmToken } from '../support/softhsm';
import { packAndInstallPremises } from '../support/premises-artifact';
import { REPO_ROOT } from '../helpers';
import { type AuthorizedMoto, startAuthorizedMoto } from '../support/authorized-moto';

/*
 * The CLI's peak memory is read from /proc/self/status (VmHWM) in the child. An earlier
 * version read getrusage's maxRSS, which Linux carries across execve from the forking
 * jest worker: that, not the CLI, was the 170-240 MB seen when other suites ran alongside.
 *
 * `suveren upload` and `download` as a customer runs them: the built CLI in a child
 * process with the uploader's or the reader's credentials, the real presign handler
 * behind a local function URL that lets in only callers the templates allow to invoke
 * it, the real inspection handler between upload and download, and moto_server as S3
 * behind the authorizer (test/support/authorizing-proxy.ts), with the bucket and key
 * names the example's templates give skatteetaten-arkiv.
 */

const TENANT = 'skatteetaten-arkiv';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-transfer-'));

let aws: AuthorizedMoto;
/** moto directly: the bucket as the tenant stack creates it, the tests' observations and tampering. */
let s3: S3Client;
let BUCKET: string;
let KEY_ARN: string;
let presignServer: http.Server;
let presignUrl: string;
let keyFile: string;
/** The tenant's offline recovery key, configured for the presign and inspection functions as its config entry would. */
let recovery: RecoveryKeyPairFiles;
const RECOVERY_PASSPHRASE = 'ceremony passphrase 2026';
let hsm: SoftHsmToken;

/** A function URL with AWS_IAM auth: SigV4 for lambda, by a caller the templates allow to invoke the presign function. */
async function startPresignEndpoint(tier: 'standard' | 'client-side'): Promise<{ server: http.Server; url: string }> {
  const presignS3 = aws.s3As(aws.names.role('presign-fn'));
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      void (async () => {
        const authorization = String(request.headers.authorization ?? '');
        const signed =
          /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/eu-west-1\/lambda\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/.exec(
            authorization,
          );
        const caller = signed ? aws.proxy.principalOf(signed[1]) : undefined;
        if (!caller) {
          response.writeHead(403).end(JSON.stringify({ Message: 'Forbidden' }));
          return;
        }
        for (const action of ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction']) {
          const decision = await aws.evaluator.decide({
            principal: caller,
            action,
            resource: aws.names.presignFunctionArn,
            region: aws.tenant.region,
            context: action === 'lambda:InvokeFunctionUrl' ? { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } : { 'lambda:InvokedViaFunctionUrl': 'true' },
          });
          if (!decision.allowed) {
            response.writeHead(403).end(JSON.stringify({ Message: `Forbidden: ${decision.deciding.join('; ')}` }));
            return;
          }
        }
        const event = {
          body,
          isBase64Encoded: false,
          requestContext: { http: { method: request.method }, authorizer: { iam: { userArn: caller } } },
        } as unknown as APIGatewayProxyEventV2WithIAMAuthorizer;
        const result = await handlePresign(event, presignS3, {
          bucket: BUCKET,
          keyArn: KEY_ARN,
          classification: 'secret',
          rules: { tenantId: TENANT, tier, maxObjectBytes: 512 * 1024 * 1024, allowedContentTypes: ['application/pdf', 'application/octet-stream'] },
          recoveryKeyFingerprint: recovery.fingerprint,
        });
        response.writeHead(result.statusCode ?? 500, result.headers as http.OutgoingHttpHeaders).end(result.body);
      })().catch((error: Error) => response.writeHead(500).end(error.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** What S3 event notifications do after an upload: the inspection, as the inspect role. */
async function inspectUpload(key: string): Promise<string> {
  const versionId = (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=0-0' }))).VersionId;
  const event = {
    Records: [{ eventName: 'ObjectCreated:CompleteMultipartUpload', s3: { bucket: { name: BUCKET }, object: { key: encodeURIComponent(key), versionId } } }],
  } as unknown as S3Event;
  const [outcome] = await handleEvent(event, aws.s3As(aws.names.role('inspect-fn')), {
    tenantId: TENANT,
    tier: 'client-side',
    keyArn: KEY_ARN,
    dataBucket: BUCKET,
    quarantineBucket: aws.names.quarantine,
    quarantineKeyArn: KEY_ARN,
    recoveryKeyFingerprint: recovery.fingerprint,
  });
  return outcome.result;
}

/** The CLI's credentials: the uploader's for upload, the reader's for download. */
const as = (duty: 'uploader' | 'reader') => {
  const credentials = aws.proxy.credentialsFor(aws.names.role(duty));
  return { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey };
};

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  maxRssMb: number;
}

/** Runs the built CLI (or `binary`, the installed premises artifact's) in a fresh process and reports its peak RSS. */
function cli(args: string[], env: Record<string, string> = {}, binary = path.join(REPO_ROOT, 'bin', 'suveren-cli.js')): Promise<CliRun> {
  const rusage = path.join(tmp, `rusage-${randomBytes(4).toString('hex')}.json`);
  // The child's own peak: VmHWM belongs to the address space exec created. getrusage's
  // maxRSS is not: Linux carries it across execve, so it starts at the RSS of the jest
  // worker that forked the child, which holds the synthesized templates.
  const script = `process.on('exit', () => {
  const hwm = /VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'));
  require('fs').writeFileSync(${JSON.stringify(rusage)}, JSON.stringify({ maxRSS: hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS }));
});
process.argv = [process.argv[0], 'suveren', ...${JSON.stringify(args)}];
require(${JSON.stringify(binary)});`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH, HOME: tmp, AWS_ENDPOINT_URL: aws.proxy.endpoint, AWS_REGION: 'eu-west-1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      const maxRssMb = fs.existsSync(rusage) ? (JSON.parse(fs.readFileSync(rusage, 'utf8')) as { maxRSS: number }).maxRSS / 1024 : NaN;
      resolve({ code: code ?? -1, stdout, stderr, maxRssMb });
    });
  });
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A file of `mib` MiB of random data, written a MiB at a time. */
function randomFile(name: string, mib: number): string {
  const file = path.join(tmp, name);
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < mib; i++) fs.writeSync(fd, randomBytes(1024 * 1024));
  fs.closeSync(fd);
  return file;
}

/** `suveren upload` of `file` with the tenant's key file and its recovery key. */
const fileKeyUpload = (file: string, contentType: string, ...extra: string[]) => [
  'upload',
  '--tenant',
  TENANT,
  '--file',
  file,
  '--key',
  keyFile,
  '--recovery-public-key',
  recovery.publicFile,
  '--endpoint',
  presignUrl,
  '--content-type',
  contentType,
  ...extra,
];

/** stderr without Node's process warnings (the AWS SDK's notice that it will require Node 22 from 2027). */
const complaints = (stderr: string) =>
  stderr.replace(/\(node:\d+\) Warning: [\s\S]*?\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)\n/g, '');

const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.partial') || f.endsWith('.suveren'));

beforeAll(async () => {
  aws = await startAuthorizedMoto(TENANT);
  s3 = aws.direct;
  BUCKET = aws.names.data;
  KEY_ARN = aws.names.keyArn;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: BUCKET,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN } }] },
    }),
  );
  recovery = generateRecoveryKeyPair(path.join(tmp, 'recovery'), RECOVERY_PASSPHRASE);
  hsm = createSoftHsmToken('arkiv-hsm', '135790');
  ({ server: presignServer, url: presignUrl } = await startPresignEndpoint('client-side'));
  keyFile = path.join(tmp, 'tenant.key');
  generateKeyFile(keyFile, 'arkiv-2026');
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'suveren-cli.js')))
    throw new Error('the CLI is not built: run `npm run build` (npm test does it in pretest)');
}, 60_000);

afterAll(async () => {
  hsm?.remove();
  presignServer?.close();
  await aws?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('suveren upload and download', () => {
  let uploadedKey: string;
  let original: string;
  let largeUploadRssMb: number;

  test('a 200 MB file goes up in parts and round-trips byte for byte; download peaks under 150 MB RSS', async () => {
    original = randomFile('archive.bin', 200);
    const up = await cli(fileKeyUpload(original, 'application/octet-stream', '--quiet'), as('uploader'));
    expect(up.stderr).not.toMatch(/Error|refused/);
    expect(up.code).toBe(0);
    uploadedKey = up.stdout.trim();
    expect(uploadedKey).toMatch(/^objects\/[0-9a-f-]{36}$/);
    largeUploadRssMb = up.maxRssMb;
    // 200 MB is over the multipart threshold: the object was assembled from parts, and none is left open.
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? []).toEqual([]);
    expect(leftovers(tmp)).toEqual([]);

    // What S3 holds is ciphertext: an Encryption SDK message, not the file.
    const head = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: uploadedKey, Range: 'bytes=0-0' }));
    expect((await head.Body!.transformToByteArray())[0]).toBe(0x02);

    // Until the inspection accepts it, the reader is refused (DenyReadBeforeAcceptance).
    const early = await cli(
      ['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', uploadedKey, '--key', keyFile, '--out', path.join(tmp, 'early.bin')],
      as('reader'),
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/DenyReadBeforeAcceptance/);
    expect(fs.existsSync(path.join(tmp, 'early.bin'))).toBe(false);
    expect(await inspectUpload(uploadedKey)).toBe('accepted');

    const out = path.join(tmp, 'restored.bin');
    const down = await cli(
      ['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', uploadedKey, '--key', keyFile, '--out', out, '--quiet'],
      as('reader'),
    );
    expect(down.stderr).not.toMatch(/Error/);
    expect(down.code).toBe(0);
    expect(await sha256File(out)).toBe(await sha256File(original));
    expect(down.maxRssMb).toBeLessThan(150);
    fs.rmSync(out);
  }, 300_000);

  test('suveren export of a 1 GiB object streams: the child peaks under 200 MB (VmHWM), and the file is the object byte for byte', async () => {
    // Written straight to moto, part by part, as an accepted multipart upload: 64 parts of 16 MiB.
    const key = 'objects/export-1gib.bin';
    const hash = createHash('sha256');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const parts = [];
    for (let n = 1; n <= 64; n++) {
      const part = randomBytes(16 * 1024 * 1024);
      hash.update(part);
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: n, Body: part }));
      parts.push({ PartNumber: n, ETag });
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: BUCKET,
        Key: key,
        VersionId: done.VersionId,
        Tagging: { TagSet: [{ Key: 'suveren:inspection', Value: 'accepted' }] },
      }),
    );
    const out = path.join(tmp, 'export-1gib');
    const run = await cli(['export', '--tenant', TENANT, '--bucket', BUCKET, '--out', out, '--quiet'], as('reader'));
    expect(run.stderr).not.toMatch(/Error|INCOMPLETE/);
    expect(run.code).toBe(0);
    const line = fs
      .readFileSync(path.join(out, 'manifest.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { status: string; key: string; size: number; sha256: string; file: string })
      .find((l) => l.status === 'exported' && l.key === key)!;
    expect([line.size, line.sha256]).toEqual([1024 ** 3, hash.digest('hex')]);
    expect(run.maxRssMb).toBeLessThan(200);
    process.stdout.write(`export of 1 GiB: child VmHWM ${run.maxRssMb.toFixed(0)} MB\n`);
    fs.rmSync(out, { recursive: true, force: true });
  }, 600_000);

  test('the premises release artifact, installed alone (npm install --omit=dev), uploads and downloads a client-side object byte for byte', async () => {
    const installed = packAndInstallPremises();
    try {
      const file = randomFile('from-artifact.bin', 3);
      const up = await cli(fileKeyUpload(file, 'application/octet-stream', '--quiet'), as('uploader'), installed.bin);
      expect(up.stderr).not.toMatch(/Error|refused/);
      expect(up.code).toBe(0);
      const key = up.stdout.trim();
      expect(await inspectUpload(key)).toBe('accepted');
      const out = path.join(tmp, 'from-artifact.restored');
      const down = await cli(
        ['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', key, '--key', keyFile, '--out', out, '--quiet'],
        as('reader'),
        installed.bin,
      );
      expect(down.code).toBe(0);
      expect(await sha256File(out)).toBe(await sha256File(file));
    } finally {
      installed.remove();
    }
  }, 180_000);

  test('upload memory is flat: 110 MiB and 200 MB multipart uploads peak within 30 MB of each other, both far below the file size', async () => {
    const smaller = randomFile('flat.bin', 110);
    const up = await cli(fileKeyUpload(smaller, 'application/octet-stream', '--quiet'), as('uploader'));
    expect(up.code).toBe(0);
    // Buffering the file would add its size (200 MB) to a process that starts near 100 MB.
    expect(largeUploadRssMb).toBeLessThan(200);
    expect(Math.abs(largeUploadRssMb - up.maxRssMb)).toBeLessThan(30);
    fs.rmSync(smaller);
  }, 120_000);

  test('a wrong key file fails with a clear message and leaves no output file', async () => {
    const otherKey = path.join(tmp, 'other.key');
    generateKeyFile(otherKey, 'arkiv-2026');
    const out = path.join(tmp, 'wrong-key.bin');
    const run = await cli(['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', uploadedKey, '--key', otherKey, '--out', out], as('reader'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /none of the keys supplied \(key file "arkiv-2026"\) opens this object: it was encrypted for key file "arkiv-2026" and recovery key sha256:[0-9a-f]{64}\. A supplied key with the same name is a different key/,
    );
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(tmp)).toEqual([]);
  }, 120_000);

  test('an --out in a folder that does not exist fails at once, naming it, and leaves nothing', async () => {
    const out = path.join(tmp, 'no-such-folder', 'x.bin');
    const started = Date.now();
    const run = await cli(['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', uploadedKey, '--key', keyFile, '--out', out], as('reader'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no-such-folder/);
    // Nothing was fetched, so no response is left holding the process open.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(leftovers(tmp)).toEqual([]);
  }, 120_000);

  test("another tenant's ciphertext is refused before any plaintext is written", async () => {
    const out = path.join(tmp, 'other-tenant.bin');
    const run = await cli(['download', '--tenant', 'malmo-stad', '--bucket', BUCKET, '--key-id', uploadedKey, '--key', keyFile, '--out', out], as('reader'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not suveren:tenant="malmo-stad".*refusing to decrypt another tenant's or another object's data/);
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(tmp)).toEqual([]);
  }, 120_000);

  test('a corrupted ciphertext fails authentication and leaves no partial plaintext', async () => {
    const small = randomFile('small.bin', 3);
    const up = await cli(fileKeyUpload(small, 'application/octet-stream', '--quiet'), as('uploader'));
    const key = up.stdout.trim();
    const stored = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());
    stored[stored.length - 50] ^= 0xff; // inside the last frame: earlier frames would decrypt
    // Tampering below the access layer (moto directly); the header is intact, so the inspection accepts it.
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: stored }));
    expect(await inspectUpload(key)).toBe('accepted');
    const out = path.join(tmp, 'corrupted.bin');
    const run = await cli(['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', key, '--key', keyFile, '--out', out], as('reader'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/could not be decrypted and authenticated/);
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(tmp)).toEqual([]);
  }, 120_000);

  test('client-side tier without --key is refused before anything is uploaded', async () => {
    const small = randomFile('nokey.bin', 1);
    const run = await cli(
      ['upload', '--tenant', TENANT, '--file', small, '--endpoint', presignUrl, '--content-type', 'application/octet-stream'],
      as('uploader'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/tenant skatteetaten-arkiv encrypts on the client: pass --key/);
  }, 120_000);

  test("a refused request reports the endpoint's reason", async () => {
    const small = randomFile('type.bin', 1);
    const run = await cli(fileKeyUpload(small, 'application/x-msdownload'), as('uploader'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refused the request \(HTTP 415\): content type "application\/x-msdownload" is not accepted/);
  }, 120_000);
  test('upload refuses to run without the recovery key the tenant requires, and names it; nothing is uploaded', async () => {
    const small = randomFile('no-recovery.bin', 1);
    const before = (await s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET }))).Versions?.length ?? 0;
    for (const flags of [[], ['--no-recovery']]) {
      const run = await cli(
        ['upload', '--tenant', TENANT, '--file', small, '--key', keyFile, ...flags, '--endpoint', presignUrl, '--content-type', 'application/octet-stream'],
        as('uploader'),
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        flags.length === 0
          ? /requires every object to be wrapped for its recovery key sha256:/
          : /and --no-recovery was given: the object would be quarantined/,
      );
    }
    expect((await s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET }))).Versions?.length ?? 0).toBe(before);
    expect(leftovers(tmp)).toEqual([]);
  }, 120_000);

  test('through an HSM key on SoftHSM: upload, inspection, download; after the HSM key is destroyed, the offline recovery key restores the file byte for byte', async () => {
    const hsmEnv = { ...hsm.env, SUVEREN_PKCS11_PIN: hsm.pin };
    const created = await cli(['keygen', '--pkcs11', '--pkcs11-module', hsm.modulePath, '--token', hsm.tokenLabel, '--key-label', 'arkiv-2026-12'], hsmEnv);
    expect(created.code).toBe(0);
    const hsmFlags = ['--pkcs11-module', hsm.modulePath, '--token', hsm.tokenLabel, '--key-label', 'arkiv-2026-12'];
    const original = randomFile('hsm.bin', 3);
    const up = await cli(
      [
        'upload',
        '--tenant',
        TENANT,
        '--file',
        original,
        ...hsmFlags,
        '--recovery-public-key',
        recovery.publicFile,
        '--endpoint',
        presignUrl,
        '--content-type',
        'application/octet-stream',
      ],
      { ...as('uploader'), ...hsmEnv },
    );
    expect(complaints(up.stderr)).toBe('');
    expect(up.stdout).toMatch(/encrypted on this machine under HSM key "arkiv-2026-12" on token "arkiv-hsm", recoverable with recovery key sha256:/);
    const key = /as (objects\/[0-9a-f-]{36})/.exec(up.stdout)![1];
    expect(await inspectUpload(key)).toBe('accepted');

    const viaHsm = path.join(tmp, 'via-hsm.bin');
    const down = await cli(['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', key, ...hsmFlags, '--out', viaHsm, '--quiet'], {
      ...as('reader'),
      ...hsmEnv,
    });
    expect(complaints(down.stderr)).toBe('');
    expect(await sha256File(viaHsm)).toBe(await sha256File(original));

    // The primary is destroyed in the token; a later generation cannot open the object, and says what can.
    const token = Pkcs11Token.open(hsm);
    try {
      token.destroyKey(token.aesKey('arkiv-2026-12'));
      token.generateAesKey('arkiv-2027-01');
    } finally {
      token.close();
    }
    const lost = path.join(tmp, 'lost.bin');
    const refused = await cli(
      ['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', key, ...hsmFlags.slice(0, 4), '--key-label', 'arkiv-2027-01', '--out', lost],
      { ...as('reader'), ...hsmEnv },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /none of the keys supplied \(HSM key "arkiv-2027-01" on token "arkiv-hsm"\) opens this object: it was encrypted for HSM key "arkiv-2026-12" .* and recovery key sha256:/,
    );
    expect(fs.existsSync(lost)).toBe(false);

    const recovered = path.join(tmp, 'recovered.bin');
    const restore = await cli(
      ['download', '--tenant', TENANT, '--bucket', BUCKET, '--key-id', key, '--recovery-key', recovery.privateFile, '--out', recovered],
      {
        ...as('reader'),
        SUVEREN_RECOVERY_PASSPHRASE: RECOVERY_PASSPHRASE,
      },
    );
    expect(complaints(restore.stderr)).toBe('');
    expect(await sha256File(recovered)).toBe(await sha256File(original));
    expect(leftovers(tmp)).toEqual([]);
  }, 120_000);
});
