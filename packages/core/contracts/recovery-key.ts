import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/*
 * The offline recovery key of a client-side tenant: an RSA key pair whose public half
 * is in the landing-zone config and wraps every message's data key, and whose private
 * half stays offline (paper, a safe, a second HSM). One definition of what an
 * acceptable public half is and how it is named, used by the config loader, the CLI,
 * the inspection function and the evidence report.
 */

/** The smallest modulus accepted: NIST SP 800-57 gives RSA-3072 128-bit security, the level of the AES-256 data keys it protects for decades. */
export const MIN_RECOVERY_KEY_BITS = 3072;

/** The size `suveren keygen --recovery` creates. */
export const RECOVERY_KEY_BITS = 4096;

/** OAEP's hash for recovery wrapping (the Encryption SDK's raw RSA keyring, `oaepHash`). */
export const RECOVERY_OAEP_HASH = 'sha256';

export type RecoveryKeyCheck = { readonly ok: true; readonly fingerprint: string; readonly bits: number } | { readonly ok: false; readonly reason: string };

/**
 * The recovery key's name in every message and in the evidence report: SHA-256 of the
 * public key's DER SubjectPublicKeyInfo, as `sha256:` and 64 hex digits. The same
 * bytes that `openssl pkey -pubin -outform DER | sha256sum` hashes, so a DPO can check it
 * with standard tools.
 */
export function recoveryKeyFingerprint(publicKey: KeyObject): string {
  return `sha256:${createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')}`;
}

/** The fingerprint in messages: its first 16 hex digits and its last 4. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.length > 32 ? `${fingerprint.slice(0, 23)}…${fingerprint.slice(-4)}` : fingerprint;
}

/**
 * Checks that `pem` is the public half of an RSA key of at least 3072 bits. A private
 * key is refused outright, even though its public half could be derived: a private
 * recovery key in a config file (in git, in CI logs) is the loss the recovery key exists
 * to prevent.
 */
export function checkRecoveryPublicKey(pem: string): RecoveryKeyCheck {
  if (/-----BEGIN (?:RSA |ENCRYPTED |EC )?PRIVATE KEY-----/.test(pem)) {
    return {
      ok: false,
      reason:
        'this is a PRIVATE key: the config holds only the public half (recovery-public.pem from `suveren keygen --recovery`); remove it from the file and its history, and treat the key as exposed',
    };
  }
  if (!/-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(pem)) {
    return { ok: false, reason: 'expected a PEM public key ("-----BEGIN PUBLIC KEY-----"), such as recovery-public.pem from `suveren keygen --recovery`' };
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    return { ok: false, reason: `not a readable PEM public key (${(e as Error).message})` };
  }
  if (key.asymmetricKeyType !== 'rsa') {
    return {
      ok: false,
      reason: `is a ${key.asymmetricKeyType ?? 'unknown'} key; recovery wraps data keys with RSA-OAEP: use an RSA key (suveren keygen --recovery)`,
    };
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RECOVERY_KEY_BITS) {
    return {
      ok: false,
      reason: `is an RSA-${bits} key; recovery keys need at least ${MIN_RECOVERY_KEY_BITS} bits to protect data for decades: create an RSA-${RECOVERY_KEY_BITS} pair with \`suveren keygen --recovery\``,
    };
  }
  return { ok: true, fingerprint: recoveryKeyFingerprint(key), bits };
}
