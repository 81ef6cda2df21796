import { RuntimeRuleIds, type RuntimeRuleId, type SovereigntyRuleId, SovereigntyRuleIds } from '../rule-ids';

/*
 * AWS Config rules that check, on what is deployed, the controls suveren proves at synth
 * time: one list, from which the conformance packs, the custom rules' Lambda and the
 * docs are built. CDK-free: the Lambda bundles it.
 *
 * AWS managed rules are used where one expresses a suveren control; suveren's own controls
 * are custom Lambda rules that run the synth-time Sovereignty rule functions (or, for
 * controls only visible after deployment, the run-time checks in runtime-checks.ts).
 */

/**
 * Where each managed rule is documented. On 2026-12-02 only cmk-backing-key-rotation-
 * enabled's page was read (identifier, periodic, not for custom key stores); the other
 * identifiers come from AWS's list of managed rules and are to be checked against their
 * pages before the conformance packs deploy them.
 */
const managedRuleDoc = (kebab: string) => `https://docs.aws.amazon.com/config/latest/developerguide/${kebab}.html`;

/** What triggers a rule: a configuration change of a recorded resource, or a schedule. */
export type Trigger = 'configuration-change' | 'periodic';

interface RuleBase {
  /** The Config rule's name (unique per account and region); the conformance pack prefixes nothing. */
  readonly name: string;
  /** The suveren controls this rule checks: Sovereignty rule ids or run-time rule ids. */
  readonly controls: readonly (SovereigntyRuleId | RuntimeRuleId)[];
  /** What the rule checks, in a sentence of the evidence report. */
  readonly description: string;
  /** Resource types the rule evaluates (and the recorder must record, for change-triggered rules). */
  readonly resourceTypes: readonly string[];
  readonly trigger: Trigger;
  /** What to do about a NON_COMPLIANT result. Remediation is manual: suveren never changes a resource from a rule. */
  readonly remediation: string;
  /**
   * Only tenants of these key-custody stores: the rule is scoped to resources tagged
   * `suveren:key-custody` with this value.
   * @default every suveren resource of the resource types
   */
  readonly keyCustody?: 'aws-kms';
  /**
   * Only buckets tagged `suveren:continuity` with this value: the data buckets of tenants
   * with a replica (docs/continuity.md).
   * @default every suveren resource of the resource types
   */
  readonly continuity?: 'source';
}

/** An AWS managed rule. */
export interface ManagedConformanceRule extends RuleBase {
  readonly kind: 'managed';
  /** The managed rule's SourceIdentifier. */
  readonly identifier: string;
  /** The rule's page in the AWS Config developer guide. */
  readonly source: string;
}

/** A custom Lambda rule, evaluated by suveren's conformance-rule function. */
export interface CustomConformanceRule extends RuleBase {
  readonly kind: 'custom';
}

export type ConformanceRule = ManagedConformanceRule | CustomConformanceRule;

export const CONFORMANCE_RULES: readonly ConformanceRule[] = [
  {
    kind: 'custom',
    name: 'suveren-s3-cmk-encryption',
    controls: [SovereigntyRuleIds.S3CmkEncryption],
    description: 'Default encryption of each suveren bucket is SSE-KMS under a customer-managed key.',
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation: "Deploy the bucket's stack again through the pipeline; the template sets default encryption to the tenant key.",
  },
  {
    kind: 'custom',
    name: 'suveren-s3-tls-only',
    controls: [SovereigntyRuleIds.S3TlsOnly],
    description: 'The bucket policy denies requests without TLS and with TLS older than 1.2, to everyone, on the bucket and its objects.',
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation: "Find who changed the bucket policy (CloudTrail PutBucketPolicy in the audit archive), then deploy the bucket's stack again.",
  },
  {
    kind: 'custom',
    name: 'suveren-s3-key-pinned',
    controls: [SovereigntyRuleIds.S3KeyPinned],
    description: "The bucket policy refuses PutObject under another encryption or another key than the bucket's own.",
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation:
      "Find who changed the bucket policy (CloudTrail PutBucketPolicy), deploy the bucket's stack again, and list objects written since under another key (`suveren migrate --dry-run` shows them).",
  },
  {
    kind: 'custom',
    name: 'suveren-s3-sse-c-refused',
    controls: [RuntimeRuleIds.SseCRefused],
    description:
      'S3 refuses uploads with a customer-provided key (SSE-C), which no KMS key policy would govern: the encryption configuration blocks SSE-C, or the bucket policy denies it.',
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation:
      "Deploy the bucket's stack again; objects written with SSE-C since are readable only with the key their writer held: find them in CloudTrail data events.",
  },
  {
    kind: 'custom',
    name: 'suveren-s3-bucket-keys-by-tier',
    controls: [RuntimeRuleIds.BucketKeysByTier],
    description:
      'S3 Bucket Keys are on for tenant buckets, except in the external tier, where each object must reach the external key store so that sealing it stops decryption.',
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation:
      "Deploy the tenant's stack again; for the external tier, objects written with a Bucket Key since keep it until re-encrypted (`suveren migrate`).",
  },
  {
    kind: 'custom',
    name: 'suveren-allowed-region',
    controls: [RuntimeRuleIds.AllowedRegion, SovereigntyRuleIds.KmsSingleRegion],
    description: 'Every suveren bucket and key is in an allowed region, and no key is multi-Region.',
    resourceTypes: ['AWS::S3::Bucket', 'AWS::KMS::Key'],
    trigger: 'configuration-change',
    remediation:
      'A bucket or key outside the allowed regions was not made by suveren (the region guard and the SCP refuse it): find its creator in CloudTrail and delete it after moving its data.',
  },
  {
    kind: 'custom',
    name: 'suveren-kms-no-root-wildcard',
    controls: [RuntimeRuleIds.NoRootKmsWildcard],
    description:
      "No tenant data key's policy allows kms:* (or *) to an account root principal, which would let any IAM policy in that account use and manage the key. The operations and trail keys keep the account-root statement CDK writes for them.",
    resourceTypes: ['AWS::KMS::Key'],
    trigger: 'periodic',
    remediation: "Find the PutKeyPolicy call in CloudTrail; deploy the key's stack again, which sets the key policy suveren reviewed.",
  },
  {
    kind: 'custom',
    name: 'suveren-custody-secret-protected',
    controls: [RuntimeRuleIds.CustodySecretProtected],
    description:
      'The resource policy of each key-custody credential (the kmsuser password, the XKS proxy credential) still denies reading or writing its value to everyone but the key handler and the crypto officer, and changing the policy or deleting the secret to everyone but the platform.',
    resourceTypes: ['AWS::SecretsManager::Secret'],
    trigger: 'periodic',
    remediation:
      'Find the PutResourcePolicy or DeleteResourcePolicy call in CloudTrail (only the break-glass role or a deployment could make it); deploy the key-custody stack again; if the policy was open, ask the crypto officer to change the kmsuser password (docs/hsm-runbook.md).',
  },
  {
    kind: 'custom',
    name: 'suveren-lambda-environment-cmk',
    controls: [SovereigntyRuleIds.LambdaEnvironmentCmk],
    description: 'Functions with environment variables encrypt them under a customer-managed key.',
    resourceTypes: ['AWS::Lambda::Function'],
    trigger: 'configuration-change',
    remediation: "Deploy the function's stack again.",
  },
  {
    kind: 'custom',
    name: 'suveren-no-edge-processing',
    controls: [SovereigntyRuleIds.NoEdgeProcessing],
    description:
      'No CloudFront distribution, Global Accelerator, Multi-Region Access Point, edge-optimized API or S3 Transfer Acceleration in a suveren account.',
    resourceTypes: ['AWS::CloudFront::Distribution', 'AWS::GlobalAccelerator::Accelerator', 'AWS::ApiGateway::RestApi', 'AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation:
      'Remove the edge resource (or turn off Transfer Acceleration); if its data may leave the EU, record that decision where the controller keeps its assessments.',
  },
  {
    kind: 'managed',
    name: 'suveren-s3-ssl-requests-only',
    identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
    source: managedRuleDoc('s3-bucket-ssl-requests-only'),
    controls: [SovereigntyRuleIds.S3TlsOnly],
    description: "AWS's own check that the bucket policy denies HTTP requests.",
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation: "Deploy the bucket's stack again.",
  },
  {
    kind: 'managed',
    name: 'suveren-s3-versioning-enabled',
    identifier: 'S3_BUCKET_VERSIONING_ENABLED',
    source: managedRuleDoc('s3-bucket-versioning-enabled'),
    controls: [RuntimeRuleIds.BucketVersioning],
    description: 'Versioning is on, so an overwrite or a delete never loses an accepted object.',
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation: "Deploy the bucket's stack again; versions overwritten while it was suspended are lost, so check the access logs for overwrites.",
  },
  {
    kind: 'managed',
    name: 'suveren-s3-cross-region-replication',
    identifier: 'S3_BUCKET_CROSS_REGION_REPLICATION_ENABLED',
    source: managedRuleDoc('s3-bucket-cross-region-replication-enabled'),
    controls: [RuntimeRuleIds.BucketReplication],
    continuity: 'source',
    description: 'The data bucket of a tenant with continuity has an enabled Cross-Region Replication rule: the replica keeps receiving its objects.',
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation:
      "Deploy the tenant's stack again; objects written while replication was off are not in the replica: `suveren continuity drill` lists them, and S3 Batch Replication copies them (docs/continuity.md).",
  },
  {
    kind: 'managed',
    name: 'suveren-s3-public-access-prohibited',
    identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
    source: managedRuleDoc('s3-bucket-level-public-access-prohibited'),
    controls: [RuntimeRuleIds.BucketNotPublic],
    description: "The bucket's public access block is on, all four settings.",
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation: "Deploy the bucket's stack again, then review the access logs for anonymous reads.",
  },
  {
    kind: 'managed',
    name: 'suveren-kms-not-scheduled-for-deletion',
    identifier: 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION',
    source: managedRuleDoc('kms-cmk-not-scheduled-for-deletion'),
    controls: [RuntimeRuleIds.KeyNotScheduledForDeletion],
    description: 'No key is scheduled for deletion: a deleted key makes every object under it unreadable for good.',
    resourceTypes: ['AWS::KMS::Key'],
    trigger: 'periodic',
    remediation: 'Cancel the deletion (kms:CancelKeyDeletion) within the waiting period, then find who scheduled it in CloudTrail.',
  },
  {
    kind: 'managed',
    name: 'suveren-kms-rotation-enabled',
    identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED',
    source: managedRuleDoc('cmk-backing-key-rotation-enabled'),
    controls: [SovereigntyRuleIds.KmsRotation],
    // Automatic rotation does not exist for keys in a custom key store (the rule's own page says so): only the standard tier's keys.
    keyCustody: 'aws-kms',
    description: "Automatic rotation is on for the standard tier's keys (keys in custom key stores have none; the hsm tier rotates by generations).",
    resourceTypes: ['AWS::KMS::Key'],
    trigger: 'periodic',
    remediation: 'Turn rotation back on by deploying the tenant stack again.',
  },
  {
    kind: 'managed',
    name: 'suveren-multi-region-trail',
    identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    source: managedRuleDoc('multi-region-cloudtrail-enabled'),
    controls: [SovereigntyRuleIds.TrailIntegrity],
    description: 'A multi-Region trail records every account, so activity outside the allowed regions is seen.',
    resourceTypes: ['AWS::CloudTrail::Trail'],
    trigger: 'periodic',
    remediation: 'Deploy Suveren-Audit again; the organization trail is its.',
  },
  {
    kind: 'managed',
    name: 'suveren-trail-log-file-validation',
    identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    source: managedRuleDoc('cloud-trail-log-file-validation-enabled'),
    controls: [SovereigntyRuleIds.TrailIntegrity],
    description: 'The trail writes digest files, so a changed or deleted log file is detectable.',
    resourceTypes: ['AWS::CloudTrail::Trail'],
    trigger: 'periodic',
    remediation: 'Deploy Suveren-Audit again.',
  },
  {
    kind: 'managed',
    name: 'suveren-trail-encryption',
    identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
    source: managedRuleDoc('cloud-trail-encryption-enabled'),
    controls: [SovereigntyRuleIds.TrailIntegrity],
    description: 'The trail encrypts its logs with a KMS key.',
    resourceTypes: ['AWS::CloudTrail::Trail'],
    trigger: 'periodic',
    remediation: 'Deploy Suveren-Audit again.',
  },
  {
    kind: 'managed',
    name: 'suveren-archive-object-lock',
    identifier: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
    source: managedRuleDoc('s3-bucket-default-lock-enabled'),
    controls: [SovereigntyRuleIds.TrailArchiveLocked],
    description: 'The audit archive has S3 Object Lock on.',
    resourceTypes: ['AWS::S3::Bucket'],
    trigger: 'configuration-change',
    remediation: 'Object Lock cannot be turned off once on: a NON_COMPLIANT archive is another bucket; find its creator in CloudTrail.',
  },
  {
    kind: 'managed',
    name: 'suveren-log-group-encrypted',
    identifier: 'CLOUDWATCH_LOG_GROUP_ENCRYPTED',
    source: managedRuleDoc('cloudwatch-log-group-encrypted'),
    controls: [SovereigntyRuleIds.LogsCmkAndRetention],
    description: 'Log groups are encrypted with a KMS key.',
    resourceTypes: ['AWS::Logs::LogGroup'],
    trigger: 'periodic',
    remediation: "Deploy the log group's stack again.",
  },
  {
    kind: 'managed',
    name: 'suveren-log-group-retention',
    identifier: 'CW_LOGGROUP_RETENTION_PERIOD_CHECK',
    source: managedRuleDoc('cw-loggroup-retention-period-check'),
    controls: [SovereigntyRuleIds.LogsCmkAndRetention],
    description: 'Log groups keep their events for a bounded time (at least the rule default of 365 days).',
    resourceTypes: ['AWS::Logs::LogGroup'],
    trigger: 'periodic',
    remediation: "Deploy the log group's stack again.",
  },
];

/**
 * Sovereignty rules no Config rule can check on what is deployed, each with the reason.
 * A test proves every synth-time rule is either checked by a rule above or listed here.
 */
export const WITHOUT_RUNTIME_COUNTERPART: Readonly<Partial<Record<SovereigntyRuleId, string>>> = {
  [SovereigntyRuleIds.LambdaAsyncDlq]:
    "The rule applies to functions S3 invokes asynchronously, which the template shows by its Lambda::Permission. AWS's managed LAMBDA_DLQ_CHECK would flag every function without a dead-letter queue, the presign function among them (invoked synchronously, by design without one), and suveren's custom rule does not read a function's resource policy yet. The upload API's alarm on its dead-letter queue covers what a removed queue would break.",
};

/** The custom rules, by name. */
export function customRule(name: string): CustomConformanceRule | undefined {
  const rule = CONFORMANCE_RULES.find((r) => r.name === name);
  return rule?.kind === 'custom' ? rule : undefined;
}
