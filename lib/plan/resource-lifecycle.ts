import { loadResourceModel } from '@aws-cdk/cloudformation-diff/lib/diff/util';
import { CUSTOM_RESOURCE_LIFECYCLE, type CustomResourceLifecycle } from '@suveren/core/contracts/custom-resources';

/*
 * What a resource type is to a change: whether it holds data (its loss loses data), and
 * which property, if any, names it uniquely. AWS types are read from the CloudFormation
 * resource specification that cdk diff itself uses (@aws-cdk/aws-service-spec, through
 * @aws-cdk/cloudformation-diff's cached copy); suveren's own custom resources declare
 * theirs in packages/core/contracts/custom-resources.ts. Only what the specification does not say
 * is added here, each with its source.
 */

/**
 * Stateful although the specification does not mark them so. A CloudHSM cluster holds the
 * HSM users (the crypto officer, kmsuser) and every key of its custom key store; deleting
 * it deletes them (CloudHSM User Guide, "Deleting a cluster": backups are kept, the
 * cluster's HSMs and their keys are not).
 */
const STATEFUL_BEYOND_SPECIFICATION: ReadonlySet<string> = new Set(['AWS::CloudHSM::Cluster']);

/**
 * Names that are unique although they are not the type's primary identifier. An
 * organization refuses a second policy of the same name (Organizations API Reference,
 * CreatePolicy: DuplicatePolicyException).
 */
const UNIQUE_NAME_BEYOND_SPECIFICATION: Readonly<Record<string, string>> = { 'AWS::Organizations::Policy': 'Name' };

/**
 * Property changes CloudFormation fails on an existing resource, which the specification
 * calls updates. AWS::KMS::Key (CloudFormation template reference): "If you change the
 * value of the KeySpec property on an existing KMS key, the update request fails,
 * regardless of the value of the UpdateReplacePolicy attribute", and the same of KeyUsage,
 * Origin and MultiRegion.
 */
const UPDATE_FAILS_BEYOND_SPECIFICATION: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::KMS::Key': Object.fromEntries(
    ['KeySpec', 'KeyUsage', 'Origin', 'MultiRegion'].map((p) => [
      p,
      `CloudFormation fails a change of ${p} on an existing key, whatever its UpdateReplacePolicy (AWS::KMS::Key, ${p}, CloudFormation template reference)`,
    ]),
  ),
};

export interface ResourceTypeLifecycle {
  readonly stateful: boolean;
  /** Properties whose change CloudFormation or a suveren handler refuses on an existing resource, with why. */
  readonly refusedChanges: Readonly<Record<string, string>>;
  /** The property whose value is the resource's unique name, when the template sets one. */
  readonly nameProperty?: string;
  /** For suveren's custom resources: how the handler treats changes and deletion. */
  readonly custom?: CustomResourceLifecycle;
}

const cache = new Map<string, ResourceTypeLifecycle>();

export function lifecycleOf(type: string): ResourceTypeLifecycle {
  let found = cache.get(type);
  if (found) return found;
  const custom = CUSTOM_RESOURCE_LIFECYCLE[type];
  if (custom) {
    found = { stateful: custom.stateful, nameProperty: custom.nameProperty, custom, refusedChanges: custom.refusedChanges };
  } else if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    // Another custom resource (CDK's own helpers): nothing is known of it beyond its properties.
    found = { stateful: false, refusedChanges: {} };
  } else {
    const model = loadResourceModel(type);
    const identifier = model?.primaryIdentifier ?? [];
    // A single primary identifier that is a property the template can set is the resource's name.
    const nameProperty =
      UNIQUE_NAME_BEYOND_SPECIFICATION[type] ?? (identifier.length === 1 && model?.properties[identifier[0]] !== undefined ? identifier[0] : undefined);
    found = {
      stateful: model?.isStateful === true || STATEFUL_BEYOND_SPECIFICATION.has(type),
      nameProperty,
      refusedChanges: UPDATE_FAILS_BEYOND_SPECIFICATION[type] ?? {},
    };
  }
  cache.set(type, found);
  return found;
}
