import { type Tier, encryptsOnClient } from '@suveren/core/contracts/tiers';
import { ALLOWED_KEY_PROVIDER_IDS, MAX_ENCRYPTED_DATA_KEYS, RECOVERY_KEY_NAMESPACE } from '@suveren/core/contracts/message-format';
import { INSPECTION_TAGS, OBJECT_PREFIX, QUARANTINE_PREFIX } from '@suveren/core/contracts/upload-layout';
import { type HeaderVerdict, inspectMessageHeader } from './ciphertext-header';

/*
 * The inspection Lambda's pure core: what to do with a newly created object, given
 * what S3 says about it (and, for tier client-side, its first bytes).
 */

export interface InspectionSettings {
  readonly tenantId: string;
  readonly tier: Tier;
  /** The tenant key's full ARN: the only key an accepted object may be encrypted under. */
  readonly keyArn: string;
  /** Tier client-side: the recovery key every accepted message is also wrapped for. @default none required */
  readonly recoveryKeyFingerprint?: string;
}

export interface StoredObject {
  readonly key: string;
  readonly size: number;
  readonly serverSideEncryption?: string;
  readonly kmsKeyId?: string;
  /** The size limit the upload slot wrote into the object's metadata, if any. */
  readonly maxLength?: number;
  readonly tags: Readonly<Record<string, string>>;
}

export type Decision =
  | { readonly action: 'skip'; readonly why: string }
  | { readonly action: 'accept' }
  | { readonly action: 'read-header' }
  | { readonly action: 'quarantine'; readonly reason: string };

export function decideOnObject(object: StoredObject, settings: InspectionSettings): Decision {
  const verdict = object.tags[INSPECTION_TAGS.verdict];
  // Duplicate events (S3 delivers at least once) find the verdict already written.
  if (verdict === 'accepted') return { action: 'skip', why: 'already accepted' };
  if (!object.key.startsWith(OBJECT_PREFIX)) return { action: 'quarantine', reason: `stored outside ${OBJECT_PREFIX}` };
  if (object.serverSideEncryption !== 'aws:kms')
    return { action: 'quarantine', reason: `encrypted with ${object.serverSideEncryption ?? 'nothing'} instead of aws:kms` };
  if (object.kmsKeyId !== settings.keyArn)
    return { action: 'quarantine', reason: `encrypted under key ${object.kmsKeyId ?? 'unknown'} instead of the tenant key` };
  // A multipart upload's open last part (tier client-side) is bounded only here.
  if (object.maxLength !== undefined && object.size > object.maxLength) {
    return { action: 'quarantine', reason: `${object.size} bytes, more than the ${object.maxLength} its upload slot allowed` };
  }
  if (encryptsOnClient(settings.tier)) return object.size === 0 ? { action: 'quarantine', reason: 'empty object' } : { action: 'read-header' };
  return { action: 'accept' };
}

export function decideOnHeader(object: StoredObject, firstBytes: Uint8Array, settings: InspectionSettings): Decision {
  const verdict: HeaderVerdict = inspectMessageHeader(firstBytes, {
    tenantId: settings.tenantId,
    objectKey: object.key,
    maxEncryptedDataKeys: MAX_ENCRYPTED_DATA_KEYS,
    allowedKeyProviderIds: ALLOWED_KEY_PROVIDER_IDS,
    requiredKey: settings.recoveryKeyFingerprint ? { providerId: RECOVERY_KEY_NAMESPACE, providerInfo: settings.recoveryKeyFingerprint } : undefined,
  });
  return verdict.ok ? { action: 'accept' } : { action: 'quarantine', reason: `not this tenant's ciphertext: ${verdict.reason}` };
}

/** Where a rejected version goes: its key and version, so two rejected versions never collide. */
export function quarantineKey(key: string, versionId: string | undefined): string {
  return `${QUARANTINE_PREFIX}${key}/${versionId ?? 'null'}`;
}

/** S3 tag values allow letters, digits, white space and _ . : / = + - @, up to 256 characters. */
export function tagValue(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 256);
}
