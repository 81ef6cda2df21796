/**
 * The tier table: how a tenant's data is classified and who holds the key that
 * protects it. Defined once; config validation, constructs, tags and the evidence
 * report all read it from here.
 */

export const CLASSIFICATIONS = ['open', 'internal', 'confidential', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Tiers in increasing order of key custody: a tenant may move right, never left. */
export const TIERS = ['standard', 'hsm', 'external', 'client-side'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Where a tier's KMS key lives: an AWS-operated key store, the tenant's CloudHSM
 * cluster, or an external key store whose material is in the customer's own HSM.
 */
export type KeyStoreKind = 'aws-kms' | 'cloudhsm' | 'external-key-store';

export interface TierDescription {
  /** Where the key that protects the data lives. */
  readonly keyCustody: string;
  /** The KMS key store the tenant key is created in (the tenant's cluster for `cloudhsm`, the customer's HSM for `external-key-store`). */
  readonly keyStore: KeyStoreKind;
  /** Whether the data is encrypted on the customer's premises before upload (S3 then holds ciphertext). */
  readonly encryptsOnClient: boolean;
  /** Whether the provider can ever see plaintext. */
  readonly providerSeesPlaintext: boolean;
  /** One sentence for reviewers. */
  readonly summary: string;
}

export const TIER_TABLE: Record<Tier, TierDescription> = {
  standard: {
    keyCustody: 'customer-managed AWS KMS key, one per tenant',
    keyStore: 'aws-kms',
    encryptsOnClient: false,
    providerSeesPlaintext: true,
    summary: 'Server-side encryption under a tenant KMS key; plaintext exists in memory inside KMS and S3.',
  },
  hsm: {
    keyCustody:
      'KMS key of its own in a custom key store on a CloudHSM cluster dedicated to the key-custody account and shared by its hsm tenants (FIPS 140-3 level 3)',
    keyStore: 'cloudhsm',
    encryptsOnClient: false,
    providerSeesPlaintext: true,
    summary: "Server-side encryption under a key held in HSMs no other AWS customer uses, which the customer's crypto officer controls.",
  },
  external: {
    keyCustody: "KMS key in an external key store: the key material stays in the customer's own HSM, reached through the XKS proxy the customer runs",
    keyStore: 'external-key-store',
    encryptsOnClient: false,
    providerSeesPlaintext: true,
    summary:
      "Server-side encryption whose every encrypt and decrypt is performed by the customer's HSM on its premises; sealing the proxy (the kill switch) stops all decryption, but while it is connected AWS can still be compelled to use the key.",
  },
  'client-side': {
    keyCustody: "AWS Encryption SDK on the customer's premises; the key never leaves them",
    keyStore: 'aws-kms',
    encryptsOnClient: true,
    providerSeesPlaintext: false,
    summary: 'Data is encrypted before upload; S3 only ever stores ciphertext (SSE-KMS is a second layer).',
  },
};

/** The tier a classification gets when the config does not raise it. */
export const DEFAULT_TIER: Record<Classification, Tier> = {
  open: 'standard',
  internal: 'standard',
  confidential: 'hsm',
  secret: 'client-side',
};

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/** Whether a tier's tenant key lives in a CloudHSM-backed custom key store (and so needs a cluster). */
export function usesCloudHsm(tier: Tier): boolean {
  return TIER_TABLE[tier].keyStore === 'cloudhsm';
}

/** Whether a tier's tenant key lives in an external key store (and so needs one, and the customer's proxy). */
export function usesExternalKeyStore(tier: Tier): boolean {
  return TIER_TABLE[tier].keyStore === 'external-key-store';
}

/**
 * Whether a tier's buckets use S3 Bucket Keys. Not the external tier: a Bucket Key lets
 * S3 decrypt for a while without calling KMS, so sealing the customer's proxy would not
 * stop decryption at once.
 */
export function usesBucketKeys(tier: Tier): boolean {
  return !usesExternalKeyStore(tier);
}

/** Whether a tier's data is encrypted on the customer's premises, so uploads are ciphertext. */
export function encryptsOnClient(tier: Tier): boolean {
  return TIER_TABLE[tier].encryptsOnClient;
}

/**
 * Whether a tier's tenant key lives in a custom key store of the key-custody account
 * (CloudHSM or external), not in a KMS key of the tenant's own account: raising a tenant
 * to such a tier leaves its standard key behind (docs/plan.md#tier-raise).
 */
export function usesCustomKeyStore(tier: Tier): boolean {
  return usesCloudHsm(tier) || usesExternalKeyStore(tier);
}
