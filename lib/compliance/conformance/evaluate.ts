import { type Tier, TIERS, usesBucketKeys } from '@suveren/core/contracts/tiers';
import { ACKNOWLEDGED_TAG, KEY_CUSTODY_TAGS, TENANT_DATA_KEY_PURPOSE, TENANT_TAGS } from '@suveren/core/contracts/names';
import { type Json, type JsonObject, type PolicyStatementJson, asArray, bucketPolicyStatements, deniesToEveryone, textOf } from '../cfn-inspect';
import { Compliance } from '../rule-verdict-values';
import { RuntimeRuleIds, type RuntimeRuleId, type SovereigntyRuleId } from '../rule-ids';
import { SOVEREIGNTY_RULES } from '../rules';
import { type CustomConformanceRule, customRule } from './conformance-rules';
import { SUBJECT_LOGICAL_ID, type Subject } from './configuration-item';

/*
 * The verdict of one custom Config rule on one deployed resource: the synth-time
 * Sovereignty rules for the controls they cover, run on the resource in template form,
 * and the run-time checks below for the rest. Pure: the Lambda adapter reads the
 * configuration item and the policies, and reports what this returns.
 */

/** Config's compliance types for PutEvaluations. */
export type ConfigCompliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';

export interface Verdict {
  readonly compliance: ConfigCompliance;
  /** Why, for NON_COMPLIANT and NOT_APPLICABLE: at most 256 characters, as PutEvaluations takes. */
  readonly annotation?: string;
}

/** What the rules take from the rule's parameters. */
export interface EvaluationSettings {
  /** The organization's allowed regions. */
  readonly allowedRegions: readonly string[];
}

const SSE_C = 's3:x-amz-server-side-encryption-customer-algorithm';

/** PutEvaluations' limit on an annotation. */
export const ANNOTATION_LIMIT = 256;

const annotate = (compliance: ConfigCompliance, text?: string): Verdict =>
  text === undefined ? { compliance } : { compliance, annotation: text.length > ANNOTATION_LIMIT ? `${text.slice(0, ANNOTATION_LIMIT - 1)}…` : text };

/**
 * True if S3 refuses SSE-C uploads to the bucket: its encryption configuration blocks
 * SSE-C in every rule, or its policy denies to everyone every PutObject that carries an
 * SSE-C header (suveren deploys both).
 */
export function refusesSseC(resources: Subject['template']['resources'], bucketLogicalId: string): boolean {
  const rules = asArray((resources[bucketLogicalId]?.Properties?.BucketEncryption as JsonObject | undefined)?.ServerSideEncryptionConfiguration);
  const blocked =
    rules.length > 0 &&
    rules.every((rule) => asArray(((rule as JsonObject).BlockedEncryptionTypes as JsonObject | undefined)?.EncryptionType).includes('SSE-C'));
  return (
    blocked ||
    bucketPolicyStatements(resources, bucketLogicalId).some((s) => {
      if (!deniesToEveryone(s, 's3:PutObject')) return false;
      const condition = s.Condition ?? {};
      // The deny's only condition is that the header is present: any other would narrow it.
      return Object.keys(condition).length === 1 && Object.keys(condition.Null ?? {}).length === 1 && textOf(condition.Null?.[SSE_C]) === 'false';
    })
  );
}

/** True if a key policy statement allows kms:* (or *) to an account's root principal. */
export function grantsRootWildcard(statement: PolicyStatementJson): boolean {
  if (statement.Effect !== 'Allow') return false;
  if (!asArray(statement.Action).some((a) => a === '*' || a === 'kms:*')) return false;
  const principal = statement.Principal;
  const aws = typeof principal === 'object' && principal !== null && !Array.isArray(principal) ? asArray(principal.AWS) : [principal];
  return aws.some((p) => typeof p === 'string' && (/^\d{12}$/.test(p) || /^arn:[a-z-]+:iam::\d{12}:root$/.test(p)));
}

/** Readers of a custody secret's value: its handler and its crypto officer. */
const CUSTODY_SECRET_READERS = 2;

/** The statement's only condition is a negated match on aws:PrincipalArn; its values, or undefined. */
function exemptedPrincipals(statement: PolicyStatementJson): string[] | undefined {
  const condition = statement.Condition ?? {};
  const operators = Object.keys(condition);
  if (operators.length !== 1 || !['ArnNotEquals', 'ArnNotLike', 'StringNotEquals', 'StringNotLike'].includes(operators[0])) return undefined;
  const keys = Object.keys(condition[operators[0]] ?? {});
  if (keys.length !== 1 || keys[0].toLowerCase() !== 'aws:principalarn') return undefined;
  return asArray(condition[operators[0]]?.[keys[0]]).map((v) => textOf(v));
}

/**
 * Whether a key-custody credential's resource policy still has the two denies
 * protectCustodySecret writes, unweakened: value reads and writes denied to everyone but
 * at most the handler and the crypto officer; policy changes and deletion denied to
 * everyone but named principals. A reason when not.
 */
export function custodySecretWeakness(policy: Json | undefined): string | undefined {
  if (policy === undefined) return 'The secret has no resource policy: any principal of the account with secretsmanager:GetSecretValue reads it.';
  const statements = keyPolicyStatements(policy);
  const guards = (actions: readonly string[]) =>
    statements.filter((s) => actions.every((a) => deniesToEveryone(s, a)) && textOf(s.Resource) === '*' && exemptedPrincipals(s) !== undefined);
  const readGuard = guards(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']);
  if (readGuard.length === 0) return 'No statement denies GetSecretValue and PutSecretValue to everyone but the handler and the crypto officer.';
  if (readGuard.every((s) => (exemptedPrincipals(s) ?? []).length > CUSTODY_SECRET_READERS || (exemptedPrincipals(s) ?? []).some((p) => p.includes('*')))) {
    return `The deny on reading the value exempts more than the handler and the crypto officer (${exemptedPrincipals(readGuard[0])?.join(', ')}).`;
  }
  if (guards(['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy', 'secretsmanager:DeleteSecret']).length === 0) {
    return 'No statement denies changing the policy or deleting the secret to everyone but the platform.';
  }
  return undefined;
}

function keyPolicyStatements(policy: Json | undefined): PolicyStatementJson[] {
  const document = policy as JsonObject | undefined;
  return asArray(document?.Statement) as unknown as PolicyStatementJson[];
}

function tierOf(subject: Subject): Tier | undefined {
  const tier = subject.tags[TENANT_TAGS.tier];
  return (TIERS as readonly string[]).includes(tier) ? (tier as Tier) : undefined;
}

/** The run-time checks: controls with no synth-time rule of their own. */
function runtimeCheck(id: RuntimeRuleId, subject: Subject, settings: EvaluationSettings): Verdict {
  const { resource, template } = subject;
  switch (id) {
    case RuntimeRuleIds.AllowedRegion:
      return settings.allowedRegions.includes(template.region ?? '')
        ? annotate('COMPLIANT')
        : annotate('NON_COMPLIANT', `${resource.Type} in ${template.region}, outside the allowed regions ${settings.allowedRegions.join(', ')}.`);
    case RuntimeRuleIds.SseCRefused:
      if (resource.Type !== 'AWS::S3::Bucket') return annotate('NOT_APPLICABLE');
      return refusesSseC(template.resources, SUBJECT_LOGICAL_ID)
        ? annotate('COMPLIANT')
        : annotate('NON_COMPLIANT', 'Neither the encryption configuration nor the bucket policy refuses uploads with a customer-provided key (SSE-C).');
    case RuntimeRuleIds.BucketKeysByTier: {
      if (resource.Type !== 'AWS::S3::Bucket') return annotate('NOT_APPLICABLE');
      const tier = tierOf(subject);
      if (!tier) return annotate('NOT_APPLICABLE', `Not a tenant bucket: no ${TENANT_TAGS.tier} tag of a known tier.`);
      const expected = usesBucketKeys(tier);
      const rules = asArray((resource.Properties?.BucketEncryption as JsonObject | undefined)?.ServerSideEncryptionConfiguration);
      const kms = rules.some((rule) =>
        textOf(((rule as JsonObject).ServerSideEncryptionByDefault as JsonObject | undefined)?.SSEAlgorithm).startsWith('aws:kms'),
      );
      if (!kms) return annotate('NOT_APPLICABLE', 'Bucket Keys apply to SSE-KMS buckets only.');
      const actual = rules.every((rule) => (rule as JsonObject).BucketKeyEnabled === true);
      return actual === expected
        ? annotate('COMPLIANT')
        : annotate('NON_COMPLIANT', `Bucket Keys are ${actual ? 'on' : 'off'}; the ${tier} tier has them ${expected ? 'on' : 'off'}.`);
    }
    case RuntimeRuleIds.NoRootKmsWildcard: {
      if (resource.Type !== 'AWS::KMS::Key') return annotate('NOT_APPLICABLE');
      // Tenant data keys only: the operations and trail keys keep CDK's account-root statement (docs/conformance.md).
      const dataKey = subject.tags[TENANT_TAGS.keyPurpose] === TENANT_DATA_KEY_PURPOSE || resource.Properties?.CustomKeyStoreId !== undefined;
      if (!dataKey) return annotate('NOT_APPLICABLE', 'Not a tenant data key.');
      if (resource.Properties?.KeyPolicy === undefined) return annotate('NOT_APPLICABLE', 'The key policy could not be read.');
      const offending = keyPolicyStatements(resource.Properties.KeyPolicy).filter(grantsRootWildcard);
      return offending.length === 0
        ? annotate('COMPLIANT')
        : annotate('NON_COMPLIANT', `The key policy allows kms:* to an account root (statement ${offending.map((s) => s.Sid ?? '(no Sid)').join(', ')}).`);
    }
    case RuntimeRuleIds.CustodySecretProtected: {
      if (resource.Type !== 'AWS::SecretsManager::Secret') return annotate('NOT_APPLICABLE');
      const custody = Object.values(KEY_CUSTODY_TAGS).some((tag) => subject.tags[tag] !== undefined);
      if (!custody) return annotate('NOT_APPLICABLE', 'Not a key-custody credential.');
      const weakness = custodySecretWeakness(resource.Properties?.ResourcePolicy);
      return weakness === undefined ? annotate('COMPLIANT') : annotate('NON_COMPLIANT', weakness);
    }
    default:
      // Managed rules check these; a custom rule naming one is a mistake in the list.
      throw new Error(`no run-time check for ${id}`);
  }
}

const RULE_OUTCOME: Record<string, ConfigCompliance> = {
  [Compliance.COMPLIANT]: 'COMPLIANT',
  [Compliance.NON_COMPLIANT]: 'NON_COMPLIANT',
  [Compliance.NOT_APPLICABLE]: 'NOT_APPLICABLE',
};

/** A synth-time Sovereignty rule, on the deployed resource in template form. */
function sovereigntyCheck(id: SovereigntyRuleId, subject: Subject): Verdict {
  const rule = SOVEREIGNTY_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no Sovereignty rule ${id}`);
  const result = rule.check(subject.resource, { logicalId: SUBJECT_LOGICAL_ID, template: subject.template });
  // Sovereignty rules return one verdict per resource, never a list of findings.
  const compliance = typeof result === 'string' ? RULE_OUTCOME[result] : 'NON_COMPLIANT';
  if (compliance === 'NON_COMPLIANT') return annotate(compliance, `${id}: ${rule.info}`);
  // Called only on resources the Config rule is scoped to, where "nothing here the rule
  // applies to" (a function without environment variables, a regional API) is the control holding.
  return annotate(compliance === 'NOT_APPLICABLE' ? 'COMPLIANT' : compliance);
}

/**
 * The verdict of the custom rule `rule` on `subject`: every control it names must hold
 * (the first that does not is the annotation); NOT_APPLICABLE when none applies.
 */
export function evaluate(rule: CustomConformanceRule, subject: Subject, settings: EvaluationSettings): Verdict {
  if (!rule.resourceTypes.includes(subject.resource.Type)) return annotate('NOT_APPLICABLE', `${rule.name} does not evaluate ${subject.resource.Type}.`);
  const acknowledged = (subject.tags[ACKNOWLEDGED_TAG] ?? '').split(' ');
  const verdicts = rule.controls.map((control) =>
    acknowledged.includes(control)
      ? annotate('NOT_APPLICABLE', `${control} was acknowledged on this resource at synth time; the evidence report gives the reason.`)
      : (Object.values(RuntimeRuleIds) as string[]).includes(control)
        ? runtimeCheck(control as RuntimeRuleId, subject, settings)
        : sovereigntyCheck(control as SovereigntyRuleId, subject),
  );
  return (
    verdicts.find((v) => v.compliance === 'NON_COMPLIANT') ?? verdicts.find((v) => v.compliance === 'COMPLIANT') ?? verdicts[0] ?? annotate('NOT_APPLICABLE')
  );
}

/** The custom rule a Config rule's parameters name, or an error naming what is wrong. */
export function ruleOf(parameters: Readonly<Record<string, unknown>>): { rule: CustomConformanceRule; settings: EvaluationSettings } {
  const name = parameters.rule;
  const rule = typeof name === 'string' ? customRule(name) : undefined;
  if (!rule) throw new Error(`the rule parameter "rule" names no custom suveren rule (got ${JSON.stringify(name)})`);
  const regions = typeof parameters.allowedRegions === 'string' ? parameters.allowedRegions.split(',').filter((r) => r !== '') : [];
  if (regions.length === 0) throw new Error('the rule parameter "allowedRegions" is missing (comma-separated regions)');
  return { rule, settings: { allowedRegions: regions } };
}
