import type { TenantConfig } from '@suveren/core/config/schema';
import { ASSIGNMENTS_PER_STACK, PERSON_ROLE_KINDS, type PersonRoleKind } from '@suveren/core/contracts/people';

/** A tenant's groups of each person-facing role kind (none where the config names none). */
export function groupsOf(tenant: TenantConfig): Readonly<Record<PersonRoleKind, readonly string[]>> {
  return Object.fromEntries(PERSON_ROLE_KINDS.map((kind): [PersonRoleKind, readonly string[]] => [kind, tenant.people?.[kind] ?? []])) as Record<
    PersonRoleKind,
    readonly string[]
  >;
}

const countOf = (tenant: TenantConfig) => PERSON_ROLE_KINDS.reduce((n, kind) => n + (tenant.people?.[kind].length ?? 0), 0);

/**
 * The tenants with people, in config order, cut into shards of at most
 * ASSIGNMENTS_PER_STACK assignments (the first shard is Suveren-People, which also holds
 * the permission sets). A tenant is never split across two shards.
 */
export function assignmentShards(tenants: readonly TenantConfig[]): TenantConfig[][] {
  const shards: TenantConfig[][] = [[]];
  let inShard = 0;
  for (const tenant of tenants) {
    const count = countOf(tenant);
    if (count === 0) continue;
    if (inShard + count > ASSIGNMENTS_PER_STACK && shards[shards.length - 1].length > 0) {
      shards.push([]);
      inShard = 0;
    }
    shards[shards.length - 1].push(tenant);
    inShard += count;
  }
  return shards;
}
