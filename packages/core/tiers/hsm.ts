import { z } from 'zod';
import { TIER_TABLE, usesBucketKeys } from '../contracts/tiers';
import { dnsSafeId } from '../fields/config-fields';
import { PROVISIONERS_PER_STACK } from '../contracts/names';
import { hsmKeyProvisionerRoleName, replicaKeyProvisionerRoleName } from '../contracts/custom-resources';
import { COMMON_NIST_CONTROLS } from './legal';
import { type TierDefinition, checkReplicaPlace, continuityOf, textField } from './tier-definition';

const tenantFields = {
  hsmCluster: dnsSafeId.optional().meta({ description: "For tier hsm: the id of the HSM cluster (keyCustody.hsmClusters) that holds the tenant's key." }),
  provisionerShard: z
    .number({ error: "expected a whole number from 2: the -Provisioners-<n> stack of the cluster that holds this tenant's provisioner role" })
    .int('expected a whole number from 2')
    .min(2, "shard 1 is the cluster's own stack: leave provisionerShard out for it")
    .max(99, 'at most 99 provisioner stacks per cluster')
    .optional()
    .meta({ description: "For a cluster with more than 200 hsm tenants: the -Provisioners-<n> stack that holds this tenant's provisioner role." }),
  hsmKeyGeneration: z
    .number({ error: 'expected a whole number: 1 for the first key, 2 after the first rotation, ...' })
    .int('expected a whole number: 1 for the first key, 2 after the first rotation, ...')
    .min(1, 'generations count from 1')
    .max(20, 'at most 20 generations: re-encrypt old objects and retire old generations first (docs/hsm-runbook.md)')
    .optional()
    .meta({ description: "For tier hsm: the generation of the tenant's HSM key, 1 for the first, raised by each rotation." }),
};

/** Tier hsm: a KMS key in the custom key store of a CloudHSM cluster of the key-custody account. */
export const hsmTier = {
  tier: 'hsm',
  description: TIER_TABLE.hsm,
  bucketKeys: usesBucketKeys('hsm'),
  tenantFields,
  foreignFieldMessage(field: string, tier: string): string {
    switch (field) {
      case 'hsmCluster':
        return `tier "${tier}" does not use an HSM cluster; remove hsmCluster, or set tier: hsm if this tenant's key belongs in the HSM`;
      case 'provisionerShard':
        return `tier "${tier}" has no provisioner role: provisionerShard is only for tier hsm; remove it`;
      default:
        return `tier "${tier}" keys rotate automatically in AWS KMS; hsmKeyGeneration is only for tier hsm, whose keys are rotated by hand: remove it`;
    }
  },
  validateTenant(tenant, at, { issue, clusters }) {
    const clusterId = textField(tenant, 'hsmCluster');
    if (clusterId === undefined) {
      const known = [...clusters.keys()];
      issue(
        at('hsmCluster'),
        known.length > 0
          ? `tier "hsm" needs hsmCluster: set it to one of ${known.join(', ')}`
          : 'tier "hsm" needs hsmCluster: add a cluster under keyCustody.hsmClusters and name its id here',
      );
      return;
    }
    const cluster = clusters.get(clusterId);
    if (!cluster) {
      const known = [...clusters.keys()];
      issue(
        at('hsmCluster'),
        `no HSM cluster "${clusterId}" under keyCustody.hsmClusters; ${known.length > 0 ? `use one of ${known.join(', ')}` : 'add it there first'}`,
      );
    } else if (cluster.region !== tenant.region) {
      issue(
        at('hsmCluster'),
        `cluster "${cluster.id}" is in ${cluster.region} but the tenant is in ${tenant.region}; a KMS custom key store must be in the cluster's region: pick a cluster in ${tenant.region} or move the tenant`,
      );
    }
  },
  validateReplica(tenant, at, { issue, clusters }) {
    checkReplicaPlace(tenant, at, issue, clusters, { tier: 'hsm', noun: 'HSM cluster', where: 'keyCustody.hsmClusters' });
    if (continuityOf(tenant)?.replicaXksKeyId !== undefined)
      issue(at('replicaXksKeyId'), 'tier "hsm" keeps its replica key in a CloudHSM cluster, not behind an XKS proxy: remove replicaXksKeyId');
  },
  // Each provisioner stack of a cluster holds at most PROVISIONERS_PER_STACK roles. The
  // shard is recorded in the config, never computed: a role that moved between stacks
  // would be deleted and recreated, and its key policy, which KMS resolved to the old
  // role's unique id, would no longer let it in.
  validateTenants(tenants, { issue }) {
    const occupancy = new Map<string, number>();
    const occupy = (key: string) => {
      const count = (occupancy.get(key) ?? 0) + 1;
      occupancy.set(key, count);
      return count;
    };
    // A replica's provisioner role is in its cluster's own stack (docs/continuity.md).
    for (const { tenant, index } of tenants) {
      const replicaCluster = continuityOf(tenant)?.replicaKeyCustody;
      if (replicaCluster === undefined) continue;
      if (occupy(`${replicaCluster}\u00001`) === PROVISIONERS_PER_STACK + 1)
        issue(
          ['tenants', index, 'continuity', 'replicaKeyCustody'],
          `cluster "${replicaCluster}" already holds ${PROVISIONERS_PER_STACK} provisioner roles in its own stack, where replica provisioners are, CloudFormation's 500-resource limit allowing no more: name another cluster of the replica region for this replica`,
        );
    }
    for (const { tenant, index } of tenants) {
      const clusterId = textField(tenant, 'hsmCluster');
      if (clusterId === undefined) continue;
      const shard = typeof tenant.provisionerShard === 'number' ? tenant.provisionerShard : 1;
      const count = occupy(`${clusterId}\u0000${shard}`);
      if (count === PROVISIONERS_PER_STACK + 1) {
        issue(
          ['tenants', index, 'provisionerShard'],
          shard === 1
            ? `cluster "${clusterId}" already holds ${PROVISIONERS_PER_STACK} provisioner roles in its own stack, CloudFormation's 500-resource limit allowing no more: set provisionerShard: 2 (or another -Provisioners-<n> stack with room) for this and every later new hsm tenant of the cluster, and never change a deployed tenant's shard`
            : `provisioner stack ${shard} of cluster "${clusterId}" already holds ${PROVISIONERS_PER_STACK} roles: use provisionerShard: ${shard + 1} for this tenant`,
        );
      }
    }
  },
  custodyOf(tenant, context) {
    const clusterId = textField(tenant, 'hsmCluster');
    if (clusterId === undefined) return undefined;
    return {
      placeId: clusterId,
      account: context?.clusters.get(clusterId)?.account,
      provisioner: { roleName: hsmKeyProvisionerRoleName(tenant.id), label: 'principal.hsmKeyProvisioner' },
    };
  },
  replicaKeyStore: 'cloudhsm',
  replicaCustodyOf(tenant, context) {
    const clusterId = continuityOf(tenant)?.replicaKeyCustody;
    if (clusterId === undefined) return undefined;
    return {
      placeId: clusterId,
      account: context?.clusters.get(clusterId)?.account,
      provisioner: { roleName: replicaKeyProvisionerRoleName(tenant.id, 'hsm'), label: 'principal.hsmKeyProvisioner' },
    };
  },
  legal: { measures: ['measure.hsm.key'], nistControls: [...COMMON_NIST_CONTROLS, 'SC-12(1)', 'SC-13b'] },
  // A KMS key of the tenant's own account in tier hsm is the one kept from before the raise, or the key not created yet.
  evidence: { kmsKeyCustody: 'custody.awsKms.hsmPending' },
  reach: {
    // The cluster's crypto users use keys inside the HSM, outside IAM: the templates cannot name them.
    outsideTheGraph: (tenant) => [{ key: 'reach.cryptoUsers', params: { cluster: textField(tenant, 'hsmCluster') ?? '?' } }],
  },
} as const satisfies TierDefinition;
