import { z } from 'zod';
import { TIER_TABLE, usesBucketKeys } from '../contracts/tiers';
import { checkRecoveryPublicKey } from '../contracts/recovery-key';
import { COMMON_NIST_CONTROLS } from './legal';
import type { TierDefinition } from './tier-definition';

/** The public half of a client-side tenant's offline recovery key; the private half is refused here and anywhere else in a config. */
const recoveryPublicKey = z
  .string({ error: 'expected the recovery public key as a PEM block (a YAML literal: |), the content of recovery-public.pem from `suveren keygen --recovery`' })
  .superRefine((pem, ctx) => {
    const check = checkRecoveryPublicKey(pem);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

const tenantFields = {
  clientSide: z
    .strictObject({
      recoveryPublicKey: recoveryPublicKey.meta({
        description: 'The public half of the offline recovery key (suveren keygen --recovery), as a PEM block: RSA-4096.',
      }),
    })
    .optional()
    .meta({ description: 'For tier client-side: the offline recovery key every object is also wrapped for.' }),
};

/** Tier client-side: data encrypted on the customer's premises before upload; S3 holds ciphertext. */
export const clientSideTier = {
  tier: 'client-side',
  description: TIER_TABLE['client-side'],
  replicaKeyStore: 'aws-kms',
  bucketKeys: usesBucketKeys('client-side'),
  tenantFields,
  foreignFieldMessage(_field: string, tier: string): string {
    return `tier "${tier}" encrypts in AWS, so there is no client-side key to recover: remove clientSide, or set tier: client-side if this tenant's data is encrypted on its premises`;
  },
  legal: { measures: ['measure.client-side.key'], nistControls: [...COMMON_NIST_CONTROLS, 'SC-13b'] },
  evidence: { kmsKeyCustody: 'custody.awsKms.clientSide', uploadNote: 'upload.clientSide', sections: ['recovery'] },
  reach: { noPlaintextInAws: 'reach.clientSide' },
} as const satisfies TierDefinition;
