import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { run } from '../../lib/cli/main';
import { buildPlan } from '../../lib/plan/build-plan';
import { PlanInputError, emptyPlanAssembly, readPlanAssembly } from '../../lib/plan/plan-assembly';
import type { PlanReport } from '../../lib/plan/plan-model';
import { renderPlanMarkdown } from '../../lib/plan/render-plan-markdown';
import { REPO_ROOT, exampleConfigDocument, exampleConfigFileUnacknowledged, exampleConfigUnacknowledged, parseDocument, withField } from '../helpers';

/** The example's acknowledgments accept what the current code opens against the baseline; these plans compare other assemblies. */
const EXAMPLE_CONFIG_FILE = exampleConfigFileUnacknowledged();
const exampleConfig = exampleConfigUnacknowledged;
import { type Template, changedAssembly as changedCopy, planAgainstBaseline, planBetween } from '../support/plan-assemblies';

/*
 * suveren plan over code changes of the example, made on the committed baseline's
 * templates as a code change would make them (a construct id, a bucket policy, an SCP),
 * so no synth is needed: the real diff engine, the real IAM evaluator. Config changes,
 * which need a synth, are test/integration/plan.test.ts.
 */

const BASELINE = path.join(REPO_ROOT, 'baselines', 'example');
const LUND = 'Suveren-Tenant-lund-kommun';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-plan-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const changedAssembly = (name: string, changes: Record<string, (template: Template) => void>) => changedCopy(tmp, name, changes);

/** Renames a logical id everywhere the template refers to it, as a changed construct id does. */
function renameLogicalId(template: Template, from: string, to: string): void {
  const text = JSON.stringify(template).split(`"${from}"`).join(`"${to}"`);
  Object.assign(template, JSON.parse(text));
}

const plan = planAgainstBaseline;

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(['plan', ...argv], { out: (t) => (out += t), err: (t) => (err += t) }, false);
  return { code, out, err };
}

describe('suveren plan on code changes (the committed baseline, changed as code would change it)', () => {
  test('no change at all: exit 0, "no changes", nothing refused', async () => {
    const { code, out, err } = await cli(['--baseline', BASELINE, '--assembly', BASELINE, '--config', EXAMPLE_CONFIG_FILE]);
    expect(code).toBe(0);
    expect(out).toContain('**No changes.**');
    expect(err).toBe('suveren plan: no changes\n');
  });

  test("a named role's logical id changes: refused as rename (the deploy would fail on the taken name), exit 2", async () => {
    const dir = changedAssembly('rename-role', { [LUND]: (t) => renameLogicalId(t, 'RolesReader072637E3', 'ReaderRoleRenamed0A1B2C3D') });
    const report = await plan(dir, exampleConfig(), false);
    expect(report.refusals).toEqual([
      expect.objectContaining({
        kind: 'rename',
        stack: LUND,
        logicalId: 'RolesReader072637E3',
        resourceType: 'AWS::IAM::Role',
        lost: expect.stringMatching(
          /becomes ReaderRoleRenamed0A1B2C3D; .* finds the name "suveren-lund-kommun-reader" taken, and the deployment fails half-way/,
        ),
      }),
    ]);
    expect(report.summary.exitCode).toBe(2);
    const { code, err } = await cli(['--baseline', BASELINE, '--assembly', dir, '--config', EXAMPLE_CONFIG_FILE]);
    expect(code).toBe(2);
    expect(err).toMatch(/1 refused, 0 acknowledged: REFUSED/);
  });

  test('a bucket policy change that lets the reader delete: the reader gains delete, with the deciding statement', async () => {
    const dir = changedAssembly('reader-deletes', {
      [LUND]: (t) => {
        const policyId = Object.keys(t.Resources).find((id) => id.startsWith('DataBucketPolicy'))!;
        const document = t.Resources[policyId].Properties!.PolicyDocument as { Statement: object[] };
        document.Statement.push({
          Sid: 'ReaderMayDelete',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::GetAtt': ['RolesReader072637E3', 'Arn'] } },
          Action: 's3:DeleteObjectVersion',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['DataBucketE6B0FAA8', 'Arn'] }, '/objects/*']] },
        });
      },
    });
    const report = await plan(dir);
    expect(report.refusals).toEqual([]);
    expect(report.summary.exitCode).toBe(0);
    const lund = report.tenants.find((t) => t.tenantId === 'lund-kommun')!;
    expect(lund.access).toEqual([
      expect.objectContaining({
        label: 'tenant role suveren-lund-kommun-reader',
        capability: 'delete',
        change: 'gains',
        decidedBy: expect.stringContaining('ReaderMayDelete'),
      }),
    ]);
    expect(renderPlanMarkdown(report)).toMatch(/\| tenant role suveren-lund-kommun-reader \| \*\*gains\*\* \| delete \| .*ReaderMayDelete/);
    // Other tenants' stacks did not change, so their access is not re-evaluated.
    expect(report.tenants.map((t) => t.tenantId)).toEqual(['lund-kommun']);
  });

  test('an SCP statement that stops denying a region: said in words, and every tenant is re-evaluated', async () => {
    const dir = changedAssembly('scp-region', {
      'Suveren-Guardrails': (t) => {
        const guard = Object.values(t.Resources).find((r) => r.Properties?.Name === 'suveren-region-guard')!;
        const statement = (guard.Properties!.Content as { Statement: { Sid: string; Condition: Record<string, Record<string, string[]>> }[] }).Statement.find(
          (s) => s.Sid === 'DenyOutsideAllowedRegions',
        )!;
        statement.Condition.StringNotEquals['aws:RequestedRegion'].push('eu-west-3');
      },
    });
    const report = await plan(dir);
    expect(report.organizationPolicies).toEqual([
      {
        stack: 'Suveren-Guardrails',
        logicalId: expect.stringMatching(/^RegionGuard/),
        policy: 'suveren-region-guard',
        type: 'SERVICE_CONTROL_POLICY',
        changes: ['DenyOutsideAllowedRegions no longer denies requests in eu-west-3'],
      },
    ]);
    expect(renderPlanMarkdown(report)).toContain('### suveren-region-guard (SCP, Suveren-Guardrails/');
    // A shared stack changed: every tenant's access was evaluated again (and nothing changed for it).
    expect(report.tenants).toEqual([]);
    expect(report.summary.stacksChanged).toBe(1);
  });

  test('a removed SCP statement is said in words, and a key policy principal change is listed', async () => {
    const dir = changedAssembly('scp-removed', {
      'Suveren-Guardrails': (t) => {
        const protection = Object.values(t.Resources).find((r) => r.Properties?.Name === 'suveren-guardrail-protection')!;
        const content = protection.Properties!.Content as { Statement: { Sid: string }[] };
        content.Statement = content.Statement.filter((s) => s.Sid !== 'DenyLeavingOrganization');
      },
      [LUND]: (t) => {
        const key = t.Resources.DataKey2A0DE9E6.Properties!.KeyPolicy as { Statement: object[] };
        key.Statement.push({
          Sid: 'AuditorDescribes',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::333333333331:role/auditor' },
          Action: 'kms:DescribeKey',
          Resource: '*',
        });
      },
    });
    const report = await plan(dir);
    expect(report.organizationPolicies[0].changes).toEqual([
      'DenyLeavingOrganization is removed: it no longer denies: Denies organizations:LeaveOrganization for every principal in every region',
    ]);
    expect(report.keyPolicies).toEqual([
      { stack: LUND, logicalId: 'DataKey2A0DE9E6', principal: 'arn:aws:iam::333333333331:role/auditor', gained: ['kms:DescribeKey'], lost: [] },
    ]);
  });

  test("a role's trust that widens or narrows is said in words", async () => {
    const dir = changedAssembly('trust', {
      [LUND]: (t) => {
        const reader = t.Resources.RolesReader072637E3.Properties!.AssumeRolePolicyDocument as { Statement: { Principal: { AWS: string } }[] };
        reader.Statement[0].Principal.AWS = 'arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader';
      },
    });
    const report = await plan(dir);
    expect(report.trusts).toEqual([
      {
        stack: LUND,
        logicalId: 'RolesReader072637E3',
        subject: 'role suveren-lund-kommun-reader',
        changes: ['now also trusts arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader', 'no longer trusts arn:aws:iam::333333333331:root'],
      },
    ]);
    expect(renderPlanMarkdown(report)).toContain('## Trust: who may assume a role or deploy through the bootstrap roles');
  });

  test('a key policy held as JSON text by a custom resource is parsed: a new decrypting principal is named', async () => {
    const dir = changedAssembly('custom-key-policy', {
      'Suveren-Tenant-malmo-stad': (t) => {
        const key = t.Resources.DataKey17AFBB84.Properties!;
        const join = key.KeyPolicy as { 'Fn::Join': [string, unknown[]] };
        const parts = join['Fn::Join'][1];
        const last = parts.length - 1;
        parts[last] = String(parts[last]).replace(
          /\],"Version"/,
          ',{"Action":"kms:Decrypt","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333332:role/analytics"},"Resource":"*"}],"Version"',
        );
      },
    });
    const report = await plan(dir);
    expect(report.keyPolicies).toEqual([
      {
        stack: 'Suveren-Tenant-malmo-stad',
        logicalId: 'DataKey17AFBB84',
        principal: 'arn:aws:iam::333333333332:role/analytics',
        gained: ['kms:Decrypt'],
        lost: [],
      },
    ]);
  });

  test('a stateful resource replaced (a bucket given a name) or deleted (one no longer retained, then removed) is refused', async () => {
    const baseline = changedAssembly('bucket-base', {
      [LUND]: (t) => delete (t.Resources.AccessLogsBucketCD784A59 as { DeletionPolicy?: string }).DeletionPolicy,
    });
    const dir = changedAssembly('bucket', {
      [LUND]: (t) => {
        t.Resources.DataBucketE6B0FAA8.Properties!.BucketName = 'lund-kommun-data';
        delete t.Resources.AccessLogsBucketCD784A59;
      },
    });
    const report = await planBetween(baseline, dir, exampleConfig(), false);
    expect(report.refusals.map((r) => [r.kind, r.logicalId, r.lost])).toEqual([
      ['delete', 'AccessLogsBucketCD784A59', 'it is deleted with everything it holds'],
      [
        'replace',
        'DataBucketE6B0FAA8',
        'it is replaced (changed: BucketName): the new one starts empty, and the old one is retained outside the stack, unmanaged',
      ],
    ]);
  });

  test('an account suveren created that leaves the record is refused (suveren never closes one); its acknowledgment names the id', async () => {
    const { App } = await import('aws-cdk-lib');
    const { GuardrailsStack } = await import('../../lib/stacks/guardrails-stack');
    const config = exampleConfig();
    const created = { id: '333333333339', email: 'aws+ny@kommun.example.se', name: 'suveren ny-kommun', organizationalUnit: 'ou-abcd-11111111' };
    // The synthesized template records the lock file's accounts in its metadata.
    const app = new App();
    const stack = new GuardrailsStack(app, 'Suveren-Guardrails', {
      env: { account: config.organization.managementAccount, region: 'eu-north-1' },
      organization: config.organization,
      createdAccounts: [created],
    });
    const metadata = (app.synth().getStackByName(stack.stackName).template as { Metadata: Record<string, unknown> }).Metadata;
    expect(metadata.SuverenCreatedAccounts).toEqual([created]);
    const baseline = changedAssembly('accounts-base', { 'Suveren-Guardrails': (t) => Object.assign(t, { Metadata: metadata }) });
    const kept = await planBetween(baseline, baseline, config, false);
    expect(kept.refusals).toEqual([]);
    const removed = await planBetween(baseline, BASELINE, config, false);
    expect(removed.summary.exitCode).toBe(2);
    expect(removed.refusals).toEqual([
      expect.objectContaining({
        kind: 'account-removed',
        stack: 'Suveren-Guardrails',
        logicalId: '333333333339',
        subject: 'account 333333333339 (aws+ny@kommun.example.se)',
      }),
    ]);
    expect(removed.refusals[0].fix).toContain('aws organizations close-account --account-id 333333333339');
    const reason = 'the account was exported (docs/exit.md) and closed by hand in change 4712';
    const acknowledged = parseDocument(
      withField(exampleConfigDocument(), 'changes', {
        acknowledge: [{ stack: 'Suveren-Guardrails', logicalId: '333333333339', kind: 'account-removed', reason }],
      }),
    );
    const accepted = await planBetween(baseline, BASELINE, acknowledged, false);
    expect(accepted.summary).toMatchObject({ refusals: 1, acknowledged: 1, exitCode: 0 });
  });

  test('acknowledged: the exact change with a reason passes (exit 0) and is echoed; a stale one is bad input (exit 1)', async () => {
    const dir = changedAssembly('ack', { [LUND]: (t) => renameLogicalId(t, 'RolesReader072637E3', 'ReaderRoleRenamed0A1B2C3D') });
    const reason = 'the old reader role is deleted by hand before this deployment (change 4711)';
    const acknowledged = withField(exampleConfigDocument(), 'changes', {
      acknowledge: [{ stack: LUND, logicalId: 'RolesReader072637E3', kind: 'rename', reason }],
    });
    const report = await plan(dir, parseDocument(acknowledged), false);
    expect(report.summary).toMatchObject({ refusals: 1, acknowledged: 1, exitCode: 0 });
    expect(report.refusals[0].acknowledged).toEqual({ reason, index: 0 });
    expect(renderPlanMarkdown(report)).toContain(`- Acknowledged in changes.acknowledge[0]: "${reason}"`);

    const file = path.join(tmp, 'ack.yaml');
    fs.writeFileSync(file, stringify(acknowledged));
    const stale = await cli(['--baseline', BASELINE, '--assembly', BASELINE, '--config', file]);
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(
      /^suveren plan: .*ack\.yaml: changes\.acknowledge\[0\] \(stack Suveren-Tenant-lund-kommun, logicalId RolesReader072637E3, kind rename\) names nothing this plan refuses: remove it/,
    );
    expect(stale.err.split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('an acknowledgment of the wrong kind does not acknowledge, and the config refuses one without logicalId or reason', async () => {
    const dir = changedAssembly('ack-kind', { [LUND]: (t) => renameLogicalId(t, 'RolesReader072637E3', 'ReaderRoleRenamed0A1B2C3D') });
    const wrongKind = withField(exampleConfigDocument(), 'changes', {
      acknowledge: [{ stack: LUND, logicalId: 'RolesReader072637E3', kind: 'replace', reason: 'this is a rename, acknowledged as the wrong kind' }],
    });
    await expect(plan(dir, parseDocument(wrongKind), false)).rejects.toThrow(/changes\.acknowledge\[0\] .* kind replace\) names nothing this plan refuses/);
    expect(() =>
      parseDocument(withField(exampleConfigDocument(), 'changes', { acknowledge: [{ stack: LUND, kind: 'orphan', reason: 'x'.repeat(30) }] })),
    ).toThrow(/changes\.acknowledge\[0\]\.logicalId: kind "orphan" is about one resource: add the logicalId the plan names for it/);
    expect(() => parseDocument(withField(exampleConfigDocument(), 'changes', { acknowledge: [{ stack: LUND, kind: 'tenant-tier', reason: 'ok' }] }))).toThrow(
      /changes\.acknowledge\[0\]\.reason: say why this change is accepted/,
    );
    expect(() =>
      parseDocument(withField(exampleConfigDocument(), 'changes', { acknowledge: [{ stack: LUND, kind: 'update-refused', reason: 'x'.repeat(30) }] })),
    ).toThrow(/changes\.acknowledge\[0\]\.kind: expected one of replace, delete, orphan, rename/);
    // reach-gained is accepted one principal at a time: it needs the principal, and no other kind takes one.
    const reason = 'x'.repeat(30);
    expect(() => parseDocument(withField(exampleConfigDocument(), 'changes', { acknowledge: [{ stack: LUND, kind: 'reach-gained', reason }] }))).toThrow(
      /changes\.acknowledge\[0\]\.principal: kind "reach-gained" is about one principal's new path to plaintext: add the principal the plan names/,
    );
    const principal = 'arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader';
    expect(() =>
      parseDocument(withField(exampleConfigDocument(), 'changes', { acknowledge: [{ stack: LUND, kind: 'tenant-tier', principal, reason }] })),
    ).toThrow(/changes\.acknowledge\[0\]\.principal: kind "tenant-tier" is not about a principal: remove principal/);
    expect(() =>
      parseDocument(withField(exampleConfigDocument(), 'changes', { acknowledge: [{ stack: LUND, kind: 'reach-gained', principal: 'uploader', reason }] })),
    ).toThrow(/changes\.acknowledge\[0\]\.principal: expected a role ARN or an identity-store group ARN as the plan names it/);
  });

  test('bad input: a baseline of another organization, a directory that is no assembly, a missing argument: one line, exit 1', async () => {
    const other = changedAssembly('other-org', {
      [LUND]: (t) => {
        (t.Metadata as Record<string, string>).SuverenOrganizationId = 'o-zzzzzzzzzz';
      },
    });
    expect(() => readPlanAssembly(other, '--baseline')).toThrow(PlanInputError);
    const single = changedAssembly(
      'other-org-all',
      Object.fromEntries(
        fs
          .readdirSync(BASELINE)
          .filter((f) => f.endsWith('.template.json'))
          .map((f) => [f.replace('.template.json', ''), (t: Template) => void ((t.Metadata as Record<string, string>).SuverenOrganizationId = 'o-zzzzzzzzzz')]),
      ),
    );
    const cases: [string[], RegExp][] = [
      [
        ['--baseline', single, '--assembly', BASELINE],
        /^suveren plan: --baseline .* was synthesized for organization o-zzzzzzzzzz, but .* is organization o-a1b2c3d4e5: compare assemblies of the same organization/,
      ],
      [['--baseline', other, '--assembly', BASELINE], /mixes organizations \(o-a1b2c3d4e5, o-zzzzzzzzzz\)/],
      [
        ['--baseline', tmp, '--assembly', BASELINE],
        /^suveren plan: --baseline .* is not a cloud assembly \(no manifest\.json\): pass a cdk\.out directory or a git ref/,
      ],
      [['--assembly', BASELINE], /^suveren plan: --baseline is required/],
      [
        ['--baseline', 'no-such-ref-anywhere', '--assembly', BASELINE],
        /^suveren plan: --baseline no-such-ref-anywhere is neither a directory nor a git ref of .*: pass an existing branch, tag or commit/,
      ],
      [['--baseline', BASELINE, '--format', 'pdf'], /^suveren plan: --format pdf is not a format/],
      [['--baseline', BASELINE, '--bogus'], /^suveren plan: Unknown option '--bogus'/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await cli([...argv, '--config', EXAMPLE_CONFIG_FILE]);
      expect({ argv, code }).toEqual({ argv, code: 1 });
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });

  test('byte-stable: the same input gives the same markdown and JSON, and --out writes both', async () => {
    const dir = changedAssembly('stable', { [LUND]: (t) => renameLogicalId(t, 'RolesReader072637E3', 'ReaderRoleRenamed0A1B2C3D') });
    const out1 = path.join(tmp, 'out1');
    const out2 = path.join(tmp, 'out2');
    for (const out of [out1, out2]) {
      const { code, out: printed } = await cli([
        '--baseline',
        BASELINE,
        '--assembly',
        dir,
        '--config',
        EXAMPLE_CONFIG_FILE,
        '--format',
        'md,json',
        '--no-access',
        '--out',
        out,
      ]);
      expect(code).toBe(2);
      expect(printed).toBe(`wrote ${path.join(out, 'plan.md')}\nwrote ${path.join(out, 'plan.json')}\n`);
    }
    for (const file of ['plan.md', 'plan.json']) expect(fs.readFileSync(path.join(out1, file))).toEqual(fs.readFileSync(path.join(out2, file)));
    const json = JSON.parse(fs.readFileSync(path.join(out1, 'plan.json'), 'utf8')) as PlanReport;
    expect(json.schemaVersion).toBe('1.3.0');
    expect(json.baseline).toEqual({ kind: 'directory', argument: BASELINE, normalized: true });
  });
});

describe('a first deployment: suveren plan --baseline none', () => {
  test('every stack is added, and each tenant is listed with where it is, its custody and who can reach its data from the start', async () => {
    const report = await buildPlan({
      baseline: emptyPlanAssembly(),
      baselineSource: { kind: 'none', argument: 'none', normalized: false },
      assembly: readPlanAssembly(BASELINE, '--assembly'),
      assemblyLabel: 'baselines/example',
      config: exampleConfig(),
    });
    expect(report.summary.exitCode).toBe(0);
    expect(report.refusals).toEqual([]);
    expect(report.stacks.every((s) => s.status === 'added')).toBe(true);
    expect(report.tenants.map((t) => [t.tenantId, t.before, t.after?.tier])).toEqual([
      ['lund-kommun', undefined, 'standard'],
      ['malmo-stad', undefined, 'hsm'],
      ['skatteetaten-arkiv', undefined, 'client-side'],
    ]);
    const lund = report.tenants[0];
    expect('notComputed' in lund.access).toBe(false);
    const access = lund.access as Exclude<typeof lund.access, { notComputed: string }>;
    expect(access.every((a) => a.change === 'gains')).toBe(true);
    expect(access.map((a) => `${a.label}: ${a.capability}`)).toContain('tenant role suveren-lund-kommun-reader: read');
    expect(renderPlanMarkdown(report)).toContain('- Baseline: none: a first deployment, every stack and tenant is new');
  });

  test('the command takes none for the baseline', async () => {
    const { code, out } = await cli(['--baseline', 'none', '--assembly', BASELINE, '--config', EXAMPLE_CONFIG_FILE, '--format', 'json', '--no-access']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as PlanReport;
    expect(report.baseline).toEqual({ kind: 'none', argument: 'none', normalized: false });
    expect(report.tenants).toHaveLength(3);
  });
});
