import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@suveren/core/config/load';
import { REPO_ROOT, exampleConfig } from '../helpers';
import { readCloudAssembly } from '../../lib/assembly/cloud-assembly';
import { synthesizedAssemblyDir } from '../support/authorized-moto';

/**
 * cfn-lint over every template of a synthesized landing zone (each example once per test
 * run, shared with the other files that read it), each checked
 * against its own region. Any error fails the test, except the one known gap of
 * cfn-lint in the European Sovereign Cloud, named below.
 */

/**
 * cfn-lint 1.x validates IAM principal ARNs against `arn:(aws|aws-cn|aws-us-gov):...`:
 * it does not know the aws-eusc partition, so every principal ARN there (E3512 in key
 * and bucket policies, E3530 in trust policies) is reported although it is what
 * CloudFormation and IAM expect in that partition.
 */
const isEuscPrincipalGap = (rule: string, message: string) => ['E3512', 'E3530'].includes(rule) && /arn:aws-eusc:/.test(message);

/**
 * cfn-lint 1.51's schemas predate properties CloudFormation's own schemas (the ones
 * aws-cdk-lib 2.276 generates its L1s from) have: AWS::EC2::VPCEndpointService's
 * PrivateDnsName and its PrivateDnsNameConfiguration.Name/Value attributes, and
 * AWS::ElasticLoadBalancingV2::Listener's Tags. Only those, only on those types.
 */
function isEndpointServiceSchemaGap(rule: string, message: string, resourceType: string | undefined): boolean {
  if (rule === 'E3002')
    return (
      (resourceType === 'AWS::EC2::VPCEndpointService' && /\('PrivateDnsName' was unexpected\)/.test(message)) ||
      (resourceType === 'AWS::ElasticLoadBalancingV2::Listener' && /\('Tags' was unexpected\)/.test(message))
    );
  return rule === 'E6101' && /'PrivateDnsNameConfiguration\.(Name|Value)' is not one of \['ServiceId'\]/.test(message);
}

/** The type of the resource a template line belongs to (the nearest resource-level "Type" above it). */
function resourceTypeAt(templatePath: string, line: number): string | undefined {
  const lines = fs.readFileSync(templatePath, 'utf8').split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const type = /^ {3}"Type": "([^"]+)"/.exec(lines[i]);
    if (type) return type[1];
  }
  return undefined;
}

interface LintTarget {
  readonly stackName: string;
  readonly templateFullPath: string;
  readonly region: string;
}

/**
 * The templates a stack deploys beyond its own: a StackSet's (inline, or the file asset its
 * TemplateURL names) and an organization conformance pack's, written out to be linted.
 */
/** The templates a stack embeds (StackSets, conformance packs): inline bodies written to `outdir`, file assets read from `assemblyDir`. */
function embeddedTemplates(stackName: string, templatePath: string, region: string, assemblyDir: string, outdir: string): LintTarget[] {
  const template = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
  const targets: LintTarget[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::CloudFormation::StackSet' && resource.Type !== 'AWS::Config::OrganizationConformancePack') continue;
    const name = `${stackName}/${logicalId}`;
    const body = resource.Properties?.TemplateBody;
    if (typeof body === 'string') {
      const file = path.join(outdir, `embedded.${stackName}.${logicalId}.template.json`);
      fs.writeFileSync(file, body);
      targets.push({ stackName: name, templateFullPath: file, region });
      continue;
    }
    const hash = /([0-9a-f]{64})\.json/.exec(JSON.stringify(resource.Properties?.TemplateURL ?? ''))?.[1];
    if (!hash) throw new Error(`${name} has neither a TemplateBody nor a TemplateURL naming a file asset`);
    targets.push({ stackName: name, templateFullPath: path.join(assemblyDir, `asset.${hash}.json`), region });
  }
  return targets;
}

/** cfn-lint over every template of the assembly in `assemblyDir`; the StackSets' and conformance packs' templates are written to `outdir`. */
function lintErrors(assemblyDir: string, outdir: string): { errors: string[]; euscGaps: number; endpointServiceGaps: number; linted: string[] } {
  fs.mkdirSync(outdir, { recursive: true });
  const stacks = readCloudAssembly(assemblyDir).stacks;
  expect(stacks.length).toBeGreaterThanOrEqual(3);
  const targets: LintTarget[] = stacks.flatMap((s) => [
    { stackName: s.id, templateFullPath: s.templatePath, region: s.region! },
    ...embeddedTemplates(s.id, s.templatePath, s.region!, assemblyDir, outdir),
  ]);
  const errors: string[] = [];
  let euscGaps = 0;
  let endpointServiceGaps = 0;
  // One cfn-lint per region with all of its templates: its start-up (about 2 s) is most of a template's cost.
  const byRegion = new Map<string, LintTarget[]>();
  for (const target of targets) byRegion.set(target.region, [...(byRegion.get(target.region) ?? []), target]);
  for (const [region, group] of byRegion) {
    const byFile = new Map(group.map((t) => [t.templateFullPath, t]));
    const lint = spawnSync('cfn-lint', ['--format', 'parseable', '--regions', region, '--', ...byFile.keys()], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (lint.error) throw lint.error;
    if ((lint.status ?? 0) & 1) throw new Error(`cfn-lint failed on ${group.map((t) => t.stackName).join(', ')}: ${lint.stderr}`);
    // file:line:column:endLine:endColumn:rule:message. One value that fails a schema's
    // alternatives is reported once per alternative, at the same place: judge them together.
    const byPlace = new Map<string, { stack: LintTarget; line: number; findings: { rule: string; message: string }[] }>();
    for (const output of lint.stdout.split('\n').filter(Boolean)) {
      const [file, at, column, , , rule, ...message] = output.split(':');
      if (!rule?.startsWith('E')) continue;
      const stack = byFile.get(file) ?? byFile.get(path.resolve(file));
      if (!stack) throw new Error(`cfn-lint reported a file it was not given: ${output}`);
      const place = `${file}:${at}:${column}:${rule}`;
      const entry = byPlace.get(place) ?? { stack, line: Number(at), findings: [] };
      entry.findings.push({ rule, message: message.join(':') });
      byPlace.set(place, entry);
    }
    for (const { stack, line, findings } of byPlace.values()) {
      if (findings.some((f) => isEuscPrincipalGap(f.rule, f.message))) euscGaps++;
      else if (findings.every((f) => isEndpointServiceSchemaGap(f.rule, f.message, resourceTypeAt(stack.templateFullPath, line)))) endpointServiceGaps++;
      else errors.push(...findings.map((f) => `${stack.stackName}: ${f.rule} ${f.message}`));
    }
  }
  return { errors, euscGaps, endpointServiceGaps, linted: targets.map((t) => t.stackName) };
}

describe('cfn-lint', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-cfn-lint-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('cfn-lint is installed', () => {
    const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      throw new Error('cfn-lint is not installed: run `python3 -m pip install cfn-lint` (npm test runs this check first in pretest)');
    }
  });

  test('every template of the example, StackSet and conformance pack templates included, has no cfn-lint errors', () => {
    // The example's assembly, synthesized once for the whole run (test/support/authorized-moto.ts) and only read here.
    const { linted, ...result } = lintErrors(synthesizedAssemblyDir(exampleConfig()), path.join(outdir, 'example'));
    expect(result).toEqual({ errors: [], euscGaps: 0, endpointServiceGaps: 0 });
    expect(linted).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Suveren-ConformanceBaseline\/Baseline/),
        expect.stringMatching(/^Suveren-ConformancePack-eu-north-1\/ConformancePack/),
        expect.stringMatching(/^Suveren-Bootstrap\/Bootstrap/),
      ]),
    );
  });

  test("the sovereign-cloud example has none but cfn-lint's unknown aws-eusc principal ARNs", () => {
    const { errors, euscGaps } = lintErrors(
      synthesizedAssemblyDir(loadConfig(path.join(REPO_ROOT, 'config', 'examples', 'sovereign-cloud.yaml'))),
      path.join(outdir, 'eusc'),
    );
    expect(errors).toEqual([]);
    // When cfn-lint learns the partition, this drops to 0: remove the exception above.
    expect(euscGaps).toBeGreaterThan(0);
  });

  test("the external-key-store example has none but cfn-lint's outdated VPC endpoint service schema", () => {
    const { errors, euscGaps, endpointServiceGaps } = lintErrors(
      synthesizedAssemblyDir(loadConfig(path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml'))),
      path.join(outdir, 'xks'),
    );
    expect(errors).toEqual([]);
    expect(euscGaps).toBe(0);
    // PrivateDnsName, the listener's Tags, and the two attributes in the outputs, for each of the two stores (the
    // replica's in eu-west-1 too): when cfn-lint's schema catches up, this drops to 0: remove the exception above.
    expect(endpointServiceGaps).toBe(8);
  });
});
