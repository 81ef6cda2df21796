import type { Tier } from '../contracts/tiers';

/*
 * The technical annex a controller attaches to its own DPIA, risk analysis and secrecy
 * assessment: per tier, who can technically reach plaintext, keys or metadata under each
 * kind of access, in plain words. US law-enforcement access and US intelligence access
 * are kept apart from the hostile-state threats that national threat assessments
 * describe. Facts only: likelihood, consequence, residual risk and acceptance are the
 * controller's to record in its own case file; suveren generates none of them.
 */

/** A kind of access the annex describes, with the law or source it refers to. */
export const ACCESS_KINDS = {
  'us-law-enforcement': 'US law-enforcement access: the Stored Communications Act (18 U.S.C. 2701 ff.), as amended by the CLOUD Act (2018)',
  'us-intelligence': 'US intelligence access: FISA section 702 (50 U.S.C. 1881a), and Executive Order 12333 as limited by Executive Order 14086 (2022)',
  'hostile-state':
    "Hostile-state threats as the national threat assessments describe them (intrusion into the customer's or the provider's systems, insiders): not a legal order, a security threat",
} as const;
export type AccessKind = keyof typeof ACCESS_KINDS;

export interface AnnexEntry {
  readonly kind: AccessKind;
  /** What is technically reachable, in plain words. */
  readonly reach: string;
}

const METADATA =
  "Metadata is always within the provider's reach: object keys, sizes, times, the tenant's account and region, and the CloudTrail record of every call.";

const BY_TIER: Record<Tier, readonly AnnexEntry[]> = {
  standard: [
    {
      kind: 'us-law-enforcement',
      reach: `The provider holds the key material in its own HSMs and runs the services that decrypt, so an order to the provider can technically reach plaintext. ${METADATA}`,
    },
    {
      kind: 'us-intelligence',
      reach: `The same technical reach as above: plaintext through the provider's services and key material, and metadata. Such access need not be disclosed to the customer.`,
    },
    {
      kind: 'hostile-state',
      reach:
        "An intruder with control of a tenant role allowed to read, or of the provider's infrastructure, reaches plaintext; the trail and the outside-region alarm record use of the tenant's roles and key.",
    },
  ],
  hsm: [
    {
      kind: 'us-law-enforcement',
      reach: `The key cannot be exported from the customer's CloudHSM cluster, but while the key store is connected the provider's services decrypt on request, so an order to the provider can technically reach plaintext through the service; after the crypto officer disconnects the store, nothing decrypts. ${METADATA}`,
    },
    {
      kind: 'us-intelligence',
      reach: 'The same technical reach as above while the key store is connected, without disclosure to the customer; not the key material itself.',
    },
    {
      kind: 'hostile-state',
      reach: "As for standard, plus the HSM cluster's crypto officer credentials and the kmsuser password: whoever holds them controls the key store.",
    },
  ],
  external: [
    {
      kind: 'us-law-enforcement',
      reach: `The key stays in the customer's HSM on its premises. While the customer's proxy is unsealed, the provider's services can decrypt objects through it (each use is written to the customer's own proxy audit log); once sealed, nothing decrypts. ${METADATA}`,
    },
    {
      kind: 'us-intelligence',
      reach:
        "The same technical reach as above while the proxy is unsealed; each use still passes the customer's proxy and its log, which the provider cannot alter.",
    },
    {
      kind: 'hostile-state',
      reach: "As for standard, plus the customer's premises: the HSM, the proxy host and its credential, and whoever may seal or unseal the proxy.",
    },
  ],
  'client-side': [
    {
      kind: 'us-law-enforcement',
      reach: `The provider stores only ciphertext made on the customer's premises; it has neither the key nor plaintext, so an order to the provider can reach ciphertext and metadata, not content. ${METADATA}`,
    },
    {
      kind: 'us-intelligence',
      reach: 'The same: ciphertext and metadata, not content or keys.',
    },
    {
      kind: 'hostile-state',
      reach:
        "The keys and plaintext are on the customer's premises (key files, the HSM, the offline recovery key): those, not the provider, are where content can be reached.",
    },
  ],
};

export function technicalAnnex(tier: Tier): readonly AnnexEntry[] {
  return BY_TIER[tier];
}

/**
 * Facts about the provider the controller must confirm itself, each with where to find
 * it. suveren never fills them in: they come from the contract, not the templates.
 */
export const PROVIDER_FACTS: readonly { readonly fact: string; readonly source: string }[] = [
  { fact: 'The contracting AWS entity', source: "the AWS Customer Agreement and the account's billing entity (AWS console, Account settings)" },
  { fact: 'The data processing addendum: version and date', source: 'the AWS GDPR Data Processing Addendum, part of the AWS Service Terms' },
  { fact: 'The date of the sub-processor list relied on', source: "AWS's published list of sub-processors (aws.amazon.com/compliance/sub-processors)" },
  {
    fact: 'The transfer mechanism for any transfer: Data Privacy Framework certification or standard contractual clauses',
    source: 'the Data Privacy Framework list (dataprivacyframework.gov) and the standard contractual clauses in the data processing addendum',
  },
  { fact: 'Where support and operations staff can reach the data from', source: "the data processing addendum and the provider's answers to the controller" },
];
