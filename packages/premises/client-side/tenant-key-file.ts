import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';

/*
 * The tenant's wrapping key, on the customer's premises: a small JSON file, mode 0600,
 * holding an AES-256 key. It never leaves the machine that encrypts and decrypts.
 */

export interface TenantKeyFile {
  readonly format: 'suveren-tenant-key';
  readonly version: 1;
  /** Names the key in every message it wraps (the raw keyring's key name). */
  readonly keyName: string;
  readonly algorithm: 'AES-256';
  /** The key, base64. */
  readonly key: string;
}

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

/** Writes a new random AES-256 key file with mode 0600; refuses to overwrite an existing file. */
export function generateKeyFile(file: string, keyName: string): TenantKeyFile {
  if (!/^[\w.:-]{1,128}$/.test(keyName)) {
    throw new KeyFileError(`key name "${keyName}" must be 1-128 letters, digits and . : _ -`);
  }
  const keyFile: TenantKeyFile = { format: 'suveren-tenant-key', version: 1, keyName, algorithm: 'AES-256', key: randomBytes(32).toString('base64') };
  let fd: number;
  try {
    // 'wx': fail if it exists; a key file is never silently replaced (that would orphan every object under the old key).
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new KeyFileError(`${file} already exists; a key file is never overwritten. Choose another path.`);
    throw e;
  }
  try {
    fs.writeFileSync(fd, `${JSON.stringify(keyFile, null, 2)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return keyFile;
}

/** Reads a key file, refusing one that others can read or that is not a suveren key. */
export function readKeyFile(file: string): { keyName: string; key: Buffer } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new KeyFileError(`cannot read key file ${file}: file not found; create one with \`suveren keygen --out ${file}\``);
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new KeyFileError(`${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}); run \`chmod 600 ${file}\``);
  }
  let parsed: Partial<TenantKeyFile>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TenantKeyFile>;
  } catch {
    throw new KeyFileError(`${file} is not a suveren key file (not JSON)`);
  }
  const key = typeof parsed.key === 'string' ? Buffer.from(parsed.key, 'base64') : Buffer.alloc(0);
  if (
    parsed.format !== 'suveren-tenant-key' ||
    parsed.version !== 1 ||
    parsed.algorithm !== 'AES-256' ||
    typeof parsed.keyName !== 'string' ||
    key.length !== 32
  ) {
    throw new KeyFileError(`${file} is not a suveren AES-256 key file (expected format suveren-tenant-key, version 1, a 32-byte key)`);
  }
  return { keyName: parsed.keyName, key };
}
