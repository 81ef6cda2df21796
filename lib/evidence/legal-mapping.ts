import { TIERS, TIER_TABLE, type Tier } from '../contracts/tiers';
import type { TierLegalMapping } from './report-model';

/*
 * What each tier does, in the terms reviewers and data protection officers use, with
 * the rule each fact is relevant to. Facts, not conclusions: whether a transfer takes
 * place, whether a measure suffices for a class of data, and what risk is acceptable are
 * the controller's assessments (its DPIA, risk analysis and, in Sweden, its secrecy
 * assessment); the report states what the templates prove and cites the rule. The
 * technical facts per tier come from the tier table (lib/contracts/tiers.ts). NIST 800-53 rev 5 control ids are those the cdk-nag NIST pack checks
 * for the resources that implement each measure (S3 default encryption with KMS,
 * SSL-only bucket policies, KMS key rotation, CloudTrail log validation and encryption).
 */

const COMMON_MEASURES = [
  "Buckets and keys are created only in the allowed EU regions: enforced at synth (region guard), by SCP for every tool, and watched by an organization trail alarm. Where data is stored does not by itself settle whether personal data is transferred to a third country, since a provider's access from a third country can also be one (EDPB Guidelines 05/2021): that is the controller's assessment under GDPR Art. 44-49.",
  'TLS 1.2 or later for every request, enforced by bucket policy, and by the data-perimeter RCP where the partition has resource control policies (relevant to GDPR Art. 32(1)(a), Art. 5(1)(f)).',
  "Per-tenant bucket, key and roles: each controller's data is separated by its own key policy and bucket policy (relevant to GDPR Art. 25, Art. 28(3)(c)).",
  'Organization trail with log file validation into an object-locked archive: which principal used which key and object is recorded and the record is tamper-evident (relevant to GDPR Art. 5(2), Art. 32(1)(d)).',
];

const COMMON_NIST = ['AC-3', 'AC-6', 'AU-9(3)', 'SC-8', 'SC-8(1)', 'SC-12', 'SC-13a', 'SC-28(1)'];

const BY_TIER: Record<Tier, Omit<TierLegalMapping, 'tier' | 'keyCustody' | 'providerSeesPlaintext'>> = {
  standard: {
    residualRisk:
      'AWS holds the key material (in AWS-operated HSMs) and processes plaintext in memory when S3 encrypts and decrypts. A provider compelled under third-country law (e.g. the US CLOUD Act) could technically be made to decrypt. Key policies, CloudTrail and contractual commitments limit and reveal this but do not prevent it.',
    measures: [
      ...COMMON_MEASURES,
      'Customer-managed KMS key per tenant, usable only through S3 in the allowed regions, administrators separate from users (relevant to GDPR Art. 32(1)(a)).',
    ],
    edpbAssessment:
      "The provider's services process the data in the clear: S3 and KMS encrypt and decrypt in the provider's infrastructure, with key material AWS holds. EDPB Recommendations 01/2020 (version 2.0) describe this situation as use case 6, for which the EDPB could not envision an effective technical measure. Whether that matters for this tenant's data (whether a transfer takes place, its risk, and what the data's secrecy requires) is the controller's assessment; a suveren classification does not answer it.",
    nistControls: [...COMMON_NIST, 'CM-6a'],
  },
  hsm: {
    residualRisk:
      "The key lives in a single-tenant CloudHSM cluster whose crypto officer is the customer, but S3 and KMS still process plaintext in the provider's infrastructure while encrypting and decrypting. A compelled provider cannot extract the key, yet could still act on data while it is being used.",
    measures: [
      ...COMMON_MEASURES,
      "KMS key in a custom key store on the tenant's CloudHSM cluster (FIPS 140-3 level 3); the customer's crypto officer controls the HSM users and can disconnect the key store, after which no object can be decrypted (relevant to GDPR Art. 32(1)(a)).",
    ],
    edpbAssessment:
      "Plaintext is available to the provider's services while S3 and KMS encrypt and decrypt (the situation of EDPB Recommendations 01/2020, version 2.0, use case 6). The key cannot leave the customer-controlled HSM cluster, and the customer's crypto officer can cut off all decryption. Whether these facts are sufficient for this tenant's data is the controller's assessment.",
    nistControls: [...COMMON_NIST, 'SC-12(1)', 'SC-13b'],
  },
  external: {
    residualRisk:
      "The key material never enters AWS: every encrypt and decrypt of a data key is performed by the customer's own HSM, through the XKS proxy the customer runs. But while the key store is connected, S3 and KMS still process plaintext in the provider's infrastructure, and a compelled provider could make S3 decrypt objects through the customer's proxy without the customer's consent: XKS prevents extraction of the key, not compelled use. Sealing the proxy (the kill switch) or disconnecting the store ends every further decryption, but only from that moment: it does not undo what was decrypted before, and the customer must notice to act (its proxy's audit log records every use).",
    measures: [
      ...COMMON_MEASURES,
      "KMS key in an external key store: the key stays in the customer's HSM on its premises, each use is authorized by the proxy's per-key policy (only S3 in the allowed regions, only the tenant's roles) and written to the customer's own audit log, and sealing the proxy stops every decryption until the customer unseals it (relevant to GDPR Art. 32(1)(a), Art. 32(1)(b)).",
      "S3 Bucket Keys are off for this tier, so every object write and read reaches the customer's proxy: the audit log sees each object, and a seal is not delayed by a cached bucket key.",
    ],
    edpbAssessment:
      "Plaintext is available to the provider's services while S3 and KMS encrypt and decrypt, through the customer's proxy (the situation of EDPB Recommendations 01/2020, version 2.0, use case 6). The key never enters AWS, every use is in the customer's audit log, and the customer can stop all decryption at once. Whether these facts are sufficient for this tenant's data, and whether compelled use during processing is acceptable, is the controller's assessment; the client-side tier is the one where the provider never processes plaintext.",
    nistControls: [...COMMON_NIST, 'SC-12(1)', 'SC-13b', 'AU-2', 'AU-12'],
  },
  'client-side': {
    residualRisk:
      "The provider stores only ciphertext made on the customer's premises with the AWS Encryption SDK; the key never reaches AWS. A compelled provider can hand over ciphertext and metadata (object keys, sizes, times), not content.",
    measures: [
      ...COMMON_MEASURES,
      "Client-side encryption with a key kept on the customer's premises (committing algorithm suite, encryption context binding tenant and object), SSE-KMS as a second layer (relevant to GDPR Art. 32(1)(a), Art. 34(3)(a)).",
    ],
    edpbAssessment:
      "The provider stores only ciphertext made on the customer's premises, and the key never reaches AWS. These are the conditions EDPB Recommendations 01/2020 (version 2.0) set out in use case 1 (storage that needs no access in the clear, keys retained under the exporter's control in the EU). Whether they hold for the controller's processing, and what the metadata the provider does see (object keys, sizes, times) reveals, is the controller's assessment.",
    nistControls: [...COMMON_NIST, 'SC-13b'],
  },
};

export function legalMapping(): TierLegalMapping[] {
  return TIERS.map((tier) => ({
    tier,
    keyCustody: TIER_TABLE[tier].keyCustody,
    providerSeesPlaintext: TIER_TABLE[tier].providerSeesPlaintext,
    ...BY_TIER[tier],
  }));
}

/**
 * What the report is, said at its top in every format: supporting material, not a decision.
 * The controller's own assessments govern.
 */
export const REPORT_STANDING =
  "This report is supporting material for the controller's own assessments (its data protection impact assessment, risk analysis and, in Sweden, the secrecy assessment under OSL 10 kap. 2 a §). It states what the synthesized templates show and cites the rule each fact is relevant to; it draws no legal conclusion. The controller's decision, signed by its decision-maker after consulting its data protection officer, governs.";

/**
 * suveren's classifications are data classes of this platform, never security-protection
 * classifications; security-classified information is out of its scope.
 */
export const CLASSIFICATION_STANDING =
  "The classifications open, internal, confidential and secret are suveren's own data classes, which choose a tier of key custody. They are not security-protection classification levels (Swedish säkerhetsskyddsklassificering, Norwegian sikkerhetsgradering), and information classified under security-protection law is out of scope for this platform.";

/** A suveren classification as reports show it: the id, glossed as a suveren data class. */
export const classificationLabel = (classification: string) => `${classification} (suveren data class, not security-classified)`;

/** What the report cannot establish from templates, stated so nobody reads it as covered. */
export const LIMITATIONS = [
  'Organizational measures: staff vetting, access procedures, incident response and the people who hold break-glass credentials.',
  "The contract: the data processing agreement with AWS (GDPR Art. 28), AWS's own sub-processors, and the transfer mechanism chosen for any residual transfer.",
  'Key ceremonies: who generated and holds client-side keys, the offline root CA and the CloudHSM crypto officer credentials, and how they are backed up and destroyed.',
  'The customer side of an external key store: the HSM, the XKS proxy host and its TLS certificate, the Direct Connect or VPN link, and who may seal the proxy; templates show only the AWS side.',
  'Manual CloudHSM steps (signing the cluster CSR, activation, creating the kmsuser crypto user): templates cannot show they were done, or done by the right people.',
  'What is deployed: this report describes the synthesized templates, i.e. what `cdk deploy` would create; drift after deployment needs AWS Config or a fresh comparison.',
  "The access matrix is computed by an IAM policy evaluator over the synthesized templates, not by AWS: it models identity, bucket, key and trust policies, SCPs and the RCP, but not session policies, permission boundaries set outside suveren, or grants. For an HSM-backed key the provisioner role keeps kms:PutKeyPolicy, which KMS's lockout check needs at creation; IAM cannot constrain a policy's content, so the SCP protection of the key handler's role and function is what keeps a tenant from using it.",
  'Organization prerequisites outside CloudFormation: enabled policy types, delegated administration of CloudTrail, the break-glass role in each member account, and which OU each tenant account is in.',
];
