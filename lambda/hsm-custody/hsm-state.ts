import { type Decision, complete, fail, outOfTime, wait } from './decision';

/*
 * Custom::SuverenHsm: one HSM of a cluster in one Availability Zone. Create adopts an
 * HSM already in that zone (a retried create after a timeout must not buy a second
 * one), waits for ACTIVE; delete removes it and waits until it is gone, so the cluster,
 * which CloudFormation deletes after its HSMs, is empty by then.
 */

export interface ObservedHsm {
  readonly hsmId: string;
  readonly availabilityZone: string;
  readonly state: string;
  readonly eniIp?: string;
}

export interface ObservedCluster {
  readonly clusterId: string;
  readonly state: string;
  readonly hsms: readonly ObservedHsm[];
  /** The cluster's CSR, once its first HSM exists. */
  readonly csr?: string;
}

const GONE = ['DELETED', 'DELETE_IN_PROGRESS'];

export type HsmCreateAction =
  { readonly action: 'adopt'; readonly hsmId: string } | { readonly action: 'create' } | { readonly action: 'fail'; readonly reason: string };

export function decideHsmCreate(cluster: ObservedCluster | undefined, availabilityZone: string): HsmCreateAction {
  if (!cluster) return { action: 'fail', reason: 'the CloudHSM cluster does not exist' };
  if (['DELETE_IN_PROGRESS', 'DELETED'].includes(cluster.state)) return { action: 'fail', reason: `cluster ${cluster.clusterId} is ${cluster.state}` };
  const existing = cluster.hsms.find((hsm) => hsm.availabilityZone === availabilityZone && !GONE.includes(hsm.state));
  return existing ? { action: 'adopt', hsmId: existing.hsmId } : { action: 'create' };
}

export function decideHsmCreated(cluster: ObservedCluster | undefined, hsmId: string, startedAt: string | undefined, now: Date): Decision {
  const hsm = cluster?.hsms.find((h) => h.hsmId === hsmId);
  if (!cluster || !hsm)
    return fail(`HSM ${hsmId} no longer exists in cluster ${cluster?.clusterId ?? '(gone)'}; someone deleted it while it was being created`);
  switch (hsm.state) {
    case 'ACTIVE':
      // An uninitialized cluster's CSR appears shortly after its first HSM: wait for it,
      // since the stack publishes it for the offline signing step.
      if (!cluster.csr && cluster.state === 'UNINITIALIZED') {
        return outOfTime(startedAt, now, `cluster ${cluster.clusterId} still has no CSR`) ?? wait(`HSM ${hsmId} is ACTIVE; waiting for the cluster CSR`);
      }
      return complete({
        HsmId: hsm.hsmId,
        EniIp: hsm.eniIp ?? '',
        ClusterCsr: cluster.csr ?? 'none: the cluster was already initialized when this HSM was added',
      });
    case 'CREATE_IN_PROGRESS':
      return outOfTime(startedAt, now, `HSM ${hsmId} is still CREATE_IN_PROGRESS`) ?? wait(`HSM ${hsmId} is CREATE_IN_PROGRESS`);
    default:
      return fail(`HSM ${hsmId} is ${hsm.state}, not ACTIVE; see the cluster's events in the CloudHSM console`);
  }
}

export type HsmDeleteAction = { readonly action: 'delete' } | { readonly action: 'none' };

export function decideHsmDelete(cluster: ObservedCluster | undefined, hsmId: string): HsmDeleteAction {
  const hsm = cluster?.hsms.find((h) => h.hsmId === hsmId);
  return hsm && !GONE.includes(hsm.state) ? { action: 'delete' } : { action: 'none' };
}

export function decideHsmDeleted(cluster: ObservedCluster | undefined, hsmId: string, startedAt: string | undefined, now: Date): Decision {
  const hsm = cluster?.hsms.find((h) => h.hsmId === hsmId);
  if (!hsm || hsm.state === 'DELETED') return complete();
  return outOfTime(startedAt, now, `HSM ${hsmId} is still ${hsm.state}`) ?? wait(`HSM ${hsmId} is ${hsm.state}`);
}
