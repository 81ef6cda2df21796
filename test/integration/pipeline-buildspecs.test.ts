import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { directoryStore, recordDeployed } from '../../lib/pipeline/baseline-store';
import { DEPLOY_ENVIRONMENT, PIPELINE_OUTPUTS, deployCommands, synthCommands } from '../../lib/pipeline/buildspecs';
import { REPO_ROOT } from '../helpers';

/*
 * Suveren-Pipeline's build commands, run as CodeBuild runs them (one bash per phase, in
 * order, stopping at the first failure) on a fresh copy of the repository: every file a
 * clone of the working tree has, and nothing else (no cdk.out, no dist, no bin bundle).
 * The install phase is `npm ci`, the command CI itself runs first on its fresh clone;
 * here the copy reuses this checkout's node_modules and runs what `npm ci` runs after
 * installing (the prepare script), so the test stays offline and within its time.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-buildspecs-'));
const clone = path.join(tmp, 'clone');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The files a clone of the working tree would have. */
function freshCopy(): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(REPO_ROOT, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, file), path.join(clone, file));
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(clone, 'node_modules'));
  expect(fs.existsSync(path.join(clone, 'cdk.out'))).toBe(false);
  expect(fs.existsSync(path.join(clone, 'dist'))).toBe(false);
}

/** One phase as CodeBuild runs it: one bash, `set -e`, the commands in order; returns the shell's status, output and a variable's value. */
function runPhase(commands: readonly string[], env: Record<string, string>, exported?: string) {
  const script = ['set -eo pipefail', ...commands, exported ? `echo "EXPORTED=\${${exported}}"` : ''].join('\n');
  const result = spawnSync('bash', ['-c', script], {
    cwd: clone,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmp, AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'eu-north-1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, exported: /EXPORTED=(.*)/.exec(result.stdout)?.[1] };
}

beforeAll(() => {
  freshCopy();
  // What `npm ci` runs once it has installed: the prepare script (the bundled command).
  execFileSync(process.execPath, ['scripts/build-cli.js'], { cwd: clone, stdio: 'pipe' });
}, 120_000);

describe('the pipeline build commands on a fresh copy of the repository', () => {
  const store = path.join(tmp, 'baseline-store');

  test('synth: every gate, the plan against the deployed baseline (the committed example), the evidence; the approval gets the summary', async () => {
    // The baseline as the pipeline keeps it: the example as last released, stack by stack.
    for (const stack of [
      'Suveren-Audit',
      'Suveren-Guardrails',
      'Suveren-KeyCustody-nordic',
      'Suveren-Tenant-lund-kommun',
      'Suveren-Tenant-malmo-stad',
      'Suveren-Tenant-skatteetaten-arkiv',
    ])
      await recordDeployed(directoryStore(store), path.join(REPO_ROOT, 'baselines', 'example'), stack);
    const commands = synthCommands().build.map((c) => c.replace(' pipeline plan ', ` pipeline plan --baseline-dir ${store} `));
    const { status, output, exported } = runPhase(commands, {}, 'SUVEREN_PLAN_SUMMARY');
    expect({ status, tail: output.slice(-3000) }).toMatchObject({ status: 0 });
    expect(fs.existsSync(path.join(clone, PIPELINE_OUTPUTS.assembly, 'Suveren-Pipeline.template.json'))).toBe(true);
    expect(fs.readFileSync(path.join(clone, PIPELINE_OUTPUTS.plan, 'plan.md'), 'utf8')).toMatch(/Suveren-Pipeline: added/);
    expect(fs.existsSync(path.join(clone, PIPELINE_OUTPUTS.evidence, 'report.html'))).toBe(true);
    expect(exported).toMatch(/^\d+ stacks changed, 0 refused, 0 acknowledged$/);
  });

  test('synth: a plan refusal fails the build before the approval (exit 2)', () => {
    // A baseline that holds a tenant this assembly no longer has: refused as stack-removed.
    const refused = path.join(tmp, 'refused-store');
    fs.cpSync(store, refused, { recursive: true });
    const artifact = JSON.parse(fs.readFileSync(path.join(refused, 'deployed', 'Suveren-Tenant-malmo-stad.artifact.json'), 'utf8')) as object;
    fs.writeFileSync(
      path.join(refused, 'deployed', 'Suveren-Tenant-gone.artifact.json'),
      JSON.stringify({ ...artifact, properties: { templateFile: 'Suveren-Tenant-gone.template.json' } }),
    );
    fs.copyFileSync(
      path.join(refused, 'deployed', 'Suveren-Tenant-malmo-stad.template.json'),
      path.join(refused, 'deployed', 'Suveren-Tenant-gone.template.json'),
    );
    const plan = synthCommands()
      .build.find((c) => c.includes(' pipeline plan '))!
      .replace(' pipeline plan ', ` pipeline plan --baseline-dir ${refused} `);
    const { status, output } = runPhase([plan], {});
    expect(status).toBe(2);
    expect(output).toMatch(/stack-removed|REFUSED/);
  });

  test('deploy: without AWS credentials every stack of the action fails with the reason, and the baseline records none', () => {
    const before = fs.readdirSync(path.join(store, 'deployed')).sort();
    const commands = deployCommands().build.map((c) => `${c} --baseline-dir ${store}`);
    const { status, output } = runPhase(commands, { [DEPLOY_ENVIRONMENT.action]: 'Tenants/Wave-1' });
    expect(status).toBe(1);
    for (const tenant of ['lund-kommun', 'malmo-stad', 'skatteetaten-arkiv']) expect(output).toMatch(new RegExp(`FAILED Suveren-Tenant-${tenant}: .+`));
    expect(output).toMatch(/3 of 3 stacks failed .*; a retry of this action deploys what is left/);
    expect(fs.readdirSync(path.join(store, 'deployed')).sort()).toEqual(before);
  });

  test('deploy: an action the assembly does not record is refused with the reason', () => {
    const { status, output } = runPhase([`${deployCommands().build[0]} --baseline-dir ${store}`], { [DEPLOY_ENVIRONMENT.action]: 'Tenants/Wave-9' });
    expect(status).toBe(1);
    expect(output).toMatch(/no deploy action Tenants\/Wave-9 in .*Suveren-Pipeline\.template\.json/);
  });
});
