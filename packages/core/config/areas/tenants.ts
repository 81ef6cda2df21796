import { z } from 'zod';
import { S3_MAX_OBJECT_BYTES } from '../../contracts/upload-layout';
import { accountId, calendarDate, dnsSafeId, euRegion } from '../../fields/config-fields';
import { isEuRegion } from '../../contracts/regions';
import { CLASSIFICATIONS, DEFAULT_TIER, type Tier } from '../../contracts/tiers';
import { BUILT_IN_TIER_DEFINITIONS, type TierDefinition, type TierTenant, sealTiers, tierDefinition, tierRank } from '../../tiers';
import { CAPABILITIES, KEY_STORE_REQUIREMENTS, PARTITION_CAPABILITIES, isKnownPartition, isUsable, partitionName } from '../../partitions';
import { type CrossFieldContext, partitionOf } from './context';
import { tenantPeopleSchema } from './people';
import { tenantControllerFields } from './controller';
import { continuitySchema } from './continuity';

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

type FieldsOf<D> = D extends { readonly tenantFields: infer F } ? F : Record<never, never>;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The built-in tiers' fields, for the config's type; a registered tier's fields are in the schema, untyped. */
type BuiltInTierFields = Intersection<FieldsOf<(typeof BUILT_IN_TIER_DEFINITIONS)[number]>>;

const tiers = sealTiers('the config schema (packages/core/config/areas/tenants.ts)');
const tierNames = tiers.map((d) => d.tier) as [Tier, ...Tier[]];
const tierFields = Object.assign({}, ...tiers.map((d) => d.tenantFields ?? {})) as BuiltInTierFields;
/** The tier that owns each tier-specific field. */
const FIELD_OWNERS: readonly { readonly field: string; readonly owner: TierDefinition }[] = tiers.flatMap((owner) =>
  Object.keys(owner.tenantFields ?? {}).map((field) => ({ field, owner })),
);

export const tenantSchema = z.strictObject({
  id: dnsSafeId.meta({ description: 'The tenant\'s id: 1-32 lower-case letters, digits and hyphens; it names the stack, the bucket and the key.' }),
  displayName: z.string({ error: 'expected a display name, e.g. "Malmö stad"' }).min(1, 'must not be empty').max(128).meta({ description: 'The tenant\'s name as people know it, e.g. "Malmö stad".' }),
  account: accountId.meta({ description: 'The tenant\'s own AWS account, as a quoted 12-digit string (or a name from the accounts lock file).' }),
  region: euRegion.meta({ description: 'Where the tenant\'s data is stored: one of the allowed EU regions.' }),
  classification: z.enum(CLASSIFICATIONS, { error: `expected one of ${CLASSIFICATIONS.join(', ')}` }).meta({ description: 'The data\'s classification, which decides the default tier: internal (standard), confidential (hsm), secret (client-side).' }),
  tier: z.enum(tierNames, { error: `expected one of ${tierNames.join(', ')} (or leave it out to derive it)` }).optional().meta({ description: 'The key custody tier, if raised above the classification\'s default: standard, hsm, external or client-side.' }),
  // Each tier's own fields, in the order of the registered tiers (packages/core/tiers).
  ...tierFields,
  uploads: uploadsSchema.meta({ description: 'What the tenant\'s upload endpoint accepts.' }),
  keepStandardKey: z
    .boolean({ error: 'expected true or false: whether the tier-standard key this tenant had before its tier was raised stays in its stack' })
    .default(false).meta({ description: 'After a tier raise: keep the tenant\'s former standard key in its stack, for reading until migrated.' }),
  migration: z
    .boolean({ error: 'expected true or false: whether the tenant\'s migration role exists, for `suveren migrate`' })
    .default(false).meta({ description: 'Whether the tenant\'s migration role exists, for suveren migrate.' }),
  people: tenantPeopleSchema,
  continuity: continuitySchema,
  // What the controller's annex prints that no template says (packages/core/config/areas/controller.ts).
  ...tenantControllerFields,
  // The controller's own assessment of this tenant's processing: where it is filed, not what it says (docs/evidence.md).
  assessment: z
    .strictObject({
      reference: z
        .string({ error: 'expected the case reference of the assessment (diarienummer / saksnummer), e.g. "KS 2026/123"' })
        .trim()
        .min(1, 'must not be empty')
        .max(64, 'at most 64 characters').meta({ description: 'The case reference of the assessment (diarienummer, saksnummer), e.g. "KS 2026/123".' }),
      date: calendarDate.meta({ description: 'The date of the decision, as YYYY-MM-DD.' }),
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
  const { config, issue, mustBeAllowed } = context;
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
    const definition = tierDefinition(tier);
    if (tierRank(tier) < tierRank(defaultTier)) {
      issue(
        at('tier'),
        `"${tier}" is below "${defaultTier}", the tier that classification "${tenant.classification}" requires; a tier may be raised, never lowered: remove tier or set it to ${tierNames.slice(tierRank(defaultTier)).join(' or ')}`,
      );
      return;
    }
    if (isEuRegion(tenant.region)) {
      const partition = partitionOf(tenant.region);
      const assumed = config.organization.assumeAvailable;
      const missing = KEY_STORE_REQUIREMENTS[definition.description.keyStore].filter((capability) => !isUsable(partition, capability, assumed));
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
    // Fields of other tiers first, then the tier's own checks.
    const entry = tenant as unknown as TierTenant;
    for (const { field, owner } of FIELD_OWNERS) {
      if (owner === definition || entry[field] === undefined) continue;
      issue(at(field), definition.foreignFieldOverrides?.[field] ?? owner.foreignFieldMessage?.(field, tier) ?? `tier "${tier}" does not use ${field}: remove it`);
    }
    definition.validateTenant?.(entry, at, context);
    const custody = definition.custodyOf?.(entry, context);
    if (tenant.keepStandardKey && definition.custodyOf === undefined) {
      issue(
        at('keepStandardKey'),
        `tier "${tier}" keeps its key from tier standard (a KMS key of its own account), so there is no former key to keep: remove keepStandardKey`,
      );
    }
    if (tenant.keepStandardKey && custody?.account === tenant.account) {
      issue(
        at('keepStandardKey'),
        `the tenant's new key would live in its own account ${tenant.account}, where the kept standard key already holds alias/suveren/${tenant.id}: give the key custody an account of its own`,
      );
    }
    if (tenant.migration && !tenant.keepStandardKey) {
      issue(
        at('migration'),
        'the migration role re-keys objects from the kept standard key, and this tenant keeps none: set keepStandardKey: true with it (docs/plan.md#tier-raise), or remove migration',
      );
    }
  });

  // Checks across the tenants of one tier: shared capacity, keys of their own.
  const tenantsOf = new Map<TierDefinition, { tenant: TierTenant; index: number }[]>();
  config.tenants.forEach((tenant, index) => {
    const definition = tierDefinition(tenant.tier ?? DEFAULT_TIER[tenant.classification]);
    tenantsOf.set(definition, [...(tenantsOf.get(definition) ?? []), { tenant: tenant, index }]);
  });
  for (const definition of tiers) definition.validateTenants?.(tenantsOf.get(definition) ?? [], context);
}
