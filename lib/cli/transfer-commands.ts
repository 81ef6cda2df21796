import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { KeyFileError, readKeyFile } from '../client-side/tenant-key-file';
import { TransferError, download, upload } from '../client-side/transfer';
import type { CliIo } from './main';

/*
 * `suveren upload` and `suveren download`. Kept apart from the other commands, and
 * loaded only when used, so a transfer process does not carry the CDK libraries.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.zip': 'application/zip',
};

function progressReporter(io: CliIo, quiet: boolean, isTty: boolean) {
  if (quiet || !isTty) return undefined;
  let last = -1;
  return (done: number, total: number) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (percent === last) return;
    last = percent;
    const bar = '#'.repeat(Math.floor(percent / 4)).padEnd(25, '.');
    io.err(`\r[${bar}] ${String(percent).padStart(3)}%  ${(done / 1024 ** 2).toFixed(1)} / ${(total / 1024 ** 2).toFixed(1)} MiB${done >= total ? '\n' : ''}`);
  };
}

async function failSoftly(io: CliIo, command: string, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (e) {
    if (e instanceof TransferError || e instanceof KeyFileError || (e instanceof Error && ['EncryptionContextMismatch'].includes(e.name))) {
      io.err(`suveren ${command}: ${e.message}\n`);
      return 1;
    }
    // Authentication failures of the Encryption SDK (wrong key, corrupted or truncated data).
    if (e instanceof Error && /authenticate|decrypt|Malformed|Truncated|unencryptedDataKey|Unsupported|Invalid/i.test(e.message)) {
      io.err(`suveren ${command}: the object could not be decrypted and authenticated (wrong key file, another tenant's object, or corrupted data): ${e.message}\n`);
      return 1;
    }
    if (e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'AccessDenied' || e.name === 'NoSuchBucket')) {
      io.err(`suveren ${command}: S3 answered ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

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
