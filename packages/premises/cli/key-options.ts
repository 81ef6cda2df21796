import type { NamedKeyring } from '../client-side/keyrings';
import { recoveryUnwrappingKeyring, recoveryWrappingKeyring } from '../client-side/keyrings';
import { isEncryptedPrivateKey, readRecoveryPrivateKey, readRecoveryPublicKey } from '../client-side/recovery-key-file';
import { readKeyFile } from '../client-side/tenant-key-file';
import { TransferError } from '../client-side/transfer';
import { tenantKeyring } from '../client-side/stream-encryption';
import { readSecret } from './secret-prompt';

/*
 * The key flags that `upload` and `download` share, turned into keyrings: key files,
 * keys in a PKCS#11 HSM, and the recovery key. The HSM session stays open for the
 * transfer; `close` ends it.
 */

export const PIN_VARIABLE = 'SUVEREN_PKCS11_PIN';
export const RECOVERY_PASSPHRASE_VARIABLE = 'SUVEREN_RECOVERY_PASSPHRASE';

/** The parseArgs options for keys, shared by both commands. */
export const KEY_OPTIONS = {
  key: { type: 'string', multiple: true },
  'pkcs11-module': { type: 'string' },
  token: { type: 'string' },
  'key-label': { type: 'string', multiple: true },
} as const;

export interface KeyFlags {
  readonly key?: string[];
  readonly 'pkcs11-module'?: string;
  readonly token?: string;
  readonly 'key-label'?: string[];
}

export interface ResolvedKeys {
  readonly keyrings: NamedKeyring[];
  /** Ends the HSM session, if one was opened. */
  close(): void;
}

/** Opens what the flags name. A bad module, token, PIN or label fails here, before anything is read, written or sent. */
export async function resolveKeys(flags: KeyFlags): Promise<ResolvedKeys> {
  const keyrings: NamedKeyring[] = (flags.key ?? []).map((file) => {
    const { keyName, key } = readKeyFile(file);
    return tenantKeyring(keyName, key);
  });
  const hsmFlags = [flags['pkcs11-module'], flags.token, flags['key-label']];
  if (hsmFlags.every((flag) => flag === undefined)) return { keyrings, close: () => undefined };
  if (!flags['pkcs11-module'] || !flags.token || !flags['key-label'] || flags['key-label'].length === 0) {
    throw new TransferError('a key in an HSM needs all three of --pkcs11-module <library>, --token <token label> and --key-label <key label>');
  }
  const pin = await readSecret(PIN_VARIABLE, `PIN for token "${flags.token}"`);
  // Loaded only for an HSM: the native PKCS#11 binding is not needed by key-file users.
  const { Pkcs11Token } = require('../pkcs11/token') as typeof import('../pkcs11/token');
  const { Pkcs11KeyringNode } = require('../client-side/pkcs11-keyring') as typeof import('../client-side/pkcs11-keyring');
  const token = Pkcs11Token.open({ modulePath: flags['pkcs11-module'], tokenLabel: flags.token, pin });
  try {
    for (const label of flags['key-label']) {
      const keyring = new Pkcs11KeyringNode(token.aesKey(label));
      keyrings.push({ keyring, description: keyring.description });
    }
  } catch (e) {
    token.close();
    throw e;
  }
  return { keyrings, close: () => token.close() };
}

/** The recovery public key an upload wraps for: the file given, or the tenant's entry in the landing-zone config. */
export function resolveRecoveryPublicKey(
  tenantId: string,
  flags: { readonly 'recovery-public-key'?: string; readonly config?: string; readonly 'no-recovery'?: boolean },
): { keyring: NamedKeyring; fingerprint: string } | 'declined' | undefined {
  if (flags['no-recovery'] && (flags['recovery-public-key'] || flags.config)) {
    throw new TransferError('--no-recovery contradicts --recovery-public-key and --config: give one or the other');
  }
  if (flags['no-recovery']) return 'declined';
  if (flags['recovery-public-key']) {
    const { pem, fingerprint } = readRecoveryPublicKey(flags['recovery-public-key']);
    return { keyring: recoveryWrappingKeyring(pem, fingerprint), fingerprint };
  }
  if (flags.config) {
    // Loaded only here: a transfer without --config carries no config code.
    const { loadConfig } = require('@suveren/core/config/load') as typeof import('@suveren/core/config/load');
    const { checkRecoveryPublicKey } = require('@suveren/core/contracts/recovery-key') as typeof import('@suveren/core/contracts/recovery-key');
    const tenant = loadConfig(flags.config).tenants.find((t) => t.id === tenantId);
    if (!tenant) throw new TransferError(`${flags.config} has no tenant "${tenantId}"`);
    const pem = tenant.clientSide?.recoveryPublicKey;
    if (!pem) return undefined;
    const check = checkRecoveryPublicKey(pem);
    if (!check.ok) throw new TransferError(`${flags.config}: tenants[${tenantId}].clientSide.recoveryPublicKey ${check.reason}`);
    return { keyring: recoveryWrappingKeyring(pem, check.fingerprint), fingerprint: check.fingerprint };
  }
  return undefined;
}

/** The offline private recovery key, for a download that the primary key can no longer open. */
export async function resolveRecoveryPrivateKey(file: string): Promise<NamedKeyring> {
  const passphrase = isEncryptedPrivateKey(file) ? await readSecret(RECOVERY_PASSPHRASE_VARIABLE, `passphrase of ${file}`) : undefined;
  const { key, fingerprint } = readRecoveryPrivateKey(file, passphrase);
  return recoveryUnwrappingKeyring(key, fingerprint);
}
