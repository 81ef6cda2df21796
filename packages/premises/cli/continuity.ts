import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { failSoftly } from './transfer-feedback';

/*
 * `suveren continuity replicate --tenant X --bucket <data> --account <id> --region <region>
 * [--failed-only] [--no-wait]`, as the tenant's restorer: an S3 Batch Replication job over the
 * data bucket's versions that never replicated or whose replication failed, followed to its
 * end. Exit 0: the job completed and every version replicated (or none needed to); 1: not so;
 * 2: a usage error.
 *
 * `suveren continuity drill --tenant X --bucket <data> --replica-bucket <r> --replica-region
 * <region> [--sample N] [--report file]`, as the tenant's reader (docs/continuity.md): a
 * random sample of replicas read back and verified, what the replica lacks and for how
 * long, what failed to replicate. Exit 0: every sampled replica verified and nothing
 * failed; 1: not so (each reason printed); 2: a usage error.
 */

export async function continuityCommand(args: string[], io: CliIo): Promise<number> {
  if (args[0] === 'replicate') return replicateCommand(args.slice(1), io);
  if (args[0] !== 'drill') {
    io.err(
      'suveren continuity: the subcommands are drill and replicate: suveren continuity drill --tenant <id> --bucket <data> --replica-bucket <r> --replica-region <region>; suveren continuity replicate --tenant <id> --bucket <data> --account <id> --region <region>\n',
    );
    return 2;
  }
  const { values } = parseArgs({
    args: args.slice(1),
    options: {
      tenant: { type: 'string' },
      bucket: { type: 'string' },
      'replica-bucket': { type: 'string' },
      'replica-region': { type: 'string' },
      sample: { type: 'string', default: '20' },
      report: { type: 'string' },
    },
  });
  if (!values.tenant || !values.bucket || !values['replica-bucket'] || !values['replica-region']) {
    io.err('suveren continuity drill: --tenant, --bucket <data bucket>, --replica-bucket and --replica-region are required\n');
    return 2;
  }
  const sample = Number(values.sample);
  if (!Number.isInteger(sample) || sample < 1 || sample > 10_000) {
    io.err(`suveren continuity drill: --sample ${values.sample} is not a whole number from 1 to 10000\n`);
    return 2;
  }
  return failSoftly(io, 'continuity drill', async () => {
    const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    const { continuityDrill } = require('../continuity/drill') as typeof import('../continuity/drill');
    const report = await continuityDrill({
      tenantId: values.tenant!,
      bucket: values.bucket!,
      // The drill compares checksums itself and reports a mismatch; the SDK's own check would throw mid-read.
      s3: new S3Client({ responseChecksumValidation: 'WHEN_REQUIRED' }),
      replicaBucket: values['replica-bucket']!,
      replicaS3: new S3Client({ region: values['replica-region'], responseChecksumValidation: 'WHEN_REQUIRED' }),
      sample,
    });
    if (values.report) fs.writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
    for (const o of report.sample.objects) io.out(`${o.ok ? 'verified' : 'FAILED  '} ${o.key} (${o.bytes} bytes): ${o.detail}\n`);
    for (const failure of report.failures) io.err(`suveren continuity drill: ${failure}\n`);
    const r = report.replication;
    io.out(
      `${report.passed ? 'passed' : 'NOT PASSED'}: ${report.sample.verified} of ${report.sample.objects.length} sampled replicas verified; ` +
        `${r.replicated} of ${r.current} current versions in the replica, ${r.notYetReplicated} on their way` +
        `${r.observedRpoSeconds === null ? '' : ` (the oldest written ${r.observedRpoSeconds} s ago: the observed recovery point)`}, ${r.failed.length} failed; ` +
        `sample read back in ${report.readBack.seconds} s (${report.readBack.bytes} bytes)${values.report ? `; report in ${values.report}` : ''}\n`,
    );
    return report.passed ? 0 : 1;
  });
}

async function replicateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      bucket: { type: 'string' },
      account: { type: 'string' },
      region: { type: 'string' },
      'failed-only': { type: 'boolean', default: false },
      'no-wait': { type: 'boolean', default: false },
    },
  });
  if (!values.tenant || !values.bucket || !values.account || !values.region) {
    io.err('suveren continuity replicate: --tenant, --bucket <data bucket>, --account <tenant account> and --region <its region> are required\n');
    return 2;
  }
  const { isEuRegion, whyNotEu } = require('@suveren/core/contracts/regions') as typeof import('@suveren/core/contracts/regions');
  const region = values.region;
  if (!isEuRegion(region)) {
    io.err(`suveren continuity replicate: --region ${whyNotEu(region)}\n`);
    return 2;
  }
  if (!/^\d{12}$/.test(values.account)) {
    io.err(`suveren continuity replicate: --account ${values.account} is not a 12-digit account id\n`);
    return 2;
  }
  return failSoftly(io, 'continuity replicate', async () => {
    const { S3ControlClient } = require('@aws-sdk/client-s3-control') as typeof import('@aws-sdk/client-s3-control');
    const { startBatchReplication } = require('../continuity/batch-replication') as typeof import('../continuity/batch-replication');
    const statuses = values['failed-only'] ? (['FAILED'] as const) : (['NONE', 'FAILED'] as const);
    const { jobId, outcome } = await startBatchReplication({
      control: new S3ControlClient({ region }),
      request: { tenantId: values.tenant!, account: values.account!, region, bucket: values.bucket!, statuses },
      wait: !values['no-wait'],
      onProgress: (o) => io.out(`${o.summary}\n`),
    });
    if (!outcome) {
      io.out(
        `started job ${jobId}: replicating ${values.bucket}'s versions with replication status ${statuses.join(' or ')}; follow it with aws s3control describe-job\n`,
      );
      return 0;
    }
    if (!outcome.ended) io.err(`suveren continuity replicate: stopped following job ${jobId}, still running: ${outcome.summary}\n`);
    return outcome.passed ? 0 : 1;
  });
}
