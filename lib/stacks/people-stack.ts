import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TenantConfig } from '@suveren/core/config/schema';
import { PERSON_ROLE_KINDS, PLATFORM_ROLES, PLATFORM_ROLE_KINDS, type PersonRoleKind, type PlatformRoleKind } from '@suveren/core/contracts/people';
import { PlatformGroupAssignments } from '../constructs/people/platform-group-assignments';
import { type PlatformPlace, PlatformRolePermissionSet } from '../constructs/people/platform-role-permission-set';
import { PersonRolePermissionSet } from '../constructs/people/person-role-permission-set';
import { TenantGroupAssignments } from '../constructs/people/tenant-group-assignments';
import { groupsOf } from './people-groups';

export interface PeopleStackProps extends StackProps {
  /** The IAM Identity Center instance. */
  readonly instanceArn: string;
  /** The tenants whose group assignments this stack holds (the first shard); later shards are PeopleAssignmentsStacks. */
  readonly tenants: readonly TenantConfig[];
  /**
   * The platform's groups (operators, approvers, auditors) and where they work.
   * @default none: no platform permission set
   */
  readonly platform?: {
    readonly groups: Readonly<Record<PlatformRoleKind, readonly string[]>>;
    /** Suveren-Pipeline's account and region; without it, no operator or approver set. */
    readonly deployment?: PlatformPlace;
    readonly audit: PlatformPlace;
  };
}

/**
 * IAM Identity Center as code, in its delegated administrator account and home region:
 * one permission set per person-facing role kind, and the group assignments of the first
 * tenants. Users, their MFA and the identity provider stay the customer's
 * (docs/people.md).
 */
export class PeopleStack extends Stack {
  public readonly permissionSets: Readonly<Record<PersonRoleKind, PersonRolePermissionSet>>;

  constructor(scope: Construct, id: string, props: PeopleStackProps) {
    super(scope, id, { description: 'suveren people: IAM Identity Center permission sets of the tenant roles, and group assignments', ...props });
    this.permissionSets = Object.fromEntries(
      PERSON_ROLE_KINDS.map((kind) => [kind, new PersonRolePermissionSet(this, `PermissionSet-${kind}`, { instanceArn: props.instanceArn, kind })]),
    ) as Record<PersonRoleKind, PersonRolePermissionSet>;
    const platform = props.platform;
    if (platform) {
      const accountOf = (kind: PlatformRoleKind) => (PLATFORM_ROLES[kind].account === 'audit' ? platform.audit.account : platform.deployment?.account);
      // A set per kind that has groups and an account to be assigned in.
      const kinds = PLATFORM_ROLE_KINDS.filter((kind) => platform.groups[kind].length > 0 && accountOf(kind) !== undefined);
      const permissionSetArns = Object.fromEntries(
        kinds.map((kind) => [
          kind,
          new PlatformRolePermissionSet(this, `PlatformPermissionSet-${kind}`, {
            instanceArn: props.instanceArn,
            kind,
            deployment: platform.deployment,
            audit: platform.audit,
          }).permissionSetArn,
        ]),
      );
      new PlatformGroupAssignments(this, 'PlatformAssignments', {
        instanceArn: props.instanceArn,
        groups: platform.groups,
        accounts: Object.fromEntries(PLATFORM_ROLE_KINDS.map((kind) => [kind, accountOf(kind)])) as Record<PlatformRoleKind, string | undefined>,
        permissionSetArns,
      });
    }
    for (const tenant of props.tenants) {
      new TenantGroupAssignments(this, `Assignments-${tenant.id}`, {
        instanceArn: props.instanceArn,
        account: tenant.account,
        groups: groupsOf(tenant),
        permissionSetArns: this.permissionSetArns,
      });
    }
  }

  /** The ARN of each kind's permission set. */
  public get permissionSetArns(): Readonly<Record<PersonRoleKind, string>> {
    return Object.fromEntries(PERSON_ROLE_KINDS.map((kind) => [kind, this.permissionSets[kind].permissionSetArn])) as Record<PersonRoleKind, string>;
  }
}
