import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RECOVERY_KEY_BITS } from '@suveren/core/contracts/recovery-key';
import { RecoveryKeyError, generateRecoveryKeyPair } from '../client-side/recovery-key-file';
import { KeyFileError, generateKeyFile } from '../client-side/tenant-key-file';
import { Pkcs11Failure, WRAP_MECHANISMS, type WrapMechanism } from '../pkcs11/wrapping';
import type { CliIo } from './io';
import { PIN_VARIABLE, RECOVERY_PASSPHRASE_VARIABLE } from './key-options';
import { SecretUnavailable, readSecret } from './secret-prompt';

/*
 * `suveren keygen`: a tenant's primary key, as an AES-256 key file (mode 0600) or as a
 * non-extractable AES-256 key in the customer's HSM, or the offline RSA recovery pair.
 */

export async function keygen(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      name: { type: 'string' },
      pkcs11: { type: 'boolean', default: false },
      'pkcs11-module': { type: 'string' },
      token: { type: 'string' },
      'key-label': { type: 'string' },
      mechanism: { type: 'string' },
      usage: { type: 'string' },
      recovery: { type: 'boolean', default: false },
      passphrase: { type: 'boolean', default: false },
    },
  });
  try {
    if (values.pkcs11 && values.recovery) {
      io.err('suveren keygen: --pkcs11 and --recovery create different keys: run keygen once for each\n');
      return 2;
    }
    if (values.pkcs11) return await hsmKey(values, io);
    if (values.recovery) return await recoveryPair(values, io);
    return fileKey(values, io);
  } catch (e) {
    if (e instanceof KeyFileError || e instanceof Pkcs11Failure || e instanceof RecoveryKeyError || e instanceof SecretUnavailable) {
      io.err(`suveren keygen: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function fileKey(values: { out?: string; name?: string }, io: CliIo): number {
  if (!values.out) {
    io.err(
      'suveren keygen: --out <file> is required, e.g. suveren keygen --out tenant.key (or --pkcs11 … for a key in an HSM, --recovery for the recovery pair)\n',
    );
    return 2;
  }
  const keyName =
    values.name ??
    `${path
      .basename(values.out)
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w.:-]/g, '-')}-${new Date().toISOString().slice(0, 10)}`;
  generateKeyFile(values.out, keyName);
  io.out(`wrote ${values.out} (AES-256, key name ${keyName}, mode 0600). Back it up offline: objects encrypted under it cannot be read without it.\n`);
  return 0;
}

/** `--usage`: keys that work one way or not at all, as AWS's XKS test client's `-a` run expects; never for data. */
const KEY_USAGES = {
  'encrypt-only': { encrypt: true, decrypt: false },
  'decrypt-only': { encrypt: false, decrypt: true },
  none: { encrypt: false, decrypt: false },
} as const;

async function hsmKey(
  values: { 'pkcs11-module'?: string; token?: string; 'key-label'?: string; mechanism?: string; usage?: string },
  io: CliIo,
): Promise<number> {
  if (!values['pkcs11-module'] || !values.token || !values['key-label']) {
    io.err('suveren keygen --pkcs11: --pkcs11-module <library>, --token <token label> and --key-label <new key label> are required\n');
    return 2;
  }
  if (!/^[\w.:-]{1,64}$/.test(values['key-label'])) {
    io.err(
      `suveren keygen --pkcs11: key label "${values['key-label']}" must be 1-64 letters, digits and . : _ - (a generation per label, e.g. arkiv-2026-12)\n`,
    );
    return 2;
  }
  if (values.mechanism !== undefined && !(WRAP_MECHANISMS as readonly string[]).includes(values.mechanism)) {
    io.err(`suveren keygen --pkcs11: --mechanism must be one of ${WRAP_MECHANISMS.join(', ')}\n`);
    return 2;
  }
  if (values.usage !== undefined && !(values.usage in KEY_USAGES)) {
    io.err(`suveren keygen --pkcs11: --usage must be one of ${Object.keys(KEY_USAGES).join(', ')} (test fixtures for AWS's XKS test client)\n`);
    return 2;
  }
  if (values.usage !== undefined && values.mechanism !== undefined && values.mechanism !== 'CKM_AES_GCM') {
    io.err('suveren keygen --pkcs11: --usage applies to CKM_AES_GCM keys\n');
    return 2;
  }
  const pin = await readSecret(PIN_VARIABLE, `PIN for token "${values.token}"`);
  const { Pkcs11Token } = require('../pkcs11/token') as typeof import('../pkcs11/token');
  const token = Pkcs11Token.open({ modulePath: values['pkcs11-module'], tokenLabel: values.token, pin });
  try {
    if (values.usage !== undefined) {
      const usage = KEY_USAGES[values.usage as keyof typeof KEY_USAGES];
      const key = token.generateAesKey(values['key-label'], 'CKM_AES_GCM', usage);
      io.out(
        `created AES-256 key "${key.label}" on token "${token.tokenLabel}" that may ${usage.encrypt ? 'only encrypt' : usage.decrypt ? 'only decrypt' : 'neither encrypt nor decrypt'}: a test fixture for AWS's XKS test client (./test-xks-proxy -a), never a key for data\n`,
      );
      return 0;
    }
    const key = token.generateAesKey(values['key-label'], values.mechanism as WrapMechanism | undefined);
    io.out(
      `created AES-256 key "${key.label}" on token "${token.tokenLabel}": sensitive, non-extractable, wraps with ${key.mechanism}. It cannot be read out of the HSM: back the token up with the vendor's tools, and configure a recovery key (suveren keygen --recovery).\n`,
    );
    return 0;
  } finally {
    token.close();
  }
}

async function recoveryPair(values: { out?: string; passphrase?: boolean }, io: CliIo): Promise<number> {
  if (!values.out) {
    io.err('suveren keygen --recovery: --out <directory> is required (use removable media for the private half)\n');
    return 2;
  }
  let passphrase: string | undefined;
  if (values.passphrase) {
    passphrase = await readSecret(RECOVERY_PASSPHRASE_VARIABLE, 'passphrase for the recovery private key');
    // At a prompt, a typo would lock the key away for good: ask twice.
    if (!process.env[RECOVERY_PASSPHRASE_VARIABLE] && !process.env[`${RECOVERY_PASSPHRASE_VARIABLE}_FILE`]) {
      const again = await readSecret(RECOVERY_PASSPHRASE_VARIABLE, 'the same passphrase again');
      if (again !== passphrase) throw new RecoveryKeyError('the two passphrases differ; nothing was written');
    }
  }
  const pair = generateRecoveryKeyPair(values.out, passphrase);
  io.out(
    [
      `wrote ${pair.privateFile} (RSA-${RECOVERY_KEY_BITS} private key, mode 0600${pair.passphraseProtected ? ', passphrase-protected' : ', NOT passphrase-protected'})`,
      `wrote ${pair.publicFile} (public key: put it in tenants[].clientSide.recoveryPublicKey)`,
      `fingerprint ${pair.fingerprint}`,
      'Write the fingerprint on the ceremony record. Move the private key offline now (paper or a second HSM, in a safe), then delete this copy.',
      '',
    ].join('\n'),
  );
  return 0;
}
