import { CLASSIFICATIONS } from '@suveren/core/contracts/tiers';

/*
 * Many tenants for scale tests and the benchmark: every classification in turn across
 * the given regions, one HSM cluster per region for the confidential ones, and groups of
 * their own in IAM Identity Center (the config needs its identityCenter section).
 */

export function hsmClustersFor(regions: readonly string[]) {
  return regions.map((region, i) => ({ id: `hsm-${region}`, account: `44444444444${i}`, region, hsmType: 'hsm2m.medium', availabilityZones: 2 }));
}

/** A distinct identity-store group id for tenant `i`'s role `kind`. */
export function groupId(i: number, kind: number): string {
  return `9067a1b2c3-${i.toString(16).padStart(8, '0')}-1111-4111-8111-${kind.toString(16).padStart(12, '0')}`;
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
      // Groups of its own for each person-facing role, as SCIM would provision them.
      people: { reader: [groupId(i, 1)], uploader: [groupId(i, 2)], keyAdmin: [groupId(i, 3)] },
      uploads: { maxObjectBytes: 1073741824, allowedContentTypes: ['application/pdf'] },
    };
  });
}
