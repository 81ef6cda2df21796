import { CfnResource, type Stack } from 'aws-cdk-lib';
import { WORKLOAD_BOUNDARY_POLICY_NAME } from '@suveren/core/contracts/names';

const ROLE_TYPE = 'AWS::IAM::Role';

/** The roles each stack's pass has bounded, so a second pass bounds only what was added since. */
const boundedRoles = new WeakMap<Stack, Set<CfnResource>>();

const rolesOf = (stack: Stack) => stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === ROLE_TYPE);

/**
 * Gives every IAM role of `stack` the workload boundary (lib/pipeline/execution-boundary.ts),
 * which the execution boundary of a member account's CloudFormation execution role requires
 * of every role it creates. A pass over the finished stack, not an aspect: aspects on apps
 * of more than 100 stacks can hit CDK's aspect-stabilization limit. `addLandingZone` runs it
 * over the stacks it composes; call it again after adding roles to one of them by hand. A
 * validation fails synth for any role no pass has bounded, which would fail its deployment.
 */
export function applyWorkloadBoundary(stack: Stack): void {
  const boundary = `arn:${stack.partition}:iam::${stack.account}:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}`;
  let bounded = boundedRoles.get(stack);
  if (!bounded) {
    const known = new Set<CfnResource>();
    bounded = known;
    boundedRoles.set(stack, known);
    stack.node.addValidation({
      validate: () =>
        rolesOf(stack)
          .filter((role) => !known.has(role))
          .map(
            (role) =>
              `${role.node.path}: this role has no ${WORKLOAD_BOUNDARY_POLICY_NAME}, and the member account's execution boundary refuses to create a role without it. Call applyWorkloadBoundary(stack) (lib/stacks/workload-boundary.ts) after adding roles to a suveren stack.`,
          ),
    });
  }
  for (const role of rolesOf(stack)) {
    if (bounded.has(role)) continue;
    role.addPropertyOverride('PermissionsBoundary', boundary);
    bounded.add(role);
  }
}
