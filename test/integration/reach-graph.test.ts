import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildDeployedModel } from '../../lib/authorization/deployed-model';
import { AccessEvaluator, loadEvaluator } from '../../lib/authorization/evaluate';
import { assemblyStacks, readPlanAssembly } from '../../lib/plan/plan-assembly';
import { tenantReach } from '../../lib/reach/reach-graph';
import type { EdgeClass } from '../../lib/reach/reach-model';
import { exampleConfig } from '../helpers';
import { type Template, changedAssembly, withCurrentGuardrails, withoutStatement } from '../support/plan-assemblies';

/*
 * Each edge class of the reach graph (docs/reach.md), with a case the graph must find and
 * one it must not, on the committed baseline's templates (released before the deploy path
 * was closed) and on the same templates under the guardrails the code synthesizes now.
 * The real IAM evaluator decides every edge; the SCP cases remove or keep one statement.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-reach-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const config = exampleConfig();
const lund = config.tenants.find((t) => t.id === 'lund-kommun')!;
const malmo = config.tenants.find((t) => t.id === 'malmo-stad')!;
const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const ADMIN = (account: string) => role(account, 'Admin');
const CFN_EXEC = (account: string) => role(account, `cdk-hnb659fds-cfn-exec-role-${account}-eu-north-1`);

let counter = 0;
const assembly = (changes: Record<string, (t: Template) => void> = {}) => changedAssembly(tmp, `a${counter++}`, changes);

async function edgesOf(dir: string, tenant: typeof lund, principal: string): Promise<{ to: string; edge: EdgeClass }[]> {
  const evaluator = new AccessEvaluator(buildDeployedModel(assemblyStacks(readPlanAssembly(dir, 'a'))), config.organization, loadEvaluator()!);
  const reach = await tenantReach(evaluator, config, tenant, { edgesOf: [principal] });
  return [...(reach!.edges![principal] ?? [])];
}

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

test('pass-and-run: the tenant administrator passes the execution role to CloudFormation before the deploy path was closed, and not after', async () => {
  const before = await edgesOf(assembly(), malmo, ADMIN(malmo.account));
  expect(before).toContainEqual({ to: CFN_EXEC(malmo.account), edge: 'pass-and-run' });
  const after = await edgesOf(withCurrentGuardrails(assembly()), malmo, ADMIN(malmo.account));
  expect(after.filter((e) => e.to === CFN_EXEC(malmo.account))).toEqual([]);
});

test('pass-and-run to Lambda: passing the inspection role to a new function runs as it; ProtectSuverenRoles refuses the PassRole', async () => {
  const inspect = role(lund.account, 'suveren-lund-kommun-inspect-fn');
  const changes = uploaderMay({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction'], Resource: '*' });
  expect(await edgesOf(withCurrentGuardrails(assembly(changes), withoutStatement('ProtectSuverenRoles')), lund, uploader)).toContainEqual({
    to: inspect,
    edge: 'pass-and-run',
  });
  expect((await edgesOf(withCurrentGuardrails(assembly(changes)), lund, uploader)).filter((e) => e.to === inspect)).toEqual([]);
});

test('run-attached: a role that may only update stacks runs as their execution role; DenyStackChangesOutsidePipeline stops it', async () => {
  const changes = uploaderMay({ Effect: 'Allow', Action: 'cloudformation:UpdateStack', Resource: '*' });
  expect(await edgesOf(assembly(changes), lund, uploader)).toContainEqual({ to: CFN_EXEC(lund.account), edge: 'run-attached' });
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
