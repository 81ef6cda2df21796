import { CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Gives every CloudFormation element under `scope` the logical id it would have if
 * `scope` still had the construct id `formerId`. A deployed resource is identified by
 * its logical id: a construct that moves to a new id (because another construct now
 * takes its old one) would otherwise be deleted and created anew, and for a stateful
 * resource such as a KMS key that is data loss. `suveren plan` refuses such a change; this
 * is how a construct moves without one.
 *
 * The ids are allocated by a detached stack with the same construct path, so they follow
 * the CDK's own rules (aws-cdk-lib `Stack.allocateLogicalId`) rather than a copy of them.
 */
export function keepFormerLogicalIds(scope: Construct, formerId: string): void {
  const stack = Stack.of(scope);
  const probe = new Stack(undefined, 'FormerLogicalIdProbe');
  const fromStack = (node: Construct) => node.node.scopes.slice(node.node.scopes.indexOf(stack) + 1).map((c) => c.node.id);
  const formerScopePath = [...fromStack(scope).slice(0, -1), formerId];
  const depth = scope.node.scopes.length;
  for (const element of scope.node.findAll()) {
    if (!CfnElement.isCfnElement(element)) continue;
    const path = [...formerScopePath, ...element.node.scopes.slice(depth).map((c) => c.node.id)];
    let parent: Construct = probe;
    for (const id of path.slice(0, -1)) parent = parent.node.tryFindChild(id) ?? new Construct(parent, id);
    const twin = new CfnResource(parent, path[path.length - 1], { type: 'Suveren::Probe::Element' });
    element.overrideLogicalId(probe.resolve(twin.logicalId) as string);
  }
}
