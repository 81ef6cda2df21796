import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TenantConfig } from '@suveren/core/config/schema';
import { PERSON_ROLE_KINDS, type PersonRoleKind } from '@suveren/core/contracts/people';
import { PersonRolePermissionSet } from '../constructs/people/person-role-permission-set';
import { TenantGroupAssignments } from '../constructs/people/tenant-group-assignments';
import { groupsOf } from './people-groups';

export interface PeopleStackProps extends StackProps {
  /** The IAM Identity Center instance. */
  readonly instanceArn: string;
  /** The tenants whose group assignments this stack holds (the first shard); later shards are PeopleAssignmentsStacks. */
  readonly tenants: readonly TenantConfig[];
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
