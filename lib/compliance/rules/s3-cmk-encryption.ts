import { Compliance, Level } from '../rule-verdict-values';
import { type DeployTarget, type Json, defaultEncryptionRules, renderLiteral } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

/** The key S3 uses when asked for SSE-KMS without a key: AWS-managed and shared, not the tenant's. */
const AWS_MANAGED_S3_KEY = /(^|[:/])alias\/aws\/s3$|^aws\/s3$/;

/**
 * A key reference that names a customer-managed key: a literal (or literal-only
 * `Fn::Join`) key id, ARN or alias that is not aws/s3; a `Ref`/`Fn::GetAtt` of a key or
 * a custom resource (the HSM-backed key) in the same template; or an import from
 * another stack of the app. Anything else (a parameter, an `Fn::Sub` that could spell
 * aws/s3) is not provably customer-managed.
 */
function isCustomerManagedKey(keyId: Json | undefined, resources: Record<string, { Type: string }>, deployTarget: DeployTarget): boolean {
  const literal = renderLiteral(keyId, deployTarget);
  if (literal !== undefined) return literal !== '' && !AWS_MANAGED_S3_KEY.test(literal);
  if (keyId === null || keyId === undefined || typeof keyId !== 'object' || Array.isArray(keyId)) return false;
  if ('Fn::ImportValue' in keyId) return true;
  const getAtt = keyId['Fn::GetAtt'];
  const target = typeof keyId.Ref === 'string' ? keyId.Ref : Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
  const type = target === undefined ? undefined : resources[target]?.Type;
  return type === 'AWS::KMS::Key' || (type !== undefined && type.startsWith('Custom::'));
}

export const s3CmkEncryption: SovereigntyRule = {
  id: SovereigntyRuleIds.S3CmkEncryption,
  info: 'The S3 bucket does not default to SSE-KMS with a customer-managed key.',
  explanation:
    'Tenant data must be encrypted under a key whose custody matches its classification. SSE-S3 and the AWS-managed aws/s3 key are controlled by AWS alone: the tenant can neither restrict nor revoke their use, nor prove who used them.',
  level: Level.ERROR,
  check(resource, { template }) {
    if (resource.Type !== 'AWS::S3::Bucket') return Compliance.NOT_APPLICABLE;
    const rules = defaultEncryptionRules(resource.Properties ?? {});
    if (rules.length === 0) return Compliance.NON_COMPLIANT;
    const compliant = rules.every(
      ({ SSEAlgorithm, KMSMasterKeyID }) =>
        (SSEAlgorithm === 'aws:kms' || SSEAlgorithm === 'aws:kms:dsse') && isCustomerManagedKey(KMSMasterKeyID, template.resources, template),
    );
    return compliant ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
