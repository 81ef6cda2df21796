import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

/**
 * Resource types that process or cache data at AWS's global edge, outside any one
 * region: CloudFront (and Lambda@Edge / CloudFront Functions, which only run there),
 * Global Accelerator, and S3 Multi-Region Access Points.
 */
const EDGE_TYPE_PREFIXES = ['AWS::CloudFront::', 'AWS::GlobalAccelerator::'];
const EDGE_TYPES = ['AWS::S3::MultiRegionAccessPoint', 'AWS::S3::MultiRegionAccessPointPolicy'];

export function isEdgeResourceType(type: string): boolean {
  return EDGE_TYPES.includes(type) || EDGE_TYPE_PREFIXES.some((prefix) => type.startsWith(prefix));
}

export const noEdgeProcessing: SovereigntyRule = {
  id: SovereigntyRuleIds.NoEdgeProcessing,
  info: 'The resource processes or routes data at the global edge (CloudFront, Lambda@Edge, Global Accelerator or a Multi-Region Access Point).',
  explanation:
    'Edge services terminate TLS and may cache or process data in edge locations worldwide, outside the allowed regions. Use them only for data that may leave the EU, and acknowledge the finding on the resource with that reason.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    return isEdgeResourceType(node.cfnResourceType) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
  },
};
