import { type KeyringNode, RawAesKeyringNode, RawAesWrappingSuiteIdentifier, buildClient } from '@aws-crypto/client-node';
import type { Duplex } from 'node:stream';
import type { NamedKeyring } from './keyrings';
import {
  CLIENT_SIDE_COMMITMENT_POLICY,
  CLIENT_SIDE_SUITE,
  FRAME_LENGTH,
  KEY_NAMESPACE,
  MAX_ENCRYPTED_DATA_KEYS,
  CONTEXT_KEYS,
  type ObjectIdentity,
  encryptionContextFor,
} from './message-policy';

/*
 * Client-side encryption with the AWS Encryption SDK, as streams: memory stays flat
 * whatever the size of the file. Used by `suveren upload`/`download` on the customer's
 * premises; nothing here talks to AWS.
 */

const client = buildClient({ commitmentPolicy: CLIENT_SIDE_COMMITMENT_POLICY, maxEncryptedDataKeys: MAX_ENCRYPTED_DATA_KEYS });

/** A key file's AES-256 key as a keyring. */
export function tenantKeyring(keyName: string, key: Buffer): NamedKeyring {
  return {
    keyring: new RawAesKeyringNode({
      keyName,
      keyNamespace: KEY_NAMESPACE,
      unencryptedMasterKey: new Uint8Array(key),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    }),
    description: `key file "${keyName}"`,
  };
}

/** A stream that turns plaintext into one Encryption SDK message bound to `identity`. */
export function encryptingStream(keyring: KeyringNode, identity: ObjectIdentity): Duplex {
  return client.encryptStream(keyring, { suiteId: CLIENT_SIDE_SUITE, encryptionContext: encryptionContextFor(identity), frameLength: FRAME_LENGTH });
}

export class EncryptionContextMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionContextMismatch';
  }
}

/**
 * A stream that decrypts one message, refusing it (before any plaintext is released)
 * unless its encryption context names this tenant and this object. Frames are released only
 * after they authenticate, which the unsigned suite makes possible.
 */
export function decryptingStream(keyring: KeyringNode, identity: Pick<ObjectIdentity, 'tenantId' | 'objectKey'>): Duplex {
  const stream = client.decryptUnsignedMessageStream(keyring);
  // The binding that matters: this tenant, this object. The classification is informational.
  const expected = { [CONTEXT_KEYS.tenant]: identity.tenantId, [CONTEXT_KEYS.objectKey]: identity.objectKey };
  stream.once('MessageHeader', (header: { encryptionContext: Record<string, string> }) => {
    const mismatched = Object.entries(expected).filter(([key, value]) => header.encryptionContext[key] !== value);
    if (mismatched.length > 0) {
      stream.destroy(
        new EncryptionContextMismatch(
          `the message is bound to ${mismatched.map(([key]) => `${key}=${JSON.stringify(header.encryptionContext[key] ?? null)}`).join(', ')}, not ${mismatched.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', ')}: refusing to decrypt another tenant's or another object's data`,
        ),
      );
    }
  });
  return stream;
}
