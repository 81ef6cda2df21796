import { Template } from 'aws-cdk-lib/assertions';
import type { TenantConfig } from '@suveren/core/config/schema';
import { ASSIGNMENTS_PER_STACK, PEOPLE_STACK_ID, peopleAssignmentsStackId } from '@suveren/core/contracts/people';
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

test('one permission set per role kind, an hour long, whose only permission is to assume that kind of suveren role in its own account', () => {
  const sets = Object.values(people.findResources('AWS::SSO::PermissionSet')).map((r) => r.Properties);
  expect(sets.map((s) => s.Name)).toEqual(['suveren-reader', 'suveren-uploader', 'suveren-key-admin', 'suveren-migration', 'suveren-eraser']);
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
  const assignments = Object.values(people.findResources('AWS::SSO::Assignment')).map((r) => r.Properties);
  const setOf = (ref: { 'Fn::GetAtt': [string, string] }) => people.toJSON().Resources[ref['Fn::GetAtt'][0]].Properties.Name;
  const expected = config.tenants.flatMap((t) =>
    (['reader', 'uploader', 'keyAdmin', 'eraser'] as const)
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

describe('shards at 1,100 tenants', () => {
  // Only what the people stacks read of a tenant: its id, account and groups.
  const tenants = Array.from(
    { length: 1100 },
    (_, i) =>
      ({
        id: `kommun-${i}`,
        account: String(300000000000 + i),
        people: { reader: [groupId(i, 1)], uploader: [groupId(i, 2)], keyAdmin: [groupId(i, 3), groupId(i, 4)], migration: [], eraser: [] },
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
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4400 + 5);
    expect(rest[0].dependencies.map((d) => d.stackName)).toEqual([PEOPLE_STACK_ID]);
  });
});
