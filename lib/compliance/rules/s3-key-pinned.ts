import { Compliance, Level } from '../rule-verdict-values';
import { type Json, type PolicyStatementJson, bucketPolicyStatements, defaultEncryptionRules, deniesToEveryone, sameValue, textOf } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';
import type { TemplateResource } from '../synthesized-templates';

const SSE = 's3:x-amz-server-side-encryption';
const SSE_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';

/**
 * The value a Deny compares `key` against, when that is the statement's only condition
 * besides the required `Null: { key: false }` on the same key. Without that guard a
 * negated operator (IfExists or not) is true when the header is absent, so the deny
 * would refuse every multipart part and part copy, which carry no SSE headers.
 */
function onlyNotEquals(statement: PolicyStatementJson, key: string): Json | undefined {
  const condition = statement.Condition ?? {};
  const { Null: nullGuard, ...rest } = condition;
  if (nullGuard === undefined || !(Object.keys(nullGuard).length === 1 && textOf(nullGuard[key]) === 'false')) return undefined;
  const operators = Object.keys(rest);
  if (operators.length !== 1 || !['StringNotEquals', 'StringNotEqualsIfExists'].includes(operators[0])) return undefined;
  const keys = rest[operators[0]];
  return Object.keys(keys).length === 1 ? keys[key] : undefined;
}

/** The logical id a key id or ARN (`Ref` or `Fn::GetAtt [.., Arn]`) refers to, if it refers to one. */
function keyLogicalId(value: Json | undefined): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

/**
 * True if `name` is one of the default keys, the `Ref` (key id) of one given as
 * `Fn::GetAtt [.., Arn]`, or the ARN of an alias the template points at one (a
 * delivery channel that cannot know the key's id names its alias, and S3 sees that name).
 */
function namesDefaultKey(name: Json | undefined, keyIds: Json[], resources: Record<string, TemplateResource>): boolean {
  return keyIds.some((keyId) => {
    if (sameValue(name, keyId)) return true;
    const key = keyLogicalId(keyId);
    if (key === undefined) return false;
    if (sameValue(name, { Ref: key })) return true;
    const alias = /^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:(alias\/.+)$/.exec(typeof name === 'string' ? name : '')?.[1];
    return (
      alias !== undefined &&
      Object.values(resources).some((r) => r.Type === 'AWS::KMS::Alias' && r.Properties?.AliasName === alias && keyLogicalId(r.Properties?.TargetKeyId) === key)
    );
  });
}

/**
 * Whether the bucket policy pins writes to SSE-KMS under the bucket's default key, as
 * Suveren-S3 judges it; null for a bucket without a default KMS key. The evidence report
 * states the same.
 */
export function keyPinned(bucket: TemplateResource, resources: Record<string, TemplateResource>, bucketLogicalId: string): boolean | null {
  const keyIds = defaultEncryptionRules(bucket.Properties ?? {})
    .map((rule) => rule.KMSMasterKeyID)
    .filter((keyId): keyId is Json => keyId !== undefined && keyId !== null);
  if (keyIds.length === 0) return null;
  const denyPuts = bucketPolicyStatements(resources, bucketLogicalId).filter((s) => deniesToEveryone(s, 's3:PutObject'));
  const requiresKms = denyPuts.some((s) => onlyNotEquals(s, SSE) === 'aws:kms');
  // The pinned value is the default key itself, or a list of names of that one key (ARN, id, alias ARN).
  const pinsKey = denyPuts.some((s) => {
    const pinned = onlyNotEquals(s, SSE_KEY);
    const names = Array.isArray(pinned) ? pinned : [pinned];
    return keyIds.every((keyId) => names.some((name) => sameValue(name, keyId))) && names.every((name) => namesDefaultKey(name, keyIds, resources));
  });
  return requiresKms && pinsKey;
}

export const s3KeyPinned: SovereigntyRule = {
  id: SovereigntyRuleIds.S3KeyPinned,
  info: "The S3 bucket policy does not refuse PutObject requests that name an encryption other than SSE-KMS or a key other than the bucket's own key, each guarded by a Null check so that multipart parts still pass.",
  explanation:
    "Default encryption only applies when a request names no key: a client (or a compromised role) can still ask S3 to encrypt under another key, including one in another account or under another controller's custody. The bucket policy must deny any PutObject that names an encryption other than aws:kms or a key id other than the tenant key's full ARN (each paired with a Null check of the same header, so multipart parts, which carry no headers, still work).",
  level: Level.ERROR,
  check(resource, { logicalId, template }) {
    if (resource.Type !== 'AWS::S3::Bucket') return Compliance.NOT_APPLICABLE;
    const pinned = keyPinned(resource, template.resources, logicalId);
    // A bucket without a default KMS key has nothing to pin; Suveren-S1 reports it.
    if (pinned === null) return Compliance.NOT_APPLICABLE;
    return pinned ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
