/**
 * The only regions suveren will ever synthesize for: regions located in EU member
 * states, plus the AWS European Sovereign Cloud (its own partition, `aws-eusc`).
 *
 * This is the single source of truth. Config validation, the synth-time region guard,
 * key policies, the organization SCPs and the XKS proxy on the customer's premises all
 * import it. No CDK imports: the premises command carries this file without aws-cdk-lib.
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

/**
 * Each EU region's partition, as aws-cdk-lib's region-info gives it (a test compares the
 * two), for code that must not load the CDK: the config schema on the premises.
 */
export const EU_REGION_PARTITIONS: Readonly<Record<EuRegion, string>> = {
  'eu-north-1': 'aws',
  'eu-west-1': 'aws',
  'eu-west-3': 'aws',
  'eu-central-1': 'aws',
  'eu-south-1': 'aws',
  'eu-south-2': 'aws',
  'eusc-de-east-1': 'aws-eusc',
};

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
