import { EU_REGION_PARTITIONS, type EuRegion, isEuRegion } from '../../contracts/regions';
import type { ConfigIssue, RawConfig } from '../schema';

/** The partition of an EU region (the schema runs on the premises too, without aws-cdk-lib). */
export const partitionOf = (region: EuRegion): string => EU_REGION_PARTITIONS[region];

/** What every area's cross-field rules read, and where they report. */
export interface CrossFieldContext {
  readonly config: RawConfig;
  readonly issues: ConfigIssue[];
  /** Reports a problem at `path`. */
  readonly issue: (path: (string | number)[], message: string) => void;
  /** Reports an EU region that organization.allowedRegions does not list. */
  readonly mustBeAllowed: (path: (string | number)[], region: string) => void;
  readonly allowed: readonly string[];
  readonly allowedList: string;
  /** The HSM clusters and external key stores by id (a later one of the same id wins; key custody reports the duplicate). */
  readonly clusters: ReadonlyMap<string, RawConfig['keyCustody']['hsmClusters'][number]>;
  readonly stores: ReadonlyMap<string, RawConfig['keyCustody']['externalKeyStores'][number]>;
}

export function crossFieldContext(config: RawConfig): CrossFieldContext {
  const issues: ConfigIssue[] = [];
  const allowed = config.organization.allowedRegions;
  const allowedList = allowed.join(', ');
  const issue = (path: (string | number)[], message: string) => {
    issues.push({ path, message });
  };
  const mustBeAllowed = (path: (string | number)[], region: string) => {
    if (isEuRegion(region) && !allowed.includes(region)) {
      issue(path, `${region} is not in organization.allowedRegions (${allowedList}); use one of those, or add ${region} to organization.allowedRegions`);
    }
  };
  return {
    config,
    issues,
    issue,
    mustBeAllowed,
    allowed,
    allowedList,
    clusters: new Map(config.keyCustody.hsmClusters.map((c) => [c.id, c])),
    stores: new Map(config.keyCustody.externalKeyStores.map((s) => [s.id, s])),
  };
}
