import { NodeAlgorithmSuite } from '@aws-crypto/material-management-node';
import { deserializeFactory } from '@aws-crypto/serialize';
import { CLIENT_SIDE_SUITE_ID, CONTEXT_KEYS } from '@suveren/core/contracts/message-format';

/*
 * The inspection Lambda's check of a client-side tier object, on the first bytes of
 * the object only (a ranged GET): is it an AWS Encryption SDK message of the shape
 * this tenant's tool writes? Parsed with the SDK's own deserializer; nothing is
 * decrypted and no key is needed.
 */

const { deserializeMessageHeader } = deserializeFactory((bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'), NodeAlgorithmSuite);

/** Bytes to fetch: enough for a header with two data keys and a generous encryption context. */
export const HEADER_PROBE_BYTES = 16 * 1024;

export interface ExpectedMessage {
  readonly tenantId: string;
  readonly objectKey: string;
  readonly maxEncryptedDataKeys: number;
  readonly allowedKeyProviderIds: readonly string[];
  /** A wrapped data key the message must carry (the tenant's recovery key), by provider id and provider info. */
  readonly requiredKey?: { readonly providerId: string; readonly providerInfo: string };
}

export type HeaderVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function inspectMessageHeader(firstBytes: Uint8Array, expected: ExpectedMessage): HeaderVerdict {
  const reject = (reason: string): HeaderVerdict => ({ ok: false, reason });
  if (firstBytes.length === 0) return reject('empty object');
  // Version 2 (0x02) is the committing message format; 0x01 cannot carry a committing suite.
  if (firstBytes[0] !== 0x02) return reject(`not an Encryption SDK message of format version 2 (first byte 0x${firstBytes[0].toString(16).padStart(2, '0')})`);
  let header: ReturnType<typeof deserializeMessageHeader>;
  try {
    header = deserializeMessageHeader(firstBytes, { maxEncryptedDataKeys: expected.maxEncryptedDataKeys });
  } catch (e) {
    return reject(`malformed Encryption SDK header: ${(e as Error).message}`);
  }
  if (header === false) return reject(`header incomplete in the first ${firstBytes.length} bytes (truncated object, or an oversized header)`);
  const { messageHeader } = header;
  if (Number(messageHeader.suiteId) !== CLIENT_SIDE_SUITE_ID)
    return reject(`algorithm suite 0x${messageHeader.suiteId.toString(16)} is not the committing, unsigned suite 0x${CLIENT_SIDE_SUITE_ID.toString(16)}`);
  const context = messageHeader.encryptionContext;
  if (context[CONTEXT_KEYS.tenant] !== expected.tenantId)
    return reject(`encryption context names tenant ${JSON.stringify(context[CONTEXT_KEYS.tenant] ?? null)}, not ${JSON.stringify(expected.tenantId)}`);
  if (context[CONTEXT_KEYS.objectKey] !== expected.objectKey)
    return reject(`encryption context names object ${JSON.stringify(context[CONTEXT_KEYS.objectKey] ?? null)}, not ${JSON.stringify(expected.objectKey)}`);
  const providers = messageHeader.encryptedDataKeys.map((edk) => edk.providerId);
  const foreign = providers.filter((id) => !expected.allowedKeyProviderIds.includes(id));
  if (foreign.length > 0)
    return reject(
      `data key wrapped by key provider ${foreign.map((id) => JSON.stringify(id)).join(', ')}, not one of ${expected.allowedKeyProviderIds.join(', ')}`,
    );
  const required = expected.requiredKey;
  if (required && !messageHeader.encryptedDataKeys.some((edk) => edk.providerId === required.providerId && edk.providerInfo === required.providerInfo))
    return reject(`data key not wrapped for the tenant's recovery key ${required.providerInfo}: losing the primary key would lose this object`);
  return { ok: true };
}
