/*
 * Read-only helpers over synthesized CloudFormation (template form: PascalCase
 * properties, intrinsics as objects), shared by the Sovereignty rules and the region guard.
 * CDK-free: AWS Config's custom rules bundle them with the rules.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface PolicyStatementJson {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Principal?: Json;
  readonly Resource?: Json;
  readonly Condition?: Record<string, Record<string, Json>>;
  readonly Sid?: string;
}

interface ResourceLike {
  readonly Type: string;
  readonly Properties?: JsonObject;
}

/**
 * A template value as text: a string as it is, a number or boolean printed, anything else
 * (an intrinsic such as `{ "Fn::Join": ... }`, a list) as its JSON, never "[object Object]".
 */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

/** Template-form equality of two values (so `{Fn::GetAtt}` compares by target). */
export function sameValue(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** True only for a literal false (or its string form): a parameter or condition could be true. */
export function isLiteralFalse(value: Json | undefined): boolean {
  return value === false || value === 'false';
}

/** The statements of every bucket policy in `resources` that targets the bucket `bucketLogicalId`. */
export function bucketPolicyStatements(resources: Record<string, ResourceLike>, bucketLogicalId: string): PolicyStatementJson[] {
  const statements: PolicyStatementJson[] = [];
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::S3::BucketPolicy') continue;
    if (!sameValue(resource.Properties?.Bucket, { Ref: bucketLogicalId })) continue;
    const document = resource.Properties?.PolicyDocument as { Statement?: PolicyStatementJson[] } | undefined;
    statements.push(...asArray(document?.Statement));
  }
  return statements;
}

/** A bucket's default-encryption rules, as `{ SSEAlgorithm, KMSMasterKeyID }` pairs. */
export function defaultEncryptionRules(bucketProperties: JsonObject): { SSEAlgorithm?: Json; KMSMasterKeyID?: Json }[] {
  const encryption = bucketProperties.BucketEncryption as JsonObject | undefined;
  const rules = asArray(encryption?.ServerSideEncryptionConfiguration as Json[] | undefined) as JsonObject[];
  return rules.map((rule) => {
    const byDefault = (rule.ServerSideEncryptionByDefault ?? {}) as JsonObject;
    return { SSEAlgorithm: byDefault.SSEAlgorithm, KMSMasterKeyID: byDefault.KMSMasterKeyID };
  });
}

/** True if a statement denies `action` (literally, or through `service:*` / `*`) to every principal. */
export function deniesToEveryone(statement: PolicyStatementJson, action: string): boolean {
  if (statement.Effect !== 'Deny') return false;
  const principal = statement.Principal;
  const everyone =
    principal === '*' || (typeof principal === 'object' && principal !== null && !Array.isArray(principal) && asArray(principal.AWS).includes('*'));
  if (!everyone) return false;
  const service = action.split(':')[0];
  return asArray(statement.Action).some((a) => a === '*' || a === `${service}:*` || a === action);
}

/** Where a template deploys, as far as known: the values of `AWS::Region` and `AWS::Partition`. */
export interface DeployTarget {
  readonly region: string | undefined;
  readonly partition: string | undefined;
}

/**
 * Renders a literal, or an `Fn::Join` of literals and `AWS::Partition`/`AWS::Region`,
 * to a string; undefined for anything that is only known at deploy time.
 */
export function renderLiteral(value: Json | undefined, target: DeployTarget): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (value.Ref === 'AWS::Partition') return target.partition;
  if (value.Ref === 'AWS::Region') return target.region;
  const join = value['Fn::Join'];
  if (!Array.isArray(join) || join.length !== 2 || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
  const parts = join[1].map((part) => renderLiteral(part, target));
  return parts.every((part): part is string => part !== undefined) ? parts.join(join[0]) : undefined;
}
