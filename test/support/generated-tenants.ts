import { CLASSIFICATIONS } from '@suveren/core/contracts/tiers';

/*
 * Many tenants for scale tests and the benchmark: every classification in turn across
 * the given regions, one HSM cluster per region for the confidential ones.
 */

export function hsmClustersFor(regions: readonly string[]) {
  return regions.map((region, i) => ({ id: `hsm-${region}`, account: `44444444444${i}`, region, hsmType: 'hsm2m.medium', availabilityZones: 2 }));
}

export function generatedTenants(count: number, regions: readonly string[]) {
  return Array.from({ length: count }, (_, i) => {
    const region = regions[i % regions.length];
    const classification = CLASSIFICATIONS[i % CLASSIFICATIONS.length];
    return {
      id: `kommun-${String(i).padStart(3, '0')}`,
      displayName: `Kommun ${i}`,
      account: String(300000000000 + i),
      region,
      classification,
      ...(classification === 'confidential' ? { hsmCluster: `hsm-${region}` } : {}),
      uploads: { maxObjectBytes: 1073741824, allowedContentTypes: ['application/pdf'] },
    };
  });
}
