/*
 * The commands Suveren-Pipeline's CodeBuild projects run, as data: the stack renders
 * them into buildspecs, and test/integration/pipeline-buildspecs.test.ts runs the same
 * commands on a fresh clone, so a broken buildspec fails `npm test`.
 */

/** Where the synth stage leaves what the approval and the deploy stages read. */
export const PIPELINE_OUTPUTS = {
  /** The synthesized assembly, deployed as is by every deploy action (never synthesized again). */
  assembly: 'cdk.out',
  /** The plan against the last deployed templates: plan.md, plan.json. */
  plan: 'pipeline-out/plan',
  /** The evidence report of the assembly. */
  evidence: 'pipeline-out/evidence',
} as const;

/** Template metadata key of Suveren-Pipeline under which its deploy stages are kept for its deploy builds. */
export const DEPLOY_STAGES_METADATA_KEY = 'SuverenDeployStages';

/** One deploy action as the pipeline template's metadata records it. */
export interface RecordedDeployAction {
  readonly name: string;
  readonly stacks: readonly string[];
  readonly concurrency: number;
}

/** Environment variables a deploy action sets for its build. */
export const DEPLOY_ENVIRONMENT = {
  /** `<stage>/<action>`: the deploy build reads that action's stacks from the assembly's pipeline template. */
  action: 'SUVEREN_DEPLOY_ACTION',
  baselineBucket: 'SUVEREN_BASELINE_BUCKET',
} as const;

export const SYNTH_ENVIRONMENT = {
  baselineBucket: 'SUVEREN_BASELINE_BUCKET',
  config: 'SUVEREN_CONFIG',
} as const;

/** Node.js the builds run (CodeBuild standard image 7.0 runtime). */
export const BUILD_NODE_VERSION = '20';

export interface BuildPhases {
  readonly install: readonly string[];
  readonly build: readonly string[];
}

/**
 * Synth: install exactly the lock file, synthesize with every gate (a finding fails the
 * build), plan against the last deployed templates (`suveren pipeline plan`: a refusal,
 * exit 2, fails the build before the approval), write the evidence report.
 */
export function synthCommands(): BuildPhases {
  return {
    install: ['npm ci'],
    build: [
      `npx cdk synth -q -o ${PIPELINE_OUTPUTS.assembly}`,
      `node bin/suveren-cli.js pipeline plan --assembly ${PIPELINE_OUTPUTS.assembly} --out ${PIPELINE_OUTPUTS.plan}`,
      // For the approval's message (#{Synth.SUVEREN_PLAN_SUMMARY}).
      `export SUVEREN_PLAN_SUMMARY="$(cat ${PIPELINE_OUTPUTS.plan}/summary.txt)"`,
      `node bin/suveren-cli.js evidence --assembly ${PIPELINE_OUTPUTS.assembly} --format md,json,html --out ${PIPELINE_OUTPUTS.evidence}`,
    ],
  };
}

/**
 * Deploy: the action's stacks from the synthesized assembly, `concurrency` at a time, each
 * recorded as the next baseline as soon as it succeeds (`suveren pipeline deploy`).
 */
export function deployCommands(): BuildPhases {
  return {
    install: ['npm ci'],
    build: [`node bin/suveren-cli.js pipeline deploy --assembly ${PIPELINE_OUTPUTS.assembly}`],
  };
}

/** A CodeBuild buildspec (version 0.2) of these phases. */
export function buildSpecObject(phases: BuildPhases, artifacts?: { readonly files: readonly string[] }): Record<string, unknown> {
  return {
    version: '0.2',
    env: { shell: 'bash' },
    phases: {
      install: { 'runtime-versions': { nodejs: BUILD_NODE_VERSION }, commands: [...phases.install] },
      build: { commands: [...phases.build] },
    },
    ...(artifacts ? { artifacts: { files: [...artifacts.files], 'enable-symlinks': 'no' } } : {}),
  };
}
