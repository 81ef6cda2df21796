import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  DescribeOrganizationsAccessCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, RegisterOrganizationDelegatedAdminCommand } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { GetPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  type DescribeOrganizationCommandInput,
  type EnableAWSServiceAccessCommandInput,
  type EnablePolicyTypeCommandInput,
  type ListAWSServiceAccessForOrganizationCommandInput,
  type ListRootsCommandInput,
  EnableAllFeaturesCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListRootsCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { stringify } from 'yaml';
import { parseConfig } from '@suveren/core/config/load';
import { type PrepareClients, prepareOrganization } from '../../lib/organization/prepare-organization';
import { run } from '../../lib/cli/main';
import { REPO_ROOT, exampleConfigDocument } from '../helpers';
import { type MotoServer, startMotoServer } from '../support/moto-server';

/*
 * `suveren organization prepare` against moto (Organizations, IAM, S3, CloudFormation,
 * Config, STS) and the pinned CDK CLI's real `cdk bootstrap`. Where moto 5 lacks the call,
 * aws-sdk-client-mock answers instead, named so below:
 * - delegated administrators of cloudtrail.amazonaws.com, config.amazonaws.com and
 *   member.org.stacksets.cloudformation.amazonaws.com, which moto 5.2 rejects as unknown
 *   principals (it knows config-multiaccountsetup): a stub list per principal, which
 *   CloudTrail's RegisterOrganizationDelegatedAdmin (also missing) adds to, as it does on
 *   AWS; every other Organizations call passes through to moto;
 * - CloudFormation's Describe/ActivateOrganizationsAccess: a stub with one state;
 * - EnableAllFeatures and an organization with consolidated billing only.
 * moto creates the recorder stack but models no Config recorder in it, and evaluates no IAM.
 */

const MANAGEMENT = '123456789012';
const STACKSETS = 'member.org.stacksets.cloudformation.amazonaws.com';
/** The delegated-administrator principals moto 5.2 rejects. */
const STUBBED_PRINCIPALS = ['cloudtrail.amazonaws.com', 'config.amazonaws.com', STACKSETS];
let moto: MotoServer;
let dir: string;
let motoOrganizations: OrganizationsClient;
let configText: string;
const saved = { ...process.env };
const region = 'eu-north-1';

beforeAll(async () => {
  moto = await startMotoServer();
  Object.assign(process.env, { AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: region });
  motoOrganizations = new OrganizationsClient({ region });
  const organizationId = (await motoOrganizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
  const root = (await motoOrganizations.send(new ListRootsCommand({}))).Roots![0].Id!;
  const unit = (await motoOrganizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'suveren' }))).OrganizationalUnit!.Id!;
  const account = async (name: string) =>
    (await motoOrganizations.send(new CreateAccountCommand({ Email: `${name}@example.se`, AccountName: name }))).CreateAccountStatus!.AccountId!;
  const audit = await account('audit');
  const deployment = await account('deployment');
  const document = exampleConfigDocument() as Record<string, Record<string, unknown>>;
  Object.assign(document.organization, { organizationId, managementAccount: MANAGEMENT, guardrailTargets: [unit] });
  document.audit.account = audit;
  document.deployment.account = deployment;
  (document.deployment.source as { s3: { releasePrincipals: string[] } }).s3.releasePrincipals = [`arn:aws:iam::${deployment}:role/suveren-release-publisher`];
  configText = stringify(document);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-prepare-'));
  // A stand-in assembly (test data): the baseline stack's StackSet naming its template asset, as the synth writes them.
  const hash = 'a'.repeat(64);
  fs.writeFileSync(
    path.join(dir, 'Suveren-ConformanceBaseline.template.json'),
    JSON.stringify({
      Resources: {
        Baseline: {
          Type: 'AWS::CloudFormation::StackSet',
          Properties: {
            StackSetName: 'suveren-conformance-baseline',
            TemplateURL: { 'Fn::Sub': `https://s3.eu-north-1.\${AWS::URLSuffix}/cdk-hnb659fds-assets-555555555555-eu-north-1/${hash}.json` },
          },
        },
      },
    }),
  );
  fs.writeFileSync(path.join(dir, `asset.${hash}.json`), JSON.stringify({ Resources: { Marker: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } }));
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await moto?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Clients against moto, with the calls moto lacks answered by aws-sdk-client-mock (see the header). */
function clientsWithStubs() {
  const organizations = new OrganizationsClient({ region });
  const organizationsStub = mockClient(organizations);
  const administrators = new Map<string, string[]>(STUBBED_PRINCIPALS.map((p) => [p, []]));
  // Passed through to moto, call by call.
  organizationsStub
    .on(DescribeOrganizationCommand)
    .callsFake((i: DescribeOrganizationCommandInput) => motoOrganizations.send(new DescribeOrganizationCommand(i)));
  organizationsStub.on(ListRootsCommand).callsFake((i: ListRootsCommandInput) => motoOrganizations.send(new ListRootsCommand(i)));
  organizationsStub.on(EnablePolicyTypeCommand).callsFake((i: EnablePolicyTypeCommandInput) => motoOrganizations.send(new EnablePolicyTypeCommand(i)));
  organizationsStub
    .on(ListAWSServiceAccessForOrganizationCommand)
    .callsFake((i: ListAWSServiceAccessForOrganizationCommandInput) => motoOrganizations.send(new ListAWSServiceAccessForOrganizationCommand(i)));
  organizationsStub
    .on(EnableAWSServiceAccessCommand)
    .callsFake((i: EnableAWSServiceAccessCommandInput) => motoOrganizations.send(new EnableAWSServiceAccessCommand(i)));
  organizationsStub
    .on(ListDelegatedAdministratorsCommand)
    .callsFake((input: { ServicePrincipal: string }) =>
      administrators.has(input.ServicePrincipal)
        ? { DelegatedAdministrators: administrators.get(input.ServicePrincipal)!.map((Id) => ({ Id })) }
        : motoOrganizations.send(new ListDelegatedAdministratorsCommand(input)),
    );
  organizationsStub.on(RegisterDelegatedAdministratorCommand).callsFake((input: { ServicePrincipal: string; AccountId: string }) => {
    if (!administrators.has(input.ServicePrincipal)) return motoOrganizations.send(new RegisterDelegatedAdministratorCommand(input));
    administrators.get(input.ServicePrincipal)!.push(input.AccountId);
    return {};
  });
  const cloudtrail = new CloudTrailClient({ region });
  mockClient(cloudtrail)
    .on(RegisterOrganizationDelegatedAdminCommand)
    .callsFake((input: { MemberAccountId: string }) => {
      administrators.get('cloudtrail.amazonaws.com')!.push(input.MemberAccountId);
      return {};
    });
  const stackSets = new CloudFormationClient({ region });
  let access = 'DISABLED';
  const stackSetsStub = mockClient(stackSets);
  stackSetsStub.on(DescribeOrganizationsAccessCommand).callsFake(() => ({ Status: access }));
  stackSetsStub.on(ActivateOrganizationsAccessCommand).callsFake(() => {
    access = 'ENABLED';
    return {};
  });
  const bootstraps: string[][] = [];
  const clients: PrepareClients = {
    organizations,
    cloudtrail,
    stackSets,
    iam: new IAMClient({ region }),
    s3: new S3Client({ region }),
    cloudformation: (r) => new CloudFormationClient({ region: r }),
    config: (r) => new ConfigServiceClient({ region: r }),
    cdkBootstrap: (args) =>
      new Promise((resolve) => {
        bootstraps.push([...args]);
        // The pinned CDK CLI, for real, against moto.
        const child = spawn(process.execPath, [require.resolve('aws-cdk/bin/cdk'), ...args, '--app', ''], {
          cwd: REPO_ROOT,
          stdio: 'ignore',
          env: process.env,
        });
        child.on('exit', (code) => resolve(code ?? 1));
      }),
  };
  return { clients, organizationsStub, bootstraps, administrators };
}

test('dry run, a real run, then a second run that changes nothing', async () => {
  const config = parseConfig(configText, 'pilot.yaml');
  const { clients, bootstraps, administrators } = clientsWithStubs();
  const dryLines: string[] = [];
  const dry = await prepareOrganization({ config, clients, assemblyDir: dir, dryRun: true, log: (l) => dryLines.push(l) });
  expect(bootstraps).toEqual([]);
  expect(dryLines.filter((l) => l.startsWith('would call')).map((l) => l.replace(/ {2}\(.*\)$/, ''))).toEqual([
    expect.stringMatching(/^would call organizations EnablePolicyType SERVICE_CONTROL_POLICY on r-/),
    expect.stringMatching(/^would call organizations EnablePolicyType RESOURCE_CONTROL_POLICY on r-/),
    'would call organizations EnableAWSServiceAccess cloudtrail.amazonaws.com',
    'would call organizations EnableAWSServiceAccess config.amazonaws.com',
    'would call organizations EnableAWSServiceAccess config-multiaccountsetup.amazonaws.com',
    `would call cloudtrail RegisterOrganizationDelegatedAdmin ${config.audit.account}`,
    `would call organizations RegisterDelegatedAdministrator config.amazonaws.com ${config.audit.account}`,
    `would call organizations RegisterDelegatedAdministrator config-multiaccountsetup.amazonaws.com ${config.audit.account}`,
    'would call cloudformation ActivateOrganizationsAccess',
    `would call organizations RegisterDelegatedAdministrator ${STACKSETS} ${config.deployment!.account}`,
    'would call iam CreatePolicy suveren-management-execution',
    `would call npx cdk bootstrap aws://${MANAGEMENT}/eu-north-1 --trust arn:aws:iam::${config.deployment!.account}:role/suveren-pipeline-deploy-organization --cloudformation-execution-policies arn:aws:iam::${MANAGEMENT}:policy/suveren-management-execution --qualifier hnb659fds`,
    `would call s3 PutObject s3://cdk-hnb659fds-assets-${MANAGEMENT}-eu-north-1/suveren/conformance-baseline/${'a'.repeat(64)}.json`,
    'would call cloudformation CreateStack suveren-conformance-baseline in eu-north-1',
    'would call cloudformation CreateStack suveren-conformance-baseline in eu-west-1',
  ]);
  expect(dry.called).toBe(15);

  const lines: string[] = [];
  const first = await prepareOrganization({ config, clients, assemblyDir: dir, log: (l) => lines.push(l) });
  expect(first.called).toBe(15);
  expect(lines.filter((l) => l.startsWith('called')).map((l) => l.replace(/^called {3}/, 'would call '))).toEqual(
    dryLines.filter((l) => l.startsWith('would call')),
  );
  // What the calls did, read back from moto.
  const delegated = async (principal: string) =>
    (await motoOrganizations.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: principal }))).DelegatedAdministrators!.map((a) => a.Id);
  expect(await delegated('config-multiaccountsetup.amazonaws.com')).toEqual([config.audit.account]);
  expect(Object.fromEntries(administrators)).toEqual({
    'cloudtrail.amazonaws.com': [config.audit.account],
    'config.amazonaws.com': [config.audit.account],
    [STACKSETS]: [config.deployment!.account],
  });
  const policy = (await new IAMClient({ region }).send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${MANAGEMENT}:policy/suveren-management-execution` })))
    .Policy!;
  expect(policy.Tags).toEqual([{ Key: 'suveren:managed-by', Value: 'suveren' }]);
  const toolkit = (await new CloudFormationClient({ region }).send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }))).Stacks![0];
  // moto renders a CommaDelimitedList parameter as Python's list repr.
  expect(toolkit.Parameters).toContainEqual({
    ParameterKey: 'TrustedAccounts',
    ParameterValue: `['arn:aws:iam::${config.deployment!.account}:role/suveren-pipeline-deploy-organization']`,
  });
  for (const r of ['eu-north-1', 'eu-west-1']) {
    const stack = (await new CloudFormationClient({ region: r }).send(new DescribeStacksCommand({ StackName: 'suveren-conformance-baseline' }))).Stacks![0];
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  }

  const again: string[] = [];
  const second = await prepareOrganization({ config, clients, assemblyDir: dir, log: (l) => again.push(l) });
  // 1 feature set + 2 policy types + 3 trusted access + 3 delegations + 2 StackSets + policy + bootstrap + 2 regions' recorders.
  expect(second).toEqual({ called: 0, skipped: 15 });
  expect(again).toContainEqual(expect.stringMatching(/^skipped {2}organizations EnablePolicyType SERVICE_CONTROL_POLICY: enabled on r-/));
  expect(again.every((l) => l.startsWith('skipped'))).toBe(true);
  expect(bootstraps).toHaveLength(1);
}, 180_000);

test('an organization with consolidated billing only: refused with the flag that starts the handshake, which is then explained', async () => {
  const config = parseConfig(configText, 'pilot.yaml');
  const { clients, organizationsStub } = clientsWithStubs();
  organizationsStub.on(DescribeOrganizationCommand).resolves({ Organization: { Id: config.organization.organizationId, FeatureSet: 'CONSOLIDATED_BILLING' } });
  organizationsStub.on(EnableAllFeaturesCommand).resolves({ Handshake: { Id: 'h-1' } });
  await expect(prepareOrganization({ config, clients, assemblyDir: dir, log: () => undefined })).rejects.toThrow(
    /has only consolidated billing \(FeatureSet CONSOLIDATED_BILLING\).*Run again with --enable-all-features/,
  );
  expect(organizationsStub.commandCalls(EnableAllFeaturesCommand)).toHaveLength(0);
  await expect(prepareOrganization({ config, clients, assemblyDir: dir, enableAllFeatures: true, log: () => undefined })).rejects.toThrow(
    /the all-features handshake has started: every invited member account must accept it/,
  );
  expect(organizationsStub.commandCalls(EnableAllFeaturesCommand)).toHaveLength(1);
});

test('the command refuses other credentials, another organization and a region outside the allow-list before any call', async () => {
  const file = path.join(dir, 'pilot.yaml');
  const cli = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, false);
    return { code, out, err };
  };
  fs.writeFileSync(file, configText.replace(`managementAccount: "${MANAGEMENT}"`, 'managementAccount: "111111111111"'));
  const notManagement = await cli(['organization', 'prepare', '--config', file, '--assembly', dir]);
  expect(notManagement.code).toBe(1);
  expect(notManagement.err).toMatch(/these credentials are account 123456789012 .*not the management account 111111111111/);
  fs.writeFileSync(file, configText.replace(/organizationId: o-[a-z0-9]+/, 'organizationId: o-zzzzzzzzzz'));
  const otherOrganization = await cli(['organization', 'prepare', '--config', file, '--assembly', dir]);
  expect(otherOrganization.err).toMatch(/these credentials are in organization o-[a-z0-9]+, but the config names o-zzzzzzzzzz/);
  fs.writeFileSync(file, configText);
  const outside = await cli(['organization', 'prepare', '--config', file, '--region', 'us-east-1']);
  expect(outside).toMatchObject({ code: 1, out: '' });
  expect(outside.err).toContain('region us-east-1 is not in organization.allowedRegions (eu-north-1, eu-west-1)');
  expect((await cli(['organization', 'prepare'])).code).toBe(2);
});
