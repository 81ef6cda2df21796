import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The only regions suveren will ever synthesize for: regions located in EU member
 * states, plus the AWS European Sovereign Cloud (its own partition, `aws-eusc`).
 *
 * This is the single source of truth. Config validation, the synth-time region
 * guard, key policies and (later) the organization SCPs all import it.
 *
 * Deliberately absent: eu-west-2 (London) and eu-central-2 (Zurich) are in Europe
 * but not in the EU, so the GDPR's Chapter V transfer rules apply to them.
 */
export const EU_REGIONS = [
  'eu-north-1', // Stockholm
  'eu-west-1', // Ireland
  'eu-west-3', // Paris
  'eu-central-1', // Frankfurt
  'eu-south-1', // Milan
  'eu-south-2', // Spain
  'eusc-de-east-1', // AWS European Sovereign Cloud, Brandenburg
] as const;

export type EuRegion = (typeof EU_REGIONS)[number];

/** Regions that are in Europe but outside the EU, with where they are, for error messages. */
const NON_EU_EUROPEAN_REGIONS: Record<string, string> = {
  'eu-west-2': 'London, UK',
  'eu-central-2': 'Zurich, Switzerland',
};

export function isEuRegion(region: string): region is EuRegion {
  return (EU_REGIONS as readonly string[]).includes(region);
}

/** Why a region is not acceptable, phrased for an error message; it echoes what the user wrote. */
export function whyNotEu(region: string): string {
  const where = NON_EU_EUROPEAN_REGIONS[region];
  return where ? `${region} (${where}) is outside the EU` : `${region} is not an EU region`;
}

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
