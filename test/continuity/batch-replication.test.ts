import { CreateJobCommand, DescribeJobCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { batchReplicationJob, jobOutcome, startBatchReplication } from '@suveren/premises/continuity/batch-replication';
import type { JobDescriptor } from '@aws-sdk/client-s3-control';
import { run } from '../../lib/cli/main';

/*
 * `suveren continuity replicate`: S3 Batch Replication of what live replication never copied.
 * moto has no S3 Batch Operations (no CreateJob, no DescribeJob), so the S3 Control client is
 * stubbed with aws-sdk-client-mock; who may create the job and pass its role is proven
 * through the IAM evaluator (test/support/replay.ts, `restorer:` and `batch replication:` rows).
 */

const control = mockClient(S3ControlClient);
afterEach(() => control.reset());

const request = { tenantId: 'lund-kommun', account: '333333333331', region: 'eu-north-1', bucket: 'lund-data', statuses: ['NONE', 'FAILED'] } as const;

test("the job: S3 replication over a manifest S3 generates from the data bucket's replication configuration, under objects/, as the tenant's batch role", () => {
  expect(batchReplicationJob({ ...request, clientRequestToken: 't-1' })).toEqual({
    AccountId: '333333333331',
    ConfirmationRequired: false,
    Operation: { S3ReplicateObject: {} },
    Priority: 10,
    RoleArn: 'arn:aws:iam::333333333331:role/suveren-lund-kommun-batch-replication',
    ClientRequestToken: 't-1',
    Description: "suveren: replicate tenant lund-kommun's versions with replication status NONE or FAILED",
    // No report and no stored manifest: the role may write nowhere; the drill reads the statuses afterwards.
    Report: { Enabled: false },
    ManifestGenerator: {
      S3JobManifestGenerator: {
        ExpectedBucketOwner: '333333333331',
        SourceBucket: 'arn:aws:s3:::lund-data',
        EnableManifestOutput: false,
        Filter: { EligibleForReplication: true, ObjectReplicationStatuses: ['NONE', 'FAILED'], KeyNameConstraint: { MatchAnyPrefix: ['objects/'] } },
      },
    },
  });
  expect(batchReplicationJob({ ...request, region: 'eusc-de-east-1', statuses: ['FAILED'] }).RoleArn).toBe(
    'arn:aws-eusc:iam::333333333331:role/suveren-lund-kommun-batch-replication',
  );
});

test.each([
  [
    'complete, every task succeeded',
    { JobId: 'j', Status: 'Complete', ProgressSummary: { TotalNumberOfTasks: 3, NumberOfTasksSucceeded: 3, NumberOfTasksFailed: 0 } },
    true,
    true,
  ],
  [
    'complete, a task failed',
    { JobId: 'j', Status: 'Complete', ProgressSummary: { TotalNumberOfTasks: 3, NumberOfTasksSucceeded: 2, NumberOfTasksFailed: 1 } },
    true,
    false,
  ],
  ['failed', { JobId: 'j', Status: 'Failed', FailureReasons: [{ FailureCode: 'AccessDenied', FailureReason: 'cannot assume the role' }] }, true, false],
  ['active', { JobId: 'j', Status: 'Active', ProgressSummary: { TotalNumberOfTasks: 3, NumberOfTasksSucceeded: 1, NumberOfTasksFailed: 0 } }, false, false],
] as [string, JobDescriptor, boolean, boolean][])('a job %s: ended %s, passed %s', (_name, job, ended, passed) => {
  expect(jobOutcome(job)).toMatchObject({ ended, passed });
});

test('started and followed to its end: each change of state reported once, the last one decides', async () => {
  control.on(CreateJobCommand).resolves({ JobId: 'job-1' });
  control
    .on(DescribeJobCommand)
    .resolvesOnce({ Job: { JobId: 'job-1', Status: 'Preparing' } })
    .resolvesOnce({ Job: { JobId: 'job-1', Status: 'Preparing' } })
    .resolvesOnce({ Job: { JobId: 'job-1', Status: 'Active', ProgressSummary: { TotalNumberOfTasks: 4, NumberOfTasksSucceeded: 1, NumberOfTasksFailed: 0 } } })
    .resolves({ Job: { JobId: 'job-1', Status: 'Complete', ProgressSummary: { TotalNumberOfTasks: 4, NumberOfTasksSucceeded: 4, NumberOfTasksFailed: 0 } } });
  const seen: string[] = [];
  const started = await startBatchReplication({
    control: new S3ControlClient({ region: 'eu-north-1' }),
    request,
    pollMilliseconds: 1,
    onProgress: (o) => seen.push(o.summary),
  });
  expect(started).toMatchObject({ jobId: 'job-1', outcome: { ended: true, passed: true } });
  expect(seen).toEqual([
    'job job-1 Preparing: 0 of 0 versions replicated, 0 failed',
    'job job-1 Active: 1 of 4 versions replicated, 0 failed',
    'job job-1 Complete: 4 of 4 versions replicated, 0 failed',
  ]);
  expect(control.commandCalls(DescribeJobCommand).every((c) => c.args[0].input.AccountId === '333333333331' && c.args[0].input.JobId === 'job-1')).toBe(true);
});

describe('the command', () => {
  const capture = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await run(argv, { out: (t: string) => (out += t), err: (t: string) => (err += t) }, false);
    return { code, out, err };
  };
  const args = ['continuity', 'replicate', '--tenant', 'lund-kommun', '--bucket', 'lund-data', '--account', '333333333331', '--region', 'eu-north-1'];

  test('exit 0 once every version replicated; --failed-only asks for FAILED alone', async () => {
    control.on(CreateJobCommand).resolves({ JobId: 'job-2' });
    control
      .on(DescribeJobCommand)
      .resolves({ Job: { JobId: 'job-2', Status: 'Complete', ProgressSummary: { TotalNumberOfTasks: 2, NumberOfTasksSucceeded: 2 } } });
    expect(await capture([...args, '--failed-only'])).toEqual({ code: 0, out: 'job job-2 Complete: 2 of 2 versions replicated, 0 failed\n', err: '' });
    const filter = control.commandCalls(CreateJobCommand)[0].args[0].input.ManifestGenerator?.S3JobManifestGenerator?.Filter;
    expect(filter?.ObjectReplicationStatuses).toEqual(['FAILED']);
  });

  test('exit 1 when a version failed to replicate', async () => {
    control.on(CreateJobCommand).resolves({ JobId: 'job-3' });
    control.on(DescribeJobCommand).resolves({
      Job: { JobId: 'job-3', Status: 'Complete', ProgressSummary: { TotalNumberOfTasks: 2, NumberOfTasksSucceeded: 1, NumberOfTasksFailed: 1 } },
    });
    expect(await capture(args)).toMatchObject({ code: 1, out: 'job job-3 Complete: 1 of 2 versions replicated, 1 failed\n' });
  });

  test('exit 2, before any call, for a region outside the EU, a malformed account or a missing bucket', async () => {
    expect(await capture([...args.slice(0, -1), 'us-east-1'])).toMatchObject({ code: 2, err: expect.stringMatching(/--region us-east-1 is not an EU region/) });
    expect(await capture(args.map((a) => (a === '333333333331' ? '3333' : a)))).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--account 3333 is not a 12-digit/),
    });
    expect(await capture(args.filter((_a, i) => i !== 4 && i !== 5))).toMatchObject({ code: 2, err: expect.stringMatching(/--bucket <data bucket>/) });
    expect(control.commandCalls(CreateJobCommand)).toHaveLength(0);
  });
});
