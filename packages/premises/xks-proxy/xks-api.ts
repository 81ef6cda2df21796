import { createHash } from 'node:crypto';
import { type RequestMetadata, decide } from './access-policy';
import type { RequestAuditRecord } from './audit-log';
import type { SealState } from './kill-switch';
import type { ProxyConfig } from './proxy-config';
import { type SignedRequest, verifySigV4 } from './sigv4-verify';

/*
 * The XKS Proxy API (aws/aws-kms-xksproxy-api-spec, v1): routing, SigV4, request
 * validation, the per-key policy, the kill switch, and AES-256-GCM through the key
 * store, with the spec's response shapes and error codes. Every decision is returned
 * with an audit record; the HTTP server and the HSM are behind the two interfaces below.
 */

/** An external key, as the HSM holds it. */
export interface ExternalKey {
  /** What the HSM lets the key do (CKA_ENCRYPT, CKA_DECRYPT); a key made for key wrap does neither. */
  readonly usage: { readonly encrypt: boolean; readonly decrypt: boolean; readonly madeForKeyWrap: boolean };
  encrypt(plaintext: Buffer, aad: Buffer): { iv: Buffer; ciphertext: Buffer; tag: Buffer };
  /** Throws KeyStoreError('ciphertext') when the tag does not authenticate. */
  decrypt(iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer;
}

export class KeyStoreError extends Error {
  constructor(
    message: string,
    /** ciphertext: did not authenticate; usage: the key may not do this; unavailable: the HSM failed. */
    public readonly kind: 'ciphertext' | 'usage' | 'unavailable',
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export interface KeyStore {
  /** The key labelled `externalKeyId`, or undefined when the HSM has none. */
  find(externalKeyId: string): ExternalKey | undefined;
  /** A deep check: an encrypt and decrypt with the health-check key. */
  health(): { ekmVendor: string; fleet: { id: string; model: string; healthStatus: 'ACTIVE' | 'DEGRADED' | 'UNAVAILABLE' }[] };
}

export interface ProxyContext {
  readonly config: ProxyConfig;
  /** Accepted SigV4 secrets by access key id: one, or two during rotation. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly keys: KeyStore;
  readonly sealState: () => SealState;
  readonly now: () => Date;
  /** Version string for GetHealthStatus. */
  readonly version: string;
}

export interface XksResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly audit: Omit<RequestAuditRecord, 'time' | 'durationMs' | 'remoteAddress'>;
}

/** The spec's error names and their HTTP status. */
const ERRORS = {
  ValidationException: 400,
  InvalidStateException: 400,
  InvalidCiphertextException: 400,
  InvalidKeyUsageException: 400,
  AuthenticationFailedException: 401,
  AccessDeniedException: 403,
  KeyNotFoundException: 404,
  InvalidUriPathException: 404,
  MethodNotAllowed: 405,
  ThrottlingException: 429,
  InternalException: 500,
  UnsupportedOperationException: 501,
  DependencyTimeoutException: 503,
} as const;
export type XksErrorName = Exclude<keyof typeof ERRORS, 'MethodNotAllowed'>;

/** The spec's minimums: plaintext and ciphertext of at least 4300 bytes, AAD of at least 8192. Anything larger is refused as unsupported. */
export const MAX_DATA_BYTES = 4300;
export const MAX_AAD_BYTES = 8192;
/** The spec bounds ciphertextMetadata at 20 bytes. */
const MAX_METADATA_BYTES = 20;
/** How much of an IV or tag is read before its length is refused. */
const MAX_IV_OR_TAG_BYTES = 64;

type Operation = RequestAuditRecord['xksOperation'];

class Refusal extends Error {
  constructor(
    public readonly errorName: XksErrorName | 'MethodNotAllowed',
    message: string,
  ) {
    super(message);
  }
}

/** The spec allows printable ASCII under 512 characters in errorMessage. */
function errorMessage(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 511);
}

/**
 * A Base64 field of at most `maxBytes`; longer is `tooLong` (UnsupportedOperationException
 * for data beyond what this proxy accepts, ValidationException for a field the spec bounds).
 */
function base64Field(
  body: Record<string, unknown>,
  field: string,
  required: boolean,
  maxBytes: number,
  tooLong: XksErrorName = 'UnsupportedOperationException',
): Buffer | undefined {
  const value = body[field];
  if (value === undefined) {
    if (required) throw new Refusal('ValidationException', `${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) {
    throw new Refusal('ValidationException', `${field} must be standard Base64`);
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length > maxBytes)
    throw new Refusal(
      tooLong,
      `${field} is ${bytes.length} bytes; ${tooLong === 'UnsupportedOperationException' ? 'this proxy accepts' : 'the spec allows'} at most ${maxBytes}`,
    );
  return bytes;
}

/** A required data field: KMS never sends an empty plaintext or ciphertext, and an HSM may fail on one. */
function dataField(body: Record<string, unknown>, field: 'plaintext' | 'ciphertext'): Buffer {
  const bytes = base64Field(body, field, true, MAX_DATA_BYTES)!;
  if (bytes.length === 0) throw new Refusal('ValidationException', `${field} must not be empty`);
  return bytes;
}

/** The spec's requests are JSON: Content-Type must be application/json (parameters such as charset allowed). */
function isJsonContentType(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  return (value ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

/** The AAD given to AES-GCM, as the spec recommends: both lengths bound in, so AAD and ciphertextMetadata cannot trade places. */
function gcmAad(aad: Buffer | undefined, metadata: Buffer | undefined): Buffer {
  const a = aad ?? Buffer.alloc(0);
  const m = metadata ?? Buffer.alloc(0);
  const aLength = Buffer.alloc(2);
  aLength.writeUInt16BE(a.length);
  return Buffer.concat([aLength, a, Buffer.from([m.length]), m]);
}

/** Appendix C: SHA-256 over AAD, ciphertextMetadata, IV, ciphertext and tag, no lengths. */
export function ciphertextDataIntegrityValue(parts: { aad?: Buffer; metadata?: Buffer; iv: Buffer; ciphertext: Buffer; tag: Buffer }): string {
  return createHash('sha256')
    .update(parts.aad ?? Buffer.alloc(0))
    .update(parts.metadata ?? Buffer.alloc(0))
    .update(parts.iv)
    .update(parts.ciphertext)
    .update(parts.tag)
    .digest('base64');
}

/** The key stores a proxy serves: its own and its replica stores, each a path and the region KMS signs for. */
function storesOf(config: ProxyConfig): readonly { readonly uriPath: string; readonly region: string }[] {
  return [{ uriPath: config.uriPath, region: config.region }, ...config.replicaStores];
}

function route(config: ProxyConfig, pathname: string): { operation: Operation; externalKeyId?: string; region: string } | undefined {
  // At most one matches: the config refuses a store path under another's (proxy-config.ts).
  const store = storesOf(config).find((s) => pathname.startsWith(`${s.uriPath}/`));
  if (!store) return undefined;
  const rest = pathname.slice(store.uriPath.length);
  if (rest === '/health') return { operation: 'GetHealthStatus', region: store.region };
  const m = /^\/keys\/([A-Za-z0-9._-]{1,128})\/(metadata|encrypt|decrypt)$/.exec(rest);
  if (!m) return undefined;
  return { operation: m[2] === 'metadata' ? 'GetKeyMetadata' : m[2] === 'encrypt' ? 'Encrypt' : 'Decrypt', externalKeyId: m[1], region: store.region };
}

export function handleXksRequest(request: SignedRequest, context: ProxyContext): XksResponse {
  const pathname = request.url.split('?')[0];
  const routed = route(context.config, pathname);
  const operation: Operation = routed?.operation ?? 'unknown';
  let metadata: RequestMetadata = {};
  let accessKeyId: string | undefined;
  const audit = (status: number, decision: 'served' | 'refused', extra: { errorName?: string; reason?: string }) => ({
    type: 'request' as const,
    xksOperation: operation,
    status,
    decision,
    ...extra,
    externalKeyId: routed?.externalKeyId,
    kmsRequestId: metadata.kmsRequestId,
    kmsOperation: metadata.kmsOperation,
    kmsKeyArn: metadata.kmsKeyArn,
    awsPrincipalArn: metadata.awsPrincipalArn,
    kmsViaService: metadata.kmsViaService,
    awsSourceVpce: metadata.awsSourceVpce,
    accessKeyId,
  });
  try {
    if (!routed)
      throw new Refusal(
        'InvalidUriPathException',
        `no XKS operation at ${pathname.slice(0, 200)}; this proxy serves ${storesOf(context.config)
          .map((s) => `${s.uriPath}/health and ${s.uriPath}/keys/<id>/{metadata,encrypt,decrypt}`)
          .join('; ')}`,
      );
    if (request.method !== 'POST') throw new Refusal('MethodNotAllowed', `${request.method} is not allowed: XKS operations are POST`);
    // Each store is signed for by KMS in its own region.
    const verified = verifySigV4(request, context.secrets, routed.region, context.now(), context.config.server.hostNames);
    if (!verified.ok) throw new Refusal('AuthenticationFailedException', verified.reason);
    accessKeyId = verified.accessKeyId;
    // After SigV4, so that an unauthenticated caller learns nothing from the answer.
    if (!isJsonContentType(request.headers['content-type']))
      throw new Refusal(
        'ValidationException',
        `Content-Type must be application/json, not ${String(request.headers['content-type'] ?? '(none)').slice(0, 100)}`,
      );
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(request.body.toString('utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      throw new Refusal('ValidationException', 'the body must be a JSON object');
    }
    const rawMetadata = body.requestMetadata;
    if (rawMetadata === null || typeof rawMetadata !== 'object' || Array.isArray(rawMetadata))
      throw new Refusal('ValidationException', 'requestMetadata is required');
    // Lenient on unknown fields (KMS may add some), strict on the types of the known ones.
    metadata = Object.fromEntries(Object.entries(rawMetadata as Record<string, unknown>).filter(([, v]) => typeof v === 'string'));
    if (!metadata.kmsRequestId || !metadata.kmsOperation)
      throw new Refusal('ValidationException', 'requestMetadata.kmsRequestId and kmsOperation are required');
    const seal = context.sealState();

    if (operation === 'GetHealthStatus') {
      // Never behind the per-key policy (the spec); a sealed proxy reports UNAVAILABLE.
      const health = context.keys.health();
      const fleet = seal.sealed ? health.fleet.map((hsm) => ({ ...hsm, healthStatus: 'UNAVAILABLE' as const })) : health.fleet;
      return {
        status: 200,
        body: {
          xksProxyFleetSize: context.config.fleetSize,
          xksProxyVendor: 'suveren',
          xksProxyModel: `suveren xks-proxy ${context.version}`,
          ekmVendor: health.ekmVendor,
          ekmFleetDetails: fleet,
        },
        audit: audit(200, 'served', { reason: seal.sealed ? `sealed${seal.reason ? `: ${seal.reason}` : ''}` : undefined }),
      };
    }

    if (!metadata.awsPrincipalArn) throw new Refusal('ValidationException', 'requestMetadata.awsPrincipalArn is required');
    const externalKeyId = routed.externalKeyId!;
    const keyConfig = context.config.keys.find((k) => k.externalKeyId === externalKeyId);
    if (!keyConfig) throw new Refusal('KeyNotFoundException', `this proxy does not serve key ${externalKeyId}`);
    const decision = decide(keyConfig, operation as 'GetKeyMetadata' | 'Encrypt' | 'Decrypt', metadata, routed.region);
    if (!decision.allowed) throw new Refusal('AccessDeniedException', decision.reason);
    const key = context.keys.find(externalKeyId);
    if (!key) throw new Refusal('KeyNotFoundException', `the HSM holds no key labelled ${externalKeyId}`);

    if (operation === 'GetKeyMetadata') {
      return {
        status: 200,
        body: {
          keySpec: 'AES_256',
          keyUsage: [...(key.usage.encrypt ? ['ENCRYPT'] : []), ...(key.usage.decrypt ? ['DECRYPT'] : [])],
          keyStatus: seal.sealed ? 'DISABLED' : 'ENABLED',
        },
        audit: audit(200, 'served', { reason: decision.rule }),
      };
    }
    if (seal.sealed)
      throw new Refusal(
        'InvalidStateException',
        `the proxy is sealed (kill switch)${seal.since ? ` since ${seal.since}` : ''}${seal.reason ? `: ${seal.reason}` : ''}`,
      );
    if (body.encryptionAlgorithm !== 'AES_GCM') throw new Refusal('ValidationException', 'encryptionAlgorithm must be AES_GCM');
    const aad = base64Field(body, 'additionalAuthenticatedData', false, MAX_AAD_BYTES);

    const refuseUsage = (what: string) =>
      new Refusal(
        'InvalidKeyUsageException',
        key.usage.madeForKeyWrap
          ? `key ${externalKeyId} cannot do AES-GCM encryption (it was made for key wrap)`
          : `key ${externalKeyId} may not ${what} (the HSM key's CKA_${what.toUpperCase()} is false)`,
      );
    if (operation === 'Encrypt') {
      if (!key.usage.encrypt) throw refuseUsage('encrypt');
      const plaintext = dataField(body, 'plaintext');
      const cdiv = body.ciphertextDataIntegrityValueAlgorithm;
      if (cdiv !== undefined && cdiv !== 'SHA_256') throw new Refusal('ValidationException', 'ciphertextDataIntegrityValueAlgorithm must be SHA_256');
      // The integrity value is only vouched for once the output is proven to decrypt, which an encrypt-only key cannot do.
      if (cdiv !== undefined && !key.usage.decrypt)
        throw new Refusal(
          'InvalidKeyUsageException',
          `key ${externalKeyId} may not decrypt, so the ciphertext integrity value cannot be checked: request Encrypt without one`,
        );
      const sealed = key.encrypt(plaintext, gcmAad(aad, undefined));
      // The integrity value is computed at once, then the output is proven to decrypt (Appendix C's order),
      // wherever the key may decrypt; an encrypt-only key's output is served unchecked.
      const integrity = cdiv === undefined ? undefined : ciphertextDataIntegrityValue({ aad, ...sealed });
      if (key.usage.decrypt && !key.decrypt(sealed.iv, sealed.ciphertext, sealed.tag, gcmAad(aad, undefined)).equals(plaintext))
        throw new Refusal('InternalException', 'the HSM output did not decrypt to the input');
      return {
        status: 200,
        body: {
          ciphertext: sealed.ciphertext.toString('base64'),
          initializationVector: sealed.iv.toString('base64'),
          authenticationTag: sealed.tag.toString('base64'),
          ...(integrity ? { ciphertextDataIntegrityValue: integrity } : {}),
        },
        audit: audit(200, 'served', { reason: decision.rule }),
      };
    }

    if (!key.usage.decrypt) throw refuseUsage('decrypt');
    const ciphertext = dataField(body, 'ciphertext');
    const ciphertextMetadata = base64Field(body, 'ciphertextMetadata', false, MAX_METADATA_BYTES, 'ValidationException');
    // An IV or tag this proxy never produced cannot authenticate: the spec's InvalidCiphertextException.
    const iv = base64Field(body, 'initializationVector', true, MAX_IV_OR_TAG_BYTES, 'InvalidCiphertextException')!;
    const tag = base64Field(body, 'authenticationTag', true, MAX_IV_OR_TAG_BYTES, 'InvalidCiphertextException')!;
    if (iv.length !== 12 && iv.length !== 16)
      throw new Refusal('InvalidCiphertextException', `initializationVector is ${iv.length} bytes; it must be 12 or 16`);
    if (tag.length !== 16) throw new Refusal('InvalidCiphertextException', `authenticationTag is ${tag.length} bytes; it must be 16`);
    const plaintext = key.decrypt(iv, ciphertext, tag, gcmAad(aad, ciphertextMetadata));
    return { status: 200, body: { plaintext: plaintext.toString('base64') }, audit: audit(200, 'served', { reason: decision.rule }) };
  } catch (e) {
    const refusal =
      e instanceof Refusal
        ? e
        : e instanceof KeyStoreError
          ? new Refusal(
              e.kind === 'ciphertext' ? 'InvalidCiphertextException' : e.kind === 'usage' ? 'InvalidKeyUsageException' : 'InternalException',
              e.kind === 'ciphertext' ? 'the ciphertext, IV, tag, AAD or ciphertextMetadata does not authenticate' : e.message,
            )
          : new Refusal('InternalException', (e as Error).message);
    const status = ERRORS[refusal.errorName];
    const errorName = refusal.errorName === 'MethodNotAllowed' ? 'ValidationException' : refusal.errorName;
    // An unauthenticated caller learns nothing of the configuration (which key ids, which region); the audit log has the reason.
    const told = errorName === 'AuthenticationFailedException' ? 'the request signature could not be verified' : refusal.message;
    return { status, body: { errorName, errorMessage: errorMessage(told) }, audit: audit(status, 'refused', { errorName, reason: refusal.message }) };
  }
}
