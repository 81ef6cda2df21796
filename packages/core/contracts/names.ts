/*
 * The names the landing zone gives its stacks, tags and well-known roles, defined once.
 * No CDK imports: the evidence report, the CLI and the Lambda bundles read them without
 * loading the CDK.
 */

/** Every suveren stack's id (and so its CloudFormation stack name) starts with this. */
export const SUVEREN_STACK_NAME_PREFIX = 'Suveren-';

export const GUARDRAILS_STACK_ID = 'Suveren-Guardrails';
export const AUDIT_STACK_ID = 'Suveren-Audit';
export const PIPELINE_STACK_ID = 'Suveren-Pipeline';
export const BOOTSTRAP_STACK_ID = 'Suveren-Bootstrap';
/** The permissions boundary of every account's CDK CloudFormation execution role, deployed by Suveren-Bootstrap. */
export const EXECUTION_BOUNDARY_POLICY_NAME = 'suveren-cfn-execution-boundary';
/** Suveren-Bootstrap's StackSets: the boundary first, then the CDK bootstrap. */
export const EXECUTION_BOUNDARY_STACK_SET_NAME = 'suveren-execution-boundary';
export const BOOTSTRAP_STACK_SET_NAME = 'suveren-bootstrap';
/**
 * The IAM role every account's AWS Config recorder uses, one per region
 * (`suveren-config-recorder-<region>`): each region's baseline stack instance creates its
 * own, so no instance waits for another's. A role, not Config's service-linked role:
 * Config then writes to the audit account's bucket as this role, which the bucket policy
 * can admit for the organization (aws:PrincipalOrgID); as its service principal it admits
 * no organization condition.
 */
export const CONFIG_RECORDER_ROLE_PREFIX = 'suveren-config-recorder-';
export const configRecorderRoleName = (region: string) => `${CONFIG_RECORDER_ROLE_PREFIX}${region}`;

/** The AWS Config organization aggregator in the audit account, which `suveren conformance` reads. */
export const CONFIG_AGGREGATOR_NAME = 'suveren';

/**
 * The role of suveren's custom AWS Config rules in each account and region
 * (`suveren-conformance-rule-<region>`): it reads key policies and tags, which
 * configuration items of keys do not carry (docs/conformance.md).
 */
export const CONFORMANCE_RULE_ROLE_PREFIX = 'suveren-conformance-rule-';
export const conformanceRuleRoleName = (region: string) => `${CONFORMANCE_RULE_ROLE_PREFIX}${region}`;
/** The custom rules' function in each account and region; `Suveren-` so the guardrail SCP protects it. */
export const CONFORMANCE_RULE_FUNCTION_NAME = 'Suveren-ConformanceRule';
/** The StackSet that gives every account and allowed region its recorder, delivery channel and custom rules. */
export const CONFORMANCE_BASELINE_STACK_SET_NAME = 'suveren-conformance-baseline';
/** The stack that holds the conformance baseline StackSet, in the StackSets administrator account. */
export const CONFORMANCE_BASELINE_STACK_ID = 'Suveren-ConformanceBaseline';
/** The audit account's stack per allowed region with the organization conformance pack. */
export const conformancePackStackId = (region: string) => `Suveren-ConformancePack-${region}`;
/** The organization conformance pack of the managed rules, the same name in every allowed region. */
export const ORGANIZATION_CONFORMANCE_PACK_NAME = 'suveren';
/** The alias of the Config delivery key: delivery channels name it, since the key's id is not known at synth. */
export const CONFIG_DELIVERY_KEY_ALIAS = 'alias/suveren-config-delivery';
/** The Config delivery bucket's name: fixed, since every account's delivery channel names it. */
export const configDeliveryBucketName = (auditAccount: string, auditRegion: string) => `suveren-config-${auditAccount}-${auditRegion}`;
/** Control Tower's role in every enrolled account, which its own StackSets (recorder included) run as. */
export const CONTROL_TOWER_EXECUTION_ROLE_NAME = 'AWSControlTowerExecution';

/** What the conformance rule's role may do with a data key: read its policy and tags, nothing else. */
export const CONFORMANCE_RULE_KEY_ACTIONS = ['kms:GetKeyPolicy', 'kms:ListResourceTags'] as const;
/** The fixed name of the pipeline's deploy project role: the bootstrap deploy roles trust it by ARN. */
export const PIPELINE_DEPLOY_ROLE_NAME = 'suveren-pipeline-deploy';
/** The tag every organization policy suveren manages carries: the management account's execution policy acts only on tagged policies. */
export const MANAGED_POLICY_TAG = { key: 'suveren:managed-by', value: 'suveren' } as const;
/** The roles AWS Organizations creates in member accounts for service-managed StackSets. */
export const STACKSET_EXECUTION_ROLE_PATTERN_NAME = 'stacksets-exec-*';
/** The audit stack's alarm on every call of the break-glass role, in the audit region. */
export function breakGlassAlarmName(auditRegion: string): string {
  return `suveren-break-glass-activity-${auditRegion}`;
}
/** The role Suveren-Pipeline creates for `deployment.source.s3.releasePublisherTrust` to upload releases. */
export const RELEASE_PUBLISHER_ROLE_NAME = 'suveren-release-publisher';
/** Suveren-Bootstrap's StackSet of the platform roles (break-glass, crypto officer) in every member account. */
export const PLATFORM_ROLES_STACK_SET_NAME = 'suveren-platform-roles';
/** The Suveren-Guardrails template's metadata key listing the accounts suveren created (the config's lock file). */
export const CREATED_ACCOUNTS_METADATA = 'SuverenCreatedAccounts';
export const ORGANIZATION_TRAIL_NAME = 'suveren-organization-trail';

/** Every tenant stack's id starts with this; CloudFormation-generated bucket names start with it, lower-cased. */
export const TENANT_STACK_PREFIX = 'Suveren-Tenant-';

/** The stack id of a tenant, `Suveren-Tenant-<id>`. */
export function tenantStackId(tenantId: string): string {
  return `${TENANT_STACK_PREFIX}${tenantId}`;
}

export const KEY_CUSTODY_STACK_PREFIX = 'Suveren-KeyCustody-';

/** The stack id of an HSM cluster's or external key store's key-custody stack, `Suveren-KeyCustody-<id>`. */
export function keyCustodyStackId(clusterName: string): string {
  return `${KEY_CUSTODY_STACK_PREFIX}${clusterName}`;
}

/**
 * A stack that holds provisioner roles of a cluster's tenants whose config names it
 * (`tenants[].provisionerShard`), `Suveren-KeyCustody-<cluster>-Provisioners-<n>` (n from 2).
 */
export function keyCustodyProvisionersStackId(clusterName: string, shard: number): string {
  return `${keyCustodyStackId(clusterName)}-Provisioners-${shard}`;
}

/**
 * Provisioner roles per stack (two resources each), so a cluster's stacks stay under
 * CloudFormation's 500 resources however many tenants it serves.
 */
export const PROVISIONERS_PER_STACK = 200;

/** The SCP on external key stores' accounts that lets KMS create only external-key-store keys there. */
export const EXTERNAL_KEY_ORIGIN_SCP_NAME = 'suveren-external-key-origin';

/** Tag keys every tenant resource carries. */
export const TENANT_TAGS = {
  tenant: 'suveren:tenant',
  classification: 'suveren:classification',
  tier: 'suveren:tier',
  keyCustody: 'suveren:key-custody',
  /** On HSM-backed keys: which rotation generation a key is. */
  keyGeneration: 'suveren:key-generation',
  /**
   * On the standard tier's data key: `tenant-data`. AWS Config's rules tell it from the
   * tenant stack's operations key, which carries the stack's other tags (keys in a
   * custom key store are data keys by where they are).
   */
  keyPurpose: 'suveren:key-purpose',
  /**
   * On a tenant's data bucket with continuity: `source`; on its replica: `replica`
   * (docs/continuity.md). AWS Config's replication rule is scoped to the sources.
   */
  continuity: 'suveren:continuity',
} as const;

/**
 * Tag on a resource whose Sovereignty findings were acknowledged at synth time: the rule
 * ids, space-separated. AWS Config's custom rules skip those rules on it.
 */
export const ACKNOWLEDGED_TAG = 'suveren:acknowledged';

/** The value of TENANT_TAGS.keyPurpose on a tenant's data key. */
export const TENANT_DATA_KEY_PURPOSE = 'tenant-data';

/** Tag keys of the key-custody stacks. */
export const KEY_CUSTODY_TAGS = {
  cluster: 'suveren:key-custody-cluster',
  externalKeyStore: 'suveren:key-custody-external-key-store',
} as const;

/**
 * Template metadata key every suveren stack carries with the organization id, so that
 * `suveren plan` can refuse a baseline synthesized for another organization.
 */
export const ORGANIZATION_METADATA_KEY = 'SuverenOrganizationId';
/**
 * The pipeline's organization deploy project role: it deploys the pipeline itself, the
 * audit, guardrail, conformance and key-custody stacks, and it is the only role the
 * bootstrap deploy roles of the management, audit, key-custody and deployment accounts
 * trust. The tenants' deploy project keeps PIPELINE_DEPLOY_ROLE_NAME (tenant accounts trust it).
 */
export const PIPELINE_ORGANIZATION_DEPLOY_ROLE_NAME = 'suveren-pipeline-deploy-organization';
/** The organization policy that keeps deployments to the pipeline: bootstrap roles, stacks, assets. */
export const DEPLOY_PATH_SCP_NAME = 'suveren-deploy-path';
/** The permissions boundary every role a deployment creates in a member account carries. */
export const WORKLOAD_BOUNDARY_POLICY_NAME = 'suveren-workload-boundary';

/** `SUVEREN_EVIDENCE=off` skips the evidence report at the end of synth (the `suveren evidence` command still writes it). */
export const EVIDENCE_SWITCH = 'SUVEREN_EVIDENCE';
