import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RECOVERY_KEY_BITS, checkRecoveryPublicKey, recoveryKeyFingerprint } from '@suveren/core/contracts/recovery-key';

/*
 * The offline recovery key pair on disk. The private half is written exactly once,
 * mode 0600, optionally under a passphrase, and then belongs in a safe (printed, or on
 * a second HSM); the public half goes into the landing-zone config and to every
 * machine that uploads.
 */

export const RECOVERY_PRIVATE_FILE = 'recovery-private.pem';
export const RECOVERY_PUBLIC_FILE = 'recovery-public.pem';

export class RecoveryKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecoveryKeyError';
  }
}

export interface RecoveryKeyPairFiles {
  readonly privateFile: string;
  readonly publicFile: string;
  readonly fingerprint: string;
  readonly passphraseProtected: boolean;
}

/** Creates an RSA-4096 pair in `dir`; refuses if either file exists, and never leaves one half without the other. */
export function generateRecoveryKeyPair(dir: string, passphrase?: string): RecoveryKeyPairFiles {
  const privateFile = path.join(dir, RECOVERY_PRIVATE_FILE);
  const publicFile = path.join(dir, RECOVERY_PUBLIC_FILE);
  for (const file of [privateFile, publicFile]) {
    if (fs.existsSync(file))
      throw new RecoveryKeyError(
        `${file} already exists; a recovery key is never overwritten (objects wrapped for it would become unrecoverable). Choose another --out directory`,
      );
  }
  if (passphrase !== undefined && passphrase.length < 12) throw new RecoveryKeyError('the passphrase must be at least 12 characters');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: RECOVERY_KEY_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: passphrase ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase } : { type: 'pkcs8', format: 'pem' },
  });
  writeOnce(privateFile, privateKey, 0o600);
  try {
    writeOnce(publicFile, publicKey, 0o644);
  } catch (e) {
    fs.rmSync(privateFile, { force: true });
    throw e;
  }
  // Read the private half back as a recovery would, before anyone relies on it.
  const fingerprint = recoveryKeyFingerprint(createPublicKey(publicKey));
  if (readRecoveryPrivateKey(privateFile, passphrase).fingerprint !== fingerprint) {
    fs.rmSync(privateFile, { force: true });
    fs.rmSync(publicFile, { force: true });
    throw new RecoveryKeyError('the written private key does not read back as the pair just made; nothing was kept, run keygen again');
  }
  return { privateFile, publicFile, fingerprint, passphraseProtected: passphrase !== undefined };
}

function writeOnce(file: string, text: string, mode: number): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    fs.writeFileSync(fd, text);
  } catch (e) {
    // A truncated key file would block the next attempt and look like a key.
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw e;
  }
  fs.closeSync(fd);
}

/** Reads and checks a recovery public key file: RSA, at least 3072 bits, and public. */
export function readRecoveryPublicKey(file: string): { pem: string; fingerprint: string } {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch {
    throw new RecoveryKeyError(`cannot read recovery public key ${file}: file not found`);
  }
  const check = checkRecoveryPublicKey(pem);
  if (!check.ok) throw new RecoveryKeyError(`${file}: ${check.reason}`);
  return { pem, fingerprint: check.fingerprint };
}

/** Whether a private key file is passphrase-protected, so the CLI knows to ask. */
export function isEncryptedPrivateKey(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');
  } catch {
    throw new RecoveryKeyError(`cannot read recovery key ${file}: file not found`);
  }
}

/** Reads the offline private half, refusing a file others can read, and reporting a wrong passphrase as such. */
export function readRecoveryPrivateKey(file: string, passphrase?: string): { key: KeyObject; fingerprint: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new RecoveryKeyError(`cannot read recovery key ${file}: file not found`);
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new RecoveryKeyError(`${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}); run \`chmod 600 ${file}\``);
  }
  const pem = fs.readFileSync(file, 'utf8');
  if (!/-----BEGIN (?:ENCRYPTED |RSA )?PRIVATE KEY-----/.test(pem)) {
    throw new RecoveryKeyError(`${file} is not a private key; --recovery-key takes the offline recovery-private.pem, not the public half`);
  }
  const encrypted = pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');
  if (encrypted && passphrase === undefined)
    throw new RecoveryKeyError(`${file} is passphrase-protected: set SUVEREN_RECOVERY_PASSPHRASE or run in a terminal to be asked`);
  let key: KeyObject;
  try {
    key = createPrivateKey(encrypted ? { key: pem, format: 'pem', passphrase } : pem);
  } catch (e) {
    const reason = (e as Error).message;
    throw new RecoveryKeyError(encrypted && /decrypt/i.test(reason) ? `${file}: wrong passphrase` : `${file}: not a readable private key (${reason})`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new RecoveryKeyError(`${file} is not an RSA key`);
  return { key, fingerprint: recoveryKeyFingerprint(createPublicKey(key)) };
}
