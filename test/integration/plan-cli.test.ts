import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readPlanAssembly } from '../../lib/plan/plan-assembly';
import type { PlanReport } from '../../lib/plan/plan-model';
import { synthesizeGitRef } from '../../lib/plan/git-baseline';
import { EXAMPLE_CONFIG_FILE, REPO_ROOT, exampleConfig } from '../helpers';
import { synthesizedAssemblyDir } from '../support/authorized-moto';

/*
 * The bundled `suveren plan` command: the committed baseline of the example against the
 * current code, which is what keeps an upgrade of suveren from silently replacing or
 * orphaning what deployed landing zones hold; and a baseline given as a git ref.
 */

const BASELINE = path.join(REPO_ROOT, 'baselines', 'example');
const CLI = path.join(REPO_ROOT, 'bin', 'suveren-cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-plan-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('suveren plan: upgrades of suveren are planned from the committed baseline', () => {
  test('the current code deploys the example with zero unacknowledged refusals (the bundled command, as CI runs it)', () => {
    const dir = synthesizedAssemblyDir(exampleConfig());
    const result = spawnSync(process.execPath, [CLI, 'plan', '--baseline', BASELINE, '--assembly', dir, '--config', EXAMPLE_CONFIG_FILE, '--format', 'json'], {
      encoding: 'utf8',
      cwd: REPO_ROOT,
    });
    const report = JSON.parse(result.stdout) as PlanReport;
    const open = report.refusals.filter((r) => !r.acknowledged);
    // On failure: each refusal names the stack, the resource and the fix (docs/plan.md, upgrades).
    expect(open.map((r) => `${r.kind} ${r.stack}/${r.logicalId ?? ''}: ${r.lost}; ${r.fix}`)).toEqual([]);
    expect(result.status).toBe(0);
    // The ways around the pipeline, closed: the SCP, RCP and trust changes in words, no resource replaced.
    const policy = (name: string) => report.organizationPolicies.find((p) => p.policy === name)!.changes.join('\n');
    expect(policy('suveren-deploy-path')).toMatch(
      /^new policy: .*Denies iam:PassRole for every principal except arn:aws:iam::\*:role\/cdk-hnb659fds-deploy-role-\*/,
    );
    expect(policy('suveren-deploy-path')).toMatch(/Denies cloudformation:ContinueUpdateRollback, .*cloudformation:UpdateStack, .*for every principal except/);
    expect(policy('suveren-data-perimeter')).toMatch(
      /OnlyPipelineAssumesDeployRoles is added: Denies sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity for every principal except arn:aws:iam::555555555555:role\/suveren-pipeline-deploy-organization, arn:aws:iam::555555555555:role\/suveren-pipeline-deploy/,
    );
    expect(policy('suveren-guardrail-protection')).toMatch(
      /ProtectConfigRecorderSettings now also denies config:AssociateResourceTypes, config:DisassociateResourceTypes/,
    );
    expect(report.trusts.map((t) => `${t.subject}: ${t.changes.join('; ')}`)).toContain(
      'the CDK bootstrap deploy and publishing roles of StackSet suveren-bootstrap: new: trusted by arn:aws:iam::555555555555:role/suveren-pipeline-deploy, arn:aws:iam::555555555555:role/suveren-pipeline-deploy-organization only',
    );
    expect(
      report.stacks.flatMap((st) =>
        st.resources.filter((r) => r.replacedBy.length > 0 || !['create', 'update'].includes(r.impact)).map((r) => `${st.id}/${r.logicalId} ${r.impact}`),
      ),
    ).toEqual([]);
  });
});

describe('suveren plan --baseline <git ref>', () => {
  test('a ref is synthesized in a temporary worktree with the same config path, and the worktree is removed', () => {
    const baseline = synthesizeGitRef('HEAD', REPO_ROOT, EXAMPLE_CONFIG_FILE);
    // Other test files add worktrees of their own at the same time: only this one is looked for.
    const worktrees = () => execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(worktrees()).toContain(`worktree ${baseline.worktree}\n`);
    try {
      expect(baseline.commit).toBe(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim());
      expect([...readPlanAssembly(baseline.directory, '--baseline').stacks.keys()]).toContain('Suveren-Tenant-lund-kommun');
      expect(fs.existsSync(baseline.configFile)).toBe(true);
    } finally {
      baseline.dispose();
    }
    expect(fs.existsSync(baseline.directory)).toBe(false);
    expect(worktrees()).not.toContain(`worktree ${baseline.worktree}\n`);
  });

  test('a ref that does not synthesize, or lacks the config: one line naming the ref and the fix, exit 1', () => {
    const repo = path.join(tmp, 'repo');
    fs.mkdirSync(path.join(repo, 'config'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    fs.writeFileSync(
      path.join(repo, 'cdk.json'),
      JSON.stringify({ app: 'node -e "console.error(\'Error: the app is broken at this commit\'); process.exit(1)"' }),
    );
    fs.copyFileSync(EXAMPLE_CONFIG_FILE, path.join(repo, 'config', 'example.yaml'));
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'broken');
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
    const plan = (config: string) =>
      spawnSync(process.execPath, [CLI, 'plan', '--baseline', 'HEAD', '--assembly', BASELINE, '--config', config], { cwd: repo, encoding: 'utf8' });
    const broken = plan(path.join(repo, 'config', 'example.yaml'));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(
      /^suveren plan: --baseline HEAD \([0-9a-f]{12}\) does not synthesize: .*Error: the app is broken at this commit.*; pass a ref that does, or its cdk\.out directory\n$/,
    );
    fs.writeFileSync(path.join(repo, 'config', 'other.yaml'), fs.readFileSync(EXAMPLE_CONFIG_FILE));
    const missing = plan(path.join(repo, 'config', 'other.yaml'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^suveren plan: --baseline HEAD has no config\/other\.yaml: the baseline is synthesized with the same config path/);
    expect(execFileSync('git', ['worktree', 'list'], { cwd: repo, encoding: 'utf8' }).trim().split('\n')).toHaveLength(1);
  });
});
