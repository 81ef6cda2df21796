import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from '@suveren/premises/cli/io';

/*
 * `suveren plan`: the assembly about to be deployed against a baseline (a cdk.out
 * directory or a git ref). Exit 0: nothing refused; 2: a refusal the config does not
 * acknowledge; 1: bad input, one line naming the argument and the fix.
 */

// Loaded on demand: the plan needs aws-cdk-lib and the CloudFormation diff, which no other command should carry.
const planModules = () => ({
  build: require('../plan/build-plan') as typeof import('../plan/build-plan'),
  assembly: require('../plan/plan-assembly') as typeof import('../plan/plan-assembly'),
  git: require('../plan/git-baseline') as typeof import('../plan/git-baseline'),
  markdown: require('../plan/render-plan-markdown') as typeof import('../plan/render-plan-markdown'),
  model: require('../plan/plan-model') as typeof import('../plan/plan-model'),
  config: require('@suveren/core/config/load') as typeof import('@suveren/core/config/load'),
});

export const PLAN_FORMATS = ['md', 'json'] as const;

export async function planCommand(args: string[], io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.err(`suveren plan: ${message}\n`);
    return 1;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        baseline: { type: 'string' },
        assembly: { type: 'string', default: 'cdk.out' },
        config: { type: 'string' },
        format: { type: 'string', default: 'md' },
        out: { type: 'string' },
        'no-access': { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    return fail(
      `${(e as Error).message}; usage: suveren plan --baseline <cdk.out dir | git ref | none> [--assembly cdk.out] [--config file.yaml] [--format md,json] [--out dir]`,
    );
  }
  if (!values.baseline)
    return fail(
      '--baseline is required: the last deployed assembly (a cdk.out directory), a git ref (e.g. --baseline origin/main), or none for a first deployment',
    );
  const formats = values.format.split(',').map((f) => f.trim());
  const unknown = formats.filter((f) => !(PLAN_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) return fail(`--format ${unknown.join(',')} is not a format: use md, json or md,json`);
  if (formats.includes('json') && formats.length > 1 && !values.out) return fail('--format md,json needs --out <dir>: standard output takes one format');

  const m = planModules();
  const configFile = values.config || process.env.SUVEREN_CONFIG || m.config.DEFAULT_CONFIG_FILE;
  const configLabel = path.relative(process.cwd(), configFile) || configFile;
  let disposeBaseline: (() => void) | undefined;
  try {
    const config = m.config.loadConfig(configFile);
    const assembly = m.assembly.readPlanAssembly(values.assembly, '--assembly');
    let baselineDir = values.baseline;
    let source: import('../plan/plan-model').PlanReport['baseline'];
    let baselineConfig;
    // `none`: the first deployment. Nothing is deployed yet; every stack and tenant is an addition.
    const firstDeployment = values.baseline === 'none' && !fs.existsSync(values.baseline);
    if (firstDeployment) {
      source = { kind: 'none', argument: 'none', normalized: false };
    } else if (fs.existsSync(values.baseline) && fs.statSync(values.baseline).isDirectory()) {
      source = { kind: 'directory', argument: values.baseline, normalized: false };
    } else {
      const synthesized = m.git.synthesizeGitRef(values.baseline, process.cwd(), configFile);
      disposeBaseline = synthesized.dispose;
      baselineDir = synthesized.directory;
      source = { kind: 'git', argument: values.baseline, commit: synthesized.commit, normalized: false };
      try {
        baselineConfig = m.config.loadConfig(synthesized.configFile);
      } catch {
        // A config the current schema no longer reads: the baseline's side is derived from its templates.
      }
    }
    const baseline = firstDeployment ? m.assembly.emptyPlanAssembly() : m.assembly.readPlanAssembly(baselineDir, '--baseline');
    const report = await m.build.buildPlan(
      {
        baseline,
        baselineSource: { ...source, normalized: baseline.normalized },
        assembly,
        assemblyLabel: values.assembly,
        config,
        baselineConfig,
        accessMatrix: !values['no-access'],
      },
      configLabel,
    );
    const render: Record<string, () => string> = {
      md: () => m.markdown.renderPlanMarkdown(report),
      json: () => `${JSON.stringify(report, null, 2)}\n`,
    };
    if (values.out) {
      fs.mkdirSync(values.out, { recursive: true });
      for (const format of formats) {
        const file = path.join(values.out, `plan.${format}`);
        fs.writeFileSync(file, render[format]());
        io.out(`wrote ${file}\n`);
      }
    } else {
      io.out(render[formats[0]]());
    }
    const { summary } = report;
    io.err(
      summary.noChanges
        ? 'suveren plan: no changes\n'
        : `suveren plan: ${summary.stacksChanged} stacks changed, ${summary.refusals - summary.acknowledged} refused, ${summary.acknowledged} acknowledged${summary.exitCode === m.model.PLAN_EXIT.refused ? ': REFUSED' : ''}\n`,
    );
    return summary.exitCode;
  } catch (e) {
    if (e instanceof m.config.ConfigError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    if (e instanceof m.assembly.PlanInputError) return fail(e.message);
    throw e;
  } finally {
    disposeBaseline?.();
  }
}
