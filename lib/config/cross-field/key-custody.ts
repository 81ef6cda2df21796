import { X509Certificate } from 'node:crypto';
import { isEuRegion } from '../../contracts/regions';
import { KEY_STORE_REQUIREMENTS, isUsable, partitionName } from '../../partitions';
import { inCidr } from '../ipv4';
import { type CrossFieldContext, partitionOf } from './context';

/** HSM clusters and external key stores: unique ids, allowed regions, offered services, initialization, accounts of their own, their network. */
export function keyCustodyIssues(context: CrossFieldContext): void {
  const { config, issue, mustBeAllowed, clusters } = context;
  const seenClusters = new Set<string>();
  config.keyCustody.hsmClusters.forEach((cluster, i) => {
    if (seenClusters.has(cluster.id)) {
      issue(['keyCustody', 'hsmClusters', i, 'id'], `duplicate HSM cluster id "${cluster.id}"; every cluster needs its own id`);
    }
    seenClusters.add(cluster.id);
    mustBeAllowed(['keyCustody', 'hsmClusters', i, 'region'], cluster.region);
    if (isEuRegion(cluster.region)) {
      const partition = partitionOf(cluster.region);
      const missing = KEY_STORE_REQUIREMENTS.cloudhsm.filter((capability) => !isUsable(partition, capability, config.organization.assumeAvailable));
      if (missing.length > 0) {
        issue(
          ['keyCustody', 'hsmClusters', i, 'region'],
          `a CloudHSM cluster needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not known to exist in ${partitionName(partition)} (lib/partitions.ts). Check AWS's service list for the partition; if ${missing.length === 1 ? 'it is' : 'they are'} there, add organization.assumeAvailable: [${[...new Set([...config.organization.assumeAvailable, ...missing])].join(', ')}], otherwise remove the cluster`,
        );
      }
    }
    if (cluster.initialization) {
      const signed = new X509Certificate(cluster.initialization.signedCertificate);
      const anchor = new X509Certificate(cluster.initialization.trustAnchor);
      if (!anchor.ca) issue(['keyCustody', 'hsmClusters', i, 'initialization', 'trustAnchor'], 'not a CA certificate (basicConstraints CA:TRUE is missing); use the certificate from `suveren hsm create-ca`');
      else if (!signed.checkIssued(anchor) || !signed.verify(anchor.publicKey)) {
        issue(['keyCustody', 'hsmClusters', i, 'initialization', 'signedCertificate'], 'not issued by the trustAnchor: sign the cluster CSR with `suveren hsm sign-csr` and this CA');
      }
    }
    if (cluster.kmsUserReady && !cluster.initialization) {
      issue(['keyCustody', 'hsmClusters', i, 'kmsUserReady'], 'the key store needs an initialized cluster: add initialization (signedCertificate, trustAnchor) first (docs/hsm-runbook.md, step 4)');
    }
  });

  const seenStores = new Set<string>();
  config.keyCustody.externalKeyStores.forEach((store, i) => {
    const at = (...rest: (string | number)[]) => ['keyCustody', 'externalKeyStores', i, ...rest];
    // Both kinds of custody name their stack Suveren-KeyCustody-<id>.
    if (seenStores.has(store.id) || clusters.has(store.id)) {
      issue(at('id'), `duplicate key-custody id "${store.id}"; HSM clusters and external key stores share one namespace (their stacks are Suveren-KeyCustody-<id>): choose another id`);
    }
    seenStores.add(store.id);
    mustBeAllowed(at('region'), store.region);
    if (isEuRegion(store.region)) {
      const partition = partitionOf(store.region);
      const missing = KEY_STORE_REQUIREMENTS['external-key-store'].filter((capability) => !isUsable(partition, capability, config.organization.assumeAvailable));
      if (missing.length > 0) {
        issue(
          at('region'),
          `an external key store needs ${missing.join(', ')}, which is not known to exist in ${partitionName(partition)} (lib/partitions.ts). If AWS's service list for the partition has it, add organization.assumeAvailable: [${[...new Set([...config.organization.assumeAvailable, ...missing])].join(', ')}], otherwise remove the store`,
        );
      }
    }
    // The key-origin SCP lets only external-key-store keys be created in the store's account.
    const sharing =
      store.account === config.organization.managementAccount
        ? 'the management account, which SCPs never restrict'
        : store.account === config.audit.account
          ? 'the audit account'
          : config.keyCustody.hsmClusters.some((c) => c.account === store.account)
            ? `the account of HSM cluster "${config.keyCustody.hsmClusters.find((c) => c.account === store.account)!.id}", whose keys have origin AWS_CLOUDHSM`
            : config.tenants.some((t) => t.account === store.account)
              ? `tenant "${config.tenants.find((t) => t.account === store.account)!.id}"'s account`
              : config.keyCustody.externalKeyStores.slice(0, i).some((other) => other.account === store.account)
                ? `the account of external key store "${config.keyCustody.externalKeyStores.find((other) => other.account === store.account)!.id}", and IAM cannot tell one store from another on kms:CreateKey (a tenant's provisioner could create keys in the other store)`
                : undefined;
    if (sharing) {
      issue(
        at('account'),
        `is ${sharing}; an external key store needs a key-custody account of its own, where the key-origin SCP lets KMS create only keys in an external key store`,
      );
    }
    const viaEndpointService = store.proxy.connectivity === 'vpc-endpoint-service';
    if (viaEndpointService && !store.network) {
      issue(
        at('network'),
        'is required with connectivity vpc-endpoint-service: give vpcCidr (not overlapping your on-premises networks) and proxyAddresses (where the proxy listens on premises), or set proxy.connectivity: public-endpoint',
      );
    } else if (!viaEndpointService && store.network) {
      issue(at('network'), 'is only for connectivity vpc-endpoint-service: a public endpoint needs no VPC or load balancer; remove network, or set proxy.connectivity: vpc-endpoint-service');
    }
    if (store.network) {
      store.network.proxyAddresses.forEach((address, j) => {
        if (inCidr(address, store.network!.vpcCidr)) {
          issue(at('network', 'proxyAddresses', j), `${address} is inside vpcCidr ${store.network!.vpcCidr}: the custody VPC's range must not overlap the on-premises network the proxy is in; choose another vpcCidr`);
        }
      });
    }
  });
}
