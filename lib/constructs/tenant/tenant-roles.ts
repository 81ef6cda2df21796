import { Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type PersonRoleKind, tenantRoleName } from '@suveren/core/contracts/people';
import { INLINE_POLICY_REASON, acknowledge } from '../../compliance/acknowledge';
import { type IdentityCenterTrust, permissionSetPrincipal } from '../people/permission-set-principal';

export interface TenantRolesProps {
  /** The tenant the roles act for; names the roles. */
  readonly tenantId: string;
  /**
   * Who may assume the roles where people come through IAM Identity Center: each role
   * then trusts only the roles its kind's permission set becomes in the tenant's account.
   * @default no Identity Center: see `assumedBy`
   */
  readonly identityCenter?: IdentityCenterTrust;
  /**
   * Who may assume the roles without Identity Center: the tenant's own identity provider
   * or roles live in the tenant's account, so the account is the trust boundary.
   * @default the account of the stack (the tenant's account)
   */
  readonly assumedBy?: iam.IPrincipal;
  /**
   * Longest session a role hands out.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/**
 * The tenant's own roles, one per duty so no one holds more than the job needs:
 * - `uploader` writes new objects and nothing else;
 * - `reader` lists and reads objects;
 * - `keyAdmin` administers the tenant key and cannot use it;
 * - `eraser` deletes every version of an object (an erasure request, GDPR Art. 17) and reads nothing.
 * The roles start with no permissions; the data bucket and key grant them theirs.
 */
export class TenantRoles extends Construct {
  public readonly uploader: iam.Role;
  public readonly reader: iam.Role;
  public readonly keyAdmin: iam.Role;
  public readonly eraser: iam.Role;

  constructor(scope: Construct, id: string, props: TenantRolesProps) {
    super(scope, id);
    const maxSessionDuration = props.maxSessionDuration ?? Duration.hours(1);
    const role = (constructId: string, kind: PersonRoleKind, duty: string, description: string) =>
      new iam.Role(this, constructId, {
        roleName: TenantRoles.roleName(props.tenantId, duty),
        description,
        assumedBy: TenantRoles.trustOf(this, kind, props),
        maxSessionDuration,
      });
    this.uploader = role('Uploader', 'uploader', 'uploader', `suveren tenant ${props.tenantId}: uploads new objects`);
    this.reader = role('Reader', 'reader', 'reader', `suveren tenant ${props.tenantId}: lists and reads objects`);
    this.keyAdmin = role('KeyAdmin', 'keyAdmin', 'key-admin', `suveren tenant ${props.tenantId}: administers the tenant key, cannot use it`);
    this.eraser = role(
      'Eraser',
      'eraser',
      'eraser',
      `suveren tenant ${props.tenantId}: deletes every version of an object on an erasure request, reads nothing`,
    );
    for (const r of this.all) acknowledge(r, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
  }

  /** Whom a person-facing role of `kind` trusts: its permission-set roles with Identity Center, else `assumedBy` or the account. */
  public static trustOf(scope: Construct, kind: PersonRoleKind, props: Pick<TenantRolesProps, 'identityCenter' | 'assumedBy'>): iam.IPrincipal {
    if (props.identityCenter) return permissionSetPrincipal(scope, kind, props.identityCenter);
    return props.assumedBy ?? new iam.AccountPrincipal(Stack.of(scope).account);
  }

  /** The name of one of a tenant's roles, e.g. `suveren-malmo-stad-uploader`. */
  public static roleName(tenantId: string, duty: string): string {
    return tenantRoleName(tenantId, duty);
  }

  /** Every role of this tenant. */
  public get all(): iam.Role[] {
    return [this.uploader, this.reader, this.keyAdmin, this.eraser];
  }
}
