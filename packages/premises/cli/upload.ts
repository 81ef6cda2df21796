import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TransferError, upload } from '../client-side/transfer';
import type { CliIo } from './io';
import { KEY_OPTIONS, resolveKeys, resolveRecoveryPublicKey } from './key-options';
import { failSoftly, progressReporter } from './transfer-feedback';

/* `suveren upload`: asks the tenant's upload endpoint for a slot, encrypts here if the tier says so, and uploads. Loaded only when used, so a transfer carries no CDK code. */

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.zip': 'application/zip',
};

export async function uploadCommand(args: string[], io: CliIo, isTty: boolean): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      file: { type: 'string' },
      ...KEY_OPTIONS,
      'recovery-public-key': { type: 'string' },
      config: { type: 'string' },
      'no-recovery': { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      'content-type': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const endpoint = values.endpoint ?? process.env.SUVEREN_UPLOAD_URL;
  if (!values.tenant || !values.file || !endpoint) {
    io.err('suveren upload: --tenant, --file and --endpoint (or SUVEREN_UPLOAD_URL: the UploadUrl output of the tenant stack) are required\n');
    return 2;
  }
  const contentType = values['content-type'] ?? CONTENT_TYPES[path.extname(values.file).toLowerCase()];
  if (!contentType) {
    io.err(`suveren upload: cannot tell the media type of ${values.file}; pass --content-type, e.g. --content-type application/pdf\n`);
    return 2;
  }
  return failSoftly(io, 'upload', async () => {
    const recovery = resolveRecoveryPublicKey(values.tenant!, values);
    const keys = await resolveKeys(values);
    try {
      if (keys.keyrings.length > 1)
        throw new TransferError('an upload encrypts under one primary key: give one --key or one --key-label (the newest generation)');
      const result = await upload({
        tenantId: values.tenant!,
        file: values.file!,
        endpoint,
        contentType,
        primaryKey: keys.keyrings[0],
        recovery,
        onProgress: progressReporter(io, values.quiet, isTty),
      });
      const how = result.encrypted
        ? ` (encrypted on this machine under ${keys.keyrings[0].description}${recovery && recovery !== 'declined' ? `, recoverable with ${recovery.keyring.description}` : ', with no recovery key'})`
        : '';
      io.out(values.quiet ? `${result.key}\n` : `uploaded ${values.file} as ${result.key}${how}\n`);
      return 0;
    } finally {
      keys.close();
    }
  });
}
