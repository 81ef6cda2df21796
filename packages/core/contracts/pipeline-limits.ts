/*
 * What binds a deployment of many stacks through AWS CodePipeline and AWS CodeBuild, each
 * with its source. The wave planner (lib/pipeline/wave-plan.ts) and the config's
 * `deployment` section are sized by these; nothing else restates them.
 */

/**
 * Sequential actions in one stage (actions with distinct run orders): 50. Source:
 * AWS CodePipeline User Guide, "Quotas in AWS CodePipeline" (maximum number of sequential
 * actions in a stage; also the maximum of actions in a stage).
 */
export const CODEPIPELINE_MAX_ACTIONS_PER_STAGE = 50;

/**
 * Stages in a pipeline: 50. Source: AWS CodePipeline User Guide, "Quotas in AWS
 * CodePipeline" (number of stages in a pipeline, minimum 2, maximum 50).
 */
export const CODEPIPELINE_MAX_STAGES = 50;

/**
 * How long a CodeBuild build action may run before CodePipeline fails it: 8 hours.
 * Source: AWS CodePipeline User Guide, "Quotas in AWS CodePipeline" (length of time before
 * an action times out: CodeBuild build action and test action, 8 hours).
 */
export const CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES = 8 * 60;

/**
 * A CodeBuild project's build timeout may be 5 to 2,160 minutes (36 hours). Source: AWS
 * CodeBuild API Reference, Project `timeoutInMinutes`. The pipeline's action timeout is the
 * tighter of the two, so a wave is planned within CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES.
 */
export const CODEBUILD_MAX_TIMEOUT_MINUTES = 2160;

/**
 * The time budgeted for one tenant stack's deployment, first creation included (a KMS key
 * or a custom-key-store key, three buckets, two functions with their roles and log groups,
 * about 60 resources; an HSM-backed key's handler waits for KMS to connect the store). A
 * planning figure, not a quota: a wave whose stacks take longer fails at its timeout and
 * its retry deploys what is left.
 */
export const TENANT_STACK_DEPLOY_MINUTES = 20;

/**
 * The most stacks one deploy action runs at once (`cdk deploy --concurrency`). A wave's
 * tenant stacks are in distinct accounts, so CloudFormation's and STS's per-account API
 * rates do not add up across them; what does is the deploy action's own polling of stack
 * events from one CodeBuild container and its memory. 20 is a project choice below
 * CodeBuild's smallest concurrent-build quota for Linux containers (20 builds; AWS
 * CodeBuild User Guide, "Quotas for AWS CodeBuild"), so the same bound holds should the
 * deploy ever fan out to one build per stack.
 */
export const DEPLOY_MAX_CONCURRENCY = 20;

/** The most tenant stacks one wave may hold: what `concurrency` stacks at a time finish within the action timeout. */
export function maxWaveSize(concurrency: number): number {
  return Math.floor(CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES / TENANT_STACK_DEPLOY_MINUTES) * concurrency;
}

/** Source, Synth and the change approval come before the deploy stages. */
export const STAGES_BEFORE_DEPLOY = 2;

/** Deploy stages before the tenants: the pipeline itself, audit, guardrails (behind its own approval), key custody. */
const FIXED_DEPLOY_STAGES = 4;

/** The most tenant waves one pipeline holds: its remaining stages, each of sequential actions. */
export const MAX_TENANT_WAVES = (CODEPIPELINE_MAX_STAGES - STAGES_BEFORE_DEPLOY - FIXED_DEPLOY_STAGES) * CODEPIPELINE_MAX_ACTIONS_PER_STAGE;
