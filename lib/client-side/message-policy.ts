import { AlgorithmSuiteIdentifier, CommitmentPolicy } from '@aws-crypto/client-node';

/*
 * The shape every client-side-encrypted object of a suveren tenant has, defined once:
 * the CLI that encrypts, the CLI that decrypts and the inspection Lambda that refuses
 * anything else all read it from here.
 */

/**
 * AES-256-GCM with HKDF-SHA512 key derivation and key commitment, without an ECDSA
 * signature: committing (a ciphertext decrypts under one data key only) and unsigned,
 * so it can be decrypted as a stream with nothing released before authentication.
 */
export const CLIENT_SIDE_SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

/** Encrypt and decrypt only with committing suites. */
export const CLIENT_SIDE_COMMITMENT_POLICY = CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT;

/**
 * At most two wrapped data keys: the tenant's AES wrapping key and, optionally, an RSA
 * escrow key. Bounding it stops a crafted message from making a decrypter try
 * thousands of keys (the SDK's "maxEncryptedDataKeys" defence).
 */
export const MAX_ENCRYPTED_DATA_KEYS = 2;

/** Frame size: 4 KiB frames run at a fraction of raw AES-GCM speed; 1 MiB frames near it. */
export const FRAME_LENGTH = 1024 * 1024;

/** Key provider ids (raw keyring namespaces) a tenant's message may name. */
export const KEY_NAMESPACE = 'suveren-tenant';
export const ESCROW_KEY_NAMESPACE = 'suveren-escrow';
export const ALLOWED_KEY_PROVIDER_IDS: readonly string[] = [KEY_NAMESPACE, ESCROW_KEY_NAMESPACE];

/** Encryption-context keys. The context is authenticated with every frame and readable in the header. */
export const CONTEXT_KEYS = { tenant: 'suveren:tenant', objectKey: 'suveren:object-key', classification: 'suveren:classification' } as const;

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
