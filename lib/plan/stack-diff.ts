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
  /** How a stateful resource's protection weakens, in words (a retention policy dropped, a deletion window shortened, ...). */
  readonly weakened: readonly string[];
}

type ResourceJson = { DeletionPolicy?: string; UpdateReplacePolicy?: string; Properties?: Record<string, Json> };

const KEPT = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** The values CloudFormation takes for properties a template leaves out (AWS::KMS::Key, template reference). */
const PROPERTY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, Json>>>> = {
  'AWS::KMS::Key': { KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'AWS_KMS', MultiRegion: false },
};

/** Number at a path of a resource's properties, if it is one. */
function numberAt(resource: ResourceJson | undefined, ...path: string[]): number | undefined {
  let value: unknown = resource?.Properties;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** What weakens the protection of a stateful resource from `old` to `now`. */
function weakenings(type: string, old: ResourceJson | undefined, now: ResourceJson | undefined): string[] {
  if (!old || !now) return [];
  const found: string[] = [];
  for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
    if (KEPT.has(old[policy] ?? '') && !KEPT.has(now[policy] ?? '')) found.push(`${policy} ${old[policy]} -> ${now[policy] ?? 'Delete (the default)'}`);
  }
  if (type === 'AWS::KMS::Key') {
    const before = numberAt(old, 'PendingWindowInDays') ?? 30;
    const after = numberAt(now, 'PendingWindowInDays') ?? 30;
    if (after < before) found.push(`PendingWindowInDays ${before} -> ${after} (a deletion scheduled by mistake can be cancelled for fewer days)`);
  }
  if (type === 'AWS::S3::Bucket') {
    const status = (r: ResourceJson) => (r.Properties?.VersioningConfiguration as { Status?: string } | undefined)?.Status;
    if (status(old) === 'Enabled' && status(now) !== 'Enabled')
      found.push(`versioning Enabled -> ${status(now) ?? 'not set'} (overwritten and deleted objects are no longer kept)`);
    const retention = (r: ResourceJson) => {
      const days = numberAt(r, 'ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Days');
      const years = numberAt(r, 'ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Years');
      return days ?? (years !== undefined ? years * 365 : undefined);
    };
    const before = retention(old);
    const after = retention(now);
    if (before !== undefined && (after === undefined || after < before))
      found.push(`Object Lock default retention ${before} days -> ${after === undefined ? 'none' : `${after} days`}`);
  }
  return found;
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
  const old = diff.oldValue as ResourceJson | undefined;
  const base = {
    logicalId,
    type,
    changedProperties,
    stateful: lifecycle.stateful,
    name: nameValue(type, (diff.newValue ?? diff.oldValue)?.Properties),
    retainedOnReplace: old?.UpdateReplacePolicy === 'Retain' || old?.UpdateReplacePolicy === 'Snapshot',
    weakened: lifecycle.stateful && diff.isUpdate ? weakenings(type, old, diff.newValue) : [],
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
  // A change of DeletionPolicy alone is no update to CloudFormation, but it is to the data's protection.
  const impact = IMPACT[diff.changeImpact] ?? (base.weakened.length > 0 ? 'update' : undefined);
  if (impact === undefined) return undefined;
  const replacedBy = Object.entries(diff.propertyUpdates)
    .filter(([, p]) => p.changeImpact === ResourceImpact.WILL_REPLACE || p.changeImpact === ResourceImpact.MAY_REPLACE)
    .map(([name]) => name)
    .sort();
  // A value made explicit at its default (MultiRegion absent -> false) changes nothing CloudFormation refuses.
  const valueOf = (r: ResourceJson | undefined, p: string) => JSON.stringify(r?.Properties?.[p] ?? PROPERTY_DEFAULTS[type]?.[p] ?? null);
  const refused = diff.isUpdate
    ? changedProperties
        .filter((p) => lifecycle.refusedChanges[p] !== undefined && valueOf(old, p) !== valueOf(diff.newValue as ResourceJson | undefined, p))
        .map((p) => ({ property: p, why: lifecycle.refusedChanges[p] }))
    : [];
  return { ...base, impact, replacedBy: diff.resourceTypeChanged ? ['Type'] : replacedBy, refused };
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
