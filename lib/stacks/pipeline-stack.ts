import {
  type CfnElement,
  Duration,
  Stack,
  type StackProps,
  aws_codepipeline as codepipeline,
  aws_codepipeline_actions as actions,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
} from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import { INLINE_POLICY_REASON, acknowledge, objectPatternFinding } from '../compliance/acknowledge';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { ApprovalTopic } from '../constructs/pipeline/approval-topic';
import { PipelineArtifactStore } from '../constructs/pipeline/pipeline-artifact-store';
import { PipelineBuildProject } from '../constructs/pipeline/pipeline-build-project';
import { ReleaseSourceBucket } from '../constructs/pipeline/release-source-bucket';
import { AccessLogBucket } from '../constructs/shared/access-log-bucket';
import { CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES } from '@suveren/core/contracts/pipeline-limits';
import { BASELINE_PREFIX } from '../pipeline/baseline-store';
import { PIPELINE_DEPLOY_ROLE_NAME, PIPELINE_ORGANIZATION_DEPLOY_ROLE_NAME, RELEASE_PUBLISHER_ROLE_NAME } from '@suveren/core/contracts/names';
import { PIPELINE_APPROVAL_ACTIONS, PIPELINE_NAME } from '@suveren/core/contracts/pipeline-actions';
import {
  ASSEMBLY_DIGEST_VARIABLE,
  DEPLOYED_RELEASE_KEY,
  DEPLOY_ENVIRONMENT,
  DEPLOY_STAGES_METADATA_KEY,
  PLANS_PREFIX,
  SYNTH_ENVIRONMENT,
  deployCommands,
  planCommands,
  synthCommands,
} from '../pipeline/buildspecs';
import type { DeployStage } from '../pipeline/wave-plan';
import { bootstrapRoleArnPattern } from '../platform-principals';

export interface PipelineStackProps extends StackProps {
  readonly organization: SuverenConfig['organization'];
  readonly deployment: NonNullable<SuverenConfig['deployment']>;
  /** The deploy stages, from the wave planner over the landing zone's stacks. */
  readonly stages: readonly DeployStage[];
  /**
   * The accounts of the organization stages (management, audit, deployment, key custody):
   * the tenants' deploy role may assume no role in them, whatever their trust policies say.
   */
  readonly organizationAccounts: readonly string[];
  /**
   * The config the synth and plan builds read (SUVEREN_CONFIG), relative to the repository
   * root: deployment.configFile, or the file the app was synthesized from.
   * @default none: the synth build refuses to run (it never falls back to the example)
   */
  readonly configFile?: string;
}

/**
 * Suveren-Pipeline, in the deployment account: CodePipeline V2 in QUEUED mode (one
 * execution at a time deploys; the next waits), with CodeBuild projects that synthesize
 * with every gate, plan against the last deployed templates, and deploy the synthesized
 * assembly stage by stage through the CDK bootstrap roles of the target accounts.
 * Source → Synth (synth, then plan) → [approval of changes] Pipeline → Audit → [approval of
 * the organization stage] Guardrails → KeyCustody → Tenants in waves.
 *
 * Each build runs as its CodeBuild project's role (an action's roleArn covers only
 * CodePipeline's StartBuild call), so the stages are separated by project: the synth build
 * (the release under review) may only add artifacts; the plan build (the last deployed
 * release) may only read; the organization deploy project alone reaches the organization's
 * accounts, the tenants deploy project only tenant accounts.
 */
export class PipelineStack extends Stack {
  public readonly pipeline: codepipeline.Pipeline;
  public readonly store: PipelineArtifactStore;
  public readonly synth: PipelineBuildProject;
  public readonly plan: PipelineBuildProject;
  /** Deploys the tenant stacks (role PIPELINE_DEPLOY_ROLE_NAME, which tenant accounts' bootstrap trusts). */
  public readonly deployTenants: PipelineBuildProject;
  /** Deploys the pipeline, audit, guardrail, conformance and key-custody stacks. */
  public readonly deployOrganization: PipelineBuildProject;
  private readonly organizationId: string;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, { description: 'suveren pipeline: synth with every gate, plan, approvals, deployment in waves', ...props });
    const { deployment, organization } = props;
    this.organizationId = organization.organizationId;
    this.store = new PipelineArtifactStore(this, 'Store', { organizationId: organization.organizationId });
    // The deploy builds read their stacks from the synthesized assembly, where this metadata is.
    this.templateOptions.metadata = {
      ...this.templateOptions.metadata,
      [DEPLOY_STAGES_METADATA_KEY]: props.stages.map((s) => ({
        name: s.name,
        actions: s.actions.map((a) => ({ name: a.name, stacks: a.stacks, concurrency: a.concurrency })),
      })),
    };

    this.synth = new PipelineBuildProject(this, 'Synth', {
      description: 'suveren: npm ci, cdk synth with every gate, evidence report, and the digest of what it hands on (the release under review)',
      phases: synthCommands(),
      outputFiles: ['**/*'],
      exportedVariables: [ASSEMBLY_DIGEST_VARIABLE, 'CODEBUILD_BUILD_ID'],
      encryptionKey: this.store.key,
      timeout: Duration.hours(2),
    });
    this.denyRewritingArtifacts(this.synth.role);

    this.plan = new PipelineBuildProject(this, 'Plan', {
      description: 'suveren: the synthesized assembly planned against the deployed baseline by the last deployed release of suveren',
      phases: planCommands(),
      exportedVariables: ['SUVEREN_PLAN_SUMMARY', 'CODEBUILD_BUILD_ID'],
      encryptionKey: this.store.key,
      timeout: Duration.hours(1),
    });
    this.store.baselineBucket.grantRead(this.plan.role, `${BASELINE_PREFIX}*`);
    this.store.baselineBucket.grantRead(this.plan.role, DEPLOYED_RELEASE_KEY);
    // The plan goes where the synth build cannot write: the approvers read it there.
    this.store.baselineBucket.grantPut(this.plan.role, `${PLANS_PREFIX}*`);

    this.deployTenants = this.deployProject('Deploy', {
      description: 'suveren: cdk deploy of one wave of tenant stacks from the approved assembly, each recorded as deployed on success',
      roleName: PIPELINE_DEPLOY_ROLE_NAME,
    });
    // The tenants' role reaches no organization account, whatever a trust policy there says.
    this.deployTenants.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'NoOrganizationAccounts',
        effect: iam.Effect.DENY,
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: props.organizationAccounts.map((account) => `arn:${this.partition}:iam::${account}:role/*`),
      }),
    );
    this.deployOrganization = this.deployProject('DeployOrganization', {
      description: 'suveren: cdk deploy of the pipeline, audit, guardrail, conformance and key-custody stacks from the approved assembly',
      roleName: PIPELINE_ORGANIZATION_DEPLOY_ROLE_NAME,
    });
    // The plan build runs the release that deployed Suveren-Pipeline last: that deploy records it.
    this.store.baselineBucket.grantPut(this.deployOrganization.role, DEPLOYED_RELEASE_KEY);

    const source = new codepipeline.Artifact('Release');
    const synthesized = new codepipeline.Artifact('Synthesized');
    this.pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: PIPELINE_NAME,
      pipelineType: codepipeline.PipelineType.V2,
      executionMode: codepipeline.ExecutionMode.QUEUED,
      artifactBucket: this.store.artifactBucket,
      crossAccountKeys: false,
      restartExecutionOnUpdate: false,
    });

    const sourceAction = this.sourceAction(deployment, source);
    this.pipeline.addStage({ stageName: 'Source', actions: [sourceAction] });
    this.pipeline.addStage({
      stageName: 'Synth',
      actions: [
        new actions.CodeBuildAction({
          actionName: 'SynthPlanEvidence',
          project: this.synth.project,
          input: source,
          outputs: [synthesized],
          variablesNamespace: 'Synth',
          environmentVariables: { [SYNTH_ENVIRONMENT.config]: { value: props.configFile ?? '' } },
        }),
        new actions.CodeBuildAction({
          actionName: 'Plan',
          project: this.plan.project,
          input: synthesized,
          runOrder: 2,
          variablesNamespace: 'Plan',
          environmentVariables: {
            [SYNTH_ENVIRONMENT.baselineBucket]: { value: this.store.baselineBucket.bucketName },
            [SYNTH_ENVIRONMENT.config]: { value: props.configFile ?? '' },
            [SYNTH_ENVIRONMENT.executionId]: { value: '#{codepipeline.PipelineExecutionId}' },
            [ASSEMBLY_DIGEST_VARIABLE]: { value: `#{Synth.${ASSEMBLY_DIGEST_VARIABLE}}` },
          },
        }),
      ],
    });

    const topics = {
      changes: new ApprovalTopic(this, 'ChangeApprovers', {
        purpose: 'approve a landing-zone change',
        approvers: deployment.approvers.changes,
        encryptionKey: this.store.key,
      }),
      organization: new ApprovalTopic(this, 'OrganizationApprovers', {
        purpose: 'approve a change to the organization guardrails',
        approvers: deployment.approvers.organization,
        encryptionKey: this.store.key,
      }),
    };
    const buildLink = `https://${this.region}.console.aws.amazon.com/codesuite/codebuild/${this.account}/projects/${this.plan.project.projectName}/build/#{Plan.CODEBUILD_BUILD_ID}/`;
    for (const stage of props.stages) {
      const approval = stage.approval
        ? [
            new actions.ManualApprovalAction({
              actionName: PIPELINE_APPROVAL_ACTIONS[stage.approval],
              runOrder: 1,
              notificationTopic: topics[stage.approval].topic,
              additionalInformation: `${stage.approval === 'changes' ? 'Review the plan' : 'Guardrails (SCPs, RCPs) change next'}: #{Plan.SUVEREN_PLAN_SUMMARY}. You approve the artifact whose SHA-256 is #{Synth.${ASSEMBLY_DIGEST_VARIABLE}}: every deploy build refuses any other. The plan: s3://${this.store.baselineBucket.bucketName}/${PLANS_PREFIX}#{codepipeline.PipelineExecutionId}/plan.md (where the release under review cannot write); the evidence report is in the Synthesized artifact.`,
              externalEntityLink: buildLink,
            }),
          ]
        : [];
      const shift = approval.length;
      this.pipeline.addStage({
        stageName: stage.name,
        actions: [
          ...approval,
          ...stage.actions.map(
            (action) =>
              new actions.CodeBuildAction({
                actionName: action.name,
                project: (stage.deployer === 'tenants' ? this.deployTenants : this.deployOrganization).project,
                input: synthesized,
                runOrder: action.runOrder + shift,
                environmentVariables: {
                  [DEPLOY_ENVIRONMENT.action]: { value: `${stage.name}/${action.name}` },
                  [DEPLOY_ENVIRONMENT.baselineBucket]: { value: this.store.baselineBucket.bucketName },
                  [DEPLOY_ENVIRONMENT.approvedDigest]: { value: `#{Synth.${ASSEMBLY_DIGEST_VARIABLE}}` },
                },
              }),
          ),
        ],
      });
    }
    this.acknowledgeGeneratedGrants();
  }

  /** A deploy project: the approved assembly's stacks through the target accounts' bootstrap roles, baselines recorded. */
  private deployProject(id: string, options: { readonly description: string; readonly roleName: string }): PipelineBuildProject {
    const project = new PipelineBuildProject(this, id, {
      description: options.description,
      phases: deployCommands(),
      // The bootstrap deploy roles of the target accounts trust this role by name.
      roleName: options.roleName,
      encryptionKey: this.store.key,
      timeout: Duration.minutes(CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES),
    });
    this.store.baselineBucket.grantReadWrite(project.role, `${BASELINE_PREFIX}*`);
    // The CDK toolkit deploys through the bootstrap roles of each target account, only of this organization.
    project.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeBootstrapDeployRoles',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [bootstrapRoleArnPattern(this.partition, 'deploy'), bootstrapRoleArnPattern(this.partition, 'file-publishing')],
        conditions: { StringEquals: { 'aws:ResourceOrgID': this.organizationId } },
      }),
    );
    return project;
  }

  /**
   * The synth build runs the release under review: it may add artifacts under the
   * pipeline's prefix and nothing else, never delete one. Object keys are random per
   * execution, so IAM cannot keep it from overwriting another execution's artifact: the
   * digest the approvers see, checked by every later build, catches that.
   */
  private denyRewritingArtifacts(role: iam.IRole): void {
    const bucket = this.store.artifactBucket;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'NoArtifactDeletion',
        effect: iam.Effect.DENY,
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteObjectTagging', 's3:PutLifecycleConfiguration', 's3:PutBucketPolicy'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*'), this.store.baselineBucket.bucketArn, this.store.baselineBucket.arnForObjects('*')],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ArtifactsOnlyUnderThePipelinePrefix',
        effect: iam.Effect.DENY,
        actions: ['s3:PutObject'],
        notResources: [bucket.arnForObjects(`${PIPELINE_NAME}/*`)],
      }),
    );
  }

  /**
   * Acknowledges what aws-cdk-lib's CodePipeline and CodeBuild integrations grant: each
   * finding on the role that has it, with the reason it is bounded.
   */
  private acknowledgeGeneratedGrants(): void {
    const artifactGrants = [
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      objectPatternFinding(this.store.artifactBucket, ''),
    ];
    const keyGrants = ['AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]'];
    const artifactReason =
      "aws-cdk-lib's pipeline integration grants these on the pipeline's own artifact bucket and key only: reading and writing stage artifacts is what a pipeline role does; both refuse every principal outside the organization.";
    const ack = (role: IConstruct, ids: readonly string[], reason: string) => ids.forEach((id) => acknowledge(role, id, reason));
    const roles = this.node.findAll().filter((c): c is iam.Role => c instanceof iam.Role);
    for (const role of roles) acknowledge(role, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    ack(this.pipeline.role, [...artifactGrants, ...keyGrants], artifactReason);
    const sourceRole = roles.find((r) => r.node.path.includes('/Source/'));
    if (sourceRole) ack(sourceRole, [...artifactGrants, ...keyGrants], artifactReason);
    for (const role of roles.filter((r) => /\/Approve(Changes|Organization)\//.test(r.node.path))) {
      ack(
        role,
        ['AwsSolutions-IAM5[Action::kms:GenerateDataKey*]'],
        'Publishing to the encrypted approval topic needs a data key of the pipeline key; aws-cdk-lib grants exactly that on that key.',
      );
    }
    for (const project of [this.synth, this.plan, this.deployTenants, this.deployOrganization]) {
      const projectId = this.getLogicalId(project.project.node.defaultChild as CfnElement);
      ack(project.role, [...artifactGrants, ...keyGrants], artifactReason);
      ack(
        project.role,
        [
          `AwsSolutions-IAM5[Resource::arn:${this.partition}:logs:${this.region}:${this.account}:log-group:/aws/codebuild/<${projectId}>:*]`,
          `AwsSolutions-IAM5[Resource::arn:${this.partition}:codebuild:${this.region}:${this.account}:report-group/<${projectId}>-*]`,
        ],
        "CodeBuild's default grants for the project's own log streams and test report groups, named after the project; the builds log to the project's encrypted log group.",
      );
      ack(
        project.role,
        [objectPatternFinding(this.store.baselineBucket, BASELINE_PREFIX)],
        "The deployed baselines: one object per stack under deployed/ of the pipeline's baseline bucket.",
      );
    }
    ack(
      this.plan.role,
      [objectPatternFinding(this.store.baselineBucket, PLANS_PREFIX)],
      "Each execution's plan, under plans/<execution id>/ of the baseline bucket, which the synth build cannot write; put only, no read or delete of other objects.",
    );
    for (const project of [this.deployTenants, this.deployOrganization])
      ack(
        project.role,
        [
          `AwsSolutions-IAM5[Resource::${bootstrapRoleArnPattern(this.partition, 'deploy')}]`,
          `AwsSolutions-IAM5[Resource::${bootstrapRoleArnPattern(this.partition, 'file-publishing')}]`,
        ],
        "The CDK toolkit deploys each stack through its target account's bootstrap deploy and file-publishing roles; the pattern names only those two kinds of role, and the condition admits them only in accounts of this organization; each account's bootstrap trusts one of the two deploy projects.",
      );
  }

  private sourceAction(deployment: PipelineStackProps['deployment'], output: codepipeline.Artifact): codepipeline.IAction {
    if ('codeConnections' in deployment.source) {
      const c = deployment.source.codeConnections;
      const [owner, repo] = c.repository.split('/');
      return new actions.CodeStarConnectionsSourceAction({
        actionName: 'Repository',
        connectionArn: c.connectionArn,
        owner,
        repo,
        branch: c.branch,
        output,
        triggerOnPush: true,
      });
    }
    const s3 = deployment.source.s3;
    const logs = new AccessLogBucket(this, 'ReleaseAccessLogs');
    const publisherArn = `arn:${this.partition}:iam::${this.account}:role/${RELEASE_PUBLISHER_ROLE_NAME}`;
    const releases = new ReleaseSourceBucket(this, 'Releases', {
      releasePrincipalArns: s3.releasePublisherTrust ? [...new Set([...s3.releasePrincipals, publisherArn])] : s3.releasePrincipals,
      encryptionKey: this.store.key,
      accessLogBucket: logs.bucket,
    });
    // The release publisher, created here rather than by hand: it may put the release object and nothing else.
    if (s3.releasePublisherTrust) {
      const publisher = new iam.Role(this, 'ReleasePublisher', {
        roleName: RELEASE_PUBLISHER_ROLE_NAME,
        description: 'suveren: uploads releases to the pipeline source object, nothing else',
        assumedBy: new iam.CompositePrincipal(...s3.releasePublisherTrust.map((arn) => new iam.ArnPrincipal(arn))),
        maxSessionDuration: Duration.hours(1),
      });
      releases.grantPublish(publisher, s3.objectKey);
    }
    // A new release version starts the pipeline (S3 EventBridge notifications; no polling, no trail needed).
    new events.Rule(this, 'ReleaseUploaded', {
      description: 'suveren: a new release starts the pipeline',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [releases.bucket.bucketName] }, object: { key: [s3.objectKey] } },
      },
      targets: [new targets.CodePipeline(this.pipeline)],
    });
    return new actions.S3SourceAction({ actionName: 'Release', bucket: releases.bucket, bucketKey: s3.objectKey, output, trigger: actions.S3Trigger.NONE });
  }
}
