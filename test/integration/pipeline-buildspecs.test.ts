import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { directoryStore, recordDeployed, recordDeployedRelease } from '../../lib/pipeline/baseline-store';
import {
  ASSEMBLY_DIGEST_VARIABLE,
  DEPLOYED_RELEASE_ARCHIVE,
  DEPLOYED_RELEASE_DIR,
  DEPLOYED_RELEASE_KEY,
  DEPLOY_ENVIRONMENT,
  PIPELINE_OUTPUTS,
  deployCommands,
  planCommands,
  synthCommands,
} from '../../lib/pipeline/buildspecs';
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

  let approved = '';

  test("synth: the repository's own config, never the example; without one the build refuses to run", () => {
    // A pilot of two municipalities, written as a platform team would: the example's shape, its own tenants.
    const example = fs.readFileSync(path.join(clone, 'config', 'example.yaml'), 'utf8');
    const pilot = example
      .replace(/id: lund-kommun/, 'id: pilot-lomma')
      .replace(/id: malmo-stad/, 'id: pilot-staffanstorp')
      .replace(/"333333333331"/, '"363636363631"')
      .replace(/"333333333332"/, '"363636363632"');
    fs.writeFileSync(path.join(clone, 'config', 'pilot.yaml'), pilot);
    try {
      const [requireConfig] = synthCommands().install;
      const refused = runPhase([requireConfig], {});
      expect(refused.status).toBe(1);
      expect(refused.output).toMatch(/SUVEREN_CONFIG names no config file of this repository \(unset\).*never deploys the example by default/);
      expect(runPhase([requireConfig], { SUVEREN_CONFIG: 'config/missing.yaml' }).status).toBe(1);
      // Which config is synthesized is under test here; the next test runs every gate, schema validation included.
      const { status, output } = runPhase([requireConfig, synthCommands().build[0]], { SUVEREN_CONFIG: 'config/pilot.yaml', CDK_VALIDATION: 'false' });
      expect({ status, tail: output.slice(-3000) }).toMatchObject({ status: 0 });
      const stacks = fs.readdirSync(path.join(clone, PIPELINE_OUTPUTS.assembly)).filter((f) => f.startsWith('Suveren-Tenant-') && f.endsWith('.template.json'));
      expect(stacks.sort()).toEqual([
        'Suveren-Tenant-pilot-lomma.template.json',
        'Suveren-Tenant-pilot-staffanstorp.template.json',
        'Suveren-Tenant-skatteetaten-arkiv.template.json',
      ]);
      // The pipeline in that assembly goes on synthesizing the same file.
      const pipeline = JSON.parse(fs.readFileSync(path.join(clone, PIPELINE_OUTPUTS.assembly, 'Suveren-Pipeline.template.json'), 'utf8')) as {
        Resources: Record<
          string,
          { Type: string; Properties: { Stages?: { Name: string; Actions: { Configuration: { EnvironmentVariables?: string } }[] }[] } }
        >;
      };
      const synth = Object.values(pipeline.Resources)
        .find((r) => r.Type === 'AWS::CodePipeline::Pipeline')!
        .Properties.Stages!.find((st) => st.Name === 'Synth')!.Actions[0];
      expect(JSON.parse(synth.Configuration.EnvironmentVariables!)).toContainEqual({ name: 'SUVEREN_CONFIG', type: 'PLAINTEXT', value: 'config/pilot.yaml' });
    } finally {
      fs.rmSync(path.join(clone, 'config', 'pilot.yaml'));
    }
  });

  test('synth: every gate, the evidence, and the digest of everything it hands on for the approval', () => {
    const { status, output, exported } = runPhase(synthCommands().build, { SUVEREN_CONFIG: 'config/example.yaml' }, ASSEMBLY_DIGEST_VARIABLE);
    expect({ status, tail: output.slice(-3000) }).toMatchObject({ status: 0 });
    expect(fs.existsSync(path.join(clone, PIPELINE_OUTPUTS.assembly, 'Suveren-Pipeline.template.json'))).toBe(true);
    expect(fs.existsSync(path.join(clone, PIPELINE_OUTPUTS.evidence, 'report.html'))).toBe(true);
    // Written once, by `suveren evidence`: the synth's own report (access matrices, reach graphs) is switched off.
    expect(fs.existsSync(path.join(clone, PIPELINE_OUTPUTS.assembly, 'evidence'))).toBe(false);
    expect(exported).toMatch(/^[0-9a-f]{64}$/);
    approved = exported!;
  });

  test('deploy: the digest check passes the approved artifact, and refuses it tampered after the approval, naming both digests', () => {
    const check = deployCommands().install[0];
    expect(deployCommands().install.indexOf('npm ci')).toBeGreaterThan(0);
    expect(runPhase([check], { [DEPLOY_ENVIRONMENT.approvedDigest]: approved })).toMatchObject({ status: 0 });
    for (const file of [path.join(PIPELINE_OUTPUTS.assembly, 'Suveren-Tenant-lund-kommun.template.json'), path.join('lib', 'pipeline', 'deploy-wave.ts')]) {
      const target = path.join(clone, file);
      const original = fs.readFileSync(target);
      fs.writeFileSync(target, Buffer.concat([original, Buffer.from('\n')]));
      try {
        const { status, output } = runPhase([check, 'echo RAN-FROM-THE-ARTIFACT'], { [DEPLOY_ENVIRONMENT.approvedDigest]: approved });
        expect(status).toBe(1);
        const named = /the artifact's digest ([0-9a-f]{64}) is not the approved ([0-9a-f]{64})/.exec(output);
        expect(named?.[2]).toBe(approved);
        expect(named?.[1]).not.toBe(approved);
        expect(output).not.toContain('RAN-FROM-THE-ARTIFACT');
      } finally {
        fs.writeFileSync(target, original);
      }
    }
    // Without an approved digest at all (a deploy action started some other way), nothing runs either.
    expect(runPhase([check], {}).status).toBe(1);
    // A symlink (an .npmrc pointing at content the digest never saw) is refused outright.
    fs.symlinkSync('/etc/hostname', path.join(clone, '.npmrc'));
    try {
      const { status, output } = runPhase([check, 'echo RAN-FROM-THE-ARTIFACT'], { [DEPLOY_ENVIRONMENT.approvedDigest]: approved });
      expect(status).toBe(1);
      expect(output).toMatch(/neither a file nor a directory \(\.\/\.npmrc\): refused/);
      expect(output).not.toContain('RAN-FROM-THE-ARTIFACT');
    } finally {
      fs.rmSync(path.join(clone, '.npmrc'));
    }
  });

  test('plan: the last deployed release plans the assembly against the deployed baseline; the approval gets the summary', async () => {
    // The baseline as the pipeline keeps it: the example as last released, stack by stack,
    // and the release that deployed it (here this checkout, as `pipeline deploy` records it).
    for (const stack of [
      'Suveren-Audit',
      'Suveren-Guardrails',
      'Suveren-KeyCustody-nordic',
      'Suveren-Tenant-lund-kommun',
      'Suveren-Tenant-malmo-stad',
      'Suveren-Tenant-skatteetaten-arkiv',
    ])
      await recordDeployed(directoryStore(store), path.join(REPO_ROOT, 'baselines', 'example'), stack);
    await recordDeployedRelease(directoryStore(store), clone, DEPLOYED_RELEASE_KEY);
    const { install, build } = planCommands();
    // What only AWS runs: the download from the baseline bucket, and npm ci of the release (here its node_modules are linked).
    const installHere = install
      .filter((c) => !c.includes('aws s3'))
      .map((c) =>
        c.includes('npm ci')
          ? `ln -s ${path.join(REPO_ROOT, 'node_modules')} ${DEPLOYED_RELEASE_DIR}/node_modules && (cd ${DEPLOYED_RELEASE_DIR} && node scripts/build-cli.js)`
          : c,
      );
    installHere.splice(2, 0, `cp ${path.join(store, DEPLOYED_RELEASE_KEY)} ${DEPLOYED_RELEASE_ARCHIVE}`);
    // The upload of the plan to the baseline bucket is AWS's too.
    const buildHere = build.filter((c) => !c.startsWith('aws s3')).map((c) => c.replace(' pipeline plan ', ` pipeline plan --baseline-dir ${store} `));
    const { status, output, exported } = runPhase([...installHere, ...buildHere], { [ASSEMBLY_DIGEST_VARIABLE]: approved }, 'SUVEREN_PLAN_SUMMARY');
    expect({ status, tail: output.slice(-3000) }).toMatchObject({ status: 0 });
    expect(fs.readFileSync(path.join(clone, PIPELINE_OUTPUTS.plan, 'plan.md'), 'utf8')).toMatch(/Suveren-Pipeline: added/);
    // The example acknowledges the paths Identity Center and Lund's restorer open against the baseline (config/example.yaml, changes).
    expect(exported).toMatch(/^\d+ stacks changed, 0 refused, 7 acknowledged; planned by the deployed release$/);
    // Planning writes only its own output (its own build's, never part of the Synthesized artifact): without it, the artifact is still the approved one.
    fs.rmSync(path.join(clone, 'pipeline-out', 'plan'), { recursive: true });
    fs.rmSync(path.join(clone, DEPLOYED_RELEASE_DIR), { recursive: true });
    fs.rmSync(path.join(clone, DEPLOYED_RELEASE_ARCHIVE));
    expect(runPhase([deployCommands().install[0]], { [DEPLOY_ENVIRONMENT.approvedDigest]: approved }).status).toBe(0);
  });

  test('plan: a tampered artifact is refused before the deployed release is even fetched', () => {
    const { status, output } = runPhase(planCommands().install.slice(0, 1), { [ASSEMBLY_DIGEST_VARIABLE]: '0'.repeat(64) });
    expect(status).toBe(1);
    expect(output).toMatch(/is not the approved 0{64}/);
  });

  test('plan: a refusal fails the build before the approval (exit 2)', () => {
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
    const plan = planCommands()
      .build.find((c) => c.includes(' pipeline plan '))!
      .replace(' pipeline plan ', ` pipeline plan --baseline-dir ${refused} `);
    const { status, output } = runPhase([planCommands().build[0], plan], {});
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
