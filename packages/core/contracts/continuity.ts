import { createHash } from 'node:crypto';
import { TENANT_STACK_PREFIX } from './names';
import { tenantRoleName } from './people';

/*
 * Names of a tenant's second copy (docs/continuity.md). The replica stack deploys before
 * the tenant's own stack and the two share no CloudFormation reference (stacks are
 * regional): each finds the other's resources by these names.
 */

/** Every replica stack's id starts with this. It does not start with TENANT_STACK_PREFIX: a replica stack is no tenant stack. */
export const TENANT_REPLICA_STACK_PREFIX = 'Suveren-TenantReplica-';

/** The stack id of a tenant's replica, `Suveren-TenantReplica-<id>`, in the replica region. */
export function tenantReplicaStackId(tenantId: string): string {
  return `${TENANT_REPLICA_STACK_PREFIX}${tenantId}`;
}

/**
 * The replica bucket's name: `suveren-tenant-<id>-replica-<6 hex>`. It starts like the
 * names CloudFormation gives the tenant stack's buckets (TENANT_STACK_PREFIX, lower-cased),
 * so the organization trail's data-event selector covers it too; the suffix, a hash of the
 * account and region, keeps it unique across the accounts and regions a tenant could use
 * and within S3's 63 characters for the longest tenant id (32).
 */
export function replicaBucketName(tenantId: string, account: string, region: string): string {
  const suffix = createHash('sha256').update(`${account}/${region}`).digest('hex').slice(0, 6);
  return `${TENANT_STACK_PREFIX.toLowerCase()}${tenantId}-replica-${suffix}`;
}

/** The role S3 assumes to replicate a tenant's data bucket into its replica. */
export function replicationRoleName(tenantId: string): string {
  return tenantRoleName(tenantId, 'replication');
}

/** S3 Batch Operations' service principal: the batch replication role trusts it, and only restorers pass a suveren role to it. */
export const BATCH_OPERATIONS_SERVICE = 'batchoperations.s3.amazonaws.com';

/** The role every tenant's `suveren continuity replicate` runs as: `suveren-<id>-restorer`. */
export function restorerRoleName(tenantId: string): string {
  return tenantRoleName(tenantId, 'restorer');
}

/**
 * The role S3 Batch Operations assumes to replicate the versions live replication never
 * copied (`suveren continuity replicate`): `suveren-<id>-batch-replication`.
 */
export function batchReplicationRoleName(tenantId: string): string {
  return tenantRoleName(tenantId, 'batch-replication');
}

/** The alias of a tenant's key in each region it has one (its data key, its replica's key): `alias/suveren/<id>`. */
export function tenantKeyAliasName(tenantId: string): string {
  return `alias/suveren/${tenantId}`;
}
