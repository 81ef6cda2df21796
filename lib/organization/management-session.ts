import { DescribeOrganizationCommand, type Organization, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { SuverenConfig } from '@suveren/core/config/schema';

/*
 * What `suveren organization prepare` and `suveren accounts create` check before any call
 * that changes the organization: the credentials are the config's management account's,
 * and the region they run in is one the config allows.
 */

/** Wrong credentials or region: the message says which and what to do. */
export class ManagementSessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManagementSessionError';
  }
}

/** The region to call AWS in: the one given (flag or AWS_REGION), which must be allowed, else the config's home region. */
export function sessionRegion(config: SuverenConfig, given: string | undefined): string {
  if (given === undefined || given === '') return config.organization.homeRegion;
  if (!(config.organization.allowedRegions as readonly string[]).includes(given)) {
    throw new ManagementSessionError(
      `region ${given} is not in organization.allowedRegions (${config.organization.allowedRegions.join(', ')}): run with --region ${config.organization.homeRegion} (or unset AWS_REGION); nothing of suveren runs outside the allow-list`,
    );
  }
  return given;
}

/** Throws unless the caller is in the config's management account. */
export async function assertManagementAccount(sts: STSClient, config: SuverenConfig): Promise<string> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (identity.Account !== config.organization.managementAccount) {
    throw new ManagementSessionError(
      `these credentials are account ${identity.Account} (${identity.Arn}), not the management account ${config.organization.managementAccount} of organization ${config.organization.organizationId}: run this with management-account credentials`,
    );
  }
  return identity.Arn ?? identity.Account;
}

/** The organization the credentials are in, checked against the config. */
export async function assertOrganization(organizations: OrganizationsClient, config: SuverenConfig): Promise<Organization> {
  const { Organization: organization } = await organizations.send(new DescribeOrganizationCommand({}));
  if (!organization || organization.Id !== config.organization.organizationId) {
    throw new ManagementSessionError(
      `these credentials are in organization ${organization?.Id ?? '(none)'}, but the config names ${config.organization.organizationId}: correct organization.organizationId, or use the right credentials`,
    );
  }
  return organization;
}
