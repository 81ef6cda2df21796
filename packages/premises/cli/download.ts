import { parseArgs } from 'node:util';
import { download } from '../client-side/transfer';
import type { CliIo } from './io';
import { KEY_OPTIONS, resolveKeys, resolveRecoveryPrivateKey } from './key-options';
import { failSoftly, progressReporter } from './transfer-feedback';

/* `suveren download`: downloads, and decrypts with whichever supplied key the object was encrypted for; no partial plaintext is ever left behind. */

export async function downloadCommand(args: string[], io: CliIo, isTty: boolean): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      bucket: { type: 'string' },
      'key-id': { type: 'string' },
      ...KEY_OPTIONS,
      'recovery-key': { type: 'string' },
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
    const keys = await resolveKeys(values);
    try {
      if (values['recovery-key']) keys.keyrings.push(await resolveRecoveryPrivateKey(values['recovery-key']));
      const result = await download({
        tenantId: values.tenant!,
        bucket,
        objectKey: values['key-id']!,
        out: values.out!,
        keys: keys.keyrings,
        onProgress: progressReporter(io, values.quiet, isTty),
      });
      if (!values.quiet) io.out(`wrote ${values.out} (${result.bytes} bytes${keys.keyrings.length > 0 ? ', decrypted and authenticated' : ''})\n`);
      return 0;
    } finally {
      keys.close();
    }
  });
}
