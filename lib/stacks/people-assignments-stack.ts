import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TenantConfig } from '@suveren/core/config/schema';
import type { PersonRoleKind } from '@suveren/core/contracts/people';
import { TenantGroupAssignments } from '../constructs/people/tenant-group-assignments';
import { groupsOf } from './people-groups';

export interface PeopleAssignmentsStackProps extends StackProps {
  /** The IAM Identity Center instance. */
  readonly instanceArn: string;
  /** The permission set of each kind, from Suveren-People. */
  readonly permissionSetArns: Readonly<Record<PersonRoleKind, string>>;
  /** The tenants whose group assignments this shard holds. */
  readonly tenants: readonly TenantConfig[];
}

/**
 * Group assignments beyond what Suveren-People holds: at 1,100 tenants with four groups
 * each there are about 4,400, over CloudFormation's 500 resources a stack. A tenant's
 * assignments stay together in one shard.
 */
export class PeopleAssignmentsStack extends Stack {
  constructor(scope: Construct, id: string, props: PeopleAssignmentsStackProps) {
    super(scope, id, { description: 'suveren people: IAM Identity Center group assignments of more tenants', ...props });
    for (const tenant of props.tenants) {
      new TenantGroupAssignments(this, `Assignments-${tenant.id}`, {
        instanceArn: props.instanceArn,
        account: tenant.account,
        groups: groupsOf(tenant),
        permissionSetArns: props.permissionSetArns,
      });
    }
  }
}
