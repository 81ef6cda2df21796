import { z } from 'zod';
import type { LockedAccount } from './account-lock';
import { CROSS_FIELD_VALIDATORS, crossFieldContext } from './areas';
import { auditSchema } from './areas/audit';
import { changesSchema } from './areas/changes';
import { conformanceSectionSchema } from './areas/conformance';
import { deploymentSchema } from './areas/deployment';
import { evidenceSchema } from './areas/evidence';
import { keyCustodySchema } from './areas/key-custody';
import { notificationsSchema } from './areas/notifications';
import { organizationSchema } from './areas/organization';
import { identityCenterSchema } from './areas/people';
import { tenantsSchema } from './areas/tenants';
import { DEFAULT_TIER } from '../contracts/tiers';

/*
 * One schema for every suveren config file, composed of one section per area
 * (packages/core/config/areas/: each area's schema and its cross-field rules; packages/core/fields/config-fields.ts:
 * the field types they share). Every object is strict: an unknown key is an error,
 * because a typo (`allowedRegion`, `clasification`) must never silently weaken a control.
 * Messages say what to write instead; the loader adds the file, the line and the field
 * path.
 */

export const rawConfigSchema = z.strictObject({
  organization: organizationSchema,
  identityCenter: identityCenterSchema,
  audit: auditSchema,
  keyCustody: keyCustodySchema,
  tenants: tenantsSchema,
  deployment: deploymentSchema.optional().meta({ description: 'Where and how the landing zone is deployed: Suveren-Pipeline (docs/deploying.md); without it, by hand.' }),
  conformance: conformanceSectionSchema,
  notifications: notificationsSchema,
  evidence: evidenceSchema,
  changes: changesSchema,
});

export type RawConfig = z.output<typeof rawConfigSchema>;

/** One problem found in a config, located by its field path. */
export interface ConfigIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Cross-field rules that a per-field schema cannot express, area by area
 * (packages/core/config/areas/). Runs only on a config whose fields are individually valid,
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
