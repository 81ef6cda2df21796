import type { z } from 'zod';
import type { KeyStoreKind, TierDescription } from '../contracts/tiers';
import type { EvidenceLanguage } from '../contracts/evidence-languages';

/*
 * What suveren needs to know of a tier outside its CDK constructs: the tenant fields it
 * owns and checks, and the facts the evidence and the reach graph state about it. The
 * config schema, the evidence report, the access matrix and the reach graph iterate the
 * registered definitions (./index.ts) and never ask which tier a tenant is.
 *
 * CDK-free on purpose: the key host's command (the premises kit) validates configs with
 * the same schema and must not pull aws-cdk-lib. A tier's CDK half (its data key and its
 * custody stacks) is its `TierCustody` in lib/stacks/tiers/.
 */

/** A tenant entry as a tier sees it: field-validated, before the cross-field rules. */
export interface TierTenant {
  readonly id: string;
  readonly account: string;
  readonly region: string;
  readonly keepStandardKey?: boolean;
  readonly [field: string]: unknown;
}

/** A text field of a tenant entry (after field validation it is a string or absent). */
export function textField(tenant: TierTenant, field: string): string | undefined {
  const value = tenant[field];
  return typeof value === 'string' ? value : undefined;
}

/** The `continuity` entry of a tenant as a tier's checks read it (field-validated). */
export interface TierContinuity {
  readonly replicaRegion: string;
  readonly replicaKeyCustody?: string;
  readonly replicaXksKeyId?: string;
}

/** A tenant's `continuity`, when it has one. */
export function continuityOf(tenant: TierTenant): TierContinuity | undefined {
  const value = tenant.continuity;
  return value !== null && typeof value === 'object' && typeof (value as TierContinuity).replicaRegion === 'string' ? (value as TierContinuity) : undefined;
}

/**
 * The replica's key-custody place (`continuity.replicaKeyCustody`) of a tier that keeps keys
 * in custody places `places` (named `what` in messages, listed under `where`): it must exist,
 * be in the replica region (a custom key store and its key share a region; the tenant's own
 * place is in the tenant's region). Returns the place when it holds.
 */
export function checkReplicaPlace(
  tenant: TierTenant,
  at: (...rest: (string | number)[]) => (string | number)[],
  issue: TierValidationContext['issue'],
  places: ReadonlyMap<string, CustodyPlace>,
  what: { readonly tier: string; readonly noun: string; readonly where: string },
): CustodyPlace | undefined {
  const continuity = continuityOf(tenant);
  if (!continuity) return undefined;
  const inRegion = [...places.values()].filter((p) => p.region === continuity.replicaRegion).map((p) => p.id);
  const choose =
    inRegion.length > 0 ? `set it to one of ${inRegion.join(', ')}` : `add one in ${continuity.replicaRegion} under ${what.where} and name its id here`;
  const id = continuity.replicaKeyCustody;
  if (id === undefined) {
    issue(at('replicaKeyCustody'), `tier "${what.tier}" keeps the replica's key in the replica region's own ${what.noun} (${what.where}): ${choose}`);
    return undefined;
  }
  const place = places.get(id);
  if (!place) {
    issue(at('replicaKeyCustody'), `no ${what.noun} "${id}" under ${what.where}: ${choose}`);
    return undefined;
  }
  if (place.region !== continuity.replicaRegion) {
    issue(
      at('replicaKeyCustody'),
      `${what.noun} "${id}" is in ${place.region}, the replica in ${continuity.replicaRegion}; a KMS key is in its key store's region and S3 encrypts a replica only under a key of the replica's region: ${choose}`,
    );
    return undefined;
  }
  return place;
}

/** A key-custody place of the config (an HSM cluster or an external key store), as a tier's checks read it. */
export interface CustodyPlace {
  readonly id: string;
  readonly account: string;
  readonly region: string;
}

/** What a tier's cross-field checks read of the whole config, and where they report. */
export interface TierValidationContext {
  /** Reports a problem at a path of the config. */
  readonly issue: (path: (string | number)[], message: string) => void;
  /** The config's HSM clusters by id. */
  readonly clusters: ReadonlyMap<string, CustodyPlace>;
  /** The config's external key stores by id. */
  readonly stores: ReadonlyMap<string, CustodyPlace>;
}

/** Where a tenant's key lives when it is not a KMS key of the tenant's own account. */
export interface CustodyLocation {
  /** The config id of the cluster or key store; it names the key-custody stack. */
  readonly placeId: string;
  /** The key-custody account, when the config names the place. */
  readonly account?: string;
  /** Who creates the tenant's key there: its role name and how the evidence names it. */
  readonly provisioner: { readonly roleName: string; readonly label: string };
}

/** A sentence of the evidence, by its catalogue key (lib/i18n) and parameters. */
export interface TierSentence {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A section of a tenant's evidence that only some tiers have; the evidence builds each from the templates. */
export type TierEvidenceSection = 'recovery' | 'externalKeyStore';

/** A tier: the CDK-free half of its module. */
export interface TierDefinition {
  /** The tier's name in configs, tags and reports. */
  readonly tier: string;
  /** Its row of the tier table (packages/core/contracts/tiers.ts for the built-in tiers). */
  readonly description: TierDescription;
  /**
   * Whether its buckets use S3 Bucket Keys, with which S3 decrypts for a while without
   * calling KMS (the external tier has none, so that sealing the proxy stops decryption at once).
   */
  readonly bucketKeys: boolean;
  /**
   * The tenant fields only this tier uses, with their schemas. The config schema lists them
   * in the order of the registered tiers; a tenant of another tier that sets one is refused
   * with `foreignFieldMessage`.
   * @default none
   */
  readonly tenantFields?: z.ZodRawShape;
  /**
   * Why a field of this tier is wrong on a tenant of `tier`, and the fix.
   * @default "tier X does not use <field>: remove it"
   */
  foreignFieldMessage?(field: string, tier: string): string;
  /**
   * This tier's own explanation for a field another tier owns, when it says more than the
   * owner's (for example why its keys need no hand rotation).
   * @default the owner's message
   */
  readonly foreignFieldOverrides?: Readonly<Record<string, string>>;
  /** Cross-field checks of one tenant of this tier; `at` makes a path inside the tenant's entry. @default none */
  validateTenant?(tenant: TierTenant, at: (...rest: (string | number)[]) => (string | number)[], context: TierValidationContext): void;
  /** Checks across every tenant of this tier (shared capacity, unique keys), given with their index in `tenants`. @default none */
  validateTenants?(tenants: readonly { readonly tenant: TierTenant; readonly index: number }[], context: TierValidationContext): void;
  /**
   * Where a tenant's key lives when it is in a custom key store of a key-custody account.
   * @default undefined: a KMS key of the tenant's own account
   */
  custodyOf?(tenant: TierTenant, context?: Pick<TierValidationContext, 'clusters' | 'stores'>): CustodyLocation | undefined;
  /**
   * Where a tenant of this tier keeps its replica's key (`continuity`, docs/continuity.md);
   * the tier's CDK half makes the key (`createReplicaKey`).
   * @default undefined: the tier offers no replica and the config refuses `continuity`
   */
  readonly replicaKeyStore?: KeyStoreKind;
  /**
   * Where a tenant's replica key lives when the tier keeps it in a key-custody place of the
   * replica region (`continuity.replicaKeyCustody`).
   * @default undefined: a KMS key of the tenant's own account in the replica region
   */
  replicaCustodyOf?(tenant: TierTenant, context?: Pick<TierValidationContext, 'clusters' | 'stores'>): CustodyLocation | undefined;
  /**
   * Checks of a tenant's `continuity` that only this tier makes (its replica's key custody);
   * `at` makes a path inside the tenant's `continuity`.
   * @default none
   */
  validateReplica?(tenant: TierTenant, at: (...rest: (string | number)[]) => (string | number)[], context: TierValidationContext): void;
  /** The legal mapping's measures (catalogue keys, besides the common ones) and the NIST 800-53 controls they implement. */
  readonly legal: { readonly measures: readonly string[]; readonly nistControls: readonly string[] };
  /** Evidence facts of the tier. */
  readonly evidence: {
    /** How the evidence describes a tenant key that is an AWS KMS key of the tenant's account. */
    readonly kmsKeyCustody: string;
    /** A sentence the upload inspection adds for this tier. @default none */
    readonly uploadNote?: string;
    /** The sections of the tenant's evidence only this tier has. @default none */
    readonly sections?: readonly TierEvidenceSection[];
  };
  /** Facts of the reach graph for a tenant of this tier. */
  readonly reach: {
    /** What lies outside the evidence's reach graph for this tier (people the templates do not name). @default none */
    outsideTheGraph?(tenant: TierTenant): readonly TierSentence[];
    /** Whether every use of the key passes the customer's proxy, which the customer can seal. @default false */
    readonly proxyGate?: boolean;
    /**
     * Why no AWS principal reaches plaintext at all (a catalogue key): S3 holds only
     * ciphertext. The graph is not searched for such a tier.
     * @default undefined: the graph is searched
     */
    readonly noPlaintextInAws?: string;
  };
  /**
   * The evidence sentences of a tier registered from outside the catalogues, per language:
   * `tier.<tier>.custody`, `possible.<tier>`, `edpb.<tier>`, `annex.<tier>.<access kind>`
   * and the keys its definition names. The built-in tiers' sentences are in the catalogues
   * (lib/i18n), which their translators maintain; a test holds their keys there.
   * @default none
   */
  readonly messages?: Readonly<Partial<Record<EvidenceLanguage, Readonly<Record<string, string>>>>>;
}
