import { ACCESS_CAPABILITIES, type AccessMatrixRow } from '../authorization/access-capabilities';
import { buildDeployedModel } from '../authorization/deployed-model';
import { AccessEvaluator, type Evaluator } from '../authorization/evaluate';
import { sharedAccessMatrices } from '../authorization/shared-access-matrices';
import type { SuverenConfig } from '../config/schema';
import { assemblyStacks, type PlanAssembly } from './plan-assembly';
import type { AccessChange } from './plan-model';
import { english } from '../evidence/i18n/translate';

/*
 * Who gains or loses access to a tenant's data: the evidence report's access matrix,
 * computed by the IAM evaluator on both assemblies (once per tenant shape), compared
 * cell by cell.
 */

/** One side of the plan: each affected tenant's access matrix. */
export type AccessSide = ReadonlyMap<string, readonly AccessMatrixRow[]>;

export async function accessSide(assembly: PlanAssembly, config: SuverenConfig, engine: Evaluator, tenantIds: readonly string[]): Promise<AccessSide> {
  const stacks = assemblyStacks(assembly);
  const evaluator = new AccessEvaluator(
    buildDeployedModel(stacks),
    { organizationId: config.organization.organizationId, managementAccount: config.organization.managementAccount },
    engine,
  );
  return sharedAccessMatrices(
    evaluator,
    config,
    stacks,
    config.tenants.filter((t) => tenantIds.includes(t.id)),
  );
}

/** Every access a principal gains or loses on `tenantId`'s data, sorted by principal and capability. */
export function accessChanges(before: AccessSide, after: AccessSide, tenantId: string): AccessChange[] {
  const rowsBefore = new Map((before.get(tenantId) ?? []).map((r) => [r.principal, r]));
  const rowsAfter = new Map((after.get(tenantId) ?? []).map((r) => [r.principal, r]));
  const changes: AccessChange[] = [];
  for (const principal of [...new Set([...rowsBefore.keys(), ...rowsAfter.keys()])].sort()) {
    const was = rowsBefore.get(principal);
    const is = rowsAfter.get(principal);
    for (const capability of ACCESS_CAPABILITIES) {
      const allowedBefore = was?.cells[capability].allowed ?? false;
      const allowedAfter = is?.cells[capability].allowed ?? false;
      if (allowedBefore === allowedAfter) continue;
      changes.push({
        label: english((is ?? was)!.label),
        principal,
        capability,
        change: allowedAfter ? 'gains' : 'loses',
        decidedBy: is?.cells[capability].decidedBy ?? 'the principal no longer exists',
        decidedBefore: was?.cells[capability].decidedBy ?? 'the principal did not exist',
      });
    }
  }
  return changes;
}
