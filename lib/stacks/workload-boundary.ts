import { CfnResource, type Stack } from 'aws-cdk-lib';
import { WORKLOAD_BOUNDARY_POLICY_NAME } from '../contracts/names';

const ROLE_TYPE = 'AWS::IAM::Role';

/**
 * Gives every IAM role of `stack` the workload boundary (lib/pipeline/execution-boundary.ts),
 * which the execution boundary of a member account's CloudFormation execution role requires
 * of every role it creates. A pass over the finished stack, not an aspect: aspects on apps
 * of more than 100 stacks can hit CDK's aspect-stabilization limit. A validation then fails
 * synth for any role added after the pass, which would fail its deployment.
 */
export function applyWorkloadBoundary(stack: Stack): void {
  const boundary = `arn:${stack.partition}:iam::${stack.account}:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}`;
  const bounded = new Set<CfnResource>();
  for (const construct of stack.node.findAll()) {
    if (CfnResource.isCfnResource(construct) && construct.cfnResourceType === ROLE_TYPE) {
      construct.addPropertyOverride('PermissionsBoundary', boundary);
      bounded.add(construct);
    }
  }
  stack.node.addValidation({
    validate: () =>
      stack.node
        .findAll()
        .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === ROLE_TYPE && !bounded.has(c))
        .map(
          (role) =>
            `${role.node.path}: this role was added after the workload boundary was applied; the member account's execution boundary refuses to create a role without ${WORKLOAD_BOUNDARY_POLICY_NAME}. Create it in the stack's constructor.`,
        ),
  });
}
