import { TIERS, TIER_TABLE, type Tier } from '../contracts/tiers';
import type { MessageKey } from '../i18n/catalogue-en';
import { type Text, text } from '../i18n/translate';
import type { TierLegalMapping } from './report-model';

/*
 * What each tier does, in the terms reviewers and data protection officers use, with
 * the rule each fact is relevant to. Facts, not conclusions: whether a transfer takes
 * place, whether a measure suffices for a class of data, and what risk is acceptable are
 * the controller's assessments (its DPIA, risk analysis and, in Sweden, its secrecy
 * assessment); the report states what the templates prove and cites the rule. The
 * sentences are in the catalogues (./i18n); this file chooses them per tier. NIST 800-53
 * rev 5 control ids are those the cdk-nag NIST pack checks for the resources that
 * implement each measure (S3 default encryption with KMS, SSL-only bucket policies, KMS
 * key rotation, CloudTrail log validation and encryption).
 */

const COMMON_MEASURES: readonly MessageKey[] = ['measure.region', 'measure.tls', 'measure.separation', 'measure.trail'];

const COMMON_NIST = ['AC-3', 'AC-6', 'AU-9(3)', 'SC-8', 'SC-8(1)', 'SC-12', 'SC-13a', 'SC-28(1)'];

const BY_TIER: Record<Tier, { readonly measures: readonly MessageKey[]; readonly nistControls: readonly string[] }> = {
  standard: { measures: ['measure.standard.key'], nistControls: [...COMMON_NIST, 'CM-6a'] },
  hsm: { measures: ['measure.hsm.key'], nistControls: [...COMMON_NIST, 'SC-12(1)', 'SC-13b'] },
  external: { measures: ['measure.external.key', 'measure.external.bucketKeys'], nistControls: [...COMMON_NIST, 'SC-12(1)', 'SC-13b', 'AU-2', 'AU-12'] },
  'client-side': { measures: ['measure.client-side.key'], nistControls: [...COMMON_NIST, 'SC-13b'] },
};

export function legalMapping(): TierLegalMapping[] {
  return TIERS.map((tier) => ({
    tier,
    keyCustody: text(`tier.${tier}.custody`),
    providerSeesPlaintext: TIER_TABLE[tier].providerSeesPlaintext,
    technicallyPossible: text(`possible.${tier}`),
    measures: [...COMMON_MEASURES, ...BY_TIER[tier].measures].map((id) => text(id)),
    edpbAssessment: text(`edpb.${tier}`),
    nistControls: BY_TIER[tier].nistControls,
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
