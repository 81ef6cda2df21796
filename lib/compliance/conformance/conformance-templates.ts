import { CONFORMANCE_RULE_FUNCTION_NAME, CONFIG_RECORDER_ROLE_PREFIX, CONFORMANCE_RULE_ROLE_PREFIX, TENANT_TAGS } from '@suveren/core/contracts/names';
import { CONFORMANCE_RULES, type ConformanceRule, type CustomConformanceRule, type ManagedConformanceRule } from './conformance-rules';
import { conformanceRuleRolePolicy } from './rule-role-policy';

/*
 * The two templates AWS Config's run-time checks are deployed from, built from the one
 * rule list. CDK-free and pure: the constructs hand them to a StackSet and to an
 * organization conformance pack, and the tests lint and read them.
 *
 * - The account baseline, one stack instance per account and allowed region: the
 *   recorder and its delivery channel (unless the organization already has them), and
 *   the custom rules with their function and role. Custom rules live here, not in the
 *   conformance pack: a pack's custom Lambda rule names one function ARN for every member
 *   account (AWS::Config::ConformancePack Source, SourceIdentifier), so it would be one
 *   central function invoked by every account's Config, whose resource policy would need a
 *   grant per account; here each account invokes its own.
 * - The organization conformance pack, one per allowed region: the AWS managed rules,
 *   which member accounts cannot change or delete.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Resource types Config records in a region only outside the EU, so never in an allowed region. */
const NOT_RECORDED_IN_EU = new Set([
  // Config records CloudFront distributions in us-east-1 and accelerators in us-west-2
  // (developer guide, Resource Coverage by Region); SCPs and the synth-time rule cover them.
  'AWS::CloudFront::Distribution',
  'AWS::GlobalAccelerator::Accelerator',
]);

/** Config's own record of each rule's compliance, for "since when" in the evidence (`suveren conformance`). */
export const RESOURCE_COMPLIANCE_TYPE = 'AWS::Config::ResourceCompliance';

/**
 * What every recorder records: the resource types the rules evaluate (periodic custom
 * rules list them through Config, so they must be recorded too), then the config's
 * additions, then Config's own compliance records if asked for. Sorted, without repeats.
 */
export function recordedResourceTypes(additional: readonly string[] = [], recordResourceCompliance = true): string[] {
  const types = new Set<string>(CONFORMANCE_RULES.flatMap((r) => r.resourceTypes).filter((t) => !NOT_RECORDED_IN_EU.has(t)));
  for (const t of additional) types.add(t);
  if (recordResourceCompliance) types.add(RESOURCE_COMPLIANCE_TYPE);
  return [...types].sort();
}

/** Where every account's delivery channel writes: the audit account's Config bucket. */
export interface ConfigDeliveryTarget {
  readonly bucketName: string;
  /** The delivery key's alias ARN (its id is not known at synth). */
  readonly keyAliasArn: string;
  readonly auditAccount: string;
  readonly auditRegion: string;
  /** `kms:ViaService` of S3 in the audit region (its endpoint domain differs by partition). */
  readonly s3ViaService: string;
}

export interface ConformanceBaselineInputs {
  readonly partition: string;
  /** Whether the baseline creates the recorder and delivery channel, or the account has them. */
  readonly recorders: 'create' | 'existing';
  readonly recordingFrequency: 'CONTINUOUS' | 'DAILY';
  readonly resourceTypes: readonly string[];
  readonly delivery: ConfigDeliveryTarget;
  /** The organization's allowed regions, a parameter of every custom rule. */
  readonly allowedRegions: readonly string[];
  /** The custom rules' function, bundled as one CommonJS file (CloudFormation writes it to index.js). */
  readonly functionCode: string;
  /** The Lambda runtime, e.g. nodejs24.x. */
  readonly runtime: string;
}

const sub = (text: string): Json => ({ 'Fn::Sub': text });
const trustedBy = (service: string): Json => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      // Only for this account's own recorder or function (confused deputy).
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    },
  ],
});

const CHANGE_SOURCES: Json = [
  { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
  { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
];

/** A logical id for a rule: its name in PascalCase. */
function ruleLogicalId(rule: ConformanceRule): string {
  return rule.name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function scopeOf(rule: ConformanceRule, recorded: ReadonlySet<string>): JsonObject {
  if (rule.trigger === 'periodic') {
    // Config ignores a scope for periodic evaluations of resource types; a tag narrows
    // the rotation rule to keys AWS holds where Config applies it, and the rule's own
    // page says keys in custom key stores are not evaluated anyway.
    return rule.keyCustody ? { Scope: { TagKey: TENANT_TAGS.keyCustody, TagValue: rule.keyCustody } } : {};
  }
  // A scope holds resource types or one tag, not both (AWS::Config::ConfigRule Scope): the tag narrows to the
  // continuity sources, and the managed rule itself evaluates buckets only.
  if (rule.continuity) return { Scope: { TagKey: TENANT_TAGS.continuity, TagValue: rule.continuity } };
  return { Scope: { ComplianceResourceTypes: rule.resourceTypes.filter((t) => recorded.has(t)) } };
}

function customRuleResource(rule: CustomConformanceRule, inputs: ConformanceBaselineInputs, dependsOn: string[]): JsonObject {
  const recorded = new Set(inputs.resourceTypes);
  return {
    Type: 'AWS::Config::ConfigRule',
    DependsOn: dependsOn,
    Properties: {
      ConfigRuleName: rule.name,
      Description: rule.description.slice(0, 256),
      InputParameters: { rule: rule.name, allowedRegions: inputs.allowedRegions.join(',') },
      Source: {
        Owner: 'CUSTOM_LAMBDA',
        SourceIdentifier: { 'Fn::GetAtt': ['ConformanceRuleFunction', 'Arn'] },
        SourceDetails:
          rule.trigger === 'periodic'
            ? [{ EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: 'TwentyFour_Hours' }]
            : CHANGE_SOURCES,
      },
      ...scopeOf(rule, recorded),
    },
  };
}

/** The account baseline's template (a StackSet's TemplateBody). */
export function conformanceBaselineTemplate(inputs: ConformanceBaselineInputs): JsonObject {
  const { partition, delivery } = inputs;
  const resources: Record<string, JsonObject> = {};
  const ruleDependencies = ['ConformanceRuleInvokePermission'];
  if (inputs.recorders === 'create') {
    resources.ConfigRecorderRole = {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: sub(`${CONFIG_RECORDER_ROLE_PREFIX}\${AWS::Region}`),
        Description: 'suveren: AWS Config records this account and region and delivers to the audit account',
        AssumeRolePolicyDocument: trustedBy('config.amazonaws.com'),
        // AWS's policy for recorder roles (developer guide, Permissions for the IAM Role Assigned to AWS Config).
        ManagedPolicyArns: [`arn:${partition}:iam::aws:policy/service-role/AWS_ConfigRole`],
        Policies: [
          {
            PolicyName: 'deliver-to-audit-account',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Sid: 'CheckBucket', Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: `arn:${partition}:s3:::${delivery.bucketName}` },
                {
                  Sid: 'DeliverOwnPrefix',
                  Effect: 'Allow',
                  Action: 's3:PutObject',
                  Resource: sub(`arn:${partition}:s3:::${delivery.bucketName}/AWSLogs/\${AWS::AccountId}/Config/*`),
                },
                {
                  Sid: 'EncryptUnderDeliveryKey',
                  Effect: 'Allow',
                  Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
                  Resource: `arn:${partition}:kms:${delivery.auditRegion}:${delivery.auditAccount}:key/*`,
                  Condition: {
                    StringEquals: { 'kms:ViaService': delivery.s3ViaService },
                    'ForAnyValue:StringEquals': { 'kms:ResourceAliases': delivery.keyAliasArn.replace(/^.*:(alias\/.+)$/, '$1') },
                  },
                },
              ],
            },
          },
        ],
      },
    };
    resources.ConfigRecorder = {
      Type: 'AWS::Config::ConfigurationRecorder',
      Properties: {
        Name: 'suveren',
        RoleARN: { 'Fn::GetAtt': ['ConfigRecorderRole', 'Arn'] },
        RecordingGroup: {
          AllSupported: false,
          IncludeGlobalResourceTypes: false,
          ResourceTypes: [...inputs.resourceTypes],
          RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
        },
        RecordingMode: { RecordingFrequency: inputs.recordingFrequency },
      },
    };
    resources.ConfigDeliveryChannel = {
      Type: 'AWS::Config::DeliveryChannel',
      DependsOn: ['ConfigRecorder'],
      Properties: {
        Name: 'suveren',
        S3BucketName: delivery.bucketName,
        S3KmsKeyArn: delivery.keyAliasArn,
        ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
      },
    };
    ruleDependencies.push('ConfigDeliveryChannel');
  }
  resources.ConformanceRuleRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: sub(`${CONFORMANCE_RULE_ROLE_PREFIX}\${AWS::Region}`),
      Description: "suveren: AWS Config's custom rules read configuration, key and secret policies, and report",
      AssumeRolePolicyDocument: trustedBy('lambda.amazonaws.com'),
      // No CloudWatch Logs: the function writes none (lambda/conformance-rule/index.ts).
      Policies: [{ PolicyName: 'conformance-rule', PolicyDocument: conformanceRuleRolePolicy(partition) as unknown as Json }],
    },
  };
  resources.ConformanceRuleFunction = {
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: CONFORMANCE_RULE_FUNCTION_NAME,
      Description: "suveren's custom AWS Config rules (lib/compliance/conformance)",
      Runtime: inputs.runtime,
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      // A periodic run lists every recorded key, secret and bucket of the account.
      Timeout: 300,
      Role: { 'Fn::GetAtt': ['ConformanceRuleRole', 'Arn'] },
      Code: { ZipFile: inputs.functionCode },
    },
  };
  resources.ConformanceRuleInvokePermission = {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: { 'Fn::GetAtt': ['ConformanceRuleFunction', 'Arn'] },
      Action: 'lambda:InvokeFunction',
      Principal: 'config.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    },
  };
  for (const rule of CONFORMANCE_RULES) {
    if (rule.kind === 'custom') resources[ruleLogicalId(rule)] = customRuleResource(rule, inputs, ruleDependencies);
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `suveren conformance baseline: ${inputs.recorders === 'create' ? 'AWS Config recorder and delivery channel, ' : ''}custom rules and their function`,
    Resources: resources,
  };
}

/** The organization conformance pack's template: every AWS managed rule of the list. */
export function organizationConformancePackTemplate(): JsonObject {
  const resources: Record<string, JsonObject> = {};
  const recorded = new Set(recordedResourceTypes([], false));
  for (const rule of CONFORMANCE_RULES) {
    if (rule.kind !== 'managed') continue;
    const managed: ManagedConformanceRule = rule;
    resources[ruleLogicalId(managed)] = {
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        ConfigRuleName: managed.name,
        Description: managed.description.slice(0, 256),
        Source: { Owner: 'AWS', SourceIdentifier: managed.identifier },
        ...(managed.trigger === 'periodic' ? { MaximumExecutionFrequency: 'TwentyFour_Hours' } : {}),
        ...scopeOf(managed, recorded),
      },
    };
  }
  return { Resources: resources };
}
