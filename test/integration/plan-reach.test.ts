import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan } from '../../lib/plan/build-plan';
import { emptyPlanAssembly, readPlanAssembly } from '../../lib/plan/plan-assembly';
import { renderPlanMarkdown } from '../../lib/plan/render-plan-markdown';
import { loadConfig } from '@suveren/core/config/load';
import { REPO_ROOT, exampleConfig, exampleConfigDocument, parseDocument, withField } from '../helpers';
import {
  type Template,
  changedAssembly as changedCopy,
  currentAssembly,
  exampleConfigUnacknowledged,
  planAgainstBaseline,
  planBetween,
  withCurrentGuardrails,
} from '../support/plan-assemblies';

/*
 * suveren plan and the reach graph (docs/reach.md), on the committed baseline's templates
 * changed as a code change would change them: every affected tenant's paths to plaintext
 * evaluated on both sides by the IAM evaluator, so these run with the integration tests.
 */

const LUND = 'Suveren-Tenant-lund-kommun';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-plan-reach-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const changedAssembly = (name: string, changes: Record<string, (template: Template) => void>) => changedCopy(tmp, name, changes);

const plan = planAgainstBaseline;

describe('paths to plaintext and weakened protection, mutated as a change would (the reach graph)', () => {
  type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; Principal?: unknown };
  const policyOf = (t: Template, id: string) => (t.Resources[id].Properties!.PolicyDocument as { Statement: Statement[] }).Statement;
  const planOf = async (dir: string) => {
    const report = await plan(dir);
    return { report, md: renderPlanMarkdown(report) };
  };

  test('the uploader may assume the reader: refused as reach-gained, naming the uploader and its path', async () => {
    const dir = changedAssembly('reach-uploader', {
      [LUND]: (t) =>
        policyOf(t, 'RolesUploaderDefaultPolicyE6ED9721').push({
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: { 'Fn::GetAtt': ['RolesReader072637E3', 'Arn'] },
        }),
    });
    const { report, md } = await planOf(dir);
    expect(report.summary.exitCode).toBe(2);
    const refusal = report.refusals.find((r) => r.kind === 'reach-gained')!;
    expect(refusal).toMatchObject({ stack: LUND, subject: 'tenant lund-kommun' });
    expect(refusal.principal).toBe('arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader');
    expect(refusal.lost).toContain(
      'tenant role suveren-lund-kommun-uploader (arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader) gains a path to plaintext: assumes suveren-lund-kommun-reader → reads an accepted object, which S3 decrypts for it',
    );
    expect(refusal.fix).toContain('principal: "arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader", kind: reach-gained');
    expect(md).toContain('- **Gains a path to plaintext**: tenant role suveren-lund-kommun-uploader');

    // Accepted one principal at a time: an acknowledgment naming the uploader accepts its path and nothing else.
    const acknowledging = (principal: string) =>
      parseDocument(
        withField(exampleConfigDocument(), 'changes', {
          acknowledge: [{ stack: LUND, kind: 'reach-gained', principal, reason: 'The uploader reads back what it wrote, by decision 2026/77.' }],
        }),
      );
    const accepted = await plan(dir, acknowledging('arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader'));
    expect(accepted.summary.exitCode).toBe(0);
    expect(accepted.refusals.find((r) => r.kind === 'reach-gained')!.acknowledged).toMatchObject({ index: 0 });
    await expect(plan(dir, acknowledging('arn:aws:iam::333333333331:role/suveren-lund-kommun-presign-fn'))).rejects.toThrow(
      /changes\.acknowledge\[0\] \(stack Suveren-Tenant-lund-kommun, principal arn:aws:iam::333333333331:role\/suveren-lund-kommun-presign-fn, kind reach-gained\) names nothing this plan refuses/,
    );
  });

  test("kms:CreateGrant for the uploader in the key policy: refused, the grant named as the path's end", async () => {
    const dir = changedAssembly('reach-grant', {
      [LUND]: (t) =>
        (t.Resources.DataKey2A0DE9E6.Properties!.KeyPolicy as { Statement: Statement[] }).Statement.push({
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::GetAtt': ['RolesUploader3B1A6CDA', 'Arn'] } },
          Action: 'kms:CreateGrant',
          Resource: '*',
        }),
    });
    const { report } = await planOf(dir);
    expect(report.summary.exitCode).toBe(2);
    expect(report.refusals.find((r) => r.kind === 'reach-gained')!.lost).toContain(
      'suveren-lund-kommun-uploader) gains a path to plaintext: creates a KMS grant for itself',
    );
  });

  test("the reader's trust narrowed, on guardrails as the code has them now: the tenant administrator's only path is lost", async () => {
    const dir = withCurrentGuardrails(
      changedAssembly('reach-narrowed', {
        'Suveren-Tenant-malmo-stad': (t) => {
          t.Resources.RolesReader072637E3.Properties!.AssumeRolePolicyDocument = {
            Version: '2012-10-17',
            Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333332:role/archive-reader' } }],
          };
        },
      }),
    );
    const baseline = withCurrentGuardrails(changedAssembly('reach-narrowed-base', {}));
    const report = await planBetween(baseline, dir, exampleConfigUnacknowledged());
    expect(report.refusals.filter((r) => r.kind === 'reach-gained')).toEqual([]);
    const malmo = report.tenants.find((t) => t.tenantId === 'malmo-stad')!;
    expect(malmo.reach!.lost.map((l) => l.principal)).toEqual(['arn:aws:iam::333333333332:role/Admin']);
    expect(renderPlanMarkdown(report)).toContain(
      '- Loses its path to plaintext: tenant account administrator (`arn:aws:iam::333333333332:role/Admin`): assumes suveren-malmo-stad-reader',
    );
  });

  test('the baseline as released before the deploy path was closed: the tenant administrator reached plaintext through the CDK bootstrap roles; the guardrails now close it', async () => {
    const { tenantReach } = await import('../../lib/reach/reach-graph');
    const { buildDeployedModel } = await import('../../lib/authorization/deployed-model');
    const { AccessEvaluator, loadEvaluator } = await import('../../lib/authorization/evaluate');
    const { assemblyStacks } = await import('../../lib/plan/plan-assembly');
    const config = exampleConfig();
    const malmo = config.tenants.find((t) => t.id === 'malmo-stad')!;
    const admin = 'arn:aws:iam::333333333332:role/Admin';
    const reachOn = async (dir: string) => {
      const evaluator = new AccessEvaluator(buildDeployedModel(assemblyStacks(readPlanAssembly(dir, 'a'))), config.organization, loadEvaluator()!);
      return (await tenantReach(evaluator, config, malmo))!.paths.find((p) => p.principal === admin);
    };
    // Before: the administrator passes the execution role to CloudFormation, or updates a stack it deploys, then rewrites a role's trust and reads.
    const narrowed = changedAssembly('fixture-narrowed', {
      'Suveren-Tenant-malmo-stad': (t) => {
        t.Resources.RolesReader072637E3.Properties!.AssumeRolePolicyDocument = {
          Version: '2012-10-17',
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333332:role/archive-reader' } }],
        };
      },
    });
    const before = await reachOn(narrowed);
    expect(before!.steps.map((s) => s.edge)).toEqual(['pass-and-run', 'rewrite-trust']);
    expect(before!.steps[0].to).toBe('arn:aws:iam::333333333332:role/cdk-hnb659fds-cfn-exec-role-333333333332-eu-north-1');
    // After: the same templates under today's guardrails: no such path.
    expect(await reachOn(withCurrentGuardrails(narrowed))).toBeUndefined();
  });

  test("the data key's KeySpec changed: update-refused, citing the CloudFormation reference", async () => {
    const dir = changedAssembly('keyspec', { [LUND]: (t) => (t.Resources.DataKey2A0DE9E6.Properties!.KeySpec = 'HMAC_256') });
    const { report } = await planOf(dir);
    expect(report.refusals).toContainEqual(
      expect.objectContaining({
        kind: 'update-refused',
        logicalId: 'DataKey2A0DE9E6',
        lost: expect.stringContaining(
          'CloudFormation refuses a change of KeySpec (CloudFormation fails a change of KeySpec on an existing key, whatever its UpdateReplacePolicy (AWS::KMS::Key, KeySpec',
        ),
      }),
    );
    expect(report.summary.exitCode).toBe(2);
  });

  test('KMS key properties at their defaults, left out or made explicit (MultiRegion false -> absent, KeyUsage absent -> ENCRYPT_DECRYPT), are no refused change', async () => {
    const dir = changedAssembly('explicit-default', {
      [LUND]: (t) => {
        const properties = t.Resources.DataKey2A0DE9E6.Properties!;
        delete properties.MultiRegion;
        properties.KeyUsage = 'ENCRYPT_DECRYPT';
      },
    });
    const report = await plan(dir, exampleConfigUnacknowledged(), false);
    expect(report.refusals.filter((r) => r.kind === 'update-refused')).toEqual([]);
  });

  test("the data key's DeletionPolicy Retain -> Delete with a 7-day window: protection-weakened, and acknowledgeable", async () => {
    const dir = changedAssembly('weakened', {
      [LUND]: (t) => {
        const key = t.Resources.DataKey2A0DE9E6 as { DeletionPolicy?: string; UpdateReplacePolicy?: string; Properties: Record<string, unknown> };
        key.DeletionPolicy = 'Delete';
        key.Properties.PendingWindowInDays = 7;
      },
    });
    const { report } = await planOf(dir);
    const refusal = report.refusals.find((r) => r.kind === 'protection-weakened')!;
    expect(refusal).toMatchObject({ logicalId: 'DataKey2A0DE9E6' });
    expect(refusal.lost).toContain('DeletionPolicy Retain -> Delete');
    expect(refusal.lost).toContain('PendingWindowInDays 30 -> 7');
    expect(report.summary.exitCode).toBe(2);
    const reason = 'the test key is retired with its tenant, whose data was exported first (change 4713)';
    const acknowledged = parseDocument(
      withField(exampleConfigDocument(), 'changes', { acknowledge: [{ stack: LUND, logicalId: 'DataKey2A0DE9E6', kind: 'protection-weakened', reason }] }),
    );
    expect((await plan(dir, acknowledged)).summary).toMatchObject({ exitCode: 0, acknowledged: 1 });
  });
});

describe('a first deployment: each new tenant listed with its paths', () => {
  test("each new tenant's paths to plaintext from the start: break-glass with its alarm gate; none to the client-side tenant", async () => {
    const report = await buildPlan({
      baseline: emptyPlanAssembly(),
      baselineSource: { kind: 'none', argument: 'none', normalized: false },
      assembly: readPlanAssembly(withCurrentGuardrails(changedAssembly('first-reach', {})), '--assembly'),
      assemblyLabel: 'a',
      config: exampleConfigUnacknowledged(),
    });
    expect(report.summary.exitCode).toBe(0);
    const lund = report.tenants.find((t) => t.tenantId === 'lund-kommun')!;
    expect(lund.reach!.gained.find((g) => g.principal === 'arn:aws:iam::333333333331:role/suveren-break-glass')).toMatchObject({
      label: 'break-glass role',
      gates: 'Gates: break-glass, which raises the alarm `suveren-break-glass-activity-eu-north-1`.',
    });
    expect(report.tenants.find((t) => t.tenantId === 'skatteetaten-arkiv')!.reach).toEqual({ gained: [], lost: [] });
    expect(renderPlanMarkdown(report)).toContain(
      '- **Gains a path to plaintext**: break-glass role (`arn:aws:iam::333333333331:role/suveren-break-glass`): rewrites the key policy',
    );
  });

  test("an external tenant's paths from the start, in the plan: every one holds only while its XKS proxy serves", async () => {
    const example = loadConfig(path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml'));
    // The external tenants alone: the others' reach is under test above, and searching it again here costs a quarter minute.
    const config = { ...example, tenants: example.tenants.filter((t) => t.tier === 'external') };
    const report = await buildPlan({
      baseline: emptyPlanAssembly(),
      baselineSource: { kind: 'none', argument: 'none', normalized: false },
      assembly: readPlanAssembly(currentAssembly(tmp, 'xks', config), '--assembly'),
      assemblyLabel: 'a',
      config,
    });
    const external = config.tenants.filter((t) => t.tier === 'external');
    expect(external.length).toBeGreaterThan(0);
    for (const tenant of external) {
      const gained = report.tenants.find((t) => t.tenantId === tenant.id)!.reach!.gained;
      expect(gained.length).toBeGreaterThan(0);
      // A path to the replica (docs/continuity.md) is gated by the replica region's store, which the same proxies serve.
      const stores = [tenant.externalKeyStore, tenant.continuity?.replicaKeyCustody].filter((s) => s !== undefined);
      for (const g of gained) expect(stores.some((store) => g.gates.includes(`only while the XKS proxy of key store \`${store}\` serves`))).toBe(true);
      for (const store of stores) expect(gained.some((g) => g.gates.includes(`key store \`${store}\``))).toBe(true);
    }
  }, 120_000);
});
