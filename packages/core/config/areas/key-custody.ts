import { z } from 'zod';
import { XKS_ACCESS_KEY_ID_PATTERN, XKS_CONNECTIVITY, XKS_DEFAULT_URI_PATH, XKS_URI_ENDPOINT_PATTERN, XKS_URI_PATH_MAX_LENGTH, XKS_URI_PATH_PATTERN, type XksConnectivity } from '../../contracts/xks';
import { accountId, dnsSafeId, euRegion, iamRoleName, ipv4Cidr, pemCertificate, privateIpv4 } from '../../fields/config-fields';
import { X509Certificate } from 'node:crypto';
import { isEuRegion } from '../../contracts/regions';
import { KEY_STORE_REQUIREMENTS, isUsable, partitionName } from '../../partitions';
import { inCidr } from '../../fields/ipv4';
import { type CrossFieldContext, partitionOf } from './context';

export const hsmClusterSchema = z.strictObject({
  id: dnsSafeId.meta({ description: 'The cluster\'s id: 1-32 lower-case letters, digits and hyphens (used in stack and key store names).' }),
  account: accountId.meta({ description: 'The key-custody account that holds the CloudHSM cluster, as a quoted 12-digit string.' }),
  region: euRegion.meta({ description: 'The cluster\'s region: one of the allowed EU regions, the same as its tenants\'.' }),
  hsmType: z.enum(['hsm2m.medium'], {
    error: 'expected hsm2m.medium (the FIPS 140-3 level 3 HSM type; hsm1.medium is end-of-life)',
  }).meta({ description: 'The HSM type: hsm2m.medium (FIPS 140-3 level 3).' }),
  availabilityZones: z
    .number({ error: 'expected 2 or 3' })
    .int('expected 2 or 3')
    .min(2, 'KMS custom key stores need at least 2 HSMs in different Availability Zones: use 2 or 3')
    .max(3, 'use 2 or 3 Availability Zones (each HSM is billed by the hour)').meta({ description: 'How many HSMs, each in its own Availability Zone: 2 or 3.' }),
  // Stage 2 (docs/hsm-runbook.md): the crypto officer's signed cluster certificate and trust anchor.
  initialization: z
    .strictObject({
      signedCertificate: pemCertificate('the cluster certificate from `suveren hsm sign-csr`').meta({ description: 'The cluster certificate signed by the customer\'s CA (suveren hsm sign-csr), as a PEM block.' }),
      trustAnchor: pemCertificate('the CA certificate from `suveren hsm create-ca`').meta({ description: 'The customer\'s CA certificate (suveren hsm create-ca), as a PEM block.' }),
    })
    .optional().meta({ description: 'Stage 2 (docs/hsm-runbook.md): the crypto officer\'s signed cluster certificate and trust anchor.' }),
  // Stage 3: true once the cluster is activated and kmsuser exists.
  kmsUserReady: z.boolean({ error: 'expected true or false' }).default(false).meta({ description: 'Stage 3: true once the cluster is activated and the kmsuser crypto user exists.' }),
  cryptoOfficerRoleName: iamRoleName.default('suveren-crypto-officer').meta({ description: 'The IAM role the customer\'s crypto officer assumes in the key-custody account.' }),
});

export const externalKeyStoreSchema = z.strictObject({
  id: dnsSafeId.meta({ description: 'The external key store\'s id: 1-32 lower-case letters, digits and hyphens.' }),
  account: accountId.meta({ description: 'The key-custody account of the external key store, as a quoted 12-digit string.' }),
  region: euRegion.meta({ description: 'The key store\'s region: one of the allowed EU regions, the same as its tenants\'.' }),
  proxy: z.strictObject({
    uriEndpoint: z
      .string({ error: 'expected the proxy\'s https:// address, e.g. https://xks.arkiv.example.no' })
      .regex(
        XKS_URI_ENDPOINT_PATTERN,
        'expected https:// and a lower-case DNS name, no port or path, e.g. https://xks.arkiv.example.no (KMS always calls port 443; with vpc-endpoint-service it is the endpoint service\'s private DNS name)',
      ).meta({ description: 'The XKS proxy\'s https:// address, no port or path (KMS calls port 443).' }),
    uriPath: z
      .string({ error: `expected the XksProxyUriPath, e.g. ${XKS_DEFAULT_URI_PATH}` })
      .max(XKS_URI_PATH_MAX_LENGTH, `KMS allows at most ${XKS_URI_PATH_MAX_LENGTH} characters`)
      .regex(XKS_URI_PATH_PATTERN, 'must be [/<prefix>]/kms/xks/v1, the same as uriPath in the proxy\'s config')
      .default(XKS_DEFAULT_URI_PATH).meta({ description: 'The XKS proxy\'s URI path, [/<prefix>]/kms/xks/v1, as in the proxy\'s config.' }),
    connectivity: z
      .enum(Object.keys(XKS_CONNECTIVITY) as [XksConnectivity, ...XksConnectivity[]], {
        error: 'expected vpc-endpoint-service (KMS reaches the proxy privately, over your Direct Connect or VPN) or public-endpoint (over the internet)',
      })
      .default('vpc-endpoint-service').meta({ description: 'How KMS reaches the proxy: vpc-endpoint-service (privately, over Direct Connect or VPN) or public-endpoint (over the internet).' }),
  }).meta({ description: 'The customer\'s XKS proxy, which holds the key material in the customer\'s HSM.' }),
  // With vpc-endpoint-service: the custody VPC, its load balancer, and where the proxy is.
  network: z
    .strictObject({
      vpcCidr: ipv4Cidr.meta({ description: 'The custody VPC\'s CIDR block, /16 to /26; one subnet per Availability Zone is cut from it.' }),
      availabilityZones: z
        .number({ error: 'expected 2 or 3' })
        .int('expected 2 or 3')
        .min(2, 'KMS needs the endpoint service in at least 2 Availability Zones: use 2 or 3')
        .max(3, 'use 2 or 3 Availability Zones')
        .default(2).meta({ description: 'Availability Zones of the VPC endpoint service: 2 or 3.' }),
      proxyAddresses: z
        .array(privateIpv4, { error: 'expected a list of the proxy\'s on-premises IPv4 addresses' })
        .min(1, 'list at least one proxy address; two or more on different hosts keep keys usable while one is down').meta({ description: 'The proxy\'s private on-premises IPv4 addresses; two or more on different hosts keep keys usable while one is down.' }),
      proxyPort: z.number({ error: 'expected a TCP port, e.g. 443' }).int('expected a TCP port').min(1).max(65535).default(443).meta({ description: 'The TCP port the proxy listens on.' }),
    })
    .optional().meta({ description: 'With vpc-endpoint-service: the custody VPC, its load balancer and where the proxy is.' }),
  // Stage 2 (docs/xks-runbook.md): the access key id of the credential put in the store's secret and served by the proxy.
  credentialAccessKeyId: z
    .string({ error: 'expected the access key id printed by `suveren xks-proxy credential`' })
    .regex(XKS_ACCESS_KEY_ID_PATTERN, 'expected 20-30 characters of A-Z and 2-7, as printed by `suveren xks-proxy credential`')
    .optional().meta({ description: 'Stage 2 (docs/xks-runbook.md): the access key id of the proxy credential, printed by suveren xks-proxy credential.' }),
  cryptoOfficerRoleName: iamRoleName.default('suveren-crypto-officer').meta({ description: 'The IAM role the customer\'s crypto officer assumes in the key-custody account.' }),
});


export const keyCustodySchema = z
    .strictObject({
      hsmClusters: z.array(hsmClusterSchema, { error: 'expected a list of HSM clusters' }).default([]).meta({ description: 'The CloudHSM clusters of tier hsm.' }),
      externalKeyStores: z.array(externalKeyStoreSchema, { error: 'expected a list of external key stores' }).default([]).meta({ description: 'The KMS external key stores of tier external.' }),
    })
    .default({ hsmClusters: [], externalKeyStores: [] }).meta({ description: 'The key custody of tiers hsm and external.' });

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
          `a CloudHSM cluster needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not known to exist in ${partitionName(partition)} (packages/core/partitions.ts). Check AWS's service list for the partition; if ${missing.length === 1 ? 'it is' : 'they are'} there, add organization.assumeAvailable: [${[...new Set([...config.organization.assumeAvailable, ...missing])].join(', ')}], otherwise remove the cluster`,
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
          `an external key store needs ${missing.join(', ')}, which is not known to exist in ${partitionName(partition)} (packages/core/partitions.ts). If AWS's service list for the partition has it, add organization.assumeAvailable: [${[...new Set([...config.organization.assumeAvailable, ...missing])].join(', ')}], otherwise remove the store`,
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
