import type { AccessMatrixRow } from '../authorization/access-capabilities';
import type { Text } from '../i18n/translate';
import type { ControlMapping } from './mapping/controls';
import type { LegalSource } from './mapping/sources';
import type { ControllerAnnex } from './controller-annex';
/**
 * The evidence report's data model, which is also the schema of `report.json`.
 * Versioned with semver: a new optional field is a minor version, a removed or
 * re-typed field a major one. Documented in docs/evidence-schema.md.
 *
 * Since 2.0.0 the JSON is language-neutral: every sentence is a `Text`, a message id of
 * the catalogues in ./i18n with its parameters, which the markdown and HTML writers word
 * in English, Swedish or Norwegian.
 */
export const EVIDENCE_SCHEMA_VERSION = '2.6.0';

export interface EvidenceReport {
  readonly schema: 'suveren.evidence';
  readonly schemaVersion: string;
  readonly summary: ReportSummary;
  readonly tenants: readonly TenantEvidence[];
  readonly organization: OrganizationEvidence;
  /** Since 1.6.0: how the landing zone is deployed (Suveren-Pipeline), read from its template; null when the assembly has no pipeline. */
  readonly deployment?: DeploymentEvidence | null;
  /** Since 1.7.0: what AWS Config reports of the deployed landing zone (`suveren conformance`); absent when not read. */
  readonly runtime?: RuntimeConformanceEvidence;
  readonly findings: readonly FindingEvidence[];
  readonly acknowledgments: readonly AcknowledgmentEvidence[];
  readonly legalMapping: readonly TierLegalMapping[];
  /** Since 2.0.0: every control the report speaks for, with the provisions it is relevant to. */
  readonly controls: readonly ControlMapping[];
  /**
   * Since 2.0.0: the sources the controls cite, with issuer, version, date and when each was
   * checked. Since 2.3.0 each has `identifier` and `status`; `verified` is `status === 'verified'`.
   */
  readonly sources: readonly (LegalSource & { readonly verified: boolean })[];
  readonly limitations: readonly Text[];
}

export interface ReportSummary {
  /** The config file the assembly was synthesized from, as given. */
  readonly configFile: string;
  readonly allowedRegions: readonly string[];
  readonly tenantCount: number;
  /** True when the validation report exists and holds no unacknowledged finding. */
  readonly gatesPassed: boolean;
  readonly validationReportFound: boolean;
  readonly findingCount: number;
  readonly acknowledgmentCount: number;
  /** Since 1.2.0: "computed", or why the access matrix was not (the evaluator is a development dependency). */
  readonly accessMatrix?: Text;
}

/** Since 1.5.0 also `external-key-store`. */
export type KeyCustodyKind = 'aws-kms' | 'cloudhsm' | 'external-key-store' | 'unknown';

export interface PrincipalGrant {
  /** ARN (or ARN pattern) of the principal, as the policy names it. */
  readonly principal: string;
  readonly actions: readonly string[];
  /** Services the use is restricted to (`kms:ViaService`), if any. */
  readonly viaServices: readonly string[];
}

export interface KeyEvidence {
  readonly logicalId: string;
  readonly custody: KeyCustodyKind;
  /** Where the key material lives, in a reviewer's words. */
  readonly custodyDescription: Text;
  readonly rotationEnabled: boolean;
  readonly multiRegion: boolean;
  readonly deletionWindowDays: number | null;
  /** True if the key policy grants anything to the account root (IAM policies could then grant use). */
  readonly trustsAccountRoot: boolean;
  readonly users: readonly PrincipalGrant[];
  readonly administrators: readonly PrincipalGrant[];
}

export interface BucketEvidence {
  readonly logicalId: string;
  readonly region: string | null;
  readonly encryption: Text;
  readonly bucketKey: boolean;
  readonly versioning: boolean;
  readonly publicAccessBlocked: boolean;
  readonly aclsDisabled: boolean;
  readonly accessLogging: boolean;
  readonly objectLock: Text | null;
  readonly policy: BucketPolicyEvidence;
}

export interface BucketPolicyEvidence {
  readonly denyWithoutTls: boolean;
  /** Lowest TLS version accepted, if the policy sets a floor. */
  readonly tlsFloor: string | null;
  /** True if PutObject naming another encryption or key is denied; null when the bucket has no KMS key to pin. */
  readonly keyPinned: boolean | null;
  /** Principals outside this list are denied data access (empty: no such restriction). */
  readonly dataPrincipals: readonly string[];
  /** Principals outside this list are denied bucket reconfiguration (empty: no such restriction). */
  readonly configurationPrincipals: readonly string[];
}

export interface TenantEvidence {
  readonly id: string;
  readonly displayName: string;
  readonly classification: string;
  readonly tier: string;
  readonly stack: string;
  readonly account: string | null;
  readonly region: string | null;
  readonly providerSeesPlaintext: boolean;
  readonly dataBuckets: readonly BucketEvidence[];
  /** Since 1.1.0: where rejected uploads are kept. */
  readonly quarantineBuckets: readonly BucketEvidence[];
  readonly logBuckets: readonly BucketEvidence[];
  readonly keys: readonly KeyEvidence[];
  /** How uploads are inspected and quarantined, as far as the template shows. */
  readonly uploadInspection: readonly Text[];
  /** Organization policies attached to targets that may contain this tenant's account. */
  readonly guardrails: readonly Text[];
  /**
   * Since 1.2.0: who may write, read, decrypt, delete and reconfigure, decided by the IAM
   * evaluator over the templates; null where it was not computed (see the summary).
   */
  readonly accessMatrix?: readonly AccessMatrixRow[] | null;
  /**
   * Since 2.1.0: every principal that can reach the tenant's plaintext, by any path, with
   * its shortest path and gates (lib/reach, docs/reach.md); null when the evaluator did not run.
   * Since 2.2.0: steps carry `via` and `gates`; more edge and end kinds, and the MFA gate.
   */
  readonly reach?: TenantReach | null;
  /** Since 1.4.0: tier client-side only (null otherwise): whether an offline recovery key wraps every object, as the inspection function enforces it. */
  readonly recovery?: RecoveryEvidence | null;
  /**
   * Since 2.4.0: erasure (GDPR Art. 17): who may delete object versions, as the access matrix
   * decided it, and the IAM Identity Center groups that hold the eraser role (docs/people.md);
   * null without the access matrix.
   */
  readonly erasure?: Text | null;
  /** Since 1.5.0: tier external only (null otherwise): the external key store, the key in the customer's HSM, and the kill switch. */
  readonly externalKeyStore?: ExternalKeyStoreEvidence | null;
  /** Since 1.8.0: where the controller filed its own assessment (config `tenants[].assessment`); null: not provided. */
  readonly assessment?: { readonly reference: string; readonly date: string; readonly decisionMakerRole: string } | null;
  /**
   * Since 2.5.0: the controller's annex (GDPR Art. 35(7)): where each kind of data is and
   * who holds its key, who reaches plaintext, integrity, availability, the processor chain,
   * retention, the breach path and the sources for the tenant's country (docs/evidence.md).
   */
  readonly controllerAnnex?: ControllerAnnex;
  /** Since 1.8.0: who can technically reach plaintext, keys or metadata, per kind of access, for this tenant's tier. */
  readonly technicalAnnex?: readonly { readonly kind: string; readonly reach: readonly Text[] }[];
}

export interface ExternalKeyStoreEvidence {
  /** The store's name in KMS. */
  readonly keyStoreName: string;
  /** The key-custody stack that declares the store; null when it is not in this assembly. */
  readonly stack: string | null;
  readonly account: string | null;
  /** `VPC_ENDPOINT_SERVICE` or `PUBLIC_ENDPOINT`; null when the store is not declared yet. */
  readonly connectivity: string | null;
  /** The proxy's `https://` address and API path; null when the store is not declared yet. */
  readonly uriEndpoint: string | null;
  readonly uriPath: string | null;
  /** The tenant key's id at the proxy: the label of the key in the customer's HSM. */
  readonly xksKeyId: string | null;
  /** False until the store's credential is configured (stage 2): KMS cannot use the key before. */
  readonly storeDeclared: boolean;
  /** The CloudWatch alarms the store's stack declares on KMS's XKS metrics. */
  readonly alarms: readonly string[];
  /** Whether a key-origin SCP (only EXTERNAL_KEY_STORE keys may be created) is attached to the store's account. */
  readonly keyOriginScp: boolean;
  /** Whether any of the tenant's buckets uses S3 Bucket Keys, which would delay the kill switch. */
  readonly bucketKeys: boolean;
  /** What sealing the proxy stops, and how fast, in a sentence for a DPO. */
  readonly killSwitch: Text;
}

export interface DeploymentEvidence {
  readonly stack: string;
  readonly account: string | null;
  readonly region: string | null;
  /** `QUEUED`: one execution deploys at a time, the next waits. */
  readonly executionMode: string | null;
  readonly pipelineType: string | null;
  /** Where a release comes from, in a sentence. */
  readonly source: Text;
  /** Each manual approval: the stage it opens, and who is notified (the topic's subscribers). */
  readonly approvals: readonly { readonly stage: string; readonly action: string; readonly approvers: readonly string[] }[];
  /** Every stage in order, with its deploy actions. */
  readonly stages: readonly { readonly name: string; readonly deployActions: number }[];
  /** Where the last deployed assembly is kept, which the pipeline's plan compares against. */
  readonly lastDeployed: Text;
}

export interface RecoveryEvidence {
  readonly configured: boolean;
  /** `sha256:` and the hex SHA-256 of the public key's DER SubjectPublicKeyInfo; null when not configured. */
  readonly fingerprint: string | null;
  /** What it means, in a sentence for a DPO. */
  readonly statement: Text;
}

export interface OrganizationPolicyEvidence {
  readonly name: string;
  readonly type: string;
  readonly targets: readonly string[];
  readonly description: string;
}

export interface OrganizationEvidence {
  readonly guardrailsStack: string | null;
  readonly policies: readonly OrganizationPolicyEvidence[];
  /** Regions the region-guard SCP allows, read from the SCP itself. */
  readonly scpAllowedRegions: readonly string[];
  readonly auditStack: string | null;
  readonly trail: {
    readonly multiRegion: boolean;
    readonly logFileValidation: boolean;
    readonly encrypted: boolean;
    readonly organizationTrail: boolean;
    readonly archiveObjectLock: Text | null;
  } | null;
  /**
   * Since 2.1.0: who the audit account's alarms reach (outside-region activity, break-glass
   * use), read from the template: the e-mail subscriptions of the topics they publish to,
   * and existing topics named by ARN. Empty recipients: the alarm fires into a topic nobody reads.
   */
  readonly alarms?: readonly AlarmEvidence[];
  /** Since 1.3.0: the partition, what the config assumes available there, and the data perimeter without RCPs; absent when the assembly holds no organization policies. */
  readonly partition?: PartitionEvidence;
}

export type { TenantReach } from '../reach/reach-model';
import type { TenantReach } from '../reach/reach-model';

export interface AlarmEvidence {
  /** The alarm's name, as CloudWatch shows it. */
  readonly name: string;
  /** E-mail addresses subscribed to its topics, and topic ARNs it also publishes to. */
  readonly recipients: readonly string[];
}

export interface PartitionEvidence {
  readonly name: string;
  /** Whether the templates hold a resource control policy. */
  readonly resourceControlPolicy: boolean;
  /** `organization.assumeAvailable`: capabilities the config assumes despite packages/core/partitions.ts, with what the table says. */
  readonly assumedAvailable: readonly { readonly capability: string; readonly description: string; readonly table: string; readonly source: string }[];
  /** Where there is no RCP: the controls that carry the data perimeter instead, read from the templates. */
  readonly compensatingControls: readonly Text[];
  /** Where there is no RCP: what an RCP would have stopped that now depends on each resource policy. */
  readonly residualGap: Text | null;
}

export interface FindingEvidence {
  readonly pack: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly description: string;
  readonly resources: readonly string[];
}

export interface AcknowledgmentEvidence {
  readonly pack: string;
  readonly ruleId: string;
  readonly stack: string;
  readonly constructPath: string;
  readonly reason: string;
}

export interface TierLegalMapping {
  readonly tier: string;
  readonly keyCustody: Text;
  readonly providerSeesPlaintext: boolean;
  /** Since 2.0.0 (was residualRisk): what remains technically possible, e.g. under compelled disclosure; the risk is the controller's to assess. */
  readonly technicallyPossible: Text;
  /** Measures, with the provisions they are relevant to. */
  readonly measures: readonly Text[];
  readonly edpbAssessment: Text;
  readonly nistControls: readonly string[];
}

/** Since 1.7.0: one suveren Config rule's compliance in one account and region. */
export interface RuleRuntimeCompliance {
  /** The rule's name in lib/compliance/conformance/conformance-rules.ts. */
  readonly rule: string;
  /** The controls it checks (Sovereignty and run-time rule ids). */
  readonly controls: readonly string[];
  readonly region: string;
  /** COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE or INSUFFICIENT_DATA, as Config reports it. */
  readonly compliance: string;
  readonly noncompliantResources: readonly {
    readonly resourceType: string;
    readonly resourceId: string;
    readonly annotation: string | null;
    /** When Config recorded the result (ISO 8601). */
    readonly recordedAt: string | null;
  }[];
}

/** Since 1.7.0: an account's run-time compliance. */
export interface AccountRuntimeConformance {
  readonly account: string;
  readonly rules: readonly RuleRuntimeCompliance[];
}

/** Since 1.7.0: the run-time section, read from an AWS Config organization aggregator. */
export interface RuntimeConformanceEvidence {
  readonly aggregator: string;
  readonly region: string;
  /** When the aggregator was read (ISO 8601). */
  readonly readAt: string;
  /** How many (rule, account, region) results are in each compliance state. */
  readonly counts: Readonly<Record<string, number>>;
  /** Tenants for which the aggregator reported no suveren rule at all. */
  readonly tenantsWithoutResults: readonly string[];
  readonly tenants: readonly (AccountRuntimeConformance & { readonly tenantId: string })[];
  /** Accounts that are not a tenant's (audit, key custody, deployment). */
  readonly otherAccounts: readonly AccountRuntimeConformance[];
}
