import * as fs from 'node:fs';
import * as path from 'node:path';
import { CopyObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { INSPECTION_TAGS, INSPECTION_VERDICTS, OBJECT_PREFIX } from '@suveren/core/contracts/upload-layout';
import type { ListedVersion } from '../export/export-plan';
import { appendJsonLine, readJsonLines, sha256OfFile, writeDurably } from '../export/manifest';
import { listObjectVersions } from '../s3/object-versions';
import { type WholeObjectChecksum, wholeObjectChecksumOf } from '../s3/object-checksums';
import { type RestoreReason, planRestore, restoredId } from './restore-plan';

/*
 * `suveren restore`, as the tenant's restorer role (docs/continuity.md): the accepted
 * versions a tenant's data bucket lacks, copied back from its replica or from its own
 * older versions by S3's CopyObject, so no byte leaves S3 on the way. Each copy is
 * checksummed by S3 with the algorithm of its source's checksum and the two must be
 * equal; each is tagged `pending`, so the tenant's inspection accepts it again before
 * anyone reads it. Every copy is recorded in restore.jsonl as soon as S3 confirmed it:
 * a rerun restores only what is still missing.
 */

export const RESTORE_MANIFEST_FILE = 'restore.jsonl';
export const RESTORE_SUMMARY_FILE = 'restore-summary.json';
/** CopyObject copies at most 5 GB in one request (S3 API reference, CopyObject). */
export const COPY_OBJECT_MAX_BYTES = 5 * 1000 ** 3;

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

/** A version copied back. */
export interface RestoredLine {
  readonly status: 'restored';
  readonly key: string;
  readonly reason: RestoreReason;
  readonly sourceBucket: string;
  readonly sourceVersionId: string;
  readonly sourceLastModified: string;
  /** The new version in the target bucket, pending its inspection. */
  readonly versionId: string;
  readonly size: number;
  /** The source's whole-object checksum and S3's of the copy, equal; null when the source carries none. */
  readonly checksum: { readonly algorithm: WholeObjectChecksum['algorithm']; readonly source: string; readonly copy: string } | null;
}

/** A key to restore with no accepted version to restore it from. */
export interface NotRestorableLine {
  readonly status: 'no-accepted-version';
  readonly key: string;
  readonly reason: RestoreReason;
  readonly sourceBucket: string;
}

export type RestoreManifestLine = RestoredLine | NotRestorableLine;

export interface RestoreSummary {
  readonly schemaVersion: '1.0.0';
  readonly tenant: string;
  readonly sourceBucket: string;
  readonly targetBucket: string;
  readonly asOf?: string;
  readonly listedAt: string;
  readonly completedAt: string;
  readonly counts: { readonly restored: number; readonly 'no-accepted-version': number; readonly unverified: number };
  readonly restoredBytes: number;
  readonly manifestSha256: string;
}

export interface RestoreOptions {
  readonly tenantId: string;
  /** Where the accepted versions are copied from: the replica, or the data bucket itself. */
  readonly sourceBucket: string;
  /** A client for the source's region. */
  readonly sourceS3: S3Client;
  /** The data bucket the versions are copied into. */
  readonly targetBucket: string;
  /** A client for the target's region. */
  readonly targetS3: S3Client;
  /** The record directory: restore.jsonl and restore-summary.json. */
  readonly out: string;
  /** Only keys under this prefix. @default every key under objects/ */
  readonly prefix?: string;
  readonly asOf?: Date;
  readonly onRestored?: (line: RestoredLine) => void;
  readonly now?: () => Date;
}

export interface RestoreResult {
  readonly summary: RestoreSummary;
  /** Keys that could not be restored, each with why; the restore is incomplete if any. */
  readonly failures: readonly string[];
}

const errorName = (e: unknown) => (e instanceof Error ? e.name : 'Error');
const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

async function listing(s3: S3Client, bucket: string, prefix: string, role: string): Promise<ListedVersion[]> {
  try {
    return await listObjectVersions(s3, bucket, prefix);
  } catch (e) {
    if (errorName(e) === 'NoSuchBucket') throw new RestoreError(`there is no bucket ${bucket}: check the ${role} bucket and its region`);
    if (errorName(e) === 'AccessDenied' || errorName(e) === 'Forbidden')
      throw new RestoreError(`S3 refused to list the versions in ${bucket}, the ${role} (${errorName(e)}): are these the tenant restorer's credentials?`);
    throw e;
  }
}

async function isAccepted(s3: S3Client, bucket: string, v: ListedVersion): Promise<boolean> {
  const { TagSet } = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId }));
  return TagSet?.find((t) => t.Key === INSPECTION_TAGS.verdict)?.Value === INSPECTION_VERDICTS.accepted;
}

/** Restores what the target lacks, resuming what an earlier run into `options.out` left. */
export async function restoreTenant(options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now ?? (() => new Date());
  const { out, sourceBucket, targetBucket, sourceS3, targetS3 } = options;
  const prefix = options.prefix ?? OBJECT_PREFIX;
  if (!prefix.startsWith(OBJECT_PREFIX)) throw new RestoreError(`--prefix ${prefix} is outside ${OBJECT_PREFIX}: tenant objects live under ${OBJECT_PREFIX}`);
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new RestoreError(`${out} is a file: name a directory for the restore's record`);
  fs.mkdirSync(out, { recursive: true, mode: 0o700 });
  const manifest = path.join(out, RESTORE_MANIFEST_FILE);
  const recorded = readJsonLines<RestoreManifestLine>(manifest, true);
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '', { mode: 0o600 });
  const restored = new Set(recorded.filter((l): l is RestoredLine => l.status === 'restored').map((l) => restoredId(l.key, l.sourceVersionId)));
  const noted = new Set(recorded.filter((l) => l.status === 'no-accepted-version').map((l) => l.key));

  const listedAt = now();
  const source = await listing(sourceS3, sourceBucket, prefix, 'source');
  const target = sourceBucket === targetBucket ? source : await listing(targetS3, targetBucket, prefix, 'target');
  const plan = planRestore(source, target, { asOf: options.asOf, alreadyRestored: restored });
  const failures: string[] = [];

  for (const { key, reason, candidates } of plan) {
    try {
      let chosen: ListedVersion | undefined;
      for (const candidate of candidates) {
        if (await isAccepted(sourceS3, sourceBucket, candidate)) {
          chosen = candidate;
          break;
        }
      }
      if (!chosen) {
        if (!noted.has(key)) appendJsonLine(manifest, { status: 'no-accepted-version', key, reason, sourceBucket } satisfies NotRestorableLine);
        noted.add(key);
        continue;
      }
      const head = await sourceS3.send(new HeadObjectCommand({ Bucket: sourceBucket, Key: key, VersionId: chosen.versionId, ChecksumMode: 'ENABLED' }));
      const size = head.ContentLength ?? chosen.size ?? 0;
      if (size > COPY_OBJECT_MAX_BYTES) {
        failures.push(
          `${key} (version ${chosen.versionId}): ${size} bytes, more than one CopyObject copies (5 GB), and the data bucket refuses the restorer a part copy; it stays readable in ${sourceBucket} (docs/continuity.md)`,
        );
        continue;
      }
      const expected = wholeObjectChecksumOf(head);
      const copy = await targetS3.send(
        new CopyObjectCommand({
          Bucket: targetBucket,
          Key: key,
          CopySource: `${sourceBucket}/${encodeURIComponent(key)}?versionId=${encodeURIComponent(chosen.versionId)}`,
          // Pending: the tenant's inspection decides on the copy as on any new object.
          TaggingDirective: 'REPLACE',
          Tagging: `${encodeURIComponent(INSPECTION_TAGS.verdict)}=${INSPECTION_VERDICTS.pending}`,
          ...(expected ? { ChecksumAlgorithm: expected.algorithm } : {}),
        }),
      );
      const copied = expected ? (copy.CopyObjectResult as Record<string, string | undefined> | undefined)?.[`Checksum${expected.algorithm}`] : undefined;
      if (expected && copied !== expected.value) {
        failures.push(
          `${key}: the copy (version ${copy.VersionId}) has ${expected.algorithm} ${copied ?? 'none'}, its source (version ${chosen.versionId}) ${expected.value}; ` +
            "it is pending inspection: have the tenant's eraser delete that version, then run the same command again",
        );
        continue;
      }
      const line: RestoredLine = {
        status: 'restored',
        key,
        reason,
        sourceBucket,
        sourceVersionId: chosen.versionId,
        sourceLastModified: chosen.lastModified.toISOString(),
        versionId: copy.VersionId ?? 'null',
        size,
        checksum: expected ? { algorithm: expected.algorithm, source: expected.value, copy: copied! } : null,
      };
      appendJsonLine(manifest, line);
      options.onRestored?.(line);
    } catch (e) {
      if (errorName(e) === 'AccessDenied' || errorName(e) === 'Forbidden' || errorName(e).startsWith('KMS.')) {
        failures.push(`${key}: S3 refused the copy (${errorText(e)}): check the restorer's role, and that the tenant's keys in both regions are usable`);
        continue;
      }
      throw new RestoreError(`restoring ${key} failed: ${errorText(e)}. Run the same command again: what is recorded is not copied twice`);
    }
  }

  const lines = readJsonLines<RestoreManifestLine>(manifest);
  const restoredLines = lines.filter((l): l is RestoredLine => l.status === 'restored');
  const restoredKeys = new Set(restoredLines.map((l) => l.key));
  const notRestorable = new Set(lines.filter((l) => l.status === 'no-accepted-version' && !restoredKeys.has(l.key)).map((l) => l.key));
  const summary: RestoreSummary = {
    schemaVersion: '1.0.0',
    tenant: options.tenantId,
    sourceBucket,
    targetBucket,
    ...(options.asOf ? { asOf: options.asOf.toISOString() } : {}),
    listedAt: listedAt.toISOString(),
    completedAt: now().toISOString(),
    counts: {
      restored: restoredLines.length,
      'no-accepted-version': notRestorable.size,
      unverified: restoredLines.filter((l) => l.checksum === null).length,
    },
    restoredBytes: restoredLines.reduce((sum, l) => sum + l.size, 0),
    manifestSha256: sha256OfFile(manifest),
  };
  writeDurably(path.join(out, RESTORE_SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  return { summary, failures };
}
