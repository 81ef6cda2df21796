import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, type HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { Crc64NvmeJs } from '@aws-sdk/checksums/crc';
import { deserializeFactory } from '@aws-crypto/serialize';
import { NodeAlgorithmSuite } from '@aws-crypto/material-management-node';
import { INSPECTION_TAGS, INSPECTION_VERDICTS, OBJECT_PREFIX, QUARANTINE_PREFIX, UPLOAD_METADATA } from '@suveren/core/contracts/upload-layout';
import { MAX_ENCRYPTED_DATA_KEYS } from '@suveren/core/contracts/message-format';
import { DecryptionKeyrings, type NamedKeyring } from '../client-side/keyrings';
import { decryptingStream } from '../client-side/stream-encryption';
import { type ListedVersion, type Verdict, exportFileName, planExport } from './export-plan';
import { listObjectVersions } from '../s3/object-versions';
import {
  type ChecksumRecord,
  type ExportSummary,
  type ExportedLine,
  type ManifestLine,
  MANIFEST_FILE,
  PART_SUFFIX,
  SHA256SUMS_FILE,
  SUMMARY_FILE,
  appendManifestLine,
  readManifest,
  sha256OfFile,
  sha256SumsOf,
  writeDurably,
} from './manifest';

/*
 * `suveren export`: every accepted object of a tenant's data bucket, as the tenant's
 * reader, into a directory that proves itself complete (docs/exit.md). Each version is
 * fetched by its version id, streamed to `<file>.part`, checked against S3's full-object
 * checksum, fsynced and renamed, and only then recorded in the manifest: an interrupted
 * export resumes from the manifest, and nothing it wrote is ever deleted.
 */

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

export interface ExportOptions {
  readonly tenantId: string;
  readonly bucket: string;
  /** The tenant's quarantine bucket: its objects are listed apart, never fetched. */
  readonly quarantineBucket?: string;
  readonly out: string;
  readonly allVersions: boolean;
  /** With these keys, client-side messages are also decrypted beside the ciphertext. */
  readonly decryptKeys?: readonly NamedKeyring[];
  /** The bucket's noncurrent-version expiry (the tenant's noncurrentVersionExpirationDays), for the manifest's `expires`. */
  readonly noncurrentExpirationDays?: number;
  readonly s3?: S3Client;
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: () => Date;
}

export interface ExportResult {
  readonly summary: ExportSummary;
  /** Versions that could not be exported, each with why; the export is incomplete if any. */
  readonly failures: readonly string[];
}

const { deserializeMessageHeader } = deserializeFactory((bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'), NodeAlgorithmSuite);

const identity = (key: string, versionId: string) => `${key}\u0000${versionId}`;
const errorName = (e: unknown) => (e instanceof Error ? e.name : 'Error');

/** The export directory: new, empty, or an interrupted export's (it has a manifest). */
function prepareDirectory(out: string): void {
  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) throw new ExportError(`${out} is a file, not a directory: choose an empty or new directory for --out`);
    const entries = fs.readdirSync(out);
    if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
      throw new ExportError(
        `${out} is not empty and has no ${MANIFEST_FILE}: choose an empty or new directory, or the directory of an interrupted export to resume it`,
      );
    }
  }
  fs.mkdirSync(path.join(out, 'objects'), { recursive: true, mode: 0o700 });
  // Files an interruption left half written: fetched again.
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(PART_SUFFIX)) fs.rmSync(full);
    }
  };
  walk(path.join(out, 'objects'));
}

async function listVersions(s3: S3Client, bucket: string, prefix: string): Promise<ListedVersion[]> {
  try {
    return await listObjectVersions(s3, bucket, prefix);
  } catch (e) {
    if (errorName(e) === 'NoSuchBucket') throw new ExportError(`there is no bucket ${bucket}: check --bucket (the tenant stack's DataBucket output)`);
    if (errorName(e) === 'AccessDenied' || errorName(e) === 'Forbidden')
      throw new ExportError(
        `S3 refused to list the versions in ${bucket} (${errorName(e)}): is it this tenant's bucket, and are these the tenant reader's credentials?`,
      );
    throw e;
  }
}

async function verdictOf(s3: S3Client, bucket: string, v: ListedVersion): Promise<Verdict> {
  const { TagSet } = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId }));
  return TagSet?.find((t) => t.Key === INSPECTION_TAGS.verdict)?.Value as Verdict;
}

/** Why S3 refused a version the inspection had accepted: its verdict changed, or the key refused. */
async function refusal(s3: S3Client, bucket: string, v: ListedVersion, error: unknown): Promise<string> {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : String(error);
  // S3 names KMS failures KMS.* (KMS.DisabledException, KMS.KMSInvalidStateException) or says kms:Decrypt in an AccessDenied.
  if (name.startsWith('KMS.') || /\bkms[:.]|key store/i.test(message))
    return `the tenant key refused to decrypt it (S3: ${name}): the key is disabled, scheduled for deletion, or its key store is sealed or disconnected. Fix the key, then run the same command again`;
  const now = await verdictOf(s3, bucket, v).catch(() => undefined);
  if (now !== INSPECTION_VERDICTS.accepted)
    return `its inspection verdict is now ${now ?? 'absent'}, and the bucket refuses versions not accepted (S3: ${name})`;
  return `S3 refused it (${name}: ${message}) although the inspection accepted it: check the reader's role and the key's policy`;
}

/** Copies S3's checksums of a version: the full-object CRC64NVME apart, the rest as they are. */
function checksumsOf(head: HeadObjectCommandOutput): { crc64?: string; others: Record<string, string> } {
  const others: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    CRC32: head.ChecksumCRC32,
    CRC32C: head.ChecksumCRC32C,
    SHA1: head.ChecksumSHA1,
    SHA256: head.ChecksumSHA256,
  }))
    if (value) others[name] = value;
  const fullObject = head.ChecksumType === undefined || head.ChecksumType === 'FULL_OBJECT';
  if (head.ChecksumCRC64NVME && !fullObject) others.CRC64NVME = head.ChecksumCRC64NVME;
  return { crc64: head.ChecksumCRC64NVME && fullObject ? head.ChecksumCRC64NVME : undefined, others };
}

/** The keys a client-side message's data key is wrapped for, if the file is one. */
function wrappingKeysOf(file: string): { providerId: string; providerInfo: string }[] | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head);
    const parsed = deserializeMessageHeader(head.subarray(0, n), { maxEncryptedDataKeys: MAX_ENCRYPTED_DATA_KEYS });
    if (!parsed) return undefined;
    return parsed.messageHeader.encryptedDataKeys.map((edk) => ({ providerId: edk.providerId, providerInfo: edk.providerInfo }));
  } catch {
    // Not an Encryption SDK message: a standard, hsm or external tier object.
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Flushes a finished file to disk. A separate descriptor, opened after the write stream
 * closed its own: closing a descriptor a stream may still have writes queued on lets
 * the number be reused by a socket, and the queued write then lands there (libuv aborts).
 */
function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Streams `body` into `target` (created 0600), fsynced, hashing it on the way. */
async function writeFetched(
  body: NodeJS.ReadableStream,
  target: string,
  onBytes: (n: number) => void,
): Promise<{ size: number; sha256: string; crc64: string }> {
  const sha = createHash('sha256');
  const crc = new Crc64NvmeJs();
  let size = 0;
  await pipeline(
    body,
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sha.update(chunk);
        crc.update(chunk);
        size += chunk.length;
        onBytes(chunk.length);
        done(null, chunk);
      },
    }),
    fs.createWriteStream(target, { mode: 0o600 }),
  );
  fsyncFile(target);
  return { size, sha256: sha.digest('hex'), crc64: Buffer.from(await crc.digest()).toString('base64') };
}

/** Decrypts the client-side message `file` beside it, renamed into place only once every frame authenticated. */
async function decryptBeside(
  file: string,
  keys: readonly NamedKeyring[],
  tenantId: string,
  objectKey: string,
): Promise<{ file: string; size: number; sha256: string }> {
  const plaintext = `${file}.plaintext`;
  const temporary = `${plaintext}${PART_SUFFIX}`;
  const sha = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      fs.createReadStream(file, { highWaterMark: 1024 * 1024 }),
      // Refuses a message bound to another tenant or another object key (the Encryption SDK does not check the context).
      decryptingStream(new DecryptionKeyrings(keys), { tenantId, objectKey }),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          sha.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      fs.createWriteStream(temporary, { mode: 0o600 }),
    );
    fsyncFile(temporary);
  } catch (e) {
    // pipeline() has destroyed every stream, the file's own descriptor closed with it.
    fs.rmSync(temporary, { force: true });
    throw e;
  }
  fs.renameSync(temporary, plaintext);
  return { file: plaintext, size, sha256: sha.digest('hex') };
}

/** Exports the tenant's bucket into `options.out`, resuming what an earlier run left. */
export async function exportTenant(options: ExportOptions): Promise<ExportResult> {
  // The export checks S3's full-object checksum itself, over the file on disk, and keeps a
  // mismatching file; the SDK's own validation would throw mid-stream instead.
  const s3 = options.s3 ?? new S3Client({ responseChecksumValidation: 'WHEN_REQUIRED' });
  const now = options.now ?? (() => new Date());
  const { out, bucket } = options;
  prepareDirectory(out);
  const recorded = readManifest(out, true);
  const done = new Set(
    recorded
      .filter((l): l is ExportedLine => l.status === 'exported')
      .filter((l) => fs.existsSync(path.join(out, l.file)) && fs.statSync(path.join(out, l.file)).size === l.size)
      .map((l) => identity(l.key, l.versionId)),
  );
  const seen = new Set(recorded.map((l) => `${l.status}\u0000${identity(l.key, l.versionId)}`));
  const record = (line: ManifestLine) => {
    const id = `${line.status}\u0000${identity(line.key, line.versionId)}`;
    if (seen.has(id)) return;
    seen.add(id);
    appendManifestLine(out, line);
  };

  const listedAt = now();
  const listing = await listVersions(s3, bucket, OBJECT_PREFIX);
  const verdicts = new Map<string, Verdict>();
  for (const v of listing) if (!v.deleteMarker) verdicts.set(identity(v.key, v.versionId), await verdictOf(s3, bucket, v));
  const plan = planExport(listing, (v) => verdicts.get(identity(v.key, v.versionId)), options.allVersions);

  const toFetch = plan.filter((p) => p.action === 'fetch' && !done.has(identity(p.version.key, p.version.versionId)));
  const total = toFetch.reduce((sum, p) => sum + (p.version.size ?? 0), 0);
  let transferred = 0;
  const failures: string[] = [];

  for (const step of plan) {
    const v = step.version;
    const lastModified = v.lastModified.toISOString();
    if (step.action === 'record-delete-marker') {
      record({ status: 'delete-marker', key: v.key, versionId: v.versionId, lastModified, newest: v.isLatest });
      continue;
    }
    if (step.action === 'skip') {
      if (step.reason !== 'older-version') record({ status: 'skipped', key: v.key, versionId: v.versionId, reason: step.reason, lastModified });
      continue;
    }
    if (done.has(identity(v.key, v.versionId))) continue;
    const file = exportFileName(v.key, v.versionId);
    const target = path.join(out, file);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    const partial = `${target}${PART_SUFFIX}`;
    let head: HeadObjectCommandOutput;
    let written: { size: number; sha256: string; crc64: string };
    try {
      head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId, ChecksumMode: 'ENABLED' }));
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId }));
      written = await writeFetched(object.Body as NodeJS.ReadableStream, partial, (n) => options.onProgress?.((transferred += n), total));
    } catch (e) {
      const name = errorName(e);
      if (name === 'AccessDenied' || name === 'Forbidden' || name.startsWith('KMS.')) {
        failures.push(`${v.key} (version ${v.versionId}): ${await refusal(s3, bucket, v, e)}`);
        fs.rmSync(partial, { force: true });
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'ENOSPC')
        throw new ExportError(`the disk is full writing ${partial}: free space, then run the same command again to resume`);
      throw new ExportError(
        `fetching ${v.key} (version ${v.versionId}) failed: ${e instanceof Error ? e.message : String(e)}. Run the same command again: what is complete is kept`,
      );
    }
    if (head.ContentLength !== undefined && written.size !== head.ContentLength) {
      failures.push(`${v.key} (version ${v.versionId}): ${written.size} bytes written, S3 says ${head.ContentLength}; kept as ${file}${PART_SUFFIX}`);
      continue;
    }
    const { crc64, others } = checksumsOf(head);
    if (crc64 !== undefined && crc64 !== written.crc64) {
      // Kept, never deleted: the controller may want to look at it. A rerun fetches it again.
      const kept = `${target}.checksum-mismatch`;
      fs.renameSync(partial, kept);
      failures.push(
        `${v.key} (version ${v.versionId}): CRC64NVME of the written file is ${written.crc64}, S3 recorded ${crc64}; kept as ${path.relative(out, kept)}`,
      );
      continue;
    }
    fs.renameSync(partial, target);
    const checksum: ChecksumRecord | null = crc64 ? { algorithm: 'CRC64NVME', type: 'FULL_OBJECT', value: crc64, computed: written.crc64 } : null;
    const wrappingKeys = wrappingKeysOf(target);
    let plaintext: ExportedLine['plaintext'];
    if (wrappingKeys && options.decryptKeys && options.decryptKeys.length > 0) {
      try {
        const decrypted = await decryptBeside(target, options.decryptKeys, options.tenantId, v.key);
        const uploaded = head.Metadata?.[UPLOAD_METADATA.sha256];
        plaintext = {
          file: path.relative(out, decrypted.file),
          size: decrypted.size,
          sha256: decrypted.sha256,
          matchesUploadHash: uploaded ? uploaded.toLowerCase() === decrypted.sha256 : null,
        };
        if (plaintext.matchesUploadHash === false)
          failures.push(`${v.key} (version ${v.versionId}): the plaintext's SHA-256 is ${decrypted.sha256}, the upload recorded ${uploaded}`);
      } catch (e) {
        failures.push(`${v.key} (version ${v.versionId}): not decrypted: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
    }
    const expires =
      step.noncurrentSince && options.noncurrentExpirationDays !== undefined
        ? new Date(step.noncurrentSince.getTime() + options.noncurrentExpirationDays * 86_400_000).toISOString()
        : undefined;
    record({
      status: 'exported',
      key: v.key,
      versionId: v.versionId,
      current: step.current,
      file,
      size: written.size,
      sha256: written.sha256,
      checksum,
      ...(Object.keys(others).length > 0 ? { otherChecksums: others } : {}),
      ...(head.ContentType ? { contentType: head.ContentType } : {}),
      lastModified,
      ...(head.SSEKMSKeyId ? { sseKmsKeyId: head.SSEKMSKeyId } : {}),
      ...(wrappingKeys ? { wrappingKeys } : {}),
      ...(expires ? { expires } : {}),
      ...(plaintext ? { plaintext } : {}),
    });
  }

  if (options.quarantineBucket) {
    for (const q of await listVersions(s3, options.quarantineBucket, QUARANTINE_PREFIX)) {
      if (q.deleteMarker) continue;
      record({
        status: 'quarantined',
        bucket: options.quarantineBucket,
        key: q.key,
        versionId: q.versionId,
        size: q.size ?? 0,
        lastModified: q.lastModified.toISOString(),
      });
    }
  }

  const lines = readManifest(out);
  writeDurably(path.join(out, SHA256SUMS_FILE), sha256SumsOf(lines));
  const counts = { exported: 0, 'delete-marker': 0, skipped: 0, quarantined: 0 };
  for (const l of lines) counts[l.status]++;
  const summary: ExportSummary = {
    schemaVersion: '1.0.0',
    tenant: options.tenantId,
    bucket,
    ...(options.quarantineBucket ? { quarantineBucket: options.quarantineBucket } : {}),
    allVersions: options.allVersions,
    listedAt: listedAt.toISOString(),
    completedAt: now().toISOString(),
    counts,
    exportedBytes: lines.reduce((sum, l) => sum + (l.status === 'exported' ? l.size : 0), 0),
    plaintextFiles: lines.filter((l) => l.status === 'exported' && l.plaintext).length,
    manifestSha256: sha256OfFile(path.join(out, MANIFEST_FILE)),
  };
  writeDurably(path.join(out, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  return { summary, failures };
}

/** Checks a finished export offline: every file's size, SHA-256 and recorded checksum, SHA256SUMS and the summary. Problems, or none. */
export async function verifyExport(dir: string): Promise<string[]> {
  const problems: string[] = [];
  if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) return [`${dir} has no ${MANIFEST_FILE}: not an export directory`];
  const lines = readManifest(dir);
  for (const line of lines) {
    if (line.status !== 'exported') continue;
    const file = path.join(dir, line.file);
    if (!fs.existsSync(file)) {
      problems.push(`${line.file} (${line.key}) is missing`);
      continue;
    }
    if (fs.statSync(file).size !== line.size) problems.push(`${line.file} (${line.key}) is ${fs.statSync(file).size} bytes, the manifest says ${line.size}`);
    if (sha256OfFile(file) !== line.sha256) problems.push(`${line.file} (${line.key}): SHA-256 differs from the manifest`);
    if (line.checksum) {
      const crc = new Crc64NvmeJs();
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) crc.update(chunk as Buffer);
      const computed = Buffer.from(await crc.digest()).toString('base64');
      if (computed !== line.checksum.value) problems.push(`${line.file} (${line.key}): CRC64NVME ${computed}, S3 recorded ${line.checksum.value}`);
    }
    if (line.plaintext) {
      const plain = path.join(dir, line.plaintext.file);
      if (!fs.existsSync(plain) || sha256OfFile(plain) !== line.plaintext.sha256) problems.push(`${line.plaintext.file} (${line.key}): missing or changed`);
    }
  }
  const sums = path.join(dir, SHA256SUMS_FILE);
  if (!fs.existsSync(sums) || fs.readFileSync(sums, 'utf8') !== sha256SumsOf(lines)) problems.push(`${SHA256SUMS_FILE} does not match the manifest`);
  const summaryFile = path.join(dir, SUMMARY_FILE);
  if (!fs.existsSync(summaryFile)) problems.push(`${SUMMARY_FILE} is missing: the export did not finish; run it again to resume`);
  else {
    const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as ExportSummary;
    if (summary.manifestSha256 !== sha256OfFile(path.join(dir, MANIFEST_FILE)))
      problems.push(`${MANIFEST_FILE} changed after ${SUMMARY_FILE} recorded its SHA-256`);
  }
  return problems;
}
