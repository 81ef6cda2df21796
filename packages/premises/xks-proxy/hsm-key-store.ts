import { type Pkcs11AesKey, Pkcs11Failure, type Pkcs11KeyUsage, type Pkcs11Token, isSessionLost } from '../pkcs11/token';
import { type ExternalKey, type KeyStore, KeyStoreError } from './xks-api';

/*
 * The XKS key store on a PKCS#11 token: each external key id is the label of an
 * AES-256 key in the token, which encrypts and decrypts inside the HSM. Keys are looked
 * up once and kept; a key added to the token later is found on first use. After any
 * PKCS#11 failure the session is replaced, so neither a session the HSM lost (a restarted
 * or reconnected HSM) nor one a failed operation left stuck makes the proxy answer
 * InternalException until someone restarts it.
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

export class HsmKeyStore implements KeyStore {
  private token: Pkcs11Token;
  private readonly keys = new Map<string, { key: Pkcs11AesKey; usage: Pkcs11KeyUsage }>();
  /** Sessions opened again after the HSM lost one: for the audit trail and the tests. */
  public reopened = 0;

  constructor(
    /** Opens a logged-in session on the token. */
    private readonly open: () => Pkcs11Token,
    private readonly healthCheckKey: string,
  ) {
    this.token = open();
  }

  public hasKey(externalKeyId: string): boolean {
    return this.run(() => this.token.hasKey(externalKeyId));
  }

  public find(externalKeyId: string): ExternalKey | undefined {
    let found: { key: Pkcs11AesKey; usage: Pkcs11KeyUsage } | undefined;
    try {
      found = this.run(() => this.key(externalKeyId));
    } catch (e) {
      return translate(e, false);
    }
    if (!found) return undefined;
    const { usage } = found;
    return {
      // The HSM's own attributes say what the key may do; a key made for key wrap does neither.
      usage: { encrypt: usage.encrypt, decrypt: usage.decrypt, madeForKeyWrap: !usage.encrypt && !usage.decrypt && (usage.wrap || usage.unwrap) },
      encrypt: (plaintext, aad) => {
        try {
          return this.run(() => this.key(externalKeyId)!.key.encrypt(plaintext, aad));
        } catch (e) {
          return translate(e, false);
        }
      },
      decrypt: (iv, ciphertext, tag, aad) => {
        try {
          return this.run(() => this.key(externalKeyId)!.key.decrypt(iv, ciphertext, tag, aad));
        } catch (e) {
          return translate(e, true);
        }
      },
    };
  }

  public health() {
    let described = { manufacturer: 'unknown', model: 'unknown', serialNumber: 'unknown', library: 'unknown' };
    let healthStatus: 'ACTIVE' | 'UNAVAILABLE' = 'ACTIVE';
    try {
      // Inside the try: a lost session is UNAVAILABLE, not a 500.
      described = this.run(() => this.token.describe());
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

  /** ECDSA P-256 over `digest` with the token's key pair `label` (the audit checkpoints' signer). */
  public signDigest(label: string, digest: Buffer): Buffer {
    return this.run(() => this.token.ecSign(label, digest));
  }

  /** The public half of the key pair `label`. */
  public publicKey(label: string): import('node:crypto').KeyObject {
    return this.run(() => this.token.ecPublicKey(label));
  }

  public close(): void {
    this.token.close();
  }

  private key(externalKeyId: string): { key: Pkcs11AesKey; usage: Pkcs11KeyUsage } | undefined {
    const cached = this.keys.get(externalKeyId);
    if (cached) return cached;
    if (!this.token.hasKey(externalKeyId)) return undefined;
    const found = this.token.aesKeyWithUsage(externalKeyId);
    this.keys.set(externalKeyId, found);
    return found;
  }

  /**
   * Runs `body` on the session; when the HSM lost it (every session closed, a restarted
   * HSM), opens the token again, logging in anew, and runs `body` once more. The old
   * session is closed first: its login is gone with it. A failed operation of a live
   * session is replaced by the token itself (Pkcs11Token's cryptoOperation), so the next
   * request is served.
   */
  private run<T>(body: () => T): T {
    try {
      return body();
    } catch (e) {
      if (!(e instanceof Pkcs11Failure) || !isSessionLost(e)) throw e;
      try {
        this.token.close();
      } catch {
        // The old session is already gone.
      }
      this.keys.clear();
      this.token = this.open();
      this.reopened += 1;
      return body();
    }
  }
}
