import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigurationItem } from '../../lib/compliance/conformance/configuration-item';

/*
 * AWS Config configuration items of resources as suveren deploys them: taken from a
 * synthesized template and rendered as CloudFormation would deploy them (every intrinsic
 * resolved to a literal: ARNs of the stack's own resources, its account, region and
 * partition), in the shape Config hands a custom rule (configurationItemVersion 1.3;
 * supplementary configuration as objects, as in an invoking event).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
}
interface Template {
  Resources: Record<string, Resource>;
}

export interface DeployedTemplate {
  readonly template: Template;
  readonly account: string;
  readonly region: string;
}

export function deployedTemplate(outdir: string, stackName: string, account: string, region: string): DeployedTemplate {
  return { template: JSON.parse(fs.readFileSync(path.join(outdir, `${stackName}.template.json`), 'utf8')) as Template, account, region };
}

/** The physical name a resource gets on deployment: its explicit name, or one made of its logical id. */
function physicalName(d: DeployedTemplate, logicalId: string): string {
  const props = d.template.Resources[logicalId]?.Properties ?? {};
  const explicit = props.BucketName ?? props.RoleName ?? props.FunctionName ?? props.QueueName;
  return typeof explicit === 'string' ? explicit : `${logicalId.toLowerCase()}-deployed`;
}

/** The ARN CloudFormation returns for `Fn::GetAtt [logicalId, Arn]`. */
function arnOf(d: DeployedTemplate, logicalId: string): string {
  const type = d.template.Resources[logicalId]?.Type;
  const name = physicalName(d, logicalId);
  switch (type) {
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${name}`;
    case 'AWS::KMS::Key':
      return `arn:aws:kms:${d.region}:${d.account}:key/${keyIdOf(logicalId)}`;
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${d.account}:role/${name}`;
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${d.region}:${d.account}:function:${name}`;
    case 'AWS::SQS::Queue':
      return `arn:aws:sqs:${d.region}:${d.account}:${name}`;
    default:
      return `arn:aws:cloudformation:${d.region}:${d.account}:resource/${logicalId}`;
  }
}

/** A stable key id (UUID-shaped) for a key's logical id. */
export function keyIdOf(logicalId: string): string {
  const hex = Buffer.from(logicalId.padEnd(16, '0')).toString('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `value` as deployed: every intrinsic resolved. */
export function render(d: DeployedTemplate, value: Json): Json {
  if (Array.isArray(value)) return value.map((v) => render(d, v));
  if (value === null || typeof value !== 'object') return value;
  if (typeof value.Ref === 'string') {
    const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': d.region, 'AWS::AccountId': d.account, 'AWS::URLSuffix': 'amazonaws.com' };
    if (pseudo[value.Ref]) return pseudo[value.Ref];
    const type = d.template.Resources[value.Ref]?.Type;
    return type === 'AWS::KMS::Key' ? keyIdOf(value.Ref) : physicalName(d, value.Ref);
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string')
    return getAtt[1] === 'Arn' ? arnOf(d, getAtt[0]) : `${physicalName(d, getAtt[0])}-${String(getAtt[1])}`;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map((part) => String(render(d, part))).join(join[0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(d, v)]));
}

function tagsOf(d: DeployedTemplate, resource: Resource): Record<string, string> {
  const tags = (resource.Properties?.Tags ?? []) as { Key: string; Value: Json }[];
  return Object.fromEntries(tags.map((t) => [t.Key, String(render(d, t.Value))]));
}

const base = (d: DeployedTemplate, resourceType: string, resourceId: string, arn: string, resource: Resource) => ({
  configurationItemVersion: '1.3',
  configurationItemCaptureTime: '2026-12-01T10:00:00.000Z',
  configurationItemStatus: 'OK',
  configurationStateId: '1764583200000',
  awsAccountId: d.account,
  resourceType,
  resourceId,
  resourceName: resourceId,
  ARN: arn,
  awsRegion: d.region,
  availabilityZone: 'Regional',
  resourceCreationTime: '2026-11-01T10:00:00.000Z',
  tags: tagsOf(d, resource),
  relatedEvents: [],
  relationships: [],
});

/** The configuration item of the bucket `logicalId` as deployed, with the policies of the template that target it. */
export function bucketItem(d: DeployedTemplate, logicalId: string): ConfigurationItem {
  const bucket = d.template.Resources[logicalId];
  const name = physicalName(d, logicalId);
  const encryption = render(d, (bucket.Properties?.BucketEncryption ?? null) as Json) as { ServerSideEncryptionConfiguration?: Record<string, Json>[] } | null;
  const policy = Object.values(d.template.Resources).find(
    (r) => r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r.Properties?.Bucket) === JSON.stringify({ Ref: logicalId }),
  );
  const rules = (encryption?.ServerSideEncryptionConfiguration ?? []).map((rule) => {
    const byDefault = rule.ServerSideEncryptionByDefault as Record<string, Json>;
    const blocked = rule.BlockedEncryptionTypes as { EncryptionType: Json[] } | undefined;
    return {
      applyServerSideEncryptionByDefault: { sseAlgorithm: byDefault.SSEAlgorithm, kmsMasterKeyID: byDefault.KMSMasterKeyID ?? null },
      bucketKeyEnabled: rule.BucketKeyEnabled ?? false,
      ...(blocked ? { blockedEncryptionTypes: { encryptionType: blocked.EncryptionType } } : {}),
    };
  });
  return {
    ...base(d, 'AWS::S3::Bucket', name, `arn:aws:s3:::${name}`, bucket),
    configuration: { name, owner: { displayName: null, id: 'c0ffee' }, creationDate: '2026-11-01T10:00:00.000Z' },
    supplementaryConfiguration: {
      AccessControlList: '{"grantSet":null,"grantList":[],"owner":{"displayName":null,"id":"c0ffee"},"isRequesterCharged":false}',
      BucketAccelerateConfiguration: { status: null },
      BucketLoggingConfiguration: { destinationBucketName: null, logFilePrefix: null },
      BucketPolicy: { policyText: policy ? JSON.stringify(render(d, policy.Properties?.PolicyDocument ?? null)) : null },
      BucketVersioningConfiguration: { status: 'Enabled', isMfaDeleteEnabled: null },
      IsRequesterPaysEnabled: false,
      ...(rules.length > 0 ? { ServerSideEncryptionConfiguration: { rules } } : {}),
    },
  };
}

/** The configuration item of the key `logicalId` as deployed; Config records no key policy. */
export function keyItem(d: DeployedTemplate, logicalId: string): ConfigurationItem {
  const key = d.template.Resources[logicalId];
  const keyId = keyIdOf(logicalId);
  const arn = `arn:aws:kms:${d.region}:${d.account}:key/${keyId}`;
  return {
    ...base(d, 'AWS::KMS::Key', keyId, arn, key),
    configuration: {
      aWSAccountId: d.account,
      keyId,
      arn,
      creationDate: '2026-11-01T10:00:00.000Z',
      enabled: true,
      description: String(render(d, (key.Properties?.Description ?? '') as Json)),
      keyUsage: 'ENCRYPT_DECRYPT',
      keyState: 'Enabled',
      origin: 'AWS_KMS',
      keyManager: 'CUSTOMER',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      keySpec: 'SYMMETRIC_DEFAULT',
      encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      multiRegion: key.Properties?.MultiRegion === true,
    },
    supplementaryConfiguration: {},
  };
}

/** The key's policy as GetKeyPolicy returns it. */
export function keyPolicyOf(d: DeployedTemplate, logicalId: string): Json {
  return render(d, (d.template.Resources[logicalId].Properties?.KeyPolicy ?? null) as Json);
}

/** The configuration item of the function `logicalId` as deployed. */
export function functionItem(d: DeployedTemplate, logicalId: string): ConfigurationItem {
  const fn = d.template.Resources[logicalId];
  const name = physicalName(d, logicalId);
  const props = render(d, (fn.Properties ?? {}) as Json) as Record<string, Json>;
  const env = (props.Environment as { Variables?: Json } | undefined)?.Variables;
  return {
    ...base(d, 'AWS::Lambda::Function', name, `arn:aws:lambda:${d.region}:${d.account}:function:${name}`, fn),
    configuration: {
      functionName: name,
      runtime: props.Runtime ?? null,
      handler: props.Handler ?? null,
      ...(env ? { environment: { variables: env, error: null } } : {}),
      kmsKeyArn: props.KmsKeyArn ?? null,
    },
    supplementaryConfiguration: {},
  };
}

/** The logical ids of the template's resources of `type`. */
export function logicalIdsOf(d: DeployedTemplate, type: string): string[] {
  return Object.entries(d.template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);
}

/** The resource policy of the secret `secretLogicalId` as GetResourcePolicy returns it (from its AWS::SecretsManager::ResourcePolicy). */
export function secretPolicyOf(d: DeployedTemplate, secretLogicalId: string): Json {
  const policy = Object.values(d.template.Resources).find(
    (r) => r.Type === 'AWS::SecretsManager::ResourcePolicy' && (r.Properties?.SecretId as { Ref?: string } | undefined)?.Ref === secretLogicalId,
  );
  if (!policy) throw new Error(`no resource policy on ${secretLogicalId}`);
  return render(d, (policy.Properties?.ResourcePolicy ?? null) as Json);
}

/** The configuration item of the secret `logicalId` as deployed (Config records no policy: secretPolicyOf is what GetResourcePolicy returns). */
export function secretItem(d: DeployedTemplate, logicalId: string): ConfigurationItem {
  const secret = d.template.Resources[logicalId];
  const arn = `arn:aws:secretsmanager:${d.region}:${d.account}:secret:${logicalId.toLowerCase()}-AbCdEf`;
  return { ...base(d, 'AWS::SecretsManager::Secret', arn, arn, secret), configuration: { name: logicalId.toLowerCase() }, supplementaryConfiguration: {} };
}
