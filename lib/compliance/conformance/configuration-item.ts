import type { Json, JsonObject } from '../cfn-inspect';
import type { SynthesizedTemplate, TemplateResource } from '../synthesized-templates';

/*
 * AWS Config configuration items, re-expressed in template form so that the synth-time
 * Sovereignty rules judge a deployed resource with the same functions that judged its
 * template. The deployed bucket becomes logical id `Resource`; its own ARN in its policy
 * becomes `Fn::GetAtt [Resource, Arn]` (and `<arn>/*` the `Fn::Join` CDK writes), its
 * policy an `AWS::S3::BucketPolicy` on `Ref: Resource`. Everything else stays literal.
 *
 * Config hands supplementary configuration as objects in a rule's invoking event and as
 * JSON strings from the history and aggregator APIs (GetResourceConfigHistory, which
 * the rule calls for an oversized item): both are read.
 */

/** A configuration item as AWS Config delivers it to a rule (configurationItemVersion 1.3). */
export interface ConfigurationItem {
  readonly configurationItemStatus?: string;
  readonly configurationItemCaptureTime?: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string;
  readonly ARN?: string;
  readonly awsRegion: string;
  readonly awsAccountId: string;
  readonly configuration?: unknown;
  readonly supplementaryConfiguration?: Readonly<Record<string, unknown>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The logical id a deployed resource takes in its one-resource template. */
export const SUBJECT_LOGICAL_ID = 'Resource';
const POLICY_LOGICAL_ID = 'ResourcePolicy';

/** A deployed resource in template form, ready for a Sovereignty rule. */
export interface Subject {
  readonly resource: TemplateResource;
  readonly template: SynthesizedTemplate;
  readonly tags: Readonly<Record<string, string>>;
}

/** Why a configuration item could not be read: reported as NOT_APPLICABLE with this reason. */
export class UnreadableItem extends Error {}

/** A value that may arrive as JSON text: parsed, or undefined if it is neither an object nor JSON text of one. */
export function objectOf(value: unknown): JsonObject | undefined {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

const asList = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);

/** The partition of an ARN, or undefined if it is not one. */
function partitionOfArn(arn: string | undefined): string | undefined {
  const match = /^arn:([a-z-]+):/.exec(arn ?? '');
  return match?.[1];
}

/**
 * A policy document with the bucket's own ARNs replaced by the intrinsics CDK writes for
 * them, so that a rule reading "the whole bucket" recognises the deployed policy.
 */
function asTemplatePolicy(document: Json, bucketArn: string): Json {
  const own: Json = { 'Fn::GetAtt': [SUBJECT_LOGICAL_ID, 'Arn'] };
  const rewrite = (value: Json): Json => {
    if (value === bucketArn) return own;
    if (value === `${bucketArn}/*`) return { 'Fn::Join': ['', [own, '/*']] };
    if (Array.isArray(value)) return value.map(rewrite);
    return value;
  };
  const doc = objectOf(document) ?? {};
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : [];
  return {
    ...doc,
    Statement: statements.map((statement) => {
      const s = objectOf(statement) ?? {};
      return {
        ...s,
        ...(s.Resource !== undefined ? { Resource: rewrite(s.Resource) } : {}),
        ...(s.NotResource !== undefined ? { NotResource: rewrite(s.NotResource) } : {}),
      };
    }),
  };
}

function bucketResources(item: ConfigurationItem): Record<string, TemplateResource> {
  const supplementary = item.supplementaryConfiguration ?? {};
  const encryption = objectOf(supplementary.ServerSideEncryptionConfiguration);
  const rules = asList(encryption?.rules).map((rule) => {
    const r = objectOf(rule) ?? {};
    const byDefault = objectOf(r.applyServerSideEncryptionByDefault) ?? {};
    return {
      ServerSideEncryptionByDefault: {
        SSEAlgorithm: byDefault.sseAlgorithm ?? null,
        ...(byDefault.kmsMasterKeyID !== undefined && byDefault.kmsMasterKeyID !== null ? { KMSMasterKeyID: byDefault.kmsMasterKeyID } : {}),
      },
      ...(r.bucketKeyEnabled !== undefined ? { BucketKeyEnabled: r.bucketKeyEnabled } : {}),
      ...(objectOf(r.blockedEncryptionTypes) ? { BlockedEncryptionTypes: { EncryptionType: asList(objectOf(r.blockedEncryptionTypes)?.encryptionType) } } : {}),
    };
  });
  const accelerate = objectOf(supplementary.BucketAccelerateConfiguration)?.status;
  const properties: JsonObject = {
    ...(rules.length > 0 ? { BucketEncryption: { ServerSideEncryptionConfiguration: rules } } : {}),
    ...(typeof accelerate === 'string' ? { AccelerateConfiguration: { AccelerationStatus: accelerate } } : {}),
  };
  const resources: Record<string, TemplateResource> = { [SUBJECT_LOGICAL_ID]: { Type: 'AWS::S3::Bucket', Properties: properties } };
  const policyText = objectOf(supplementary.BucketPolicy)?.policyText;
  if (typeof policyText === 'string') {
    const document = objectOf(policyText);
    if (!document) throw new UnreadableItem('the bucket policy in the configuration item is not JSON (truncated?)');
    const bucketArn = item.ARN ?? `arn:${partitionOfArn(item.ARN) ?? 'aws'}:s3:::${item.resourceName ?? item.resourceId}`;
    resources[POLICY_LOGICAL_ID] = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: { Ref: SUBJECT_LOGICAL_ID }, PolicyDocument: asTemplatePolicy(document, bucketArn) },
    };
  }
  return resources;
}

function configurationOf(item: ConfigurationItem): JsonObject {
  const configuration = objectOf(item.configuration);
  if (!configuration) throw new UnreadableItem(`the configuration item of ${item.resourceType} ${item.resourceId} has no readable configuration`);
  return configuration;
}

/** The resource's properties in template form, for the resource types the rules read. */
function resourcesOf(item: ConfigurationItem, resourcePolicy?: Json): Record<string, TemplateResource> {
  switch (item.resourceType) {
    case 'AWS::S3::Bucket':
      return bucketResources(item);
    case 'AWS::KMS::Key': {
      const c = configurationOf(item);
      const properties: JsonObject = {
        MultiRegion: c.multiRegion === true || c.multiRegion === 'true',
        ...(typeof c.origin === 'string' ? { Origin: c.origin } : {}),
        ...(typeof c.keySpec === 'string' ? { KeySpec: c.keySpec } : {}),
        ...(typeof c.customKeyStoreId === 'string' && c.customKeyStoreId !== '' ? { CustomKeyStoreId: c.customKeyStoreId } : {}),
        ...(resourcePolicy !== undefined ? { KeyPolicy: resourcePolicy } : {}),
      };
      return { [SUBJECT_LOGICAL_ID]: { Type: item.resourceType, Properties: properties } };
    }
    case 'AWS::Lambda::Function': {
      const c = configurationOf(item);
      const variables = objectOf(objectOf(c.environment)?.variables) ?? {};
      const properties: JsonObject = {
        ...(Object.keys(variables).length > 0 ? { Environment: { Variables: variables } } : {}),
        ...(typeof c.kmsKeyArn === 'string' && c.kmsKeyArn !== '' ? { KmsKeyArn: c.kmsKeyArn } : {}),
      };
      return { [SUBJECT_LOGICAL_ID]: { Type: item.resourceType, Properties: properties } };
    }
    case 'AWS::SecretsManager::Secret':
      // Its policy, as GetResourcePolicy returned it: the only property the rules read.
      return { [SUBJECT_LOGICAL_ID]: { Type: item.resourceType, Properties: resourcePolicy !== undefined ? { ResourcePolicy: resourcePolicy } : {} } };
    case 'AWS::ApiGateway::RestApi': {
      const c = configurationOf(item);
      const types = asList(objectOf(c.endpointConfiguration)?.types);
      return { [SUBJECT_LOGICAL_ID]: { Type: item.resourceType, Properties: { EndpointConfiguration: { Types: types } } } };
    }
    default:
      // The type is what the edge rule reads of CloudFront and Global Accelerator resources.
      return { [SUBJECT_LOGICAL_ID]: { Type: item.resourceType, Properties: {} } };
  }
}

/**
 * The deployed resource of `item` in template form. `resourcePolicy` is a key's policy as
 * GetKeyPolicy returned it, or a secret's as GetResourcePolicy did (configuration items of
 * keys and secrets carry none). Throws
 * UnreadableItem for an item the rules cannot judge.
 */
export function subjectOf(item: ConfigurationItem, resourcePolicy?: Json): Subject {
  if (typeof item.resourceType !== 'string' || typeof item.awsRegion !== 'string') {
    throw new UnreadableItem('the configuration item has no resource type or region');
  }
  const resources = resourcesOf(item, resourcePolicy);
  return {
    resource: resources[SUBJECT_LOGICAL_ID],
    template: {
      stackConstructPath: '',
      templatePath: `configuration item ${item.ARN ?? item.resourceId}`,
      region: item.awsRegion,
      partition: partitionOfArn(item.ARN),
      resources,
    },
    tags: item.tags ?? {},
  };
}
