import { isEuRegion } from '../../contracts/regions';
import { partitionName } from '../../partitions';
import { type CrossFieldContext, partitionOf } from './context';

/** The organization: one partition, no region twice, the home region in it, and the crypto officers named where the platform roles create their role. */
export function organizationIssues(context: CrossFieldContext): void {
  const { config, issue, mustBeAllowed, allowed, allowedList } = context;
  const partitions = new Set(allowed.filter(isEuRegion).map(partitionOf));
  if (partitions.size > 1) {
    issue(
      ['organization', 'allowedRegions'],
      `mixes partitions (${[...partitions].join(', ')}): an organization lives in one partition, so list either commercial EU regions or eusc-de-east-1, not both`,
    );
  }
  const seenRegions = new Set<string>();
  allowed.forEach((region, i) => {
    if (seenRegions.has(region)) issue(['organization', 'allowedRegions', i], `${region} is listed twice; remove the duplicate`);
    seenRegions.add(region);
  });

  const homeRegion = config.organization.homeRegion;
  const organizationPartition = partitions.size === 1 ? [...partitions][0] : undefined;
  if (homeRegion !== undefined && organizationPartition !== undefined && isEuRegion(homeRegion) && partitionOf(homeRegion) !== organizationPartition) {
    issue(
      ['organization', 'homeRegion'],
      `${homeRegion} is in partition ${partitionName(partitionOf(homeRegion))}, but allowedRegions are in ${partitionName(organizationPartition)}; the management account's home region must be in the organization's partition: set homeRegion to one of ${allowedList}`,
    );
  } else if (homeRegion !== undefined) {
    mustBeAllowed(['organization', 'homeRegion'], homeRegion);
  }
  const custodians = [...config.keyCustody.hsmClusters, ...config.keyCustody.externalKeyStores];
  if (config.organization.platformRoles && custodians.length > 0 && config.organization.platformRoles.cryptoOfficerTrust.length === 0) {
    issue(
      ['organization', 'platformRoles', 'cryptoOfficerTrust'],
      `is needed: the StackSet creates the crypto officer's role (${[...new Set(custodians.map((c) => c.cryptoOfficerRoleName))].join(', ')}) in each key-custody account; list the roles of your crypto officers that may assume it`,
    );
  }
}
