import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildDeployedModel } from '../../lib/authorization/deployed-model';
import { AccessEvaluator, loadEvaluator } from '../../lib/authorization/evaluate';
import { assemblyStacks, readPlanAssembly } from '../../lib/plan/plan-assembly';
import { tenantReach } from '../../lib/reach/reach-graph';
import type { ReachEdge } from '../../lib/reach/reach-model';
import { exampleConfig } from '../helpers';
import { type Template, changedAssembly, currentAssembly, withCurrentGuardrails, withoutStatement } from '../support/plan-assemblies';

/*
 * Each edge class of the reach graph (docs/reach.md), with a case the graph must find and
 * one it must not, on the committed baseline's templates (released before the deploy path
 * was closed) and on the same templates under the guardrails the code synthesizes now.
 * The real IAM evaluator decides every edge; the SCP cases remove or keep one statement.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-reach-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The edge classes, on the baseline's templates, which have no replica: the example without its
// continuity (the replica's search is tested with the evidence, test/integration/evidence-report.test.ts).
const example = exampleConfig();
const config = {
  ...example,
  tenants: example.tenants.map((t) => ({ ...t, continuity: undefined, ...(t.people ? { people: { ...t.people, restorer: [] } } : {}) })),
};
const lund = config.tenants.find((t) => t.id === 'lund-kommun')!;
const malmo = config.tenants.find((t) => t.id === 'malmo-stad')!;
const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const ADMIN = (account: string) => role(account, 'Admin');
const CFN_EXEC = (account: string) => role(account, `cdk-hnb659fds-cfn-exec-role-${account}-eu-north-1`);

let counter = 0;
const assembly = (changes: Record<string, (t: Template) => void> = {}) => changedAssembly(tmp, `a${counter++}`, changes);

const evaluatorOf = (dir: string) => new AccessEvaluator(buildDeployedModel(assemblyStacks(readPlanAssembly(dir, 'a'))), config.organization, loadEvaluator()!);

async function edgesOf(dir: string, tenant: typeof lund, principal: string): Promise<ReachEdge[]> {
  const reach = await tenantReach(evaluatorOf(dir), config, tenant, { edgesOf: [principal] });
  return [...(reach!.edges![principal] ?? [])];
}

async function pathOf(dir: string, tenant: typeof lund, principal: string) {
  return (await tenantReach(evaluatorOf(dir), config, tenant))!.paths.find((p) => p.principal === principal);
}

/** The example as the current code synthesizes it (the pipeline's stack and the deploy-path SCP included), made once. */
let current: string | undefined;
const currentOf = (changes: Record<string, (t: Template) => void> = {}) => {
  current ??= currentAssembly(tmp, 'current', config);
  return Object.keys(changes).length === 0 ? current : changedAssembly(tmp, `c${counter++}`, changes, current);
};
const roleNamed = (t: Template, name: string) => Object.values(t.Resources).find((r) => r.Type === 'AWS::IAM::Role' && r.Properties!.RoleName === name)!;
const policyOfRole = (t: Template, roleName: string) => {
  const logicalId = Object.entries(t.Resources).find(([, r]) => r.Type === 'AWS::IAM::Role' && r.Properties!.RoleName === roleName)![0];
  const policy = Object.values(t.Resources).find((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties!.Roles ?? []).includes(`"${logicalId}"`))!;
  return (policy.Properties!.PolicyDocument as { Statement: object[] }).Statement;
};
const trustOf = (t: Template, roleName: string) =>
  (roleNamed(t, roleName).Properties!.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
const MANAGEMENT_ADMIN = ADMIN(config.organization.managementAccount);
const DEPLOYMENT = config.deployment!.account;
const PIPELINE_DEPLOY = role(DEPLOYMENT, 'suveren-pipeline-deploy');
const STACKSET_EXEC = (account: string) => role(account, 'stacksets-exec-00000000000000000000000000000000');

const policyOf = (t: Template, id: string) => (t.Resources[id].Properties!.PolicyDocument as { Statement: object[] }).Statement;
const uploaderMay = (statement: object) => ({
  'Suveren-Tenant-lund-kommun': (t: Template) => policyOf(t, 'RolesUploaderDefaultPolicyE6ED9721').push(statement),
});
const uploader = role(lund.account, 'suveren-lund-kommun-uploader');

test('assume: the tenant administrator assumes the reader (its trust names the account); an outsider does not', async () => {
  const dir = withCurrentGuardrails(assembly());
  expect(await edgesOf(dir, malmo, ADMIN(malmo.account))).toContainEqual({ to: role(malmo.account, 'suveren-malmo-stad-reader'), edge: 'assume' });
  expect((await edgesOf(dir, malmo, 'arn:aws:iam::999999999999:role/Admin')).filter((e) => e.edge === 'assume')).toEqual([]);
});

test('people: each platform group is a start node of the graph, and the change approver, operator and auditor have no edge to any principal', async () => {
  const dir = currentOf();
  const center = config.identityCenter!;
  const setRole = (account: string, name: string) =>
    role(account, `aws-reserved/sso.amazonaws.com/${center.homeRegion}/AWSReservedSSO_${name}_0123456789abcdef`);
  const platform = [
    setRole(config.deployment!.account, 'suveren-change-approver'),
    setRole(config.deployment!.account, 'suveren-operator'),
    setRole(config.audit.account, 'suveren-auditor'),
  ];
  const reach = await tenantReach(evaluatorOf(dir), config, lund, { edgesOf: platform });
  // Present in the graph (edgesOf answers only for its nodes), and with nowhere to go.
  expect(reach!.edges).toEqual(Object.fromEntries(platform.map((arn) => [arn, []])));
});

test("people: the reader group's permission-set role assumes the reader and reads; the tenant administrator no longer reaches it by trust; Identity Center's administrator assigns itself the set", async () => {
  const dir = currentOf();
  const reach = (await tenantReach(evaluatorOf(dir), config, lund))!;
  const group = (id: string) => `arn:aws:identitystore:::group/${id}`;
  const readers = reach.paths.find((p) => p.principal === group(lund.people!.reader[0]))!;
  expect(readers.steps.map((s) => [s.edge, s.from, s.to])).toEqual([
    [
      'assume',
      role(lund.account, 'aws-reserved/sso.amazonaws.com/eu-north-1/AWSReservedSSO_suveren-reader_0123456789abcdef'),
      role(lund.account, 'suveren-lund-kommun-reader'),
    ],
  ]);
  expect(readers.terminal.kind).toBe('read');
  expect(readers.label).toEqual({
    id: 'principal.identityCenterGroup',
    params: expect.objectContaining({ group: lund.people!.reader[0], permissionSet: 'suveren-reader' }),
  });
  // The key administrators' group reaches it by rewriting the key policy, as the key administrator can.
  expect(reach.paths.find((p) => p.principal === group(lund.people!.keyAdmin[0]))?.terminal.kind).toBe('rewrite-key-policy');
  // The uploader's group reaches no plaintext through its own set: the uploader role writes, and reads nothing.
  expect(reach.paths.find((p) => p.principal === group(lund.people!.uploader[0]))).toBeUndefined();
  const administrator = reach.paths.find((p) => p.principal === role('666666666666', 'Admin'))!;
  expect(administrator.steps[0].edge).toBe('assign');
  expect(administrator.steps.map((s) => s.to)).toContain(role(lund.account, 'suveren-lund-kommun-reader'));
  // The tenant account's administrator: no step assumes a person-facing role any more.
  const tenantAdmin = reach.paths.find((p) => p.principal === ADMIN(lund.account));
  expect(tenantAdmin?.steps.some((s) => s.edge === 'assume' && /suveren-lund-kommun-(reader|uploader|key-admin)$/.test(s.to)) ?? false).toBe(false);
});

test('pass-and-run: the tenant administrator passes the execution role to CloudFormation before the deploy path was closed, and not after', async () => {
  const before = await edgesOf(assembly(), malmo, ADMIN(malmo.account));
  expect(before).toContainEqual({ to: CFN_EXEC(malmo.account), edge: 'pass-and-run', via: 'cloudformation' });
  const after = await edgesOf(withCurrentGuardrails(assembly()), malmo, ADMIN(malmo.account));
  expect(after.filter((e) => e.to === CFN_EXEC(malmo.account))).toEqual([]);
});

test('pass-and-run to Lambda: passing the inspection role to a new function runs as it; ProtectSuverenRoles refuses the PassRole', async () => {
  const inspect = role(lund.account, 'suveren-lund-kommun-inspect-fn');
  const changes = uploaderMay({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction'], Resource: '*' });
  expect(await edgesOf(withCurrentGuardrails(assembly(changes), withoutStatement('ProtectSuverenRoles')), lund, uploader)).toContainEqual({
    to: inspect,
    edge: 'pass-and-run',
    via: 'lambda',
  });
  expect((await edgesOf(withCurrentGuardrails(assembly(changes)), lund, uploader)).filter((e) => e.to === inspect)).toEqual([]);
});

test('run-attached: a role that may only update stacks runs as their execution role; DenyStackChangesOutsidePipeline stops it', async () => {
  const changes = uploaderMay({ Effect: 'Allow', Action: 'cloudformation:UpdateStack', Resource: '*' });
  expect(await edgesOf(assembly(changes), lund, uploader)).toContainEqual({ to: CFN_EXEC(lund.account), edge: 'run-attached', via: 'cloudformation' });
  expect((await edgesOf(withCurrentGuardrails(assembly(changes)), lund, uploader)).filter((e) => e.edge === 'run-attached')).toEqual([]);
});

test("change-code: the guardrails' ProtectSuverenFunctions removes the tenant administrator's path through the inspection function's code", async () => {
  const inspect = role(lund.account, 'suveren-lund-kommun-inspect-fn');
  const guarded = await edgesOf(withCurrentGuardrails(assembly()), lund, ADMIN(lund.account));
  expect(guarded.filter((e) => e.edge === 'change-code')).toEqual([]);
  const unguarded = await edgesOf(withCurrentGuardrails(assembly(), withoutStatement('ProtectSuverenFunctions')), lund, ADMIN(lund.account));
  expect(unguarded).toContainEqual({ to: inspect, edge: 'change-code' });
});

test("rewrite-trust: break-glass may rewrite the inspection role's trust; the tenant administrator may not (ProtectSuverenRoles)", async () => {
  const dir = withCurrentGuardrails(assembly());
  const inspect = role(lund.account, 'suveren-lund-kommun-inspect-fn');
  expect(await edgesOf(dir, lund, role(lund.account, 'suveren-break-glass'))).toContainEqual({ to: inspect, edge: 'rewrite-trust' });
  expect((await edgesOf(dir, lund, ADMIN(lund.account))).filter((e) => e.edge === 'rewrite-trust')).toEqual([]);
});

test('rewrite-own-policy: a role allowed PutRolePolicy on itself is refused it by ProtectSuverenRoles, and gets it without that statement', async () => {
  const changes = uploaderMay({ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: uploader });
  expect((await edgesOf(withCurrentGuardrails(assembly(changes)), lund, uploader)).filter((e) => e.edge === 'rewrite-own-policy')).toEqual([]);
  const unguarded = await edgesOf(withCurrentGuardrails(assembly(changes), withoutStatement('ProtectSuverenRoles')), lund, uploader);
  expect(unguarded).toContainEqual({ to: uploader, edge: 'rewrite-own-policy' });
});

test('assume behind MFA: a trust that asks for it gives the tenant administrator the reader with an MFA gate; the outsider gets nothing', async () => {
  const reader = role(malmo.account, 'suveren-malmo-stad-reader');
  const dir = currentOf({
    'Suveren-Tenant-malmo-stad': (t) => {
      for (const statement of trustOf(t, 'suveren-malmo-stad-reader')) statement.Condition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    },
  });
  expect(await edgesOf(dir, malmo, ADMIN(malmo.account))).toContainEqual({ to: reader, edge: 'assume', gates: [{ kind: 'mfa' }] });
  // In the same account, a role whose own policy allows no AssumeRole gets nothing, MFA or not.
  expect((await edgesOf(dir, malmo, role(malmo.account, 'suveren-malmo-stad-uploader'))).filter((e) => e.to === reader)).toEqual([]);
  expect((await pathOf(dir, malmo, ADMIN(malmo.account)))!.gates).toContainEqual({ kind: 'mfa' });
});

test("pass-and-run through StackSets: the management account's administrator runs as each member account's StackSets role; the pipeline's role may not", async () => {
  const dir = currentOf();
  expect(await edgesOf(dir, lund, MANAGEMENT_ADMIN)).toContainEqual({ to: STACKSET_EXEC(lund.account), edge: 'pass-and-run', via: 'stacksets' });
  expect(await edgesOf(dir, lund, ADMIN(DEPLOYMENT))).toContainEqual({ to: STACKSET_EXEC(lund.account), edge: 'pass-and-run', via: 'stacksets' });
  // The pipeline's role is in the delegated administrator's account but may not create StackSets; a tenant's administrator
  // may, by its policy, but its account administers no service-managed StackSets.
  expect((await edgesOf(dir, lund, PIPELINE_DEPLOY)).filter((e) => e.via === 'stacksets')).toEqual([]);
  expect((await edgesOf(dir, lund, ADMIN(lund.account))).filter((e) => e.via === 'stacksets')).toEqual([]);
  // …and so reaches the tenant's plaintext, past every SCP, as docs/deploying.md says the design trusts it to.
  expect((await pathOf(dir, lund, MANAGEMENT_ADMIN))!.steps[0]).toMatchObject({ edge: 'pass-and-run', via: 'stacksets' });
});

test("run-attached through CodeBuild: the deployment account's administrator starts the deploy project with its own buildspec; the pipeline's role may not", async () => {
  const dir = currentOf();
  const organizationDeploy = role(DEPLOYMENT, 'suveren-pipeline-deploy-organization');
  expect(await edgesOf(dir, lund, ADMIN(DEPLOYMENT))).toContainEqual({ to: PIPELINE_DEPLOY, edge: 'run-attached', via: 'codebuild' });
  expect((await edgesOf(dir, lund, PIPELINE_DEPLOY)).filter((e) => e.to === organizationDeploy)).toEqual([]);
});

test('run-attached through a changed project: UpdateProject alone waits for the next release, and says so', async () => {
  const organizationDeploy = role(DEPLOYMENT, 'suveren-pipeline-deploy-organization');
  const dir = currentOf({
    'Suveren-Pipeline': (t) => policyOfRole(t, 'suveren-pipeline-deploy').push({ Effect: 'Allow', Action: 'codebuild:UpdateProject', Resource: '*' }),
  });
  expect(await edgesOf(dir, lund, PIPELINE_DEPLOY)).toContainEqual({
    to: organizationDeploy,
    edge: 'run-attached',
    via: 'codebuild',
    gates: [{ kind: 'next-release' }],
  });
});

test("run-attached through CodePipeline: a role that may update the pipeline runs the other deploy project once it may pass the pipeline's role; ProtectSuverenRoles refuses that", async () => {
  const organizationDeploy = role(DEPLOYMENT, 'suveren-pipeline-deploy-organization');
  const mayUpdate = (t: Template) =>
    policyOfRole(t, 'suveren-pipeline-deploy').push({ Effect: 'Allow', Action: ['codepipeline:UpdatePipeline', 'iam:PassRole'], Resource: '*' });
  expect(
    await edgesOf(currentOf({ 'Suveren-Pipeline': mayUpdate, 'Suveren-Guardrails': withoutStatement('ProtectSuverenRoles') }), lund, PIPELINE_DEPLOY),
  ).toContainEqual({
    to: organizationDeploy,
    edge: 'run-attached',
    via: 'codepipeline',
  });
  expect((await edgesOf(currentOf({ 'Suveren-Pipeline': mayUpdate }), lund, PIPELINE_DEPLOY)).filter((e) => e.via === 'codepipeline')).toEqual([]);
});

test('run-attached through a change set: CreateChangeSet and ExecuteChangeSet run as the execution role; DenyStackChangesOutsidePipeline stops them', async () => {
  const mayChange = (t: Template) =>
    policyOfRole(t, 'suveren-lund-kommun-uploader').push({
      Effect: 'Allow',
      Action: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
      Resource: '*',
    });
  expect((await edgesOf(currentOf({ 'Suveren-Tenant-lund-kommun': mayChange }), lund, uploader)).filter((e) => e.edge === 'run-attached')).toEqual([]);
  const unguarded = currentOf({ 'Suveren-Tenant-lund-kommun': mayChange, 'Suveren-Guardrails': withoutStatement('DenyStackChangesOutsidePipeline') });
  expect(await edgesOf(unguarded, lund, uploader)).toContainEqual({ to: CFN_EXEC(lund.account), edge: 'run-attached', via: 'change-set' });
});

test("invoke: the custom resource framework's role invokes the HSM key handler; the tenant administrator may not (ProtectSuverenFunctions)", async () => {
  const dir = currentOf();
  const handler = role(malmo.account, 'suveren-malmo-stad-hsm-key-handler');
  const reach = await tenantReach(evaluatorOf(dir), config, malmo);
  const framework = reach!.paths.find((p) => p.steps[0]?.edge === 'invoke');
  expect(framework!.steps[0]).toMatchObject({ edge: 'invoke', to: handler });
  expect((await edgesOf(dir, malmo, ADMIN(malmo.account))).filter((e) => e.edge === 'invoke')).toEqual([]);
});

test("rewrite-policy and remove-boundary: the tenant administrator may change the reader's policies and boundary only without ProtectSuverenRoles", async () => {
  const reader = role(lund.account, 'suveren-lund-kommun-reader');
  const guarded = await edgesOf(currentOf(), lund, ADMIN(lund.account));
  expect(guarded.filter((e) => e.edge === 'rewrite-policy' || e.edge === 'remove-boundary')).toEqual([]);
  const unguarded = await edgesOf(currentOf({ 'Suveren-Guardrails': withoutStatement('ProtectSuverenRoles') }), lund, ADMIN(lund.account));
  expect(unguarded).toContainEqual({ to: reader, edge: 'rewrite-policy' });
  expect(unguarded).toContainEqual({ to: reader, edge: 'remove-boundary' });
  // A customer managed policy the reader carries is a way in the guardrails leave for whoever can become the
  // reader: a new version of it rewrites the reader. The administrator becomes it where the reader trusts the
  // whole account, as it did before Identity Center (a landing zone without identityCenter still does).
  const managed = currentOf({
    'Suveren-Tenant-lund-kommun': (t) => {
      trustOf(t, 'suveren-lund-kommun-reader').splice(0, Infinity, {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${lund.account}:root` },
        Action: 'sts:AssumeRole',
      });
      const readerId = Object.entries(t.Resources).find(([, r]) => r.Properties?.RoleName === 'suveren-lund-kommun-reader')![0];
      t.Resources.ReaderExtraPolicy = {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { ManagedPolicyName: 'lund-reader-extra', Roles: [{ Ref: readerId }], PolicyDocument: { Version: '2012-10-17', Statement: [] } },
      };
    },
  });
  expect(await edgesOf(managed, lund, ADMIN(lund.account))).toContainEqual({ to: reader, edge: 'rewrite-policy' });
});

describe('S3 acting for the caller', () => {
  /** The uploader may configure S3 and pass roles; the reader is a role `service` may assume, allowed `readAction`. */
  const setUp = (actions: string[], service: string, readAction?: string) => ({
    'Suveren-Tenant-lund-kommun': (t: Template) => {
      policyOfRole(t, 'suveren-lund-kommun-uploader').push({ Effect: 'Allow', Action: [...actions, 'iam:PassRole'], Resource: '*' });
      trustOf(t, 'suveren-lund-kommun-reader').push({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
      if (readAction) policyOfRole(t, 'suveren-lund-kommun-reader').push({ Effect: 'Allow', Action: readAction, Resource: '*' });
    },
  });

  const unprotected =
    (...sids: string[]) =>
    (t: Template) =>
      sids.forEach((sid) => withoutStatement(sid)(t));

  test('replicate: replication with a role that reads ends at plaintext; DenyReplicationConfigurationOutsidePlatform stops it', async () => {
    const setUpReplication = setUp(['s3:PutReplicationConfiguration'], 's3.amazonaws.com', 's3:GetObjectVersionForReplication')['Suveren-Tenant-lund-kommun'];
    const changes = {
      'Suveren-Tenant-lund-kommun': (t: Template) => {
        setUpReplication(t);
        // The bucket policy keeps configuration to the platform as well: without it, the SCPs alone decide.
        for (const r of Object.values(t.Resources).filter((r) => r.Type === 'AWS::S3::BucketPolicy')) {
          const document = r.Properties!.PolicyDocument as { Statement: { Sid?: string }[] };
          document.Statement = document.Statement.filter((x) => x.Sid !== 'DenyConfigurationChangesOutsidePlatform');
        }
      },
    };
    // ProtectSuverenRoles would refuse passing the reader at all: without it, the replication SCP alone decides.
    const open = withCurrentGuardrails(assembly(changes), unprotected('ProtectSuverenRoles', 'DenyReplicationConfigurationOutsidePlatform'));
    expect((await pathOf(open, lund, uploader))!.terminal.kind).toBe('replicate');
    expect(await pathOf(withCurrentGuardrails(assembly(changes), unprotected('ProtectSuverenRoles')), lund, uploader)).toBeUndefined();
  });

  test('batch-copy: a Batch Operations job with a role it may assume ends at plaintext; a role it may not assume is no way', async () => {
    const open = (changes: ReturnType<typeof setUp>) => withCurrentGuardrails(assembly(changes), unprotected('ProtectSuverenRoles'));
    expect((await pathOf(open(setUp(['s3:CreateJob'], 'batchoperations.s3.amazonaws.com')), lund, uploader))!.terminal.kind).toBe('batch-copy');
    // A role S3 Batch Operations may not assume cannot be passed to it, and a role the uploader creates is refused by the key.
    expect(await pathOf(open(setUp(['s3:CreateJob', 'iam:CreateRole'], 'lambda.amazonaws.com')), lund, uploader)).toBeUndefined();
  });
});
