import { aws_sso as sso } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PLATFORM_ROLE_KINDS, type PlatformRoleKind } from '@suveren/core/contracts/people';

export interface PlatformGroupAssignmentsProps {
  /** The IAM Identity Center instance. */
  readonly instanceArn: string;
  /** The identity-store groups of each platform role kind. */
  readonly groups: Readonly<Record<PlatformRoleKind, readonly string[]>>;
  /** The account each kind's permission set is assigned in. */
  readonly accounts: Readonly<Record<PlatformRoleKind, string | undefined>>;
  /** The permission set of each kind that has groups. */
  readonly permissionSetArns: Readonly<Partial<Record<PlatformRoleKind, string>>>;
}

/**
 * The platform's group assignments: each configured group gets its kind's permission set
 * in the kind's account (Suveren-Pipeline's, or the audit account). Each assignment's id
 * is its kind and group, so adding or removing one group leaves every other as it is.
 */
export class PlatformGroupAssignments extends Construct {
  constructor(scope: Construct, id: string, props: PlatformGroupAssignmentsProps) {
    super(scope, id);
    for (const kind of PLATFORM_ROLE_KINDS) {
      const account = props.accounts[kind];
      const permissionSetArn = props.permissionSetArns[kind];
      if (account === undefined || permissionSetArn === undefined) continue;
      for (const group of props.groups[kind]) {
        new sso.CfnAssignment(this, `${kind}-${group}`, {
          instanceArn: props.instanceArn,
          permissionSetArn,
          principalType: 'GROUP',
          principalId: group,
          targetType: 'AWS_ACCOUNT',
          targetId: account,
        });
      }
    }
  }
}
