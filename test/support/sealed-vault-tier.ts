import { Tags } from 'aws-cdk-lib';
import { z } from 'zod';
import { registerTier } from '../../lib/stacks/tiers';
import { tenantKmsKey } from '../../lib/stacks/tiers/standard';
import { textField } from '@suveren/core/tiers/tier-definition';

/*
 * A sixth tier, registered through the module API alone: a tier definition (its field,
 * its check, its legal mapping and evidence sentences) and a CDK half (its data key). It
 * exists to show what a new tier costs; test/tiers/sixth-tier.test.ts synthesizes it.
 * Import this file before anything that loads the config schema.
 */

export const SEALED_VAULT = 'sealed-vault';
export const VAULT_LABEL_TAG = 'suveren:vault-label';

const sentences = (language: string) => ({
  [`tier.${SEALED_VAULT}.custody`]: `${language}: KMS key of the tenant's account, its grants issued by the vault`,
  [`possible.${SEALED_VAULT}`]: `${language}: the provider can use the key while the vault grants it`,
  [`edpb.${SEALED_VAULT}`]: `${language}: as tier standard, with the vault's grant log`,
  [`annex.${SEALED_VAULT}.us-law-enforcement`]: `${language}: an order can reach plaintext while a grant is open`,
  [`annex.${SEALED_VAULT}.us-intelligence`]: `${language}: as under a law-enforcement order`,
  [`annex.${SEALED_VAULT}.hostile-state`]: `${language}: needs the vault and an AWS principal`,
  [`measure.${SEALED_VAULT}.key`]: `${language}: every grant of the tenant key is issued by the vault`,
  [`custody.${SEALED_VAULT}`]: `${language}: sealed-vault KMS key`,
});

registerTier({
  definition: {
    tier: SEALED_VAULT,
    description: {
      keyCustody: "customer-managed KMS key of the tenant's account, its grants issued by a vault",
      keyStore: 'aws-kms',
      encryptsOnClient: false,
      providerSeesPlaintext: true,
      summary: 'Server-side encryption under a tenant KMS key whose grants a vault issues.',
    },
    bucketKeys: true,
    tenantFields: {
      vaultLabel: z
        .string({ error: 'expected the label of the vault that issues the grants' })
        .regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 lower-case letters, digits and hyphens')
        .optional()
        .meta({ description: 'For tier sealed-vault: the vault that issues the grants of the tenant key.' }),
    },
    foreignFieldMessage: (field, tier) => `tier "${tier}" has no vault: remove ${field}`,
    validateTenant(tenant, at, { issue }) {
      if (textField(tenant, 'vaultLabel') === undefined)
        issue(at('vaultLabel'), 'tier "sealed-vault" needs vaultLabel: the label of the vault that issues its grants');
    },
    legal: { measures: [`measure.${SEALED_VAULT}.key`], nistControls: ['AC-3', 'SC-12'] },
    evidence: { kmsKeyCustody: `custody.${SEALED_VAULT}` },
    reach: {},
    messages: { en: sentences('en'), sv: sentences('sv'), nb: sentences('nb') },
  },
  createDataKey(scope, id, props) {
    const key = tenantKmsKey(scope, id, props);
    Tags.of(key).add(VAULT_LABEL_TAG, textField(props.tenant, 'vaultLabel') ?? '');
    return key;
  },
});
