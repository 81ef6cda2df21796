import { z } from 'zod';
import { CAPABILITY_IDS } from '../../partitions';
import { euRegion, guardrailTarget, iamPrincipalArn, iamRoleName, accountId } from '../../fields/config-fields';
import { isEuRegion } from '../../contracts/regions';
import { partitionName } from '../../partitions';
import { type CrossFieldContext, partitionOf } from './context';
import { operatorSchema, providerSchema } from './controller';

export const organizationSchema = z.strictObject({
    organizationId: z
      .string({ error: 'expected the organization id, e.g. "o-a1b2c3d4e5" (aws organizations describe-organization)' })
      .regex(/^o-[a-z0-9]{10,32}$/, 'expected an organization id like "o-a1b2c3d4e5" (aws organizations describe-organization)').meta({ description: 'The AWS Organizations id, e.g. "o-a1b2c3d4e5" (aws organizations describe-organization).' }),
    managementAccount: accountId.meta({ description: 'The organization\'s management account, as a quoted 12-digit string.' }),
    homeRegion: euRegion.optional().meta({ description: 'Where the organization-wide stacks are deployed; the default is the first allowed region.' }),
    allowedRegions: z
      .array(euRegion, { error: 'expected a list of EU regions, e.g. [eu-north-1, eu-west-1]' })
      .min(1, 'list at least one EU region, e.g. [eu-north-1]').meta({ description: 'The EU regions anything may be deployed in; nothing synthesizes for another.' }),
    guardrailTargets: z
      .array(guardrailTarget, { error: 'expected a list of OU or account ids' })
      .min(1, 'list at least one OU or account the guardrails attach to').meta({ description: 'The OUs, root or accounts the guardrail SCPs and the RCP attach to.' }),
    breakGlassRoleName: iamRoleName.meta({ description: 'The name of the break-glass role in every account, exempt from the guardrails and watched by an alarm.' }),
    // The platform roles Suveren-Bootstrap's StackSet creates in every account (docs/deploying.md); without it, by hand.
    platformRoles: z
      .strictObject({
        breakGlassTrust: z
          .array(iamPrincipalArn, { error: 'expected a list of role ARNs, e.g. ["arn:aws:iam::111111111111:role/emergency-access"]' })
          .min(1, 'list at least one role that may assume the break-glass role').meta({ description: 'The roles that may assume the break-glass role.' }),
        cryptoOfficerTrust: z.array(iamPrincipalArn, { error: 'expected a list of role ARNs' }).default([]).meta({ description: 'The roles of the customer\'s crypto officers that may assume the crypto officer\'s role.' }),
      })
      .optional().meta({ description: 'The platform roles Suveren-Bootstrap\'s StackSet creates in every account (docs/deploying.md); without it, made by hand.' }),
    assumeAvailable: z
      .array(
        z.enum(CAPABILITY_IDS, { error: `expected one of ${CAPABILITY_IDS.join(', ')} (packages/core/partitions.ts lists what each is)` }),
        { error: 'expected a list of capabilities, e.g. [cloudhsm, kms:cloudhsm-key-store]' },
      )
      .default([]).meta({ description: 'Capabilities to take as offered where suveren has not verified them (packages/core/partitions.ts lists each).' }),
    operator: operatorSchema,
    provider: providerSchema,
  }).meta({ description: 'The AWS organization suveren deploys into.' });

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
