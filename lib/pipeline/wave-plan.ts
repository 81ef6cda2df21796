import {
  CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES,
  CODEPIPELINE_MAX_ACTIONS_PER_STAGE,
  MAX_TENANT_WAVES,
  DEPLOY_MAX_CONCURRENCY,
  TENANT_STACK_DEPLOY_MINUTES,
} from '@suveren/core/contracts/pipeline-limits';
import { CONFORMANCE_BASELINE_STACK_ID } from '@suveren/core/contracts/names';
import { PEOPLE_STACK_ID } from '@suveren/core/contracts/people';

/*
 * The pure core of Suveren-Pipeline's deployment stages: which stacks each deploy action
 * deploys, in which order, within CodePipeline's and CodeBuild's limits. Every stack of
 * the assembly is deployed exactly once, after everything it depends on.
 */

/** What a stack is, as far as deployment order goes. */
export type StackRole =
  'pipeline' | 'bootstrap' | 'audit' | 'guardrails' | 'conformance' | 'key-custody' | 'provisioners' | 'people' | 'tenant-replica' | 'tenant';

export interface PlannedStack {
  readonly id: string;
  readonly role: StackRole;
  /** Stacks that must be deployed before this one (CDK stack dependencies). */
  readonly dependsOn: readonly string[];
}

/** One deploy action: a CodeBuild build running `cdk deploy` of these stacks. */
export interface DeployAction {
  readonly name: string;
  /** 1-based, within its stage: actions run one after another in this order. */
  readonly runOrder: number;
  readonly stacks: readonly string[];
  /** `cdk deploy --concurrency`. */
  readonly concurrency: number;
  /** Planned worst case, within CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES. */
  readonly budgetMinutes: number;
}

export interface DeployStage {
  readonly name: string;
  /** The manual approval that opens the stage, if any. */
  readonly approval?: 'changes' | 'organization';
  /**
   * Which deploy project runs the stage's actions: the organization's (pipeline, audit,
   * guardrails, conformance, key custody) or the tenants' (which reaches no organization account).
   */
  readonly deployer: 'organization' | 'tenants';
  readonly actions: readonly DeployAction[];
}

export interface WaveSettings {
  readonly waveSize: number;
  readonly concurrency: number;
}

export class WavePlanError extends Error {
  public readonly name = 'WavePlanError';
}

const budget = (stacks: number, concurrency: number) => Math.ceil(stacks / concurrency) * TENANT_STACK_DEPLOY_MINUTES;

/**
 * The deploy stages of a landing zone: the pipeline itself (after the change approval), Audit, Guardrails
 * (after the organization approval), Key custody (cluster and external key store stacks,
 * then provisioner shards), People (IAM Identity Center), then tenants in waves of `waveSize`, `concurrency` at a time.
 */
export function planDeployStages(stacks: readonly PlannedStack[], settings: WaveSettings): DeployStage[] {
  const { waveSize, concurrency } = settings;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > DEPLOY_MAX_CONCURRENCY)
    throw new WavePlanError(`concurrency ${concurrency}: use a whole number from 1 to ${DEPLOY_MAX_CONCURRENCY}`);
  if (!Number.isInteger(waveSize) || waveSize < 1) throw new WavePlanError(`waveSize ${waveSize}: use a whole number from 1`);
  if (budget(waveSize, concurrency) > CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES)
    throw new WavePlanError(
      `waveSize ${waveSize} at concurrency ${concurrency} needs ${budget(waveSize, concurrency)} minutes, over CodePipeline's ${CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES} for a CodeBuild action`,
    );
  const ids = new Set<string>();
  for (const stack of stacks) {
    if (ids.has(stack.id)) throw new WavePlanError(`stack ${stack.id} appears twice`);
    ids.add(stack.id);
  }
  const byRole = (role: StackRole) =>
    stacks
      .filter((s) => s.role === role)
      .map((s) => s.id)
      .sort();
  // Each organization and custody stack deploys on its own action: they are few, and a
  // failure names exactly one.
  const single = (role: StackRole, prefix: string, runOrder: (id: string) => number): DeployAction[] =>
    byRole(role).map((id) => ({
      name: `${prefix}-${id}`.slice(0, 100),
      runOrder: runOrder(id),
      stacks: [id],
      concurrency: 1,
      budgetMinutes: TENANT_STACK_DEPLOY_MINUTES,
    }));

  const stages: DeployStage[] = [
    // The pipeline's own definition changes only behind the approval, so no commit can remove it for its own run.
    // Then the bootstrap StackSets: their roles trust the pipeline's deploy project, so it comes first.
    {
      name: 'Pipeline',
      approval: 'changes',
      deployer: 'organization',
      actions: [...single('pipeline', 'Deploy', () => 1), ...single('bootstrap', 'Deploy', () => 2)],
    },
    { name: 'Audit', deployer: 'organization', actions: single('audit', 'Deploy', () => 1) },
    {
      name: 'Guardrails',
      approval: 'organization',
      deployer: 'organization',
      // Then AWS Config in every account (the SCP above lets its StackSet manage recorders), then the conformance packs, which need those recorders.
      actions: [...single('guardrails', 'Deploy', () => 1), ...single('conformance', 'Deploy', (id) => (id === CONFORMANCE_BASELINE_STACK_ID ? 2 : 3))],
    },
    {
      name: 'KeyCustody',
      deployer: 'organization',
      // Clusters and external key stores together, then the provisioner shards of the clusters.
      actions: [...single('key-custody', 'Deploy', () => 1), ...single('provisioners', 'Deploy', () => 2)],
    },
    {
      name: 'People',
      deployer: 'organization',
      // IAM Identity Center's permission sets, then the shards of group assignments that reference them.
      actions: [...single('people', 'Deploy', (id) => (id === PEOPLE_STACK_ID ? 1 : 2))],
    },
  ];
  // Replicas first: each tenant's bucket names its replica as the destination, which S3 needs to exist.
  const replicaWaves = wavesOf(byRole('tenant-replica'), waveSize);
  const tenantWaves = wavesOf(byRole('tenant'), waveSize);
  const stagesOf = (waves: readonly string[][]) => Math.ceil(waves.length / CODEPIPELINE_MAX_ACTIONS_PER_STAGE);
  if (
    replicaWaves.length + tenantWaves.length > MAX_TENANT_WAVES ||
    stagesOf(replicaWaves) + stagesOf(tenantWaves) > MAX_TENANT_WAVES / CODEPIPELINE_MAX_ACTIONS_PER_STAGE
  )
    throw new WavePlanError(
      `${tenantWaves.length} tenant waves${replicaWaves.length > 0 ? ` and ${replicaWaves.length} replica waves` : ''} exceed the ${MAX_TENANT_WAVES} one pipeline holds; raise waveSize`,
    );
  stages.push(...waveStages('Replicas', replicaWaves, concurrency), ...waveStages('Tenants', tenantWaves, concurrency));
  const deployStages = stages.filter((s) => s.actions.length > 0);
  checkOrder(stacks, deployStages);
  return deployStages;
}

function wavesOf(ids: readonly string[], waveSize: number): string[][] {
  const waves: string[][] = [];
  for (let i = 0; i < ids.length; i += waveSize) waves.push(ids.slice(i, i + waveSize));
  return waves;
}

/** Waves of tenant-account stacks, as many stages as CodePipeline's actions per stage need (`<name>-<n>` when more than one). */
function waveStages(name: string, waves: readonly string[][], concurrency: number): DeployStage[] {
  const stages: DeployStage[] = [];
  for (let first = 0; first < waves.length; first += CODEPIPELINE_MAX_ACTIONS_PER_STAGE) {
    const stageNumber = first / CODEPIPELINE_MAX_ACTIONS_PER_STAGE + 1;
    stages.push({
      name: waves.length > CODEPIPELINE_MAX_ACTIONS_PER_STAGE ? `${name}-${stageNumber}` : name,
      deployer: 'tenants',
      actions: waves.slice(first, first + CODEPIPELINE_MAX_ACTIONS_PER_STAGE).map((wave, i) => ({
        name: `Wave-${first + i + 1}`,
        runOrder: i + 1,
        stacks: wave,
        concurrency: Math.min(concurrency, wave.length),
        budgetMinutes: budget(wave.length, Math.min(concurrency, wave.length)),
      })),
    });
  }
  return stages;
}

/** Every stack exactly once, each after the stacks it depends on (an earlier stage, or an earlier run order). */
function checkOrder(stacks: readonly PlannedStack[], stages: readonly DeployStage[]): void {
  const position = new Map<string, [number, number]>();
  stages.forEach((stage, s) =>
    stage.actions.forEach((action) =>
      action.stacks.forEach((id) => {
        if (position.has(id)) throw new WavePlanError(`stack ${id} is planned twice`);
        position.set(id, [s, action.runOrder]);
      }),
    ),
  );
  for (const stack of stacks) {
    const at = position.get(stack.id);
    if (!at) throw new WavePlanError(`stack ${stack.id} (${stack.role}) is in no stage`);
    for (const dependency of stack.dependsOn) {
      const before = position.get(dependency);
      if (!before) throw new WavePlanError(`stack ${stack.id} depends on ${dependency}, which the assembly does not deploy`);
      const earlier = before[0] < at[0] || (before[0] === at[0] && before[1] < at[1]);
      if (!earlier) throw new WavePlanError(`stack ${stack.id} would deploy before ${dependency}, on which it depends`);
    }
  }
}
