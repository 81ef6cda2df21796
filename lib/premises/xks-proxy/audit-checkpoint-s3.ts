import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
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
          ...(options.retentionDays
            ? { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: new Date(Date.now() + options.retentionDays * 86_400_000) }
            : {}),
        }),
      );
    },
  };
}

/** Every checkpoint of `log` in the bucket, for verify-log. */
export async function readS3Checkpoints(
  options: S3CheckpointOptions,
  log: string,
  client = new S3Client({ region: options.region }),
): Promise<AuditCheckpoint[]> {
  const prefix = `${options.prefix ?? 'xks-audit/'}${log}/`;
  const found: AuditCheckpoint[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: options.bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      const body = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: object.Key! }));
      try {
        const value = JSON.parse(await body.Body!.transformToString()) as unknown;
        if (isCheckpoint(value)) found.push(value);
      } catch {
        // Not a checkpoint: reported by its absence, not trusted.
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}
