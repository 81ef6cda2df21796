import { Compliance, Level } from '../rule-verdict-values';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const logsCmkAndRetention: SovereigntyRule = {
  id: SovereigntyRuleIds.LogsCmkAndRetention,
  info: 'The CloudWatch Logs log group is not encrypted with a customer-managed KMS key, or keeps logs forever.',
  explanation:
    'Logs of tenant workloads can contain personal data (file names, identities). They must be encrypted under a key the platform controls and kept no longer than needed (GDPR Art. 5(1)(e) storage limitation).',
  level: Level.ERROR,
  check(resource) {
    if (resource.Type !== 'AWS::Logs::LogGroup') return Compliance.NOT_APPLICABLE;
    const props = resource.Properties ?? {};
    const encrypted = props.KmsKeyId !== undefined && props.KmsKeyId !== null && props.KmsKeyId !== '';
    const bounded = props.RetentionInDays !== undefined && props.RetentionInDays !== null;
    return encrypted && bounded ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
