import { CfnResource, aws_s3 as s3 } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defaultEncryptionRules } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

/** The key S3 uses when a bucket asks for SSE-KMS without naming one: AWS-managed, shared, not the tenant's. */
const AWS_MANAGED_S3_KEY = /^(alias\/)?aws\/s3$|:alias\/aws\/s3$/;

export const s3CmkEncryption: SovereigntyRule = {
  id: SovereigntyRuleIds.S3CmkEncryption,
  info: 'The S3 bucket does not default to SSE-KMS with a customer-managed key.',
  explanation:
    'Tenant data must be encrypted under a key whose custody matches its classification. SSE-S3 and the AWS-managed aws/s3 key are controlled by AWS alone: the tenant can neither restrict nor revoke their use, nor prove who used them.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof s3.CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const rules = defaultEncryptionRules(node);
    if (rules.length === 0) return NagRuleCompliance.NON_COMPLIANT;
    const compliant = rules.every(({ sseAlgorithm, kmsMasterKeyId }) => {
      if (sseAlgorithm !== 'aws:kms' && sseAlgorithm !== 'aws:kms:dsse') return false;
      if (kmsMasterKeyId === undefined || kmsMasterKeyId === null || kmsMasterKeyId === '') return false;
      return !(typeof kmsMasterKeyId === 'string' && AWS_MANAGED_S3_KEY.test(kmsMasterKeyId));
    });
    return compliant ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
