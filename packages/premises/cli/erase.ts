import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { failSoftly } from './transfer-feedback';

/*
 * `suveren erase --tenant X --key objects/... --bucket <data> [--quarantine-bucket <q>]
 * [--replica-bucket <r> --replica-region <region>] [--reason text] [--record file]`, as the
 * tenant's eraser role (docs/people.md): every version of the object, its quarantine copies
 * and its replica's versions (docs/continuity.md) deleted, each printed, and a record
 * written. Exit 0: nothing of the object is left; 1: something could not be deleted (the
 * record says what, and what remains); 2: a usage error.
 */

export async function eraseCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      key: { type: 'string' },
      bucket: { type: 'string' },
      'quarantine-bucket': { type: 'string' },
      'replica-bucket': { type: 'string' },
      'replica-region': { type: 'string' },
      reason: { type: 'string' },
      record: { type: 'string' },
    },
  });
  if (!values.tenant || !values.key || !values.bucket) {
    io.err('suveren erase: --tenant, --key <object key> and --bucket <data bucket> are required (and --quarantine-bucket, to erase its copies)\n');
    return 2;
  }
  if ((values['replica-bucket'] === undefined) !== (values['replica-region'] === undefined)) {
    io.err("suveren erase: --replica-bucket and --replica-region go together: the replica's bucket and the region it is in\n");
    return 2;
  }
  const { EraseError, eraseObject, invalidKey } = require('../erase/erase-object') as typeof import('../erase/erase-object');
  const problem = invalidKey(values.key);
  if (problem) {
    io.err(`suveren erase: ${problem}\n`);
    return 2;
  }
  return failSoftly(io, 'erase', async () => {
    const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    try {
      const record = await eraseObject({
        s3: new S3Client({}),
        tenantId: values.tenant!,
        key: values.key!,
        bucket: values.bucket!,
        quarantineBucket: values['quarantine-bucket'],
        ...(values['replica-bucket'] && values['replica-region']
          ? { replica: { s3: new S3Client({ region: values['replica-region'] }), bucket: values['replica-bucket'] } }
          : {}),
        reason: values.reason,
        onDeleted: (v) => io.out(`deleted ${v.bucket}/${v.key} version ${v.versionId}${v.deleteMarker ? ' (delete marker)' : ''}\n`),
      });
      for (const f of record.failed) io.err(`suveren erase: could not delete ${f.bucket}/${f.key} version ${f.versionId}: ${f.error}\n`);
      const json = `${JSON.stringify(record, null, 2)}\n`;
      if (values.record) fs.writeFileSync(values.record, json);
      const complete = record.failed.length === 0 && record.remaining.length === 0;
      io.out(
        complete
          ? `erased ${values.key}: ${record.deleted.length} version(s) deleted, none left${values.record ? `; record in ${values.record}` : ''}\n`
          : `not erased: ${record.deleted.length} deleted, ${record.failed.length} refused, ${record.remaining.length} left${values.record ? `; record in ${values.record}` : ''}\n`,
      );
      if (!values.record) io.out(json);
      return complete ? 0 : 1;
    } catch (e) {
      if (e instanceof EraseError) {
        io.err(`suveren erase: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  });
}
