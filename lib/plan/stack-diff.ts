import { fullDiff, ResourceImpact, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import type { Json } from '../compliance/cfn-inspect';
import { lifecycleOf } from './resource-lifecycle';
import type { CloudFormationTemplate } from './plan-assembly';

/*
 * One stack's change, resource by resource, as CloudFormation would carry it out: built
 * on @aws-cdk/cloudformation-diff (cdk diff's engine, which reads replacement behaviour
 * from the CloudFormation resource specification), with suveren's own custom resources
 * judged by their declared lifecycle, which the specification cannot know.
 */

export type ResourceImpactKind = 'create' | 'update' | 'replace' | 'may-replace' | 'destroy' | 'orphan' | 'import';

export interface ResourceChangeEntry {
  readonly logicalId: string;
  readonly type: string;
  readonly impact: ResourceImpactKind;
  /** The properties whose change replaces the resource. */
  readonly replacedBy: readonly string[];
  /** Properties whose change a suveren handler refuses, with why. */
  readonly refused: readonly { readonly property: string; readonly why: string }[];
  /** Every changed property, sorted. */
  readonly changedProperties: readonly string[];
  readonly stateful: boolean;
  /** The value of the resource's unique name, as template JSON, when the template sets one. */
  readonly name?: string;
  /** The DeletionPolicy/UpdateReplacePolicy in force on the old resource. */
  readonly retainedOnReplace: boolean;
}

export interface StackDiff {
  readonly changes: readonly ResourceChangeEntry[];
  /** cloudformation-diff's own reading, for IAM statement changes. */
  readonly templateDiff: ReturnType<typeof fullDiff>;
}

const IMPACT: Record<ResourceImpact, ResourceImpactKind | undefined> = {
  [ResourceImpact.WILL_CREATE]: 'create',
  [ResourceImpact.WILL_UPDATE]: 'update',
  [ResourceImpact.WILL_REPLACE]: 'replace',
  [ResourceImpact.MAY_REPLACE]: 'may-replace',
  [ResourceImpact.WILL_DESTROY]: 'destroy',
  [ResourceImpact.WILL_ORPHAN]: 'orphan',
  [ResourceImpact.WILL_IMPORT]: 'import',
  [ResourceImpact.NO_CHANGE]: undefined,
};

function nameValue(type: string, properties: Record<string, Json> | undefined): string | undefined {
  const property = lifecycleOf(type).nameProperty;
  const value = property === undefined ? undefined : properties?.[property];
  return value === undefined ? undefined : JSON.stringify(value);
}

function entryOf(logicalId: string, diff: ResourceDifference): ResourceChangeEntry | undefined {
  const type = diff.newResourceType ?? diff.oldResourceType ?? 'unknown';
  const lifecycle = lifecycleOf(type);
  const changedProperties = Object.keys(diff.propertyUpdates).sort();
  const old = diff.oldValue as { DeletionPolicy?: string; UpdateReplacePolicy?: string } | undefined;
  const base = {
    logicalId,
    type,
    changedProperties,
    stateful: lifecycle.stateful,
    name: nameValue(type, (diff.newValue ?? diff.oldValue)?.Properties),
    retainedOnReplace: old?.UpdateReplacePolicy === 'Retain' || old?.UpdateReplacePolicy === 'Snapshot',
  };
  const custom = lifecycle.custom;
  if (custom && diff.isRemoval) {
    return { ...base, impact: custom.onDelete === 'kept' || old?.DeletionPolicy === 'Retain' ? 'orphan' : 'destroy', replacedBy: [], refused: [] };
  }
  if (type.startsWith('Custom::') && diff.isUpdate && !diff.resourceTypeChanged) {
    // The specification knows no custom resource: any property change is an update of it,
    // and suveren's handlers say which ones replace it or are refused.
    if (changedProperties.length === 0 && Object.keys(diff.otherChanges).length === 0) return undefined;
    const replacedBy = changedProperties.filter((p) => custom?.replacedBy.includes(p));
    const refused = changedProperties.filter((p) => custom?.refusedChanges[p] !== undefined).map((p) => ({ property: p, why: custom!.refusedChanges[p] }));
    return { ...base, impact: replacedBy.length > 0 ? 'replace' : 'update', replacedBy, refused };
  }
  const impact = IMPACT[diff.changeImpact];
  if (impact === undefined) return undefined;
  const replacedBy = Object.entries(diff.propertyUpdates)
    .filter(([, p]) => p.changeImpact === ResourceImpact.WILL_REPLACE || p.changeImpact === ResourceImpact.MAY_REPLACE)
    .map(([name]) => name)
    .sort();
  return { ...base, impact, replacedBy: diff.resourceTypeChanged ? ['Type'] : replacedBy, refused: [] };
}

/** The resource changes from `before` to `after` (either may be absent: a stack created or removed). */
export function diffStack(before: CloudFormationTemplate | undefined, after: CloudFormationTemplate | undefined): StackDiff {
  const templateDiff = fullDiff(before ?? {}, after ?? {});
  const changes: ResourceChangeEntry[] = [];
  templateDiff.resources.forEachDifference((logicalId, diff) => {
    const entry = entryOf(logicalId, diff);
    if (entry) changes.push(entry);
  });
  return { changes: changes.sort((a, b) => a.logicalId.localeCompare(b.logicalId)), templateDiff };
}
