import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from '@suveren/premises/cli/io';

/*
 * What Suveren-Pipeline's builds run (lib/pipeline/buildspecs.ts):
 * - `suveren pipeline plan`: the last deployed templates (the baseline bucket, or a
 *   directory) against the synthesized assembly; exit 2 on a refusal stops the pipeline
 *   before its approval. Before the first deployment the plan is against none: every
 *   stack and tenant is an addition, each tenant with who can reach its data.
 * - `suveren pipeline deploy`: the action's stacks, each recorded as deployed when it
 *   succeeds (lib/pipeline/deploy-wave.ts).
 * The baseline bucket comes from SUVEREN_BASELINE_BUCKET, a directory from --baseline-dir.
 */

export const PIPELINE_USAGE =
  'suveren pipeline plan --assembly <cdk.out> --out <dir> [--baseline-dir <dir>] | suveren pipeline deploy --assembly <cdk.out> (--action <stage>/<action> | --stacks "<id> ..." [--concurrency <n>]) [--baseline-dir <dir>]';

const modules = () => ({
  store: require('../pipeline/baseline-store') as typeof import('../pipeline/baseline-store'),
  wave: require('../pipeline/deploy-wave') as typeof import('../pipeline/deploy-wave'),
  specs: require('../pipeline/buildspecs') as typeof import('../pipeline/buildspecs'),
  names: require('@suveren/core/contracts/names') as typeof import('@suveren/core/contracts/names'),
  s3: require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3'),
});

function s3Store(bucket: string): import('../pipeline/baseline-store').BaselineStore {
  const m = modules();
  const client = new m.s3.S3Client({});
  return {
    list: async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new m.s3.ListObjectsV2Command({ Bucket: bucket, Prefix: m.store.BASELINE_PREFIX, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    get: async (key) => Buffer.from(await (await client.send(new m.s3.GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray()),
    put: async (key, body) => {
      await client.send(new m.s3.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ServerSideEncryption: 'aws:kms' }));
    },
  };
}

function storeFrom(dir: string | undefined): import('../pipeline/baseline-store').BaselineStore | string {
  const m = modules();
  if (dir) return m.store.directoryStore(dir);
  const bucket = process.env[m.specs.DEPLOY_ENVIRONMENT.baselineBucket];
  if (!bucket) return `no baseline: set ${m.specs.DEPLOY_ENVIRONMENT.baselineBucket} (the pipeline does) or pass --baseline-dir <dir>`;
  return s3Store(bucket);
}

/** The stacks of one deploy action, as the assembly's pipeline template records them. */
function recordedAction(assembly: string, actionName: string): import('../pipeline/buildspecs').RecordedDeployAction | string {
  const m = modules();
  const file = path.join(assembly, `${m.names.PIPELINE_STACK_ID}.template.json`);
  if (!fs.existsSync(file)) return `${file} is missing: the assembly has no ${m.names.PIPELINE_STACK_ID} (the config's deployment section adds it)`;
  const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { Metadata?: Record<string, unknown> };
  const stages = (template.Metadata?.[m.specs.DEPLOY_STAGES_METADATA_KEY] ?? []) as {
    name: string;
    actions: import('../pipeline/buildspecs').RecordedDeployAction[];
  }[];
  const [stageName, name] = actionName.split('/');
  const action = stages.find((s) => s.name === stageName)?.actions.find((a) => a.name === name);
  return action ?? `no deploy action ${actionName} in ${file}: the pipeline and the assembly it deploys disagree; run the pipeline from its source again`;
}

export async function pipelineCommand(args: string[], io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.err(`suveren pipeline: ${message}\n`);
    return 1;
  };
  const [verb, ...rest] = args;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        assembly: { type: 'string', default: 'cdk.out' },
        out: { type: 'string' },
        'baseline-dir': { type: 'string' },
        stacks: { type: 'string' },
        concurrency: { type: 'string' },
        action: { type: 'string' },
      },
    }));
  } catch (e) {
    return fail(`${(e as Error).message}; usage: ${PIPELINE_USAGE}`);
  }
  if (!fs.existsSync(path.join(values.assembly, 'manifest.json')))
    return fail(`--assembly ${values.assembly} is not a cloud assembly: run npx cdk synth first`);
  const store = storeFrom(values['baseline-dir']);
  if (typeof store === 'string') return fail(store);
  const m = modules();

  if (verb === 'plan') {
    if (!values.out) return fail(`plan needs --out <dir>; usage: ${PIPELINE_USAGE}`);
    const baselineDir = path.join(values.out, 'baseline');
    fs.rmSync(baselineDir, { recursive: true, force: true });
    const stacks = await m.store.materializeBaseline(store, baselineDir);
    // Before the first deployment nothing is deployed: the plan is against none, every stack and tenant an addition.
    const first = stacks.length === 0;
    // The bundled command, as a reviewer would run it: its exit code is the plan's (2: refused).
    const result = spawnSync(
      process.execPath,
      [process.argv[1], 'plan', '--baseline', first ? 'none' : baselineDir, '--assembly', values.assembly, '--format', 'md,json', '--out', values.out],
      { stdio: 'inherit' },
    );
    const code = result.status ?? 1;
    const planFile = path.join(values.out, 'plan.json');
    if (fs.existsSync(planFile)) {
      const { summary } = JSON.parse(fs.readFileSync(planFile, 'utf8')) as { summary: { stacksChanged: number; refusals: number; acknowledged: number } };
      fs.writeFileSync(
        path.join(values.out, 'summary.txt'),
        `${first ? 'first deployment: ' : ''}${summary.stacksChanged} stacks ${first ? 'new' : 'changed'}, ${summary.refusals - summary.acknowledged} refused, ${summary.acknowledged} acknowledged`,
      );
    }
    return code;
  }

  if (verb === 'deploy') {
    const assembly = values.assembly;
    const actionName = values.action ?? process.env[m.specs.DEPLOY_ENVIRONMENT.action];
    let stacks = (values.stacks ?? '').split(/\s+/).filter(Boolean);
    let concurrency = Number(values.concurrency ?? '1');
    if (actionName) {
      const recorded = recordedAction(assembly, actionName);
      if (typeof recorded === 'string') return fail(recorded);
      stacks = [...recorded.stacks];
      concurrency = recorded.concurrency;
    }
    if (stacks.length === 0)
      return fail(`deploy needs its stacks: --action <stage>/<action> (or ${m.specs.DEPLOY_ENVIRONMENT.action}), or --stacks "<id> ..."`);
    if (!Number.isInteger(concurrency) || concurrency < 1) return fail(`--concurrency ${values.concurrency}: use a whole number from 1`);
    const outcomes = await m.wave.deployWave(stacks, concurrency, {
      deploy: (stackId) =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, [require.resolve('aws-cdk/bin/cdk'), ...m.wave.cdkDeployArgs(assembly, stackId)], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          const collect = (chunk: Buffer) => {
            const text = chunk.toString();
            output += text;
            io.err(text.replace(/^/gm, `[${stackId}] `));
          };
          child.stdout.on('data', collect);
          child.stderr.on('data', collect);
          child.on('close', (code) => resolve({ code: code ?? 1, output }));
          child.on('error', (e) => resolve({ code: 1, output: e.message }));
        }),
      record: async (stackId) => {
        await m.store.recordDeployed(store, assembly, stackId);
        // The next plan build runs the release that deployed the pipeline, not the one under review.
        if (stackId === m.names.PIPELINE_STACK_ID) await m.store.recordDeployedRelease(store, process.cwd(), m.specs.DEPLOYED_RELEASE_KEY);
      },
    });
    for (const o of outcomes) io.out(o.ok ? `deployed ${o.stackId}\n` : `FAILED ${o.stackId}: ${o.reason}\n`);
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length > 0) {
      io.err(
        `suveren pipeline: ${failed.length} of ${outcomes.length} stacks failed (${failed.map((o) => o.stackId).join(', ')}); a retry of this action deploys what is left\n`,
      );
      return 1;
    }
    return 0;
  }
  return fail(`unknown verb ${verb ?? '(none)'}; usage: ${PIPELINE_USAGE}`);
}
