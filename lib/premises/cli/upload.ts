import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readKeyFile } from '../client-side/tenant-key-file';
import { upload } from '../client-side/transfer';
import type { CliIo } from './io';
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
      key: { type: 'string' },
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
    const result = await upload({
      tenantId: values.tenant!,
      file: values.file!,
      endpoint,
      contentType,
      keyFile: values.key ? readKeyFile(values.key) : undefined,
      onProgress: progressReporter(io, values.quiet, isTty),
    });
    io.out(values.quiet ? `${result.key}\n` : `uploaded ${values.file} as ${result.key}${result.encrypted ? ' (encrypted on this machine)' : ''}\n`);
    return 0;
  });
}
