import { CfnResource, aws_s3 as s3 } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { type Json, type PolicyStatementJson, bucketPolicyStatements, defaultEncryptionRules, deniesToEveryone, sameValue } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const s3KeyPinned: SovereigntyRule = {
  id: SovereigntyRuleIds.S3KeyPinned,
  info: "The S3 bucket policy does not refuse PutObject requests without SSE-KMS or with a key other than the bucket's own key.",
  explanation:
    "Default encryption only applies when a request names no key: a client (or a compromised role) can still ask S3 to encrypt under another key, including one in another account or under another controller's custody. The bucket policy must deny any PutObject that names an encryption other than aws:kms or a key id other than the tenant key's full ARN (IfExists, so multipart parts, which carry no headers, still work).",
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof s3.CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const keyIds = defaultEncryptionRules(node)
      .map((rule) => rule.kmsMasterKeyId)
      .filter((keyId): keyId is Json => keyId !== undefined && keyId !== null);
    // A bucket without a default KMS key has nothing to pin; Suveren-S1 reports it.
    if (keyIds.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const denyPuts = bucketPolicyStatements(node).filter((s) => deniesToEveryone(s, 's3:PutObject'));
    const conditionValue = (s: PolicyStatementJson, key: string) =>
      s.Condition?.StringNotEqualsIfExists?.[key] ?? s.Condition?.StringNotEquals?.[key];
    const requiresKms = denyPuts.some((s) => conditionValue(s, 's3:x-amz-server-side-encryption') === 'aws:kms');
    const pinsKey = denyPuts.some((s) =>
      keyIds.every((keyId) => sameValue(conditionValue(s, 's3:x-amz-server-side-encryption-aws-kms-key-id'), keyId)),
    );
    return requiresKms && pinsKey ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
