import { type KeyObject, createHash, createPublicKey, randomBytes } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import * as pkcs11js from 'pkcs11js';
import { Pkcs11Failure, WRAP_MECHANISMS, type WrapMechanism } from './wrapping';

export { Pkcs11Failure, WRAP_MECHANISMS, type WrapMechanism } from './wrapping';

/*
 * The customer's HSM, through PKCS#11: one logged-in session on one token, AES-256
 * keys found and created by label, and the two ways a data key is wrapped inside the
 * HSM. The key never leaves the token: keys are created sensitive and non-extractable,
 * and only the 32-byte data keys of messages cross the PKCS#11 boundary. Shared by the
 * client-side keyring and, later, the XKS proxy.
 */

const MECHANISM_IDS: Record<WrapMechanism, number> = { CKM_AES_GCM: pkcs11js.CKM_AES_GCM, CKM_AES_KEY_WRAP_PAD: pkcs11js.CKM_AES_KEY_WRAP_PAD };

export interface TokenOptions {
  /** Path of the vendor's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  readonly modulePath: string;
  /** The token's label (C_GetTokenInfo), as set when the token was initialized. */
  readonly tokenLabel: string;
  /** The user PIN. Never from argv: SUVEREN_PKCS11_PIN or a prompt. */
  readonly pin: string;
}

/** DER of the P-256 curve's OID (1.2.840.10045.3.1.7): CKA_EC_PARAMS of a P-256 key. */
const P256_EC_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
/** An uncompressed P-256 point: 0x04, X, Y. */
const P256_POINT_BYTES = 65;

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const AES_256_BYTES = 32;

function ckrOf(e: unknown): string | undefined {
  const message = (e as Error | undefined)?.message ?? '';
  return /\bCKR_[A-Z_]+/.exec(message)?.[0];
}

/** One library load per path and process: Cryptoki allows one C_Initialize until C_Finalize. */
const loaded = new Map<string, { readonly module: pkcs11js.PKCS11; users: number }>();

function loadModule(modulePath: string): pkcs11js.PKCS11 {
  const existing = loaded.get(modulePath);
  if (existing) {
    existing.users += 1;
    return existing.module;
  }
  const module = new pkcs11js.PKCS11();
  try {
    module.load(modulePath);
  } catch (e) {
    const message = (e as Error).message;
    if (/cannot open shared object file|No such file|image not found/i.test(message)) {
      throw new Pkcs11Failure(
        `PKCS#11 module ${modulePath} cannot be loaded: file not found. Pass the vendor's library with --pkcs11-module, e.g. /usr/lib/softhsm/libsofthsm2.so`,
      );
    }
    if (/C_GetFunctionList/.test(message)) {
      throw new Pkcs11Failure(
        `${modulePath} is not a PKCS#11 module (it has no C_GetFunctionList): pass the HSM vendor's PKCS#11 library with --pkcs11-module`,
      );
    }
    throw new Pkcs11Failure(`PKCS#11 module ${modulePath} cannot be loaded: ${message}`);
  }
  try {
    module.C_Initialize();
  } catch (e) {
    module.close();
    throw new Pkcs11Failure(`PKCS#11 module ${modulePath} failed to initialize (${ckrOf(e) ?? (e as Error).message}); check its configuration file`, ckrOf(e));
  }
  loaded.set(modulePath, { module, users: 1 });
  return module;
}

/**
 * Logins per module and token. Cryptoki logs in an application, not a session: a second
 * session of this process is already logged in (C_Login answers
 * CKR_USER_ALREADY_LOGGED_IN without checking the PIN), and C_Logout on any session logs
 * out all of them. So the first session logs in, later ones must present the same PIN
 * (compared by hash), and the last one to close logs out.
 */
const logins = new Map<string, { readonly pinHash: string; sessions: number }>();
const pinHash = (pin: string) => createHash('sha256').update(pin).digest('hex');

function releaseModule(modulePath: string): void {
  const entry = loaded.get(modulePath);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  loaded.delete(modulePath);
  try {
    entry.module.C_Finalize();
  } finally {
    entry.module.close();
  }
}

/**
 * Cryptoki results that mean the session is gone or stuck (a restarted or reconnected HSM,
 * every session closed, an operation left open), not that the request was bad.
 */
const SESSION_LOST =
  /CKR_(SESSION_HANDLE_INVALID|SESSION_CLOSED|USER_NOT_LOGGED_IN|DEVICE_REMOVED|DEVICE_ERROR|TOKEN_NOT_PRESENT|CRYPTOKI_NOT_INITIALIZED|OPERATION_ACTIVE)/;

/** Whether `failure` means the session is lost, so the token must be opened again. */
export function isSessionLost(failure: Pkcs11Failure): boolean {
  return SESSION_LOST.test(failure.ckr ?? '');
}

/**
 * Clears the OpenSSL error queue of this process. A module built on OpenSSL (SoftHSM) can
 * resolve its libcrypto calls to the OpenSSL that Node exports, and a failed operation
 * leaves its error on Node's queue: the next unrelated Node crypto call, such as reading
 * the passphrase-protected recovery key after an HSM unwrap failed, then fails with that
 * stale "cipher operation failed". Creating a TLS context clears the queue on return
 * (measured on Node 20 with SoftHSM 2.6; test/integration/hsm-keyring.test.ts).
 */
function drainOpenSslErrors(): void {
  createSecureContext();
}

/** What a key's attributes let it do. */
export interface Pkcs11KeyUsage {
  readonly encrypt: boolean;
  readonly decrypt: boolean;
  readonly wrap: boolean;
  readonly unwrap: boolean;
}

/** A logged-in user session on one token. Close it when done: it logs out and releases the module. */
export class Pkcs11Token {
  /** Opens a read-write session on the token labelled `tokenLabel` and logs in as its user. */
  public static open(options: TokenOptions): Pkcs11Token {
    const module = loadModule(options.modulePath);
    try {
      const slots = module.C_GetSlotList(true);
      const labels = slots.map((slot) => module.C_GetTokenInfo(slot).label.trim());
      const index = labels.indexOf(options.tokenLabel);
      if (index < 0) {
        const present = labels.filter((label) => label.length > 0);
        throw new Pkcs11Failure(
          `no token labelled "${options.tokenLabel}" in ${options.modulePath}; ${present.length > 0 ? `tokens present: ${present.map((l) => `"${l}"`).join(', ')}` : 'no initialized token is present'}. Pass the label with --token`,
        );
      }
      const slot = slots[index];
      const mechanisms = new Set(module.C_GetMechanismList(slot));
      const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
      const loginKey = `${options.modulePath}\u0000${options.tokenLabel}`;
      const login = logins.get(loginKey);
      if (login) {
        if (login.pinHash !== pinHash(options.pin)) {
          module.C_CloseSession(session);
          throw new Pkcs11Failure(
            `token "${options.tokenLabel}": wrong PIN; tokens lock after a few wrong attempts: check SUVEREN_PKCS11_PIN before trying again`,
            'CKR_PIN_INCORRECT',
          );
        }
        login.sessions += 1;
        return new Pkcs11Token(options, module, slot, session, mechanisms, loginKey);
      }
      try {
        module.C_Login(session, pkcs11js.CKU_USER, options.pin);
      } catch (e) {
        const ckr = ckrOf(e);
        module.C_CloseSession(session);
        const why =
          ckr === 'CKR_PIN_INCORRECT'
            ? 'wrong PIN; tokens lock after a few wrong attempts: check SUVEREN_PKCS11_PIN before trying again'
            : ckr === 'CKR_PIN_LOCKED'
              ? 'the user PIN is locked; the security officer must unlock it (C_InitPIN) before the token can be used'
              : ckr === 'CKR_PIN_LEN_RANGE'
                ? 'the PIN has a length the token does not accept'
                : `login failed (${ckr ?? (e as Error).message})`;
        throw new Pkcs11Failure(`token "${options.tokenLabel}": ${why}`, ckr);
      }
      logins.set(loginKey, { pinHash: pinHash(options.pin), sessions: 1 });
      return new Pkcs11Token(options, module, slot, session, mechanisms, loginKey);
    } catch (e) {
      releaseModule(options.modulePath);
      throw e;
    }
  }

  private closed = false;

  private constructor(
    private readonly options: TokenOptions,
    private readonly module: pkcs11js.PKCS11,
    private readonly slot: pkcs11js.Handle,
    private session: pkcs11js.Handle,
    private readonly mechanisms: ReadonlySet<number>,
    /** The login this session shares (see `logins`). */
    private readonly loginKey: string,
  ) {}

  public get tokenLabel(): string {
    return this.options.tokenLabel;
  }

  /** What the module and token say they are: for health reports. */
  public describe(): { manufacturer: string; model: string; serialNumber: string; library: string } {
    return this.call('C_GetTokenInfo', () => {
      const info = this.module.C_GetTokenInfo(this.slot);
      const library = this.module.C_GetInfo();
      return {
        manufacturer: info.manufacturerID.trim(),
        model: info.model.trim(),
        serialNumber: info.serialNumber.trim(),
        library: `${library.libraryDescription.trim()} ${library.libraryVersion.major}.${library.libraryVersion.minor}`,
      };
    });
  }

  /** The wrap mechanisms this token offers for an AES key, best first. */
  public supportedMechanisms(): WrapMechanism[] {
    return WRAP_MECHANISMS.filter((mechanism) => {
      const id = MECHANISM_IDS[mechanism];
      if (!this.mechanisms.has(id)) return false;
      const flags = this.module.C_GetMechanismInfo(this.slot, id).flags;
      const needed = mechanism === 'CKM_AES_GCM' ? pkcs11js.CKF_ENCRYPT | pkcs11js.CKF_DECRYPT : pkcs11js.CKF_WRAP | pkcs11js.CKF_UNWRAP;
      return (flags & needed) === needed;
    });
  }

  /** Labels of the AES secret keys on the token, for messages that say which keys exist. */
  public aesKeyLabels(): string[] {
    return this.findSecretKeys([]).map((handle) => this.labelOf(handle));
  }

  public hasKey(label: string): boolean {
    return this.findSecretKeys([{ type: pkcs11js.CKA_LABEL, value: label }]).length > 0;
  }

  /** The AES-256 key labelled `label`; refuses a missing, duplicated, exportable or short key, and one that cannot wrap both ways. */
  public aesKey(label: string): Pkcs11AesKey {
    const { key, usage } = this.aesKeyWithUsage(label);
    const offered = this.supportedMechanisms();
    // Both directions: a key that could wrap but never unwrap would encrypt data nobody can read.
    const mechanism = offered.find((m) => (m === 'CKM_AES_GCM' ? usage.encrypt && usage.decrypt : usage.wrap && usage.unwrap));
    if (!mechanism) {
      throw new Pkcs11Failure(
        `key "${label}" on token "${this.tokenLabel}" allows none of the wrap mechanisms the token offers (${offered.join(', ') || 'none'}): it needs CKA_ENCRYPT and CKA_DECRYPT for CKM_AES_GCM, or CKA_WRAP and CKA_UNWRAP for CKM_AES_KEY_WRAP_PAD`,
      );
    }
    return new Pkcs11AesKey(this, key.handle, label, mechanism);
  }

  /**
   * The AES-256 key labelled `label` as the HSM allows it to be used: what it may do is
   * read from CKA_ENCRYPT, CKA_DECRYPT, CKA_WRAP and CKA_UNWRAP, and refused per call by
   * its user (the XKS proxy answers InvalidKeyUsageException). Still refuses a missing,
   * duplicated, exportable or short key.
   */
  public aesKeyWithUsage(label: string): { key: Pkcs11AesKey; usage: Pkcs11KeyUsage } {
    const handles = this.findSecretKeys([{ type: pkcs11js.CKA_LABEL, value: label }]);
    if (handles.length === 0) {
      const others = this.aesKeyLabels();
      throw new Pkcs11Failure(
        `no AES key labelled "${label}" on token "${this.tokenLabel}"; ${others.length > 0 ? `AES keys on the token: ${others.map((l) => `"${l}"`).join(', ')}` : 'the token holds no AES key'}. Create one with \`suveren keygen --pkcs11 …\``,
      );
    }
    if (handles.length > 1) {
      throw new Pkcs11Failure(
        `${handles.length} keys on token "${this.tokenLabel}" are labelled "${label}"; a label must name one key: relabel or destroy the extra ones`,
      );
    }
    const [handle] = handles;
    const [sensitive, extractable, length, encrypt, decrypt, wrap, unwrap] = this.module
      .C_GetAttributeValue(this.session, handle, [
        { type: pkcs11js.CKA_SENSITIVE },
        { type: pkcs11js.CKA_EXTRACTABLE },
        { type: pkcs11js.CKA_VALUE_LEN },
        { type: pkcs11js.CKA_ENCRYPT },
        { type: pkcs11js.CKA_DECRYPT },
        { type: pkcs11js.CKA_WRAP },
        { type: pkcs11js.CKA_UNWRAP },
      ])
      .map((attribute) => attribute.value);
    if (sensitive[0] !== 1 || extractable[0] !== 0) {
      throw new Pkcs11Failure(
        `key "${label}" on token "${this.tokenLabel}" can be read out of the HSM (CKA_SENSITIVE must be true and CKA_EXTRACTABLE false); create a new key with \`suveren keygen --pkcs11 …\``,
      );
    }
    const bytes = length.readUIntLE(0, Math.min(length.length, 6));
    if (bytes !== AES_256_BYTES)
      throw new Pkcs11Failure(`key "${label}" on token "${this.tokenLabel}" is AES-${bytes * 8}; suveren wraps with AES-256 keys only`);
    const usage = { encrypt: encrypt[0] === 1, decrypt: decrypt[0] === 1, wrap: wrap[0] === 1, unwrap: unwrap[0] === 1 };
    const mechanism: WrapMechanism = usage.encrypt || usage.decrypt || !(usage.wrap || usage.unwrap) ? 'CKM_AES_GCM' : 'CKM_AES_KEY_WRAP_PAD';
    return { key: new Pkcs11AesKey(this, handle, label, mechanism), usage };
  }

  /**
   * Creates a token AES-256 key labelled `label`, sensitive and non-extractable, able to
   * do `mechanism` only. Refuses a label that is already taken: a second key under one
   * label would make every message ambiguous.
   */
  public generateAesKey(
    label: string,
    mechanism: WrapMechanism = this.supportedMechanisms()[0],
    /** For CKM_AES_GCM: what the key may do (AWS's XKS test client's encrypt-only, decrypt-only and no-usage fixtures). @default both */
    usage: { readonly encrypt: boolean; readonly decrypt: boolean } = { encrypt: true, decrypt: true },
  ): Pkcs11AesKey {
    if (!mechanism) throw new Pkcs11Failure(`token "${this.tokenLabel}" offers neither CKM_AES_GCM nor CKM_AES_KEY_WRAP_PAD for AES keys`);
    if (!this.supportedMechanisms().includes(mechanism)) throw new Pkcs11Failure(`token "${this.tokenLabel}" does not offer ${mechanism}`);
    if (this.hasKey(label)) {
      throw new Pkcs11Failure(
        `token "${this.tokenLabel}" already has a key labelled "${label}"; keys are never overwritten (every message under it would be lost). Choose another --key-label`,
      );
    }
    const gcm = mechanism === 'CKM_AES_GCM';
    const handle = this.call('C_GenerateKey', () =>
      this.module.C_GenerateKey(this.session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_VALUE_LEN, value: AES_256_BYTES },
        { type: pkcs11js.CKA_LABEL, value: label },
        { type: pkcs11js.CKA_ID, value: Buffer.from(label, 'utf8') },
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_PRIVATE, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: true },
        { type: pkcs11js.CKA_EXTRACTABLE, value: false },
        { type: pkcs11js.CKA_MODIFIABLE, value: false },
        { type: pkcs11js.CKA_ENCRYPT, value: gcm && usage.encrypt },
        { type: pkcs11js.CKA_DECRYPT, value: gcm && usage.decrypt },
        { type: pkcs11js.CKA_WRAP, value: !gcm },
        { type: pkcs11js.CKA_UNWRAP, value: !gcm },
        { type: pkcs11js.CKA_SIGN, value: false },
        { type: pkcs11js.CKA_VERIFY, value: false },
        { type: pkcs11js.CKA_DERIVE, value: false },
      ]),
    );
    return new Pkcs11AesKey(this, handle, label, mechanism);
  }

  /** Reads one attribute's raw value; used by tests to prove a key cannot be read out. */
  public attribute(key: Pkcs11AesKey, type: number): Buffer {
    return this.call('C_GetAttributeValue', () => this.module.C_GetAttributeValue(this.session, key.handle, [{ type }])[0].value);
  }

  /** Destroys a key: for tests and for retiring a generation whose every message was re-encrypted. */
  public destroyKey(key: Pkcs11AesKey): void {
    this.call('C_DestroyObject', () => this.module.C_DestroyObject(this.session, key.handle));
  }

  /** @internal AES-GCM inside the HSM. */
  public gcm(direction: 'encrypt' | 'decrypt', key: pkcs11js.Handle, iv: Buffer, aad: Buffer, input: Buffer): Buffer {
    const mechanism = {
      mechanism: pkcs11js.CKM_AES_GCM,
      parameter: { type: pkcs11js.CK_PARAMS_AES_GCM, iv, aad, ivBits: iv.length * 8, tagBits: GCM_TAG_BYTES * 8 },
    };
    const out = Buffer.alloc(input.length + GCM_TAG_BYTES);
    if (direction === 'encrypt') {
      return this.cryptoOperation('C_Encrypt', () => {
        this.module.C_EncryptInit(this.session, mechanism, key);
        return Buffer.from(this.module.C_Encrypt(this.session, input, out));
      });
    }
    return this.cryptoOperation('C_Decrypt', () => {
      this.module.C_DecryptInit(this.session, mechanism, key);
      return Buffer.from(this.module.C_Decrypt(this.session, input, out));
    });
  }

  /** @internal RFC 5649 wrap of a data key, through a session object that lives only for this call. */
  public keyWrapPad(key: pkcs11js.Handle, dataKey: Buffer): Buffer {
    const transient = this.call('C_CreateObject', () =>
      this.module.C_CreateObject(this.session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_GENERIC_SECRET },
        { type: pkcs11js.CKA_TOKEN, value: false },
        { type: pkcs11js.CKA_EXTRACTABLE, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: false },
        { type: pkcs11js.CKA_VALUE, value: dataKey },
      ]),
    );
    try {
      return this.cryptoOperation('C_WrapKey', () =>
        Buffer.from(this.module.C_WrapKey(this.session, { mechanism: pkcs11js.CKM_AES_KEY_WRAP_PAD }, key, transient, Buffer.alloc(dataKey.length + 16))),
      );
    } finally {
      this.module.C_DestroyObject(this.session, transient);
    }
  }

  /** @internal The inverse of keyWrapPad. */
  public keyUnwrapPad(key: pkcs11js.Handle, wrapped: Buffer): Buffer {
    const transient = this.cryptoOperation('C_UnwrapKey', () =>
      this.module.C_UnwrapKey(this.session, { mechanism: pkcs11js.CKM_AES_KEY_WRAP_PAD }, key, wrapped, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_GENERIC_SECRET },
        { type: pkcs11js.CKA_TOKEN, value: false },
        { type: pkcs11js.CKA_EXTRACTABLE, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: false },
      ]),
    );
    try {
      return Buffer.from(this.module.C_GetAttributeValue(this.session, transient, [{ type: pkcs11js.CKA_VALUE }])[0].value);
    } finally {
      this.module.C_DestroyObject(this.session, transient);
    }
  }

  /**
   * Creates an ECDSA P-256 key pair labelled `label` whose private half is sensitive,
   * non-extractable and may only sign: the XKS proxy's audit checkpoints are signed with
   * it, and its public half (ecPublicKey) is what verifiers hold. Refuses a label in use.
   */
  public generateEcSigningKey(label: string): KeyObject {
    if (this.findObjects(pkcs11js.CKO_PRIVATE_KEY, label).length > 0 || this.findObjects(pkcs11js.CKO_PUBLIC_KEY, label).length > 0)
      throw new Pkcs11Failure(`token "${this.tokenLabel}" already has a key labelled "${label}"; keys are never overwritten. Choose another label`);
    const id = Buffer.from(label, 'utf8');
    this.call('C_GenerateKeyPair', () =>
      this.module.C_GenerateKeyPair(
        this.session,
        { mechanism: pkcs11js.CKM_EC_KEY_PAIR_GEN },
        [
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
          { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
          { type: pkcs11js.CKA_EC_PARAMS, value: P256_EC_PARAMS },
          { type: pkcs11js.CKA_LABEL, value: label },
          { type: pkcs11js.CKA_ID, value: id },
          { type: pkcs11js.CKA_TOKEN, value: true },
          { type: pkcs11js.CKA_VERIFY, value: true },
          { type: pkcs11js.CKA_ENCRYPT, value: false },
          { type: pkcs11js.CKA_WRAP, value: false },
        ],
        [
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
          { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
          { type: pkcs11js.CKA_LABEL, value: label },
          { type: pkcs11js.CKA_ID, value: id },
          { type: pkcs11js.CKA_TOKEN, value: true },
          { type: pkcs11js.CKA_PRIVATE, value: true },
          { type: pkcs11js.CKA_SENSITIVE, value: true },
          { type: pkcs11js.CKA_EXTRACTABLE, value: false },
          { type: pkcs11js.CKA_SIGN, value: true },
          { type: pkcs11js.CKA_DECRYPT, value: false },
          { type: pkcs11js.CKA_UNWRAP, value: false },
          { type: pkcs11js.CKA_DERIVE, value: false },
        ],
      ),
    );
    return this.ecPublicKey(label);
  }

  /** The public half of the P-256 key pair labelled `label`, as a Node.js key (export it as SPKI PEM). */
  public ecPublicKey(label: string): KeyObject {
    const [handle] = this.findObjects(pkcs11js.CKO_PUBLIC_KEY, label);
    if (handle === undefined)
      throw new Pkcs11Failure(`no EC public key labelled "${label}" on token "${this.tokenLabel}"; create the pair with \`suveren xks-proxy checkpoint-key\``);
    const [params, point] = this.call('C_GetAttributeValue', () =>
      this.module.C_GetAttributeValue(this.session, handle, [{ type: pkcs11js.CKA_EC_PARAMS }, { type: pkcs11js.CKA_EC_POINT }]).map((a) => a.value),
    );
    if (!params.equals(P256_EC_PARAMS)) throw new Pkcs11Failure(`key "${label}" on token "${this.tokenLabel}" is not a P-256 key`);
    // CKA_EC_POINT is the point as a DER OCTET STRING (04 41 04 X Y); some modules give the bare point.
    const raw = point.length === P256_POINT_BYTES + 2 && point[0] === 0x04 && point[1] === P256_POINT_BYTES ? point.subarray(2) : point;
    if (raw.length !== P256_POINT_BYTES || raw[0] !== 0x04)
      throw new Pkcs11Failure(`key "${label}" on token "${this.tokenLabel}": unexpected EC point encoding`);
    const b64url = (b: Buffer) => b.toString('base64url');
    return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33, 65)) }, format: 'jwk' });
  }

  /** ECDSA P-256 over a SHA-256 digest inside the HSM: the signature as r || s (64 bytes, IEEE P1363). */
  public ecSign(label: string, digest: Buffer): Buffer {
    const [handle] = this.findObjects(pkcs11js.CKO_PRIVATE_KEY, label);
    if (handle === undefined) throw new Pkcs11Failure(`no EC private key labelled "${label}" on token "${this.tokenLabel}"`);
    return this.cryptoOperation('C_Sign', () => {
      this.module.C_SignInit(this.session, { mechanism: pkcs11js.CKM_ECDSA }, handle);
      return Buffer.from(this.module.C_Sign(this.session, digest, Buffer.alloc(64)));
    });
  }

  private findObjects(objectClass: number, label: string): pkcs11js.Handle[] {
    return this.call('C_FindObjects', () => {
      this.module.C_FindObjectsInit(this.session, [
        { type: pkcs11js.CKA_CLASS, value: objectClass },
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_LABEL, value: label },
      ]);
      try {
        return this.module.C_FindObjects(this.session, 10);
      } finally {
        this.module.C_FindObjectsFinal(this.session);
      }
    });
  }

  /** Logs out, closes the session and releases the module. Safe to call twice. */
  public close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      const login = logins.get(this.loginKey);
      if (login && --login.sessions === 0) {
        logins.delete(this.loginKey);
        this.module.C_Logout(this.session);
      }
      this.module.C_CloseSession(this.session);
    } finally {
      releaseModule(this.options.modulePath);
    }
  }

  private findSecretKeys(extra: pkcs11js.Template): pkcs11js.Handle[] {
    return this.call('C_FindObjects', () => {
      this.module.C_FindObjectsInit(this.session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_TOKEN, value: true },
        ...extra,
      ]);
      try {
        return this.module.C_FindObjects(this.session, 1000);
      } finally {
        this.module.C_FindObjectsFinal(this.session);
      }
    });
  }

  private labelOf(handle: pkcs11js.Handle): string {
    return this.module.C_GetAttributeValue(this.session, handle, [{ type: pkcs11js.CKA_LABEL }])[0].value.toString('utf8');
  }

  /**
   * A cryptographic operation: after it fails, this session is replaced by a new one on
   * the same token, so the failure stays with its own request. PKCS#11 2.40 ends a failed
   * C_Encrypt or C_Decrypt, but SoftHSM leaves it active and answers CKR_OPERATION_ACTIVE
   * to every later one. The new session is opened before the old one closes: the login
   * belongs to the application, and closing its last session would log it out.
   */
  private cryptoOperation<T>(operation: string, body: () => T): T {
    try {
      return this.call(operation, body);
    } catch (e) {
      // A session the HSM lost is not renewed here: its login is gone too, and the owner opens the token again.
      if (e instanceof Pkcs11Failure && !isSessionLost(e)) this.renewSession();
      drainOpenSslErrors();
      throw e;
    }
  }

  /** Opens a new session on the token (logged in, as the application is) and closes the old one. */
  private renewSession(): void {
    if (this.closed) return;
    let fresh: pkcs11js.Handle;
    try {
      fresh = this.module.C_OpenSession(this.slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    } catch {
      // The token is gone: the session the caller holds fails again, and says so.
      return;
    }
    const old = this.session;
    this.session = fresh;
    this.renewals += 1;
    try {
      this.module.C_CloseSession(old);
    } catch {
      // Already closed by the HSM.
    }
  }

  /** Sessions replaced after a failed operation: for the audit trail and the tests. */
  public renewals = 0;

  private call<T>(operation: string, body: () => T): T {
    if (this.closed) throw new Pkcs11Failure(`token "${this.tokenLabel}": the session is closed`);
    try {
      return body();
    } catch (e) {
      if (e instanceof Pkcs11Failure) throw e;
      const ckr = ckrOf(e);
      throw new Pkcs11Failure(`token "${this.tokenLabel}": ${operation} failed (${ckr ?? (e as Error).message})`, ckr);
    }
  }
}

/** An AES-256 key inside the HSM, and the one mechanism it wraps data keys with. */
export class Pkcs11AesKey {
  /** @internal */
  constructor(
    private readonly token: Pkcs11Token,
    /** @internal */
    public readonly handle: pkcs11js.Handle,
    public readonly label: string,
    public readonly mechanism: WrapMechanism,
  ) {}

  public get tokenLabel(): string {
    return this.token.tokenLabel;
  }

  /** Wraps a data key inside the HSM: GCM output is IV, ciphertext and tag; key wrap output is RFC 5649's. */
  public wrap(dataKey: Buffer, aad: Buffer): Buffer {
    if (this.mechanism === 'CKM_AES_GCM') {
      const iv = randomBytes(GCM_IV_BYTES);
      return Buffer.concat([iv, this.token.gcm('encrypt', this.handle, iv, aad, dataKey)]);
    }
    return this.token.keyWrapPad(this.handle, dataKey);
  }

  /** AES-256-GCM of `plaintext` inside the HSM under a fresh random 96-bit IV, the tag returned apart (the XKS proxy's Encrypt). */
  public encrypt(plaintext: Buffer, aad: Buffer): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
    const iv = randomBytes(GCM_IV_BYTES);
    const sealed = this.token.gcm('encrypt', this.handle, iv, aad, plaintext);
    return { iv, ciphertext: sealed.subarray(0, sealed.length - GCM_TAG_BYTES), tag: sealed.subarray(sealed.length - GCM_TAG_BYTES) };
  }

  /** The inverse of encrypt; throws a Pkcs11Failure when the tag does not authenticate. */
  public decrypt(iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
    return this.token.gcm('decrypt', this.handle, iv, aad, Buffer.concat([ciphertext, tag]));
  }

  /** Unwraps with the mechanism the message recorded; throws when the wrapped key does not authenticate. */
  public unwrap(mechanism: WrapMechanism, wrapped: Buffer, aad: Buffer): Buffer {
    if (mechanism === 'CKM_AES_GCM') {
      if (wrapped.length <= GCM_IV_BYTES + GCM_TAG_BYTES) throw new Pkcs11Failure('wrapped data key too short for AES-GCM');
      return this.token.gcm('decrypt', this.handle, wrapped.subarray(0, GCM_IV_BYTES), aad, wrapped.subarray(GCM_IV_BYTES));
    }
    return this.token.keyUnwrapPad(this.handle, wrapped);
  }
}
