import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { addLandingZone } from '../../lib/landing-zone';
import { buildPlan } from '../../lib/plan/build-plan';
import { readPlanAssembly } from '../../lib/plan/plan-assembly';
import type { PlanReport } from '../../lib/plan/plan-model';
import { renderPlanMarkdown } from '../../lib/plan/render-plan-markdown';
import { REPO_ROOT, exampleConfig, exampleConfigDocument, parseDocument, testApp, withField, withoutContinuity, type ConfigDocument } from '../helpers';
import { synthesizedAssemblyDir } from '../support/authorized-moto';

/*
 * suveren plan over config changes of the example, each synthesized for real (every
 * gate but the CloudFormation schema validation on, bundling skipped), against the
 * committed baseline of the example. The baseline against the current code, and plans from
 * a git ref, are in plan-cli.test.ts.
 */

const BASELINE = path.join(REPO_ROOT, 'baselines', 'example');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-plan-it-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function synthesize(name: string, document: ConfigDocument): { dir: string; config: SuverenConfig; configFile: string } {
  const dir = path.join(tmp, name);
  const configFile = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(configFile, stringify(document));
  const config = parseDocument(document);
  const app = testApp({ outdir: dir });
  addLandingZone(app, config);
  app.synth();
  return { dir, config, configFile };
}

/**
 * The example acknowledges what introducing IAM Identity Center opens against the baseline;
 * a config change here may close one of those paths, which would make its acknowledgment
 * stale. So these plans run without them: each lists the Identity Center principals'
 * reach-gained refusals beside what its own change refuses.
 */
async function planOf(name: string, document: ConfigDocument): Promise<PlanReport> {
  const { dir, config } = synthesize(name, { ...document, changes: undefined });
  return buildPlan({
    baseline: readPlanAssembly(BASELINE, '--baseline'),
    baselineSource: { kind: 'directory', argument: 'baselines/example', normalized: true },
    assembly: readPlanAssembly(dir, '--assembly'),
    assemblyLabel: name,
    config,
  });
}

/** Each kind of refusal and what it names, once (reach-gained is one refusal per principal). */
const refusalsOf = (report: PlanReport) => [...new Set(report.refusals.map((r) => `${r.kind} ${r.stack}${r.logicalId ? `/${r.logicalId}` : ''}`))].sort();
/** The one refusal of `kind`. */
const refusalOf = (report: PlanReport, kind: string) => report.refusals.find((r) => r.kind === kind)!;

/**
 * The example's first tenant without its replica: the tests below change its tier or region,
 * which a replica would refuse or add to (a tier without replicas, its replica region).
 */
const withoutReplica = () => withoutContinuity(exampleConfigDocument());

describe('suveren plan on config changes of the example (synthesized for real)', () => {
  test('tier raise standard -> hsm: the orphaned key is named and the migration pointed to', async () => {
    let document = withField(withoutReplica(), 'tenants.0.classification', 'confidential');
    document = withField(document, 'tenants.0.hsmCluster', 'nordic');
    const report = await planOf('tier', document);
    expect(refusalsOf(report)).toEqual([
      'orphan Suveren-Tenant-lund-kommun/DataKey2A0DE9E6',
      'reach-gained Suveren-Tenant-lund-kommun',
      // Introducing Identity Center against the baseline: its groups and its administrator (the example acknowledges them).
      'reach-gained Suveren-Tenant-malmo-stad',
      'tenant-tier Suveren-Tenant-lund-kommun',
    ]);
    const [orphan, tier] = ['orphan', 'tenant-tier'].map((kind) => report.refusals.find((r) => r.kind === kind)!);
    const gained = report.refusals.find(
      (r) => r.kind === 'reach-gained' && r.principal === 'arn:aws:iam::444444444444:role/suveren-lund-kommun-hsm-key-provisioner',
    )!;
    // The key moves into the key-custody account: its provisioner may rewrite the key's policy, a path it did not have.
    expect(gained.lost).toMatch(
      /key-custody account: role suveren-lund-kommun-hsm-key-provisioner \(arn:aws:iam::444444444444:role\/suveren-lund-kommun-hsm-key-provisioner\) gains a path to plaintext: rewrites the key policy/,
    );
    expect(orphan.lost).toMatch(/every object stored under this key stays encrypted under it/);
    expect(tier.lost).toMatch(/tier standard -> hsm: every object written before this change stays under DataKey2A0DE9E6 \(AWS::KMS::Key\) until migrated/);
    expect(tier.fix).toMatch(/docs\/plan\.md, raising a tier/);
    const lund = report.tenants.find((t) => t.tenantId === 'lund-kommun')!;
    expect(lund.before).toMatchObject({ tier: 'standard', custody: 'aws-kms' });
    expect(lund.after).toMatchObject({ tier: 'hsm', custody: 'cloudhsm:suveren-nordic' });
    expect(lund.storedData).toMatch(/Objects written before this change stay under DataKey2A0DE9E6/);
    expect(report.summary.exitCode).toBe(2);
  });

  test('tier raise with keepStandardKey and migration: no orphan, the key kept at its logical id, decrypt-only, and suveren migrate pointed to', async () => {
    let document = withField(withoutReplica(), 'tenants.0.classification', 'confidential');
    document = withField(document, 'tenants.0.hsmCluster', 'nordic');
    document = withField(document, 'tenants.0.keepStandardKey', true);
    document = withField(document, 'tenants.0.migration', true);
    const report = await planOf('tier-kept', document);
    expect(refusalsOf(report)).toEqual([
      'reach-gained Suveren-Tenant-lund-kommun',
      'reach-gained Suveren-Tenant-malmo-stad',
      'tenant-tier Suveren-Tenant-lund-kommun',
    ]);
    const tier = report.refusals.find((r) => r.kind === 'tenant-tier')!;
    expect(tier.lost).toMatch(/stays under DataKey2A0DE9E6 \(AWS::KMS::Key\), kept in the stack for reading, until migrated/);
    expect(tier.fix).toMatch(/run `suveren migrate --tenant lund-kommun` as its migration role/);
    const lund = report.tenants.find((t) => t.tenantId === 'lund-kommun')!;
    expect(lund.storedData).toMatch(/The old key stays in the stack, decrypt-only/);
    const lundStack = report.stacks.find((s) => s.id === 'Suveren-Tenant-lund-kommun')!;
    const key = lundStack.resources.find((r) => r.logicalId === 'DataKey2A0DE9E6')!;
    expect(key.impact).toBe('update');
    expect(lundStack.resources.find((r) => r.logicalId === 'DataKeyAliasBD63605D')?.impact).toBe('update');
    // The kept key: nothing encrypts under it any more; the reader still decrypts, the migration role re-keys.
    const keyChanges = report.keyPolicies.filter((c) => c.logicalId === 'DataKey2A0DE9E6');
    expect(keyChanges.find((c) => c.principal.endsWith(':role/suveren-lund-kommun-presign-fn'))?.lost.join(' ')).toMatch(/kms:GenerateDataKey/);
    expect(keyChanges.find((c) => c.principal.endsWith(':role/suveren-lund-kommun-migration'))?.gained.join(' ')).toMatch(/kms:ReEncryptFrom/);
    expect(keyChanges.find((c) => c.principal.endsWith(':role/suveren-lund-kommun-reader'))).toBeUndefined();
  });

  test('tenant rename: the old stack is refused as removed, its bucket and key named, the new one flagged as a possible rename', async () => {
    const report = await planOf('rename', withField(exampleConfigDocument(), 'tenants.0.id', 'lunds-kommun'));
    expect(refusalsOf(report)).toEqual(['reach-gained Suveren-Tenant-malmo-stad', 'stack-removed Suveren-Tenant-lund-kommun']);
    expect(refusalOf(report, 'stack-removed').lost).toMatch(
      /DataBucketE6B0FAA8 \(AWS::S3::Bucket\), DataKey2A0DE9E6 \(AWS::KMS::Key\).* stay behind, unmanaged; Suveren-Tenant-lunds-kommun is new in the same account: if the tenant was renamed, its data is not carried over/,
    );
  });

  test('region move: refused as tenant-region, the old stack and its data named', async () => {
    const report = await planOf('region', withField(withoutReplica(), 'tenants.0.region', 'eu-west-1'));
    expect(refusalsOf(report)).toEqual(['reach-gained Suveren-Tenant-malmo-stad', 'tenant-region Suveren-Tenant-lund-kommun']);
    expect(refusalOf(report, 'tenant-region').lost).toMatch(/^aws:\/\/333333333331\/eu-north-1 -> aws:\/\/333333333331\/eu-west-1: a new stack is deployed/);
    expect(report.stacks.find((s) => s.id === 'Suveren-Tenant-lund-kommun')?.status).toBe('moved');
    // A moved stack is a new one: its key policies are not compared with the old stack's.
    expect(report.keyPolicies.filter((k) => k.stack === 'Suveren-Tenant-lund-kommun')).toEqual([]);
  });

  test("a group given a second role: the uploader group assigned the reader's permission set as well is refused as reach-gained, named by the group", async () => {
    const document = exampleConfigDocument();
    const lund = (document.tenants as { people: { reader: string[]; uploader: string[] } }[])[0];
    const uploaders = lund.people.uploader[0];
    const changed = withField(document, 'tenants.0.people.reader', [...lund.people.reader, uploaders]);
    const report = await planOf('group-reader', changed);
    const gained = report.refusals.filter((r) => r.kind === 'reach-gained' && r.principal === `arn:aws:identitystore:::group/${uploaders}`);
    expect(gained).toHaveLength(1);
    expect(gained[0]).toMatchObject({ stack: 'Suveren-Tenant-lund-kommun' });
    expect(gained[0].lost).toMatch(new RegExp(`group ${uploaders} \\(permission set suveren-reader.*assumes suveren-lund-kommun-reader`));
    // Without the change the uploader group reaches nothing (reach-graph.test.ts, people): the refusal is the change's own.
  });

  test('cluster move: refused as tenant-custody, and the key handler would refuse the update (not acknowledgeable)', async () => {
    const document = exampleConfigDocument() as { keyCustody: { hsmClusters: Record<string, unknown>[] } };
    document.keyCustody.hsmClusters.push({ ...document.keyCustody.hsmClusters[0], id: 'nordic2', account: '444444444445' });
    const report = await planOf('cluster', withField(document, 'tenants.1.hsmCluster', 'nordic2'));
    expect(refusalsOf(report)).toEqual([
      'reach-gained Suveren-Tenant-lund-kommun',
      'reach-gained Suveren-Tenant-malmo-stad',
      'tenant-custody Suveren-Tenant-malmo-stad',
      'update-refused Suveren-Tenant-malmo-stad/DataKey17AFBB84',
    ]);
    // The new cluster's account is another key-custody account, with principals of its own.
    const of = (kind: string) => report.refusals.filter((r) => r.kind === kind);
    expect(of('reach-gained').map((r) => r.lost)).toContainEqual(
      expect.stringMatching(/arn:aws:iam::444444444445:role\/suveren-malmo-stad-hsm-key-provisioner/),
    );
    expect(of('tenant-custody')[0].lost).toMatch(/cloudhsm:suveren-nordic -> cloudhsm:suveren-nordic2/);
    expect(of('update-refused')[0].fix).toMatch(/it cannot be acknowledged$/);
    expect(renderPlanMarkdown(report)).toContain('### Refused: update-refused, Suveren-Tenant-malmo-stad / DataKey17AFBB84');
  });
  test("enabling a replica is an addition: the replica's stack is added, the data bucket updated in place, only its restorer's reach refused (and acknowledged)", async () => {
    // The example's Lund has a replica (docs/continuity.md); the baseline was released before there was one.
    const report = await planOf('replica-enabled', exampleConfigDocument());
    expect(refusalsOf(report)).toEqual(['reach-gained Suveren-Tenant-lund-kommun', 'reach-gained Suveren-Tenant-malmo-stad']);
    // What Identity Center opens, as in every plan here, and the replica's restorer (docs/continuity.md): it reads what the reader reads.
    const gained = report.refusals.filter((r) => r.kind === 'reach-gained');
    expect(gained.every((r) => /identitystore|666666666666|suveren-lund-kommun-restorer/.test(r.principal ?? ''))).toBe(true);
    // The role and the group that assumes it, each refused (the example config acknowledges both; planOf leaves its acknowledgments out).
    expect(gained.filter((r) => /assumes suveren-lund-kommun-restorer|role\/suveren-lund-kommun-restorer/.test(r.lost)).map((r) => r.principal)).toEqual([
      'arn:aws:iam::333333333331:role/suveren-lund-kommun-restorer',
      'arn:aws:identitystore:::group/9067a1b2c3-11111111-1111-4111-8111-111111111106',
    ]);
    expect(report.stacks.find((s) => s.id === 'Suveren-TenantReplica-lund-kommun')?.status).toBe('added');
    const lund = report.stacks.find((s) => s.id === 'Suveren-Tenant-lund-kommun')!;
    expect(lund.resources.find((r) => r.logicalId === 'DataBucketE6B0FAA8')).toMatchObject({ impact: 'update' });
    expect(lund.resources.find((r) => r.logicalId.startsWith('ReplicationRole') && r.type === 'AWS::IAM::Role')).toMatchObject({ impact: 'create' });
  });

  test('a replica region and account change: refused, the old replica stack and its bucket named as left behind', async () => {
    // The refusal is under test, not the reach (which the evaluator would compute for both sides): accessMatrix off.
    const before = synthesizedAssemblyDir(exampleConfig());
    let document = withField(exampleConfigDocument(), 'organization.allowedRegions', ['eu-north-1', 'eu-west-1', 'eu-central-1']);
    document = withField(document, 'tenants.0.continuity.replicaRegion', 'eu-central-1');
    // Into a replica account of the tenant's as well: either move alone is the same new stack elsewhere.
    document = withField(document, 'tenants.0.continuity.replicaAccount', '333333333339');
    const after = synthesize('replica-after', { ...document, changes: undefined });
    const report = await buildPlan({
      baseline: readPlanAssembly(before, '--baseline'),
      baselineSource: { kind: 'directory', argument: 'example', normalized: true },
      assembly: readPlanAssembly(after.dir, '--assembly'),
      assemblyLabel: 'replica-after',
      config: after.config,
      accessMatrix: false,
    });
    const moved = report.refusals.find((r) => r.stack === 'Suveren-TenantReplica-lund-kommun')!;
    expect(moved.kind).toBe('stack-removed');
    expect(moved.lost).toMatch(
      /^it moves to aws:\/\/333333333339\/eu-central-1, which CloudFormation deploys as a new stack; nothing deletes the deployed stack: .*ReplicaBucket[0-9A-F]{8} \(AWS::S3::Bucket\).* stay behind, unmanaged/,
    );
    expect(report.stacks.find((s) => s.id === 'Suveren-TenantReplica-lund-kommun')?.status).toBe('moved');
    expect(report.summary.exitCode).toBe(2);
  });
});
