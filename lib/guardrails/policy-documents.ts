import { BATCH_OPERATIONS_SERVICE, restorerRoleName } from '@suveren/core/contracts/continuity';
import {
  bootstrapAssetsBucketPattern,
  bootstrapRoleArnPattern,
  bootstrapRolesPattern,
  breakGlassRolePattern,
  deploymentRolesPattern,
  suverenRolePatterns,
} from '../platform-principals';
import { IDENTITY_CENTER_ROLE_PATH_PATTERN, IDENTITY_CENTER_SAML_PROVIDER_PATTERN } from '@suveren/core/contracts/people';
import { GLOBAL_SERVICE_ACTIONS } from './global-services';
import {
  EXECUTION_BOUNDARY_POLICY_NAME,
  STACKSET_EXECUTION_ROLE_PATTERN_NAME,
  SUVEREN_STACK_NAME_PREFIX,
  WORKLOAD_BOUNDARY_POLICY_NAME,
} from '@suveren/core/contracts/names';

/*
 * The organization policies, generated from the config: the allow-list and the role
 * names come in, nothing is pasted. Pure functions, so the documents can be reasoned
 * about on their own; the tests evaluate them as read back from the synthesized template.
 */

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Deny' | 'Allow';
  readonly Principal?: '*';
  readonly Action?: string | string[];
  readonly NotAction?: string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

export interface GuardrailInputs {
  /** The organization's allowed regions. */
  readonly allowedRegions: readonly string[];
  /** Partition of the organization (`aws`, `aws-eusc`). */
  readonly partition: string;
  /** Name of the break-glass role, the same in every account. */
  readonly breakGlassRoleName: string;
  /** The organization id, for the data perimeter. */
  readonly organizationId: string;
  /**
   * Roles that manage AWS Config recorders suveren did not create (config
   * `conformance.recorderManagerRoleNames`, e.g. AWSControlTowerExecution): the SCP lets
   * them manage recorders and rules as the platform does.
   * @default none
   */
  readonly configManagerRoleNames?: readonly string[];
  /**
   * The pipeline's deploy project roles (config `deployment`): with them, the data-perimeter
   * RCP lets nobody else (break-glass aside) assume a member account's CDK deploy and
   * file-publishing roles, whatever those roles' trust policies say.
   * @default none: no pipeline, and the bootstrap roles' trust policies alone decide
   */
  readonly pipelineDeployRoleArns?: readonly string[];
  /**
   * The CDK bootstrap qualifier the landing zone deploys with: it names the bootstrap
   * roles and assets buckets the policies protect and exempt.
   * @default DefaultStackSynthesizer.DEFAULT_QUALIFIER (hnb659fds)
   */
  readonly qualifier?: string;
  /**
   * Whether people come through IAM Identity Center (config `identityCenter`): then the
   * guardrail protection also keeps every account's Identity Center SAML provider and
   * permission-set roles to the service.
   * @default false
   */
  readonly identityCenter?: boolean;
}

/**
 * Region guard: deny every action requested outside the allowed regions, except the
 * global services that have no regional endpoint, for every principal but the
 * break-glass role. Plus the two ways around a region condition: S3 replication
 * (whose destination the condition cannot see) and enabling opt-in regions.
 */
export function regionGuardScp(inputs: GuardrailInputs): PolicyDocument {
  const breakGlass = breakGlassRolePattern(inputs.partition, inputs.breakGlassRoleName);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: [...GLOBAL_SERVICE_ACTIONS],
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:RequestedRegion': [...inputs.allowedRegions] },
          ArnNotLike: { 'aws:PrincipalARN': [breakGlass] },
        },
      },
      {
        Sid: 'DenyReplicationConfigurationOutsidePlatform',
        Effect: 'Deny',
        Action: ['s3:PutReplicationConfiguration'],
        Resource: '*',
        Condition: {
          ArnNotLike: { 'aws:PrincipalARN': [deploymentRolesPattern(inputs.partition, inputs.qualifier), breakGlass] },
        },
      },
      {
        Sid: 'DenyEnablingOtherRegions',
        Effect: 'Deny',
        Action: ['account:EnableRegion'],
        Resource: '*',
        Condition: { StringNotEquals: { 'account:TargetRegion': [...inputs.allowedRegions] } },
      },
    ],
  };
}

/** Everything that changes what a role is, what it may do or who may assume it. */
const ROLE_CHANGE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
];

/** Everything that changes a function's code, configuration, permissions or aliases, and invoking it directly. */
const FUNCTION_CHANGE_ACTIONS = [
  'lambda:AddPermission',
  'lambda:CreateAlias',
  'lambda:CreateFunctionUrlConfig',
  'lambda:DeleteFunction',
  'lambda:DeleteFunctionUrlConfig',
  'lambda:InvokeFunction',
  'lambda:PublishVersion',
  'lambda:PutFunctionConcurrency',
  'lambda:PutFunctionEventInvokeConfig',
  'lambda:RemovePermission',
  'lambda:UpdateAlias',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:UpdateFunctionEventInvokeConfig',
  'lambda:UpdateFunctionUrlConfig',
];

/**
 * Protects the guardrails themselves: the audit trail, AWS Config, membership of the
 * organization, the roles the platform deploys with and the break-glass role, the
 * single-Region rule for keys, and account-level S3 Block Public Access.
 */
export function guardrailProtectionScp(inputs: GuardrailInputs): PolicyDocument {
  const breakGlass = breakGlassRolePattern(inputs.partition, inputs.breakGlassRoleName);
  const suverenRoles = suverenRolePatterns(inputs.partition);
  const unlessBreakGlass = { ArnNotLike: { 'aws:PrincipalARN': [breakGlass] } };
  const unlessPlatform = { ArnNotLike: { 'aws:PrincipalARN': [deploymentRolesPattern(inputs.partition, inputs.qualifier), breakGlass] } };
  const stackSetExecution = `arn:${inputs.partition}:iam::*:role/${STACKSET_EXECUTION_ROLE_PATTERN_NAME}`;
  // The conformance baseline StackSet creates the recorders, rules and their roles as
  // stacksets-exec-*, which DenyImpersonatingStackSetExecution keeps to the real one.
  const configManagers = (inputs.configManagerRoleNames ?? []).map((name) => `arn:${inputs.partition}:iam::*:role/${name}`);
  const unlessConfigOwner = { ArnNotLike: { 'aws:PrincipalARN': [breakGlass, stackSetExecution, ...configManagers] } };
  const unlessPlatformOrStackSet = {
    ArnNotLike: { 'aws:PrincipalARN': [deploymentRolesPattern(inputs.partition, inputs.qualifier), breakGlass, stackSetExecution] },
  };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ProtectCloudTrail',
        Effect: 'Deny',
        Action: ['cloudtrail:StopLogging'],
        Resource: '*',
        Condition: unlessBreakGlass,
      },
      // The audit stack's own updates reconfigure the trail through the deployment role,
      // and a replacement or a rollback deletes the trail it replaces.
      {
        Sid: 'ProtectCloudTrailConfiguration',
        Effect: 'Deny',
        Action: ['cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:DeleteTrail'],
        Resource: '*',
        Condition: unlessPlatform,
      },
      {
        Sid: 'ProtectConfig',
        Effect: 'Deny',
        Action: [
          'config:StopConfigurationRecorder',
          'config:DeleteConfigurationRecorder',
          'config:DeleteDeliveryChannel',
          'config:DeleteRetentionConfiguration',
          // Wiping a rule's results would hide a NON_COMPLIANT resource until the next evaluation.
          'config:DeleteEvaluationResults',
        ],
        Resource: '*',
        Condition: unlessConfigOwner,
      },
      // Reconfiguring the recorder can make it record nothing, the delivery channel send
      // history elsewhere, the retention drop it early, a changed or deleted rule stop
      // judging; only deployments may. Wildcards only where every match is a change
      // (`*ConfigRule` alone would also match the reads GetComplianceDetailsByConfigRule).
      {
        Sid: 'ProtectConfigRecorderSettings',
        Effect: 'Deny',
        Action: [
          'config:PutConfigurationRecorder',
          // Add or drop resource types of an INCLUSION_BY_RESOURCE_TYPES recorder (Config API
          // Reference, AssociateResourceTypes and DisassociateResourceTypes): dropping
          // AWS::S3::Bucket silences every change-triggered rule on buckets.
          'config:AssociateResourceTypes',
          'config:DisassociateResourceTypes',
          'config:PutDeliveryChannel',
          'config:PutRetentionConfiguration',
          'config:Put*ConfigRule',
          'config:Delete*ConfigRule',
          'config:*ConformancePack',
          'config:*ConfigurationAggregator',
        ],
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalARN': [...unlessPlatformOrStackSet.ArnNotLike['aws:PrincipalARN'], ...configManagers] } },
      },
      { Sid: 'DenyLeavingOrganization', Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: '*' },
      {
        Sid: 'ProtectPlatformRoles',
        Effect: 'Deny',
        Action: ROLE_CHANGE_ACTIONS,
        Resource: [stackSetExecution],
        Condition: unlessBreakGlass,
      },
      // Suveren-Bootstrap's StackSet creates and updates the bootstrap roles and their
      // boundary as the StackSet execution role; nobody else but the break-glass role may.
      // Otherwise an administrator could name a role of its own stacksets-exec-* and borrow
      // the exemption below; AWS Organizations creates the real ones through a service-linked
      // role, which SCPs do not bind.
      {
        Sid: 'DenyImpersonatingStackSetExecution',
        Effect: 'Deny',
        Action: ['iam:CreateRole'],
        Resource: [stackSetExecution],
        Condition: unlessBreakGlass,
      },
      // suveren's own roles and functions: the HSM key handler and the upload functions
      // act with permissions no tenant administrator has (a provisioner role in the
      // key-custody account, reads before inspection). Only deployments may change,
      // pass or invoke them, so an administrator cannot borrow those permissions.
      {
        Sid: 'ProtectSuverenRoles',
        Effect: 'Deny',
        Action: [...ROLE_CHANGE_ACTIONS, 'iam:CreateRole', 'iam:PassRole'],
        Resource: suverenRoles,
        // A pass to S3 Batch Operations is decided by the next statement (absent for every other action).
        Condition: { ...unlessPlatformOrStackSet, StringNotEqualsIfExists: { 'iam:PassedToService': BATCH_OPERATIONS_SERVICE } },
      },
      // S3 Batch Replication (docs/continuity.md): a tenant's restorer starts the job and passes it
      // the tenant's batch replication role, which its identity policy alone names. Nobody else may
      // pass any suveren role to S3 Batch Operations.
      {
        Sid: 'OnlyRestorersPassToBatchOps',
        Effect: 'Deny',
        Action: ['iam:PassRole'],
        Resource: suverenRoles,
        Condition: {
          StringEquals: { 'iam:PassedToService': BATCH_OPERATIONS_SERVICE },
          ArnNotLike: { 'aws:PrincipalARN': [`arn:${inputs.partition}:iam::*:role/${restorerRoleName('*')}`] },
        },
      },
      // A suveren role trusts only its permission-set roles (docs/people.md). Identity Center
      // makes those, and the AWSSSO_* SAML provider that mints their sessions, through its
      // service-linked role, which SCPs do not bind; nobody else may create, change or
      // delete them, so no account administrator can forge a permission-set session.
      ...(inputs.identityCenter
        ? [
            {
              Sid: 'ProtectIdentityCenterSessions',
              Effect: 'Deny' as const,
              Action: ['iam:UpdateSAMLProvider', 'iam:DeleteSAMLProvider', 'iam:CreateRole', ...ROLE_CHANGE_ACTIONS],
              Resource: [
                `arn:${inputs.partition}:iam::*:${IDENTITY_CENTER_SAML_PROVIDER_PATTERN}`,
                `arn:${inputs.partition}:iam::*:${IDENTITY_CENTER_ROLE_PATH_PATTERN}`,
              ],
              Condition: unlessBreakGlass,
            },
          ]
        : []),
      {
        Sid: 'ProtectSuverenFunctions',
        Effect: 'Deny',
        Action: FUNCTION_CHANGE_ACTIONS,
        Resource: [`arn:${inputs.partition}:lambda:*:*:function:${SUVEREN_STACK_NAME_PREFIX}*`],
        Condition: {
          ArnNotLike: { 'aws:PrincipalARN': [deploymentRolesPattern(inputs.partition, inputs.qualifier), breakGlass, stackSetExecution, ...suverenRoles] },
        },
      },
      {
        Sid: 'DenyMultiRegionKeys',
        Effect: 'Deny',
        Action: ['kms:CreateKey'],
        Resource: '*',
        Condition: { Bool: { 'kms:MultiRegion': 'true' } },
      },
      { Sid: 'DenyKeyReplication', Effect: 'Deny', Action: ['kms:ReplicateKey', 'kms:UpdatePrimaryRegion'], Resource: '*' },
      {
        Sid: 'ProtectS3BlockPublicAccess',
        Effect: 'Deny',
        Action: ['s3:PutAccountPublicAccessBlock'],
        Resource: '*',
        Condition: unlessBreakGlass,
      },
    ],
  };
}

/** The CloudFormation operations that change, roll back or delete a stack. */
const STACK_CHANGE_ACTIONS = [
  'cloudformation:ContinueUpdateRollback',
  'cloudformation:CreateChangeSet',
  'cloudformation:CreateStack',
  'cloudformation:DeleteStack',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:RollbackStack',
  'cloudformation:SetStackPolicy',
  'cloudformation:UpdateStack',
  'cloudformation:UpdateTerminationProtection',
];

/**
 * Only the pipeline deploys (with break-glass for emergencies): a second SCP beside the
 * guardrail protection, since one SCP holds at most 5,120 characters.
 * - The bootstrap roles and both permissions boundaries change only through the
 *   bootstrap StackSets (stacksets-exec-*).
 * - Nobody but a CDK deploy role passes a CloudFormation execution role: an account's
 *   administrator cannot hand CloudFormation the role that may change suveren's resources.
 * - Nobody but a deploy role (or a StackSet) changes a `Suveren-*` stack, the `CDKToolkit`
 *   stack or a suveren StackSet's instance. CloudFormation keeps using a stack's service
 *   role for a caller who omits RoleARN (CreateChangeSet and UpdateStack API reference), so
 *   without this an administrator updates a suveren stack as its execution role.
 * - Nobody but the publishing roles writes the bootstrap assets buckets: a Lambda bundle
 *   replaced there would be deployed, unreviewed, by the next deployment of its stack.
 * The roles named here are themselves kept to the pipeline by the data-perimeter RCP
 * (dataPerimeterRcp), so an exemption by name is not a way around.
 */
export function deployPathScp(inputs: GuardrailInputs): PolicyDocument {
  const p = inputs.partition;
  const breakGlass = breakGlassRolePattern(p, inputs.breakGlassRoleName);
  const stackSetExecution = `arn:${p}:iam::*:role/${STACKSET_EXECUTION_ROLE_PATTERN_NAME}`;
  const deployRole = bootstrapRoleArnPattern(p, 'deploy', inputs.qualifier);
  const unlessBootstrap = { ArnNotLike: { 'aws:PrincipalARN': [breakGlass, stackSetExecution] } };
  return {
    Version: '2012-10-17',
    Statement: [
      // CreateRole too: a role of a bootstrap role's name (a deploy role an administrator made,
      // trusting its own identity provider) would borrow every exemption below.
      {
        Sid: 'ProtectBootstrapRoles',
        Effect: 'Deny',
        Action: [...ROLE_CHANGE_ACTIONS, 'iam:CreateRole'],
        Resource: [bootstrapRolesPattern(p, inputs.qualifier)],
        Condition: unlessBootstrap,
      },
      // Suveren-Bootstrap's platform-roles StackSet creates and updates the break-glass role
      // as the StackSet execution role; nobody else but the role itself may create it (no
      // look-alike planted before the StackSet reaches a new account) or change it.
      {
        Sid: 'ProtectBreakGlassRole',
        Effect: 'Deny',
        Action: [...ROLE_CHANGE_ACTIONS, 'iam:CreateRole'],
        Resource: [breakGlass],
        Condition: unlessBootstrap,
      },
      {
        Sid: 'ProtectBoundaries',
        Effect: 'Deny',
        // CreatePolicy too: a policy of the boundary's name made first would pass the boundary condition.
        Action: ['iam:CreatePolicy', 'iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
        Resource: [EXECUTION_BOUNDARY_POLICY_NAME, WORKLOAD_BOUNDARY_POLICY_NAME].map((name) => `arn:${p}:iam::*:policy/${name}`),
        Condition: unlessBootstrap,
      },
      {
        Sid: 'DenyPassingExecutionRoles',
        Effect: 'Deny',
        Action: ['iam:PassRole'],
        Resource: [deploymentRolesPattern(p, inputs.qualifier)],
        Condition: { ArnNotLike: { 'aws:PrincipalARN': [deployRole, breakGlass] } },
      },
      {
        Sid: 'DenyStackChangesOutsidePipeline',
        Effect: 'Deny',
        Action: STACK_CHANGE_ACTIONS,
        Resource: [`${SUVEREN_STACK_NAME_PREFIX}*`, 'CDKToolkit', 'StackSet-suveren-*'].map((name) => `arn:${p}:cloudformation:*:*:stack/${name}/*`),
        Condition: { ArnNotLike: { 'aws:PrincipalARN': [deployRole, stackSetExecution, breakGlass] } },
      },
      {
        Sid: 'ProtectDeploymentAssets',
        Effect: 'Deny',
        Action: ['s3:PutObject', 's3:ReplicateObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
        Resource: [bootstrapAssetsBucketPattern(p, inputs.qualifier), `${bootstrapAssetsBucketPattern(p, inputs.qualifier)}/*`],
        Condition: {
          ArnNotLike: { 'aws:PrincipalARN': [bootstrapRoleArnPattern(p, 'file-publishing', inputs.qualifier), deployRole, stackSetExecution, breakGlass] },
        },
      },
    ],
  };
}

/** Services whose resources the data perimeter covers (the services RCPs support). */
/**
 * Key origin in the accounts of external key stores, as Control Tower's CT.KMS.PV.6 does:
 * no KMS key may be created there but one whose material is in an external key store, so
 * a tenant of tier `external` can never be given a key AWS holds, whoever asks. The
 * platform's deployment roles (which create the account's operations key) and the
 * break-glass role are exempt, as CT.KMS.PV.6's ExemptedPrincipalArns are meant for.
 */
export function externalKeyOriginScp(inputs: GuardrailInputs): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ExternalKeyStoreKeysOnly',
        Effect: 'Deny',
        Action: ['kms:CreateKey'],
        Resource: '*',
        Condition: {
          StringNotEquals: { 'kms:KeyOrigin': 'EXTERNAL_KEY_STORE' },
          ArnNotLike: {
            'aws:PrincipalARN': [
              deploymentRolesPattern(inputs.partition, inputs.qualifier),
              breakGlassRolePattern(inputs.partition, inputs.breakGlassRoleName),
            ],
          },
        },
      },
    ],
  };
}

export const DATA_PERIMETER_ACTIONS = ['s3:*', 'kms:*', 'sts:*', 'secretsmanager:*', 'sqs:*'];

/**
 * The identity perimeter covers STS only for calls made by an AWS principal: the
 * federation calls (AssumeRoleWithSAML, AssumeRoleWithWebIdentity) carry no
 * aws:PrincipalOrgID, and denying them would lock out IAM Identity Center, SAML and
 * OIDC roles, the break-glass role included. The list follows AWS's
 * data-perimeter-policy-examples identity perimeter RCP.
 */
export const IDENTITY_PERIMETER_ACTIONS = [
  's3:*',
  'kms:*',
  'secretsmanager:*',
  'sqs:*',
  'sts:AssumeRole',
  'sts:DecodeAuthorizationMessage',
  'sts:GetAccessKeyInfo',
  'sts:GetFederationToken',
  'sts:GetServiceBearerToken',
  'sts:GetSessionToken',
  'sts:SetContext',
];

/**
 * Resource control policy for the data perimeter: resources of the organization
 * refuse principals from outside it (AWS services acting on a customer's behalf
 * excepted, as in AWS's RCP examples), and refuse requests without TLS.
 */
export function dataPerimeterRcp(inputs: GuardrailInputs): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EnforceOrgIdentities',
        Effect: 'Deny',
        Principal: '*',
        Action: IDENTITY_PERIMETER_ACTIONS,
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': inputs.organizationId },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
      ...(inputs.pipelineDeployRoleArns && inputs.pipelineDeployRoleArns.length > 0
        ? [
            {
              // A bootstrap deploy role trusts its own account unconditionally (the CDK bootstrap
              // template's "AssumeRole for same account" statement, which no parameter removes),
              // so a tenant account's administrator could deploy around the pipeline. An RCP binds
              // the role as a resource, whoever calls; an SCP on the tenant account would never
              // see the pipeline's role of the deployment account.
              Sid: 'OnlyPipelineAssumesDeployRoles',
              Effect: 'Deny' as const,
              Principal: '*' as const,
              // Federated sessions carry no aws:PrincipalArn of the pipeline: all refused.
              Action: ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
              Resource: [
                bootstrapRoleArnPattern(inputs.partition, 'deploy', inputs.qualifier),
                bootstrapRoleArnPattern(inputs.partition, 'file-publishing', inputs.qualifier),
              ],
              Condition: {
                ArnNotLike: { 'aws:PrincipalARN': [...inputs.pipelineDeployRoleArns, breakGlassRolePattern(inputs.partition, inputs.breakGlassRoleName)] },
              },
            },
          ]
        : []),
      {
        Sid: 'EnforceSecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: DATA_PERIMETER_ACTIONS,
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

/** Organizations' size limit for SCPs and RCPs, in characters of JSON without whitespace. */
export const ORGANIZATION_POLICY_MAX_CHARS = 5120;

/** The size Organizations counts: the document serialized without insignificant whitespace. */
export function organizationPolicySize(document: PolicyDocument): number {
  return JSON.stringify(document).length;
}
