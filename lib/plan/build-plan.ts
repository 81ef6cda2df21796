import type { SuverenConfig } from '@suveren/core/config/schema';
import { REFUSAL_KIND_MEANING, isAcknowledgeable, type RefusalKind } from '@suveren/core/contracts/change-kinds';
import { tierDefinition } from '@suveren/core/tiers';
import { isEuRegion } from '../regions';
import { loadEvaluator } from '../authorization/evaluate';
import { removedAccountRefusals } from './created-accounts';
import { EMPTY_SIDE, accessChanges, accessSide, reachChanges, type AccessSide } from './access-delta';
import { blankAssetHashes, PlanInputError, type PlanAssembly, type PlanStack } from './plan-assembly';
import {
  PLAN_EXIT,
  PLAN_SCHEMA_VERSION,
  type PlanAcknowledgment,
  type PlanRefusal,
  type PlanReport,
  type ReachChange,
  type StackPlan,
  type TenantPlan,
} from './plan-model';
import { keyPolicyPrincipalChanges, trustChanges, organizationPolicyChanges } from './policy-changes';
import { diffStack, type ResourceChangeEntry, type StackDiff } from './stack-diff';
import { tenantFacts, tenantIdOf, type TenantFacts } from './tenant-facts';

/*
 * `suveren plan`'s core: the assembly about to be deployed against a baseline, stack by
 * stack, with the refusals of docs/plan.md, the config's acknowledgments applied, and
 * the access each tenant's principals gain or lose. Pure but for the IAM evaluator.
 */

export interface BuildPlanOptions {
  readonly baseline: PlanAssembly;
  readonly baselineSource: PlanReport['baseline'];
  readonly assembly: PlanAssembly;
  /** The assembly as the user named it (`cdk.out`). */
  readonly assemblyLabel: string;
  readonly config: SuverenConfig;
  /** The config the baseline was synthesized from, when known (a git ref); else derived from `config` and the baseline's templates. */
  readonly baselineConfig?: SuverenConfig;
  /**
   * Compute who gains or loses access with the IAM evaluator (a development dependency).
   * @default true
   */
  readonly accessMatrix?: boolean;
}

const PLAN_DOC = 'docs/plan.md';

function describeResource(entry: Pick<ResourceChangeEntry, 'logicalId' | 'type' | 'name'>): string {
  return `${entry.logicalId} (${entry.type}${entry.name ? `, named ${entry.name}` : ''})`;
}

function acknowledgeHint(kind: RefusalKind, stack: string, logicalId?: string, principal?: string): string {
  if (!isAcknowledgeable(kind)) return 'it cannot be acknowledged';
  return `to accept it, add to the config: changes.acknowledge: [{ stack: ${stack}${logicalId ? `, logicalId: ${logicalId}` : ''}${principal ? `, principal: "${principal}"` : ''}, kind: ${kind}, reason: "..." }]`;
}

function statefulInventory(stack: PlanStack): string {
  const held = Object.entries(stack.template.Resources ?? {})
    .filter(([, r]) => ['AWS::S3::Bucket', 'AWS::KMS::Key'].includes(r.Type) || r.Type.startsWith('Custom::Suveren'))
    .map(([id, r]) => `${id} (${r.Type})`)
    .sort();
  return held.length > 0 ? held.join(', ') : 'no bucket or key';
}

const envOf = (stack: PlanStack) => ({ account: stack.account, region: stack.region });
const envText = (stack: PlanStack) => `aws://${stack.account ?? '?'}/${stack.region ?? '?'}`;

function resourceRefusals(stackId: string, changes: readonly ResourceChangeEntry[], facts: TenantFacts | undefined): PlanRefusal[] {
  const refusals: PlanRefusal[] = [];
  const added = changes.filter((c) => c.impact === 'create');
  for (const change of changes) {
    const subject = describeResource(change);
    const base = { stack: stackId, logicalId: change.logicalId, resourceType: change.type, subject };
    const removed = change.impact === 'destroy' || change.impact === 'orphan';
    const successor = removed && change.name !== undefined ? added.find((a) => a.type === change.type && a.name === change.name) : undefined;
    if (successor) {
      refusals.push({
        ...base,
        kind: 'rename',
        lost: `its logical id becomes ${successor.logicalId}; CloudFormation creates ${successor.logicalId} first, finds the name ${change.name} taken, and the deployment fails half-way${change.stateful ? ' (and it holds data)' : ''}`,
        fix: `keep the logical id ${change.logicalId} (in CDK: keep the construct id and path, or overrideLogicalId('${change.logicalId}')); ${acknowledgeHint('rename', stackId, change.logicalId)}`,
      });
      continue;
    }
    if (change.refused.length > 0) {
      refusals.push({
        ...base,
        kind: 'update-refused',
        lost: `${change.type.startsWith('Custom::') ? 'the handler' : 'CloudFormation'} refuses a change of ${change.refused.map((r) => `${r.property} (${r.why})`).join(', ')}`,
        fix: `put ${change.refused.map((r) => r.property).join(', ')} back; to move the data under another key, see ${PLAN_DOC} (tier and custody changes); ${acknowledgeHint('update-refused', stackId)}`,
      });
    }
    if (change.weakened.length > 0) {
      refusals.push({
        ...base,
        kind: 'protection-weakened',
        lost: `its protection weakens: ${change.weakened.join('; ')}`,
        fix: `keep the protection as deployed (in CDK: removalPolicy RETAIN, the deletion window, versioning, the retention); ${acknowledgeHint('protection-weakened', stackId, change.logicalId)}`,
      });
    }
    if (!change.stateful) continue;
    const isDataKey = facts?.dataKey?.logicalId === change.logicalId;
    if (change.impact === 'replace' || change.impact === 'may-replace') {
      refusals.push({
        ...base,
        kind: 'replace',
        lost: `${change.impact === 'may-replace' ? 'it may be replaced' : 'it is replaced'} (changed: ${change.replacedBy.join(', ')}): the new one starts empty${change.retainedOnReplace ? ', and the old one is retained outside the stack, unmanaged' : ', and the old one is deleted with what it holds'}`,
        fix: `keep ${change.replacedBy.join(', ')} as deployed; ${acknowledgeHint('replace', stackId, change.logicalId)}`,
      });
    } else if (change.impact === 'destroy') {
      refusals.push({
        ...base,
        kind: 'delete',
        lost: 'it is deleted with everything it holds',
        fix: `keep it in the stack, or give it RemovalPolicy.RETAIN and export its data first; ${acknowledgeHint('delete', stackId, change.logicalId)}`,
      });
    } else if (change.impact === 'orphan') {
      refusals.push({
        ...base,
        kind: 'orphan',
        lost: `it leaves the stack but stays in the account, unmanaged${isDataKey || change.type === 'AWS::KMS::Key' || change.type.includes('Key') ? ': every object stored under this key stays encrypted under it, and nothing in the stack grants or audits its use any more' : ': what it holds stays behind'}`,
        fix: `keep it in the stack until nothing depends on it (a tier raise: keepStandardKey: true keeps the tenant's standard key at this logical id; ${PLAN_DOC}, raising a tier); ${acknowledgeHint('orphan', stackId, change.logicalId)}`,
      });
    }
  }
  return refusals;
}

function tenantRefusals(before: TenantFacts, after: TenantFacts, stack: PlanStack): PlanRefusal[] {
  const refusals: PlanRefusal[] = [];
  const base = { stack: stack.id, subject: `tenant ${before.tenantId}` };
  if (before.tier !== after.tier) {
    const key = before.dataKey ? `${before.dataKey.logicalId} (${before.dataKey.type})` : 'the old key';
    const kept = formerKeyKept(before, after);
    refusals.push({
      ...base,
      kind: 'tenant-tier',
      lost: `tier ${before.tier ?? '?'} -> ${after.tier ?? '?'}: every object written before this change stays under ${key}${kept ? ', kept in the stack for reading,' : ''} until migrated, while the evidence report will say ${after.tier ?? '?'} for all of them`,
      fix: `${kept ? `deploy, then run \`suveren migrate --tenant ${before.tenantId}\` as its migration role (migration: true) until it reports nothing left under ${before.dataKey?.logicalId ?? 'the old key'}` : `set keepStandardKey: true and migration: true on tenant ${before.tenantId}, deploy, then run \`suveren migrate --tenant ${before.tenantId}\``} (${PLAN_DOC}, raising a tier); ${acknowledgeHint('tenant-tier', stack.id)}`,
    });
  } else if (before.custody !== after.custody) {
    refusals.push({
      ...base,
      kind: 'tenant-custody',
      lost: `key custody ${before.custody ?? '?'} -> ${after.custody ?? '?'}: a KMS key cannot move between key stores, so the tenant's objects stay under the key in ${before.custody ?? 'the old store'}`,
      fix: `keep the tenant's hsmCluster or externalKeyStore; to move, add the new store's key and migrate (${PLAN_DOC}, changing key custody); ${acknowledgeHint('tenant-custody', stack.id)}`,
    });
  }
  return refusals;
}

/** A path to plaintext that a principal did not have: refused until acknowledged, one refusal per principal, naming its path. */
function reachGainedRefusals(after: TenantFacts, gained: readonly ReachChange[]): PlanRefusal[] {
  return gained.map((g) => ({
    kind: 'reach-gained',
    stack: after.stackId,
    principal: g.principal,
    subject: `tenant ${after.tenantId}`,
    lost: `${g.label} (${g.principal}) gains a path to plaintext: ${g.path}; ${g.gates}`,
    fix: `remove the change that opens the path (the statement it names), or, if the new reach is intended, ${acknowledgeHint('reach-gained', after.stackId, undefined, g.principal)}`,
  }));
}

function movedTenantRefusal(before: PlanStack, after: PlanStack, tenantId: string): PlanRefusal {
  const kind: RefusalKind = before.account !== after.account ? 'tenant-account' : 'tenant-region';
  return {
    kind,
    stack: before.id,
    subject: `tenant ${tenantId}`,
    lost: `${envText(before)} -> ${envText(after)}: a new stack is deployed in ${envText(after)} with an empty bucket and a new key, and the stack in ${envText(before)} stays with ${statefulInventory(before)} and every object in them`,
    fix: `keep the tenant's ${kind === 'tenant-account' ? 'account' : 'region'}; to move its data, export it (${PLAN_DOC}, moving a tenant), then ${acknowledgeHint(kind, before.id)}`,
  };
}

function removedStackRefusal(before: PlanStack, after: readonly PlanStack[], moved?: PlanStack): PlanRefusal {
  const tenantId = tenantIdOf(before.id);
  const renamedTo =
    tenantId !== undefined ? after.find((s) => tenantIdOf(s.id) !== undefined && s.account === before.account && s.id !== before.id) : undefined;
  return {
    kind: 'stack-removed',
    stack: before.id,
    subject: `stack ${before.id} (${envText(before)})`,
    lost: `${moved ? `it moves to ${envText(moved)}, which CloudFormation deploys as a new stack; ` : ''}nothing deletes the deployed stack: ${statefulInventory(before)} stay behind, unmanaged${renamedTo ? `; ${renamedTo.id} is new in the same account: if the tenant was renamed, its data is not carried over` : ''}`,
    fix: `${tenantId !== undefined ? 'keep the tenant id (it names the stack, bucket and key); to retire a tenant, export its data first, ' : 'keep the stack; '}then ${acknowledgeHint('stack-removed', before.id)}`,
  };
}

function applyAcknowledgments(
  refusals: PlanRefusal[],
  config: SuverenConfig,
  configFile: string,
): { refusals: PlanRefusal[]; acknowledgments: PlanAcknowledgment[] } {
  const acknowledgments = config.changes.acknowledge.map((a, index) => ({
    index,
    stack: a.stack,
    logicalId: a.logicalId,
    principal: a.principal,
    kind: a.kind,
    reason: a.reason,
  }));
  const matched = new Set<number>();
  const out = refusals.map((refusal) => {
    if (!isAcknowledgeable(refusal.kind)) return refusal;
    const ack = acknowledgments.find(
      (a) =>
        a.stack === refusal.stack &&
        a.kind === refusal.kind &&
        (a.logicalId ?? undefined) === (refusal.logicalId ?? undefined) &&
        (a.principal ?? undefined) === (refusal.principal ?? undefined),
    );
    if (!ack) return refusal;
    matched.add(ack.index);
    return { ...refusal, acknowledged: { reason: ack.reason, index: ack.index } };
  });
  const stale = acknowledgments.filter((a) => !matched.has(a.index));
  if (stale.length > 0) {
    const a = stale[0];
    throw new PlanInputError(
      `${configFile}: changes.acknowledge[${a.index}] (stack ${a.stack}${a.logicalId ? `, logicalId ${a.logicalId}` : ''}${a.principal ? `, principal ${a.principal}` : ''}, kind ${a.kind}) names nothing this plan refuses: remove it (an acknowledgment is for one change; once deployed, the change is in the baseline)${
        stale.length > 1
          ? `; ${stale.length - 1} more stale: ${stale
              .slice(1)
              .map((s) => `[${s.index}]`)
              .join(', ')}`
          : ''
      }`,
    );
  }
  return { refusals: out, acknowledgments };
}

/** The baseline's view of the config: the current one with each tenant's tier, account and region as the baseline's templates have them. */
function derivedBaselineConfig(config: SuverenConfig, baseline: PlanAssembly): SuverenConfig {
  return {
    ...config,
    tenants: config.tenants.map((tenant) => {
      const stack = [...baseline.stacks.values()].find((s) => tenantIdOf(s.id) === tenant.id);
      const facts = stack ? tenantFacts(stack) : undefined;
      return facts
        ? {
            ...tenant,
            account: facts.account ?? tenant.account,
            region: facts.region && isEuRegion(facts.region) ? facts.region : tenant.region,
            tier: facts.tier ?? tenant.tier,
          }
        : tenant;
    }),
  };
}

/** Whether the tenant's former data key is still in its stack after the change, at the same logical id. */
function formerKeyKept(before: TenantFacts, after: TenantFacts): boolean {
  return before.dataKey !== undefined && after.dataKey?.logicalId !== before.dataKey.logicalId && after.keyLogicalIds.includes(before.dataKey.logicalId);
}

function tierMeaning(before: TenantFacts, after: TenantFacts): string | undefined {
  if (before.tier === after.tier || !before.tier || !after.tier) return undefined;
  const key = before.dataKey ? `${before.dataKey.logicalId} (${before.dataKey.type})` : 'the old key';
  const sameKey = before.dataKey !== undefined && after.dataKey?.logicalId === before.dataKey.logicalId;
  const kept = sameKey
    ? ' The key stays the same; what changes is how new objects are protected, and objects written before stay as they were until replaced.'
    : formerKeyKept(before, after)
      ? ` The old key stays in the stack, decrypt-only (the reader and the migration role), until \`suveren migrate --tenant ${before.tenantId}\` reports nothing left under it.`
      : ' The old key leaves the stack: set keepStandardKey: true to keep it.';
  return `Tier ${before.tier} -> ${after.tier} (${tierDefinition(after.tier).description.keyCustody}). Objects written before this change stay under ${key} until migrated (${PLAN_DOC}, raising a tier); objects written after it are under the new key.${kept}`;
}

/** The changed entries of a template's sections other than Resources. */
function otherSectionChanges(diff: StackDiff['templateDiff']): string[] {
  const sections = { Parameters: diff.parameters, Outputs: diff.outputs, Conditions: diff.conditions, Mappings: diff.mappings, Metadata: diff.metadata };
  return Object.entries(sections)
    .flatMap(([section, collection]) => collection.logicalIds.map((id) => `${section}: ${id}`))
    .sort();
}

export async function buildPlan(options: BuildPlanOptions, configFile = 'the config'): Promise<PlanReport> {
  const { config } = options;
  const organizationId = config.organization.organizationId;
  for (const [side, assembly, argument] of [
    ['baseline', options.baseline, options.baselineSource.argument],
    ['assembly', options.assembly, options.assemblyLabel],
  ] as const) {
    if (assembly.organizationId !== undefined && assembly.organizationId !== organizationId) {
      throw new PlanInputError(
        `--${side} ${argument} was synthesized for organization ${assembly.organizationId}, but ${configFile} is organization ${organizationId}: compare assemblies of the same organization (or select its config with --config)`,
      );
    }
  }
  const normalize = options.baseline.normalized;
  const templateOf = (stack: PlanStack | undefined) => (stack && normalize ? blankAssetHashes(stack.template) : stack?.template);
  const beforeStacks = options.baseline.stacks;
  const afterStacks = options.assembly.stacks;
  const refusals: PlanRefusal[] = [];
  const stacks: StackPlan[] = [];
  const tenantPairs: [TenantFacts, TenantFacts][] = [];
  const addedTenants: TenantFacts[] = [];
  for (const id of [...new Set([...beforeStacks.keys(), ...afterStacks.keys()])].sort()) {
    const before = beforeStacks.get(id);
    const after = afterStacks.get(id);
    if (before && !after) {
      refusals.push(removedStackRefusal(before, [...afterStacks.values()]));
      stacks.push({ id, status: 'removed', before: envOf(before), resources: [], otherChanges: [], iamStatementChanges: [] });
      continue;
    }
    if (before && after && (before.account !== after.account || before.region !== after.region)) {
      const tenantId = tenantIdOf(id);
      refusals.push(tenantId !== undefined ? movedTenantRefusal(before, after, tenantId) : removedStackRefusal(before, [...afterStacks.values()], after));
      const diff = diffStack(undefined, templateOf(after));
      stacks.push({ id, status: 'moved', before: envOf(before), after: envOf(after), resources: diff.changes, otherChanges: [], iamStatementChanges: [] });
      continue;
    }
    const diff = diffStack(templateOf(before), templateOf(after));
    const factsBefore = before ? tenantFacts(before) : undefined;
    const factsAfter = after ? tenantFacts(after) : undefined;
    if (before) refusals.push(...resourceRefusals(id, diff.changes, factsBefore));
    if (factsBefore && factsAfter && after) {
      refusals.push(...tenantRefusals(factsBefore, factsAfter, after));
      tenantPairs.push([factsBefore, factsAfter]);
    }
    if (!before && factsAfter) addedTenants.push(factsAfter);
    const iam = diff.templateDiff.iamChanges.hasChanges ? diff.templateDiff.iamChanges.summarizeStatements() : [];
    stacks.push({
      id,
      status: !before ? 'added' : diff.changes.length > 0 || !diff.templateDiff.isEmpty ? 'changed' : 'unchanged',
      ...(before ? { before: envOf(before) } : {}),
      ...(after ? { after: envOf(after) } : {}),
      resources: diff.changes,
      otherChanges: otherSectionChanges(diff.templateDiff),
      iamStatementChanges: iam,
    });
  }
  refusals.push(...removedAccountRefusals(beforeStacks, afterStacks));

  // A tenant's access depends on its own stack, its key-custody stack and the organization's policies.
  const changedStacks = new Set(stacks.filter((s) => s.status !== 'unchanged').map((s) => s.id));
  const sharedStackChanged = [...changedStacks].some((id) => tenantIdOf(id) === undefined);
  const engine = options.accessMatrix === false ? undefined : loadEvaluator();
  const affected = tenantPairs.filter(([, after]) => sharedStackChanged || changedStacks.has(after.stackId));
  const affectedIds = affected.map(([, after]) => after.tenantId);
  const addedIds = addedTenants.map((t) => t.tenantId);
  let sides: [AccessSide, AccessSide] | undefined;
  if (engine && affected.length + addedTenants.length > 0) {
    sides = [
      affected.length > 0
        ? await accessSide(options.baseline, options.baselineConfig ?? derivedBaselineConfig(config, options.baseline), engine, affectedIds)
        : EMPTY_SIDE,
      await accessSide(options.assembly, config, engine, [...affectedIds, ...addedIds]),
    ];
  }
  const tenants: TenantPlan[] = [];
  for (const [before, after] of affected) {
    const access: TenantPlan['access'] =
      options.accessMatrix === false
        ? { notComputed: 'switched off (--no-access)' }
        : !sides
          ? { notComputed: 'the IAM evaluator @cloud-copilot/iam-simulate is not installed (a development dependency: npm ci installs it)' }
          : accessChanges(sides[0], sides[1], after.tenantId);
    const facts = (f: TenantFacts) => ({ account: f.account, region: f.region, tier: f.tier, custody: f.custody });
    const storedData = tierMeaning(before, after);
    const changed = JSON.stringify(facts(before)) !== JSON.stringify(facts(after));
    const reach = sides && options.accessMatrix !== false ? reachChanges(sides[0], sides[1], after.tenantId) : undefined;
    // A path through the pipeline's approval is the platform's own, listed and not refused: that approval is what this plan is for.
    const unapproved = reach?.gained.filter((g) => !g.throughApproval) ?? [];
    refusals.push(...reachGainedRefusals(after, unapproved));
    const reachMoved = reach !== undefined && reach.gained.length + reach.lost.length > 0;
    if (!changed && storedData === undefined && !reachMoved && !('notComputed' in access) && access.length === 0) continue;
    tenants.push({
      tenantId: after.tenantId,
      before: facts(before),
      after: facts(after),
      ...(storedData ? { storedData } : {}),
      access,
      ...(reach ? { reach } : {}),
    });
  }
  // A new tenant: where it is, its custody, and everyone who can reach its data from the start.
  for (const after of addedTenants) {
    const access: TenantPlan['access'] =
      options.accessMatrix === false
        ? { notComputed: 'switched off (--no-access)' }
        : !sides
          ? { notComputed: 'the IAM evaluator @cloud-copilot/iam-simulate is not installed (a development dependency: npm ci installs it)' }
          : accessChanges(EMPTY_SIDE, sides[1], after.tenantId);
    // Its paths to plaintext from the start, listed for review; a new tenant's are not refused.
    const reach = sides && options.accessMatrix !== false ? reachChanges(EMPTY_SIDE, sides[1], after.tenantId) : undefined;
    tenants.push({
      tenantId: after.tenantId,
      after: { account: after.account, region: after.region, tier: after.tier, custody: after.custody },
      storedData: 'New tenant: no data yet; its bucket, key and roles are created by this deployment.',
      access,
      ...(reach ? { reach } : {}),
    });
  }

  const acknowledged = applyAcknowledgments(refusals, config, configFile);
  const sortedRefusals = acknowledged.refusals.sort(
    (a, b) => a.stack.localeCompare(b.stack) || a.kind.localeCompare(b.kind) || (a.logicalId ?? '').localeCompare(b.logicalId ?? ''),
  );
  const resourceChanges = stacks.reduce((n, s) => n + s.resources.length, 0);
  const unacknowledged = sortedRefusals.filter((r) => !r.acknowledged).length;
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    baseline: options.baselineSource,
    assembly: options.assemblyLabel,
    organizationId,
    summary: {
      noChanges: changedStacks.size === 0,
      stacksChanged: changedStacks.size,
      resourceChanges,
      refusals: sortedRefusals.length,
      acknowledged: sortedRefusals.length - unacknowledged,
      exitCode: unacknowledged > 0 ? PLAN_EXIT.refused : PLAN_EXIT.ok,
    },
    refusals: sortedRefusals,
    acknowledgments: acknowledged.acknowledgments,
    tenants: tenants.sort((a, b) => a.tenantId.localeCompare(b.tenantId)),
    organizationPolicies: organizationPolicyChanges(options.baseline, options.assembly),
    keyPolicies: keyPolicyPrincipalChanges(options.baseline, options.assembly),
    trusts: trustChanges(options.baseline, options.assembly),
    stacks,
  };
}

export { REFUSAL_KIND_MEANING };
