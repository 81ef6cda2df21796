import { Match, Template } from 'aws-cdk-lib/assertions';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addLandingZone } from '../../lib/landing-zone';
import { directoryStore, materializeBaseline, recordDeployed } from '../../lib/pipeline/baseline-store';
import { cdkDeployArgs, deployWave, failureReason } from '../../lib/pipeline/deploy-wave';
import { DEPLOY_STAGES_METADATA_KEY } from '../../lib/pipeline/buildspecs';
import { CDK_BOOTSTRAP_TEMPLATE_FILE } from '../../lib/stacks/bootstrap-stack';
import { parse as yamlParse } from 'yaml';
import { exampleConfig, exampleConfigDocument, parseDocument, testApp, withField } from '../helpers';

const config = exampleConfig();
const zone = addLandingZone(testApp(), config);
const template = Template.fromStack(zone.pipeline!);
const pipelineProps = () =>
  Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0].Properties as {
    Stages: { Name: string; Actions: { Name: string; RunOrder?: number; ActionTypeId: { Category: string; Provider: string } }[] }[];
    ExecutionMode: string;
    PipelineType: string;
  };

describe('Suveren-Pipeline', () => {
  test('CodePipeline V2 in QUEUED mode, in the deployment account and region', () => {
    expect(zone.pipeline!.account).toBe('555555555555');
    expect(zone.pipeline!.region).toBe('eu-north-1');
    expect(pipelineProps()).toMatchObject({ ExecutionMode: 'QUEUED', PipelineType: 'V2' });
  });

  test('the stages in order, each approval before what it guards, the pipeline itself behind the change approval', () => {
    const stages = pipelineProps().Stages.map((s) => [s.Name, s.Actions.map((a) => `${a.RunOrder ?? 1}:${a.ActionTypeId.Category}:${a.Name}`)]);
    expect(stages).toEqual([
      ['Source', ['1:Source:Release']],
      ['Synth', ['1:Build:SynthPlanEvidence', '2:Build:Plan']],
      ['Pipeline', ['1:Approval:ApproveChanges', '2:Build:Deploy-Suveren-Pipeline', '3:Build:Deploy-Suveren-Bootstrap']],
      ['Audit', ['1:Build:Deploy-Suveren-Audit']],
      [
        'Guardrails',
        [
          '1:Approval:ApproveOrganization',
          '2:Build:Deploy-Suveren-Guardrails',
          // AWS Config in every account once the SCP lets its StackSet manage recorders; the packs once the recorders exist.
          '3:Build:Deploy-Suveren-ConformanceBaseline',
          '4:Build:Deploy-Suveren-ConformancePack-eu-north-1',
          '4:Build:Deploy-Suveren-ConformancePack-eu-west-1',
        ],
      ],
      ['KeyCustody', ['1:Build:Deploy-Suveren-KeyCustody-nordic']],
      // IAM Identity Center's permission sets and assignments, before the tenants whose roles trust them.
      ['People', ['1:Build:Deploy-Suveren-People']],
      // The replicas of the tenants with continuity: each must exist before its tenant's bucket names it.
      ['Replicas', ['1:Build:Wave-1']],
      ['Tenants', ['1:Build:Wave-1']],
    ]);
  });

  test('each approval notifies its own encrypted topic, with its own approvers', () => {
    const topics = template.findResources('AWS::SNS::Topic');
    expect(Object.values(topics).every((t) => t.Properties.KmsMasterKeyId)).toBe(true);
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((s) => [
      s.Properties.Endpoint,
      JSON.stringify(s.Properties.TopicArn),
    ]);
    expect(subscriptions.map(([e]) => e).sort()).toEqual(['informationssakerhet@example.se', 'plattformsteam@example.se']);
    expect(new Set(subscriptions.map(([, t]) => t)).size).toBe(2);
  });

  test('the deploy actions are recorded in the template for the deploy builds, every landing-zone stack once', () => {
    const recorded = template.toJSON().Metadata[DEPLOY_STAGES_METADATA_KEY] as { actions: { stacks: string[] }[] }[];
    const stacks = recorded.flatMap((s) => s.actions.flatMap((a) => a.stacks)).sort();
    expect(stacks).toEqual(
      [
        'Suveren-Audit',
        'Suveren-Bootstrap',
        'Suveren-ConformanceBaseline',
        ...config.organization.allowedRegions.map((r) => `Suveren-ConformancePack-${r}`),
        'Suveren-Guardrails',
        'Suveren-KeyCustody-nordic',
        'Suveren-People',
        'Suveren-Pipeline',
        ...config.tenants.map((t) => `Suveren-Tenant-${t.id}`),
        ...config.tenants.filter((t) => t.continuity).map((t) => `Suveren-TenantReplica-${t.id}`),
      ].sort(),
    );
  });

  test('the deploy project may assume only the bootstrap deploy and file-publishing roles of this organization', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AssumeBootstrapDeployRoles',
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Resource: ['arn:aws:iam::*:role/cdk-hnb659fds-deploy-role-*', 'arn:aws:iam::*:role/cdk-hnb659fds-file-publishing-role-*'],
            Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
          }),
        ]),
      },
    });
  });

  test('the build projects are never privileged and encrypt under the pipeline key', () => {
    const projects = Object.values(template.findResources('AWS::CodeBuild::Project'));
    // Synth, plan, and a deploy project each for the organization stages and the tenants.
    expect(projects).toHaveLength(4);
    for (const p of projects) {
      expect(p.Properties.Environment.PrivilegedMode).toBe(false);
      expect(p.Properties.EncryptionKey).toBeDefined();
    }
  });

  test('the release bucket takes writes only from the release principals; artifact and baseline buckets refuse outsiders', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).map((p) => JSON.stringify(p.Properties.PolicyDocument));
    expect(
      policies.some((p) => p.includes('DenyWritesOutsideReleasePrincipals') && p.includes('arn:aws:iam::555555555555:role/suveren-release-publisher')),
    ).toBe(true);
    expect(policies.filter((p) => p.includes('"aws:PrincipalOrgID":"o-a1b2c3d4e5"')).length).toBe(2);
  });

  test('the release publisher is created, trusted only as configured, and may put the release object under the pipeline key, nothing else', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'suveren-release-publisher',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { AWS: 'arn:aws:iam::555555555555:role/ci-release' } })] },
    });
    const [publisherId] = Object.entries(template.findResources('AWS::IAM::Role')).find(([, r]) => r.Properties.RoleName === 'suveren-release-publisher')!;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(publisherId));
    const actions = policies.flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((st) => st.Action)).sort();
    expect(actions).toEqual(['kms:Encrypt', 'kms:GenerateDataKey', 's3:PutObject']);
    expect(JSON.stringify(policies)).toContain('/releases/suveren.zip');
  });

  test('a CodeConnections source instead of the release bucket', () => {
    const document = withField(exampleConfigDocument(), 'deployment.source', {
      codeConnections: {
        connectionArn: 'arn:aws:codeconnections:eu-north-1:555555555555:connection/6f2b1c9e-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
        repository: 'lund-kommun/suveren-config',
        branch: 'main',
      },
    });
    const other = addLandingZone(testApp(), parseDocument(document));
    const t = Template.fromStack(other.pipeline!);
    expect(Object.keys(t.findResources('AWS::Events::Rule'))).toHaveLength(0);
    const stages = (
      Object.values(t.findResources('AWS::CodePipeline::Pipeline'))[0].Properties as { Stages: { Actions: { ActionTypeId: { Provider: string } }[] }[] }
    ).Stages;
    expect(stages[0].Actions[0].ActionTypeId.Provider).toBe('CodeStarSourceConnection');
  });

  test('without a deployment section there is no pipeline', () => {
    // The platform's operators and approvers work in the pipeline's account: without one, none.
    const document = withField(withField(exampleConfigDocument(), 'deployment', undefined), 'identityCenter.platformGroups', undefined);
    expect(addLandingZone(testApp(), parseDocument(document)).pipeline).toBeUndefined();
  });
});

describe('the deploy action and its baseline (pure cores)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-baseline-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const assembly = path.join(tmp, 'assembly');
  fs.mkdirSync(assembly);
  fs.writeFileSync(
    path.join(assembly, 'manifest.json'),
    JSON.stringify({
      artifacts: {
        'Suveren-Tenant-a': {
          type: 'aws:cloudformation:stack',
          environment: 'aws://333333333331/eu-north-1',
          properties: { templateFile: 'Suveren-Tenant-a.template.json' },
        },
        'Suveren-Tenant-b': {
          type: 'aws:cloudformation:stack',
          environment: 'aws://333333333332/eu-north-1',
          properties: { templateFile: 'Suveren-Tenant-b.template.json' },
        },
      },
    }),
  );
  for (const id of ['a', 'b'])
    fs.writeFileSync(path.join(assembly, `Suveren-Tenant-${id}.template.json`), JSON.stringify({ Resources: { [`R${id}`]: { Type: 'AWS::SNS::Topic' } } }));

  test("a failed stack is named with CloudFormation's reason; only the stacks that succeeded enter the baseline", async () => {
    const store = directoryStore(path.join(tmp, 'store'));
    expect(await materializeBaseline(store, path.join(tmp, 'empty'))).toEqual([]);
    const outcomes = await deployWave(['Suveren-Tenant-a', 'Suveren-Tenant-b'], 2, {
      deploy: (id) =>
        Promise.resolve(
          id.endsWith('-b')
            ? {
                code: 1,
                output:
                  'Suveren-Tenant-b | 2/9 | 10:01:02 | CREATE_FAILED        | AWS::S3::Bucket | DataBucket Resource handler returned message: "Access Denied"\n ❌  Suveren-Tenant-b failed',
              }
            : { code: 0, output: '✅  Suveren-Tenant-a' },
        ),
      record: (id) => recordDeployed(store, assembly, id),
    });
    expect(outcomes).toEqual([
      { stackId: 'Suveren-Tenant-a', ok: true },
      { stackId: 'Suveren-Tenant-b', ok: false, reason: 'AWS::S3::Bucket | DataBucket Resource handler returned message: "Access Denied"' },
    ]);
    const baseline = path.join(tmp, 'baseline');
    expect(await materializeBaseline(store, baseline)).toEqual(['Suveren-Tenant-a']);
    expect(JSON.parse(fs.readFileSync(path.join(baseline, 'manifest.json'), 'utf8')).artifacts).toEqual({
      'Suveren-Tenant-a': {
        type: 'aws:cloudformation:stack',
        environment: 'aws://333333333331/eu-north-1',
        properties: { templateFile: 'Suveren-Tenant-a.template.json' },
      },
    });
  });

  test('key-custody stacks deploy without rollback (an HSM being waited for is kept and adopted on retry); every other stack rolls back', () => {
    expect(cdkDeployArgs('cdk.out', 'Suveren-KeyCustody-nordic')).toEqual([
      'deploy',
      '--app',
      'cdk.out',
      '--exclusively',
      '--require-approval',
      'never',
      '--progress',
      'events',
      '--no-rollback',
      'Suveren-KeyCustody-nordic',
    ]);
    expect(cdkDeployArgs('cdk.out', 'Suveren-KeyCustody-nordic-Provisioners-2')).toContain('--no-rollback');
    for (const stack of ['Suveren-Tenant-lund-kommun', 'Suveren-Guardrails', 'Suveren-Audit'])
      expect(cdkDeployArgs('cdk.out', stack)).not.toContain('--no-rollback');
  });

  test("the reason falls back to the toolkit's last error line", () => {
    expect(
      failureReason(
        'Deploying...\nUnable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment\n',
      ),
    ).toBe('Unable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment');
  });
});

describe('Suveren-Bootstrap', () => {
  const bootstrap = Template.fromStack(zone.bootstrap!);
  const stackSets = bootstrap.findResources('AWS::CloudFormation::StackSet');
  const byName = (name: string) => Object.entries(stackSets).find(([, r]) => r.Properties.StackSetName === name)!;
  const parametersOf = (r: Record<string, unknown>) =>
    Object.fromEntries(
      ((r.Properties as { Parameters?: { ParameterKey: string; ParameterValue: string }[] }).Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue]),
    );

  test("the pinned CDK CLI's bootstrap template, unchanged, as a service-managed StackSet kept on account removal", () => {
    const [, stackSet] = byName('suveren-bootstrap');
    expect(stackSet.Properties.TemplateBody).toBe(fs.readFileSync(CDK_BOOTSTRAP_TEMPLATE_FILE, 'utf8'));
    expect(stackSet.Properties).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-abcd-11111111'] }, Regions: config.organization.allowedRegions }],
    });
  });

  test('every parameter of the template is explicit: the qualifier, trust in the deploy project only, the boundary, the assets key', () => {
    const [, stackSet] = byName('suveren-bootstrap');
    const declared = Object.keys((yamlParse(fs.readFileSync(CDK_BOOTSTRAP_TEMPLATE_FILE, 'utf8')) as { Parameters: object }).Parameters).sort();
    const parameters = parametersOf(stackSet);
    expect(Object.keys(parameters).sort()).toEqual(declared);
    expect(parameters).toMatchObject({
      Qualifier: 'hnb659fds',
      TrustedAccounts: 'arn:aws:iam::555555555555:role/suveren-pipeline-deploy-organization,arn:aws:iam::555555555555:role/suveren-pipeline-deploy',
      TrustedAccountsForLookup: '',
      InputPermissionsBoundary: 'suveren-cfn-execution-boundary',
      ApplyPermissionsBoundaryToAllRoles: 'true',
      FileAssetsBucketKmsKeyId: '',
      DenyExternalId: 'true',
    });
    // The roles the deploy roles trust are the deploy projects', by those fixed names.
    for (const roleName of ['suveren-pipeline-deploy', 'suveren-pipeline-deploy-organization'])
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: roleName,
        AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'codebuild.amazonaws.com' } })] }),
      });
  });

  test('the execution boundary goes out first, once per account, and denies what no suveren template asks for', () => {
    const [boundaryId, boundary] = byName('suveren-execution-boundary');
    expect(boundary.Properties.StackInstancesGroup[0].Regions).toEqual(['eu-north-1']);
    expect(byName('suveren-bootstrap')[1].DependsOn).toEqual([boundaryId]);
    const body = JSON.parse(boundary.Properties.TemplateBody as string);
    const policy = body.Resources.ExecutionBoundary.Properties;
    expect(policy.ManagedPolicyName).toBe('suveren-cfn-execution-boundary');
    // In the deployment account (whose Suveren-Pipeline deploys before the boundary exists) the
    // workload boundary is not required; everywhere else it is.
    expect(body.Conditions.InDeploymentAccount).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '555555555555'] });
    const [inDeployment, elsewhere] = policy.PolicyDocument['Fn::If'].slice(1) as { Statement: { Sid: string; Effect: string; Action: string[] }[] }[];
    const denied = elsewhere.Statement.filter((s) => s.Effect === 'Deny').flatMap((s) => s.Action);
    expect(denied).toEqual(
      expect.arrayContaining(['kms:ScheduleKeyDeletion', 's3:DeleteBucket', 'iam:CreateUser', 'iam:DeleteRolePermissionsBoundary', 'iam:CreateRole']),
    );
    expect(inDeployment.Statement.map((s) => s.Sid)).not.toContain('DenyRolesWithoutTheWorkloadBoundary');
    expect(body.Resources.WorkloadBoundary.Properties.ManagedPolicyName).toBe('suveren-workload-boundary');
  });

  test('the platform roles: break-glass in every account, the crypto officer only in key-custody accounts, trusted only as configured', () => {
    const [, stackSet] = byName('suveren-platform-roles');
    expect(stackSet.Properties).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-abcd-11111111'] }, Regions: ['eu-north-1'] }],
    });
    const body = JSON.parse(stackSet.Properties.TemplateBody as string) as {
      Conditions: Record<string, unknown>;
      Resources: Record<string, { Condition?: string; Properties: { RoleName: string; AssumeRolePolicyDocument: unknown; ManagedPolicyArns: string[] } }>;
    };
    expect(body.Resources.BreakGlassRole.Condition).toBeUndefined();
    expect(body.Resources.BreakGlassRole.Properties).toMatchObject({
      RoleName: 'suveren-break-glass',
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:role/emergency-access'] }, Action: 'sts:AssumeRole' }],
      },
    });
    expect(body.Resources.CryptoOfficerRole1).toMatchObject({
      Condition: 'IsKeyCustodyAccount1',
      Properties: {
        RoleName: 'suveren-crypto-officer',
        AssumeRolePolicyDocument: { Statement: [{ Principal: { AWS: ['arn:aws:iam::111111111111:role/crypto-officers'] } }] },
      },
    });
    expect(body.Conditions.IsKeyCustodyAccount1).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '444444444444'] });
  });

  test('platform roles: many key-custody accounts nest Fn::Or (2 to 10 conditions each); without the section, no StackSet; a missing crypto officer trust is refused', async () => {
    const { platformRolesTemplate } = await import('../../lib/pipeline/platform-roles-template');
    const many = platformRolesTemplate({
      partition: 'aws',
      breakGlassRoleName: 'bg',
      breakGlassTrust: ['arn:aws:iam::111111111111:role/e'],
      cryptoOfficerTrust: ['arn:aws:iam::111111111111:role/c'],
      cryptoOfficers: Array.from({ length: 12 }, (_, i) => ({ account: String(400000000000 + i), roleName: 'suveren-crypto-officer' })),
    }) as { Conditions: { IsKeyCustodyAccount1: { 'Fn::Or': { 'Fn::Or'?: unknown[] }[] } } };
    const [first, rest] = many.Conditions.IsKeyCustodyAccount1['Fn::Or'];
    expect(first['Fn::Or']).toHaveLength(10);
    expect(rest['Fn::Or']).toHaveLength(2);
    const document = exampleConfigDocument() as { organization: Record<string, unknown> };
    delete document.organization.platformRoles;
    const without = addLandingZone(testApp(), parseDocument(document));
    expect(
      Object.values(Template.fromStack(without.bootstrap!).findResources('AWS::CloudFormation::StackSet')).map((r) => r.Properties.StackSetName),
    ).not.toContain('suveren-platform-roles');
    document.organization.platformRoles = { breakGlassTrust: ['arn:aws:iam::111111111111:role/e'] };
    expect(() => parseDocument(document)).toThrow(
      /organization\.platformRoles\.cryptoOfficerTrust: is needed: the StackSet creates the crypto officer's role \(suveren-crypto-officer\)/,
    );
  });

  test('deployed by the pipeline right after the pipeline itself, behind the change approval', () => {
    const stages = pipelineProps()
      .Stages.find((s) => s.Name === 'Pipeline')!
      .Actions.map((a) => `${a.RunOrder ?? 1}:${a.Name}`);
    expect(stages).toEqual(['1:ApproveChanges', '2:Deploy-Suveren-Pipeline', '3:Deploy-Suveren-Bootstrap']);
  });
});

describe('Suveren-Pipeline: the stages are separated by IAM, and the approved artifact is the deployed one', () => {
  const projects = template.findResources('AWS::CodeBuild::Project');
  const projectOf = (pathPart: string) => Object.keys(projects).find((id) => (projects[id].Metadata?.['aws:cdk:path'] as string).includes(`/${pathPart}/`))!;
  const stages = () => pipelineProps().Stages as unknown as { Name: string; Actions: { Name: string; Configuration?: Record<string, unknown> }[] }[];

  test('organization stages run on the organization project, tenant waves on the tenants project', () => {
    const organization = projectOf('DeployOrganization');
    const tenants = projectOf('Deploy');
    for (const stage of stages().filter((s) => !['Source', 'Synth'].includes(s.Name))) {
      for (const action of stage.Actions.filter((a) => a.Configuration?.ProjectName)) {
        expect({ stage: stage.Name, project: (action.Configuration!.ProjectName as { Ref: string }).Ref }).toEqual({
          stage: stage.Name,
          // Replicas are in the tenants' accounts, deployed before the tenants' stacks by the same project.
          project: stage.Name.startsWith('Tenants') || stage.Name.startsWith('Replicas') ? tenants : organization,
        });
      }
    }
  });

  test("every deploy action gets the synth build's digest, and the approval shows it", () => {
    for (const stage of stages().filter((s) => !['Source', 'Synth'].includes(s.Name))) {
      for (const action of stage.Actions) {
        const configuration = JSON.stringify(action.Configuration ?? {});
        if (action.Name.startsWith('Approve')) expect(configuration).toContain('#{Synth.ASSEMBLY_SHA256}');
        else expect(configuration).toMatch(/SUVEREN_APPROVED_SHA256.*#\{Synth\.ASSEMBLY_SHA256\}/);
      }
    }
  });

  test("each deploy project's buildspec checks the digest before npm ci runs anything from the artifact", () => {
    for (const id of [projectOf('Deploy'), projectOf('DeployOrganization'), projectOf('Plan')]) {
      const spec = JSON.parse(projects[id].Properties.Source.BuildSpec as string) as { phases: { install: { commands: string[] } } };
      expect(spec.phases.install.commands[0]).toMatch(/^odd="\$\(find .* ! -type f ! -type d .*; actual="\$\(.*sha256sum.*\)"; if .* != /);
    }
  });
});
