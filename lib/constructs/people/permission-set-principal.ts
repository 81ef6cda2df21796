import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { type PersonRoleKind, permissionSetRoleArnPattern } from '@suveren/core/contracts/people';

/** Where the permission-set roles of an account come from: the Identity Center home region names their path. */
export interface IdentityCenterTrust {
  /** The Identity Center instance's home region. */
  readonly homeRegion: string;
  /** The partition of the account the role lives in. */
  readonly partition: string;
}

/**
 * The principal a person-facing suveren role trusts: the roles its kind's permission set
 * becomes in the role's own account, whatever their suffix, and nothing else of the
 * account. The account root is named only to carry the condition; an administrator of the
 * account, with AdministratorAccess, does not match it.
 */
export function permissionSetPrincipal(scope: IConstruct, kind: PersonRoleKind, trust: IdentityCenterTrust): iam.IPrincipal {
  const account = Stack.of(scope).account;
  return new iam.AccountPrincipal(account).withConditions({
    ArnLike: { 'aws:PrincipalArn': permissionSetRoleArnPattern(trust.partition, account, trust.homeRegion, kind) },
  });
}
