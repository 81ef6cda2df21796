import type { App, Stack } from 'aws-cdk-lib';
import { replicaKeyInCustody } from './replica-key-in-custody';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { HsmBackedKey } from '../../constructs/key-custody/hsm-backed-key';
import { keyCustodyProvisionersStackId, keyCustodyStackId } from '@suveren/core/contracts/names';
import { hsmTier } from '@suveren/core/tiers/hsm';
import { KeyCustodyStack } from '../key-custody-stack';
import { KeyCustodyProvisionersStack } from '../key-custody-provisioners-stack';
import type { TierModule } from './tier-custody';

/**
 * The hsm tenants of a cluster whose provisioner roles are in stack `shard`: shard 1 is the
 * cluster's own stack, others the -Provisioners-<n> stack the tenant's config names, a
 * recorded place, so no role ever moves.
 */
const hsmTenantsOf = (config: SuverenConfig, clusterId: string, shard: number) =>
  config.tenants.filter((t) => t.tier === hsmTier.tier && t.hsmCluster === clusterId && (t.provisionerShard ?? 1) === shard);

export const hsmTierModule: TierModule = {
  definition: hsmTier,
  createDataKey(scope, id, props) {
    if (!props.custodyPlace) throw new Error(`tenant ${props.tenant.id} is tier hsm but no key-custody cluster was given`);
    // CloudFormation never manages this key itself (the custom resource does, through the
    // key-custody account); the tenant's key administrator oversees it from here.
    return new HsmBackedKey(scope, id, {
      tenantId: props.tenant.id,
      clusterName: props.custodyPlace.id,
      custodyAccount: props.custodyPlace.account,
      custodyAdministratorRoleName: props.custodyPlace.administratorRoleName,
      allowedRegions: props.allowedRegions,
      administrators: [props.keyAdministrator],
      operationsKey: props.operationsKey,
      generations: props.tenant.hsmKeyGeneration,
    });
  },
  createReplicaKey(scope, id, props) {
    const { tenant, custodyPlace } = props;
    if (!custodyPlace) throw new Error(`tenant ${tenant.id} is tier hsm with continuity but no replica cluster (continuity.replicaKeyCustody) was given`);
    // A key of its own in the replica region's cluster: one generation, rotated by hand like the data key.
    return new HsmBackedKey(scope, id, { ...replicaKeyInCustody(scope, id, { ...props, custodyPlace }), clusterName: custodyPlace.id });
  },
  addCustodyPlaces: (app, config) =>
    config.keyCustody.hsmClusters.map(
      (cluster) =>
        new KeyCustodyStack(app, keyCustodyStackId(cluster.id), {
          env: { account: cluster.account, region: cluster.region },
          cluster,
          tenants: hsmTenantsOf(config, cluster.id, 1),
          replicaTenants: config.tenants.filter((t) => t.tier === hsmTier.tier && t.continuity?.replicaKeyCustody === cluster.id),
          assumeAvailable: config.organization.assumeAvailable,
        }),
    ),
  addProvisionerShards(app: App, config: SuverenConfig) {
    const provisioners = new Map<string, Stack>();
    for (const cluster of config.keyCustody.hsmClusters) {
      const shards = [
        ...new Set(config.tenants.filter((t) => t.hsmCluster === cluster.id && t.provisionerShard !== undefined).map((t) => t.provisionerShard!)),
      ].sort((a, b) => a - b);
      for (const shard of shards) {
        const tenants = hsmTenantsOf(config, cluster.id, shard);
        const stack = new KeyCustodyProvisionersStack(app, keyCustodyProvisionersStackId(cluster.id, shard), {
          env: { account: cluster.account, region: cluster.region },
          cluster,
          tenants,
        });
        for (const tenant of tenants) provisioners.set(tenant.id, stack);
      }
    }
    return provisioners;
  },
  placeDependencyReason: "the HSM-backed key is created in this cluster's key store",
};
