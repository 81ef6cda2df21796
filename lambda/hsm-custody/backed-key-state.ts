import type { ObservedKeyStore } from './key-store-state';
import type { BackedKeyProperties as DeclaredBackedKeyProperties } from '@suveren/core/contracts/custom-resources';

/*
 * Custom::SuverenHsmBackedKey: a tenant's KMS key whose material lives in the cluster
 * behind a custom key store. Create adopts the key its alias already names (a retried
 * create) or creates a single-Region symmetric key with Origin AWS_CLOUDHSM and the key
 * policy the construct rendered, then the alias. Delete keeps the key: objects encrypted
 * under it would become unreadable (the runbook schedules deletion by hand).
 */

export interface ObservedKey {
  readonly arn: string;
  readonly keyState: string;
  readonly origin: string;
  readonly customKeyStoreId?: string;
  /** For a key in an external key store: its external key's id at the proxy. */
  readonly xksKeyId?: string;
}

export type BackedKeyCreateAction =
  | { readonly action: 'adopt'; readonly keyArn: string }
  | { readonly action: 'create'; readonly customKeyStoreId: string }
  | { readonly action: 'fail'; readonly reason: string };

/** What differs between kinds of custom key store when a tenant key is created in one. */
export interface StoreKeyRules {
  /** The key origin KMS gives keys in this kind of store. */
  readonly origin: string;
  /** The kind of store, in messages. */
  readonly storeKind: string;
  /** The store type the key needs (`CustomKeyStoreType`); any when absent. */
  readonly storeType?: string;
  /** Why there is no store of that name, and what to do. */
  readonly noStore: string;
  /** What to do when the store is not CONNECTED. */
  readonly connectFix: string;
  /** A further refusal of a key the alias names in this store, or undefined to adopt it. */
  readonly refuseTarget?: (target: ObservedKey) => string | undefined;
}

/** Create, adopt or refuse a tenant key in a custom key store: the same rules for every kind of store. */
export function decideStoreKeyCreate(
  alias: string,
  aliasTarget: ObservedKey | undefined,
  store: ObservedKeyStore | undefined,
  storeName: string,
  rules: StoreKeyRules,
): BackedKeyCreateAction {
  if (!store || (rules.storeType !== undefined && store.type !== rules.storeType)) return { action: 'fail', reason: rules.noStore };
  if (aliasTarget) {
    if (aliasTarget.origin !== rules.origin || aliasTarget.customKeyStoreId !== store.id) {
      return {
        action: 'fail',
        reason: `${alias} already names key ${aliasTarget.arn}, which is not in ${rules.storeKind} ${storeName}; delete that alias or choose another tenant id`,
      };
    }
    const refused = rules.refuseTarget?.(aliasTarget);
    if (refused) return { action: 'fail', reason: refused };
    if (aliasTarget.keyState === 'PendingDeletion')
      return {
        action: 'fail',
        reason: `${alias} names key ${aliasTarget.arn}, which is scheduled for deletion: cancel the deletion (kms cancel-key-deletion) and redeploy`,
      };
    return { action: 'adopt', keyArn: aliasTarget.arn };
  }
  if (store.connectionState !== 'CONNECTED') {
    return {
      action: 'fail',
      reason: `${rules.storeKind} ${storeName} is ${store.connectionState}, and KMS creates keys only in a CONNECTED store: ${rules.connectFix}`,
    };
  }
  return { action: 'create', customKeyStoreId: store.id };
}

export function decideBackedKeyCreate(
  alias: string,
  aliasTarget: ObservedKey | undefined,
  store: ObservedKeyStore | undefined,
  storeName: string,
): BackedKeyCreateAction {
  return decideStoreKeyCreate(alias, aliasTarget, store, storeName, {
    origin: 'AWS_CLOUDHSM',
    storeKind: 'custom key store',
    noStore: `there is no custom key store named ${storeName}: set kmsUserReady: true on its cluster in the config and deploy the key-custody stack first (docs/hsm-runbook.md, step 8)`,
    connectFix: 'connect it (redeploy its key-custody stack) first',
  });
}

/** What decides a backed key's updates: the declared properties but its tags and provisioner. */
export type BackedKeyProperties = Pick<DeclaredBackedKeyProperties, 'KeyStoreName' | 'AliasName' | 'Description' | 'KeyPolicy'>;

export type BackedKeyUpdateAction =
  | { readonly action: 'refuse'; readonly reason: string }
  | { readonly action: 'update'; readonly policy: boolean; readonly description: boolean; readonly alias: boolean };

/**
 * A key cannot move between stores, and a silent new key would leave every existing
 * object under the old one with nothing in the stack naming it: moving a tenant to
 * another cluster is refused with the way to do it (a new generation there).
 */
export function decideBackedKeyUpdate(before: BackedKeyProperties, after: BackedKeyProperties): BackedKeyUpdateAction {
  if (before.KeyStoreName !== after.KeyStoreName) {
    return {
      action: 'refuse',
      reason: `the key is in custom key store ${before.KeyStoreName} and cannot move to ${after.KeyStoreName}: keep the tenant's cluster, or move its data under a new key by hand (docs/hsm-runbook.md)`,
    };
  }
  return {
    action: 'update',
    policy: before.KeyPolicy !== after.KeyPolicy,
    description: before.Description !== after.Description,
    alias: before.AliasName !== after.AliasName,
  };
}
