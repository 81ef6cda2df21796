import { z } from 'zod';
import { PERSON_ROLES, PERSON_ROLE_KINDS, PLATFORM_ROLES, PLATFORM_ROLE_KINDS, type PersonRoleKind, type PlatformRoleKind } from '../../contracts/people';
import { accountId, euRegion, identityCenterInstanceArn, identityStoreGroupId, identityStoreId } from '../../fields/config-fields';
import { isEuRegion } from '../../contracts/regions';
import { isUsable, partitionName } from '../../partitions';
import { type CrossFieldContext, partitionOf } from './context';

/*
 * People: the customer's IAM Identity Center, and which of its groups (provisioned by SCIM
 * from the customer's identity provider) hold each person-facing role of each tenant.
 * Identity Center turns an assignment into a role in the tenant's account; the tenant's
 * suveren role trusts that role and nothing else of the account (docs/people.md).
 */

const groupList = (kind: string) =>
  z
    .array(identityStoreGroupId, { error: `expected a list of identity-store group ids that hold the ${kind} role` })
    .default([])
    .meta({ description: `The identity-store groups whose members may take the tenant's ${kind} role.` });

/** A tenant's `people`: the groups of each person-facing role. */
export const tenantPeopleSchema = z
  .strictObject({
    ...(Object.fromEntries(PERSON_ROLE_KINDS.map((kind) => [kind, groupList(PERSON_ROLES[kind].duty)])) as Record<
      PersonRoleKind,
      ReturnType<typeof groupList>
    >),
    sharedAcrossTenants: z
      .boolean({ error: 'expected true or false: whether this tenant\'s key-administrator groups may also hold another tenant\'s' })
      .default(false)
      .meta({ description: "Allow this tenant's key-administrator groups to hold other tenants' key-administrator roles too (needs sharedReason)." }),
    sharedReason: z
      .string({ error: 'expected the reason the key-administrator groups are shared, e.g. "one crypto office serves the municipality\'s boards"' })
      .trim()
      .min(1, 'must not be empty')
      .max(256, 'at most 256 characters')
      .optional()
      .meta({ description: 'Why the key-administrator groups are shared across tenants; shown in the evidence.' }),
  })
  .optional()
  .meta({ description: "Which IAM Identity Center groups hold the tenant's person-facing roles (needs identityCenter; docs/people.md)." });

export const identityCenterSchema = z
  .strictObject({
    instanceArn: identityCenterInstanceArn.meta({ description: 'The IAM Identity Center instance (aws sso-admin list-instances).' }),
    identityStoreId: identityStoreId.meta({ description: "The instance's identity store, where SCIM provisioning creates the groups." }),
    homeRegion: euRegion.meta({ description: "The instance's home region: one of organization.allowedRegions." }),
    delegatedAdministrator: accountId.meta({
      description:
        'The member account delegated to administer Identity Center, where Suveren-People deploys; not the management account, not a tenant\'s account.',
    }),
    platformGroups: z
      .strictObject(
        Object.fromEntries(
          PLATFORM_ROLE_KINDS.map((kind) => [
            kind,
            z
              .array(identityStoreGroupId, { error: `expected a list of identity-store group ids that hold the ${kind} role` })
              .default([])
              .meta({ description: `The identity-store groups that may ${PLATFORM_ROLES[kind].description}.` }),
          ]),
        ) as Record<PlatformRoleKind, z.ZodDefault<z.ZodArray<typeof identityStoreGroupId>>>,
      )
      .optional()
      .meta({ description: "The platform's people: which groups operate Suveren-Pipeline, approve its changes and its guardrails changes, and audit (docs/people.md)." }),
    groupOwners: z
      .string({ error: 'expected who can change group membership in your identity provider, e.g. "Entra ID group owners at Lunds kommun IT"' })
      .trim()
      .min(1, 'must not be empty')
      .max(256, 'at most 256 characters')
      .optional()
      .meta({ description: 'Who can change the groups\' membership in the identity provider (outside AWS): the evidence names them as reaching what the groups reach.' }),
  })
  .optional()
  .meta({ description: "The organization's IAM Identity Center: people reach their tenant roles through its permission sets (docs/people.md)." });

/** People: Identity Center where the partition has it, in an allowed region, administered from a member account of its own; groups only with it, and no key-administrator group shared by accident. */
export function peopleIssues(context: CrossFieldContext): void {
  const { config, issue, mustBeAllowed } = context;
  const center = config.identityCenter;
  if (center) {
    mustBeAllowed(['identityCenter', 'homeRegion'], center.homeRegion);
    if (isEuRegion(center.homeRegion) && !isUsable(partitionOf(center.homeRegion), 'identity-center', config.organization.assumeAvailable)) {
      issue(
        ['identityCenter'],
        `IAM Identity Center is not available in ${partitionName(partitionOf(center.homeRegion))}; remove identityCenter and federate each account with SAML instead (docs/people.md, "Partitions")`,
      );
    }
    const administrator = center.delegatedAdministrator;
    if (administrator === config.organization.managementAccount) {
      issue(
        ['identityCenter', 'delegatedAdministrator'],
        "is the management account: suveren's management policy grants no sso:*, so register a member account as Identity Center's delegated administrator (aws organizations register-delegated-administrator --service-principal sso.amazonaws.com) and name it here",
      );
    }
    const tenant = config.tenants.find((t) => t.account === administrator);
    if (tenant) {
      issue(
        ['identityCenter', 'delegatedAdministrator'],
        `is the account of tenant "${tenant.id}": its administrators would decide who reaches every tenant's data; delegate Identity Center to an account of its own`,
      );
    }
  }
  const platform = center?.platformGroups;
  if (platform) {
    for (const kind of PLATFORM_ROLE_KINDS) {
      const at = (...rest: (string | number)[]) => ['identityCenter', 'platformGroups', kind, ...rest];
      if (PLATFORM_ROLES[kind].account === 'deployment' && platform[kind].length > 0 && !config.deployment)
        issue(at(), 'is assigned in Suveren-Pipeline\'s account, and the config has no deployment section: add deployment, or remove these groups');
      const seen = new Set<string>();
      platform[kind].forEach((group, g) => {
        if (seen.has(group)) issue(at(g), `group ${group} is listed twice; remove the duplicate`);
        seen.add(group);
      });
    }
  }
  const keyAdminGroups = new Map<string, number[]>();
  config.tenants.forEach((tenant, i) => {
    const people = tenant.people;
    if (!people) return;
    const at = (...rest: (string | number)[]) => ['tenants', i, 'people', ...rest];
    if (!center) {
      issue(at(), 'needs identityCenter: the groups are IAM Identity Center groups; add the identityCenter section, or remove people');
      return;
    }
    if (people.migration.length > 0 && !tenant.migration) {
      issue(at('migration'), 'names groups for a migration role that does not exist; set migration: true while a migration runs, or remove these groups');
    }
    if (people.restorer.length > 0 && !tenant.continuity) {
      issue(at('restorer'), 'names groups for a restorer role that does not exist; give the tenant continuity (a replica region), or remove these groups');
    }
    for (const kind of PERSON_ROLE_KINDS) {
      const seen = new Set<string>();
      people[kind].forEach((group, g) => {
        if (seen.has(group)) issue(at(kind, g), `group ${group} is listed twice; remove the duplicate`);
        seen.add(group);
      });
    }
    if (people.sharedAcrossTenants && people.sharedReason === undefined) {
      issue(at('sharedReason'), 'is required with sharedAcrossTenants: true; say why one group administers more than one tenant\'s key');
    }
    for (const group of new Set(people.keyAdmin)) keyAdminGroups.set(group, [...(keyAdminGroups.get(group) ?? []), i]);
  });
  for (const [group, holders] of keyAdminGroups) {
    if (holders.length < 2) continue;
    const unshared = holders.filter((i) => !config.tenants[i].people?.sharedAcrossTenants);
    for (const i of unshared) {
      const others = holders.filter((j) => j !== i).map((j) => config.tenants[j].id);
      const named = others.length > 3 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
      issue(
        ['tenants', i, 'people', 'keyAdmin', config.tenants[i].people!.keyAdmin.indexOf(group)],
        `group ${group} also administers the key of ${named}: each controller's key administrators are its own; give this tenant a group of its own, or set sharedAcrossTenants: true with a sharedReason on every tenant that shares it`,
      );
    }
  }
}
