import { TIER_TABLE, usesBucketKeys } from '../contracts/tiers';
import { COMMON_NIST_CONTROLS } from './legal';
import type { TierDefinition } from './tier-definition';

/** Tier standard: a customer-managed KMS key of the tenant's own account; no fields of its own. */
export const standardTier = {
  tier: 'standard',
  description: TIER_TABLE.standard,
  replicaKeyStore: 'aws-kms',
  bucketKeys: usesBucketKeys('standard'),
  legal: { measures: ['measure.standard.key'], nistControls: [...COMMON_NIST_CONTROLS, 'CM-6a'] },
  evidence: { kmsKeyCustody: 'custody.awsKms' },
  reach: {},
} as const satisfies TierDefinition;
