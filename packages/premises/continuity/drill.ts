import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { OBJECT_PREFIX } from '@suveren/core/contracts/upload-layout';
import type { DrillReport } from '@suveren/core/config/drill-report';
import type { ListedVersion } from '../export/export-plan';
import { listObjectVersions } from '../s3/object-versions';
import { checksumHasher, wholeObjectChecksumOf } from '../s3/object-checksums';
import { type CopyChecksums, MISSING_REPLICA_REASONS, judgeCopy, missingReplicaState, replicationState, shuffled } from './drill-plan';

/*
 * `suveren continuity drill`, as the tenant's reader (docs/continuity.md): does the replica
 * hold the data bucket's accepted objects, intact and readable by the people who would
 * read them after losing the primary region? It reads a random sample of replicas as the
 * reader would, checks each against the checksums S3 recorded at both ends, asks S3 the
 * replication status of what the replica lacks, and times the reading. Nothing is written.
 */

export class DrillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillError';
  }
}

export type { DrillReport } from '@suveren/core/config/drill-report';
type SampledObject = DrillReport['sample']['objects'][number];

export interface DrillOptions {
  readonly tenantId: string;
  readonly bucket: string;
  /** A client for the data bucket's region. */
  readonly s3: S3Client;
  readonly replicaBucket: string;
  /** A client for the replica's region. */
  readonly replicaS3: S3Client;
  /** How many replicas to read back and verify. @default 20 */
  readonly sample?: number;
  /** Most replication statuses asked (HeadObject each), newest first. @default 1000 */
  readonly maxStatusChecks?: number;
  readonly now?: () => Date;
  readonly randomInt?: (max: number) => number;
}

const errorName = (e: unknown) => (e instanceof Error ? e.name : 'Error');
// A refused HeadObject has no body to name its error: S3 answers 403 alone.
const refused = (e: unknown) =>
  ['AccessDenied', 'Forbidden'].includes(errorName(e)) || (e as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode === 403;

async function listing(s3: S3Client, bucket: string, what: string): Promise<ListedVersion[]> {
  try {
    return await listObjectVersions(s3, bucket, OBJECT_PREFIX);
  } catch (e) {
    if (errorName(e) === 'NoSuchBucket') throw new DrillError(`there is no bucket ${bucket}: check the ${what} and its region`);
    if (refused(e)) throw new DrillError(`S3 refused to list ${bucket}, the ${what} (${errorName(e)}): are these the tenant reader's credentials?`);
    throw e;
  }
}

/** HeadObject of a version with its checksums, or undefined where the reader may not (a version not accepted). */
async function headIfReadable(s3: S3Client, bucket: string, v: ListedVersion): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId, ChecksumMode: 'ENABLED' }));
  } catch (e) {
    if (refused(e)) return undefined;
    throw e;
  }
}

/**
 * Reads a version whole, hashing it: SHA-256, and the algorithm of the checksum S3 recorded
 * (from HeadObject). The GET asks for no checksum: with ChecksumMode the SDK validates it
 * itself and throws mid-read, where the drill must record the mismatch and name the object.
 */
async function readBack(s3: S3Client, bucket: string, v: ListedVersion) {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId, ChecksumMode: 'ENABLED' }));
  const recorded = wholeObjectChecksumOf(head);
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId }));
  const sha = createHash('sha256');
  const hasher = recorded ? checksumHasher(recorded.algorithm) : undefined;
  let bytes = 0;
  for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
    sha.update(chunk);
    hasher?.update(chunk);
    bytes += chunk.length;
  }
  return { recorded, computed: hasher ? await hasher.digest() : undefined, sha256: sha.digest('hex'), bytes };
}

export async function continuityDrill(options: DrillOptions): Promise<DrillReport> {
  const now = options.now ?? (() => new Date());
  const requested = options.sample ?? 20;
  const started = now();
  const [source, replica] = await Promise.all([
    listing(options.s3, options.bucket, 'data bucket'),
    listing(options.replicaS3, options.replicaBucket, 'replica bucket'),
  ]);
  const state = replicationState(source, replica);
  const failures: string[] = [];

  // What the replica lacks: S3's replication status says whether it is on its way or failed.
  const failed: DrillReport['replication']['failed'][number][] = [];
  let notYetReplicated = 0;
  let notAccepted = 0;
  let oldest: Date | undefined;
  const newestFirst = [...state.missing].sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime());
  for (const v of newestFirst.slice(0, options.maxStatusChecks ?? 1000)) {
    const head = await headIfReadable(options.s3, options.bucket, v);
    if (!head) {
      notAccepted++;
      continue;
    }
    const state = missingReplicaState(head.ReplicationStatus);
    if (state === 'pending') {
      notYetReplicated++;
      if (!oldest || v.lastModified < oldest) oldest = v.lastModified;
      continue;
    }
    if (state === 'failed') failed.push({ key: v.key, versionId: v.versionId, lastModified: v.lastModified.toISOString() });
    failures.push(`${v.key} (version ${v.versionId}): ${MISSING_REPLICA_REASONS[state]}`);
  }
  if (newestFirst.length > (options.maxStatusChecks ?? 1000))
    failures.push(`${newestFirst.length} current versions are not in the replica; only the newest ${options.maxStatusChecks ?? 1000} were checked`);

  // The sample: replicas of accepted versions, read as the reader would after a failover.
  const objects: SampledObject[] = [];
  let readBytes = 0;
  let readMs = 0;
  for (const pair of shuffled(state.replicated, options.randomInt)) {
    if (objects.length >= requested) break;
    const sourceHead = await headIfReadable(options.s3, options.bucket, pair.source);
    if (!sourceHead) continue;
    const base = { key: pair.source.key, versionId: pair.source.versionId, replicaVersionId: pair.replica.versionId, matchedBy: pair.matchedBy };
    const t0 = performance.now();
    let copy: Awaited<ReturnType<typeof readBack>>;
    try {
      copy = await readBack(options.replicaS3, options.replicaBucket, pair.replica);
    } catch (e) {
      if (!refused(e))
        throw new DrillError(
          `reading the replica of ${pair.source.key} (version ${pair.replica.versionId}) failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      objects.push({ ...base, bytes: 0, ok: false, detail: 'the reader may not read the replica: its inspection verdict there is not accepted (yet)' });
      continue;
    }
    readMs += performance.now() - t0;
    readBytes += copy.bytes;
    const sourceRecorded = wholeObjectChecksumOf(sourceHead);
    const comparable = copy.recorded && sourceRecorded && copy.recorded.algorithm === sourceRecorded.algorithm;
    const checksums: CopyChecksums = {
      replicaRecorded: copy.recorded,
      replicaComputed: copy.computed,
      sourceRecorded,
      replicaSha256: copy.sha256,
      ...(comparable ? {} : { sourceSha256: (await readBack(options.s3, options.bucket, pair.source)).sha256 }),
    };
    const verdict = judgeCopy(checksums);
    objects.push({ ...base, bytes: copy.bytes, ok: verdict.ok, detail: verdict.ok ? verdict.by : verdict.why });
  }
  for (const o of objects.filter((x) => !x.ok)) failures.push(`${o.key} (replica version ${o.replicaVersionId}): ${o.detail}`);
  const verified = objects.filter((o) => o.ok).length;
  if (objects.length === 0) failures.push('nothing to sample: the replica holds no replica of an accepted object, so the drill proves nothing');

  const completed = now();
  const seconds = readMs / 1000;
  return {
    schemaVersion: '1.0.0',
    tenant: options.tenantId,
    bucket: options.bucket,
    replicaBucket: options.replicaBucket,
    startedAt: started.toISOString(),
    completedAt: completed.toISOString(),
    sample: { requested, verified, objects },
    replication: {
      current: state.replicated.length + state.missing.length,
      replicated: state.replicated.length,
      notYetReplicated,
      observedRpoSeconds: oldest ? Math.max(0, Math.round((completed.getTime() - oldest.getTime()) / 1000)) : null,
      failed,
      notAccepted,
    },
    readBack: {
      objects: objects.length,
      bytes: readBytes,
      seconds: Number(seconds.toFixed(3)),
      bytesPerSecond: seconds > 0 ? Math.round(readBytes / seconds) : 0,
    },
    passed: failures.length === 0,
    failures,
  };
}
