import { DEFAULT_EVIDENCE_LANGUAGE, EVIDENCE_LANGUAGES } from '../contracts/evidence-languages';
import { X509Certificate } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import type { LockedAccount } from './account-lock';
import { EU_REGIONS, EU_REGION_PARTITIONS, isEuRegion, whyNotEu, type EuRegion } from '../contracts/regions';

/** The partition of an EU region (the schema runs on the premises too, without aws-cdk-lib). */
const partitionOf = (region: EuRegion): string => EU_REGION_PARTITIONS[region];
import { CLASSIFICATIONS, DEFAULT_TIER, TIERS, TIER_TABLE, encryptsOnClient, tierRank, usesCloudHsm, usesCustomKeyStore, usesExternalKeyStore } from '../contracts/tiers';
import {
  XKS_ACCESS_KEY_ID_PATTERN,
  XKS_CONNECTIVITY,
  XKS_DEFAULT_URI_PATH,
  XKS_KEY_ID_PATTERN,
  XKS_URI_ENDPOINT_PATTERN,
  XKS_URI_PATH_MAX_LENGTH,
  XKS_URI_PATH_PATTERN,
  type XksConnectivity,
} from '../contracts/xks';
import { checkRecoveryPublicKey } from '../contracts/recovery-key';
import { PROVISIONERS_PER_STACK } from '../contracts/names';
import {
  CAPABILITIES,
  CAPABILITY_IDS,
  KEY_STORE_REQUIREMENTS,
  PARTITION_CAPABILITIES,
  PIPELINE_REQUIREMENTS,
  REGIONS_WITHOUT_CODECONNECTIONS,
  isKnownPartition,
  isUsable,
  partitionName,
} from '../partitions';
import { S3_MAX_OBJECT_BYTES } from '../contracts/upload-layout';
import { ACKNOWLEDGEABLE_CHANGE_KINDS, type AcknowledgeableChangeKind } from '../contracts/change-kinds';
import { DEPLOY_MAX_CONCURRENCY, MAX_TENANT_WAVES, maxWaveSize } from '../contracts/pipeline-limits';

/*
 * One schema for every suveren config file. Every object is strict: an unknown key is
 * an error, because a typo (`allowedRegion`, `clasification`) must never silently
 * weaken a control. Messages say what to write instead; the loader adds the file,
 * the line and the field path.
 */

const accountId = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? 'an account id must be a quoted string: write it as "012345678901" (unquoted numbers lose leading zeros)'
        : 'expected a 12-digit AWS account id as a quoted string, e.g. "111111111111"',
  })
  .regex(/^\d{12}$/, 'expected a 12-digit AWS account id, e.g. "111111111111"');

const euRegion = z
  .string({ error: 'expected a region name such as eu-north-1' })
  .refine(isEuRegion, {
    error: (issue) => `${whyNotEu(String(issue.input))}; use one of the EU regions: ${EU_REGIONS.join(', ')}`,
  })
  // JSON Schema has no refinements: editors get the allow-list as an enum.
  .meta({ enum: [...EU_REGIONS] });

/** DNS-safe: tenant and cluster ids end up in stack names, bucket names and aliases. */
const dnsSafeId = z
  .string({ error: 'expected an id: lower-case letters, digits and hyphens' })
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
    'must be 1-32 characters of lower-case letters, digits and hyphens, starting and ending with a letter or digit (it is used in stack and bucket names), e.g. "malmo-stad"',
  );

const guardrailTarget = z
  .string({ error: 'expected an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) or a quoted 12-digit account id' })
  .regex(
    /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}|\d{12})$/,
    'expected an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) or a quoted 12-digit account id',
  );

const iamRoleName = z
  .string({ error: 'expected an IAM role name' })
  .regex(/^[\w+=,.@-]{1,64}$/, 'expected an IAM role name: 1-64 characters of letters, digits and +=,.@_-');

const iamPrincipalArn = z
  .string({ error: 'expected an IAM role ARN, e.g. "arn:aws:iam::555555555555:role/release-publisher"' })
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'expected an IAM role ARN, e.g. "arn:aws:iam::555555555555:role/release-publisher"');

/** A PEM X.509 certificate: public material only, checked to parse. */
function pemCertificate(what: string) {
  return z
    .string({ error: `expected ${what}, as a PEM block (a YAML literal: |)` })
    .refine((pem) => !/PRIVATE KEY/.test(pem), 'this is a private key: it must never leave the offline CA, and is now exposed; create a new CA (suveren hsm create-ca)')
    .refine((pem) => {
      try {
        new X509Certificate(pem);
        return true;
      } catch {
        return false;
      }
    }, `expected ${what}: a PEM X.509 certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)`);
}

/** The public half of a client-side tenant's offline recovery key; the private half is refused here and anywhere else in a config. */
const recoveryPublicKey = z
  .string({ error: 'expected the recovery public key as a PEM block (a YAML literal: |), the content of recovery-public.pem from `suveren keygen --recovery`' })
  .superRefine((pem, ctx) => {
    const check = checkRecoveryPublicKey(pem);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

const mediaType = z
  .string({ error: 'expected a media type such as application/pdf' })
  .regex(
    /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/,
    'expected a lower-case media type "type/subtype" without parameters, e.g. application/pdf',
  );

const uploadsSchema = z.strictObject({
  maxObjectBytes: z
    .number({ error: 'expected a whole number of bytes, e.g. 5368709120 for 5 GiB' })
    .int('expected a whole number of bytes')
    .min(1, 'must be at least 1 byte')
    .max(S3_MAX_OBJECT_BYTES, `must be at most ${S3_MAX_OBJECT_BYTES} (5 TiB, the largest object S3 stores)`).meta({ description: 'The largest object a person may upload, in bytes (at most 5 TiB, the largest object S3 stores).' }),
  allowedContentTypes: z
    .array(mediaType, { error: 'expected a list of media types, e.g. [application/pdf]' })
    .min(1, 'list at least one media type, e.g. [application/pdf]').meta({ description: 'The media types the upload endpoint accepts, e.g. [application/pdf]; the inspection function rejects others.' }),
  // Lambda keeps 10 of an account's concurrency unreserved, and a new account's quota is
  // 10, so reserving is opt-in: once the quota is raised.
  reservedConcurrency: z
    .strictObject({
      presign: z.number({ error: 'expected a whole number of concurrent presign requests, e.g. 10' }).int('expected a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').meta({ description: 'Reserved concurrency of the presign function.' }),
      inspect: z.number({ error: 'expected a whole number of concurrent inspections, e.g. 5' }).int('expected a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').meta({ description: 'Reserved concurrency of the inspection function.' }),
    })
    .optional().meta({ description: 'Reserved Lambda concurrency for the upload functions; leave out until the account quota is raised above 10.' }),
});

const hsmClusterSchema = z.strictObject({
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

/** An IPv4 address in a range an NLB takes as an IP target outside its VPC (RFC 1918, RFC 6598). */
const privateIpv4 = z
  .string({ error: 'expected an IPv4 address such as 192.168.10.21' })
  .refine(isIPv4, 'expected an IPv4 address such as 192.168.10.21')
  .refine(
    (ip) => PRIVATE_IPV4_RANGES.some((range) => inCidr(ip, range)),
    `must be a private address (${'10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10'}): a load balancer reaches on-premises targets only at private addresses, over Direct Connect or VPN`,
  );

const ipv4Cidr = z
  .string({ error: 'expected an IPv4 CIDR block such as 10.200.0.0/24' })
  .refine((c) => {
    const [ip, bits] = c.split('/');
    return isIPv4(ip ?? '') && /^\d+$/.test(bits ?? '') && Number(bits) >= 16 && Number(bits) <= 26;
  }, 'expected an IPv4 CIDR block from /16 to /26 such as 10.200.0.0/24 (one subnet per Availability Zone is cut from it)');

const externalKeyStoreSchema = z.strictObject({
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

const tenantSchema = z.strictObject({
  id: dnsSafeId.meta({ description: 'The tenant\'s id: 1-32 lower-case letters, digits and hyphens; it names the stack, the bucket and the key.' }),
  displayName: z.string({ error: 'expected a display name, e.g. "Malmö stad"' }).min(1, 'must not be empty').max(128).meta({ description: 'The tenant\'s name as people know it, e.g. "Malmö stad".' }),
  account: accountId.meta({ description: 'The tenant\'s own AWS account, as a quoted 12-digit string (or a name from the accounts lock file).' }),
  region: euRegion.meta({ description: 'Where the tenant\'s data is stored: one of the allowed EU regions.' }),
  classification: z.enum(CLASSIFICATIONS, { error: `expected one of ${CLASSIFICATIONS.join(', ')}` }).meta({ description: 'The data\'s classification, which decides the default tier: internal (standard), confidential (hsm), secret (client-side).' }),
  tier: z.enum(TIERS, { error: `expected one of ${TIERS.join(', ')} (or leave it out to derive it)` }).optional().meta({ description: 'The key custody tier, if raised above the classification\'s default: standard, hsm, external or client-side.' }),
  hsmCluster: dnsSafeId.optional().meta({ description: 'For tier hsm: the id of the HSM cluster (keyCustody.hsmClusters) that holds the tenant\'s key.' }),
  provisionerShard: z
    .number({ error: 'expected a whole number from 2: the -Provisioners-<n> stack of the cluster that holds this tenant\'s provisioner role' })
    .int('expected a whole number from 2')
    .min(2, 'shard 1 is the cluster\'s own stack: leave provisionerShard out for it')
    .max(99, 'at most 99 provisioner stacks per cluster')
    .optional().meta({ description: 'For a cluster with more than 200 hsm tenants: the -Provisioners-<n> stack that holds this tenant\'s provisioner role.' }),
  hsmKeyGeneration: z
    .number({ error: 'expected a whole number: 1 for the first key, 2 after the first rotation, ...' })
    .int('expected a whole number: 1 for the first key, 2 after the first rotation, ...')
    .min(1, 'generations count from 1')
    .max(20, 'at most 20 generations: re-encrypt old objects and retire old generations first (docs/hsm-runbook.md)')
    .optional().meta({ description: 'For tier hsm: the generation of the tenant\'s HSM key, 1 for the first, raised by each rotation.' }),
  externalKeyStore: dnsSafeId.optional().meta({ description: 'For tier external: the id of the external key store (keyCustody.externalKeyStores).' }),
  xksKeyId: z
    .string({ error: 'expected the label of the tenant\'s key in the customer\'s HSM, as the proxy config lists it under keys[].externalKeyId' })
    .regex(XKS_KEY_ID_PATTERN, 'must be 1-128 letters, digits and . _ - (KMS XksKeyId): the HSM key\'s label, as in the proxy config')
    .optional().meta({ description: 'For tier external: the label of the tenant\'s key in the customer\'s HSM, as the proxy config lists it.' }),
  clientSide: z
    .strictObject({
      recoveryPublicKey: recoveryPublicKey.meta({ description: 'The public half of the offline recovery key (suveren keygen --recovery), as a PEM block: RSA-4096.' }),
    })
    .optional().meta({ description: 'For tier client-side: the offline recovery key every object is also wrapped for.' }),
  uploads: uploadsSchema.meta({ description: 'What the tenant\'s upload endpoint accepts.' }),
  keepStandardKey: z
    .boolean({ error: 'expected true or false: whether the tier-standard key this tenant had before its tier was raised stays in its stack' })
    .default(false).meta({ description: 'After a tier raise: keep the tenant\'s former standard key in its stack, for reading until migrated.' }),
  migration: z
    .boolean({ error: 'expected true or false: whether the tenant\'s migration role exists, for `suveren migrate`' })
    .default(false).meta({ description: 'Whether the tenant\'s migration role exists, for suveren migrate.' }),
  // The controller's own assessment of this tenant's processing: where it is filed, not what it says (docs/evidence.md).
  assessment: z
    .strictObject({
      reference: z
        .string({ error: 'expected the case reference of the assessment (diarienummer / saksnummer), e.g. "KS 2026/123"' })
        .trim()
        .min(1, 'must not be empty')
        .max(64, 'at most 64 characters').meta({ description: 'The case reference of the assessment (diarienummer, saksnummer), e.g. "KS 2026/123".' }),
      date: z
        .string({ error: 'expected the date of the decision as YYYY-MM-DD, e.g. "2026-11-20"' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD, e.g. "2026-11-20"')
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar date').meta({ description: 'The date of the decision, as YYYY-MM-DD.' }),
      decisionMakerRole: z
        .string({ error: 'expected the role of whoever signed the decision, e.g. "kommundirektör" (a role, not a name)' })
        .trim()
        .min(1, 'must not be empty')
        .max(128, 'at most 128 characters').meta({ description: 'The role of whoever signed the decision, e.g. "kommundirektör" (a role, not a name).' }),
    })
    .optional().meta({ description: 'The controller\'s own assessment of this processing: where it is filed, not what it says (docs/evidence.md).' }),
  noncurrentVersionExpirationDays: z
    .number({ error: 'expected a whole number of days' })
    .int('expected a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(36500, 'must be at most 36500 days')
    .default(365).meta({ description: 'Days a replaced or deleted object version is kept before S3 expires it.' }),
});

/** Resource-level change kinds name the resource (an account removal, its id); stack- and tenant-level kinds name only the stack. */
const RESOURCE_LEVEL_KINDS: readonly AcknowledgeableChangeKind[] = ['replace', 'delete', 'orphan', 'rename', 'account-removed', 'protection-weakened'];

const acknowledgmentSchema = z.strictObject({
  stack: z
    .string({ error: 'expected the stack id the plan names, e.g. "Suveren-Tenant-lund-kommun"' })
    .regex(/^Suveren-[A-Za-z0-9-]{1,120}$/, 'expected a suveren stack id as the plan names it, e.g. "Suveren-Tenant-lund-kommun"').meta({ description: 'The stack id the plan names, e.g. "Suveren-Tenant-lund-kommun".' }),
  logicalId: z
    .string({ error: 'expected the logical id the plan names, e.g. "DataKey2A0DE9E6"' })
    .regex(/^[A-Za-z0-9]{1,255}$/, 'expected a CloudFormation logical id as the plan names it, e.g. "DataKey2A0DE9E6"')
    .optional().meta({ description: 'For a resource-level kind: the logical id the plan names (for account-removed, the account id).' }),
  // A reach-gained refusal is one per principal: each new path to plaintext is accepted on its own.
  principal: z
    .string({ error: 'expected the principal ARN the plan names, e.g. "arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader"' })
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'expected a role ARN as the plan names it, e.g. "arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader"')
    .optional().meta({ description: 'For reach-gained: the role ARN of the principal whose new path to plaintext is accepted.' }),
  kind: z.enum(ACKNOWLEDGEABLE_CHANGE_KINDS, {
    error: `expected one of ${ACKNOWLEDGEABLE_CHANGE_KINDS.join(', ')} (the kind the plan's refusal names; docs/plan.md)`,
  }).meta({ description: 'The kind of refused change, as the plan names it (docs/plan.md).' }),
  reason: z
    .string({ error: 'expected the reason, in words a reviewer would accept' })
    .trim()
    .min(20, 'say why this change is accepted and what happens to the data, in words a reviewer would accept (at least 20 characters)').meta({ description: 'Why the change is accepted and what happens to the data, in words a reviewer would accept (at least 20 characters).' }),
});

const approverEmail = z
  .string({ error: 'expected an e-mail address of an approver, e.g. "plattform@lund.se"' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an e-mail address, e.g. "plattform@lund.se"');

const deploymentSchema = z.strictObject({
  account: accountId.meta({ description: 'Suveren-Pipeline\'s own account, none of the organization\'s other accounts.' }),
  region: euRegion.meta({ description: 'Where the pipeline runs: one of the allowed EU regions.' }),
  source: z.union(
    [
      z.strictObject({
        s3: z.strictObject({
          objectKey: z
            .string({ error: 'expected the release object key, e.g. "releases/suveren.zip"' })
            .regex(/^[A-Za-z0-9!_.*'()/-]{1,1024}$/, 'expected an S3 object key such as "releases/suveren.zip" (letters, digits and !_.*\'()/-)').meta({ description: 'The release object\'s key in the pipeline\'s source bucket, e.g. "releases/suveren.zip".' }),
          releasePrincipals: z
            .array(iamPrincipalArn, { error: 'expected a list of role ARNs that upload releases' })
            .min(1, 'name at least one role that uploads releases: nobody else may put objects in the source bucket').meta({ description: 'The roles that may upload releases to the source bucket.' }),
          // Who may assume the role Suveren-Pipeline creates to upload releases (suveren-release-publisher).
          releasePublisherTrust: z.array(iamPrincipalArn, { error: 'expected a list of role ARNs, e.g. your CI\'s role' }).min(1, 'list at least one role').optional().meta({ description: 'Who may assume suveren-release-publisher, the role Suveren-Pipeline creates to upload releases.' }),
        }).meta({ description: 'Releases come as an object in the pipeline\'s own S3 bucket.' }),
      }),
      z.strictObject({
        codeConnections: z.strictObject({
          connectionArn: z
            .string({ error: 'expected a CodeConnections connection ARN' })
            .regex(
              /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/,
              'expected arn:<partition>:codeconnections:<region>:<account>:connection/<uuid> (aws codeconnections list-connections)',
            ).meta({ description: 'The CodeConnections connection ARN (aws codeconnections list-connections).' }),
          repository: z
            .string({ error: 'expected the repository as owner/name' })
            .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected the repository as owner/name, e.g. "lund-kommun/suveren-config"').meta({ description: 'The repository as owner/name.' }),
          branch: z.string({ error: 'expected a branch name, e.g. "main"' }).min(1).max(255).meta({ description: 'The branch the pipeline follows.' }),
        }).meta({ description: 'Releases come from a repository through AWS CodeConnections.' }),
      }),
    ],
    { error: 'expected either s3: { objectKey, releasePrincipals } or codeConnections: { connectionArn, repository, branch }' },
  ).meta({ description: 'Where the pipeline gets releases: s3 or codeConnections.' }),
  approvers: z.strictObject({
    changes: z.array(approverEmail, { error: 'expected a list of e-mail addresses' }).min(1, 'name at least one approver of changes').meta({ description: 'E-mail addresses of the approvers of every change.' }),
    organization: z
      .array(approverEmail, { error: 'expected a list of e-mail addresses' })
      .min(1, 'name at least one approver for the organization stage (guardrails): it may not be left to the change approvers alone').meta({ description: 'E-mail addresses of the approvers of the organization stage (guardrails), besides the change approvers.' }),
  }).meta({ description: 'Who approves in the pipeline.' }),
  bootstrapTargets: z
    .array(
      z
        .string({ error: 'expected an OU id (ou-xxxx-xxxxxxxx) or the root id (r-xxxx)' })
        .regex(/^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/, 'expected an OU id (ou-xxxx-xxxxxxxx) or the root id (r-xxxx): service-managed StackSets deploy to OUs'),
      { error: 'expected a list of OU ids' },
    )
    .min(1, 'name at least one OU whose accounts receive the bootstrap')
    .optional().meta({ description: 'The OUs whose accounts Suveren-Bootstrap\'s StackSets reach; the default is organization.guardrailTargets.' }),
  configFile: z
    .string({ error: 'expected the path of this config in the repository, e.g. config/lund.yaml' })
    .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_./-]+\.ya?ml$/, 'expected a path inside the repository, relative to its root, e.g. config/lund.yaml')
    .optional().meta({ description: 'This config\'s path in the repository, relative to its root, e.g. config/lund.yaml.' }),
  waveSize: z
    .number({ error: 'expected a whole number of tenant stacks per wave, e.g. 25' })
    .int('expected a whole number of tenant stacks per wave')
    .min(1, 'a wave holds at least one tenant stack')
    .default(25).meta({ description: 'Tenant stacks per deployment wave.' }),
  concurrency: z
    .number({ error: 'expected a whole number of stacks deployed at once, e.g. 10' })
    .int('expected a whole number of stacks deployed at once')
    .min(1, 'deploy at least one stack at a time')
    .max(DEPLOY_MAX_CONCURRENCY, `at most ${DEPLOY_MAX_CONCURRENCY} stacks at once (lib/contracts/pipeline-limits.ts says why)`)
    .default(10).meta({ description: 'Stacks deployed at once within a wave.' }),
});

/** Resource types AWS Config records, as its ResourceType names them. */
const configResourceType = z
  .string({ error: 'expected an AWS Config resource type, e.g. "AWS::DynamoDB::Table"' })
  .regex(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'expected a resource type as AWS Config names it, e.g. "AWS::DynamoDB::Table"');

const conformanceSchema = z.strictObject({
  recorders: z
    .enum(['create', 'existing'], {
      error:
        'expected "create" (suveren\'s baseline StackSet creates a recorder and delivery channel in every account and allowed region) or "existing" (Control Tower, Landing Zone Accelerator or another tool already has them)',
    })
    .default('create').meta({ description: 'create: suveren\'s baseline StackSet creates AWS Config recorders; existing: another tool already has them.' }),
  recorderManagerRoleNames: z
    .array(iamRoleName, { error: 'expected a list of role names, e.g. [AWSControlTowerExecution]' })
    .default([]).meta({ description: 'With recorders: existing, the roles of the tool that manages the recorders, e.g. [AWSControlTowerExecution].' }),
  recordingFrequency: z
    .enum(['CONTINUOUS', 'DAILY'], { error: 'expected CONTINUOUS (every change, as it happens) or DAILY (one item per resource and day, cheaper)' })
    .default('CONTINUOUS').meta({ description: 'CONTINUOUS (every change, as it happens) or DAILY (one item per resource and day).' }),
  additionalResourceTypes: z.array(configResourceType, { error: 'expected a list of resource types' }).default([]).meta({ description: 'Resource types to record besides suveren\'s, as AWS Config names them, e.g. "AWS::DynamoDB::Table".' }),
  recordResourceCompliance: z.boolean({ error: 'expected true or false' }).default(true).meta({ description: 'Whether the recorders record AWS::Config::ResourceCompliance.' }),
});

const snsTopicArn = z
  .string({ error: 'expected an SNS topic ARN, e.g. "arn:aws:sns:eu-north-1:222222222222:soc-alerts"' })
  .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, 'expected an SNS topic ARN, e.g. "arn:aws:sns:eu-north-1:222222222222:soc-alerts"');

/** Where one kind of account's alarms go. */
const notificationTargetSchema = z
  .strictObject({
    emails: z
      .array(z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an e-mail address, e.g. "soc@kommun.example.se"'), { error: 'expected a list of e-mail addresses' })
      .default([]).meta({ description: 'E-mail addresses subscribed to the alarm topic.' }),
    topicArn: snsTopicArn.optional().meta({ description: 'An existing SNS topic, of the same account and region, the alarms also publish to.' }),
  })
  .refine((t) => t.emails.length > 0 || t.topicArn !== undefined, 'name at least one e-mail address (emails) or an existing topic (topicArn)');

export const rawConfigSchema = z.strictObject({
  organization: z.strictObject({
    organizationId: z
      .string({ error: 'expected the organization id, e.g. "o-a1b2c3d4e5" (aws organizations describe-organization)' })
      .regex(/^o-[a-z0-9]{10,32}$/, 'expected an organization id like "o-a1b2c3d4e5" (aws organizations describe-organization)').meta({ description: 'The AWS Organizations id, e.g. "o-a1b2c3d4e5" (aws organizations describe-organization).' }),
    managementAccount: accountId.meta({ description: 'The organization\'s management account, as a quoted 12-digit string.' }),
    homeRegion: euRegion.optional().meta({ description: 'Where the organization-wide stacks are deployed; the default is the first allowed region.' }),
    allowedRegions: z
      .array(euRegion, { error: 'expected a list of EU regions, e.g. [eu-north-1, eu-west-1]' })
      .min(1, 'list at least one EU region, e.g. [eu-north-1]').meta({ description: 'The EU regions anything may be deployed in; nothing synthesizes for another.' }),
    guardrailTargets: z
      .array(guardrailTarget, { error: 'expected a list of OU or account ids' })
      .min(1, 'list at least one OU or account the guardrails attach to').meta({ description: 'The OUs, root or accounts the guardrail SCPs and the RCP attach to.' }),
    breakGlassRoleName: iamRoleName.meta({ description: 'The name of the break-glass role in every account, exempt from the guardrails and watched by an alarm.' }),
    // The platform roles Suveren-Bootstrap's StackSet creates in every account (docs/deploying.md); without it, by hand.
    platformRoles: z
      .strictObject({
        breakGlassTrust: z
          .array(iamPrincipalArn, { error: 'expected a list of role ARNs, e.g. ["arn:aws:iam::111111111111:role/emergency-access"]' })
          .min(1, 'list at least one role that may assume the break-glass role').meta({ description: 'The roles that may assume the break-glass role.' }),
        cryptoOfficerTrust: z.array(iamPrincipalArn, { error: 'expected a list of role ARNs' }).default([]).meta({ description: 'The roles of the customer\'s crypto officers that may assume the crypto officer\'s role.' }),
      })
      .optional().meta({ description: 'The platform roles Suveren-Bootstrap\'s StackSet creates in every account (docs/deploying.md); without it, made by hand.' }),
    assumeAvailable: z
      .array(
        z.enum(CAPABILITY_IDS, { error: `expected one of ${CAPABILITY_IDS.join(', ')} (lib/partitions.ts lists what each is)` }),
        { error: 'expected a list of capabilities, e.g. [cloudhsm, kms:cloudhsm-key-store]' },
      )
      .default([]).meta({ description: 'Capabilities to take as offered where suveren has not verified them (lib/partitions.ts lists each).' }),
  }).meta({ description: 'The AWS organization suveren deploys into.' }),
  audit: z.strictObject({
    account: accountId.meta({ description: 'The audit account: the organization trail, AWS Config and the alarms.' }),
    region: euRegion.meta({ description: 'The audit account\'s region: one of the allowed EU regions.' }),
    retentionDays: z
      .number({ error: 'expected a whole number of days, e.g. 2555 (7 years)' })
      .int('expected a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(36500, 'must be at most 36500 days (100 years)').meta({ description: 'How long the audit archive keeps logs, in days (Object Lock, compliance mode).' }),
  }).meta({ description: 'Where the organization\'s audit trail is kept.' }),
  keyCustody: z
    .strictObject({
      hsmClusters: z.array(hsmClusterSchema, { error: 'expected a list of HSM clusters' }).default([]).meta({ description: 'The CloudHSM clusters of tier hsm.' }),
      externalKeyStores: z.array(externalKeyStoreSchema, { error: 'expected a list of external key stores' }).default([]).meta({ description: 'The KMS external key stores of tier external.' }),
    })
    .default({ hsmClusters: [], externalKeyStores: [] }).meta({ description: 'The key custody of tiers hsm and external.' }),
  tenants: z.array(tenantSchema, { error: 'expected a list of tenants' }).min(1, 'list at least one tenant').meta({ description: 'The tenants: each a data controller with its own account, keys, bucket and roles.' }),
  // Where and how the landing zone is deployed: Suveren-Pipeline (docs/deploying.md). Without it, by hand.
  deployment: deploymentSchema.optional().meta({ description: 'Where and how the landing zone is deployed: Suveren-Pipeline (docs/deploying.md); without it, by hand.' }),
  // AWS Config in every account: who owns the recorders, what they record (docs/conformance.md).
  conformance: conformanceSchema.default({
    recorders: 'create',
    recorderManagerRoleNames: [],
    recordingFrequency: 'CONTINUOUS',
    additionalResourceTypes: [],
    recordResourceCompliance: true,
  }).meta({ description: 'AWS Config in every account: who owns the recorders and what they record (docs/conformance.md).' }),
  // Who is told when an alarm fires (docs/deploying.md): e-mail subscriptions of the alarm topics, and/or an existing topic of the same account and region.
  notifications: z
    .strictObject({
      audit: notificationTargetSchema.optional().meta({ description: 'Who is told when an audit account alarm fires.' }),
      keyCustody: notificationTargetSchema.optional().meta({ description: 'Who is told when a key-custody alarm fires.' }),
    })
    .default({}).meta({ description: 'Who is told when an alarm fires: e-mail subscriptions and/or an existing topic.' }),
  // The evidence report's languages: English is report.md and report.html, Swedish and Norwegian report.sv.md, report.nb.md and .html (docs/evidence.md).
  evidence: z
    .strictObject({
      languages: z
        .array(z.enum(EVIDENCE_LANGUAGES, { error: `expected one of ${EVIDENCE_LANGUAGES.join(', ')} (English, Swedish, Norwegian bokmål)` }), {
          error: `expected a list of languages, e.g. [sv, en]`,
        })
        .min(1, `list at least one of ${EVIDENCE_LANGUAGES.join(', ')}`)
        .refine((list) => new Set(list).size === list.length, 'lists a language twice; remove the duplicate')
        .default([DEFAULT_EVIDENCE_LANGUAGE]).meta({ description: 'The evidence report\'s languages: en, sv, nb.' }),
    })
    .default({ languages: [DEFAULT_EVIDENCE_LANGUAGE] }).meta({ description: 'The evidence report (docs/evidence.md).' }),
  // Changes `suveren plan` refuses unless acknowledged here, one by one (docs/plan.md).
  changes: z
    .strictObject({
      acknowledge: z.array(acknowledgmentSchema, { error: 'expected a list of acknowledgments: stack, logicalId, kind, reason' }).default([]).meta({ description: 'Changes suveren plan refuses, acknowledged one by one with a reason (docs/plan.md).' }),
    })
    .default({ acknowledge: [] }).meta({ description: 'What suveren plan is told to accept.' }),
});

type RawConfig = z.output<typeof rawConfigSchema>;

/** One problem found in a config, located by its field path. */
export interface ConfigIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Cross-field rules that a per-field schema cannot express. Runs only on a config
 * whose fields are individually valid, so it can trust their types.
 */
function crossFieldIssues(config: RawConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const allowed = config.organization.allowedRegions;
  const allowedList = allowed.join(', ');
  const issue = (path: (string | number)[], message: string) => issues.push({ path, message });

  const partitions = new Set(allowed.filter(isEuRegion).map(partitionOf));
  if (partitions.size > 1) {
    issue(
      ['organization', 'allowedRegions'],
      `mixes partitions (${[...partitions].join(', ')}): an organization lives in one partition, so list either commercial EU regions or eusc-de-east-1, not both`,
    );
  }
  const seenRegions = new Set<string>();
  allowed.forEach((region, i) => {
    if (seenRegions.has(region)) issue(['organization', 'allowedRegions', i], `${region} is listed twice; remove the duplicate`);
    seenRegions.add(region);
  });

  const mustBeAllowed = (path: (string | number)[], region: string) => {
    if (isEuRegion(region) && !allowed.includes(region)) {
      issue(
        path,
        `${region} is not in organization.allowedRegions (${allowedList}); use one of those, or add ${region} to organization.allowedRegions`,
      );
    }
  };
  mustBeAllowed(['audit', 'region'], config.audit.region);
  const homeRegion = config.organization.homeRegion;
  const organizationPartition = partitions.size === 1 ? [...partitions][0] : undefined;
  if (homeRegion !== undefined && organizationPartition !== undefined && isEuRegion(homeRegion) && partitionOf(homeRegion) !== organizationPartition) {
    issue(
      ['organization', 'homeRegion'],
      `${homeRegion} is in partition ${partitionName(partitionOf(homeRegion))}, but allowedRegions are in ${partitionName(organizationPartition)}; the management account's home region must be in the organization's partition: set homeRegion to one of ${allowedList}`,
    );
  } else if (homeRegion !== undefined) {
    mustBeAllowed(['organization', 'homeRegion'], homeRegion);
  }
  const custodians = [...config.keyCustody.hsmClusters, ...config.keyCustody.externalKeyStores];
  if (config.organization.platformRoles && custodians.length > 0 && config.organization.platformRoles.cryptoOfficerTrust.length === 0) {
    issue(
      ['organization', 'platformRoles', 'cryptoOfficerTrust'],
      `is needed: the StackSet creates the crypto officer's role (${[...new Set(custodians.map((c) => c.cryptoOfficerRoleName))].join(', ')}) in each key-custody account; list the roles of your crypto officers that may assume it`,
    );
  }
  for (const [kind, target, where] of [
    ['audit', config.notifications.audit, [{ account: config.audit.account, region: config.audit.region }]],
    ['keyCustody', config.notifications.keyCustody, config.keyCustody.externalKeyStores.map((s) => ({ account: s.account, region: s.region }))],
  ] as const) {
    const topic = target?.topicArn;
    if (!topic) continue;
    const [, , , region, account] = topic.split(':');
    if (!where.some((w) => w.account === account && w.region === region)) {
      issue(
        ['notifications', kind, 'topicArn'],
        `is in ${account}/${region}, but the ${kind === 'audit' ? 'audit' : 'external key store'} alarms are in ${where.map((w) => `${w.account}/${w.region}`).join(', ') || 'no account (there is no external key store)'}: a CloudWatch alarm publishes to a topic of its own account and region; name one there, or use emails`,
      );
    }
  }
  if (config.audit.account === config.organization.managementAccount) {
    issue(['audit', 'account'], 'is the management account; the log archive belongs in its own member account, out of reach of day-to-day administration');
  }
  const deployment = config.deployment;
  if (deployment) {
    mustBeAllowed(['deployment', 'region'], deployment.region);
    const account = deployment.account;
    const clash =
      account === config.organization.managementAccount
        ? 'the management account: the pipeline would hold the organization\'s keys'
        : account === config.audit.account
          ? 'the audit account: whoever deploys could then reach the evidence of what was deployed'
          : config.tenants.some((t) => t.account === account)
            ? `the account of tenant ${config.tenants.find((t) => t.account === account)!.id}: a tenant's administrators would control every tenant's deployment`
            : [...config.keyCustody.hsmClusters, ...config.keyCustody.externalKeyStores].some((c) => c.account === account)
              ? 'a key-custody account: the keys and the pipeline that changes their policies would share one administrator'
              : undefined;
    if (clash) issue(['deployment', 'account'], `is ${clash}; give the pipeline an account of its own (docs/deploying.md)`);
    const connection = 'codeConnections' in deployment.source ? deployment.source.codeConnections : undefined;
    if (isEuRegion(deployment.region)) {
      const partition = partitionOf(deployment.region);
      const missing = PIPELINE_REQUIREMENTS[connection ? 'codeConnections' : 's3'].filter((c) => !isUsable(partition, c, config.organization.assumeAvailable));
      if (missing.length > 0) {
        issue(
          ['deployment'],
          `needs ${missing.map((c) => `${c} (${CAPABILITIES[c]})`).join(', ')}, which ${partitionName(partition)} is not known to offer (lib/partitions.ts); check the partition's service list, then add ${missing.join(', ')} to organization.assumeAvailable, or deploy by hand (docs/deploying.md)`,
        );
      }
      if (connection && REGIONS_WITHOUT_CODECONNECTIONS.includes(deployment.region)) {
        issue(
          ['deployment', 'source', 'codeConnections'],
          `AWS CodeConnections is not offered in ${deployment.region}: use the s3 release source there, or run the pipeline in another allowed region`,
        );
      }
    }
    if (connection && isEuRegion(deployment.region)) {
      const [, arnPartition, , connectionRegion] = connection.connectionArn.split(':');
      const expected = partitionOf(deployment.region);
      if (arnPartition !== expected) {
        issue(
          ['deployment', 'source', 'codeConnections', 'connectionArn'],
          `is a connection of partition ${arnPartition}, but the pipeline deploys in ${deployment.region} (partition ${expected}): create the connection in ${deployment.region}`,
        );
      } else if (connectionRegion !== deployment.region) {
        issue(
          ['deployment', 'source', 'codeConnections', 'connectionArn'],
          `is a connection in ${connectionRegion}, but the pipeline runs in ${deployment.region}; a pipeline uses connections of its own region: create one in ${deployment.region}`,
        );
      }
    }
    if (!deployment.bootstrapTargets && !config.organization.guardrailTargets.some((t) => /^(ou-|r-)/.test(t))) {
      issue(
        ['deployment', 'bootstrapTargets'],
        'is needed: organization.guardrailTargets names no OU, and the bootstrap StackSet deploys to OUs; list the OUs that hold the tenant, key-custody and audit accounts',
      );
    }
    const limit = maxWaveSize(deployment.concurrency);
    if (deployment.waveSize > limit) {
      issue(
        ['deployment', 'waveSize'],
        `${deployment.waveSize} stacks at ${deployment.concurrency} at a time would outlast CodePipeline's 8-hour limit for a CodeBuild action; use at most ${limit}, or raise concurrency (lib/contracts/pipeline-limits.ts)`,
      );
    }
    const waves = Math.ceil(config.tenants.length / deployment.waveSize);
    if (waves > MAX_TENANT_WAVES) {
      issue(
        ['deployment', 'waveSize'],
        `${config.tenants.length} tenants in waves of ${deployment.waveSize} make ${waves} waves, more than the ${MAX_TENANT_WAVES} one pipeline holds (CodePipeline's stage and action quotas): raise waveSize to at least ${Math.ceil(config.tenants.length / MAX_TENANT_WAVES)}`,
      );
    }
  }

  const clusters = new Map<string, RawConfig['keyCustody']['hsmClusters'][number]>();
  const conformance = config.conformance;
  if (conformance.recorders === 'existing' && conformance.recorderManagerRoleNames.length === 0) {
    issue(
      ['conformance', 'recorderManagerRoleNames'],
      'name the role that manages the existing recorders, e.g. [AWSControlTowerExecution] under Control Tower: the guardrail SCP lets only it, the platform and the break-glass role change them',
    );
  }
  if (conformance.recorders === 'create' && conformance.recorderManagerRoleNames.length > 0) {
    issue(
      ['conformance', 'recorderManagerRoleNames'],
      'is only for recorders: existing; with recorders: create, suveren\'s own StackSet manages them: remove the list, or set recorders: existing',
    );
  }
  config.keyCustody.hsmClusters.forEach((cluster, i) => {
    if (clusters.has(cluster.id)) {
      issue(['keyCustody', 'hsmClusters', i, 'id'], `duplicate HSM cluster id "${cluster.id}"; every cluster needs its own id`);
    }
    clusters.set(cluster.id, cluster);
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

  const stores = new Map<string, RawConfig['keyCustody']['externalKeyStores'][number]>();
  config.keyCustody.externalKeyStores.forEach((store, i) => {
    const at = (...rest: (string | number)[]) => ['keyCustody', 'externalKeyStores', i, ...rest];
    // Both kinds of custody name their stack Suveren-KeyCustody-<id>.
    if (stores.has(store.id) || clusters.has(store.id)) {
      issue(at('id'), `duplicate key-custody id "${store.id}"; HSM clusters and external key stores share one namespace (their stacks are Suveren-KeyCustody-<id>): choose another id`);
    }
    stores.set(store.id, store);
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

  const tenantIds = new Set<string>();
  const tenantOfAccount = new Map<string, string>();
  config.tenants.forEach((tenant, i) => {
    const at = (...rest: (string | number)[]) => ['tenants', i, ...rest];
    // Each tenant is its own data controller: its roles trust its account, so a shared
    // account would let one tenant's principals assume another's roles.
    const owner = tenantOfAccount.get(tenant.account);
    if (owner !== undefined) {
      issue(at('account'), `account ${tenant.account} already belongs to tenant "${owner}"; every tenant needs an account of its own`);
    } else if (tenant.account === config.organization.managementAccount) {
      issue(at('account'), 'is the management account, which SCPs never restrict; give the tenant its own member account');
    } else if (tenant.account === config.audit.account) {
      issue(at('account'), 'is the audit (log archive) account; give the tenant its own member account');
    } else {
      const custody = [...config.keyCustody.hsmClusters, ...config.keyCustody.externalKeyStores].find((c) => c.account === tenant.account);
      if (custody)
        issue(
          at('account'),
          `is the account of key custody "${custody.id}"; the pipeline's tenants deploy project may reach no key-custody account (docs/deploying.md), so give the tenant its own member account`,
        );
    }
    tenantOfAccount.set(tenant.account, tenant.id);
    if (tenantIds.has(tenant.id)) {
      issue(at('id'), `duplicate tenant id "${tenant.id}"; tenant ids name stacks and buckets and must be unique`);
    }
    tenantIds.add(tenant.id);
    mustBeAllowed(at('region'), tenant.region);

    const defaultTier = DEFAULT_TIER[tenant.classification];
    const tier = tenant.tier ?? defaultTier;
    if (tierRank(tier) < tierRank(defaultTier)) {
      issue(
        at('tier'),
        `"${tier}" is below "${defaultTier}", the tier that classification "${tenant.classification}" requires; a tier may be raised, never lowered: remove tier or set it to ${TIERS.slice(tierRank(defaultTier)).join(' or ')}`,
      );
      return;
    }
    if (isEuRegion(tenant.region)) {
      const partition = partitionOf(tenant.region);
      const assumed = config.organization.assumeAvailable;
      const missing = KEY_STORE_REQUIREMENTS[TIER_TABLE[tier].keyStore].filter((capability) => !isUsable(partition, capability, assumed));
      if (missing.length > 0) {
        const states = missing.map((capability) => {
          const entry = isKnownPartition(partition) ? PARTITION_CAPABILITIES[partition][capability] : undefined;
          return `${capability} (${CAPABILITIES[capability]}) is ${entry?.availability ?? 'unverified'} in ${partitionName(partition)}${entry ? ` (${entry.source}, checked ${entry.checked})` : ''}`;
        });
        issue(
          at('tier'),
          `tier "${tier}" needs ${states.join('; ')}. Check AWS's service list for the partition; if it is there, add organization.assumeAvailable: [${[...new Set([...assumed, ...missing])].join(', ')}] (the evidence report shows the override), otherwise choose a tier the partition supports`,
        );
        return;
      }
    }
    if (tenant.clientSide !== undefined && !encryptsOnClient(tier)) {
      issue(
        at('clientSide'),
        `tier "${tier}" encrypts in AWS, so there is no client-side key to recover: remove clientSide, or set tier: client-side if this tenant's data is encrypted on its premises`,
      );
    }
    if (usesExternalKeyStore(tier)) {
      if (tenant.externalKeyStore === undefined) {
        const known = [...stores.keys()];
        issue(
          at('externalKeyStore'),
          known.length > 0
            ? `tier "external" needs externalKeyStore: set it to one of ${known.join(', ')}`
            : 'tier "external" needs externalKeyStore: add a store under keyCustody.externalKeyStores and name its id here',
        );
      } else {
        const store = stores.get(tenant.externalKeyStore);
        if (!store) {
          const known = [...stores.keys()];
          issue(at('externalKeyStore'), `no external key store "${tenant.externalKeyStore}" under keyCustody.externalKeyStores; ${known.length > 0 ? `use one of ${known.join(', ')}` : 'add it there first'}`);
        } else if (store.region !== tenant.region) {
          issue(
            at('externalKeyStore'),
            `external key store "${store.id}" is in ${store.region} but the tenant is in ${tenant.region}; a KMS key must be in its bucket's region: pick a store in ${tenant.region} or move the tenant`,
          );
        }
      }
      if (tenant.xksKeyId === undefined) {
        issue(at('xksKeyId'), "tier \"external\" needs xksKeyId: the label of the tenant's AES-256 key in the customer's HSM, as the proxy config lists it under keys[].externalKeyId");
      }
    } else {
      if (tenant.externalKeyStore !== undefined) {
        issue(at('externalKeyStore'), `tier "${tier}" does not use an external key store; remove externalKeyStore, or set tier: external if this tenant's key belongs in the customer's HSM`);
      }
      if (tenant.xksKeyId !== undefined) {
        issue(at('xksKeyId'), `tier "${tier}" has no external key; xksKeyId is only for tier external: remove it`);
      }
    }
    if (tenant.keepStandardKey && !usesCustomKeyStore(tier)) {
      issue(
        at('keepStandardKey'),
        `tier "${tier}" keeps its key from tier standard (a KMS key of its own account), so there is no former key to keep: remove keepStandardKey`,
      );
    }
    if (tenant.keepStandardKey && usesCustomKeyStore(tier)) {
      const custodyAccount = usesCloudHsm(tier) ? clusters.get(tenant.hsmCluster ?? '')?.account : stores.get(tenant.externalKeyStore ?? '')?.account;
      if (custodyAccount === tenant.account) {
        issue(
          at('keepStandardKey'),
          `the tenant's new key would live in its own account ${tenant.account}, where the kept standard key already holds alias/suveren/${tenant.id}: give the key custody an account of its own`,
        );
      }
    }
    if (tenant.migration && !tenant.keepStandardKey) {
      issue(
        at('migration'),
        'the migration role re-keys objects from the kept standard key, and this tenant keeps none: set keepStandardKey: true with it (docs/plan.md#tier-raise), or remove migration',
      );
    }
    if (usesCloudHsm(tier)) {
      if (tenant.hsmCluster === undefined) {
        const known = [...clusters.keys()];
        issue(
          at('hsmCluster'),
          known.length > 0
            ? `tier "hsm" needs hsmCluster: set it to one of ${known.join(', ')}`
            : 'tier "hsm" needs hsmCluster: add a cluster under keyCustody.hsmClusters and name its id here',
        );
        return;
      }
      const cluster = clusters.get(tenant.hsmCluster);
      if (!cluster) {
        const known = [...clusters.keys()];
        issue(
          at('hsmCluster'),
          `no HSM cluster "${tenant.hsmCluster}" under keyCustody.hsmClusters; ${known.length > 0 ? `use one of ${known.join(', ')}` : 'add it there first'}`,
        );
      } else if (cluster.region !== tenant.region) {
        issue(
          at('hsmCluster'),
          `cluster "${cluster.id}" is in ${cluster.region} but the tenant is in ${tenant.region}; a KMS custom key store must be in the cluster's region: pick a cluster in ${tenant.region} or move the tenant`,
        );
      }
    } else {
      if (tenant.hsmCluster !== undefined) {
        issue(
          at('hsmCluster'),
          `tier "${tier}" does not use an HSM cluster; remove hsmCluster, or set tier: hsm if this tenant's key belongs in the HSM`,
        );
      }
      if (tenant.provisionerShard !== undefined) {
        issue(at('provisionerShard'), `tier "${tier}" has no provisioner role: provisionerShard is only for tier hsm; remove it`);
      }
      if (tenant.hsmKeyGeneration !== undefined) {
        issue(
          at('hsmKeyGeneration'),
          usesExternalKeyStore(tier)
            ? 'tier "external" keys are rotated in the customer\'s HSM behind the same xksKeyId, or replaced by a new xksKeyId (docs/xks-runbook.md); hsmKeyGeneration is only for tier hsm: remove it'
            : `tier "${tier}" keys rotate automatically in AWS KMS; hsmKeyGeneration is only for tier hsm, whose keys are rotated by hand: remove it`,
        );
      }
    }
  });

  config.changes.acknowledge.forEach((ack, i) => {
    const resourceLevel = RESOURCE_LEVEL_KINDS.includes(ack.kind);
    if (resourceLevel && ack.logicalId === undefined) {
      issue(['changes', 'acknowledge', i, 'logicalId'], `kind "${ack.kind}" is about one resource: add the logicalId the plan names for it`);
    } else if (!resourceLevel && ack.logicalId !== undefined) {
      issue(['changes', 'acknowledge', i, 'logicalId'], `kind "${ack.kind}" is about a whole stack or tenant: remove logicalId`);
    }
    if (ack.kind === 'reach-gained' && ack.principal === undefined) {
      issue(['changes', 'acknowledge', i, 'principal'], 'kind "reach-gained" is about one principal\'s new path to plaintext: add the principal the plan names');
    } else if (ack.kind !== 'reach-gained' && ack.principal !== undefined) {
      issue(['changes', 'acknowledge', i, 'principal'], `kind "${ack.kind}" is not about a principal: remove principal`);
    }
  });

  // KMS refuses a second KMS key over the same external key (XksKeyAlreadyInUseException), and
  // one store's stack holds at most PROVISIONERS_PER_STACK provisioner roles.
  const externalKeys = new Map<string, string>();
  const storeOccupancy = new Map<string, number>();
  config.tenants.forEach((tenant, i) => {
    const tier = tenant.tier ?? DEFAULT_TIER[tenant.classification];
    if (!usesExternalKeyStore(tier) || tenant.externalKeyStore === undefined) return;
    if (tenant.xksKeyId !== undefined) {
      const key = `${tenant.externalKeyStore}\u0000${tenant.xksKeyId}`;
      const owner = externalKeys.get(key);
      if (owner !== undefined) {
        issue(['tenants', i, 'xksKeyId'], `external key "${tenant.xksKeyId}" of store "${tenant.externalKeyStore}" is already tenant "${owner}"'s; every tenant needs a key of its own in the HSM`);
      }
      externalKeys.set(key, tenant.id);
    }
    const count = (storeOccupancy.get(tenant.externalKeyStore) ?? 0) + 1;
    storeOccupancy.set(tenant.externalKeyStore, count);
    if (count === PROVISIONERS_PER_STACK + 1) {
      issue(
        ['tenants', i, 'externalKeyStore'],
        `external key store "${tenant.externalKeyStore}" already serves ${PROVISIONERS_PER_STACK} tenants, the most its stack holds provisioner roles for under CloudFormation's 500-resource limit: add another store (its own endpoint service and proxy path) for this and later tenants`,
      );
    }
  });

  // Each provisioner stack of a cluster holds at most PROVISIONERS_PER_STACK roles. The
  // shard is recorded in the config, never computed: a role that moved between stacks
  // would be deleted and recreated, and its key policy, which KMS resolved to the old
  // role's unique id, would no longer let it in.
  const occupancy = new Map<string, number>();
  config.tenants.forEach((tenant, i) => {
    const tier = tenant.tier ?? DEFAULT_TIER[tenant.classification];
    if (!usesCloudHsm(tier) || tenant.hsmCluster === undefined) return;
    const shard = tenant.provisionerShard ?? 1;
    const key = `${tenant.hsmCluster}\u0000${shard}`;
    const count = (occupancy.get(key) ?? 0) + 1;
    occupancy.set(key, count);
    if (count === PROVISIONERS_PER_STACK + 1) {
      issue(
        ['tenants', i, 'provisionerShard'],
        shard === 1
          ? `cluster "${tenant.hsmCluster}" already holds ${PROVISIONERS_PER_STACK} provisioner roles in its own stack, CloudFormation's 500-resource limit allowing no more: set provisionerShard: 2 (or another -Provisioners-<n> stack with room) for this and every later new hsm tenant of the cluster, and never change a deployed tenant's shard`
          : `provisioner stack ${shard} of cluster "${tenant.hsmCluster}" already holds ${PROVISIONERS_PER_STACK} roles: use provisionerShard: ${shard + 1} for this tenant`,
      );
    }
  });
  return issues;
}

function resolveTiers(config: RawConfig, createdAccounts: readonly LockedAccount[]) {
  return {
    ...config,
    /** The accounts suveren created for this config (its lock file), whether the config still names them or not. */
    createdAccounts,
    organization: { ...config.organization, homeRegion: config.organization.homeRegion ?? config.organization.allowedRegions[0] },
    tenants: config.tenants.map((tenant) => ({ ...tenant, tier: tenant.tier ?? DEFAULT_TIER[tenant.classification] })),
  };
}

/** A validated config, with every tenant's tier resolved. */
export type SuverenConfig = ReturnType<typeof resolveTiers>;
export type TenantConfig = SuverenConfig['tenants'][number];
export type HsmClusterConfig = SuverenConfig['keyCustody']['hsmClusters'][number];
export type ExternalKeyStoreConfig = SuverenConfig['keyCustody']['externalKeyStores'][number];

const PRIVATE_IPV4_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Whether IPv4 address `ip` lies in `cidr`. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipv4ToNumber(base) / size) * size;
  const n = ipv4ToNumber(ip);
  return n >= start && n < start + size;
}

export type ValidationResult = { ok: true; config: SuverenConfig } | { ok: false; issues: ConfigIssue[] };

/** Validates a parsed config document: field by field first, then across fields. */
export function validateConfig(input: unknown, createdAccounts: readonly LockedAccount[] = []): ValidationResult {
  const parsed = rawConfigSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.flatMap((issue) => zodIssueToConfigIssues(issue, input)) };
  }
  const issues = crossFieldIssues(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config: resolveTiers(parsed.data, createdAccounts) };
}

function valueAt(input: unknown, fieldPath: readonly (string | number)[]): unknown {
  let value = input;
  for (const key of fieldPath) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function zodIssueToConfigIssues(issue: z.core.$ZodIssue, input: unknown): ConfigIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown key "${key}": remove it or correct its spelling${suggestionFor(key, path)}`,
    }));
  }
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && valueAt(input, path) === undefined) {
    return [{ path, message: `is required: ${issue.message}` }];
  }
  return [{ path, message: issue.message }];
}

/**
 * The keys allowed in the object at `path`, read from the schema itself: every wrapper
 * (optional, default, array, union) unwrapped along the way, so that no list of known
 * keys is kept by hand beside the schema.
 */
export function knownKeysAt(path: readonly (string | number)[]): readonly string[] | undefined {
  let here: readonly z.ZodType[] = [rawConfigSchema];
  const unwrap = (schema: z.ZodType): z.ZodType[] => {
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return unwrap(schema.unwrap() as z.ZodType);
    if (schema instanceof z.ZodDefault) return unwrap(schema.removeDefault() as z.ZodType);
    if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(unwrap);
    return [schema];
  };
  for (const segment of path) {
    here = here
      .flatMap(unwrap)
      .flatMap((schema): z.ZodType[] =>
        typeof segment === 'number'
          ? schema instanceof z.ZodArray
            ? [schema.element as z.ZodType]
            : []
          : schema instanceof z.ZodObject && segment in schema.shape
            ? [schema.shape[segment] as z.ZodType]
            : [],
      );
  }
  const objects = here.flatMap(unwrap).filter((schema): schema is z.ZodObject => schema instanceof z.ZodObject);
  return objects.length > 0 ? [...new Set(objects.flatMap((o) => Object.keys(o.shape)))] : undefined;
}

/** Names the allowed keys of the object the unknown key was found in, nearest match first. */
function suggestionFor(key: string, path: readonly (string | number)[]): string {
  const known = knownKeysAt(path);
  if (!known) return '';
  const nearest = [...known].sort((a, b) => editDistance(key, a) - editDistance(key, b));
  const close = nearest.filter((k) => editDistance(key, k) <= Math.max(2, Math.floor(k.length / 3)));
  return close.length > 0
    ? ` (did you mean "${close[0]}"?)`
    : `; allowed keys here: ${known.join(', ')}`;
}

function editDistance(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  let previous = Array.from({ length: lb.length + 1 }, (_, j) => j);
  for (let i = 1; i <= la.length; i++) {
    const current = [i];
    for (let j = 1; j <= lb.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (la[i - 1] === lb[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[lb.length];
}
