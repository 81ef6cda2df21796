import { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type AuditCheckpoint, type CheckpointStore, checkpointObjectKey, isCheckpoint } from './audit-checkpoints';

/*
 * Checkpoints in an S3 bucket with Object Lock, in the operator's audit account and the
 * proxy's region, written with the key host's own credential (the default AWS SDK chain:
 * an IAM Roles Anywhere profile, say), which may only put objects there. Object Lock in
 * COMPLIANCE mode keeps every version for its retention whoever asks, the account's root
 * included (S3 User Guide, "Object Lock"), so a checkpoint once written stays.
 */

export interface S3CheckpointOptions {
  readonly bucket: string;
  readonly region: string;
  /** @default 'xks-audit/' */
  readonly prefix?: string;
  /**
   * Days each checkpoint is locked in COMPLIANCE mode, when the bucket has no default
   * retention of its own.
   * @default the bucket's default retention
   */
  readonly retentionDays?: number;
}

export function s3CheckpointStore(options: S3CheckpointOptions, client = new S3Client({ region: options.region })): CheckpointStore {
  const prefix = options.prefix ?? 'xks-audit/';
  return {
    name: `s3://${options.bucket}/${prefix}`,
    put: async (checkpoint) => {
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: checkpointObjectKey(prefix, checkpoint),
          Body: `${JSON.stringify(checkpoint)}\n`,
          ContentType: 'application/json',
          ChecksumAlgorithm: 'SHA256',
          // Never over another checkpoint: a key once written stays (S3 conditional writes).
          IfNoneMatch: '*',
          ...(options.retentionDays
            ? { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: new Date(Date.now() + options.retentionDays * 86_400_000) }
            : {}),
        }),
      );
    },
  };
}

/**
 * Every checkpoint of `log` in the bucket, for verify-log: every version of every object
 * (Object Lock keeps them; an overwrite cannot hide an earlier one), and a problem for each
 * object that holds no checkpoint or one filed under another sequence number than its key's.
 */
export async function readS3Checkpoints(
  options: S3CheckpointOptions,
  log: string,
  client = new S3Client({ region: options.region }),
): Promise<{ checkpoints: AuditCheckpoint[]; problems: string[] }> {
  const prefix = `${options.prefix ?? 'xks-audit/'}${log}/`;
  const checkpoints: AuditCheckpoint[] = [];
  const problems: string[] = [];
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await client.send(
      new ListObjectVersionsCommand({ Bucket: options.bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
    );
    for (const version of page.Versions ?? []) {
      const where = `s3://${options.bucket}/${version.Key}${version.VersionId && version.VersionId !== 'null' ? ` (version ${version.VersionId})` : ''}`;
      const body = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: version.Key!, VersionId: version.VersionId }));
      let value: unknown;
      try {
        value = JSON.parse(await body.Body!.transformToString());
      } catch {
        value = undefined;
      }
      if (!isCheckpoint(value)) problems.push(`${where} holds no checkpoint`);
      else if (checkpointObjectKey(options.prefix ?? 'xks-audit/', value) !== version.Key)
        problems.push(`${where} holds the checkpoint of seq ${value.seq}, filed under another sequence number: an overwrite`);
      else checkpoints.push(value);
    }
    for (const marker of page.DeleteMarkers ?? []) problems.push(`s3://${options.bucket}/${marker.Key} has a delete marker: a checkpoint was deleted`);
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return { checkpoints, problems };
}
