import { randomBytes } from 'node:crypto';
import {
  EncryptedDataKey,
  KeyringNode,
  KeyringTraceFlag,
  type NodeDecryptionMaterial,
  type NodeEncryptionMaterial,
  unwrapDataKey,
} from '@aws-crypto/material-management-node';
import { serializeFactory } from '@aws-crypto/serialize';
import { PKCS11_KEY_NAMESPACE } from '@suveren/core/contracts/message-format';
import type { Pkcs11AesKey } from '../pkcs11/token';
import { type Pkcs11ProviderInfo, parsePkcs11ProviderInfo } from './pkcs11-provider-info';

/*
 * An Encryption SDK keyring whose wrapping key is an AES-256 key inside the customer's
 * HSM. Each message's data key is generated here, wrapped once by the HSM, and the HSM
 * is never called again for that message: frames are encrypted in Node with the data
 * key, as with every keyring.
 */

const { serializeEncryptionContext } = serializeFactory((input: string) => Buffer.from(input, 'utf8'), { utf8Sorting: false });

/** The encryption context as the raw keyrings bind it: serialized, without its length prefix. */
function contextAad(context: Readonly<Record<string, string>>): Buffer {
  const serialized = serializeEncryptionContext(context).slice(2);
  return Buffer.from(serialized.buffer, serialized.byteOffset, serialized.byteLength);
}

/** HSM round trips made by this keyring, for the bench and for the test that proves one call per message. */
export interface HsmCallStats {
  calls: number;
  milliseconds: number;
}

export class Pkcs11KeyringNode extends KeyringNode {
  public readonly stats: HsmCallStats = { calls: 0, milliseconds: 0 };

  constructor(public readonly key: Pkcs11AesKey) {
    super();
  }

  /** A person's name for the key, as messages and errors show it. */
  public get description(): string {
    return `HSM key "${this.key.label}" on token "${this.key.tokenLabel}"`;
  }

  // The Encryption SDK's keyring interface is async; the HSM and RSA calls here are synchronous.
  // eslint-disable-next-line @typescript-eslint/require-await
  public async _onEncrypt(material: NodeEncryptionMaterial): Promise<NodeEncryptionMaterial> {
    const trace = { keyNamespace: PKCS11_KEY_NAMESPACE, keyName: this.key.label };
    if (!material.hasUnencryptedDataKey) {
      material.setUnencryptedDataKey(randomBytes(material.suite.keyLengthBytes), { ...trace, flags: KeyringTraceFlag.WRAPPING_KEY_GENERATED_DATA_KEY });
    }
    const dataKey = Buffer.from(unwrapDataKey(material.getUnencryptedDataKey()));
    const wrapped = this.timed(() => this.key.wrap(dataKey, contextAad(material.encryptionContext)));
    const info: Pkcs11ProviderInfo = { label: this.key.label, mechanism: this.key.mechanism, token: this.key.tokenLabel };
    const edk = new EncryptedDataKey({ providerId: PKCS11_KEY_NAMESPACE, providerInfo: JSON.stringify(info), encryptedDataKey: new Uint8Array(wrapped) });
    const signed = this.key.mechanism === 'CKM_AES_GCM' ? KeyringTraceFlag.WRAPPING_KEY_SIGNED_ENC_CTX : 0;
    return material.addEncryptedDataKey(edk, KeyringTraceFlag.WRAPPING_KEY_ENCRYPTED_DATA_KEY | signed);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  public async _onDecrypt(material: NodeDecryptionMaterial, encryptedDataKeys: EncryptedDataKey[]): Promise<NodeDecryptionMaterial> {
    if (material.hasValidKey()) return material;
    for (const edk of encryptedDataKeys) {
      if (edk.providerId !== PKCS11_KEY_NAMESPACE) continue;
      const info = parsePkcs11ProviderInfo(edk.providerInfo);
      // Another key, or this label under another mechanism (a different key, or a downgrade to key wrap, which binds no context).
      if (info?.label !== this.key.label || info.mechanism !== this.key.mechanism) continue;
      // A failure (a wrapped key that does not authenticate, a session error) propagates:
      // DecryptionKeyrings tries the next key and names every failure if none fits.
      const dataKey = this.timed(() => this.key.unwrap(info.mechanism, Buffer.from(edk.encryptedDataKey), contextAad(material.encryptionContext)));
      const verified = info.mechanism === 'CKM_AES_GCM' ? KeyringTraceFlag.WRAPPING_KEY_VERIFIED_ENC_CTX : 0;
      return material.setUnencryptedDataKey(new Uint8Array(dataKey), {
        keyNamespace: PKCS11_KEY_NAMESPACE,
        keyName: this.key.label,
        flags: KeyringTraceFlag.WRAPPING_KEY_DECRYPTED_DATA_KEY | verified,
      });
    }
    return material;
  }

  private timed<T>(body: () => T): T {
    const start = process.hrtime.bigint();
    try {
      return body();
    } finally {
      this.stats.calls += 1;
      this.stats.milliseconds += Number(process.hrtime.bigint() - start) / 1e6;
    }
  }
}
