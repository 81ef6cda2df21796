import { Aws, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { PIPELINE_DEPLOY_ROLE_NAME, PIPELINE_ORGANIZATION_DEPLOY_ROLE_NAME, SUVEREN_STACK_NAME_PREFIX } from '@suveren/core/contracts/names';

/**
 * ARNs of the platform (processor) principals that tenant resources must keep trusting:
 * the CloudFormation execution role `cdk bootstrap` creates, which deploys and updates
 * every tenant resource. Built from the stack's own account, region and partition, so
 * they are right in every partition (never a literal `arn:aws:`).
 */
export function platformDeploymentRoleArn(scope: IConstruct): string {
  const stack = Stack.of(scope);
  const synthesizer = stack.synthesizer;
  const qualifier = (synthesizer instanceof DefaultStackSynthesizer ? synthesizer.bootstrapQualifier : undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return `arn:${Aws.PARTITION}:iam::${stack.account}:role/cdk-${qualifier}-cfn-exec-role-${stack.account}-${stack.region}`;
}

/**
 * ARN pattern, across every account of the organization, of the roles `cdk bootstrap`
 * creates (`cdk-<qualifier>-*`): the roles the platform deploys with, which the
 * guardrails protect and exempt where deployment needs it.
 */
export function bootstrapRolesPattern(partition: string, qualifier: string = DefaultStackSynthesizer.DEFAULT_QUALIFIER): string {
  return `arn:${partition}:iam::*:role/cdk-${qualifier}-*`;
}

/**
 * ARN pattern, in every account, of one kind of the roles `cdk bootstrap` creates for the
 * toolkit (`deploy`, `file-publishing`, `image-publishing`, `lookup`):
 * `cdk-<qualifier>-<kind>-role-<account>-<region>`.
 */
export function bootstrapRoleArnPattern(
  partition: string,
  kind: 'deploy' | 'file-publishing' | 'image-publishing' | 'lookup',
  qualifier: string = DefaultStackSynthesizer.DEFAULT_QUALIFIER,
): string {
  return `arn:${partition}:iam::*:role/cdk-${qualifier}-${kind}-role-*`;
}

/** ARN pattern of the CloudFormation execution roles `cdk bootstrap` creates, in every account. */
export function deploymentRolesPattern(partition: string, qualifier: string = DefaultStackSynthesizer.DEFAULT_QUALIFIER): string {
  return `arn:${partition}:iam::*:role/cdk-${qualifier}-cfn-exec-role-*`;
}

/** ARN pattern of the break-glass role in every account of the organization. */
export function breakGlassRolePattern(partition: string, roleName: string): string {
  return `arn:${partition}:iam::*:role/${roleName}`;
}

/**
 * ARN patterns of suveren's own roles in every account: the ones it names
 * (`suveren-<tenant>-<duty>`, lower case) and the ones CloudFormation names after the
 * stack (`Suveren-...`). The break-glass role is protected on its own.
 */
export function suverenRolePatterns(partition: string): string[] {
  return [`arn:${partition}:iam::*:role/suveren-*`, `arn:${partition}:iam::*:role/${SUVEREN_STACK_NAME_PREFIX}*`];
}

/**
 * ARN pattern, in every account, of the assets buckets `cdk bootstrap` creates
 * (`cdk-<qualifier>-assets-<account>-<region>`), from which CloudFormation deploys Lambda
 * bundles and large templates.
 */
export function bootstrapAssetsBucketPattern(partition: string, qualifier: string = DefaultStackSynthesizer.DEFAULT_QUALIFIER): string {
  return `arn:${partition}:s3:::cdk-${qualifier}-assets-*`;
}

/** The pipeline's two deploy project roles, in the deployment account. */
export interface PipelineDeployRoleArns {
  /** Deploys the pipeline, audit, guardrail, conformance and key-custody stacks. */
  readonly organization: string;
  /** Deploys the tenant stacks, and can reach no other account's deploy role. */
  readonly tenants: string;
}

/** The ARNs of the pipeline's deploy project roles, by name: no export ties stacks together. */
export function pipelineDeployRoleArns(partition: string, deploymentAccount: string): PipelineDeployRoleArns {
  return {
    organization: `arn:${partition}:iam::${deploymentAccount}:role/${PIPELINE_ORGANIZATION_DEPLOY_ROLE_NAME}`,
    tenants: `arn:${partition}:iam::${deploymentAccount}:role/${PIPELINE_DEPLOY_ROLE_NAME}`,
  };
}
