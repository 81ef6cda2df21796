import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { failSoftly } from './transfer-feedback';

/*
 * `suveren restore --tenant X --bucket <data> --source <bucket> [--source-region r]
 * (--prefix objects/... | --all) [--as-of <ISO time>] --out <dir>`, as the tenant's restorer
 * role (docs/continuity.md): the accepted versions the data bucket lacks, copied back by S3
 * from the replica or from the data bucket's own older versions, each recorded. Exit 0:
 * everything to restore was copied, and every copy whose source has a whole-object checksum
 * matched it (copies of sources without one are counted unverified); 1: something was not
 * copied or did not match (the record says what is done, a rerun does the rest); 2: a usage error.
 */

export async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      bucket: { type: 'string' },
      source: { type: 'string' },
      'source-region': { type: 'string' },
      prefix: { type: 'string' },
      all: { type: 'boolean', default: false },
      'as-of': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values.tenant || !values.bucket || !values.source || !values.out) {
    io.err(
      'suveren restore: --tenant, --bucket <data bucket>, --source <replica bucket, or the data bucket for its older versions> and --out <record dir> are required\n',
    );
    return 2;
  }
  // Every key the bucket lacks or has deleted comes back, deliberate deletions included: the scope is said, never implied.
  if ((values.prefix === undefined) === !values.all) {
    io.err(
      'suveren restore: say what to restore: --prefix objects/<part> for part of the bucket, or --all for every key it lacks or has deleted (deleted on purpose included)\n',
    );
    return 2;
  }
  const asOf = values['as-of'] === undefined ? undefined : new Date(values['as-of']);
  if (asOf && Number.isNaN(asOf.getTime())) {
    io.err(`suveren restore: --as-of ${values['as-of']} is not a time: give an ISO 8601 time such as 2026-12-01T08:00:00Z\n`);
    return 2;
  }
  return failSoftly(io, 'restore', async () => {
    const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    const { restoreTenant } = require('../continuity/restore') as typeof import('../continuity/restore');
    // restoreTenant compares S3's checksums itself.
    const target = new S3Client({ responseChecksumValidation: 'WHEN_REQUIRED' });
    const { summary, failures } = await restoreTenant({
      tenantId: values.tenant!,
      targetBucket: values.bucket!,
      targetS3: target,
      sourceBucket: values.source!,
      sourceS3: values['source-region'] ? new S3Client({ region: values['source-region'], responseChecksumValidation: 'WHEN_REQUIRED' }) : target,
      out: values.out!,
      prefix: values.prefix,
      asOf,
      onRestored: (l) =>
        io.out(
          `restored ${l.key} (${l.reason}) from ${l.sourceBucket} version ${l.sourceVersionId} as version ${l.versionId}${l.checksum ? `, ${l.checksum.algorithm} equal` : ', no checksum to compare'}\n`,
        ),
    });
    for (const failure of failures) io.err(`suveren restore: ${failure}\n`);
    const c = summary.counts;
    io.out(
      `${failures.length === 0 ? 'restored' : 'INCOMPLETE:'} ${c.restored} versions (${summary.restoredBytes} bytes, ${c.unverified} without a checksum to compare), ` +
        `${c['no-accepted-version']} keys with no accepted version to restore; each copy is pending until the inspection accepts it\n` +
        `record: ${values.out} (restore.jsonl SHA-256 ${summary.manifestSha256})\n`,
    );
    return failures.length === 0 ? 0 : 1;
  });
}
