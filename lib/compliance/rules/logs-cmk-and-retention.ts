import { CfnResource, aws_logs as logs } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { resolved } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const logsCmkAndRetention: SovereigntyRule = {
  id: SovereigntyRuleIds.LogsCmkAndRetention,
  info: 'The CloudWatch Logs log group is not encrypted with a customer-managed KMS key, or keeps logs forever.',
  explanation:
    'Logs of tenant workloads can contain personal data (file names, identities). They must be encrypted under a key the platform controls and kept no longer than needed (GDPR Art. 5(1)(e) storage limitation).',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof logs.CfnLogGroup)) return NagRuleCompliance.NOT_APPLICABLE;
    const keyId = resolved(node, node.kmsKeyId);
    const retention = resolved(node, node.retentionInDays);
    const encrypted = keyId !== undefined && keyId !== null && keyId !== '';
    const bounded = retention !== undefined && retention !== null;
    return encrypted && bounded ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
