import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
  UpdateObjectEncryptionCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { type InspectSettings, handleEvent } from '../../lambda/inspect/index';
import { decideS3Call } from '../../lib/authorization/s3-calls';
import { INSPECTION_TAGS, INSPECTION_VERDICTS } from '@suveren/core/contracts/upload-layout';
import { tenantStackId } from '@suveren/core/contracts/names';
import { migrateBuckets } from '../../lib/migration/migrate';
import { run } from '../../lib/cli/main';
import { type AuthorizedMoto, startAuthorizedMoto, synthesizedStacks } from '../support/authorized-moto';
import { exampleConfigDocument, parseDocument, withField, withoutContinuity } from '../helpers';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';

/*
 * `suveren migrate` end to end: lund-kommun raised from tier standard to hsm with its
 * standard key kept and its migration role on. moto_server holds the buckets with what
 * the tenant stored before the raise (three objects under the standard key: one written
 * as a multipart upload, one with two versions, and one quarantined); every request of
 * the migration role, the reader and the inspection goes through the authorizer, which
 * decides it with the IAM evaluator over the raised config's synthesized templates. moto
 * records SSE-KMS keys as S3 does but evaluates no policy and calls no KMS.
 */

const TENANT = 'lund-kommun';
const MIB = 1024 * 1024;
const raisedDocument = (() => {
  // Tier hsm has no replica (docs/continuity.md): the raised tenant without its continuity.
  let d = withoutContinuity(exampleConfigDocument());
  d = withField(d, 'tenants.0.classification', 'confidential');
  d = withField(d, 'tenants.0.hsmCluster', 'nordic');
  d = withField(d, 'tenants.0.keepStandardKey', true);
  d = withField(d, 'tenants.0.migration', true);
  return d;
})();
const config = parseDocument(raisedDocument);
const stacks = synthesizedStacks(config);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-migrate-'));
const configFile = path.join(workDir, 'raised.yaml');
fs.writeFileSync(configFile, stringify(raisedDocument));

let aws: AuthorizedMoto;
let s3: S3Client;
let DATA: string;
let QUARANTINE: string;
let NEW_KEY: string;
let OLD_KEY: string;
let MIGRATION: string;

const accepted = { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.accepted };
const tagging = (tags: Record<string, string>) => new URLSearchParams(tags).toString();
const tagsOf = async (bucket: string, key: string, versionId?: string) =>
  Object.fromEntries(
    ((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }))).TagSet ?? []).map((t) => [t.Key, t.Value]),
  );
const keyOf = async (bucket: string, key: string, versionId?: string) =>
  (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }))).SSEKMSKeyId;
const bodyOf = async (client: S3Client, bucket: string, key: string, versionId?: string) =>
  Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }))).Body!.transformToByteArray());
const versionsOf = async (bucket: string, prefix: string) => (await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix }))).Versions ?? [];

/** What the tenant stored before the raise, written as CloudFormation's buckets and the upload path left it: under the standard key. */
const stored = {
  report: { key: 'objects/2026/03/01/report.pdf', body: randomBytes(64 * 1024) },
  ledgerV1: { key: 'objects/2026/03/02/ledger.csv', body: Buffer.from('v1,first\n') },
  ledgerV2: { key: 'objects/2026/03/02/ledger.csv', body: Buffer.from('v2,second\n') },
  archive: { key: 'objects/2026/03/03/archive.pdf', body: randomBytes(11 * MIB) },
  rejected: { key: 'quarantine/objects/2026/03/04/bad.pdf/v1', body: Buffer.from('not a pdf') },
};
const versionIds: Record<string, string> = {};

async function putUnderOldKey(bucket: string, key: string, body: Buffer, tags: Record<string, string>): Promise<string> {
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: OLD_KEY,
      Tagging: tagging(tags),
      ContentType: 'application/pdf',
    }),
  );
  return put.VersionId!;
}

beforeAll(async () => {
  aws = await startAuthorizedMoto(TENANT, { config, stacks });
  s3 = aws.direct;
  DATA = aws.names.data;
  QUARANTINE = aws.names.quarantine;
  NEW_KEY = aws.names.keyArn;
  OLD_KEY = aws.evaluator.deployed.physicalIds.get(`${tenantStackId(TENANT)}/DataKey2A0DE9E6`)!;
  MIGRATION = aws.names.role('migration');
  for (const bucket of [DATA, QUARANTINE]) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: aws.tenant.region as never } }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  versionIds.report = await putUnderOldKey(DATA, stored.report.key, stored.report.body, accepted);
  versionIds.ledgerV1 = await putUnderOldKey(DATA, stored.ledgerV1.key, stored.ledgerV1.body, accepted);
  versionIds.ledgerV2 = await putUnderOldKey(DATA, stored.ledgerV2.key, stored.ledgerV2.body, accepted);
  const created = await s3.send(
    new CreateMultipartUploadCommand({
      Bucket: DATA,
      Key: stored.archive.key,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: OLD_KEY,
      Tagging: tagging(accepted),
    }),
  );
  const parts = [];
  for (let start = 0, n = 1; start < stored.archive.body.length; start += 5 * MIB, n++) {
    const part = await s3.send(
      new UploadPartCommand({
        Bucket: DATA,
        Key: stored.archive.key,
        UploadId: created.UploadId,
        PartNumber: n,
        Body: stored.archive.body.subarray(start, start + 5 * MIB),
      }),
    );
    parts.push({ PartNumber: n, ETag: part.ETag });
  }
  versionIds.archive = (
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: DATA, Key: stored.archive.key, UploadId: created.UploadId, MultipartUpload: { Parts: parts } }))
  ).VersionId!;
  versionIds.rejected = await putUnderOldKey(QUARANTINE, stored.rejected.key, stored.rejected.body, {
    [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.quarantined,
  });
  // The raise: the buckets' default key becomes the new one (CloudFormation's update).
  for (const bucket of [DATA, QUARANTINE]) {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: NEW_KEY }, BucketKeyEnabled: true }],
        },
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  await aws?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Runs `suveren migrate` in this process as `principal`, through the authorizer. */
async function migrateCli(principal: string, extra: string[] = []) {
  const credentials = aws.proxy.credentialsFor(principal);
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: aws.proxy.endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: aws.tenant.region,
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  const out: string[] = [];
  const err: string[] = [];
  try {
    const args = [
      'migrate',
      '--tenant',
      TENANT,
      '--bucket',
      DATA,
      '--quarantine-bucket',
      QUARANTINE,
      '--from-key',
      OLD_KEY,
      '--to-key',
      NEW_KEY,
      '--config',
      configFile,
      ...extra,
    ];
    const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.env = saved;
  }
}

describe('suveren migrate through moto_server behind the authorizer', () => {
  test('the kept standard key still decrypts for the reader before the migration', async () => {
    expect(OLD_KEY).toMatch(/^arn:aws:kms:eu-north-1:333333333331:key\//);
    expect(NEW_KEY).not.toBe(OLD_KEY);
    const reader = aws.s3As(aws.names.role('reader'));
    expect((await bodyOf(reader, DATA, stored.report.key)).equals(stored.report.body)).toBe(true);
  });

  test('a pending version is left alone and the run says it is not done (exit 2); once accepted, a rerun finishes it', async () => {
    const pendingKey = 'objects/2026/03/05/pending.pdf';
    const pendingVersion = await putUnderOldKey(DATA, pendingKey, Buffer.from('%PDF-1.7 pending'), { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.pending });
    const dry = await migrateCli(MIGRATION, ['--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain('(dry run: nothing changed)');
    expect(dry.stdout).toContain(`pending: s3://${DATA}/${pendingKey} version ${pendingVersion} (verdict pending)`);
    expect(await keyOf(DATA, stored.report.key)).toBe(OLD_KEY);

    const first = await migrateCli(MIGRATION, ['--out', path.join(workDir, 'first.json')]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('method copy');
    const report = JSON.parse(fs.readFileSync(path.join(workDir, 'first.json'), 'utf8')) as { summary: { counts: Record<string, number> } };
    expect(report.summary.counts).toMatchObject({ copied: 4, remains: 1, pending: 1, failed: 0, 'other-key': 0 });
    // The inspection accepts it (it alone writes verdicts); the rerun re-keys it and nothing else.
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: DATA,
        Key: pendingKey,
        VersionId: pendingVersion,
        Tagging: { TagSet: [{ Key: INSPECTION_TAGS.verdict, Value: 'accepted' }] },
      }),
    );
    const second = await migrateCli(MIGRATION, ['--out', path.join(workDir, 'second.json')]);
    expect(second.code).toBe(0);
    const rerun = JSON.parse(fs.readFileSync(path.join(workDir, 'second.json'), 'utf8')) as { summary: { counts: Record<string, number>; complete: boolean } };
    expect(rerun.summary.counts).toMatchObject({ copied: 1, already: 4, failed: 0, pending: 0 });
    expect(second.stdout).toMatch(/done: the old key holds only versions that expire, the last on \d{4}-\d{2}-\d{2}/);
  });

  test('every current version is under the new key with its content, tags and metadata; each old one is listed with its expiry', async () => {
    const report = JSON.parse(fs.readFileSync(path.join(workDir, 'first.json'), 'utf8')) as {
      versions: { key: string; versionId: string; outcome: string; expires?: string; newVersionId?: string }[];
    };
    for (const [name, bucket] of [
      ['report', DATA],
      ['ledgerV2', DATA],
      ['archive', DATA],
      ['rejected', QUARANTINE],
    ] as const) {
      const { key, body } = stored[name];
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      expect(head.SSEKMSKeyId).toBe(NEW_KEY);
      expect(head.VersionId).not.toBe(versionIds[name]);
      const source = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionIds[name] }));
      expect({ type: head.ContentType, metadata: head.Metadata }).toEqual({ type: source.ContentType, metadata: source.Metadata });
      expect((await bodyOf(s3, bucket, key)).equals(body)).toBe(true);
      expect(await tagsOf(bucket, key)).toEqual(bucket === DATA ? accepted : { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.quarantined });
      // The source stays, under the old key, until the lifecycle expires it: 365 days after it became noncurrent, at midnight UTC.
      const row = report.versions.find((v) => v.versionId === versionIds[name])!;
      expect(row.outcome).toBe('copied');
      expect(row.newVersionId).toBe(head.VersionId);
      expect(row.expires).toMatch(/T00:00:00\.000Z$/);
      const days = (Date.parse(row.expires!) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(364);
      expect(days).toBeLessThanOrEqual(366);
    }
    expect(await keyOf(DATA, stored.ledgerV1.key, versionIds.ledgerV1)).toBe(OLD_KEY);
    const v1 = report.versions.find((v) => v.versionId === versionIds.ledgerV1)!;
    expect(v1.outcome).toBe('remains');
    expect(v1.expires).toMatch(/T00:00:00\.000Z$/);
  });

  test('the copies are not re-inspected and nothing is quarantined: the inspection skips what already carries the verdict', async () => {
    const inspect: InspectSettings = {
      tenantId: TENANT,
      tier: 'hsm',
      keyArn: NEW_KEY,
      dataBucket: DATA,
      quarantineBucket: QUARANTINE,
      quarantineKeyArn: NEW_KEY,
    };
    const before = (await versionsOf(QUARANTINE, 'quarantine/')).length;
    for (const name of ['report', 'ledgerV2', 'archive'] as const) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: DATA, Key: stored[name].key }));
      const event = {
        Records: [
          { eventName: 'ObjectCreated:Copy', s3: { bucket: { name: DATA }, object: { key: encodeURIComponent(stored[name].key), versionId: head.VersionId } } },
        ],
      } as unknown as S3Event;
      expect(await handleEvent(event, aws.s3As(aws.names.role('inspect-fn')), inspect)).toEqual([
        { key: stored[name].key, versionId: head.VersionId, result: 'skipped' },
      ]);
    }
    expect((await versionsOf(QUARANTINE, 'quarantine/')).length).toBe(before);
  });

  test('the reader reads every object after the migration, current and old versions alike', async () => {
    const reader = aws.s3As(aws.names.role('reader'));
    for (const name of ['report', 'ledgerV2', 'archive'] as const) expect((await bodyOf(reader, DATA, stored[name].key)).equals(stored[name].body)).toBe(true);
    expect((await bodyOf(reader, DATA, stored.ledgerV1.key, versionIds.ledgerV1)).equals(stored.ledgerV1.body)).toBe(true);
  });

  test('above the single-copy limit a copy goes part by part without the verdict, and the inspection accepts it', async () => {
    const key = 'objects/2026/03/06/large.pdf';
    const body = randomBytes(7 * MIB);
    const version = await putUnderOldKey(DATA, key, body, accepted);
    const migration = aws.s3As(MIGRATION);
    const results = await migrateBuckets(migration, {
      buckets: [{ name: DATA, prefix: key, verdictRequired: true }],
      fromKeyArn: OLD_KEY,
      toKeyArn: NEW_KEY,
      method: 'copy',
      bucketKeyEnabled: true,
      noncurrentDays: 365,
      copyPartBytes: 5 * MIB,
    });
    expect(results).toEqual([expect.objectContaining({ key, versionId: version, outcome: 'copied-awaiting-inspection' })]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: DATA, Key: key }));
    expect(head.SSEKMSKeyId).toBe(NEW_KEY);
    expect(await tagsOf(DATA, key)).toEqual({});
    const inspect: InspectSettings = {
      tenantId: TENANT,
      tier: 'hsm',
      keyArn: NEW_KEY,
      dataBucket: DATA,
      quarantineBucket: QUARANTINE,
      quarantineKeyArn: NEW_KEY,
    };
    const event = {
      Records: [
        {
          eventName: 'ObjectCreated:CompleteMultipartUpload',
          s3: { bucket: { name: DATA }, object: { key: encodeURIComponent(key), versionId: head.VersionId } },
        },
      ],
    } as unknown as S3Event;
    expect(await handleEvent(event, aws.s3As(aws.names.role('inspect-fn')), inspect)).toEqual([{ key, versionId: head.VersionId, result: 'accepted' }]);
    expect((await bodyOf(aws.s3As(aws.names.role('reader')), DATA, key)).equals(body)).toBe(true);
  });

  test('UpdateObjectEncryption is authorized for the migration role; moto lacks it, so the proxy answers 501 and nothing changes', async () => {
    const key = 'objects/2026/03/07/in-place.pdf';
    const version = await putUnderOldKey(DATA, key, Buffer.from('%PDF in place'), accepted);
    const migration = aws.s3As(MIGRATION);
    await expect(
      migration.send(
        new UpdateObjectEncryptionCommand({
          Bucket: DATA,
          Key: key,
          VersionId: version,
          ObjectEncryption: { SSEKMS: { KMSKeyArn: NEW_KEY, BucketKeyEnabled: true } },
        }),
      ),
    ).rejects.toThrow('moto_server does not implement UpdateObjectEncryption');
    const decided = aws.proxy.log.filter((r) => r.summary.startsWith(`S3 UpdateObjectEncryption ${DATA}/${key}`));
    expect(decided.map((r) => r.allowed)).toEqual([true]);
    expect(await keyOf(DATA, key, version)).toBe(OLD_KEY);
  });
});

describe('the migration role is denied everything outside its job (authorizer over moto, and replay rows)', () => {
  const pendingKey = 'objects/2026/03/08/unread.pdf';
  let pendingVersion: string;
  beforeAll(async () => {
    pendingVersion = await putUnderOldKey(DATA, pendingKey, Buffer.from('%PDF pending'), { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.pending });
  });
  const denied = async (promise: Promise<unknown>, deciding: RegExp) => {
    const error = (await promise.then(
      () => undefined,
      (e: unknown) => e,
    )) as Error | undefined;
    expect(error?.name).toBe('AccessDenied');
    expect(error?.message).toMatch(deciding);
  };

  test('it cannot read a version the inspection has not accepted', async () => {
    await denied(aws.s3As(MIGRATION).send(new GetObjectCommand({ Bucket: DATA, Key: pendingKey, VersionId: pendingVersion })), /DenyReadBeforeAcceptance/);
  });

  test('it cannot write a verdict, neither with a new object nor on an existing one', async () => {
    const migration = aws.s3As(MIGRATION);
    await denied(
      migration.send(new PutObjectCommand({ Bucket: DATA, Key: 'objects/forged.pdf', Body: 'x', Tagging: tagging(accepted) })),
      /DenyVerdictOutsideInspection/,
    );
    await denied(
      migration.send(
        new PutObjectTaggingCommand({
          Bucket: DATA,
          Key: pendingKey,
          VersionId: pendingVersion,
          Tagging: { TagSet: [{ Key: INSPECTION_TAGS.verdict, Value: 'accepted' }] },
        }),
      ),
      /not authorized to perform: s3:PutObjectVersionTagging/,
    );
  });

  test('it cannot delete a version, change the bucket, or copy back under the old key', async () => {
    const migration = aws.s3As(MIGRATION);
    await denied(migration.send(new DeleteObjectCommand({ Bucket: DATA, Key: stored.ledgerV1.key, VersionId: versionIds.ledgerV1 })), /s3:DeleteObjectVersion/);
    await denied(migration.send(new PutBucketPolicyCommand({ Bucket: DATA, Policy: '{}' })), /DenyConfigurationChangesOutsidePlatform|s3:PutBucketPolicy/);
    await denied(
      migration.send(
        new CopyObjectCommand({
          Bucket: DATA,
          Key: stored.report.key,
          CopySource: `${DATA}/${stored.report.key}`,
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: OLD_KEY,
        }),
      ),
      /DenyPutWithOtherKey/,
    );
  });

  test('replay rows: nothing of another tenant, no direct use of either key, listing only under its prefixes', async () => {
    const other = aws.evaluator.deployed;
    const malmoData = [...other.buckets.values()].find((b) => b.stackId === tenantStackId('malmo-stad') && b.logicalId.startsWith('DataBucket'))!;
    const rows: [string, Parameters<typeof decideS3Call>[1], boolean][] = [
      ['lists the data bucket versions under objects/', { principal: MIGRATION, operation: 'ListObjectVersions', bucket: DATA, prefix: 'objects/' }, true],
      [
        'lists the quarantine bucket versions under quarantine/',
        { principal: MIGRATION, operation: 'ListObjectVersions', bucket: QUARANTINE, prefix: 'quarantine/' },
        true,
      ],
      ['lists the data bucket outside objects/', { principal: MIGRATION, operation: 'ListObjectVersions', bucket: DATA, prefix: '' }, false],
      [
        "reads another tenant's object",
        { principal: MIGRATION, operation: 'GetObject', bucket: malmoData.name, key: 'objects/x', existingTags: accepted },
        false,
      ],
      [
        "copies another tenant's object into its bucket",
        {
          principal: MIGRATION,
          operation: 'CopyObject',
          bucket: DATA,
          key: 'objects/x',
          source: { bucket: malmoData.name, key: 'objects/x', existingTags: accepted },
        },
        false,
      ],
      [
        'copies an accepted version in place under the new key',
        {
          principal: MIGRATION,
          operation: 'CopyObject',
          bucket: DATA,
          key: 'objects/x',
          encryption: { algorithm: 'aws:kms', keyId: NEW_KEY },
          source: { bucket: DATA, key: 'objects/x', versionId: 'v1', existingTags: accepted, keyArn: OLD_KEY },
        },
        true,
      ],
    ];
    for (const [what, call, allowed] of rows) {
      const decision = await decideS3Call(aws.evaluator, call);
      expect({ what, allowed: decision.allowed }).toEqual({ what, allowed });
    }
    for (const keyArn of [OLD_KEY, NEW_KEY]) {
      const direct = await aws.evaluator.decide({ principal: MIGRATION, action: 'kms:Decrypt', resource: keyArn, region: aws.tenant.region });
      expect({ keyArn, allowed: direct.allowed }).toEqual({ keyArn, allowed: false });
    }
  });
});
