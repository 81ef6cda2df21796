import { Aws, aws_sso as sso } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PERMISSION_SET_SESSION_DURATION, PERSON_ROLES, type PersonRoleKind } from '@suveren/core/contracts/people';

export interface PersonRolePermissionSetProps {
  /** The IAM Identity Center instance the permission set belongs to. */
  readonly instanceArn: string;
  /** The person-facing role kind the permission set reaches. */
  readonly kind: PersonRoleKind;
}

/**
 * The permission set of one person-facing role kind. Its only permission is to assume the
 * suveren role of that kind in the account it is assigned to; everything the role may do
 * is granted by the tenant's bucket and key, which keep naming suveren's roles. The
 * session is Identity Center's shortest (one hour); the suveren role's own session is
 * capped at an hour by role chaining.
 */
export class PersonRolePermissionSet extends Construct {
  public readonly permissionSetArn: string;
  public readonly kind: PersonRoleKind;

  constructor(scope: Construct, id: string, props: PersonRolePermissionSetProps) {
    super(scope, id);
    this.kind = props.kind;
    const role = PERSON_ROLES[props.kind];
    const permissionSet = new sso.CfnPermissionSet(this, 'Resource', {
      instanceArn: props.instanceArn,
      name: role.permissionSetName,
      description: `suveren: ${role.description}`,
      sessionDuration: PERMISSION_SET_SESSION_DURATION,
      inlinePolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AssumeTheSuverenRoleOfThisKindInThisAccount',
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Resource: `arn:${Aws.PARTITION}:iam::*:role/suveren-*-${role.duty}`,
            // The account the set is assigned to, not another: a group assigned in one tenant's account reaches no other tenant's role.
            Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
          },
        ],
      },
    });
    this.permissionSetArn = permissionSet.attrPermissionSetArn;
  }
}
