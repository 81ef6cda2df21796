/*
 * The commands Suveren-Pipeline's CodeBuild projects run, as data: the stack renders
 * them into buildspecs, and test/integration/pipeline-buildspecs.test.ts runs the same
 * commands on a fresh clone, so a broken buildspec fails `npm test`.
 */

import { EVIDENCE_SWITCH } from '@suveren/core/contracts/names';

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
  /** The digest the synth build exported and the approvers were shown (`#{Synth.ASSEMBLY_SHA256}`). */
  approvedDigest: 'SUVEREN_APPROVED_SHA256',
} as const;

export const SYNTH_ENVIRONMENT = {
  baselineBucket: 'SUVEREN_BASELINE_BUCKET',
  config: 'SUVEREN_CONFIG',
  /** `#{codepipeline.PipelineExecutionId}`: the plan build files its plan under it. */
  executionId: 'SUVEREN_EXECUTION_ID',
} as const;

/**
 * Where the plan build leaves the plan for the approvers: in the baseline bucket, which the
 * synth build (the release under review) cannot write, not in the artifact bucket, where a
 * later execution's synth build could replace it while this one waits for approval.
 */
export const PLANS_PREFIX = 'plans/';

/** The variable the synth build exports: the digest of everything a deploy build runs or deploys. */
export const ASSEMBLY_DIGEST_VARIABLE = 'ASSEMBLY_SHA256';

/**
 * Where the baseline bucket keeps the source of the last release whose Suveren-Pipeline
 * deployed, beside the baselines: the plan build runs that release's `suveren plan`, never
 * the code under review.
 */
export const DEPLOYED_RELEASE_KEY = 'releases/deployed.tar.gz';
/** Where the plan build unpacks the deployed release. */
export const DEPLOYED_RELEASE_DIR = 'pipeline-out/deployed-release';
/** Where the plan build downloads it to. */
export const DEPLOYED_RELEASE_ARCHIVE = 'pipeline-out/deployed-release.tar.gz';

/**
 * The SHA-256 of every file of the build's input outside node_modules (which `npm ci`
 * deletes and reinstalls from the lock file the digest covers): the assembly, the plan,
 * and the code a deploy build runs. Plain coreutils in the project's inline buildspec, so
 * it runs before anything from the artifact.
 */
export const ARTIFACT_DIGEST_COMMAND =
  "(find . -path ./node_modules -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1";

/**
 * Refuses an input with anything but files and directories outside node_modules: a
 * symlink (an `.npmrc` pointing at unhashed content, say) would escape the digest.
 */
export const ONLY_REGULAR_FILES_COMMAND =
  'odd="$(find . -path ./node_modules -prune -o ! -type f ! -type d -print | head -n 3)"; if [ -n "$odd" ]; then echo "suveren: the artifact holds something that is neither a file nor a directory ($odd): refused, nothing from it runs" >&2; exit 1; fi';

/**
 * Fails the build, naming both digests, unless the input is the artifact the approvers were
 * shown. First in every build after the synth: nothing of the artifact has run yet.
 */
export function verifyDigestCommand(expectedVariable: string): string {
  return [
    ONLY_REGULAR_FILES_COMMAND,
    `actual="$(${ARTIFACT_DIGEST_COMMAND})"`,
    `if [ -z "\${${expectedVariable}:-}" ] || [ "$actual" != "\${${expectedVariable}}" ]; then echo "suveren: the artifact's digest $actual is not the approved \${${expectedVariable}:-(none)}: it changed after the synth build; nothing from it runs. Release the change again." >&2; exit 1; fi`,
    `echo "suveren: the artifact is the approved one ($actual)"`,
  ].join('; ');
}

/** Node.js the builds run (CodeBuild standard image 7.0 runtime; Node 20 reached its end of life in April 2026). */
export const BUILD_NODE_VERSION = '22';

export interface BuildPhases {
  readonly install: readonly string[];
  readonly build: readonly string[];
}

/**
 * Synth: install exactly the lock file, synthesize with every gate (a finding fails the
 * build), write the evidence report, and export the digest of the whole output
 * (#{Synth.ASSEMBLY_SHA256}) for the approval and every later build. This build runs the
 * release under review: nothing it says about itself is trusted, which is why the plan is
 * another build's.
 */
export function synthCommands(): BuildPhases {
  return {
    install: [requireConfigCommand(), 'npm ci'],
    build: [
      // The next command writes the evidence the approvers read: the synth's own copy would be computed twice.
      `${EVIDENCE_SWITCH}=off npx cdk synth -q -o ${PIPELINE_OUTPUTS.assembly}`,
      `node bin/suveren-cli.js evidence --assembly ${PIPELINE_OUTPUTS.assembly} --format md,json,html --out ${PIPELINE_OUTPUTS.evidence}`,
      `export ${ASSEMBLY_DIGEST_VARIABLE}="$(${ARTIFACT_DIGEST_COMMAND})"`,
    ],
  };
}

/**
 * Refuses a build without the repository's config: an unset SUVEREN_CONFIG would make
 * `cdk synth` fall back to the embedded example, and its placeholder accounts.
 */
export function requireConfigCommand(): string {
  const v = SYNTH_ENVIRONMENT.config;
  return `if [ -z "\${${v}:-}" ] || [ ! -f "\${${v}}" ]; then echo "suveren: ${v} names no config file of this repository (\${${v}:-unset}): synthesize Suveren-Pipeline from your config (${v}=config/<yours>.yaml npx cdk synth) or set deployment.configFile; the pipeline never deploys the example by default." >&2; exit 1; fi`;
}

/**
 * Plan: in a build of its own, whose role may only read, the synthesized assembly is
 * planned against the last deployed templates by the last deployed release of suveren
 * (`suveren pipeline plan`; a refusal, exit 2, fails the build before the approval). The
 * release under review plans only the first deployment, and the summary says so.
 * `install` gets the deployed release from the baseline bucket (the one step only AWS runs);
 * `build` runs whichever release plans.
 */
export function planCommands(): BuildPhases {
  const release = DEPLOYED_RELEASE_DIR;
  return {
    install: [
      verifyDigestCommand(ASSEMBLY_DIGEST_VARIABLE),
      `rm -rf ${release} ${DEPLOYED_RELEASE_ARCHIVE} && mkdir -p ${release}`,
      `if aws s3api head-object --bucket "$${SYNTH_ENVIRONMENT.baselineBucket}" --key ${DEPLOYED_RELEASE_KEY} > /dev/null 2>&1; then aws s3 cp "s3://$${SYNTH_ENVIRONMENT.baselineBucket}/${DEPLOYED_RELEASE_KEY}" ${DEPLOYED_RELEASE_ARCHIVE}; fi`,
      `if [ -f ${DEPLOYED_RELEASE_ARCHIVE} ]; then tar -xzf ${DEPLOYED_RELEASE_ARCHIVE} -C ${release}; fi`,
      `if [ -f ${release}/package-lock.json ]; then (cd ${release} && npm ci); fi`,
    ],
    build: [
      `if [ -f ${release}/package-lock.json ]; then planner="${release}/bin/suveren-cli.js"; by="the deployed release"; else planner="bin/suveren-cli.js"; by="the release under review (no release deployed yet)"; fi`,
      `node "$planner" pipeline plan --assembly ${PIPELINE_OUTPUTS.assembly} --out ${PIPELINE_OUTPUTS.plan}`,
      // For the approval's message (#{Plan.SUVEREN_PLAN_SUMMARY}).
      `export SUVEREN_PLAN_SUMMARY="$(cat ${PIPELINE_OUTPUTS.plan}/summary.txt); planned by $by"`,
      `aws s3 cp --recursive --only-show-errors ${PIPELINE_OUTPUTS.plan} "s3://$${SYNTH_ENVIRONMENT.baselineBucket}/${PLANS_PREFIX}$${SYNTH_ENVIRONMENT.executionId}/"`,
    ],
  };
}

/**
 * Deploy: first the digest (nothing of the artifact has run), then the action's stacks from
 * the synthesized assembly, `concurrency` at a time, each recorded as the next baseline as
 * soon as it succeeds (`suveren pipeline deploy`).
 */
export function deployCommands(): BuildPhases {
  return {
    install: [verifyDigestCommand(DEPLOY_ENVIRONMENT.approvedDigest), 'npm ci'],
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
