import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { CONFORMANCE_RULES } from '../../lib/compliance/conformance/conformance-rules';
import {
  RESOURCE_COMPLIANCE_TYPE,
  conformanceBaselineTemplate,
  organizationConformancePackTemplate,
  recordedResourceTypes,
} from '../../lib/compliance/conformance/conformance-templates';
import { conformanceRuleRolePolicy } from '../../lib/compliance/conformance/rule-role-policy';
import { SOVEREIGNTY_RULES } from '../../lib/compliance/rules';
import { Compliance } from '../../lib/compliance/rule-verdict-values';
import type { TemplateResource } from '../../lib/compliance/synthesized-templates';
import { guardrailProtectionScp, organizationPolicySize, ORGANIZATION_POLICY_MAX_CHARS } from '../../lib/guardrails/policy-documents';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfig, exampleConfigDocument, parseDocument, testApp, withField } from '../helpers';

/*
 * The conformance baseline (a StackSet's template) and the organization conformance pack,
 * as pure templates and as the example synthesizes them.
 */

type Resources = Record<string, { Type: string; DependsOn?: string[]; Properties: Record<string, unknown> }>;

const delivery = {
  bucketName: 'suveren-config-222222222222-eu-north-1',
  keyAliasArn: 'arn:aws:kms:eu-north-1:222222222222:alias/suveren-config-delivery',
  auditAccount: '222222222222',
  auditRegion: 'eu-north-1',
  s3ViaService: 's3.eu-north-1.amazonaws.com',
};
const baseline = (recorders: 'create' | 'existing') =>
  conformanceBaselineTemplate({
    partition: 'aws',
    recorders,
    recordingFrequency: 'CONTINUOUS',
    resourceTypes: recordedResourceTypes(),
    delivery,
    allowedRegions: ['eu-north-1', 'eu-west-1'],
    functionCode: 'exports.handler = async () => ({});',
    runtime: 'nodejs24.x',
  }).Resources as unknown as Resources;
const ofType = (resources: Resources, type: string) => Object.values(resources).filter((r) => r.Type === type);

describe('the conformance baseline template', () => {
  test('records every resource type a rule evaluates (periodic rules list them through Config) and Config compliance, nothing Config records only outside the EU', () => {
    const types = recordedResourceTypes(['AWS::DynamoDB::Table']);
    for (const rule of CONFORMANCE_RULES)
      for (const t of rule.resourceTypes.filter((x) => !['AWS::CloudFront::Distribution', 'AWS::GlobalAccelerator::Accelerator'].includes(x)))
        expect(types).toContain(t);
    expect(types).toEqual(expect.arrayContaining(['AWS::DynamoDB::Table', RESOURCE_COMPLIANCE_TYPE, 'AWS::SecretsManager::Secret']));
    expect(types).not.toContain('AWS::CloudFront::Distribution');
    expect(recordedResourceTypes([], false)).not.toContain(RESOURCE_COMPLIANCE_TYPE);
  });

  test('creates the recorder, its role and the delivery channel to the audit bucket under the alias, only when the config says so', () => {
    const created = baseline('create');
    const [recorder] = ofType(created, 'AWS::Config::ConfigurationRecorder');
    expect(recorder.Properties.RecordingGroup).toMatchObject({
      AllSupported: false,
      IncludeGlobalResourceTypes: false,
      ResourceTypes: recordedResourceTypes(),
    });
    const [channel] = ofType(created, 'AWS::Config::DeliveryChannel');
    expect(channel.Properties).toMatchObject({ S3BucketName: delivery.bucketName, S3KmsKeyArn: delivery.keyAliasArn });
    expect(channel.DependsOn).toEqual(['ConfigRecorder']);
    const role = created.ConfigRecorderRole.Properties;
    expect(role.RoleName).toEqual({ 'Fn::Sub': 'suveren-config-recorder-${AWS::Region}' });
    const statements = (role.Policies as { PolicyDocument: { Statement: { Sid: string; Resource: unknown; Condition?: unknown }[] } }[])[0].PolicyDocument
      .Statement;
    expect(statements.find((s) => s.Sid === 'DeliverOwnPrefix')?.Resource).toEqual({
      'Fn::Sub': 'arn:aws:s3:::suveren-config-222222222222-eu-north-1/AWSLogs/${AWS::AccountId}/Config/*',
    });
    expect(statements.find((s) => s.Sid === 'EncryptUnderDeliveryKey')?.Condition).toEqual({
      StringEquals: { 'kms:ViaService': 's3.eu-north-1.amazonaws.com' },
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/suveren-config-delivery' },
    });

    const existing = baseline('existing');
    expect(ofType(existing, 'AWS::Config::ConfigurationRecorder')).toEqual([]);
    expect(ofType(existing, 'AWS::Config::DeliveryChannel')).toEqual([]);
    expect(ofType(existing, 'AWS::IAM::Role').map((r) => r.Properties.RoleName)).toEqual([{ 'Fn::Sub': 'suveren-conformance-rule-${AWS::Region}' }]);
  });

  test("every custom rule, on the account's own function, with its parameters and trigger; never a managed rule", () => {
    const resources = baseline('create');
    const rules = ofType(resources, 'AWS::Config::ConfigRule');
    const custom = CONFORMANCE_RULES.filter((r) => r.kind === 'custom');
    expect(rules.map((r) => r.Properties.ConfigRuleName).sort()).toEqual(custom.map((r) => r.name).sort());
    for (const rule of custom) {
      const resource = rules.find((r) => r.Properties.ConfigRuleName === rule.name)!;
      expect(resource.Properties.Source).toMatchObject({ Owner: 'CUSTOM_LAMBDA', SourceIdentifier: { 'Fn::GetAtt': ['ConformanceRuleFunction', 'Arn'] } });
      expect(resource.Properties.InputParameters).toEqual({ rule: rule.name, allowedRegions: 'eu-north-1,eu-west-1' });
      const messages = (resource.Properties.Source as { SourceDetails: { MessageType: string }[] }).SourceDetails.map((d) => d.MessageType);
      expect(messages).toEqual(
        rule.trigger === 'periodic' ? ['ScheduledNotification'] : ['ConfigurationItemChangeNotification', 'OversizedConfigurationItemChangeNotification'],
      );
      // A rule must not be created before Config may invoke its function and a recorder delivers.
      expect(resource.DependsOn).toEqual(['ConformanceRuleInvokePermission', 'ConfigDeliveryChannel']);
    }
    expect(ofType(resources, 'AWS::Lambda::Permission')[0].Properties).toEqual({
      FunctionName: { 'Fn::GetAtt': ['ConformanceRuleFunction', 'Arn'] },
      Action: 'lambda:InvokeFunction',
      Principal: 'config.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    // The rule role: its policy and no CloudWatch Logs.
    const ruleRole = resources.ConformanceRuleRole.Properties;
    expect(ruleRole.Policies).toEqual([{ PolicyName: 'conformance-rule', PolicyDocument: conformanceRuleRolePolicy('aws') }]);
    expect(JSON.stringify(ruleRole)).not.toContain('logs:');
  });
});

describe('the organization conformance pack template', () => {
  test('every AWS managed rule of the list, and nothing else', () => {
    const resources = organizationConformancePackTemplate().Resources as unknown as Resources;
    const managed = CONFORMANCE_RULES.filter((r) => r.kind === 'managed');
    expect(Object.values(resources).map((r) => [r.Properties.ConfigRuleName, (r.Properties.Source as { SourceIdentifier: string }).SourceIdentifier])).toEqual(
      managed.map((r) => [r.name, r.identifier]),
    );
    const rotation = Object.values(resources).find((r) => r.Properties.ConfigRuleName === 'suveren-kms-rotation-enabled')!;
    expect(rotation.Properties.Scope).toEqual({ TagKey: 'suveren:key-custody', TagValue: 'aws-kms' });
  });
});

describe('the example synthesizes the baseline StackSet and a pack per allowed region', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-conformance-templates-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const config = exampleConfig();
  const app = testApp({ outdir });
  const zone = addLandingZone(app, config);
  app.synth();

  test('the StackSet, in the deployment account as delegated administrator, over the OUs and allowed regions, its template by URL (over 51,200 bytes)', () => {
    const template = Template.fromStack(zone.conformanceBaseline!);
    template.hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: 'suveren-conformance-baseline',
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'DELEGATED_ADMIN',
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-abcd-11111111'] }, Regions: config.organization.allowedRegions }],
    });
    const stackSet = Object.values(template.findResources('AWS::CloudFormation::StackSet'))[0];
    expect(stackSet.Properties.TemplateBody).toBeUndefined();
    const hash = /([0-9a-f]{64})\.json/.exec(JSON.stringify(stackSet.Properties.TemplateURL))![1];
    const body = JSON.parse(fs.readFileSync(path.join(outdir, `asset.${hash}.json`), 'utf8')) as { Resources: Resources };
    // The function is the real bundle, without the SDK (the runtime's).
    const code = (body.Resources.ConformanceRuleFunction.Properties.Code as { ZipFile: string }).ZipFile;
    expect(code).toContain('suveren-custody-secret-protected');
    expect(code).not.toMatch(/@smithy\/|signature-v4/);
    expect(zone.conformanceBaseline!.dependencies.map((d) => d.stackName).sort()).toEqual(['Suveren-Audit', 'Suveren-Guardrails']);
  });

  test("the StackSet's own template passes every synth-time Sovereignty rule (cdk-nag's packs never see inside a StackSet)", () => {
    const stackSet = Object.values(Template.fromStack(zone.conformanceBaseline!).findResources('AWS::CloudFormation::StackSet'))[0];
    const hash = /([0-9a-f]{64})\.json/.exec(JSON.stringify(stackSet.Properties.TemplateURL))![1];
    const resources = (JSON.parse(fs.readFileSync(path.join(outdir, `asset.${hash}.json`), 'utf8')) as { Resources: Record<string, TemplateResource> })
      .Resources;
    const template = { stackConstructPath: 'suveren-conformance-baseline', templatePath: hash, region: 'eu-north-1', partition: 'aws', resources };
    const findings = Object.entries(resources).flatMap(([logicalId, resource]) =>
      SOVEREIGNTY_RULES.map((rule) => [rule.id, logicalId, rule.check(resource, { logicalId, template })] as const).filter(
        ([, , verdict]) => verdict !== Compliance.COMPLIANT && verdict !== Compliance.NOT_APPLICABLE,
      ),
    );
    expect(findings).toEqual([]);
  });

  test('one conformance pack per allowed region, in the audit account, after the baseline', () => {
    expect(zone.conformancePacks.map((s) => [s.account, s.region])).toEqual(config.organization.allowedRegions.map((r) => [config.audit.account, r]));
    for (const stack of zone.conformancePacks) {
      Template.fromStack(stack).hasResourceProperties('AWS::Config::OrganizationConformancePack', { OrganizationConformancePackName: 'suveren' });
      expect(stack.dependencies.map((d) => d.stackName)).toEqual(['Suveren-ConformanceBaseline']);
    }
  });

  test('without a deployment section, the management account holds the StackSet (CallAs SELF)', () => {
    const app2 = testApp({ outdir: path.join(outdir, 'manual') });
    const manual = parseDocument(withField(withField(exampleConfigDocument(), 'deployment', undefined), 'identityCenter.platformGroups', undefined));
    const z = addLandingZone(app2, manual);
    expect([z.conformanceBaseline!.account, z.conformanceBaseline!.region]).toEqual([manual.organization.managementAccount, manual.organization.homeRegion]);
    Template.fromStack(z.conformanceBaseline!).hasResourceProperties('AWS::CloudFormation::StackSet', { CallAs: 'SELF' });
  });
});

describe('config: who owns the recorders', () => {
  const doc = exampleConfigDocument();
  test('existing recorders need the role that manages them; suveren-created ones take none', () => {
    expect(() => parseDocument(withField(doc, 'conformance', { recorders: 'existing' }))).toThrow(
      /conformance\.recorderManagerRoleNames.*name the role that manages the existing recorders, e\.g\. \[AWSControlTowerExecution\]/s,
    );
    expect(() => parseDocument(withField(doc, 'conformance', { recorders: 'create', recorderManagerRoleNames: ['AWSControlTowerExecution'] }))).toThrow(
      /conformance\.recorderManagerRoleNames.*only for recorders: existing/s,
    );
    expect(() => parseDocument(withField(doc, 'conformance', { recorders: 'sometimes' }))).toThrow(/conformance\.recorders.*"create".*"existing"/s);
    expect(
      parseDocument(withField(doc, 'conformance', { recorders: 'existing', recorderManagerRoleNames: ['AWSControlTowerExecution'] })).conformance,
    ).toMatchObject({
      recorders: 'existing',
      recordingFrequency: 'CONTINUOUS',
    });
  });

  test("the guardrail SCP exempts the named managers, and still fits Organizations' 5,120 characters", () => {
    const inputs = { allowedRegions: ['eu-north-1'], partition: 'aws', breakGlassRoleName: 'suveren-break-glass', organizationId: 'o-a1b2c3d4e5' };
    const withManager = guardrailProtectionScp({ ...inputs, configManagerRoleNames: ['AWSControlTowerExecution'] });
    const settings = withManager.Statement.find((s) => s.Sid === 'ProtectConfigRecorderSettings')!;
    expect(settings.Condition?.ArnNotLike['aws:PrincipalARN']).toContain('arn:aws:iam::*:role/AWSControlTowerExecution');
    expect(guardrailProtectionScp(inputs).Statement.find((s) => s.Sid === 'ProtectConfig')!.Condition?.ArnNotLike['aws:PrincipalARN']).not.toContain(
      'arn:aws:iam::*:role/AWSControlTowerExecution',
    );
    expect(organizationPolicySize(withManager)).toBeLessThanOrEqual(ORGANIZATION_POLICY_MAX_CHARS);
  });
});
