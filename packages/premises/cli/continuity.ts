import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { failSoftly } from './transfer-feedback';

/*
 * `suveren continuity drill --tenant X --bucket <data> --replica-bucket <r> --replica-region
 * <region> [--sample N] [--report file]`, as the tenant's reader (docs/continuity.md): a
 * random sample of replicas read back and verified, what the replica lacks and for how
 * long, what failed to replicate. Exit 0: every sampled replica verified and nothing
 * failed; 1: not so (each reason printed); 2: a usage error.
 */

export async function continuityCommand(args: string[], io: CliIo): Promise<number> {
  if (args[0] !== 'drill') {
    io.err(
      'suveren continuity: the subcommand is drill: suveren continuity drill --tenant <id> --bucket <data> --replica-bucket <r> --replica-region <region>\n',
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
