import { ACCESS_CAPABILITIES, type AccessMatrixRow } from '../authorization/access-capabilities';
import { tenantAccessMatrix } from '../authorization/access-matrix';
import { buildDeployedModel } from '../authorization/deployed-model';
import { AccessEvaluator, type Evaluator } from '../authorization/evaluate';
import type { SuverenConfig } from '../config/schema';
import { assemblyStacks, type PlanAssembly } from './plan-assembly';
import type { AccessChange } from './plan-model';

/*
 * Who gains or loses access to a tenant's data: the evidence report's access matrix,
 * computed by the IAM evaluator on both assemblies, compared cell by cell.
 */

export interface AccessSide {
  readonly evaluator: AccessEvaluator;
  readonly config: SuverenConfig;
}

export function accessSide(assembly: PlanAssembly, config: SuverenConfig, engine: Evaluator): AccessSide {
  const model = buildDeployedModel(assemblyStacks(assembly));
  return {
    evaluator: new AccessEvaluator(
      model,
      { organizationId: config.organization.organizationId, managementAccount: config.organization.managementAccount },
      engine,
    ),
    config,
  };
}

async function matrix(side: AccessSide, tenantId: string): Promise<readonly AccessMatrixRow[]> {
  const tenant = side.config.tenants.find((t) => t.id === tenantId);
  return (tenant ? await tenantAccessMatrix(side.evaluator, side.config, tenant) : undefined) ?? [];
}

/** Every access a principal gains or loses on `tenantId`'s data, sorted by principal and capability. */
export async function accessChanges(before: AccessSide, after: AccessSide, tenantId: string): Promise<AccessChange[]> {
  const rowsBefore = new Map((await matrix(before, tenantId)).map((r) => [r.principal, r]));
  const rowsAfter = new Map((await matrix(after, tenantId)).map((r) => [r.principal, r]));
  const changes: AccessChange[] = [];
  for (const principal of [...new Set([...rowsBefore.keys(), ...rowsAfter.keys()])].sort()) {
    const was = rowsBefore.get(principal);
    const is = rowsAfter.get(principal);
    for (const capability of ACCESS_CAPABILITIES) {
      const allowedBefore = was?.cells[capability].allowed ?? false;
      const allowedAfter = is?.cells[capability].allowed ?? false;
      if (allowedBefore === allowedAfter) continue;
      changes.push({
        label: (is ?? was)!.label,
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
