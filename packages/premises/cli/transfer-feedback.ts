import { KeyFileError } from '../client-side/tenant-key-file';
import { TransferError } from '../client-side/transfer';
import type { CliIo } from './io';

/* What `suveren upload` and `download` share: progress on a terminal, and failures a person can act on. */

export function progressReporter(io: CliIo, quiet: boolean, isTty: boolean) {
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

export async function failSoftly(io: CliIo, command: string, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (e) {
    // Failures of our own making carry a message meant for the user: a key, a token, a PIN, a recovery key, a config.
    if (
      e instanceof TransferError ||
      e instanceof KeyFileError ||
      (e instanceof Error &&
        [
          'EncryptionContextMismatch',
          'NoKeyFits',
          'Pkcs11Failure',
          'RecoveryKeyError',
          'SecretUnavailable',
          'ConfigError',
          'ExportError',
          'RestoreError',
          'DrillError',
        ].includes(e.name))
    ) {
      io.err(`suveren ${command}: ${e.message}\n`);
      return 1;
    }
    // Authentication failures of the Encryption SDK (wrong key, corrupted or truncated data).
    if (e instanceof Error && /authenticate|decrypt|Malformed|Truncated|unencryptedDataKey|Unsupported|Invalid/i.test(e.message)) {
      io.err(
        `suveren ${command}: the object could not be decrypted and authenticated (a wrong key, another tenant's object, or corrupted data): ${e.message}\n`,
      );
      return 1;
    }
    if (e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'AccessDenied' || e.name === 'NoSuchBucket')) {
      io.err(`suveren ${command}: S3 answered ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
