import type { Tier } from '@suveren/core/contracts/tiers';
import { tierDefinitions } from '@suveren/core/tiers';
import type { MessageKey } from '../i18n/catalogue-en';
import { type Text, text, textOfKey } from '../i18n/translate';
import type { TierLegalMapping } from './report-model';

/*
 * What each tier does, in the terms reviewers and data protection officers use, with
 * the rule each fact is relevant to. Facts, not conclusions: whether a transfer takes
 * place, whether a measure suffices for a class of data, and what risk is acceptable are
 * the controller's assessments (its DPIA, risk analysis and, in Sweden, its secrecy
 * assessment); the report states what the templates prove and cites the rule. The
 * sentences are in the catalogues (lib/i18n); each tier's module (packages/core/tiers) names its
 * measures and the NIST 800-53 rev 5 controls they implement.
 */

const COMMON_MEASURES: readonly MessageKey[] = ['measure.region', 'measure.tls', 'measure.separation', 'measure.trail'];

export function legalMapping(): TierLegalMapping[] {
  return tierDefinitions().map(({ tier, description, legal }) => ({
    tier: tier as Tier,
    keyCustody: textOfKey(`tier.${tier}.custody`),
    providerSeesPlaintext: description.providerSeesPlaintext,
    technicallyPossible: textOfKey(`possible.${tier}`),
    measures: [...COMMON_MEASURES.map((id) => text(id)), ...legal.measures.map((id) => textOfKey(id))],
    edpbAssessment: textOfKey(`edpb.${tier}`),
    nistControls: legal.nistControls,
  }));
}

/** What the report cannot establish from templates, stated so nobody reads it as covered. */
export const LIMITATIONS: readonly Text[] = (
  [
    'limit.legal',
    'limit.organizational',
    'limit.contract',
    'limit.ceremonies',
    'limit.xksCustomerSide',
    'limit.hsmManual',
    'limit.deployed',
    'limit.evaluator',
    'limit.orgPrerequisites',
  ] as const
).map((id) => text(id));
