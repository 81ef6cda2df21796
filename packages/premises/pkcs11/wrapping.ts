/*
 * What the rest of suveren knows about PKCS#11 without loading the native binding:
 * the wrap mechanisms and the failure type. Key-file users never load pkcs11js.
 */

/**
 * How a data key is wrapped, recorded in each wrapped key so that decryption never
 * guesses. AES-GCM (C_Encrypt, 96-bit random IV, 128-bit tag) binds the encryption
 * context as AAD; AES key wrap with padding (RFC 5649, C_WrapKey) is for modules that
 * offer no GCM, and binds nothing but the key.
 */
export const WRAP_MECHANISMS = ['CKM_AES_GCM', 'CKM_AES_KEY_WRAP_PAD'] as const;
export type WrapMechanism = (typeof WRAP_MECHANISMS)[number];

/** A PKCS#11 failure, said for the person at the keyboard: which module, token or key, and what to do. */
export class Pkcs11Failure extends Error {
  constructor(
    message: string,
    /** The Cryptoki return value (CKR_…), when the module gave one. */
    public readonly ckr?: string,
  ) {
    super(message);
    this.name = 'Pkcs11Failure';
  }
}
