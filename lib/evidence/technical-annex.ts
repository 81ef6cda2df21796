import type { Tier } from '@suveren/core/contracts/tiers';
import type { MessageKey } from '../i18n/catalogue-en';
import { type Text, text } from '../i18n/translate';

/*
 * The technical annex a controller attaches to its own DPIA, risk analysis and secrecy
 * assessment: per tier, who can technically reach plaintext, keys or metadata under each
 * kind of access, in plain words (the sentences are in the catalogues, ./i18n). US
 * law-enforcement access and US intelligence access are kept apart from the
 * hostile-state threats that national threat assessments describe. Facts only:
 * likelihood, consequence, residual risk and acceptance are the controller's to record
 * in its own case file; suveren generates none of them.
 */

/** The kinds of access the annex describes; each is worded, with its law or source, by `annex.kind.<kind>`. */
export const ACCESS_KINDS = ['us-law-enforcement', 'us-intelligence', 'hostile-state'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export interface AnnexEntry {
  readonly kind: AccessKind;
  /** What is technically reachable, in plain words. */
  readonly reach: readonly Text[];
}

/** Legal orders reach the provider, so its reach over metadata is part of their answer. */
const REACHES_PROVIDER: Readonly<Record<AccessKind, boolean>> = { 'us-law-enforcement': true, 'us-intelligence': false, 'hostile-state': false };

export function technicalAnnex(tier: Tier): readonly AnnexEntry[] {
  return ACCESS_KINDS.map((kind) => ({
    kind,
    reach: [text(`annex.${tier}.${kind}` as MessageKey), ...(REACHES_PROVIDER[kind] ? [text('annex.metadata')] : [])],
  }));
}

/**
 * Facts about the provider the controller must confirm itself, each with where to find
 * it (`providerFact.<id>` and `.source` in the catalogues). suveren never fills them in:
 * they come from the contract, not the templates.
 */
export const PROVIDER_FACTS = ['entity', 'dpa', 'subprocessors', 'mechanism', 'support'] as const;
