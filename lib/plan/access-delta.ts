import { ACCESS_CAPABILITIES, type AccessMatrixRow } from '../authorization/access-capabilities';
import { buildDeployedModel } from '../authorization/deployed-model';
import { AccessEvaluator, type Evaluator } from '../authorization/evaluate';
import { sharedAccessMatrices } from '../authorization/shared-access-matrices';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { assemblyStacks, type PlanAssembly } from './plan-assembly';
import type { AccessChange, ReachChange } from './plan-model';
import { english, translator } from '../i18n/translate';
import { reachPathText } from '../evidence/render-common';
import type { ReachPath, TenantReach } from '../reach/reach-model';
import { sharedTenantReach } from '../reach/shared-reach';

/*
 * Who gains or loses access to a tenant's data: the evidence report's access matrix,
 * computed by the IAM evaluator on both assemblies (once per tenant shape), compared
 * cell by cell.
 */

/** One side of the plan: each affected tenant's access matrix and reach. */
export interface AccessSide {
  readonly matrices: ReadonlyMap<string, readonly AccessMatrixRow[]>;
  readonly reach: ReadonlyMap<string, TenantReach>;
}

export const EMPTY_SIDE: AccessSide = { matrices: new Map(), reach: new Map() };

export async function accessSide(assembly: PlanAssembly, config: SuverenConfig, engine: Evaluator, tenantIds: readonly string[]): Promise<AccessSide> {
  const stacks = assemblyStacks(assembly);
  const evaluator = new AccessEvaluator(
    buildDeployedModel(stacks),
    { organizationId: config.organization.organizationId, managementAccount: config.organization.managementAccount },
    engine,
  );
  const tenants = config.tenants.filter((t) => tenantIds.includes(t.id));
  return { matrices: await sharedAccessMatrices(evaluator, config, stacks, tenants), reach: await sharedTenantReach(evaluator, config, stacks, tenants) };
}

/** A path, worded in English for the plan. */
function reachChange(path: ReachPath): ReachChange {
  const t = translator('en');
  const worded = reachPathText(path, t, (name) => name);
  return {
    principal: path.principal,
    label: english(path.label),
    path: worded.steps,
    gates: worded.gates,
    throughApproval: path.gates.some((g) => g.kind === 'approval'),
  };
}

/**
 * The principals that gain or lose a path to `tenantId`'s plaintext, in its data bucket or
 * its replica (docs/continuity.md). A replica the baseline lacks holds the same plaintext
 * as the data bucket: its paths are compared with the baseline's paths to the data, so a
 * principal gains only if it reaches the copy and could not reach the data.
 */
export function reachChanges(before: AccessSide, after: AccessSide, tenantId: string): { gained: ReachChange[]; lost: ReachChange[] } {
  const byPrincipal = (paths: readonly ReachPath[] | undefined) => new Map((paths ?? []).map((p) => [p.principal, p]));
  const reachBefore = before.reach.get(tenantId);
  const reachAfter = after.reach.get(tenantId);
  const dataBefore = byPrincipal(reachBefore?.paths);
  const replicaBefore = reachBefore?.replica ? byPrincipal(reachBefore.replica.paths) : dataBefore;
  // A principal that had a path gains one too when its new shortest path stands behind fewer gates.
  const kinds = (p: ReachPath) => new Set(p.gates.map((g) => JSON.stringify(g)));
  const fewerGates = (before: ReachPath, after: ReachPath) => [...kinds(before)].some((g) => !kinds(after).has(g));
  const gainedAgainst = (was: ReadonlyMap<string, ReachPath>, paths: readonly ReachPath[] | undefined) =>
    (paths ?? []).filter((p) => !was.has(p.principal) || fewerGates(was.get(p.principal)!, p));
  // Each principal once, the data bucket's path first.
  const once = (paths: readonly ReachPath[]) => {
    const seen = new Set<string>();
    return paths.filter((p) => !seen.has(p.principal) && Boolean(seen.add(p.principal)));
  };
  const gained = once([...gainedAgainst(dataBefore, reachAfter?.paths), ...gainedAgainst(replicaBefore, reachAfter?.replica?.paths)]);
  const reachesAfter = new Set([...(reachAfter?.paths ?? []), ...(reachAfter?.replica?.paths ?? [])].map((p) => p.principal));
  const lost = once([...(reachBefore?.paths ?? []), ...(reachBefore?.replica?.paths ?? [])]).filter((p) => !reachesAfter.has(p.principal));
  return { gained: gained.map(reachChange), lost: lost.map(reachChange) };
}

/** Every access a principal gains or loses on `tenantId`'s data, sorted by principal and capability. */
export function accessChanges(before: AccessSide, after: AccessSide, tenantId: string): AccessChange[] {
  const rowsBefore = new Map((before.matrices.get(tenantId) ?? []).map((r) => [r.principal, r]));
  const rowsAfter = new Map((after.matrices.get(tenantId) ?? []).map((r) => [r.principal, r]));
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
