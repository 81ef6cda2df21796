import { Match, Template } from 'aws-cdk-lib/assertions';
import { addLandingZone } from '../../lib/landing-zone';
import { ORGANIZATION_TRAIL_NAME } from '../../lib/stacks/audit-stack';
import { GLOBAL_SERVICE_ACTIONS } from '../../lib/guardrails/global-services';
import { exampleConfig, testApp } from '../helpers';

const config = exampleConfig();
const zone = addLandingZone(testApp(), config);
const guardrails = Template.fromStack(zone.guardrails);
const audit = Template.fromStack(zone.audit);

describe('GuardrailsStack', () => {
  test('deploys to the management account in the home region', () => {
    expect([zone.guardrails.account, zone.guardrails.region]).toEqual([config.organization.managementAccount, 'eu-north-1']);
  });

  test('two SCPs and one RCP, each attached to the guardrail targets', () => {
    guardrails.resourceCountIs('AWS::Organizations::Policy', 3);
    for (const [name, type] of [
      ['suveren-region-guard', 'SERVICE_CONTROL_POLICY'],
      ['suveren-guardrail-protection', 'SERVICE_CONTROL_POLICY'],
      ['suveren-data-perimeter', 'RESOURCE_CONTROL_POLICY'],
    ]) {
      guardrails.hasResourceProperties('AWS::Organizations::Policy', { Name: name, Type: type, TargetIds: ['ou-abcd-11111111'] });
    }
  });

  test('the region guard exempts neither KMS nor ACM, and only the break-glass role, partition-aware', () => {
    guardrails.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'suveren-region-guard',
      Content: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyOutsideAllowedRegions',
            NotAction: [...GLOBAL_SERVICE_ACTIONS],
            Condition: {
              StringNotEquals: { 'aws:RequestedRegion': ['eu-north-1', 'eu-west-1'] },
              ArnNotLike: { 'aws:PrincipalARN': ['arn:aws:iam::*:role/suveren-break-glass'] },
            },
          }),
        ]),
      },
    });
    expect(GLOBAL_SERVICE_ACTIONS.filter((a) => /^(kms|acm):/.test(a))).toEqual([]);
  });

  test('every policy fits the size limit with room to spare', () => {
    for (const policy of [zone.guardrails.regionGuard, zone.guardrails.guardrailProtection, zone.guardrails.dataPerimeter]) {
      expect(policy.size).toBeLessThan(5120);
    }
  });
});

describe('AuditStack', () => {
  test('an organization trail over every region, validated and under a CMK, sending to CloudWatch Logs', () => {
    audit.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: ORGANIZATION_TRAIL_NAME,
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KMSKeyId: Match.anyValue(),
      CloudWatchLogsLogGroupArn: Match.anyValue(),
    });
  });

  test('data events for the tenant buckets, management events for everything (KMS use included)', () => {
    const trail = Object.values(audit.findResources('AWS::CloudTrail::Trail'))[0];
    expect(trail.Properties.AdvancedEventSelectors).toEqual([
      { Name: 'All management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      {
        Name: 'Tenant bucket object events',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::suveren-tenant-'] },
        ],
      },
    ]);
  });

  test('the archive is object-locked in compliance mode for audit.retentionDays, versioned and KMS-encrypted', () => {
    audit.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } } },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
    });
  });

  test('the archive policy denies deleting logs to everyone', () => {
    const policies = Object.values(audit.findResources('AWS::S3::BucketPolicy'));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid?: string; Effect: string; Action: string[]; Condition?: unknown }[]);
    const deny = statements.find((s) => s.Sid === 'DenyDeletingLogs');
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' } });
    expect(deny!.Action).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion']));
    expect(deny!.Condition).toBeUndefined();
  });

  test('the outside-region alarm watches every region but the allowed ones and publishes to an encrypted topic', () => {
    const filter = Object.values(audit.findResources('AWS::Logs::MetricFilter'))[0];
    const pattern: string = filter.Properties.FilterPattern;
    expect(pattern).toContain('($.awsRegion != "eu-north-1") && ($.awsRegion != "eu-west-1")');
    expect(pattern).toContain('($.eventSource != "iam.amazonaws.com")');
    expect(pattern.length).toBeLessThanOrEqual(1024);
    audit.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    audit.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [Match.anyValue()] });
  });

  test('the trail log group is encrypted with the trail key and keeps logs for a year', () => {
    audit.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 });
  });
});
