/*
 * The shape of a suveren client-side-encrypted object, as plain constants with no
 * dependencies, so the inspection Lambda's bundle stays small. message-policy.ts adds
 * the Encryption SDK objects built from them; a test pins these to the SDK's enums.
 */

/** ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY: committing and unsigned (0x0478). */
export const CLIENT_SIDE_SUITE_ID = 0x0478;

/** At most two wrapped data keys: the tenant's primary key (a key file or an HSM key) and, optionally, the offline RSA recovery key. */
export const MAX_ENCRYPTED_DATA_KEYS = 2;

/** Frame size: 4 KiB frames run at a fraction of raw AES-GCM speed; 1 MiB frames near it. */
export const FRAME_LENGTH = 1024 * 1024;

/** Key provider ids a tenant's message may name: a key file's AES key, a PKCS#11 HSM key, the offline recovery key. */
export const KEY_NAMESPACE = 'suveren-tenant';
export const PKCS11_KEY_NAMESPACE = 'suveren-pkcs11';
export const RECOVERY_KEY_NAMESPACE = 'suveren-recovery';
export const ALLOWED_KEY_PROVIDER_IDS: readonly string[] = [KEY_NAMESPACE, PKCS11_KEY_NAMESPACE, RECOVERY_KEY_NAMESPACE];

/** Encryption-context keys. The context is authenticated with every frame and readable in the header. */
export const CONTEXT_KEYS = { tenant: 'suveren:tenant', objectKey: 'suveren:object-key', classification: 'suveren:classification' } as const;

/**
 * Upper bound of the ciphertext size for `plaintextBytes` of plaintext: header (at
 * most 8 KiB with two wrapped keys and the context), each frame's sequence number, IV
 * and tag, and the final frame's length field.
 */
export function ciphertextLengthBound(plaintextBytes: number): number {
  const frames = Math.floor(plaintextBytes / FRAME_LENGTH) + 1;
  return plaintextBytes + MAX_HEADER_BYTES + frames * (4 + 12 + 16) + 4;
}

/** The header budget inside `ciphertextLengthBound`. */
const MAX_HEADER_BYTES = 8 * 1024;

/**
 * How much smaller than `ciphertextLengthBound` a real message can be: the whole header
 * budget plus the final-frame field. The frame overhead itself is exact.
 */
export const CIPHERTEXT_BOUND_SLACK_BYTES = MAX_HEADER_BYTES + 4;

export interface ObjectIdentity {
  readonly tenantId: string;
  readonly objectKey: string;
  readonly classification: string;
}

/** The encryption context that binds a ciphertext to one tenant and one object key. */
export function encryptionContextFor(identity: ObjectIdentity): Record<string, string> {
  return {
    [CONTEXT_KEYS.tenant]: identity.tenantId,
    [CONTEXT_KEYS.objectKey]: identity.objectKey,
    [CONTEXT_KEYS.classification]: identity.classification,
  };
}
