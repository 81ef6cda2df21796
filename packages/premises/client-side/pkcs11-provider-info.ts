import { WRAP_MECHANISMS, type WrapMechanism } from '../pkcs11/wrapping';

/** What a message records about the HSM key that wrapped its data key (the wrapped key's provider info, JSON). */
export interface Pkcs11ProviderInfo {
  /** CKA_LABEL of the key: what decryption looks up. */
  readonly label: string;
  /** The mechanism, so decryption never guesses. */
  readonly mechanism: WrapMechanism;
  /** The token the key was on when it wrapped: informational (a key may be restored into another token). */
  readonly token: string;
}

export function parsePkcs11ProviderInfo(providerInfo: string): Pkcs11ProviderInfo | undefined {
  try {
    const parsed = JSON.parse(providerInfo) as Partial<Pkcs11ProviderInfo>;
    if (typeof parsed.label === 'string' && typeof parsed.token === 'string' && (WRAP_MECHANISMS as readonly string[]).includes(parsed.mechanism ?? '')) {
      return parsed as Pkcs11ProviderInfo;
    }
  } catch {
    // not ours
  }
  return undefined;
}
