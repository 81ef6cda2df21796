import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ServiceManagedStackSet } from '../constructs/pipeline/service-managed-stack-set';
import {
  BOOTSTRAP_STACK_SET_NAME,
  EXECUTION_BOUNDARY_POLICY_NAME,
  EXECUTION_BOUNDARY_STACK_SET_NAME,
  PLATFORM_ROLES_STACK_SET_NAME,
  WORKLOAD_BOUNDARY_POLICY_NAME,
} from '@suveren/core/contracts/names';
import { executionBoundaryDocument, workloadBoundaryDocument } from '../pipeline/execution-boundary';
import { partitionOf } from '../regions';
import { type PlatformRolesTemplateInputs, platformRolesTemplate } from '../pipeline/platform-roles-template';

/** The bootstrap template of the pinned CDK CLI, as `cdk bootstrap --show-template` prints it. */
export const CDK_BOOTSTRAP_TEMPLATE_FILE = require.resolve('aws-cdk/lib/api/bootstrap/bootstrap-template.yaml');

/** Template metadata: the SHA-256 of the bootstrap template the StackSet deploys, for the evidence and for review. */
export const BOOTSTRAP_TEMPLATE_SHA256_METADATA_KEY = 'SuverenCdkBootstrapTemplateSha256';

export interface BootstrapStackProps extends StackProps {
  /** The OUs (or root) whose accounts the landing zone deploys to. */
  readonly organizationalUnitIds: readonly string[];
  /** The allowed regions: each account is bootstrapped in each. */
  readonly regions: readonly string[];
  /** The region the execution boundary (an IAM policy, global to its account) is deployed from. */
  readonly boundaryRegion: string;
  /** The bootstrap qualifier the landing zone's stacks are synthesized with. */
  readonly qualifier: string;
  /** The only principals the bootstrap deploy and publishing roles trust: the pipeline's deploy project roles. */
  readonly trustedDeployRoleArns: readonly string[];
  /**
   * The deployment account: its execution role may create roles without the workload
   * boundary, since its Suveren-Pipeline deploys before this StackSet creates the boundary.
   */
  readonly deploymentAccount: string;
  /**
   * The platform roles every member account of the OUs gets from a StackSet (config
   * `organization.platformRoles`): break-glass everywhere, the crypto officer in key-custody accounts.
   * @default none: the platform team creates them by hand before moving an account into a guarded OU
   */
  readonly platformRoles?: Omit<PlatformRolesTemplateInputs, 'partition'>;
}

/**
 * Suveren-Bootstrap, in the deployment account as the organization's delegated
 * administrator for StackSets: two service-managed StackSets over the landing zone's OUs.
 * - `suveren-execution-boundary`: the managed policies EXECUTION_BOUNDARY_POLICY_NAME, the
 *   boundary of every bootstrap role, and WORKLOAD_BOUNDARY_POLICY_NAME, which every role a
 *   deployment creates must carry; once per account (IAM is global);
 * - `suveren-bootstrap`: the pinned CDK CLI's own bootstrap template, unchanged, in every
 *   allowed region, with every parameter explicit: the qualifier, trust in the pipeline's
 *   deploy project roles only (not the deployment account), AdministratorAccess capped by
 *   the boundary, a customer-managed key per account for the assets bucket, no lookups.
 * Service-managed StackSets never reach the management account: its bootstrap stays a
 * hand step (docs/deploying.md).
 */
export class BootstrapStack extends Stack {
  public readonly boundary: ServiceManagedStackSet;
  public readonly bootstrap: ServiceManagedStackSet;
  /** The platform roles' StackSet; undefined without `platformRoles`. */
  public readonly platformRoles?: ServiceManagedStackSet;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id, {
      description: 'suveren bootstrap: the CDK bootstrap template in every target account and region, as service-managed StackSets',
      ...props,
    });
    const template = fs.readFileSync(CDK_BOOTSTRAP_TEMPLATE_FILE, 'utf8');
    this.templateOptions.metadata = {
      ...this.templateOptions.metadata,
      [BOOTSTRAP_TEMPLATE_SHA256_METADATA_KEY]: createHash('sha256').update(template).digest('hex'),
    };
    this.boundary = new ServiceManagedStackSet(this, 'ExecutionBoundary', {
      stackSetName: EXECUTION_BOUNDARY_STACK_SET_NAME,
      description: 'suveren: the permissions boundary of the CDK bootstrap roles',
      templateBody: JSON.stringify({
        Description: 'suveren: what a CloudFormation deployment may never do in this account, whatever its template says',
        Conditions: { InDeploymentAccount: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, props.deploymentAccount] } },
        Resources: {
          ExecutionBoundary: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              ManagedPolicyName: EXECUTION_BOUNDARY_POLICY_NAME,
              Description: 'suveren: boundary of the CDK bootstrap roles',
              PolicyDocument: { 'Fn::If': ['InDeploymentAccount', executionBoundaryDocument(false), executionBoundaryDocument(true)] },
            },
          },
          WorkloadBoundary: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              ManagedPolicyName: WORKLOAD_BOUNDARY_POLICY_NAME,
              Description: 'suveren: boundary of every role a deployment creates',
              PolicyDocument: workloadBoundaryDocument(),
            },
          },
        },
      }),
      parameters: {},
      organizationalUnitIds: props.organizationalUnitIds,
      regions: [props.boundaryRegion],
    });
    this.bootstrap = new ServiceManagedStackSet(this, 'Bootstrap', {
      stackSetName: BOOTSTRAP_STACK_SET_NAME,
      description: `suveren: the CDK bootstrap (qualifier ${props.qualifier}) in every target account and region`,
      templateBody: template,
      parameters: {
        TrustedAccounts: props.trustedDeployRoleArns.join(','),
        // The app synthesizes offline: nothing looks anything up in the accounts.
        TrustedAccountsForLookup: '',
        CloudFormationExecutionPolicies: `arn:${this.partition}:iam::aws:policy/AdministratorAccess`,
        FileAssetsBucketName: '',
        // Empty: a customer-managed key of the account's own for the assets bucket.
        FileAssetsBucketKmsKeyId: '',
        ContainerAssetsRepositoryName: '',
        Qualifier: props.qualifier,
        PublicAccessBlockConfiguration: 'true',
        InputPermissionsBoundary: EXECUTION_BOUNDARY_POLICY_NAME,
        UseExamplePermissionsBoundary: 'false',
        ApplyPermissionsBoundaryToAllRoles: 'true',
        BootstrapVariant: 'AWS CDK: Default Resources',
        DenyExternalId: 'true',
      },
      organizationalUnitIds: props.organizationalUnitIds,
      regions: props.regions,
    });
    // The roles name the boundary: it must exist first.
    this.bootstrap.node.addDependency(this.boundary);
    if (props.platformRoles) {
      this.platformRoles = new ServiceManagedStackSet(this, 'PlatformRoles', {
        stackSetName: PLATFORM_ROLES_STACK_SET_NAME,
        description: 'suveren: the break-glass role in every account, the crypto officer in key-custody accounts',
        templateBody: JSON.stringify(platformRolesTemplate({ partition: partitionOf(props.boundaryRegion), ...props.platformRoles })),
        parameters: {},
        organizationalUnitIds: props.organizationalUnitIds,
        // IAM is global: once per account.
        regions: [props.boundaryRegion],
      });
    }
  }
}
