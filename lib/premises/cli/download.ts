import { parseArgs } from 'node:util';
import { readKeyFile } from '../client-side/tenant-key-file';
import { download } from '../client-side/transfer';
import type { CliIo } from './io';
import { failSoftly, progressReporter } from './transfer-feedback';

/* `suveren download`: downloads, and decrypts with the tenant key file; no partial plaintext is ever left behind. */

export async function downloadCommand(args: string[], io: CliIo, isTty: boolean): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      bucket: { type: 'string' },
      'key-id': { type: 'string' },
      key: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const bucket = values.bucket ?? process.env.SUVEREN_BUCKET;
  if (!values.tenant || !bucket || !values['key-id'] || !values.out) {
    io.err('suveren download: --tenant, --bucket (or SUVEREN_BUCKET), --key-id <object key> and --out <file> are required\n');
    return 2;
  }
  return failSoftly(io, 'download', async () => {
    const result = await download({
      tenantId: values.tenant!,
      bucket,
      objectKey: values['key-id']!,
      out: values.out!,
      keyFile: values.key ? readKeyFile(values.key) : undefined,
      onProgress: progressReporter(io, values.quiet, isTty),
    });
    if (!values.quiet) io.out(`wrote ${values.out} (${result.bytes} bytes${values.key ? ', decrypted and authenticated' : ''})\n`);
    return 0;
  });
}
