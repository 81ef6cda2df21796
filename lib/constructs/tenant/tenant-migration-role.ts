import { Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INLINE_POLICY_REASON, acknowledge } from '../../compliance/acknowledge';
import type { ITenantEncryptionKey } from './tenant-encryption-key';
import type { TenantDataBucket } from './tenant-data-bucket';
import { TenantRoles } from './tenant-roles';

export interface TenantMigrationRoleProps {
  /** The tenant whose objects are re-keyed; names the role (`suveren-<tenant>-migration`). */
  readonly tenantId: string;
  /** The buckets whose object versions are re-keyed: the tenant's data and quarantine buckets. */
  readonly buckets: readonly TenantDataBucket[];
  /** The key objects are re-keyed away from: the standard key kept after a tier raise. */
  readonly fromKey: ITenantEncryptionKey;
  /** The key objects are re-keyed onto: the tenant's current data key. */
  readonly toKey: ITenantEncryptionKey;
  /**
   * Who may assume the role.
   * @default the account of the stack (the tenant's account), like the tenant's other roles
   */
  readonly assumedBy?: iam.IPrincipal;
  /**
   * Longest session the role hands out. A profile that assumes the role renews its
   * session on its own; a longer one only widens what a leaked session can do.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/**
 * The role `suveren migrate` runs as after a tier raise: it re-keys the tenant's object
 * versions from the kept standard key onto the new one, in place (UpdateObjectEncryption)
 * or by copying each current version over itself, and can do nothing else. It reads only
 * accepted objects (the data bucket's acceptance deny covers it: it is no inspector) and
 * cannot write an inspection verdict, so a copy carries the verdict of its source or goes
 * through the inspection like any upload. It exists only while the tenant's config says
 * `migration: true`.
 */
export class TenantMigrationRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: TenantMigrationRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: TenantRoles.roleName(props.tenantId, 'migration'),
      description: `suveren tenant ${props.tenantId}: re-keys stored objects after a tier raise (suveren migrate)`,
      assumedBy: props.assumedBy ?? new iam.AccountPrincipal(Stack.of(this).account),
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
    });
    acknowledge(this.role, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    for (const bucket of props.buckets) {
      bucket.admitPrincipal(this.role.roleArn);
      bucket.grantReKey(this.role);
    }
    props.fromKey.grantS3ReEncryptFrom(this.role);
    props.toKey.grantS3ReEncryptTo(this.role);
  }
}
