import { RegionInfo } from 'aws-cdk-lib/region-info';

// The allow-list itself is CDK-free, in packages/core/contracts/regions.ts; this module adds what aws-cdk-lib knows of any region.
export { EU_REGIONS, type EuRegion, isEuRegion, whyNotEu } from '@suveren/core/contracts/regions';

/**
 * The partition a region belongs to, from aws-cdk-lib's region-info (which knows the
 * European Sovereign Cloud), so ARNs are never built with a literal `arn:aws:`.
 */
export function partitionOf(region: string): string {
  const partition = RegionInfo.get(region).partition;
  if (!partition) {
    throw new Error(`aws-cdk-lib's region-info does not know the partition of region ${region}`);
  }
  return partition;
}

/** The DNS suffix of a region's service endpoints (`amazonaws.com`, `amazonaws.eu`, ...). */
export function domainSuffixOf(region: string): string {
  const suffix = RegionInfo.get(region).domainSuffix;
  if (!suffix) {
    throw new Error(`aws-cdk-lib's region-info does not know the domain suffix of region ${region}`);
  }
  return suffix;
}

/** `kms:ViaService` value for a service in a region, e.g. `s3.eu-north-1.amazonaws.com`. */
export function viaServiceName(service: string, region: string): string {
  return `${service}.${region}.${domainSuffixOf(region)}`;
}
