import { asArray, defaultEncryptionRules, type Json, type JsonObject, textOf } from '../compliance/cfn-inspect';
import { CUSTOM_RESOURCE_LIFECYCLE, HSM_RESOURCE_TYPES, XKS_RESOURCE_TYPES } from '@suveren/core/contracts/custom-resources';
import { TENANT_STACK_PREFIX, TENANT_TAGS } from '@suveren/core/contracts/names';
import { TIERS, type Tier } from '@suveren/core/contracts/tiers';
import type { PlanStack } from './plan-assembly';

/*
 * What a tenant stack's template says of its tenant: where it is, its tier and who holds
 * its key. Read from the templates, not the config, so a baseline directory without its
 * config still tells what was deployed.
 */

export interface TenantFacts {
  readonly tenantId: string;
  readonly stackId: string;
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly tier: Tier | undefined;
  /** `aws-kms`, `cloudhsm:<key store name>` or `external:<key store name>`. */
  readonly custody: string | undefined;
  /** The data bucket's default key: its logical id and resource type. */
  readonly dataKey: { readonly logicalId: string; readonly type: string } | undefined;
  /** Logical ids of every KMS key and custom-key-store key in the stack, sorted: a former data key kept after a tier raise is among them. */
  readonly keyLogicalIds: readonly string[];
}

const tagValue = (properties: JsonObject | undefined, key: string): string | undefined => {
  const tag = (asArray(properties?.Tags as Json[] | undefined) as JsonObject[]).find((t) => t.Key === key);
  return typeof tag?.Value === 'string' ? tag.Value : undefined;
};

/** The logical id a `{Fn::GetAtt: [id, Arn]}` or `{Ref: id}` points to. */
function referencedLogicalId(value: Json | undefined): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return typeof value.Ref === 'string' ? value.Ref : undefined;
}

export function tenantIdOf(stackId: string): string | undefined {
  return stackId.startsWith(TENANT_STACK_PREFIX) ? stackId.slice(TENANT_STACK_PREFIX.length) : undefined;
}

/** The facts of a tenant stack, or undefined for any other stack. */
export function tenantFacts(stack: PlanStack): TenantFacts | undefined {
  const tenantId = tenantIdOf(stack.id);
  if (tenantId === undefined) return undefined;
  const resources = stack.template.Resources ?? {};
  const bucketEntry = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('DataBucket'));
  const bucket = bucketEntry?.[1].Properties;
  const tierTag = tagValue(bucket, TENANT_TAGS.tier);
  const tier = (TIERS as readonly string[]).includes(tierTag ?? '') ? (tierTag as Tier) : undefined;
  const keyLogicalId = bucket ? referencedLogicalId(defaultEncryptionRules(bucket)[0]?.KMSMasterKeyID) : undefined;
  const key = keyLogicalId !== undefined ? resources[keyLogicalId] : undefined;
  let custody: string | undefined;
  if (key?.Type === 'AWS::KMS::Key') custody = 'aws-kms';
  else if (key && CUSTOM_RESOURCE_LIFECYCLE[key.Type]) {
    const kind = key.Type === HSM_RESOURCE_TYPES.backedKey ? 'cloudhsm' : key.Type === XKS_RESOURCE_TYPES.key ? 'external' : key.Type;
    custody = `${kind}:${textOf(key.Properties?.KeyStoreName ?? '?')}`;
  }
  return {
    tenantId,
    stackId: stack.id,
    account: stack.account,
    region: stack.region,
    tier,
    custody,
    dataKey: key && keyLogicalId ? { logicalId: keyLogicalId, type: key.Type } : undefined,
    keyLogicalIds: Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::KMS::Key' || r.Type === HSM_RESOURCE_TYPES.backedKey || r.Type === XKS_RESOURCE_TYPES.key)
      .map(([id]) => id)
      .sort(),
  };
}
