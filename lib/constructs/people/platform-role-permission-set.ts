import { Aws, aws_sso as sso } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PERMISSION_SET_SESSION_DURATION, PLATFORM_ROLES, type PlatformRoleKind } from '@suveren/core/contracts/people';
import { PIPELINE_APPROVAL_ACTIONS, PIPELINE_NAME } from '@suveren/core/contracts/pipeline-actions';

/** An account and region the platform's people work in. */
export interface PlatformPlace {
  readonly account: string;
  readonly region: string;
}

export interface PlatformRolePermissionSetProps {
  /** The IAM Identity Center instance the permission set belongs to. */
  readonly instanceArn: string;
  /** The platform role kind. */
  readonly kind: PlatformRoleKind;
  /** Where Suveren-Pipeline runs: the operators' and approvers' account. */
  readonly deployment?: PlatformPlace;
  /** The audit account and its region: the auditors'. */
  readonly audit: PlatformPlace;
}

interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
}

const PIPELINE_READ = [
  'codepipeline:GetPipeline',
  'codepipeline:GetPipelineState',
  'codepipeline:GetPipelineExecution',
  'codepipeline:ListPipelineExecutions',
  'codepipeline:ListActionExecutions',
];
const BUILD_READ = ['codebuild:BatchGetBuilds', 'codebuild:ListBuildsForProject'];
const LOG_READ = ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'];

/** Reading the pipeline, its builds and their logs: what an operator and an approver look at before acting. */
function watchPipeline(place: PlatformPlace): Statement[] {
  const pipeline = `arn:${Aws.PARTITION}:codepipeline:${place.region}:${place.account}:${PIPELINE_NAME}`;
  return [
    { Sid: 'WatchThePipeline', Effect: 'Allow', Action: PIPELINE_READ, Resource: pipeline },
    { Sid: 'ReadItsBuilds', Effect: 'Allow', Action: BUILD_READ, Resource: `arn:${Aws.PARTITION}:codebuild:${place.region}:${place.account}:project/*` },
    {
      Sid: 'ReadItsBuildLogs',
      Effect: 'Allow',
      Action: LOG_READ,
      Resource: `arn:${Aws.PARTITION}:logs:${place.region}:${place.account}:log-group:/aws/codebuild/*`,
    },
  ];
}

function approve(place: PlatformPlace, action: string): Statement {
  return {
    Sid: `Approve${action.replace(/^Approve/, '')}`,
    Effect: 'Allow',
    Action: ['codepipeline:PutApprovalResult'],
    Resource: `arn:${Aws.PARTITION}:codepipeline:${place.region}:${place.account}:${PIPELINE_NAME}/*/${action}`,
  };
}

/** Each kind's statements: what the work needs, in the account where it is, and nothing that reaches a tenant's data. */
function statementsOf(kind: PlatformRoleKind, props: PlatformRolePermissionSetProps): Statement[] {
  const deployment = props.deployment;
  switch (kind) {
    case 'operator':
      if (!deployment) return [];
      return [
        ...watchPipeline(deployment),
        {
          Sid: 'StartStopAndRetryThePipeline',
          Effect: 'Allow',
          Action: ['codepipeline:StartPipelineExecution', 'codepipeline:StopPipelineExecution', 'codepipeline:RetryStageExecution'],
          Resource: [
            `arn:${Aws.PARTITION}:codepipeline:${deployment.region}:${deployment.account}:${PIPELINE_NAME}`,
            `arn:${Aws.PARTITION}:codepipeline:${deployment.region}:${deployment.account}:${PIPELINE_NAME}/*`,
          ],
        },
      ];
    case 'changeApprover':
      return deployment ? [...watchPipeline(deployment), approve(deployment, PIPELINE_APPROVAL_ACTIONS.changes)] : [];
    case 'organizationApprover':
      return deployment ? [...watchPipeline(deployment), approve(deployment, PIPELINE_APPROVAL_ACTIONS.organization)] : [];
    case 'auditor': {
      const { account, region } = props.audit;
      return [
        // LookupEvents and DescribeTrails take no resource ARN.
        {
          Sid: 'ReadCloudTrailEvents',
          Effect: 'Allow',
          Action: ['cloudtrail:LookupEvents', 'cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus'],
          Resource: '*',
        },
        {
          Sid: 'ReadAggregatedCompliance',
          Effect: 'Allow',
          Action: [
            'config:DescribeConfigurationAggregators',
            'config:DescribeAggregateComplianceByConfigRules',
            'config:GetAggregateComplianceDetailsByConfigRule',
            'config:GetAggregateConfigRuleComplianceSummary',
            'config:ListAggregateDiscoveredResources',
            'config:GetAggregateResourceConfig',
            'config:SelectAggregateResourceConfig',
          ],
          Resource: `arn:${Aws.PARTITION}:config:${region}:${account}:config-aggregator/*`,
        },
        {
          Sid: 'ReadTheTrailLogGroups',
          Effect: 'Allow',
          Action: [...LOG_READ, 'logs:DescribeLogGroups'],
          Resource: `arn:${Aws.PARTITION}:logs:${region}:${account}:log-group:*`,
        },
      ];
    }
  }
}

/**
 * The permission set of one platform role kind: the operators, the two kinds of approver
 * and the auditors. It grants the kind's work in its own account and nothing in a
 * tenant's: no role to assume, no bucket, no key. An approver approves only its own
 * approval actions. The session is Identity Center's shortest.
 */
export class PlatformRolePermissionSet extends Construct {
  public readonly permissionSetArn: string;
  public readonly kind: PlatformRoleKind;

  constructor(scope: Construct, id: string, props: PlatformRolePermissionSetProps) {
    super(scope, id);
    this.kind = props.kind;
    const role = PLATFORM_ROLES[props.kind];
    const permissionSet = new sso.CfnPermissionSet(this, 'Resource', {
      instanceArn: props.instanceArn,
      name: role.permissionSetName,
      description: `suveren: ${role.description}`,
      sessionDuration: PERMISSION_SET_SESSION_DURATION,
      inlinePolicy: { Version: '2012-10-17', Statement: statementsOf(props.kind, props) },
    });
    this.permissionSetArn = permissionSet.attrPermissionSetArn;
  }
}
