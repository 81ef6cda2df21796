import { TIERS, type Tier } from '../contracts/tiers';
import type { CustodyPlace, TierDefinition, TierTenant, TierValidationContext } from './tier-definition';
import { standardTier } from './standard';
import { hsmTier } from './hsm';
import { externalTier } from './external';
import { clientSideTier } from './client-side';

export type {
  CustodyLocation,
  CustodyPlace,
  TierContinuity,
  TierDefinition,
  TierEvidenceSection,
  TierSentence,
  TierTenant,
  TierValidationContext,
} from './tier-definition';

/*
 * The registered tiers, in increasing order of key custody (a tenant may move right, never
 * left): the built-in four of the tier table, then any registered with `registerTierDefinition`
 * (through `registerTier` in lib/stacks/tiers, which registers a tier's CDK half as well).
 * The config schema reads the list once, when it is built, and seals it: a tier registered
 * later would be missing from the schema, so registering then throws.
 */

/** The built-in tiers' definitions, in the order of the tier table. */
export const BUILT_IN_TIER_DEFINITIONS = [standardTier, hsmTier, externalTier, clientSideTier] as const;

const registered: TierDefinition[] = [...BUILT_IN_TIER_DEFINITIONS];
let sealedBy: string | undefined;

/** Adds a tier after the built-in ones. Throws once the config schema has been built, or when the name is taken. */
export function registerTierDefinition(definition: TierDefinition): void {
  if (sealedBy !== undefined)
    throw new Error(`tier "${definition.tier}" is registered too late: ${sealedBy} has already read the tiers; register tiers before loading it`);
  if (registered.some((d) => d.tier === definition.tier)) throw new Error(`tier "${definition.tier}" is already registered`);
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(definition.tier))
    throw new Error(`tier "${definition.tier}": a tier name is 1-31 lower-case letters, digits and hyphens, starting with a letter`);
  registered.push(definition);
}

/** Every tier, built-in first; `reader` names who seals the list by reading it to build something that cannot change afterwards. */
export function sealTiers(reader: string): readonly TierDefinition[] {
  sealedBy ??= reader;
  return registered;
}

/** Every registered tier, in order. */
export function tierDefinitions(): readonly TierDefinition[] {
  return registered;
}

/** The names of every registered tier, in order. */
export function tierNames(): readonly Tier[] {
  return registered.map((d) => d.tier as Tier);
}

/** A tier's definition; throws for a name no module registered. */
export function tierDefinition(tier: string): TierDefinition {
  const definition = registered.find((d) => d.tier === tier);
  if (!definition) throw new Error(`no tier "${tier}" is registered (known: ${registered.map((d) => d.tier).join(', ')})`);
  return definition;
}

/** A tier's place in the custody order: a tenant may move to a tier of higher rank, never lower. */
export function tierRank(tier: string): number {
  return registered.findIndex((d) => d.tier === tier);
}

/** Where a tenant's key lives when its tier keeps it in a key-custody account. */
export function custodyOf(tenant: TierTenant & { readonly tier: string }, context?: Parameters<NonNullable<TierDefinition['custodyOf']>>[1]) {
  return tierDefinition(tenant.tier).custodyOf?.(tenant, context);
}

/** Where a tenant's replica key lives when its tier keeps it in a key-custody place of the replica region. */
export function replicaCustodyOf(tenant: TierTenant & { readonly tier: string }, context?: Parameters<NonNullable<TierDefinition['replicaCustodyOf']>>[1]) {
  return tierDefinition(tenant.tier).replicaCustodyOf?.(tenant, context);
}

/** A config's key-custody places by id, as tier definitions read them (a later one of the same id wins; the key-custody area reports the duplicate). */
export function custodyPlaces(keyCustody: {
  readonly hsmClusters: readonly CustodyPlace[];
  readonly externalKeyStores: readonly CustodyPlace[];
}): Pick<TierValidationContext, 'clusters' | 'stores'> {
  return { clusters: new Map(keyCustody.hsmClusters.map((c) => [c.id, c])), stores: new Map(keyCustody.externalKeyStores.map((s) => [s.id, s])) };
}

// The built-in list and the tier table name the same tiers in the same order.
if (BUILT_IN_TIER_DEFINITIONS.map((d) => d.tier).join() !== TIERS.join()) throw new Error("packages/core/tiers lists the tier table's tiers out of order");
