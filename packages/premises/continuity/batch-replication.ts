import { randomUUID } from 'node:crypto';
import { CreateJobCommand, type CreateJobCommandInput, DescribeJobCommand, type JobDescriptor, type S3ControlClient } from '@aws-sdk/client-s3-control';
import { batchReplicationRoleName } from '@suveren/core/contracts/continuity';
import { EU_REGION_PARTITIONS, type EuRegion } from '@suveren/core/contracts/regions';
import { OBJECT_PREFIX } from '@suveren/core/contracts/upload-layout';

/*
 * `suveren continuity replicate` (docs/continuity.md): S3 Batch Replication of the data
 * bucket's versions that live replication never copied. A version written before the
 * replication rule existed has no replication status (NONE); one whose replication failed
 * (a key store disconnected, the proxy sealed) is FAILED. Neither arrives by itself: a Batch
 * Operations job with a manifest S3 generates from the bucket's replication configuration
 * replicates them, as the tenant's batch replication role
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-batch-replication-batch.html).
 * The job's manifest is not stored and it writes no report: the role may write nowhere, and
 * the drill reads each version's status afterwards.
 */

/** The replication statuses a job selects: never replicated, and failed. */
export const BACKLOG_STATUSES = ['NONE', 'FAILED'] as const;
export type BacklogStatus = (typeof BACKLOG_STATUSES)[number];

export interface BatchReplicationRequest {
  readonly tenantId: string;
  /** The tenant's account: the job's and the data bucket's owner. */
  readonly account: string;
  /** The data bucket's region, where the job runs. */
  readonly region: EuRegion;
  /** The tenant's data bucket: the replication source. */
  readonly bucket: string;
  /** Which versions: those never replicated, those failed, or both. */
  readonly statuses: readonly BacklogStatus[];
  /** Idempotency: a retried request with the same token starts no second job. */
  readonly clientRequestToken?: string;
}

/** The CreateJob request: a replication job over the versions S3 finds with `statuses`, under objects/. Pure. */
export function batchReplicationJob(request: BatchReplicationRequest): CreateJobCommandInput {
  const partition = EU_REGION_PARTITIONS[request.region];
  return {
    AccountId: request.account,
    ConfirmationRequired: false,
    Operation: { S3ReplicateObject: {} },
    Priority: 10,
    RoleArn: `arn:${partition}:iam::${request.account}:role/${batchReplicationRoleName(request.tenantId)}`,
    ClientRequestToken: request.clientRequestToken ?? randomUUID(),
    Description: `suveren: replicate tenant ${request.tenantId}'s versions with replication status ${request.statuses.join(' or ')}`,
    Report: { Enabled: false },
    ManifestGenerator: {
      S3JobManifestGenerator: {
        ExpectedBucketOwner: request.account,
        SourceBucket: `arn:${partition}:s3:::${request.bucket}`,
        EnableManifestOutput: false,
        Filter: {
          EligibleForReplication: true,
          ObjectReplicationStatuses: [...request.statuses],
          KeyNameConstraint: { MatchAnyPrefix: [OBJECT_PREFIX] },
        },
      },
    },
  };
}

/** What a job's description says: whether it has ended, and whether every task succeeded. */
export interface JobOutcome {
  readonly ended: boolean;
  readonly passed: boolean;
  readonly summary: string;
}

const ENDED = new Set(['Complete', 'Failed', 'Cancelled']);

/** A job's state in one line. Pure. */
export function jobOutcome(job: JobDescriptor): JobOutcome {
  const status = job.Status ?? 'unknown';
  const progress = job.ProgressSummary;
  const total = progress?.TotalNumberOfTasks ?? 0;
  const succeeded = progress?.NumberOfTasksSucceeded ?? 0;
  const failed = progress?.NumberOfTasksFailed ?? 0;
  const reasons = (job.FailureReasons ?? []).map((r) => `${r.FailureCode ?? '?'}: ${r.FailureReason ?? ''}`.trim());
  const ended = ENDED.has(status);
  return {
    ended,
    passed: status === 'Complete' && failed === 0,
    summary: `job ${job.JobId ?? '?'} ${status}: ${succeeded} of ${total} versions replicated, ${failed} failed${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`,
  };
}

export interface StartBatchReplication {
  readonly control: S3ControlClient;
  readonly request: BatchReplicationRequest;
  /** Follow the job until it ends, reporting each change of its state. @default true */
  readonly wait?: boolean;
  /** Time between two looks at the job. @default 15 s */
  readonly pollMilliseconds?: number;
  /** Give up following it after this long (the job runs on). @default 1 hour */
  readonly timeoutMilliseconds?: number;
  readonly onProgress?: (outcome: JobOutcome) => void;
}

/** Starts the job and, unless told not to, follows it to its end. */
export async function startBatchReplication(options: StartBatchReplication): Promise<{ readonly jobId: string; readonly outcome?: JobOutcome }> {
  const created = await options.control.send(new CreateJobCommand(batchReplicationJob(options.request)));
  const jobId = created.JobId;
  if (!jobId) throw new Error('S3 Batch Operations answered CreateJob without a job id');
  if (options.wait === false) return { jobId };
  const poll = options.pollMilliseconds ?? 15_000;
  const deadline = Date.now() + (options.timeoutMilliseconds ?? 3_600_000);
  let last = '';
  for (;;) {
    const described = await options.control.send(new DescribeJobCommand({ AccountId: options.request.account, JobId: jobId }));
    const outcome = jobOutcome(described.Job ?? { JobId: jobId });
    if (outcome.summary !== last) options.onProgress?.(outcome);
    last = outcome.summary;
    if (outcome.ended || Date.now() >= deadline) return { jobId, outcome };
    await new Promise((resolve) => setTimeout(resolve, poll));
  }
}
