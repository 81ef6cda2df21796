import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { OrganizationPolicy } from '../constructs/organization/organization-policy';
import {
  type GuardrailInputs,
  dataPerimeterRcp,
  deployPathScp,
  externalKeyOriginScp,
  guardrailProtectionScp,
  regionGuardScp,
} from '../guardrails/policy-documents';
import { partitionOf } from '../regions';
import { DEPLOY_PATH_SCP_NAME, EXTERNAL_KEY_ORIGIN_SCP_NAME } from '@suveren/core/contracts/names';
import { isUsable } from '@suveren/core/partitions';
import type { LockedAccount } from '@suveren/core/config/account-lock';
import { CREATED_ACCOUNTS_METADATA } from '@suveren/core/contracts/names';

export interface GuardrailsStackProps extends StackProps {
  /** The organization section of the config. */
  readonly organization: SuverenConfig['organization'];
  /**
   * The accounts that hold external key stores: the key-origin SCP attaches to them.
   * @default none: no key-origin SCP
   */
  readonly externalKeyStoreAccounts?: readonly string[];
  /**
   * Roles that manage existing AWS Config recorders (config `conformance.recorderManagerRoleNames`).
   * @default none: suveren's StackSet manages the recorders
   */
  readonly configManagerRoleNames?: readonly string[];
  /**
   * The pipeline's deploy project roles: the data-perimeter RCP lets only them (and
   * break-glass) assume the member accounts' CDK deploy and publishing roles.
   * @default none: no pipeline, and the bootstrap roles' own trust policies decide
   */
  readonly pipelineDeployRoleArns?: readonly string[];
  /**
   * The CDK bootstrap qualifier of the landing zone's stacks.
   * @default DefaultStackSynthesizer.DEFAULT_QUALIFIER
   */
  readonly qualifier?: string;
  /**
   * The accounts `suveren accounts create` made (the config's lock file), recorded in the
   * template's metadata so that `suveren plan` refuses a deployment that drops one.
   * @default none
   */
  readonly createdAccounts?: readonly LockedAccount[];
  /**
   * Whether people reach their roles through IAM Identity Center (config `identityCenter`).
   * @default false
   */
  readonly identityCenter?: boolean;
}

/**
 * The organization's preventive guardrails, deployed in the management account: the
 * region-guard SCP, the SCP that protects the guardrails themselves, the SCP that keeps
 * deployments to the pipeline, and the data-perimeter RCP, attached to `organization.guardrailTargets`; and the key-origin SCP,
 * attached to the accounts of external key stores.
 *
 * SCPs and RCPs never restrict the management account or service-linked roles: keep
 * workloads out of the management account. A target carries at most five SCPs, AWS's
 * FullAWSAccess included: suveren attaches three to each guardrail target.
 */
export class GuardrailsStack extends Stack {
  public readonly regionGuard: OrganizationPolicy;
  public readonly guardrailProtection: OrganizationPolicy;
  /** The SCP that keeps deployments to the pipeline and break-glass. */
  public readonly deployPath: OrganizationPolicy;
  /** The data-perimeter RCP; undefined in a partition without resource control policies (packages/core/partitions.ts). */
  public readonly dataPerimeter?: OrganizationPolicy;
  /** The key-origin SCP of the external key stores' accounts; undefined without external key stores. */
  public readonly externalKeyOrigin?: OrganizationPolicy;

  constructor(scope: Construct, id: string, props: GuardrailsStackProps) {
    super(scope, id, { description: 'suveren organization guardrails: region guard, guardrail protection, data perimeter', ...props });
    const { organization } = props;
    const inputs: GuardrailInputs = {
      allowedRegions: organization.allowedRegions,
      partition: partitionOf(organization.homeRegion),
      breakGlassRoleName: organization.breakGlassRoleName,
      organizationId: organization.organizationId,
      configManagerRoleNames: props.configManagerRoleNames,
      pipelineDeployRoleArns: props.pipelineDeployRoleArns,
      qualifier: props.qualifier,
      identityCenter: props.identityCenter,
    };
    const targetIds = organization.guardrailTargets;
    // Read by the plan (lib/plan/created-accounts.ts); absent when suveren created no account, so such templates are unchanged.
    if (props.createdAccounts && props.createdAccounts.length > 0) {
      this.templateOptions.metadata = {
        [CREATED_ACCOUNTS_METADATA]: props.createdAccounts.map(({ id, email, name, organizationalUnit }) => ({ id, email, name, organizationalUnit })),
      };
    }
    this.regionGuard = new OrganizationPolicy(this, 'RegionGuard', {
      policyName: 'suveren-region-guard',
      description: `Denies every request outside ${organization.allowedRegions.join(', ')} except global services; S3 replication and region opt-in outside the platform`,
      type: 'SERVICE_CONTROL_POLICY',
      document: regionGuardScp(inputs),
      targetIds,
    });
    this.guardrailProtection = new OrganizationPolicy(this, 'GuardrailProtection', {
      policyName: 'suveren-guardrail-protection',
      description: 'Protects CloudTrail, Config, organization membership, platform and break-glass roles, single-Region keys and S3 Block Public Access',
      type: 'SERVICE_CONTROL_POLICY',
      document: guardrailProtectionScp(inputs),
      targetIds,
    });
    this.deployPath = new OrganizationPolicy(this, 'DeployPath', {
      policyName: DEPLOY_PATH_SCP_NAME,
      description: 'Only the pipeline deploys: bootstrap roles and boundaries, passing execution roles, suveren stacks, deployment assets',
      type: 'SERVICE_CONTROL_POLICY',
      document: deployPathScp(inputs),
      targetIds,
    });
    const storeAccounts = [...new Set(props.externalKeyStoreAccounts ?? [])];
    if (storeAccounts.length > 0) {
      this.externalKeyOrigin = new OrganizationPolicy(this, 'ExternalKeyOrigin', {
        policyName: EXTERNAL_KEY_ORIGIN_SCP_NAME,
        description: 'In the accounts of external key stores, KMS keys may only be created in an external key store (as Control Tower CT.KMS.PV.6)',
        type: 'SERVICE_CONTROL_POLICY',
        document: externalKeyOriginScp(inputs),
        targetIds: storeAccounts,
      });
    }
    // Where the partition has no RCPs, the bucket and key policies carry the perimeter
    // alone; the evidence report names them and the residual gap.
    if (isUsable(inputs.partition, 'organizations:rcp', organization.assumeAvailable)) {
      this.dataPerimeter = new OrganizationPolicy(this, 'DataPerimeter', {
        policyName: 'suveren-data-perimeter',
        description: 'S3, KMS, STS, Secrets Manager and SQS resources refuse principals outside the organization and requests without TLS',
        type: 'RESOURCE_CONTROL_POLICY',
        document: dataPerimeterRcp(inputs),
        targetIds,
      });
    }
  }
}
