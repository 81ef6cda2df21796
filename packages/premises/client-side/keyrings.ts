import { constants, type KeyObject } from 'node:crypto';
import {
  type EncryptedDataKey,
  KeyringNode,
  MultiKeyringNode,
  type NodeDecryptionMaterial,
  type NodeEncryptionMaterial,
  RawRsaKeyringNode,
} from '@aws-crypto/client-node';
import { KEY_NAMESPACE, PKCS11_KEY_NAMESPACE, RECOVERY_KEY_NAMESPACE } from '@suveren/core/contracts/message-format';
import { RECOVERY_OAEP_HASH, shortFingerprint } from '@suveren/core/contracts/recovery-key';
import { parsePkcs11ProviderInfo } from './pkcs11-provider-info';

/*
 * Which keys a message is encrypted for, and which keys may decrypt it. Encryption: the
 * tenant's primary key (a key file or an HSM key) generates the data key, and the
 * offline recovery key wraps it too. Decryption: every key the user supplied is tried,
 * and when none fits the error names the keys the message needs.
 */

/** A keyring with the name a person knows it by. */
export interface NamedKeyring {
  readonly keyring: KeyringNode;
  readonly description: string;
}

/** The recovery key's public half as a wrapping-only keyring: RSA-OAEP with SHA-256, named by its fingerprint. */
export function recoveryWrappingKeyring(publicKeyPem: string, fingerprint: string): NamedKeyring {
  return {
    keyring: new RawRsaKeyringNode({
      keyNamespace: RECOVERY_KEY_NAMESPACE,
      keyName: fingerprint,
      rsaKey: { publicKey: publicKeyPem },
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: RECOVERY_OAEP_HASH,
    }),
    description: `recovery key ${shortFingerprint(fingerprint)}`,
  };
}

/** The offline private half, for `suveren download --recovery-key`. */
export function recoveryUnwrappingKeyring(privateKey: KeyObject, fingerprint: string): NamedKeyring {
  return {
    keyring: new RawRsaKeyringNode({
      keyNamespace: RECOVERY_KEY_NAMESPACE,
      keyName: fingerprint,
      // The SDK's type predates KeyObject support in its own calls (crypto.privateDecrypt takes one).
      rsaKey: { privateKey: privateKey as unknown as string },
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: RECOVERY_OAEP_HASH,
    }),
    description: `recovery key ${shortFingerprint(fingerprint)}`,
  };
}

/** The keyring a message is encrypted with: the primary generates and wraps, the recovery key wraps too. */
export function encryptingKeyring(primary: NamedKeyring, recovery?: NamedKeyring): KeyringNode {
  return recovery ? new MultiKeyringNode({ generator: primary.keyring, children: [recovery.keyring] }) : primary.keyring;
}

/** Provider info comes from the object, so from whoever wrote it: no control characters reach the terminal. */
const printable = (text: string) => text.replace(/[^\x20-\x7e\xa0-\uffff]/g, '?').slice(0, 200);

/** The key a wrapped data key names, said for a person. */
export function describeWrappedKey(edk: EncryptedDataKey): string {
  return printable(describeUnsafe(edk));
}

function describeUnsafe(edk: EncryptedDataKey): string {
  switch (edk.providerId) {
    case PKCS11_KEY_NAMESPACE: {
      const info = parsePkcs11ProviderInfo(edk.providerInfo);
      return info ? `HSM key "${info.label}" (it was on token "${info.token}"; ${info.mechanism})` : 'an HSM key with unreadable provider info';
    }
    case RECOVERY_KEY_NAMESPACE:
      return `recovery key ${edk.providerInfo}`;
    case KEY_NAMESPACE: {
      // The raw AES keyring appends the tag length, IV length and IV (4 + 4 + 12 bytes) to the key name.
      const raw = Buffer.from(edk.rawInfo ?? Buffer.from(edk.providerInfo, 'utf8'));
      return `key file "${raw.subarray(0, Math.max(0, raw.length - 20)).toString('utf8')}"`;
    }
    default:
      return `a key of provider "${edk.providerId}"`;
  }
}

export class NoKeyFits extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoKeyFits';
  }
}

/** Tries each supplied keyring in turn; when none decrypts, names what the message needs and what was tried. */
export class DecryptionKeyrings extends KeyringNode {
  constructor(private readonly candidates: readonly NamedKeyring[]) {
    super();
    if (candidates.length === 0)
      throw new NoKeyFits('no key to decrypt with: pass --key <file>, --key-label with --pkcs11-module and --token, or --recovery-key');
  }

  // The Encryption SDK's keyring interface is async; the HSM and RSA calls here are synchronous.
  // eslint-disable-next-line @typescript-eslint/require-await
  public async _onEncrypt(_material: NodeEncryptionMaterial): Promise<NodeEncryptionMaterial> {
    throw new Error('DecryptionKeyrings only decrypts');
  }

  public async _onDecrypt(material: NodeDecryptionMaterial, encryptedDataKeys: EncryptedDataKey[]): Promise<NodeDecryptionMaterial> {
    // Every key is tried, whatever an earlier one threw: a failing HSM must not keep the recovery key from being tried.
    const failures: string[] = [];
    for (const candidate of this.candidates) {
      try {
        await candidate.keyring.onDecrypt(material, encryptedDataKeys);
      } catch (e) {
        failures.push(`${candidate.description}: ${(e as Error).message}`);
        continue;
      }
      if (material.hasValidKey()) return material;
    }
    const needed = encryptedDataKeys.map(describeWrappedKey);
    const namesake = this.candidates.some((c) => needed.some((n) => n.startsWith(c.description)));
    throw new NoKeyFits(
      `none of the keys supplied (${this.candidates.map((c) => c.description).join('; ')}) opens this object: it was encrypted for ${needed.join(' and ')}.${namesake ? ' A supplied key with the same name is a different key (another file or token under that name).' : ''} Supply that key (an earlier key generation still decrypts), or the recovery key${failures.length > 0 ? `. Failures: ${failures.join('; ')}` : ''}`,
    );
  }
}
