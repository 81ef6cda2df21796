import { Compliance, Level } from '../rule-verdict-values';
import { type Json, type JsonObject, asArray } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';
import type { TemplateResource } from '../synthesized-templates';

/**
 * Resource types that process or cache data at AWS's global edge, outside any one
 * region: CloudFront (and Lambda@Edge / CloudFront Functions, which only run there),
 * Global Accelerator, and S3 Multi-Region Access Points.
 */
const EDGE_TYPE_PREFIXES = ['AWS::CloudFront::', 'AWS::GlobalAccelerator::'];
const EDGE_TYPES = ['AWS::S3::MultiRegionAccessPoint', 'AWS::S3::MultiRegionAccessPointPolicy'];

/** API Gateway endpoints are edge-optimized (behind CloudFront) unless they say otherwise. */
function isEdgeOptimizedApi(resource: TemplateResource): boolean {
  if (resource.Type !== 'AWS::ApiGateway::RestApi' && resource.Type !== 'AWS::ApiGateway::DomainName') return false;
  const types = asArray((resource.Properties?.EndpointConfiguration as JsonObject | undefined)?.Types as Json[] | undefined);
  return types.length === 0 || types.includes('EDGE');
}

/** S3 Transfer Acceleration routes uploads through CloudFront edge locations. */
function hasTransferAcceleration(resource: TemplateResource): boolean {
  if (resource.Type !== 'AWS::S3::Bucket') return false;
  return (resource.Properties?.AccelerateConfiguration as JsonObject | undefined)?.AccelerationStatus === 'Enabled';
}

export function isEdgeResource(resource: TemplateResource): boolean {
  return (
    EDGE_TYPES.includes(resource.Type) ||
    EDGE_TYPE_PREFIXES.some((prefix) => resource.Type.startsWith(prefix)) ||
    isEdgeOptimizedApi(resource) ||
    hasTransferAcceleration(resource)
  );
}

export const noEdgeProcessing: SovereigntyRule = {
  id: SovereigntyRuleIds.NoEdgeProcessing,
  info: 'The resource processes or routes data at the global edge (CloudFront, Lambda@Edge, Global Accelerator, a Multi-Region Access Point, an edge-optimized API Gateway endpoint or S3 Transfer Acceleration).',
  explanation:
    'Edge services terminate TLS and may cache or process data in edge locations worldwide, outside the allowed regions. Use regional endpoints; use edge services only for data that may leave the EU, and acknowledge the finding on the resource with that reason.',
  level: Level.ERROR,
  check(resource) {
    return isEdgeResource(resource) ? Compliance.NON_COMPLIANT : Compliance.NOT_APPLICABLE;
  },
};
