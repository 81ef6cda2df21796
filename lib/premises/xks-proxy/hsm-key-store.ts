import { type Pkcs11AesKey, Pkcs11Failure, type Pkcs11Token } from '../pkcs11/token';
import { type ExternalKey, type KeyStore, KeyStoreError } from './xks-api';

/*
 * The XKS key store on a PKCS#11 token: each external key id is the label of an
 * AES-256 key in the token, which encrypts and decrypts inside the HSM. Keys are looked
 * up once and kept; a key added to the token later is found on first use.
 */

/** Cryptoki results that mean the HSM could not authenticate the input, or may not use the key so. */
const AUTHENTICATION_FAILURES = /CKR_(ENCRYPTED_DATA_INVALID|ENCRYPTED_DATA_LEN_RANGE|GENERAL_ERROR|DATA_INVALID|DATA_LEN_RANGE)/;
const USAGE_FAILURES = /CKR_(KEY_FUNCTION_NOT_PERMITTED|KEY_TYPE_INCONSISTENT|MECHANISM_INVALID)/;

function translate(e: unknown, decrypting: boolean): never {
  if (e instanceof Pkcs11Failure) {
    if (decrypting && AUTHENTICATION_FAILURES.test(e.ckr ?? '')) throw new KeyStoreError(e.message, 'ciphertext');
    if (USAGE_FAILURES.test(e.ckr ?? '')) throw new KeyStoreError(e.message, 'usage');
    throw new KeyStoreError(e.message, 'unavailable');
  }
  throw e;
}

class HsmExternalKey implements ExternalKey {
  constructor(private readonly key: Pkcs11AesKey) {}

  encrypt(plaintext: Buffer, aad: Buffer) {
    try {
      return this.key.encrypt(plaintext, aad);
    } catch (e) {
      return translate(e, false);
    }
  }

  decrypt(iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
    try {
      return this.key.decrypt(iv, ciphertext, tag, aad);
    } catch (e) {
      return translate(e, true);
    }
  }
}

export class HsmKeyStore implements KeyStore {
  private readonly keys = new Map<string, HsmExternalKey>();

  constructor(
    private readonly token: Pkcs11Token,
    private readonly healthCheckKey: string,
  ) {}

  find(externalKeyId: string): ExternalKey | undefined {
    const cached = this.keys.get(externalKeyId);
    if (cached) return cached;
    if (!this.token.hasKey(externalKeyId)) return undefined;
    let key: Pkcs11AesKey;
    try {
      key = this.token.aesKey(externalKeyId);
    } catch (e) {
      return translate(e, false);
    }
    if (key.mechanism !== 'CKM_AES_GCM') throw new KeyStoreError(`key ${externalKeyId} cannot do AES-GCM encryption (it was made for key wrap)`, 'usage');
    const external = new HsmExternalKey(key);
    this.keys.set(externalKeyId, external);
    return external;
  }

  health() {
    let described = { manufacturer: 'unknown', model: 'unknown', serialNumber: 'unknown', library: 'unknown' };
    let healthStatus: 'ACTIVE' | 'UNAVAILABLE' = 'ACTIVE';
    try {
      // Inside the try: a lost session is UNAVAILABLE, not a 500.
      described = this.token.describe();
      const key = this.find(this.healthCheckKey);
      if (!key) throw new KeyStoreError(`health-check key ${this.healthCheckKey} is missing`, 'unavailable');
      const probe = Buffer.from('suveren xks-proxy health check');
      const sealed = key.encrypt(probe, Buffer.alloc(0));
      if (!key.decrypt(sealed.iv, sealed.ciphertext, sealed.tag, Buffer.alloc(0)).equals(probe)) healthStatus = 'UNAVAILABLE';
    } catch {
      healthStatus = 'UNAVAILABLE';
    }
    return {
      ekmVendor: described.manufacturer || 'unknown',
      fleet: [{ id: `${this.token.tokenLabel}/${described.serialNumber}`, model: `${described.model} (${described.library})`, healthStatus }],
    };
  }
}
