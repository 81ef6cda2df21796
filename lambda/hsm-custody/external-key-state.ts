import type { ExternalKeyProperties } from '@suveren/core/contracts/custom-resources';
import { type BackedKeyCreateAction, type BackedKeyUpdateAction, type ObservedKey, decideStoreKeyCreate } from './backed-key-state';
import type { ObservedKeyStore } from './key-store-state';

/*
 * Custom::SuverenExternalKey: a tenant's KMS key over one AES-256 key in the customer's
 * HSM, reached through the external key store. Create adopts the key its alias already
 * names when that key is over the same external key (a retried create), or creates a
 * single-Region symmetric key with origin EXTERNAL_KEY_STORE and the HSM key's label as
 * XksKeyId. KMS asks the proxy for the key's metadata at creation, so a missing, disabled
 * or wrongly specified HSM key fails here, with the fix. Delete keeps the key.
 */

export type ExternalKeyCreateAction = BackedKeyCreateAction;

export function decideExternalKeyCreate(
  alias: string,
  aliasTarget: ObservedKey | undefined,
  store: ObservedKeyStore | undefined,
  storeName: string,
  xksKeyId: string,
): ExternalKeyCreateAction {
  return decideStoreKeyCreate(alias, aliasTarget, store, storeName, {
    origin: 'EXTERNAL_KEY_STORE',
    storeKind: 'external key store',
    storeType: 'EXTERNAL_KEY_STORE',
    noStore: `there is no external key store named ${storeName}: set credentialAccessKeyId on the store in the config and deploy its key-custody stack first (docs/xks-runbook.md, step 6)`,
    connectFix: 'unseal the proxy if it is sealed, and redeploy the key-custody stack to connect the store',
    refuseTarget: (target) =>
      target.xksKeyId === xksKeyId
        ? undefined
        : `${alias} names key ${target.arn} over external key ${target.xksKeyId ?? '(unknown)'}, not ${xksKeyId}: a KMS key never changes its external key; set xksKeyId back to ${target.xksKeyId ?? 'the key it has'} (docs/xks-runbook.md, replacing a tenant's key)`,
  });
}

/** What decides an external key's updates: the declared properties but its tags and provisioner. */
export type ExternalKeyUpdateProperties = Pick<ExternalKeyProperties, 'KeyStoreName' | 'XksKeyId' | 'AliasName' | 'Description' | 'KeyPolicy'>;

/** A KMS key cannot move between stores or external keys: either is refused with the way to do it. */
export function decideExternalKeyUpdate(before: ExternalKeyUpdateProperties, after: ExternalKeyUpdateProperties): BackedKeyUpdateAction {
  if (before.KeyStoreName !== after.KeyStoreName) {
    return {
      action: 'refuse',
      reason: `the key is in external key store ${before.KeyStoreName} and cannot move to ${after.KeyStoreName}: keep the tenant's store (docs/xks-runbook.md, replacing a tenant's key)`,
    };
  }
  if (before.XksKeyId !== after.XksKeyId) {
    return {
      action: 'refuse',
      reason: `the key is over external key ${before.XksKeyId} and KMS never changes a key's external key: set xksKeyId back to ${before.XksKeyId}; to rotate, rotate the key material in the HSM behind the same label (docs/xks-runbook.md, rotating a tenant's key)`,
    };
  }
  return {
    action: 'update',
    policy: before.KeyPolicy !== after.KeyPolicy,
    description: before.Description !== after.Description,
    alias: before.AliasName !== after.AliasName,
  };
}

/** Why CreateKey refused, by the exception's name, with the fix. */
export const XKS_KEY_EXCEPTION_ADVICE: Readonly<Record<string, string>> = {
  XksKeyNotFoundException:
    "the proxy has no key with this id: add the HSM key's label to keys[] in the proxy's config (suveren keygen --pkcs11 creates the key), then redeploy",
  XksKeyInvalidConfigurationException:
    'the HSM key is not an enabled AES-256 key for encrypt and decrypt: create it with `suveren keygen --pkcs11 --mechanism CKM_AES_GCM`, or enable it, then redeploy',
  XksKeyAlreadyInUseException: 'another KMS key in this store already uses this external key: give the tenant its own HSM key and xksKeyId',
  CustomKeyStoreInvalidStateException:
    "the store is not connected, or the proxy's allow policy refused the CreateKey call: check the proxy's audit log, and that the key's principals in the proxy's config list the tenant's provisioner role (docs/xks-runbook.md step 3)",
  XksProxyUriUnreachableException: 'KMS could not reach the proxy: check it is running and unsealed, and the network path',
};

/** KMS's refusal of CreateKey, verbatim, with the fix when the exception is known. */
export function externalKeyRefusal(xksKeyId: string, storeName: string, exceptionName: string, message: string): string {
  const advice = XKS_KEY_EXCEPTION_ADVICE[exceptionName];
  return `creating the KMS key over external key ${xksKeyId} in store ${storeName} failed: ${exceptionName}: ${message}${advice ? `: ${advice}` : ''}`;
}
