import { CfnResource, aws_s3 as s3 } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { type Json, type JsonObject, asArray, resolved } from '../cfn-inspect';
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
    const encryption = resolved(node, node.bucketEncryption) as JsonObject | null;
    const rules = asArray(encryption?.serverSideEncryptionConfiguration as Json[] | undefined) as JsonObject[];
    if (rules.length === 0) return NagRuleCompliance.NON_COMPLIANT;
    const compliant = rules.every((rule) => {
      const byDefault = rule.serverSideEncryptionByDefault as JsonObject | undefined;
      if (!byDefault) return false;
      const algorithm = byDefault.sseAlgorithm;
      const keyId = byDefault.kmsMasterKeyId;
      if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') return false;
      if (keyId === undefined || keyId === null || keyId === '') return false;
      return !(typeof keyId === 'string' && AWS_MANAGED_S3_KEY.test(keyId));
    });
    return compliant ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
