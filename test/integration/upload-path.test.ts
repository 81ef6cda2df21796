import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, S3Event } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type InspectSettings, handleEvent } from '../../lambda/inspect/index';
import { type PresignSettings, handlePresign } from '../../lambda/presign/index';
import type { MultipartSlot } from '@suveren/core/contracts/upload-layout';
import { TransferError, uploadParts } from '@suveren/premises/client-side/transfer';
import { encryptingStream, tenantKeyring } from '@suveren/premises/client-side/stream-encryption';
import { type AuthorizedMoto, startAuthorizedMoto, synthesizedStacks } from '../support/authorized-moto';
import { withIfExistsPinning } from '../support/mutations';
import { exampleConfig } from '../helpers';
import { through } from '../support/streams';

/*
 * The upload path end to end against moto_server, through the authorizer
 * (test/support/authorizing-proxy.ts): the real presign handler, signed as the presign
 * role, answers a slot; the file is POSTed (or PUT part by part) to it over HTTP; the
 * real inspection handler, signed as the inspect role, gets the ObjectCreated event.
 * Every one of those requests is decided by the IAM evaluator over the example's
 * synthesized templates before moto sees it, with the bucket and key names those
 * templates give skatteetaten-arkiv. moto applies the bucket's default SSE-KMS settings
 * to POSTed objects (as S3 does) but never calls KMS. The standard-tier cases run the
 * handlers' standard-tier logic on the same tenant's buckets, whose policies do not
 * depend on the tier.
 */

const TENANT = 'skatteetaten-arkiv';
const { keyring } = tenantKeyring('arkiv-2026', randomBytes(32));
const config = exampleConfig();
const stacks = synthesizedStacks(config);

let aws: AuthorizedMoto;
/** moto directly: the fixtures CloudFormation would create, and the tests' observations. */
let s3: S3Client;
let presignS3: S3Client;
let inspectS3: S3Client;
let DATA: string;
let QUARANTINE: string;
let KEY_ARN: string;
let QUARANTINE_KEY_ARN: string;

const presign = (tier: PresignSettings['rules']['tier']): PresignSettings => ({
  bucket: DATA,
  keyArn: KEY_ARN,
  classification: 'secret',
  rules: { tenantId: TENANT, tier, maxObjectBytes: 1024 * 1024, allowedContentTypes: ['application/pdf'] },
});
const MIB = 1024 * 1024;
// moto, like S3, takes parts of 5 MiB and more; these limits make a 12 MiB file three parts.
const multipartPresign = (tier: PresignSettings['rules']['tier']): PresignSettings => ({
  ...presign(tier),
  rules: { ...presign(tier).rules, maxObjectBytes: 64 * MIB },
  multipart: { thresholdBytes: 6 * MIB, minPartBytes: 5 * MIB, maxPartBytes: 5 * 1024 * MIB, maxParts: 1024 },
});
const inspect = (tier: InspectSettings['tier']): InspectSettings => ({
  tenantId: TENANT,
  tier,
  keyArn: KEY_ARN,
  dataBucket: DATA,
  quarantineBucket: QUARANTINE,
  quarantineKeyArn: QUARANTINE_KEY_ARN,
});

function presignEvent(body: object): APIGatewayProxyEventV2WithIAMAuthorizer {
  return {
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'POST' },
      authorizer: { iam: { userArn: 'arn:aws:sts::333333333333:assumed-role/suveren-skatteetaten-arkiv-uploader/ola' } },
    },
  } as unknown as APIGatewayProxyEventV2WithIAMAuthorizer;
}

function objectCreated(key: string, versionId: string | undefined): S3Event {
  return {
    Records: [
      {
        eventName: 'ObjectCreated:Post',
        s3: {
          bucket: { name: DATA, arn: `arn:aws:s3:::${DATA}`, ownerIdentity: { principalId: 'x' } },
          object: { key: encodeURIComponent(key), versionId, size: 0, eTag: '', sequencer: '' },
          s3SchemaVersion: '1.0',
          configurationId: 'inspect',
        },
      },
    ],
  } as unknown as S3Event;
}

async function encrypt(plaintext: Buffer, objectKey: string, tenantId = TENANT): Promise<Buffer> {
  return through(encryptingStream(keyring, { tenantId, objectKey, classification: 'secret' }), plaintext);
}

/** Asks presign for a slot, then POSTs `content` to it; returns the key and the new version. */
async function upload(tier: PresignSettings['rules']['tier'], plaintextLength: number, content: (key: string) => Promise<Buffer>) {
  const response = await handlePresign(
    presignEvent({ fileName: 'deklaration.pdf', contentType: 'application/pdf', contentLength: plaintextLength }),
    presignS3,
    presign(tier),
  );
  expect(response.statusCode).toBe(200);
  const slot = JSON.parse(response.body!) as { key: string; url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
  form.append('file', new Blob([await content(slot.key)]));
  const posted = await fetch(slot.url, { method: 'POST', body: form });
  expect(posted.status).toBeLessThan(300);
  const head = await s3.send(new HeadObjectCommand({ Bucket: DATA, Key: slot.key }));
  return { key: slot.key, versionId: head.VersionId };
}

const tagsOf = async (bucket: string, key: string, versionId?: string) =>
  Object.fromEntries(
    ((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }))).TagSet ?? []).map((t) => [t.Key, t.Value]),
  );
const versionsOf = async (bucket: string, prefix: string) => (await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix }))).Versions ?? [];

/** The tenant's data and quarantine buckets as its stack creates them: versioned, SSE-KMS by default. */
async function createTenantBuckets(client: S3Client, region: string, buckets: [string, string][]): Promise<void> {
  for (const [bucket, keyArn] of buckets) {
    await client.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region as never } }));
    await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await client.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }],
        },
      }),
    );
  }
}

beforeAll(async () => {
  aws = await startAuthorizedMoto(TENANT, { config, stacks });
  s3 = aws.direct;
  presignS3 = aws.s3As(aws.names.role('presign-fn'));
  inspectS3 = aws.s3As(aws.names.role('inspect-fn'));
  DATA = aws.names.data;
  QUARANTINE = aws.names.quarantine;
  KEY_ARN = aws.names.keyArn;
  QUARANTINE_KEY_ARN = aws.evaluator.deployed.buckets.get(QUARANTINE)!.defaultKeyArn!;
  await createTenantBuckets(s3, aws.tenant.region, [
    [DATA, KEY_ARN],
    [QUARANTINE, QUARANTINE_KEY_ARN],
  ]);
}, 60_000);
afterAll(async () => aws?.stop());

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-upload-path-'));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function multipartSlot(tier: PresignSettings['rules']['tier'], plaintextLength: number, client = presignS3) {
  const response = await handlePresign(
    presignEvent({ fileName: 'arkiv.tar', contentType: 'application/pdf', contentLength: plaintextLength }),
    client,
    multipartPresign(tier),
  );
  expect(response.statusCode).toBe(200);
  return JSON.parse(response.body!) as { key: string; multipart: MultipartSlot; url?: string };
}

const openUploads = async (key: string) => ((await s3.send(new ListMultipartUploadsCommand({ Bucket: DATA, Prefix: key }))).Uploads ?? []).length;
const signedHeaders = (url: string) => new URL(url).searchParams.get('X-Amz-SignedHeaders');

describe('multipart upload path against moto_server', () => {
  test('client-side tier: presign plans parts -> each part PUT to its URL -> complete -> inspect accepts the ciphertext', async () => {
    const plaintext = randomBytes(12 * MIB);
    const slot = await multipartSlot('client-side', plaintext.length);
    expect(slot.url).toBeUndefined();
    expect(slot.multipart.parts.length).toBeGreaterThanOrEqual(2);
    // Every part but the message's last is pinned to its length by the signature.
    for (const part of slot.multipart.parts.slice(0, -1)) expect(signedHeaders(part.url)).toBe('content-length;host');
    expect(signedHeaders(slot.multipart.parts[slot.multipart.parts.length - 1].url)).toBe('host');
    const file = path.join(workDir, 'ciphertext.bin');
    fs.writeFileSync(file, await encrypt(plaintext, slot.key));
    await uploadParts(slot.multipart, file);

    const head = await s3.send(new HeadObjectCommand({ Bucket: DATA, Key: slot.key }));
    expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KEY_ARN, ContentLength: fs.statSync(file).size });
    expect(head.Metadata).toMatchObject({ 'original-filename': 'arkiv.tar', 'plaintext-content-type': 'application/pdf' });
    expect(await tagsOf(DATA, slot.key, head.VersionId)).toEqual({ 'suveren:inspection': 'pending' });
    const outcomes = await handleEvent(objectCreated(slot.key, head.VersionId), inspectS3, inspect('client-side'));
    expect(outcomes).toEqual([{ key: slot.key, versionId: head.VersionId, result: 'accepted' }]);
  });

  test('standard tier: every part is pinned, and the object is the file', async () => {
    const content = randomBytes(11 * MIB + 7);
    const slot = await multipartSlot('standard', content.length);
    expect(slot.multipart.parts.every((part) => signedHeaders(part.url) === 'content-length;host')).toBe(true);
    expect(slot.multipart.parts.reduce((sum, part) => sum + part.length!, 0)).toBe(content.length);
    const file = path.join(workDir, 'plain.bin');
    fs.writeFileSync(file, content);
    await uploadParts(slot.multipart, file);
    const stored = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: DATA, Key: slot.key }))).Body!.transformToByteArray());
    expect(stored.equals(content)).toBe(true);
  });

  test('a file that does not match its plan is refused and the multipart upload is aborted: no parts are left', async () => {
    const slot = await multipartSlot('standard', 11 * MIB);
    const file = path.join(workDir, 'changed.bin');
    fs.writeFileSync(file, randomBytes(11 * MIB - 1));
    expect(await openUploads(slot.key)).toBe(1);
    const failure = uploadParts(slot.multipart, file);
    await expect(failure).rejects.toThrow(TransferError);
    await expect(failure).rejects.toThrow('part 3 is 1048575 bytes but its URL is signed for 1048576; was the file changed during the upload?');
    expect(await openUploads(slot.key)).toBe(0);
    expect(await versionsOf(DATA, slot.key)).toEqual([]);
  });

  test('an object larger than its slot allowed (the open last part overfilled) is quarantined, copied part by part', async () => {
    const slot = await multipartSlot('client-side', 10 * MIB);
    const declared = 10 * MIB + 8 * 1024 + 11 * 32 + 4;
    const last = slot.multipart.parts[slot.multipart.parts.length - 1];
    // moto, unlike S3, does not check signatures, so the pinned lengths are sent as planned and only the open part is overfilled.
    const etags: string[] = [];
    for (const part of slot.multipart.parts) {
      const body = part === last ? randomBytes(6 * MIB) : randomBytes(part.length!);
      const put = await fetch(part.url, { method: 'PUT', body });
      expect(put.status).toBe(200);
      etags.push(put.headers.get('etag')!);
    }
    const manifest = `<CompleteMultipartUpload>${etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    expect((await fetch(slot.multipart.completeUrl, { method: 'POST', body: manifest })).status).toBe(200);
    const head = await s3.send(new HeadObjectCommand({ Bucket: DATA, Key: slot.key }));
    expect(head.ContentLength).toBeGreaterThan(declared);

    const [outcome] = await handleEvent(objectCreated(slot.key, head.VersionId), inspectS3, { ...inspect('client-side'), copyPartBytes: 5 * MIB });
    expect(outcome).toMatchObject({ result: 'quarantined', reason: expect.stringMatching(/more than the \d+ its upload slot allowed/) });
    expect(await versionsOf(DATA, slot.key)).toEqual([]);
    const [copy] = await versionsOf(QUARANTINE, `quarantine/${slot.key}/`);
    expect(copy.Size).toBe(head.ContentLength);
    const copied = await s3.send(new HeadObjectCommand({ Bucket: QUARANTINE, Key: copy.Key! }));
    expect(copied).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: QUARANTINE_KEY_ARN });
    expect(await tagsOf(QUARANTINE, copy.Key!)).toMatchObject({ 'suveren:inspection': 'quarantined' });
  });
});

describe('upload path against moto_server', () => {
  test('client-side tier: presign -> POST of the ciphertext -> inspect: accepted and tagged, and the object is ciphertext', async () => {
    const plaintext = randomBytes(200_000);
    const { key, versionId } = await upload('client-side', plaintext.length, (objectKey) => encrypt(plaintext, objectKey));
    const outcomes = await handleEvent(objectCreated(key, versionId), inspectS3, inspect('client-side'));
    expect(outcomes).toEqual([{ key, versionId, result: 'accepted' }]);
    expect(await tagsOf(DATA, key, versionId)).toMatchObject({ 'suveren:inspection': 'accepted' });
    const stored = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: DATA, Key: key }))).Body!.transformToByteArray());
    expect(stored.includes(plaintext.subarray(0, 32))).toBe(false);
  });

  test('client-side tier: a plaintext upload is quarantined, with its content, and is gone from the data bucket', async () => {
    const plaintext = Buffer.from('%PDF-1.7 confidential tax return');
    const { key, versionId } = await upload('client-side', plaintext.length, async () => plaintext);
    const [outcome] = await handleEvent(objectCreated(key, versionId), inspectS3, inspect('client-side'));
    expect(outcome).toMatchObject({ result: 'quarantined', reason: expect.stringMatching(/not an Encryption SDK message/) });
    expect(await versionsOf(DATA, key)).toEqual([]);
    const quarantined = await versionsOf(QUARANTINE, `quarantine/${key}/`);
    expect(quarantined).toHaveLength(1);
    const copy = await s3.send(new GetObjectCommand({ Bucket: QUARANTINE, Key: quarantined[0].Key! }));
    expect(Buffer.from(await copy.Body!.transformToByteArray()).equals(plaintext)).toBe(true);
    expect(await tagsOf(QUARANTINE, quarantined[0].Key!)).toMatchObject({
      'suveren:inspection': 'quarantined',
      'suveren:inspection-reason': expect.stringMatching(/not an Encryption SDK message/),
    });
  });

  test("client-side tier: another tenant's ciphertext is quarantined", async () => {
    const plaintext = randomBytes(1000);
    const { key, versionId } = await upload('client-side', plaintext.length, (objectKey) => encrypt(plaintext, objectKey, 'malmo-stad'));
    const [outcome] = await handleEvent(objectCreated(key, versionId), inspectS3, inspect('client-side'));
    expect(outcome).toMatchObject({ result: 'quarantined', reason: expect.stringMatching(/names tenant "malmo-stad"/) });
  });

  test('standard tier: an object under another KMS key cannot be written; planted anyway, it is never accepted, and one under the tenant key is', async () => {
    const foreign = 'objects/11111111-2222-3333-4444-555555555555';
    const otherKey = {
      Bucket: DATA,
      Key: foreign,
      Body: 'x',
      ServerSideEncryption: 'aws:kms' as const,
      SSEKMSKeyId: 'arn:aws:kms:eu-west-1:999999999999:key/other',
    };
    // The bucket policy refuses it on AWS.
    await expect(presignS3.send(new PutObjectCommand(otherKey))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringMatching(/DenyPutWithOtherKey\].*is not authorized/),
    });
    // Planted behind the authorizer, the inspection decides to quarantine it, but the
    // inspect role cannot decrypt another account's key, so the copy is refused as it
    // would be on AWS: the handler fails (the event goes to the dead-letter queue) and the
    // object stays where it is, never tagged accepted, so no reader can fetch it.
    const put = await s3.send(new PutObjectCommand(otherKey));
    await expect(handleEvent(objectCreated(foreign, put.VersionId), inspectS3, inspect('standard'))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringMatching(/is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-1:999999999999:key\/other/),
    });
    expect(await tagsOf(DATA, foreign, put.VersionId)).not.toMatchObject({ 'suveren:inspection': 'accepted' });
    expect(await versionsOf(QUARANTINE, `quarantine/${foreign}/`)).toEqual([]);
    const { key, versionId } = await upload('standard', 10, async () => Buffer.alloc(10, 1));
    expect((await handleEvent(objectCreated(key, versionId), inspectS3, inspect('standard')))[0].result).toBe('accepted');
  });

  test('the reader gets an object only once inspection accepts it, and neither the uploader nor the reader can write around the presign function', async () => {
    const reader = aws.s3As(aws.names.role('reader'));
    const uploader = aws.s3As(aws.names.role('uploader'));
    const { key, versionId } = await upload('standard', 10, async () => Buffer.alloc(10, 3));
    await expect(reader.send(new GetObjectCommand({ Bucket: DATA, Key: key }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringMatching(/DenyReadBeforeAcceptance/),
    });
    expect((await handleEvent(objectCreated(key, versionId), inspectS3, inspect('standard')))[0].result).toBe('accepted');
    const read = await reader.send(new GetObjectCommand({ Bucket: DATA, Key: key }));
    expect(Buffer.from(await read.Body!.transformToByteArray()).equals(Buffer.alloc(10, 3))).toBe(true);
    const overwrite = new PutObjectCommand({ Bucket: DATA, Key: key, Body: 'overwrite', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KEY_ARN });
    await expect(uploader.send(overwrite)).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(reader.send(overwrite)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(await versionsOf(DATA, key)).toHaveLength(1);
  });

  test('duplicate events are harmless: an accepted object is skipped, a quarantined one is not copied twice', async () => {
    const { key, versionId } = await upload('client-side', 5, async () => Buffer.from('plain'));
    await handleEvent(objectCreated(key, versionId), inspectS3, inspect('client-side'));
    expect((await handleEvent(objectCreated(key, versionId), inspectS3, inspect('client-side')))[0].result).toBe('skipped');
    expect(await versionsOf(QUARANTINE, `quarantine/${key}/`)).toHaveLength(1);

    const accepted = await upload('standard', 10, async () => Buffer.alloc(10, 2));
    await handleEvent(objectCreated(accepted.key, accepted.versionId), inspectS3, inspect('standard'));
    expect((await handleEvent(objectCreated(accepted.key, accepted.versionId), inspectS3, inspect('standard')))[0].result).toBe('skipped');
  });

  test('an event for another bucket is an error, not a silent success', async () => {
    const event = objectCreated('objects/x', undefined);
    event.Records[0].s3.bucket.name = 'someone-elses-bucket';
    await expect(handleEvent(event, inspectS3, inspect('standard'))).rejects.toThrow(`expected ${DATA}`);
  });
});

describe('mutation check: the multipart path through the authorizer', () => {
  test('restoring the StringNotEqualsIfExists SSE pinning makes the multipart upload fail with AccessDenied naming DenyPutWithoutSseKms', async () => {
    const mutatedAws = await startAuthorizedMoto(TENANT, { config, stacks: withIfExistsPinning(stacks) });
    try {
      await createTenantBuckets(mutatedAws.direct, mutatedAws.tenant.region, [[DATA, KEY_ARN]]);
      const slot = await multipartSlot('standard', 11 * MIB, mutatedAws.s3As(mutatedAws.names.role('presign-fn')));
      const file = path.join(workDir, 'mutation.bin');
      fs.writeFileSync(file, randomBytes(11 * MIB));
      const failure = uploadParts(slot.multipart, file);
      await expect(failure).rejects.toThrow(/S3 refused part \d \(HTTP 403\): .*AccessDenied.*DenyPutWithoutSseKms/s);
      // The refused upload was aborted: nothing is left behind.
      expect(((await mutatedAws.direct.send(new ListMultipartUploadsCommand({ Bucket: DATA }))).Uploads ?? []).length).toBe(0);
    } finally {
      await mutatedAws.stop();
    }
  });
});
