import { type Simulation, runSimulation } from '@cloud-copilot/iam-simulate';
import { GuardrailsStack } from '../../lib/stacks/guardrails-stack';
import { readCloudAssembly } from '../../lib/assembly/cloud-assembly';
import { synthesizedAssemblyDir } from '../support/authorized-moto';
import type { SuverenConfig } from '@suveren/core/config/schema';
import * as path from 'node:path';
import { loadConfig } from '@suveren/core/config/load';
import { REPO_ROOT, exampleConfig, exampleConfigDocument, parseDocument, testApp, withField, withoutContinuity } from '../helpers';
import { GUARDRAILS_STACK_ID } from '@suveren/core/contracts/names';

/*
 * The organization policies, read back from the synthesized Suveren-Guardrails
 * template, evaluated by a real IAM policy engine (@cloud-copilot/iam-simulate). Every
 * request is made by a principal whose identity policy allows everything, so any deny
 * comes from the guardrails.
 */

type PolicyJson = { Version: string; Statement: unknown[] };
interface OrganizationPolicies {
  /** SCPs attached to the OU (`guardrailTargets`). */
  scps: { name: string; policy: PolicyJson }[];
  rcps: { name: string; policy: PolicyJson }[];
  /** SCPs attached to single accounts (the external key stores' key-origin SCP), by account. */
  accountScps: Map<string, { name: string; policy: PolicyJson }[]>;
}

function synthesizedPolicies(config: SuverenConfig): OrganizationPolicies {
  // The config's assembly as the run's other files read it: synthesized once per run.
  const template = {
    Resources: readCloudAssembly(synthesizedAssemblyDir(config)).stacks.find((s) => s.id === GUARDRAILS_STACK_ID)!.resources as unknown as Record<
      string,
      { Type: string; Properties: { Name: string; Type: string; Content: PolicyJson; TargetIds: string[] } }
    >,
  };
  const policies = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Organizations::Policy');
  const named = (p: (typeof policies)[number]) => ({ name: p.Properties.Name, policy: p.Properties.Content });
  const onAccount = (p: (typeof policies)[number]) => p.Properties.TargetIds.every((id) => /^\d{12}$/.test(id));
  const ofType = (type: string) => policies.filter((p) => p.Properties.Type === type && !onAccount(p)).map(named);
  const accountScps = new Map<string, { name: string; policy: PolicyJson }[]>();
  for (const p of policies.filter((p) => p.Properties.Type === 'SERVICE_CONTROL_POLICY' && onAccount(p))) {
    for (const account of p.Properties.TargetIds) accountScps.set(account, [...(accountScps.get(account) ?? []), named(p)]);
  }
  return { scps: ofType('SERVICE_CONTROL_POLICY'), rcps: ofType('RESOURCE_CONTROL_POLICY'), accountScps };
}

const ORG = 'o-a1b2c3d4e5';
const TENANT_ACCOUNT = '333333333331';
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const role = (name: string, account = TENANT_ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const TENANT_ROLE = role('suveren-lund-kommun-uploader');
const BREAK_GLASS = role('suveren-break-glass');
const DEPLOY_ROLE = role(`cdk-hnb659fds-cfn-exec-role-${TENANT_ACCOUNT}-eu-north-1`);
const BUCKET_OBJECT = 'arn:aws:s3:::suveren-tenant-lund-kommun-databucket/objects/report.pdf';

interface Request {
  /** Context keys to leave out (e.g. aws:PrincipalOrgID, which federated and service callers lack). */
  without?: string[];
  action: string;
  resource: string;
  region: string;
  principal?: string;
  context?: Record<string, string | string[]>;
  /** A resource policy that allows the request, for cross-account cases. */
  resourcePolicy?: unknown;
  resourceAccount?: string;
}

/** KMS needs a key policy; this one delegates to the account's IAM, like KMS's default. */
function keyPolicyTrustingAccount(account: string) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }] };
}

function omit(keys: string[], context: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(context).filter(([key]) => !keys.includes(key)));
}

type Outcome = 'Allowed' | 'DeniedBySCP' | 'DeniedByRCP' | 'Denied';

async function evaluate(policies: OrganizationPolicies, request: Request): Promise<Outcome> {
  const principal = request.principal ?? TENANT_ROLE;
  const principalAccount = principal.split(':')[4] || (request.resourceAccount ?? TENANT_ACCOUNT);
  const simulation: Simulation = {
    identityPolicies: [{ name: 'admin', policy: ALLOW_ALL }],
    serviceControlPolicies: [
      { orgIdentifier: 'r-root', policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }] },
      { orgIdentifier: 'ou-abcd-11111111', policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }, ...policies.scps] },
      { orgIdentifier: principalAccount, policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }, ...(policies.accountScps.get(principalAccount) ?? [])] },
    ],
    resourceControlPolicies: [{ orgIdentifier: 'ou-abcd-11111111', policies: policies.rcps }],
    resourcePolicy: (request.resourcePolicy ??
      (request.action.startsWith('kms:') && request.resource !== '*' ? keyPolicyTrustingAccount(principalAccount) : undefined)) as Simulation['resourcePolicy'],
    request: {
      action: request.action,
      principal,
      resource: { accountId: request.resourceAccount ?? principalAccount, resource: request.resource },
      contextVariables: omit(request.without ?? [], {
        'aws:RequestedRegion': request.region,
        'aws:PrincipalOrgID': ORG,
        'aws:SecureTransport': 'true',
        'aws:PrincipalIsAWSService': 'false',
        'aws:PrincipalArn': principal,
        'aws:PrincipalAccount': principalAccount,
        ...request.context,
      }),
    },
  } as Simulation;
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') throw new Error(`simulation error: ${JSON.stringify(response.errors)}`);
  if (response.resultType !== 'single') throw new Error(`unexpected wildcard result for ${request.action}`);
  if (response.overallResult === 'Allowed') return 'Allowed';
  const analysis = response.result.analysis;
  if (analysis?.scpAnalysis?.result === 'ExplicitlyDenied') return 'DeniedBySCP';
  if (analysis?.rcpAnalysis?.result === 'ExplicitlyDenied') return 'DeniedByRCP';
  return 'Denied';
}

const policies = synthesizedPolicies(exampleConfig());

const REGIONAL_ACTIONS: [string, string][] = [
  ['s3:PutObject', BUCKET_OBJECT],
  ['ec2:StopInstances', `arn:aws:ec2:REGION:${TENANT_ACCOUNT}:instance/i-0123456789abcdef0`],
  ['lambda:InvokeFunction', `arn:aws:lambda:REGION:${TENANT_ACCOUNT}:function:presign`],
  ['kms:Decrypt', `arn:aws:kms:REGION:${TENANT_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  ['dynamodb:GetItem', `arn:aws:dynamodb:REGION:${TENANT_ACCOUNT}:table/registry`],
];

/** A request from account 999999999999 (in organization `orgId`) that the resource's own policy allows. */
function crossAccount(name: string, orgId: string, action: string, resource: string, expected: Outcome): Request & { name: string; expected: Outcome } {
  return {
    name,
    principal: role('partner', '999999999999'),
    action,
    resource,
    resourceAccount: TENANT_ACCOUNT,
    region: 'eu-north-1',
    context: { 'aws:PrincipalOrgID': orgId },
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: action, Resource: action.startsWith('s3:') ? resource : '*' },
      ],
    },
    expected,
  };
}

const cases: (Request & { name: string; expected: Outcome })[] = [
  // Regional actions: allowed in each allowed region, denied elsewhere (London included).
  ...REGIONAL_ACTIONS.flatMap(([action, resource]) =>
    ['eu-north-1', 'eu-west-1'].map((region) => ({
      name: `${action} in ${region}`,
      action,
      resource: resource.replace('REGION', region),
      region,
      expected: 'Allowed' as Outcome,
    })),
  ),
  ...REGIONAL_ACTIONS.flatMap(([action, resource]) =>
    ['us-east-1', 'ap-southeast-1', 'eu-west-2'].map((region) => ({
      name: `${action} in ${region}`,
      action,
      resource: resource.replace('REGION', region),
      region,
      expected: 'DeniedBySCP' as Outcome,
    })),
  ),
  // Global services, whose requests arrive in us-east-1.
  { name: 'iam:CreateRole from us-east-1', action: 'iam:CreateRole', resource: role('app'), region: 'us-east-1', expected: 'Allowed' },
  { name: 'sts:GetCallerIdentity from us-east-1', action: 'sts:GetCallerIdentity', resource: '*', region: 'us-east-1', expected: 'Allowed' },
  {
    name: 'organizations:DescribeOrganization from us-east-1',
    action: 'organizations:DescribeOrganization',
    resource: '*',
    region: 'us-east-1',
    expected: 'Allowed',
  },
  {
    name: 'route53:ChangeResourceRecordSets from us-east-1',
    action: 'route53:ChangeResourceRecordSets',
    resource: 'arn:aws:route53:::hostedzone/Z0123456789',
    region: 'us-east-1',
    expected: 'Allowed',
  },
  { name: 'support:CreateCase from us-east-1', action: 'support:CreateCase', resource: '*', region: 'us-east-1', expected: 'Allowed' },
  // The break-glass role, and nobody else, is exempt from the region guard.
  {
    name: 'break-glass s3:GetObject in us-east-1',
    principal: BREAK_GLASS,
    action: 's3:GetObject',
    resource: BUCKET_OBJECT,
    region: 'us-east-1',
    expected: 'Allowed',
  },
  {
    name: 'break-glass ec2:StopInstances in ap-southeast-1',
    principal: BREAK_GLASS,
    action: 'ec2:StopInstances',
    resource: `arn:aws:ec2:ap-southeast-1:${TENANT_ACCOUNT}:instance/i-0123456789abcdef0`,
    region: 'ap-southeast-1',
    expected: 'Allowed',
  },
  ...[role('suveren-break-glass-2'), role('admin'), DEPLOY_ROLE, 'arn:aws:iam::333333333331:user/suveren-break-glass'].map((principal) => ({
    name: `no accidental exemption: ${principal.split(':').pop()} ec2:StopInstances in us-east-1`,
    principal,
    action: 'ec2:StopInstances',
    resource: `arn:aws:ec2:us-east-1:${TENANT_ACCOUNT}:instance/i-0123456789abcdef0`,
    region: 'us-east-1',
    expected: 'DeniedBySCP' as Outcome,
  })),
  // Keys: no KMS or ACM exemption in us-east-1, no multi-Region keys anywhere.
  { name: 'kms:CreateKey in us-east-1', action: 'kms:CreateKey', resource: '*', region: 'us-east-1', expected: 'DeniedBySCP' },
  { name: 'acm:RequestCertificate in us-east-1', action: 'acm:RequestCertificate', resource: '*', region: 'us-east-1', expected: 'DeniedBySCP' },
  {
    name: 'kms:CreateKey single-Region in eu-north-1',
    action: 'kms:CreateKey',
    resource: '*',
    region: 'eu-north-1',
    context: { 'kms:MultiRegion': 'false' },
    expected: 'Allowed',
  },
  {
    name: 'kms:CreateKey multi-Region in eu-north-1',
    action: 'kms:CreateKey',
    resource: '*',
    region: 'eu-north-1',
    context: { 'kms:MultiRegion': 'true' },
    expected: 'DeniedBySCP',
  },
  {
    name: 'kms:ReplicateKey to another EU region',
    action: 'kms:ReplicateKey',
    resource: `arn:aws:kms:eu-north-1:${TENANT_ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`,
    region: 'eu-north-1',
    expected: 'DeniedBySCP',
  },
  // Replication and region opt-in.
  {
    name: 's3:PutReplicationConfiguration by a tenant role',
    action: 's3:PutReplicationConfiguration',
    resource: 'arn:aws:s3:::suveren-tenant-lund-kommun-databucket',
    region: 'eu-north-1',
    expected: 'DeniedBySCP',
  },
  {
    name: 's3:PutReplicationConfiguration by the deployment role',
    principal: DEPLOY_ROLE,
    action: 's3:PutReplicationConfiguration',
    resource: 'arn:aws:s3:::suveren-tenant-lund-kommun-databucket',
    region: 'eu-north-1',
    expected: 'Allowed',
  },
  {
    name: 'account:EnableRegion for ap-east-1',
    action: 'account:EnableRegion',
    resource: `arn:aws:account::${TENANT_ACCOUNT}:account`,
    region: 'us-east-1',
    context: { 'account:TargetRegion': 'ap-east-1' },
    expected: 'DeniedBySCP',
  },
  {
    name: 'account:EnableRegion for eu-west-1',
    action: 'account:EnableRegion',
    resource: `arn:aws:account::${TENANT_ACCOUNT}:account`,
    region: 'us-east-1',
    context: { 'account:TargetRegion': 'eu-west-1' },
    expected: 'Allowed',
  },
  // Guardrail protection.
  {
    name: 'cloudtrail:StopLogging',
    action: 'cloudtrail:StopLogging',
    resource: `arn:aws:cloudtrail:eu-north-1:111111111111:trail/suveren-organization-trail`,
    region: 'eu-north-1',
    expected: 'DeniedBySCP',
  },
  {
    name: 'cloudtrail:StopLogging by break-glass',
    principal: BREAK_GLASS,
    action: 'cloudtrail:StopLogging',
    resource: `arn:aws:cloudtrail:eu-north-1:111111111111:trail/suveren-organization-trail`,
    region: 'eu-north-1',
    expected: 'Allowed',
  },
  {
    name: 'cloudtrail:UpdateTrail by a tenant role',
    action: 'cloudtrail:UpdateTrail',
    resource: `arn:aws:cloudtrail:eu-north-1:111111111111:trail/suveren-organization-trail`,
    region: 'eu-north-1',
    expected: 'DeniedBySCP',
  },
  {
    name: 'cloudtrail:UpdateTrail by the deployment role (audit stack updates)',
    principal: DEPLOY_ROLE,
    action: 'cloudtrail:UpdateTrail',
    resource: `arn:aws:cloudtrail:eu-north-1:111111111111:trail/suveren-organization-trail`,
    region: 'eu-north-1',
    expected: 'Allowed',
  },
  {
    name: 'config:PutConfigurationRecorder by a tenant role',
    action: 'config:PutConfigurationRecorder',
    resource: `arn:aws:config:eu-north-1:${TENANT_ACCOUNT}:configuration-recorder/default/abcdef`,
    region: 'eu-north-1',
    expected: 'DeniedBySCP',
  },
  {
    name: 'config:StopConfigurationRecorder',
    action: 'config:StopConfigurationRecorder',
    resource: `arn:aws:config:eu-north-1:${TENANT_ACCOUNT}:configuration-recorder/default/abcdef`,
    region: 'eu-north-1',
    expected: 'DeniedBySCP',
  },
  { name: 'organizations:LeaveOrganization', action: 'organizations:LeaveOrganization', resource: '*', region: 'us-east-1', expected: 'DeniedBySCP' },
  {
    name: 'organizations:LeaveOrganization even by break-glass',
    principal: BREAK_GLASS,
    action: 'organizations:LeaveOrganization',
    resource: '*',
    region: 'us-east-1',
    expected: 'DeniedBySCP',
  },
  {
    name: 'iam:UpdateAssumeRolePolicy on the break-glass role',
    action: 'iam:UpdateAssumeRolePolicy',
    resource: BREAK_GLASS,
    region: 'us-east-1',
    expected: 'DeniedBySCP',
  },
  { name: 'iam:AttachRolePolicy on a cdk bootstrap role', action: 'iam:AttachRolePolicy', resource: DEPLOY_ROLE, region: 'us-east-1', expected: 'DeniedBySCP' },
  { name: 'iam:AttachRolePolicy on an application role', action: 'iam:AttachRolePolicy', resource: role('app'), region: 'us-east-1', expected: 'Allowed' },
  { name: 's3:PutAccountPublicAccessBlock', action: 's3:PutAccountPublicAccessBlock', resource: '*', region: 'us-east-1', expected: 'DeniedBySCP' },
  // Data perimeter (RCP).
  crossAccount(
    'RCP: a principal of another organization, even with a bucket policy that allows it',
    'o-0therorg000',
    's3:GetObject',
    BUCKET_OBJECT,
    'DeniedByRCP',
  ),
  crossAccount('RCP: the same request from an account of this organization', ORG, 's3:GetObject', BUCKET_OBJECT, 'Allowed'),
  {
    name: 'RCP: plaintext HTTP by a tenant role',
    action: 's3:GetObject',
    resource: BUCKET_OBJECT,
    region: 'eu-north-1',
    context: { 'aws:SecureTransport': 'false' },
    expected: 'DeniedByRCP',
  },
  ...['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'].map((action) => ({
    name: `RCP: federated sign-in (${action}, no aws:PrincipalOrgID) is not blocked`,
    principal: `arn:aws:iam::${TENANT_ACCOUNT}:saml-provider/entra-id`,
    action,
    resource: BREAK_GLASS,
    region: 'eu-north-1',
    without: ['aws:PrincipalOrgID', 'aws:PrincipalArn', 'aws:PrincipalAccount'],
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${TENANT_ACCOUNT}:saml-provider/entra-id` }, Action: action, Resource: BREAK_GLASS },
      ],
    },
    expected: 'Allowed' as Outcome,
  })),
  {
    name: 'RCP: CloudTrail (an AWS service) delivering logs is not blocked',
    principal: 'cloudtrail.amazonaws.com',
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::suveren-audit-archive/AWSLogs/o-a1b2c3d4e5/333333333331/log.json.gz',
    resourceAccount: '222222222222',
    region: 'eu-north-1',
    without: ['aws:PrincipalOrgID', 'aws:PrincipalArn', 'aws:PrincipalAccount'],
    context: { 'aws:PrincipalIsAWSService': 'true' },
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::suveren-audit-archive/*' },
      ],
    },
    expected: 'Allowed',
  },
  { name: "RCP: the tenant's own role over TLS", action: 's3:GetObject', resource: BUCKET_OBJECT, region: 'eu-north-1', expected: 'Allowed' },
  crossAccount(
    'RCP: a KMS call from another organization',
    'o-0therorg000',
    'kms:Decrypt',
    `arn:aws:kms:eu-north-1:${TENANT_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    'DeniedByRCP',
  ),
];

describe('organization guardrails, evaluated by a real IAM policy engine on the synthesized policies', () => {
  test('there are at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  test.each(cases)('$name: $expected', async (request) => {
    await expect(evaluate(policies, request)).resolves.toBe(request.expected);
  });
});

describe('the key-origin SCP of external key stores (CT.KMS.PV.6), evaluated by a real IAM policy engine on the synthesized policies', () => {
  const withStore = synthesizedPolicies(loadConfig(path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml')));
  const STORE_ACCOUNT = '555555555555';
  const createKey = (principal: string, origin: string) => ({
    principal,
    action: 'kms:CreateKey',
    resource: '*',
    region: 'eu-north-1',
    context: { 'kms:KeyOrigin': origin, 'kms:MultiRegion': 'false' },
  });
  const inStore = (name: string) => role(name, STORE_ACCOUNT);

  test('it is attached to the store account only, and the example without a store has none', () => {
    // Both stores' accounts: the replica's store (docs/continuity.md) has a key-custody account of its own.
    expect([...withStore.accountScps.keys()]).toEqual([STORE_ACCOUNT, '555555555556']);
    for (const account of [STORE_ACCOUNT, '555555555556'])
      expect(withStore.accountScps.get(account)!.map((p) => p.name)).toEqual(['suveren-external-key-origin']);
    expect(policies.accountScps.size).toBe(0);
  });

  test.each([
    [
      "the tenant's provisioner role creates its key in the external key store",
      inStore('suveren-riksarkivet-external-key-provisioner'),
      'EXTERNAL_KEY_STORE',
      'Allowed',
    ],
    ['the provisioner role cannot create a key AWS holds', inStore('suveren-riksarkivet-external-key-provisioner'), 'AWS_KMS', 'DeniedBySCP'],
    ['nor one in a CloudHSM key store', inStore('suveren-riksarkivet-external-key-provisioner'), 'AWS_CLOUDHSM', 'DeniedBySCP'],
    ['nor one with imported material', inStore('suveren-riksarkivet-external-key-provisioner'), 'EXTERNAL', 'DeniedBySCP'],
    ["the store account's administrator cannot create a key AWS holds", inStore('Admin'), 'AWS_KMS', 'DeniedBySCP'],
    ["the store account's handler role cannot either", inStore('suveren-key-custody-riksarkivet-xks-handler'), 'AWS_KMS', 'DeniedBySCP'],
    [
      "the platform's deployment role still creates the account's operations key",
      inStore(`cdk-hnb659fds-cfn-exec-role-${STORE_ACCOUNT}-eu-north-1`),
      'AWS_KMS',
      'Allowed',
    ],
    ['the break-glass role is exempt', inStore('suveren-break-glass'), 'AWS_KMS', 'Allowed'],
    [
      "a tenant account's deployment role still creates a tenant's standard key",
      role(`cdk-hnb659fds-cfn-exec-role-${TENANT_ACCOUNT}-eu-north-1`),
      'AWS_KMS',
      'Allowed',
    ],
    ["a tenant account's own role is not under the key-origin SCP", TENANT_ROLE, 'AWS_KMS', 'Allowed'],
  ])('%s (%s, origin %s): %s', async (_name, principal, origin, expected) => {
    await expect(evaluate(withStore, createKey(principal, origin))).resolves.toBe(expected);
  });

  test('the SCP stops kms:CreateKey only: the provisioner still aliases and updates its key', async () => {
    const provisioner = inStore('suveren-riksarkivet-external-key-provisioner');
    const key = `arn:aws:kms:eu-north-1:${STORE_ACCOUNT}:key/0f0e0d0c-1111-2222-3333-444455556666`;
    for (const action of ['kms:PutKeyPolicy', 'kms:TagResource', 'kms:UpdateKeyDescription'])
      await expect(evaluate(withStore, { principal: provisioner, action, resource: key, region: 'eu-north-1' })).resolves.toBe('Allowed');
  });
});

describe('the policies follow the config', () => {
  test('shrinking the allow-list to one region changes the SCP with it', async () => {
    const single = synthesizedPolicies(
      parseDocument(
        // One region leaves no other for a replica: the tenant without its continuity.
        withField(withField(withoutContinuity(exampleConfigDocument()), 'organization.allowedRegions', ['eu-north-1']), 'tenants', [
          (withoutContinuity(exampleConfigDocument()).tenants as Record<string, unknown>[])[0],
        ]),
      ),
    );
    const regionGuard = single.scps.find((p) => p.name === 'suveren-region-guard')!;
    expect(JSON.stringify(regionGuard.policy)).toContain('"aws:RequestedRegion":["eu-north-1"]');
    const request = { action: 's3:PutObject', resource: BUCKET_OBJECT, region: 'eu-west-1' };
    await expect(evaluate(policies, request)).resolves.toBe('Allowed');
    await expect(evaluate(single, request)).resolves.toBe('DeniedBySCP');
  });

  test('a policy over the Organizations size limit fails synth with its name and size', () => {
    // No valid config can get there today (seven EU regions), so feed the stack an
    // organization with hundreds of invented regions, as a future, larger list might.
    const config = exampleConfig();
    const huge = { ...config, organization: { ...config.organization, allowedRegions: Array.from({ length: 400 }, (_, i) => `eu-test-${i}`) } };
    const app = testApp();
    new GuardrailsStack(app, GUARDRAILS_STACK_ID, {
      env: { account: config.organization.managementAccount, region: config.organization.homeRegion },
      organization: huge.organization as unknown as SuverenConfig['organization'],
    });
    expect(() => app.synth()).toThrow(/SCP "suveren-region-guard" is \d{4,} characters without whitespace; AWS Organizations accepts at most 5120/);
  });
});
