import { CfnResource, Stack, aws_s3 as s3 } from 'aws-cdk-lib';

/*
 * Read-only helpers for rules: resolve L1 properties the way they will appear in the
 * template, and find the policy statements that apply to a bucket.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface PolicyStatementJson {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Principal?: Json;
  readonly Resource?: Json;
  readonly Condition?: Record<string, Record<string, Json>>;
  readonly Sid?: string;
}

/** Resolves a value of `node` to its template form (tokens become intrinsics). */
export function resolved(node: CfnResource, value: unknown): Json {
  return Stack.of(node).resolve(value) as Json;
}

/** Template-form equality of two resolved values (so `{Fn::GetAtt}` compares by target). */
export function sameValue(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const policiesByStack = new WeakMap<Stack, s3.CfnBucketPolicy[]>();

/** The statements of every bucket policy in the bucket's stack that targets it. */
export function bucketPolicyStatements(bucket: s3.CfnBucket): PolicyStatementJson[] {
  const stack = Stack.of(bucket);
  let policies = policiesByStack.get(stack);
  if (!policies) {
    policies = stack.node.findAll().filter((c): c is s3.CfnBucketPolicy => c instanceof s3.CfnBucketPolicy);
    policiesByStack.set(stack, policies);
  }
  const bucketRef = resolved(bucket, bucket.ref);
  const statements: PolicyStatementJson[] = [];
  for (const policy of policies) {
    if (!sameValue(resolved(policy, policy.bucket), bucketRef)) continue;
    const document = resolved(policy, policy.policyDocument) as { Statement?: PolicyStatementJson[] } | null;
    statements.push(...asArray(document?.Statement));
  }
  return statements;
}

/** True if a statement denies `action` (literally, or through `s3:*` / `*`) to every principal. */
export function deniesToEveryone(statement: PolicyStatementJson, action: string): boolean {
  if (statement.Effect !== 'Deny') return false;
  const principal = statement.Principal;
  const everyone =
    principal === '*' ||
    (typeof principal === 'object' && principal !== null && !Array.isArray(principal) && asArray(principal.AWS as Json).includes('*'));
  if (!everyone) return false;
  const service = action.split(':')[0];
  return asArray(statement.Action).some((a) => a === '*' || a === `${service}:*` || a === action);
}

/** A bucket's default-encryption rules, as `{ sseAlgorithm, kmsMasterKeyId }` pairs (L1 property names). */
export function defaultEncryptionRules(bucket: s3.CfnBucket): { sseAlgorithm?: Json; kmsMasterKeyId?: Json }[] {
  const encryption = resolved(bucket, bucket.bucketEncryption) as JsonObject | null;
  const rules = asArray(encryption?.serverSideEncryptionConfiguration as Json[] | undefined) as JsonObject[];
  return rules.map((rule) => {
    const byDefault = (rule.serverSideEncryptionByDefault ?? {}) as JsonObject;
    return { sseAlgorithm: byDefault.sseAlgorithm, kmsMasterKeyId: byDefault.kmsMasterKeyId };
  });
}
