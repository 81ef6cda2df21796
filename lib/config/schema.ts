import { DEFAULT_EVIDENCE_LANGUAGE, EVIDENCE_LANGUAGES } from '../contracts/evidence-languages';
import { X509Certificate } from 'node:crypto';
import { PRIVATE_IPV4_RANGES, inCidr, isIPv4 } from './ipv4';
import { CROSS_FIELD_VALIDATORS, crossFieldContext } from './cross-field';
import { z } from 'zod';
import type { LockedAccount } from './account-lock';
import { EU_REGIONS, isEuRegion, whyNotEu } from '../contracts/regions';

import { CLASSIFICATIONS, DEFAULT_TIER, TIERS } from '../contracts/tiers';
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
import { CAPABILITY_IDS } from '../partitions';
import { S3_MAX_OBJECT_BYTES } from '../contracts/upload-layout';
import { ACKNOWLEDGEABLE_CHANGE_KINDS } from '../contracts/change-kinds';
import { DEPLOY_MAX_CONCURRENCY } from '../contracts/pipeline-limits';

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

export type RawConfig = z.output<typeof rawConfigSchema>;

/** One problem found in a config, located by its field path. */
export interface ConfigIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Cross-field rules that a per-field schema cannot express, area by area
 * (lib/config/cross-field/). Runs only on a config whose fields are individually valid,
 * so it can trust their types.
 */
function crossFieldIssues(config: RawConfig): ConfigIssue[] {
  const context = crossFieldContext(config);
  for (const validator of CROSS_FIELD_VALIDATORS) validator.validate(context);
  return context.issues;
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
