import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { pipelineDeployRoleArns } from '../../lib/platform-principals';
import { buildPlan } from '../../lib/plan/build-plan';
import { type CloudFormationTemplate, readPlanAssembly } from '../../lib/plan/plan-assembly';
import type { PlanReport } from '../../lib/plan/plan-model';
import { GuardrailsStack } from '../../lib/stacks/guardrails-stack';
import { addLandingZone, createSuverenApp } from '../../lib/landing-zone';
import { REPO_ROOT, exampleConfig, exampleConfigUnacknowledged } from '../helpers';

/*
 * Assemblies for the plan and the reach graph, made from the committed baseline as a code
 * change would make them: the templates of `baselines/example` (released before the deploy
 * path was closed), changed stack by stack, optionally under the guardrails the current
 * code synthesizes.
 */

export const BASELINE = path.join(REPO_ROOT, 'baselines', 'example');

export type Template = CloudFormationTemplate & { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** A copy of the baseline (or of `from`) under `parent` with `change` applied to the templates of the stacks it names. */
export function changedAssembly(parent: string, name: string, changes: Record<string, (template: Template) => void>, from = BASELINE): string {
  const dir = path.join(parent, name);
  fs.cpSync(from, dir, { recursive: true });
  for (const [stack, change] of Object.entries(changes)) {
    const file = path.join(dir, `${stack}.template.json`);
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
    change(template);
    fs.writeFileSync(file, JSON.stringify(template, null, 1));
  }
  return dir;
}

/** The example config's (or `config`'s) assembly as the current code synthesizes it (every stack, the pipeline's included), under `parent`. */
export function currentAssembly(parent: string, name = 'current', config: SuverenConfig = exampleConfig()): string {
  const outdir = path.join(parent, name);
  const app = createSuverenApp({ outdir });
  addLandingZone(app, config);
  app.synth();
  return outdir;
}

export { exampleConfigUnacknowledged };

/**
 * The plan of `assemblyDir` against `baselineDir` (two directories), under `config`;
 * `access: false` leaves the evaluator out; `labels` are how the report names the two.
 */
export function planBetween(
  baselineDir: string,
  assemblyDir: string,
  config: SuverenConfig = exampleConfigUnacknowledged(),
  access = true,
  labels: { readonly baseline: string; readonly assembly: string } = { baseline: 'b', assembly: 'a' },
): Promise<PlanReport> {
  return buildPlan({
    baseline: readPlanAssembly(baselineDir, '--baseline'),
    baselineSource: { kind: 'directory', argument: labels.baseline, normalized: true },
    assembly: readPlanAssembly(assemblyDir, '--assembly'),
    assemblyLabel: labels.assembly,
    config,
    ...(access ? {} : { accessMatrix: false }),
  });
}

/** The plan of `assemblyDir` against the baseline; `access: false` for a test of refusals alone (the evaluator is the slow part). */
export function planAgainstBaseline(assemblyDir: string, config: SuverenConfig = exampleConfigUnacknowledged(), access = true): Promise<PlanReport> {
  return planBetween(BASELINE, assemblyDir, config, access, { baseline: 'baselines/example', assembly: 'cdk.out' });
}

/** `dir` with Suveren-Guardrails as the current code synthesizes it (the deploy-path SCP and the RCP included), `change`d if given. */
export function withCurrentGuardrails(dir: string, change?: (template: Template) => void): string {
  const config = exampleConfig();
  const app = new App();
  const deployment = config.deployment!;
  const stack = new GuardrailsStack(app, 'Suveren-Guardrails', {
    env: { account: config.organization.managementAccount, region: config.organization.homeRegion },
    organization: config.organization,
    pipelineDeployRoleArns: Object.values(pipelineDeployRoleArns('aws', deployment.account)),
  });
  const template = app.synth().getStackByName(stack.stackName).template as Template;
  change?.(template);
  fs.writeFileSync(path.join(dir, 'Suveren-Guardrails.template.json'), JSON.stringify(template, null, 1));
  return dir;
}

/** Removes the statement `sid` from every organization policy of a Guardrails template. */
export function withoutStatement(sid: string): (template: Template) => void {
  return (template) => {
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type !== 'AWS::Organizations::Policy') continue;
      const content = resource.Properties!.Content as { Statement: { Sid?: string }[] };
      content.Statement = content.Statement.filter((s) => s.Sid !== sid);
    }
  };
}
