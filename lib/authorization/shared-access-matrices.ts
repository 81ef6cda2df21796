import { PERSON_ROLE_KINDS } from '@suveren/core/contracts/people';
import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import { tenantStackId } from '@suveren/core/contracts/names';
import type { AssemblyStack } from '../assembly/cloud-assembly';
import { templateShape } from '../compliance/shape-deduplicated-validate';
import type { AccessMatrixRow } from './access-capabilities';
import { tenantAccessMatrix } from './access-matrix';
import type { AccessEvaluator } from './evaluate';

/*
 * The access matrix for every tenant, evaluated once per shape: tenants whose stacks are
 * the same template but for their own id, account, display name and stack-derived
 * logical ids, in the same region, tier and key custody, get the same answers from the
 * IAM evaluator with those strings exchanged. One tenant of each shape is evaluated; the
 * others receive its matrix with its identity replaced by theirs. A tenant whose id is
 * too short to be found unambiguously in the matrix's text is evaluated itself.
 */

/** What a tenant's matrix text names of it, and of the tenant its "another tenant's administrator" row is. */
interface MatrixIdentity {
  readonly tenantId: string;
  readonly account: string;
  readonly otherTenantId: string;
  readonly otherAccount: string;
  /** The tenant's identity-store groups, role kind by role kind: the reach graph names them (docs/people.md). */
  readonly groups: readonly string[];
}

/** Tenant ids shorter than this are evaluated themselves: "a" would be found inside other words. */
const MIN_SHARED_ID_LENGTH = 4;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with each identity string, as a whole token, swapped for the other identity's, all at once. */
function exchange(text: string, from: MatrixIdentity, to: MatrixIdentity): string {
  const pairs: [string, string][] = [
    [from.tenantId, to.tenantId],
    [from.account, to.account],
    [from.otherTenantId, to.otherTenantId],
    [from.otherAccount, to.otherAccount],
    // Tenants of one shape hold as many groups in each role, in the same pattern (shapeKey): position by position.
    ...from.groups.map((group, i): [string, string] => [group, to.groups[i]]),
  ].filter(([a]) => a.length > 0) as [string, string][];
  const lookup = new Map(pairs);
  const pattern = new RegExp(
    `(?<![A-Za-z0-9])(${[...lookup.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|')})(?![A-Za-z0-9])`,
    'g',
  );
  return text.replace(pattern, (match) => lookup.get(match) ?? match);
}

function identityOf(config: SuverenConfig, tenant: TenantConfig): MatrixIdentity {
  // The same "other tenant" access-matrix.ts picks: the first with another account.
  const other = config.tenants.find((t) => t.account !== tenant.account);
  return { tenantId: tenant.id, account: tenant.account, otherTenantId: other?.id ?? '', otherAccount: other?.account ?? '', groups: groupsOf(tenant) };
}

/** The tenant's groups, kind by kind, in config order. */
function groupsOf(tenant: TenantConfig): string[] {
  return PERSON_ROLE_KINDS.flatMap((kind) => tenant.people?.[kind] ?? []);
}

/**
 * How the tenant's groups sit in its roles: how many each kind holds, and which repeat
 * (a group in two kinds reaches by the shorter path). Tenants alike in this get the same
 * answers with their groups exchanged position by position.
 */
function groupPattern(tenant: TenantConfig): string {
  const groups = groupsOf(tenant);
  const counts = PERSON_ROLE_KINDS.map((kind) => tenant.people?.[kind].length ?? 0).join(',');
  return `${counts}:${groups.map((g) => groups.indexOf(g)).join(',')}`;
}

function shapeKey(tenant: TenantConfig, stack: AssemblyStack): string {
  const identity = { tenantId: tenant.id, account: tenant.account, displayName: tenant.displayName, stackName: stack.id };
  const custody = [tenant.hsmCluster ?? '', String(tenant.provisionerShard ?? 1), tenant.externalKeyStore ?? ''].join('/');
  return [
    tenant.region,
    tenant.tier,
    custody,
    JSON.stringify(tenant.continuity ?? null),
    groupPattern(tenant),
    templateShape(JSON.stringify(stack.resources), identity).shape,
  ].join('\u0002');
}

export interface SharedMatrixStatistics {
  readonly tenants: number;
  /** Tenants whose matrix the evaluator computed. */
  readonly evaluated: number;
}

/**
 * `compute` for each of `tenants` (default: every tenant with a stack in `stacks`), run
 * once per shape: the others of a shape receive the representative's answer with its
 * identity exchanged for theirs. `statistics` receives how many were computed.
 */
export async function sharedPerShape<T>(
  config: SuverenConfig,
  stacks: readonly AssemblyStack[],
  compute: (tenant: TenantConfig) => Promise<T | undefined>,
  tenants: readonly TenantConfig[] = config.tenants,
  statistics?: (s: SharedMatrixStatistics) => void,
): Promise<Map<string, T>> {
  const stackOf = new Map(stacks.map((s) => [s.id, s]));
  const computed = new Map<string, { identity: MatrixIdentity; value: T }>();
  const values = new Map<string, T>();
  let evaluated = 0;
  for (const tenant of tenants) {
    const stack = stackOf.get(tenantStackId(tenant.id));
    if (!stack) continue;
    const identity = identityOf(config, tenant);
    const shareable = tenant.id.length >= MIN_SHARED_ID_LENGTH && (identity.otherTenantId === '' || identity.otherTenantId.length >= MIN_SHARED_ID_LENGTH);
    const key = shareable ? shapeKey(tenant, stack) : undefined;
    const representative = key !== undefined ? computed.get(key) : undefined;
    if (representative) {
      values.set(tenant.id, JSON.parse(exchange(JSON.stringify(representative.value), representative.identity, identity)) as T);
      continue;
    }
    const value = await compute(tenant);
    evaluated++;
    if (value === undefined) continue;
    values.set(tenant.id, value);
    if (key !== undefined) computed.set(key, { identity, value });
  }
  statistics?.({ tenants: values.size, evaluated });
  return values;
}

/**
 * The access matrix of each of `tenants` (default: every tenant with a stack in `stacks`),
 * evaluated once per shape. `statistics` receives how many were evaluated.
 */
export async function sharedAccessMatrices(
  evaluator: AccessEvaluator,
  config: SuverenConfig,
  stacks: readonly AssemblyStack[],
  tenants: readonly TenantConfig[] = config.tenants,
  statistics?: (s: SharedMatrixStatistics) => void,
): Promise<Map<string, readonly AccessMatrixRow[]>> {
  return sharedPerShape(config, stacks, (tenant) => tenantAccessMatrix(evaluator, config, tenant), tenants, statistics);
}
