import { Compliance, Level } from '../rule-verdict-values';
import { isLiteralFalse } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';
import type { TemplateResource } from '../synthesized-templates';

/**
 * True for a multi-Region primary key or a replica key: key material that can leave
 * its region. Anything but a literal false (a parameter, a condition) counts, since it
 * could be true at deploy time. The region guard uses this too.
 */
export function isMultiRegionKey(resource: TemplateResource): boolean {
  if (resource.Type === 'AWS::KMS::ReplicaKey') return true;
  if (resource.Type !== 'AWS::KMS::Key') return false;
  const multiRegion = resource.Properties?.MultiRegion;
  return multiRegion !== undefined && !isLiteralFalse(multiRegion);
}

export const kmsSingleRegion: SovereigntyRule = {
  id: SovereigntyRuleIds.KmsSingleRegion,
  info: 'The KMS key is multi-Region (or a replica key, or its MultiRegion is not a literal false).',
  explanation:
    'A multi-Region key can be replicated to any region, including ones outside the EU, by anyone allowed kms:ReplicateKey; its key material then exists outside the allowed regions. suveren keys are single-Region.',
  level: Level.ERROR,
  check(resource) {
    if (resource.Type !== 'AWS::KMS::Key' && resource.Type !== 'AWS::KMS::ReplicaKey') return Compliance.NOT_APPLICABLE;
    return isMultiRegionKey(resource) ? Compliance.NON_COMPLIANT : Compliance.COMPLIANT;
  },
};
