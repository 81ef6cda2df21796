import { ExternalKey } from '../../constructs/key-custody/external-key';
import { keyCustodyStackId } from '@suveren/core/contracts/names';
import { externalTier, replicaXksKeyId } from '@suveren/core/tiers/external';
import { replicaKeyInCustody } from './replica-key-in-custody';
import { ExternalKeyStoreStack } from '../external-key-store-stack';
import type { TierModule } from './tier-custody';

export const externalTierModule: TierModule = {
  definition: externalTier,
  createDataKey(scope, id, props) {
    const { tenant } = props;
    if (!props.custodyPlace || tenant.xksKeyId === undefined)
      throw new Error(`tenant ${tenant.id} is tier external but no external key store or xksKeyId was given`);
    return new ExternalKey(scope, id, {
      tenantId: tenant.id,
      keyStoreId: props.custodyPlace.id,
      xksKeyId: tenant.xksKeyId,
      custodyAccount: props.custodyPlace.account,
      custodyAdministratorRoleName: props.custodyPlace.administratorRoleName,
      allowedRegions: props.allowedRegions,
      administrators: [props.keyAdministrator],
      operationsKey: props.operationsKey,
    });
  },
  createReplicaKey(scope, id, props) {
    const { tenant, custodyPlace } = props;
    const xksKeyId = replicaXksKeyId(tenant);
    if (!custodyPlace || xksKeyId === undefined)
      throw new Error(
        `tenant ${tenant.id} is tier external with continuity but no replica external key store (continuity.replicaKeyCustody) or xksKeyId was given`,
      );
    return new ExternalKey(scope, id, { ...replicaKeyInCustody(scope, id, { ...props, custodyPlace }), keyStoreId: custodyPlace.id, xksKeyId });
  },
  addCustodyPlaces: (app, config) =>
    config.keyCustody.externalKeyStores.map(
      (store) =>
        new ExternalKeyStoreStack(app, keyCustodyStackId(store.id), {
          env: { account: store.account, region: store.region },
          store,
          tenants: config.tenants.filter((t) => t.tier === externalTier.tier && t.externalKeyStore === store.id),
          replicaTenants: config.tenants.filter((t) => t.tier === externalTier.tier && t.continuity?.replicaKeyCustody === store.id),
          notifications: config.notifications.keyCustody,
        }),
    ),
  placeDependencyReason: 'the external key is created in this external key store, by the provisioner role there',
};
