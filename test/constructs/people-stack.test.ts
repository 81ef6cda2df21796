import { Template } from 'aws-cdk-lib/assertions';
import type { TenantConfig } from '@suveren/core/config/schema';
import { ASSIGNMENTS_PER_STACK, PEOPLE_STACK_ID, PLATFORM_ROLES, PLATFORM_ROLE_KINDS, peopleAssignmentsStackId } from '@suveren/core/contracts/people';
import { addLandingZone } from '../../lib/landing-zone';
import { PeopleStack } from '../../lib/stacks/people-stack';
import { PeopleAssignmentsStack } from '../../lib/stacks/people-assignments-stack';
import { assignmentShards } from '../../lib/stacks/people-groups';
import { groupId } from '../support/generated-tenants';
import { exampleConfig, testApp } from '../helpers';

/*
 * IAM Identity Center as code: one permission set per person-facing role kind, whose only
 * permission is to assume that kind's suveren role in the account it is assigned to, and
 * the group assignments, sharded under CloudFormation's 500 resources.
 */

const config = exampleConfig();
const zone = addLandingZone(testApp(), config);
const people = Template.fromStack(zone.people!);

test('Suveren-People deploys in the delegated administrator account and the Identity Center home region', () => {
  expect([zone.people!.stackName, zone.people!.account, zone.people!.region]).toEqual([PEOPLE_STACK_ID, '666666666666', 'eu-north-1']);
});

const isPlatformSet = (name: string) => PLATFORM_ROLE_KINDS.some((kind) => PLATFORM_ROLES[kind].permissionSetName === name);

test('one permission set per role kind, an hour long, whose only permission is to assume that kind of suveren role in its own account', () => {
  const sets = Object.values(people.findResources('AWS::SSO::PermissionSet'))
    .map((r) => r.Properties)
    .filter((set) => !isPlatformSet(set.Name));
  expect(sets.map((s) => s.Name)).toEqual([
    'suveren-reader',
    'suveren-uploader',
    'suveren-key-admin',
    'suveren-migration',
    'suveren-eraser',
    'suveren-restorer',
  ]);
  for (const set of sets) {
    expect(set.SessionDuration).toBe('PT1H');
    expect(set.ManagedPolicies).toBeUndefined();
    expect(set.InlinePolicy.Statement).toEqual([
      {
        Sid: 'AssumeTheSuverenRoleOfThisKindInThisAccount',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::*:role/suveren-*-${set.Name.replace('suveren-', '')}`]] },
        Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
      },
    ]);
  }
});

test("each configured group is assigned its kind's permission set in its tenant's account, and nothing else", () => {
  const setOf = (ref: { 'Fn::GetAtt': [string, string] }) => people.toJSON().Resources[ref['Fn::GetAtt'][0]].Properties.Name;
  const assignments = Object.values(people.findResources('AWS::SSO::Assignment'))
    .map((r) => r.Properties)
    .filter((a) => !isPlatformSet(setOf(a.PermissionSetArn)));
  const expected = config.tenants.flatMap((t) =>
    (['reader', 'uploader', 'keyAdmin', 'eraser', 'restorer'] as const)
      .filter((kind) => t.people![kind].length > 0)
      .map((kind) => [t.account, t.people![kind][0], `suveren-${kind === 'keyAdmin' ? 'key-admin' : kind}`]),
  );
  expect(assignments.map((a) => [a.TargetId, a.PrincipalId, setOf(a.PermissionSetArn)])).toEqual(expected);
  expect(assignments.every((a) => a.PrincipalType === 'GROUP' && a.TargetType === 'AWS_ACCOUNT' && a.InstanceArn === config.identityCenter!.instanceArn)).toBe(
    true,
  );
});

test("each person-facing role trusts only its kind's permission-set roles in its own account", () => {
  const tenant = Template.fromStack(zone.tenantStacks[0]);
  for (const [name, set] of [
    ['suveren-lund-kommun-reader', 'suveren-reader'],
    ['suveren-lund-kommun-uploader', 'suveren-uploader'],
    ['suveren-lund-kommun-key-admin', 'suveren-key-admin'],
  ]) {
    tenant.hasResourceProperties('AWS::IAM::Role', {
      RoleName: name,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: 'arn:aws:iam::333333333331:root' },
            Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::333333333331:role/aws-reserved/sso.amazonaws.com/eu-north-1/AWSReservedSSO_${set}_*` } },
          },
        ],
      },
    });
  }
});

describe("the platform's people: operators, approvers and auditors", () => {
  const template = people.toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  const platformSets = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::SSO::PermissionSet' && isPlatformSet(r.Properties.Name as string));

  test("each platform group gets its kind's set in Suveren-Pipeline's account or the audit account", () => {
    const nameOf = (ref: { 'Fn::GetAtt': [string, string] }) => template.Resources[ref['Fn::GetAtt'][0]].Properties.Name as string;
    const assignments = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::SSO::Assignment' && isPlatformSet(nameOf(r.Properties.PermissionSetArn as { 'Fn::GetAtt': [string, string] })))
      .map((r) => [nameOf(r.Properties.PermissionSetArn as { 'Fn::GetAtt': [string, string] }), r.Properties.PrincipalId, r.Properties.TargetId]);
    const groups = config.identityCenter!.platformGroups!;
    expect(assignments).toEqual([
      ['suveren-operator', groups.operator[0], config.deployment!.account],
      ['suveren-change-approver', groups.changeApprover[0], config.deployment!.account],
      ['suveren-organization-approver', groups.organizationApprover[0], config.deployment!.account],
      ['suveren-auditor', groups.auditor[0], config.audit.account],
    ]);
  });

  test('no platform set grants a role to assume, a bucket, a key or a change to the pipeline; an approver approves only its own approval', () => {
    expect(platformSets.map(([, r]) => r.Properties.Name)).toEqual(PLATFORM_ROLE_KINDS.map((kind) => PLATFORM_ROLES[kind].permissionSetName));
    for (const [, set] of platformSets) {
      expect(set.Properties.SessionDuration).toBe('PT1H');
      const actions = (set.Properties.InlinePolicy as { Statement: { Action: string[] }[] }).Statement.flatMap((st) => st.Action);
      expect([set.Properties.Name, actions.filter((a) => /^(sts|s3|kms|iam):|UpdatePipeline|StartBuild|\*/.test(a))]).toEqual([set.Properties.Name, []]);
    }
    const approvals = (name: string) =>
      JSON.stringify(
        (
          platformSets.find(([, r]) => r.Properties.Name === name)![1].Properties.InlinePolicy as { Statement: { Action: string[]; Resource: unknown }[] }
        ).Statement.filter((st) => st.Action.includes('codepipeline:PutApprovalResult')),
      );
    expect(approvals('suveren-change-approver')).toMatch(/suveren\/\*\/ApproveChanges/);
    expect(approvals('suveren-change-approver')).not.toMatch(/ApproveOrganization/);
    expect(approvals('suveren-organization-approver')).toMatch(/suveren\/\*\/ApproveOrganization/);
    expect(approvals('suveren-organization-approver')).not.toMatch(/ApproveChanges/);
    expect(approvals('suveren-operator')).toBe('[]');
    expect(approvals('suveren-auditor')).toBe('[]');
  });
});

describe('shards at 1,100 tenants', () => {
  // Only what the people stacks read of a tenant: its id, account and groups.
  const tenants = Array.from(
    { length: 1100 },
    (_, i) =>
      ({
        id: `kommun-${i}`,
        account: String(300000000000 + i),
        people: { reader: [groupId(i, 1)], uploader: [groupId(i, 2)], keyAdmin: [groupId(i, 3), groupId(i, 4)], migration: [], eraser: [], restorer: [] },
      }) as unknown as TenantConfig,
  );
  const shards = assignmentShards(tenants);

  test('4,400 assignments in shards of at most 400, a tenant never split, every tenant once, in config order', () => {
    expect(shards.length).toBe(11);
    expect(shards.every((s) => s.length * 4 <= ASSIGNMENTS_PER_STACK)).toBe(true);
    expect(shards.flat().map((t) => t.id)).toEqual(tenants.map((t) => t.id));
  });

  test('every shard stays under 500 resources and takes the permission sets from Suveren-People', () => {
    const app = testApp();
    const env = { account: '666666666666', region: 'eu-north-1' };
    const instanceArn = config.identityCenter!.instanceArn;
    const first = new PeopleStack(app, PEOPLE_STACK_ID, { env, instanceArn, tenants: shards[0] });
    const rest = shards
      .slice(1)
      .map(
        (s, i) =>
          new PeopleAssignmentsStack(app, peopleAssignmentsStackId(i + 1), { env, instanceArn, permissionSetArns: first.permissionSetArns, tenants: s }),
      );
    const counts = [first, ...rest].map((s) => Object.keys(Template.fromStack(s).toJSON().Resources).length);
    expect(Math.max(...counts)).toBeLessThan(500);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4400 + 6);
    expect(rest[0].dependencies.map((d) => d.stackName)).toEqual([PEOPLE_STACK_ID]);
  });
});
