import type { SuverenConfig } from '@suveren/core/config/schema';
import { textOf } from './compliance/cfn-inspect';

/** A context value as `-c` gives it, or a list as cdk.json may hold it (`"tenants": ["a", "b"]`). */
const contextText = (value: unknown): string => (Array.isArray(value) ? value.map(textOf).join(',') : textOf(value));

/**
 * Which stacks one synth produces, for fanning a large landing zone out over several
 * CI runners: `-c tenants=a,b,c` names tenants; `-c shard=i/n` takes every n-th tenant
 * (by id), starting at the i-th. The organization stacks (guardrails, audit) belong to
 * the full synth and to shard 1 only, so each is synthesized exactly once.
 */
export interface StackSelection {
  readonly tenantIds: readonly string[];
  readonly includeOrganization: boolean;
}

export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

export function selectStacks(config: SuverenConfig, tenants: unknown, shard: unknown): StackSelection {
  const allIds = config.tenants.map((t) => t.id);
  if (tenants !== undefined && shard !== undefined) {
    throw new SelectionError('-c tenants= and -c shard= select stacks in two different ways; use one of them');
  }
  if (tenants !== undefined) {
    const ids = contextText(tenants)
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const unknown = ids.filter((id) => !allIds.includes(id));
    if (ids.length === 0 || unknown.length > 0) {
      throw new SelectionError(
        `-c tenants=${contextText(tenants)}: ${ids.length === 0 ? 'no tenant named' : `no tenant ${unknown.map((id) => `"${id}"`).join(', ')} in the config`}; use a comma-separated list of tenant ids, e.g. -c tenants=${allIds.slice(0, 2).join(',')}`,
      );
    }
    return { tenantIds: allIds.filter((id) => ids.includes(id)), includeOrganization: false };
  }
  if (shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(contextText(shard));
    const index = match ? Number(match[1]) : NaN;
    const count = match ? Number(match[2]) : NaN;
    if (!match || count < 1 || index < 1 || index > count) {
      throw new SelectionError(`-c shard=${contextText(shard)}: expected i/n with 1 <= i <= n, e.g. -c shard=1/4`);
    }
    const sorted = [...allIds].sort();
    return { tenantIds: sorted.filter((_, i) => i % count === index - 1), includeOrganization: index === 1 };
  }
  return { tenantIds: allIds, includeOrganization: true };
}
