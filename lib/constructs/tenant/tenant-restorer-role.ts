import { Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INLINE_POLICY_REASON, acknowledge } from '../../compliance/acknowledge';
import type { ITenantEncryptionKey } from './tenant-encryption-key';
import type { TenantDataBucket } from './tenant-data-bucket';
import type { TenantReplication } from './tenant-replication';
import { TenantRoles } from './tenant-roles';

export interface TenantRestorerRoleProps {
  /** The tenant whose objects are restored; names the role (`suveren-<tenant>-restorer`). */
  readonly tenantId: string;
  /** The tenant's data bucket: where restored versions are written, and a source of older versions. */
  readonly dataBucket: TenantDataBucket;
  /** The key the data bucket's objects are under. */
  readonly encryptionKey: ITenantEncryptionKey;
  /** The tenant's replication into its replica: the other source. */
  readonly replication: TenantReplication;
  /** The inspection's verdict tag: the role reads only versions that carry it. */
  readonly readableOnlyWithTag: { readonly key: string; readonly value: string };
  /**
   * Who may assume the role.
   * @default the account of the stack (the tenant's account), like the tenant's other roles
   */
  readonly assumedBy?: iam.IPrincipal;
  /**
   * Longest session the role hands out.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/**
 * The role `suveren restore` runs as (docs/continuity.md): it copies a tenant's accepted
 * versions, from the replica or from the data bucket's older versions, into the data
 * bucket with S3's own CopyObject, so the data never leaves S3 on the way. It reads what
 * the tenant's reader reads (accepted versions, decrypted only through S3) and writes new
 * versions under the object prefix, each tagged `pending`: the bucket policy refuses any
 * write of it that does not ask for `pending` (a copy keeping its source's `accepted` tag
 * included), so every restored version is inspected again before anyone reads it. It
 * deletes nothing. It starts S3 Batch Replication of the versions live replication never
 * copied, as the batch replication role, which reads nothing. It exists for tenants
 * with `continuity`, before any incident, so a restore needs no deployment.
 */
export class TenantRestorerRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: TenantRestorerRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: TenantRoles.roleName(props.tenantId, 'restorer'),
      description: `suveren tenant ${props.tenantId}: copies accepted versions back into the data bucket (suveren restore), deletes nothing`,
      assumedBy: props.assumedBy ?? new iam.AccountPrincipal(Stack.of(this).account),
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
    });
    acknowledge(this.role, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    const { dataBucket } = props;
    // Admitted with every write of it tagged pending: a copy keeping its source's `accepted` is refused.
    dataBucket.admitRestorer(this.role.roleArn);
    // Sources: the data bucket's own accepted versions, and the replica's.
    dataBucket.grantRead(this.role);
    dataBucket.grantListVersions(this.role);
    props.replication.grantReplicaRead(this.role, props.readableOnlyWithTag);
    // The target: new versions under the object prefix, tagged pending, under the tenant key.
    dataBucket.grantTaggedWrite(this.role);
    props.encryptionKey.grantS3Write(this.role);
    // What live replication never copied: S3 Batch Replication jobs (`suveren continuity replicate`).
    props.replication.grantStartBatchReplication(this.role);
  }
}
