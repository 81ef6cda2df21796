import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { INSPECT_ENVIRONMENT } from '@suveren/core/contracts/function-environments';
import { INSPECTION_TAGS, INSPECTION_VERDICTS, MULTIPART_MAX_PART_BYTES, UPLOAD_METADATA } from '@suveren/core/contracts/upload-layout';
import { HEADER_PROBE_BYTES } from './ciphertext-header';
import { type Decision, type InspectionSettings, type StoredObject, decideOnHeader, decideOnObject, quarantineKey, tagValue } from './inspection';

/*
 * The inspection Lambda, on every ObjectCreated event of a tenant's data bucket:
 * accepted objects are tagged; rejected versions are copied to the quarantine bucket
 * and only then deleted from the data bucket, so nothing is lost. Failures throw, so
 * the asynchronous invocation retries and finally lands in the dead-letter queue.
 */

export interface InspectSettings extends InspectionSettings {
  readonly dataBucket: string;
  readonly quarantineBucket: string;
  /** Key the quarantine copy is encrypted under (the tenant key: the data stays the tenant's). */
  readonly quarantineKeyArn: string;
  /**
   * Objects larger than this are copied to quarantine part by part (CopyObject stops at
   * 5 GiB). @default MULTIPART_MAX_PART_BYTES (5 GiB)
   */
  readonly copyPartBytes?: number;
}

export function settingsFromEnvironment(env: NodeJS.ProcessEnv): InspectSettings {
  const e = INSPECT_ENVIRONMENT.read(env);
  return {
    tenantId: e.tenantId,
    tier: e.tier,
    keyArn: e.keyArn,
    dataBucket: e.bucketName,
    quarantineBucket: e.quarantineBucketName,
    quarantineKeyArn: e.keyArn,
    recoveryKeyFingerprint: e.recoveryKeyFingerprint,
  };
}

const logger = new Logger({ serviceName: 'suveren-inspect' });
const metrics = new Metrics({ namespace: 'Suveren/Uploads', serviceName: 'suveren-inspect' });
const s3 = new S3Client({});
let settings: InspectSettings | undefined;

const isMissing = (e: unknown) => e instanceof S3ServiceException && ['NotFound', 'NoSuchKey', 'NoSuchVersion'].includes(e.name);

export type Outcome = { readonly key: string; readonly versionId?: string } & (
  { readonly result: 'accepted' | 'skipped' } | { readonly result: 'quarantined'; readonly reason: string }
);

export async function inspectObject(client: S3Client, config: InspectSettings, key: string, versionId: string | undefined): Promise<Outcome> {
  const where = { Bucket: config.dataBucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) };
  let head;
  try {
    head = await client.send(new HeadObjectCommand(where));
  } catch (e) {
    // A duplicate event for a version already quarantined and deleted.
    if (isMissing(e)) return { key, versionId, result: 'skipped' };
    throw e;
  }
  const tagging = await client.send(new GetObjectTaggingCommand(where));
  const tags = Object.fromEntries((tagging.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  const declared = Number(head.Metadata?.[UPLOAD_METADATA.maxLength]);
  const object: StoredObject = {
    key,
    size: head.ContentLength ?? 0,
    serverSideEncryption: head.ServerSideEncryption,
    kmsKeyId: head.SSEKMSKeyId,
    ...(Number.isSafeInteger(declared) && declared > 0 ? { maxLength: declared } : {}),
    tags,
  };

  let decision: Decision = decideOnObject(object, config);
  if (decision.action === 'read-header') {
    const first = await client.send(new GetObjectCommand({ ...where, Range: `bytes=0-${HEADER_PROBE_BYTES - 1}` }));
    decision = decideOnHeader(object, await first.Body!.transformToByteArray(), config);
  }
  switch (decision.action) {
    case 'skip':
      return { key, versionId, result: 'skipped' };
    case 'accept': {
      const tagSet = Object.entries({ ...tags, [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.accepted }).map(([Key, Value]) => ({ Key, Value }));
      await client.send(new PutObjectTaggingCommand({ ...where, Tagging: { TagSet: tagSet } }));
      return { key, versionId, result: 'accepted' };
    }
    case 'quarantine': {
      await copyToQuarantine(client, config, key, versionId, object.size, tagValue(decision.reason));
      // Only once the copy exists is the version removed from the data bucket.
      await client.send(new DeleteObjectCommand(where));
      return { key, versionId, result: 'quarantined', reason: decision.reason };
    }
    default:
      throw new Error(`inspect: unexpected decision ${JSON.stringify(decision)}`);
  }
}

/**
 * Copies one version into the quarantine bucket under the tenant key, tagged with the
 * reason: with CopyObject up to `copyPartBytes`, part by part above it. A failed
 * part copy aborts the quarantine upload and throws, leaving the original in place.
 */
async function copyToQuarantine(
  client: S3Client,
  config: InspectSettings,
  key: string,
  versionId: string | undefined,
  size: number,
  reason: string,
): Promise<void> {
  const copySource = `${config.dataBucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
  const target = { Bucket: config.quarantineBucket, Key: quarantineKey(key, versionId) };
  const encryption = { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: config.quarantineKeyArn };
  const tagging = `${encodeURIComponent(INSPECTION_TAGS.verdict)}=${INSPECTION_VERDICTS.quarantined}&${encodeURIComponent(INSPECTION_TAGS.reason)}=${encodeURIComponent(reason)}`;
  const partBytes = config.copyPartBytes ?? MULTIPART_MAX_PART_BYTES;
  if (size <= partBytes) {
    await client.send(
      new CopyObjectCommand({ ...target, ...encryption, CopySource: copySource, TaggingDirective: 'REPLACE', Tagging: tagging, MetadataDirective: 'COPY' }),
    );
    return;
  }
  const original = await client.send(new HeadObjectCommand({ Bucket: config.dataBucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
  const created = await client.send(
    new CreateMultipartUploadCommand({ ...target, ...encryption, Tagging: tagging, Metadata: original.Metadata, ContentType: original.ContentType }),
  );
  const upload = { ...target, UploadId: created.UploadId };
  try {
    const parts = [];
    for (let start = 0, partNumber = 1; start < size; start += partBytes, partNumber++) {
      const end = Math.min(size, start + partBytes) - 1;
      const copied = await client.send(
        new UploadPartCopyCommand({ ...upload, PartNumber: partNumber, CopySource: copySource, CopySourceRange: `bytes=${start}-${end}` }),
      );
      parts.push({ PartNumber: partNumber, ETag: copied.CopyPartResult?.ETag });
    }
    await client.send(new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: parts } }));
  } catch (e) {
    await client.send(new AbortMultipartUploadCommand(upload));
    throw e;
  }
}

export async function handleEvent(event: S3Event, client: S3Client, config: InspectSettings): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const record of event.Records) {
    if (record.s3.bucket.name !== config.dataBucket) throw new Error(`inspect: event for bucket ${record.s3.bucket.name}, expected ${config.dataBucket}`);
    // Keys in S3 event notifications are URL-encoded with + for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const outcome = await inspectObject(client, config, key, record.s3.object.versionId);
    logger.info('object inspected', { ...outcome });
    metrics.addMetric(
      outcome.result === 'quarantined' ? 'ObjectQuarantined' : outcome.result === 'accepted' ? 'ObjectAccepted' : 'DuplicateEvent',
      MetricUnit.Count,
      1,
    );
    outcomes.push(outcome);
  }
  return outcomes;
}

export async function handler(event: S3Event): Promise<void> {
  settings ??= settingsFromEnvironment(process.env);
  try {
    await handleEvent(event, s3, settings);
  } finally {
    metrics.publishStoredMetrics();
  }
}
