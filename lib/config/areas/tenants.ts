import { z } from 'zod';
import { checkRecoveryPublicKey } from '../../contracts/recovery-key';
import { XKS_KEY_ID_PATTERN } from '../../contracts/xks';
import { S3_MAX_OBJECT_BYTES } from '../../contracts/upload-layout';
import { accountId, dnsSafeId, euRegion } from '../fields';
import { isEuRegion } from '../../contracts/regions';
import { PROVISIONERS_PER_STACK } from '../../contracts/names';
import { CLASSIFICATIONS, DEFAULT_TIER, TIERS, TIER_TABLE, encryptsOnClient, tierRank, usesCloudHsm, usesCustomKeyStore, usesExternalKeyStore } from '../../contracts/tiers';
import { CAPABILITIES, KEY_STORE_REQUIREMENTS, PARTITION_CAPABILITIES, isKnownPartition, isUsable, partitionName } from '../../partitions';
import { type CrossFieldContext, partitionOf } from './context';

/** The public half of a client-side tenant's offline recovery key; the private half is refused here and anywhere else in a config. */
export const recoveryPublicKey = z
  .string({ error: 'expected the recovery public key as a PEM block (a YAML literal: |), the content of recovery-public.pem from `suveren keygen --recovery`' })
  .superRefine((pem, ctx) => {
    const check = checkRecoveryPublicKey(pem);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

export const mediaType = z
  .string({ error: 'expected a media type such as application/pdf' })
  .regex(
    /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/,
    'expected a lower-case media type "type/subtype" without parameters, e.g. application/pdf',
  );

export const uploadsSchema = z.strictObject({
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

export const tenantSchema = z.strictObject({
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


export const tenantsSchema = z.array(tenantSchema, { error: 'expected a list of tenants' }).min(1, 'list at least one tenant').meta({ description: 'The tenants: each a data controller with its own account, keys, bucket and roles.' });

/** Tenants: accounts of their own, unique ids, tiers their classification and partition allow, the key custody each tier needs, and room in the custody stacks. */
export function tenantIssues(context: CrossFieldContext): void {
  const { config, issue, mustBeAllowed, clusters, stores } = context;
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
}
