import { CfnResource, aws_kms as kms } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { resolved } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

/** True for a multi-Region primary key or a replica key: key material that can leave its region. */
export function isMultiRegionKey(node: CfnResource): boolean {
  if (node instanceof kms.CfnReplicaKey) return true;
  if (!(node instanceof kms.CfnKey)) return false;
  // Anything but a literal false (a parameter, a condition) could be true at deploy time.
  const multiRegion = resolved(node, node.multiRegion);
  return multiRegion !== undefined && multiRegion !== null && multiRegion !== false && multiRegion !== 'false';
}

export const kmsSingleRegion: SovereigntyRule = {
  id: SovereigntyRuleIds.KmsSingleRegion,
  info: 'The KMS key is multi-Region (or a replica key).',
  explanation:
    'A multi-Region key can be replicated to any region, including ones outside the EU, by anyone allowed kms:ReplicateKey; its key material then exists outside the allowed regions. suveren keys are single-Region.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof kms.CfnKey) && !(node instanceof kms.CfnReplicaKey)) return NagRuleCompliance.NOT_APPLICABLE;
    return isMultiRegionKey(node) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
