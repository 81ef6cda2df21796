import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { KeyFileError, generateKeyFile } from '../client-side/tenant-key-file';
import type { CliIo } from './io';

/* `suveren keygen`: creates a tenant's AES-256 wrapping key file (mode 0600). */

export function keygen(args: string[], io: CliIo): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, name: { type: 'string' } } });
  if (!values.out) {
    io.err('suveren keygen: --out <file> is required, e.g. suveren keygen --out tenant.key\n');
    return 2;
  }
  const keyName =
    values.name ??
    `${path
      .basename(values.out)
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w.:-]/g, '-')}-${new Date().toISOString().slice(0, 10)}`;
  try {
    generateKeyFile(values.out, keyName);
  } catch (e) {
    if (e instanceof KeyFileError) {
      io.err(`suveren keygen: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  io.out(`wrote ${values.out} (AES-256, key name ${keyName}, mode 0600). Back it up offline: objects encrypted under it cannot be read without it.\n`);
  return 0;
}
