import { aws_sso as sso } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PERSON_ROLE_KINDS, type PersonRoleKind } from '@suveren/core/contracts/people';

export interface TenantGroupAssignmentsProps {
  /** The IAM Identity Center instance. */
  readonly instanceArn: string;
  /** The tenant's account, where the assignments give the groups their permission-set roles. */
  readonly account: string;
  /** The identity-store groups of each person-facing role kind. */
  readonly groups: Readonly<Record<PersonRoleKind, readonly string[]>>;
  /** The permission set of each kind. */
  readonly permissionSetArns: Readonly<Record<PersonRoleKind, string>>;
}

/**
 * One tenant's group assignments: each configured group gets its kind's permission set in
 * the tenant's account. Each assignment's id is its kind and group, so adding or removing
 * one group leaves every other assignment as it is.
 */
export class TenantGroupAssignments extends Construct {
  constructor(scope: Construct, id: string, props: TenantGroupAssignmentsProps) {
    super(scope, id);
    for (const kind of PERSON_ROLE_KINDS) {
      for (const group of props.groups[kind]) {
        new sso.CfnAssignment(this, `${kind}-${group}`, {
          instanceArn: props.instanceArn,
          permissionSetArn: props.permissionSetArns[kind],
          principalType: 'GROUP',
          principalId: group,
          targetType: 'AWS_ACCOUNT',
          targetId: props.account,
        });
      }
    }
  }
}
