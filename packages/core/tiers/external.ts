import { z } from 'zod';
import { TIER_TABLE, usesBucketKeys } from '../contracts/tiers';
import { dnsSafeId } from '../fields/config-fields';
import { PROVISIONERS_PER_STACK } from '../contracts/names';
import { XKS_KEY_ID_PATTERN } from '../contracts/xks';
import { externalKeyProvisionerRoleName, replicaKeyProvisionerRoleName } from '../contracts/custom-resources';
import { COMMON_NIST_CONTROLS } from './legal';
import { type TierDefinition, type TierTenant, checkReplicaPlace, continuityOf, textField } from './tier-definition';

/** The HSM key behind a tenant's replica key: its own, or by default the tenant's xksKeyId, so that one seal stops both. */
export function replicaXksKeyId(tenant: TierTenant): string | undefined {
  const continuity = continuityOf(tenant);
  return continuity === undefined ? undefined : (continuity.replicaXksKeyId ?? textField(tenant, 'xksKeyId'));
}

const tenantFields = {
  externalKeyStore: dnsSafeId.optional().meta({ description: 'For tier external: the id of the external key store (keyCustody.externalKeyStores).' }),
  xksKeyId: z
    .string({ error: "expected the label of the tenant's key in the customer's HSM, as the proxy config lists it under keys[].externalKeyId" })
    .regex(XKS_KEY_ID_PATTERN, "must be 1-128 letters, digits and . _ - (KMS XksKeyId): the HSM key's label, as in the proxy config")
    .optional()
    .meta({ description: "For tier external: the label of the tenant's key in the customer's HSM, as the proxy config lists it." }),
};

/** Tier external: a KMS key in an external key store, its material in the customer's HSM behind the proxy the customer runs. */
export const externalTier = {
  tier: 'external',
  description: TIER_TABLE.external,
  bucketKeys: usesBucketKeys('external'),
  tenantFields,
  foreignFieldMessage(field: string, tier: string): string {
    return field === 'externalKeyStore'
      ? `tier "${tier}" does not use an external key store; remove externalKeyStore, or set tier: external if this tenant's key belongs in the customer's HSM`
      : `tier "${tier}" has no external key; xksKeyId is only for tier external: remove it`;
  },
  foreignFieldOverrides: {
    hsmKeyGeneration:
      'tier "external" keys are rotated in the customer\'s HSM behind the same xksKeyId, or replaced by a new xksKeyId (docs/xks-runbook.md); hsmKeyGeneration is only for tier hsm: remove it',
  },
  validateTenant(tenant, at, { issue, stores }) {
    const storeId = textField(tenant, 'externalKeyStore');
    if (storeId === undefined) {
      const known = [...stores.keys()];
      issue(
        at('externalKeyStore'),
        known.length > 0
          ? `tier "external" needs externalKeyStore: set it to one of ${known.join(', ')}`
          : 'tier "external" needs externalKeyStore: add a store under keyCustody.externalKeyStores and name its id here',
      );
    } else {
      const store = stores.get(storeId);
      if (!store) {
        const known = [...stores.keys()];
        issue(
          at('externalKeyStore'),
          `no external key store "${storeId}" under keyCustody.externalKeyStores; ${known.length > 0 ? `use one of ${known.join(', ')}` : 'add it there first'}`,
        );
      } else if (store.region !== tenant.region) {
        issue(
          at('externalKeyStore'),
          `external key store "${store.id}" is in ${store.region} but the tenant is in ${tenant.region}; a KMS key must be in its bucket's region: pick a store in ${tenant.region} or move the tenant`,
        );
      }
    }
    if (tenant.xksKeyId === undefined) {
      issue(
        at('xksKeyId'),
        'tier "external" needs xksKeyId: the label of the tenant\'s AES-256 key in the customer\'s HSM, as the proxy config lists it under keys[].externalKeyId',
      );
    }
  },
  validateReplica(tenant, at, { issue, stores }) {
    checkReplicaPlace(tenant, at, issue, stores, { tier: 'external', noun: 'external key store', where: 'keyCustody.externalKeyStores' });
  },
  // KMS refuses a second KMS key over the same external key in one store (XksKeyAlreadyInUseException), and
  // one store's stack holds at most PROVISIONERS_PER_STACK provisioner roles. A replica key counts in its store.
  validateTenants(tenants, { issue }) {
    const externalKeys = new Map<string, string>();
    const storeOccupancy = new Map<string, number>();
    for (const { tenant, index } of tenants) {
      const replicaStore = continuityOf(tenant)?.replicaKeyCustody;
      const replicaKey = replicaXksKeyId(tenant);
      if (replicaStore === undefined || replicaKey === undefined) continue;
      const key = `${replicaStore}\u0000${replicaKey}`;
      const owner = externalKeys.get(key);
      if (owner !== undefined)
        issue(
          ['tenants', index, 'continuity', 'replicaXksKeyId'],
          `external key "${replicaKey}" of store "${replicaStore}" is already tenant "${owner}"'s; every replica needs a key of its own in that store: set replicaXksKeyId`,
        );
      externalKeys.set(key, `${tenant.id} (its replica)`);
      const count = (storeOccupancy.get(replicaStore) ?? 0) + 1;
      storeOccupancy.set(replicaStore, count);
      if (count === PROVISIONERS_PER_STACK + 1)
        issue(
          ['tenants', index, 'continuity', 'replicaKeyCustody'],
          `external key store "${replicaStore}" already serves ${PROVISIONERS_PER_STACK} keys, the most its stack holds provisioner roles for under CloudFormation's 500-resource limit: name another store of the replica region for this replica`,
        );
    }
    for (const { tenant, index } of tenants) {
      const storeId = textField(tenant, 'externalKeyStore');
      const xksKeyId = textField(tenant, 'xksKeyId');
      if (storeId === undefined) continue;
      if (xksKeyId !== undefined) {
        const key = `${storeId}\u0000${xksKeyId}`;
        const owner = externalKeys.get(key);
        if (owner !== undefined) {
          issue(
            ['tenants', index, 'xksKeyId'],
            `external key "${xksKeyId}" of store "${storeId}" is already tenant "${owner}"'s; every tenant needs a key of its own in the HSM`,
          );
        }
        externalKeys.set(key, tenant.id);
      }
      const count = (storeOccupancy.get(storeId) ?? 0) + 1;
      storeOccupancy.set(storeId, count);
      if (count === PROVISIONERS_PER_STACK + 1) {
        issue(
          ['tenants', index, 'externalKeyStore'],
          `external key store "${storeId}" already serves ${PROVISIONERS_PER_STACK} tenants, the most its stack holds provisioner roles for under CloudFormation's 500-resource limit: add another store (its own endpoint service and proxy path) for this and later tenants`,
        );
      }
    }
  },
  custodyOf(tenant, context) {
    const storeId = textField(tenant, 'externalKeyStore');
    if (storeId === undefined) return undefined;
    return {
      placeId: storeId,
      account: context?.stores.get(storeId)?.account,
      provisioner: { roleName: externalKeyProvisionerRoleName(tenant.id), label: 'principal.externalKeyProvisioner' },
    };
  },
  replicaKeyStore: 'external-key-store',
  replicaCustodyOf(tenant, context) {
    const storeId = continuityOf(tenant)?.replicaKeyCustody;
    if (storeId === undefined) return undefined;
    return {
      placeId: storeId,
      account: context?.stores.get(storeId)?.account,
      provisioner: { roleName: replicaKeyProvisionerRoleName(tenant.id, 'xks'), label: 'principal.externalKeyProvisioner' },
    };
  },
  legal: {
    measures: ['measure.external.key', 'measure.external.bucketKeys'],
    nistControls: [...COMMON_NIST_CONTROLS, 'SC-12(1)', 'SC-13b', 'AU-2', 'AU-12'],
  },
  evidence: { kmsKeyCustody: 'custody.awsKms', sections: ['externalKeyStore'] },
  reach: { proxyGate: true },
} as const satisfies TierDefinition;
