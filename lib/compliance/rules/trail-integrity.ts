import { Compliance, Level } from '../rule-verdict-values';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const trailIntegrity: SovereigntyRule = {
  id: SovereigntyRuleIds.TrailIntegrity,
  info: 'The CloudTrail trail does not validate log files, is not encrypted with a customer-managed KMS key, or does not record every region.',
  explanation:
    "The trail is the evidence that data stayed in the EU and who touched which key. Log file validation proves files were not altered after delivery, a CMK keeps them under the platform's control, and a multi-Region trail records activity outside the allowed regions, which is what the region guard exists to prevent.",
  level: Level.ERROR,
  check(resource) {
    if (resource.Type !== 'AWS::CloudTrail::Trail') return Compliance.NOT_APPLICABLE;
    const props = resource.Properties ?? {};
    const literalTrue = (value: unknown) => value === true || value === 'true';
    const keyed = props.KMSKeyId !== undefined && props.KMSKeyId !== null && props.KMSKeyId !== '';
    return literalTrue(props.EnableLogFileValidation) && literalTrue(props.IsMultiRegionTrail) && keyed ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
