import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import type { AssemblyStack } from '../../lib/assembly/cloud-assembly';
import { buildDeployedModel } from '../../lib/authorization/deployed-model';
import { ADMINISTRATOR_ACCESS, AccessEvaluator, type AccessRequest, loadEvaluator } from '../../lib/authorization/evaluate';
import { conformanceRuleRolePolicy } from '../../lib/compliance/conformance/rule-role-policy';
import { type S3Call, decideS3Call } from '../../lib/authorization/s3-calls';
import type { PolicyDocumentJson } from '../../lib/authorization/deployed-model';
import { managementExecutionPolicy, organizationTargetArn } from '../../lib/guardrails/management-execution-policy';
import { accountCreatorPolicy } from '../../lib/guardrails/account-creator-policy';
import {
  externalKeyHandlerRoleName,
  externalKeyProvisionerRoleName,
  keyCustodyHandlerRoleName,
  hsmKeyHandlerRoleName,
  hsmKeyProvisionerRoleName,
} from '@suveren/core/contracts/custom-resources';
import { INSPECTION_TAGS, INSPECTION_VERDICTS } from '@suveren/core/contracts/upload-layout';
import { tenantReplicaStackId } from '@suveren/core/contracts/continuity';
import { partitionOf } from '../../lib/regions';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/** The domain of a region's service endpoints, as `kms:ViaService` names them (amazonaws.eu in aws-eusc). */
const suffixOf = (region: string) => RegionInfo.get(region).domainSuffix ?? 'amazonaws.com';
import {
  AUDIT_STACK_ID,
  BOOTSTRAP_STACK_SET_NAME,
  EXECUTION_BOUNDARY_POLICY_NAME,
  MANAGED_POLICY_TAG,
  ORGANIZATION_TRAIL_NAME,
  PIPELINE_DEPLOY_ROLE_NAME,
  RELEASE_PUBLISHER_ROLE_NAME,
  PIPELINE_STACK_ID,
  keyCustodyStackId,
  tenantStackId,
  configRecorderRoleName,
  conformanceRuleRoleName,
  CONFORMANCE_RULE_FUNCTION_NAME,
  CONFIG_DELIVERY_KEY_ALIAS,
  CONTROL_TOWER_EXECUTION_ROLE_NAME,
  WORKLOAD_BOUNDARY_POLICY_NAME,
} from '@suveren/core/contracts/names';
import { pipelineDeployRoleArns } from '../../lib/platform-principals';
import { PERSON_ROLES, PLATFORM_ROLES, type PersonRoleKind, type PlatformRoleKind, tenantRoleName } from '@suveren/core/contracts/people';
import { PIPELINE_APPROVAL_ACTIONS, PIPELINE_NAME } from '@suveren/core/contracts/pipeline-actions';
import { executionBoundaryDocument } from '../../lib/pipeline/execution-boundary';

/*
 * The replay table: every call the platform makes at run time, deploy time and for
 * audit delivery (each must be allowed), and the attacks (each must be denied), as
 * requests to the IAM evaluator over the synthesized templates. Rows are built from
 * the config and the templates, so the same table runs on any config.
 */

export type Expected = 'allow' | 'deny';

export interface ReplayRow {
  readonly group: string;
  readonly name: string;
  readonly principal: string;
  readonly action: string;
  readonly expected: Expected;
  /** The statement that must decide a denial (a substring of the deciding statement), where one does. */
  readonly deniedBy?: string;
  readonly run: (evaluator: AccessEvaluator) => Promise<{ allowed: boolean; deciding: readonly string[] }>;
}

export interface ReplayResult {
  readonly row: ReplayRow;
  readonly allowed: boolean;
  readonly deciding: readonly string[];
}

export function evaluatorFor(stacks: readonly AssemblyStack[], config: SuverenConfig): AccessEvaluator {
  const engine = loadEvaluator();
  if (!engine) throw new Error('@cloud-copilot/iam-simulate is not installed: run npm ci (it is a development dependency)');
  return new AccessEvaluator(
    buildDeployedModel(stacks),
    { organizationId: config.organization.organizationId, managementAccount: config.organization.managementAccount },
    engine,
  );
}

const ADMIN = [ADMINISTRATOR_ACCESS];

function s3Row(group: string, name: string, expected: Expected, call: S3Call, deniedBy?: string): ReplayRow {
  return {
    group,
    name,
    principal: call.principal,
    action: `S3 ${call.operation}`,
    expected,
    ...(deniedBy ? { deniedBy } : {}),
    run: async (evaluator) => {
      const decision = await decideS3Call(evaluator, call);
      const decisive = decision.denied ?? decision.decisions[decision.decisions.length - 1];
      return {
        allowed: decision.allowed,
        deciding: decision.denied ? [`${decision.denied.request.action}: ${decision.denied.deciding.join('; ')}`] : (decisive?.deciding ?? []),
      };
    },
  };
}

function iamRow(group: string, name: string, expected: Expected, request: AccessRequest, deniedBy?: string): ReplayRow {
  return {
    group,
    name,
    principal: request.principal,
    action: request.action,
    expected,
    ...(deniedBy ? { deniedBy } : {}),
    run: async (evaluator) => {
      const decision = await evaluator.decide(request);
      return { allowed: decision.allowed, deciding: decision.deciding };
    },
  };
}

/** The deployed ARN of the resource whose logical id is `<prefix><8 hex digits>` in `stackId`. */
function physicalId(evaluator: AccessEvaluator, stackId: string, prefix: string): string {
  const pattern = new RegExp(`^${stackId}/${prefix}[0-9A-F]{8}$`);
  const found = [...evaluator.deployed.physicalIds.entries()].find(([id]) => pattern.test(id));
  if (!found) throw new Error(`no resource ${prefix}* in ${stackId}`);
  return found[1];
}

export interface TenantNames {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
  readonly data: string;
  readonly quarantine: string;
  readonly accessLogs: string;
  readonly keyArn: string;
  readonly operationsKeyArn: string;
  readonly dlqArn: string;
  readonly presignFunctionArn: string;
  readonly inspectFunctionArn: string;
  readonly role: (duty: string) => string;
}

export function tenantNames(evaluator: AccessEvaluator, tenant: TenantConfig): TenantNames {
  const model = evaluator.deployed;
  const stackId = tenantStackId(tenant.id);
  const bucket = (prefix: string) => [...model.buckets.values()].find((b) => b.stackId === stackId && b.logicalId.startsWith(prefix))!;
  const physical = (prefix: string) => physicalId(evaluator, stackId, prefix);
  const partition = partitionOf(tenant.region);
  return {
    partition,
    account: tenant.account,
    region: tenant.region,
    data: bucket('DataBucket').name,
    quarantine: bucket('QuarantineBucket').name,
    accessLogs: bucket('AccessLogsBucket').name,
    keyArn: bucket('DataBucket').defaultKeyArn!,
    operationsKeyArn: physical('OperationsKey'),
    dlqArn: physical('UploadApiInspectDeadLetters'),
    presignFunctionArn: physical('UploadApiPresign'),
    inspectFunctionArn: physical('UploadApiInspect'),
    role: (duty) =>
      `arn:${partition}:iam::${tenant.account}:role/${duty.startsWith('suveren-') || duty.startsWith('cdk-') || duty === 'Admin' ? duty : `suveren-${tenant.id}-${duty}`}`,
  };
}

const pending: Record<string, string> = { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.pending };
const accepted = { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.accepted };
const quarantined = { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.quarantined };

/** At least 50 rows per tenant: its run-time calls and the attacks on its data. */
export function tenantRows(evaluator: AccessEvaluator, config: SuverenConfig, tenant: TenantConfig): ReplayRow[] {
  const n = tenantNames(evaluator, tenant);
  const g = `tenant ${tenant.id} (${tenant.tier})`;
  const other = config.tenants.find((t) => t.id !== tenant.id)!;
  const otherNames = tenantNames(evaluator, other);
  const presign = n.role('presign-fn');
  const inspect = n.role('inspect-fn');
  const reader = n.role('reader');
  const uploader = n.role('uploader');
  const keyAdmin = n.role('key-admin');
  const tenantAdmin = n.role('Admin');
  const breakGlass = n.role(config.organization.breakGlassRoleName);
  const deployer = n.role(`cdk-hnb659fds-cfn-exec-role-${n.account}-${n.region}`);
  const otherAdmin = otherNames.role('Admin');
  const outsider = `arn:${n.partition}:iam::999999999999:role/Admin`;
  const obj = 'objects/2026/11/30/0f8fad5b-d9cb-469f-a165-70867728950e';
  const kmsSse = { algorithm: 'aws:kms', keyId: n.keyArn };
  const post = (principal: string, encryption: S3Call['encryption'], tags = pending, extra: Partial<S3Call> = {}): S3Call => ({
    principal,
    operation: 'PutObject',
    bucket: n.data,
    key: obj,
    encryption,
    requestTags: tags,
    ...extra,
  });
  const read = (principal: string, tags: Record<string, string> | undefined, extra: Partial<S3Call> = {}): S3Call => ({
    principal,
    operation: 'GetObject',
    bucket: n.data,
    key: obj,
    existingTags: tags,
    ...extra,
  });
  const admin = (principal: string) => ({ principal, identityPolicies: ADMIN });
  const viaS3 = (region: string, account = n.account) => ({ 'kms:ViaService': `s3.${region}.${suffixOf(region)}`, 'kms:CallerAccount': account });
  const outsideRegion = 'us-east-1';
  const rows: ReplayRow[] = [
    // Run time: the presign function's uploads (POST and multipart), as S3 authorizes presigned requests: as the signer.
    s3Row(g, 'presigned POST: SSE-KMS under the tenant key, tagged pending', 'allow', post(presign, kmsSse)),
    s3Row(g, 'presigned POST without SSE headers: bucket default key', 'allow', post(presign, undefined)),
    s3Row(g, 'multipart: create with SSE-KMS and the tenant key', 'allow', { ...post(presign, kmsSse), operation: 'CreateMultipartUpload' }),
    s3Row(g, 'multipart: a part (no SSE headers)', 'allow', { principal: presign, operation: 'UploadPart', bucket: n.data, key: obj }),
    s3Row(g, 'multipart: complete (no SSE headers)', 'allow', { principal: presign, operation: 'CompleteMultipartUpload', bucket: n.data, key: obj }),
    s3Row(g, 'multipart: abort', 'allow', { principal: presign, operation: 'AbortMultipartUpload', bucket: n.data, key: obj }),
    // Run time: the inspection.
    s3Row(g, 'inspect: head of a pending object', 'allow', {
      principal: inspect,
      operation: 'HeadObject',
      bucket: n.data,
      key: obj,
      versionId: 'v1',
      existingTags: pending,
    }),
    s3Row(g, 'inspect: tags of a pending object', 'allow', {
      principal: inspect,
      operation: 'GetObjectTagging',
      bucket: n.data,
      key: obj,
      versionId: 'v1',
      existingTags: pending,
    }),
    s3Row(g, 'inspect: first bytes of a pending object', 'allow', read(inspect, pending, { versionId: 'v1' })),
    s3Row(g, 'inspect: tag accepted', 'allow', {
      principal: inspect,
      operation: 'PutObjectTagging',
      bucket: n.data,
      key: obj,
      versionId: 'v1',
      existingTags: pending,
      requestTags: accepted,
    }),
    s3Row(g, 'inspect: copy a rejected version to quarantine', 'allow', {
      principal: inspect,
      operation: 'CopyObject',
      bucket: n.quarantine,
      key: `quarantine/${obj}`,
      encryption: kmsSse,
      requestTags: quarantined,
      source: { bucket: n.data, key: obj, versionId: 'v1', existingTags: pending },
    }),
    s3Row(g, 'inspect: delete the rejected version after the copy', 'allow', {
      principal: inspect,
      operation: 'DeleteObject',
      bucket: n.data,
      key: obj,
      versionId: 'v1',
    }),
    s3Row(g, 'inspect: quarantine above 5 GiB, create', 'allow', {
      principal: inspect,
      operation: 'CreateMultipartUpload',
      bucket: n.quarantine,
      key: `quarantine/${obj}`,
      encryption: kmsSse,
      requestTags: quarantined,
    }),
    s3Row(g, 'inspect: quarantine above 5 GiB, part copy', 'allow', {
      principal: inspect,
      operation: 'UploadPartCopy',
      bucket: n.quarantine,
      key: `quarantine/${obj}`,
      source: { bucket: n.data, key: obj, versionId: 'v1', existingTags: pending },
    }),
    s3Row(g, 'inspect: quarantine above 5 GiB, complete', 'allow', {
      principal: inspect,
      operation: 'CompleteMultipartUpload',
      bucket: n.quarantine,
      key: `quarantine/${obj}`,
    }),
    s3Row(g, 'inspect: quarantine above 5 GiB, abort on failure', 'allow', {
      principal: inspect,
      operation: 'AbortMultipartUpload',
      bucket: n.quarantine,
      key: `quarantine/${obj}`,
    }),
    iamRow(g, 'DLQ: Lambda sends a failed event as the inspect role', 'allow', {
      principal: inspect,
      action: 'sqs:SendMessage',
      resource: n.dlqArn,
      region: n.region,
    }),
    ...(['GenerateDataKey', 'Decrypt'] as const).map((operation) =>
      iamRow(g, `DLQ: SQS ${operation === 'Decrypt' ? 'decrypts' : 'generates'} the data key for the inspect role`, 'allow', {
        principal: inspect,
        action: `kms:${operation}`,
        resource: n.operationsKeyArn,
        region: n.region,
        context: { 'kms:ViaService': `sqs.${n.region}.${suffixOf(n.region)}`, 'kms:CallerAccount': n.account },
      }),
    ),
    // Run time: the tenant.
    iamRow(g, 'uploader asks presign for a slot (function URL, AWS_IAM)', 'allow', {
      principal: uploader,
      action: 'lambda:InvokeFunctionUrl',
      resource: n.presignFunctionArn,
      region: n.region,
      context: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' },
    }),
    s3Row(g, 'download: reader gets an accepted object', 'allow', read(reader, accepted)),
    s3Row(g, 'download: reader gets an accepted version', 'allow', read(reader, accepted, { versionId: 'v1' })),
    s3Row(g, 'reader lists objects/', 'allow', { principal: reader, operation: 'ListObjects', bucket: n.data, prefix: 'objects/' }),
    // suveren export: every version and delete marker, each version's verdict, never a pending version's content.
    s3Row(g, 'export: reader lists the versions under objects/', 'allow', {
      principal: reader,
      operation: 'ListObjectVersions',
      bucket: n.data,
      prefix: 'objects/',
    }),
    s3Row(g, "export: reader reads a pending version's verdict", 'allow', {
      principal: reader,
      operation: 'GetObjectTagging',
      bucket: n.data,
      key: obj,
      versionId: 'v2',
      existingTags: pending,
    }),
    s3Row(g, 'export: reader gets an accepted version by its id', 'allow', read(reader, accepted, { versionId: 'v1' })),
    s3Row(g, 'export: reader lists the versions in the quarantine bucket', 'allow', {
      principal: reader,
      operation: 'ListObjectVersions',
      bucket: n.quarantine,
      prefix: 'quarantine/',
    }),
    s3Row(g, 'export: reader lists the versions of the whole bucket', 'deny', { principal: reader, operation: 'ListObjectVersions', bucket: n.data }),
    s3Row(g, 'export: reader lists versions outside objects/', 'deny', {
      principal: reader,
      operation: 'ListObjectVersions',
      bucket: n.data,
      prefix: 'AWSLogs/',
    }),
    s3Row(g, 'export: reader gets a pending version by its id', 'deny', read(reader, pending, { versionId: 'v2' }), 'DenyReadBeforeAcceptance'),
    s3Row(g, 'export: uploader lists the versions', 'deny', {
      principal: n.role('uploader'),
      operation: 'ListObjectVersions',
      bucket: n.data,
      prefix: 'objects/',
    }),
    s3Row(g, 'reader reviews a quarantined object', 'allow', {
      principal: reader,
      operation: 'GetObject',
      bucket: n.quarantine,
      key: `quarantine/${obj}`,
      existingTags: quarantined,
    }),
    iamRow(g, 'key administrator describes the key', 'allow', { principal: keyAdmin, action: 'kms:DescribeKey', resource: n.keyArn, region: n.region }),
    iamRow(g, 'S3 invokes inspect on ObjectCreated', 'allow', {
      principal: 's3.amazonaws.com',
      action: 'lambda:InvokeFunction',
      resource: n.inspectFunctionArn,
      region: n.region,
      sourceArn: `arn:${n.partition}:s3:::${n.data}`,
      context: { 'aws:SourceAccount': n.account },
    }),
    // Deploy time: the platform's deployment role reconfigures, never reads.
    s3Row(g, 'deployment role updates the bucket policy', 'allow', { ...admin(deployer), operation: 'PutBucketPolicy', bucket: n.data }),
    s3Row(g, 'deployment role reads data', 'deny', read(deployer, accepted, admin(deployer)), 'DenyDataAccessOutsideTenant'),
    // Attacks on the upload path.
    s3Row(g, 'SSE-C upload', 'deny', post(presign, { customerAlgorithm: 'AES256' }), 'DenySseC'),
    s3Row(g, 'SSE-S3 upload', 'deny', post(presign, { algorithm: 'AES256' }), 'DenyPutWithoutSseKms'),
    s3Row(g, "upload naming another tenant's key", 'deny', post(presign, { algorithm: 'aws:kms', keyId: otherNames.keyArn }), 'DenyPutWithOtherKey'),
    s3Row(g, 'upload asking for aws:kms without a key (aws/s3 would be used)', 'deny', post(presign, { algorithm: 'aws:kms' }), 'DenySseKmsWithoutKeyId'),
    s3Row(g, 'multipart create with SSE-C', 'deny', { ...post(presign, { customerAlgorithm: 'AES256' }), operation: 'CreateMultipartUpload' }, 'DenySseC'),
    s3Row(g, 'upload pre-tagged accepted (skipping inspection)', 'deny', post(presign, kmsSse, accepted), 'DenyVerdictOutsideInspection'),
    s3Row(g, 'presign role tags an object accepted', 'deny', {
      principal: presign,
      operation: 'PutObjectTagging',
      bucket: n.data,
      key: obj,
      existingTags: pending,
      requestTags: accepted,
    }),
    s3Row(g, 'uploader writes directly, bypassing presign', 'deny', post(uploader, kmsSse), 'DenyDataAccessOutsideTenant'),
    s3Row(
      g,
      "uploader overwrites an accepted object's current version",
      'deny',
      post(uploader, kmsSse, pending, { existingTags: accepted }),
      'DenyDataAccessOutsideTenant',
    ),
    s3Row(
      g,
      'uploader aborts a multipart upload directly',
      'deny',
      { principal: uploader, operation: 'AbortMultipartUpload', bucket: n.data, key: obj },
      'DenyDataAccessOutsideTenant',
    ),
    s3Row(g, 'reader reads before acceptance (pending)', 'deny', read(reader, pending), 'DenyReadBeforeAcceptance'),
    s3Row(g, 'reader reads an object without a verdict', 'deny', read(reader, undefined), 'DenyReadBeforeAcceptance'),
    s3Row(g, 'reader writes', 'deny', post(reader, kmsSse)),
    s3Row(g, 'reader deletes', 'deny', { principal: reader, operation: 'DeleteObject', bucket: n.data, key: obj }),
    s3Row(g, 'reader tags an object accepted', 'deny', {
      principal: reader,
      operation: 'PutObjectTagging',
      bucket: n.data,
      key: obj,
      existingTags: pending,
      requestTags: accepted,
    }),
    s3Row(g, 'presign role reads', 'deny', read(presign, accepted)),
    s3Row(g, 'presign role deletes', 'deny', { principal: presign, operation: 'DeleteObject', bucket: n.data, key: obj }),
    s3Row(g, 'key administrator reads', 'deny', read(keyAdmin, accepted), 'DenyDataAccessOutsideTenant'),
    iamRow(g, 'key administrator decrypts through S3', 'deny', {
      principal: keyAdmin,
      action: 'kms:Decrypt',
      resource: n.keyArn,
      region: n.region,
      context: viaS3(n.region),
    }),
    iamRow(g, 'key administrator decrypts directly', 'deny', { principal: keyAdmin, action: 'kms:Decrypt', resource: n.keyArn, region: n.region }),
    s3Row(g, "the tenant account's administrator reads", 'deny', read(tenantAdmin, accepted, admin(tenantAdmin)), 'DenyDataAccessOutsideTenant'),
    s3Row(
      g,
      "the tenant account's administrator deletes",
      'deny',
      { ...admin(tenantAdmin), operation: 'DeleteObject', bucket: n.data, key: obj },
      'DenyDataAccessOutsideTenant',
    ),
    s3Row(
      g,
      "the tenant account's administrator replaces the bucket policy",
      'deny',
      { ...admin(tenantAdmin), operation: 'PutBucketPolicy', bucket: n.data },
      'DenyConfigurationChangesOutsidePlatform',
    ),
    iamRow(g, "the tenant account's administrator decrypts with the key", 'deny', {
      ...admin(tenantAdmin),
      action: 'kms:Decrypt',
      resource: n.keyArn,
      region: n.region,
      context: viaS3(n.region),
    }),
    iamRow(g, "the tenant account's administrator rewrites the key policy", 'deny', {
      ...admin(tenantAdmin),
      action: 'kms:PutKeyPolicy',
      resource: n.keyArn,
      region: n.region,
    }),
    iamRow(
      g,
      "the tenant account's administrator edits the inspect role",
      'deny',
      { ...admin(tenantAdmin), action: 'iam:PutRolePolicy', resource: inspect, region: 'us-east-1' },
      'ProtectSuverenRoles',
    ),
    iamRow(
      g,
      "the tenant account's administrator passes the inspect role to its own function",
      'deny',
      { ...admin(tenantAdmin), action: 'iam:PassRole', resource: inspect, region: 'us-east-1' },
      'ProtectSuverenRoles',
    ),
    iamRow(
      g,
      "the tenant account's administrator replaces the presign function's code",
      'deny',
      { ...admin(tenantAdmin), action: 'lambda:UpdateFunctionCode', resource: n.presignFunctionArn, region: n.region },
      'ProtectSuverenFunctions',
    ),
    iamRow(
      g,
      "the tenant account's administrator invokes inspect with a forged event",
      'deny',
      { ...admin(tenantAdmin), action: 'lambda:InvokeFunction', resource: n.inspectFunctionArn, region: n.region },
      'ProtectSuverenFunctions',
    ),
    s3Row(g, "another tenant's administrator reads", 'deny', read(otherAdmin, accepted, admin(otherAdmin))),
    s3Row(g, "another tenant's administrator writes", 'deny', post(otherAdmin, kmsSse, pending, admin(otherAdmin))),
    iamRow(g, "another tenant's administrator decrypts with the key", 'deny', {
      ...admin(otherAdmin),
      action: 'kms:Decrypt',
      resource: n.keyArn,
      region: n.region,
      context: viaS3(n.region, other.account),
    }),
    s3Row(g, 'a principal outside the organization reads', 'deny', read(outsider, accepted, admin(outsider))),
    s3Row(g, 'reader without TLS', 'deny', read(reader, accepted, { transport: { secure: false } })),
    s3Row(g, 'reader with TLS 1.0', 'deny', read(reader, accepted, { transport: { secure: true, tlsVersion: '1.0' } })),
    s3Row(g, 'presigned POST without TLS', 'deny', post(presign, kmsSse, pending, { transport: { secure: false } })),
    s3Row(
      g,
      `reader through S3 in ${outsideRegion} (outside the guard)`,
      'deny',
      read(reader, accepted, { region: outsideRegion }),
      'DenyOutsideAllowedRegions',
    ),
    iamRow(g, `S3 in ${outsideRegion} decrypts for the reader`, 'deny', {
      principal: reader,
      action: 'kms:Decrypt',
      resource: n.keyArn,
      region: outsideRegion,
      context: viaS3(outsideRegion),
    }),
    iamRow(g, 'break-glass decrypts with the key', 'deny', {
      ...admin(breakGlass),
      action: 'kms:Decrypt',
      resource: n.keyArn,
      region: n.region,
      context: viaS3(n.region),
    }),
  ];
  if (tenant.tier === 'hsm' || tenant.tier === 'external') rows.push(...customKeyStoreTenantRows(config, tenant, n));
  else {
    rows.push(
      iamRow(g, 'recovery: break-glass repairs the key policy (roles recreated)', 'allow', {
        ...admin(breakGlass),
        action: 'kms:PutKeyPolicy',
        resource: n.keyArn,
        region: n.region,
      }),
      iamRow(g, 'recovery: break-glass re-enables the key', 'allow', { ...admin(breakGlass), action: 'kms:EnableKey', resource: n.keyArn, region: n.region }),
      iamRow(g, 'deployment role updates the key policy', 'allow', { ...admin(deployer), action: 'kms:PutKeyPolicy', resource: n.keyArn, region: n.region }),
      iamRow(g, 'key administrator disables the key', 'allow', { principal: keyAdmin, action: 'kms:DisableKey', resource: n.keyArn, region: n.region }),
    );
  }
  return rows;
}

/** Tiers hsm and external: the tenant's key lives in a custom key store of a key-custody account. */
function customKeyStoreTenantRows(config: SuverenConfig, tenant: TenantConfig, n: TenantNames): ReplayRow[] {
  const external = tenant.tier === 'external';
  const custody = external
    ? config.keyCustody.externalKeyStores.find((s) => s.id === tenant.externalKeyStore)!
    : config.keyCustody.hsmClusters.find((c) => c.id === tenant.hsmCluster)!;
  const cluster = { account: custody.account, region: custody.region };
  const origin = external ? 'EXTERNAL_KEY_STORE' : 'AWS_CLOUDHSM';
  const g = `tenant ${tenant.id} (${tenant.tier}): key custody`;
  const custodyRole = (name: string) => `arn:${n.partition}:iam::${cluster.account}:role/${name}`;
  const provisioner = custodyRole(external ? externalKeyProvisionerRoleName(tenant.id) : hsmKeyProvisionerRoleName(tenant.id));
  const handler = n.role(external ? externalKeyHandlerRoleName(tenant.id) : hsmKeyHandlerRoleName(tenant.id));
  const custodyBreakGlass = custodyRole(config.organization.breakGlassRoleName);
  const admin = (principal: string) => ({ principal, identityPolicies: [ADMINISTRATOR_ACCESS] });
  const onKey = (action: string) => ({ action, resource: n.keyArn, region: n.region });
  return [
    iamRow(g, "the tenant's key handler assumes its provisioner role", 'allow', {
      principal: handler,
      action: 'sts:AssumeRole',
      resource: provisioner,
      region: cluster.region,
      resourceAccount: cluster.account,
    }),
    iamRow(g, "the tenant account's administrator assumes the provisioner role", 'deny', {
      ...admin(n.role('Admin')),
      action: 'sts:AssumeRole',
      resource: provisioner,
      region: cluster.region,
      resourceAccount: cluster.account,
    }),
    iamRow(g, `provisioner creates a single-Region key in the ${external ? 'external key store' : 'CloudHSM store'}`, 'allow', {
      principal: provisioner,
      action: 'kms:CreateKey',
      resource: '*',
      resourceAccount: cluster.account,
      region: cluster.region,
      context: { 'kms:KeyOrigin': origin, 'kms:MultiRegion': 'false' },
    }),
    iamRow(g, 'provisioner creates a multi-Region key', 'deny', {
      principal: provisioner,
      action: 'kms:CreateKey',
      resource: '*',
      resourceAccount: cluster.account,
      region: cluster.region,
      context: { 'kms:KeyOrigin': origin, 'kms:MultiRegion': 'true' },
    }),
    iamRow(g, 'provisioner creates a key AWS holds (origin AWS_KMS)', 'deny', {
      principal: provisioner,
      action: 'kms:CreateKey',
      resource: '*',
      resourceAccount: cluster.account,
      region: cluster.region,
      context: { 'kms:KeyOrigin': 'AWS_KMS', 'kms:MultiRegion': 'false' },
    }),
    ...(external
      ? [
          iamRow(
            g,
            "the store account's administrator creates a key AWS holds",
            'deny',
            {
              ...admin(custodyRole('Admin')),
              action: 'kms:CreateKey',
              resource: '*',
              resourceAccount: cluster.account,
              region: cluster.region,
              context: { 'kms:KeyOrigin': 'AWS_KMS', 'kms:MultiRegion': 'false' },
            },
            'ExternalKeyStoreKeysOnly',
          ),
        ]
      : []),
    // KMS's lockout safety check: the new policy must let its creator call PutKeyPolicy.
    iamRow(g, "CreateKey's lockout check: the new key policy lets the provisioner PutKeyPolicy", 'allow', {
      principal: provisioner,
      ...onKey('kms:PutKeyPolicy'),
    }),
    iamRow(g, 'provisioner aliases the key', 'allow', { principal: provisioner, ...onKey('kms:CreateAlias') }),
    iamRow(g, 'a tenant that took over its handler: provisioner schedules key deletion', 'deny', {
      principal: provisioner,
      ...onKey('kms:ScheduleKeyDeletion'),
    }),
    iamRow(g, 'a tenant that took over its handler: provisioner disables the key', 'deny', { principal: provisioner, ...onKey('kms:DisableKey') }),
    iamRow(g, 'a tenant that took over its handler: provisioner decrypts', 'deny', { principal: provisioner, ...onKey('kms:Decrypt') }),
    iamRow(
      g,
      "the tenant account's administrator changes the handler role",
      'deny',
      { ...admin(n.role('Admin')), action: 'iam:PutRolePolicy', resource: handler, region: 'us-east-1' },
      'ProtectSuverenRoles',
    ),
    iamRow(g, 'custody break-glass retires the key', 'allow', { ...admin(custodyBreakGlass), ...onKey('kms:ScheduleKeyDeletion') }),
    iamRow(g, 'recovery: custody break-glass repairs the key policy', 'allow', { ...admin(custodyBreakGlass), ...onKey('kms:PutKeyPolicy') }),
    iamRow(g, 'custody break-glass decrypts', 'deny', { ...admin(custodyBreakGlass), ...onKey('kms:Decrypt') }),
    iamRow(g, "the custody account's administrator rewrites the key policy", 'deny', { ...admin(custodyRole('Admin')), ...onKey('kms:PutKeyPolicy') }),
    iamRow(g, "the tenant's key administrator oversees grants across accounts", 'allow', { principal: n.role('key-admin'), ...onKey('kms:ListGrants') }),
    iamRow(g, `S3 decrypts an ${external ? 'externally keyed' : 'HSM-backed'} object for the reader`, 'allow', {
      principal: n.role('reader'),
      ...onKey('kms:Decrypt'),
      context: { 'kms:ViaService': `s3.${n.region}.${suffixOf(n.region)}`, 'kms:CallerAccount': n.account },
    }),
  ];
}

/** The key-custody account: the handler's calls, the kmsuser password, the store. */
export function keyCustodyRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  return config.keyCustody.hsmClusters.flatMap((cluster) => {
    const partition = partitionOf(cluster.region);
    const g = `key custody ${cluster.id}`;
    const role = (name: string) => `arn:${partition}:iam::${cluster.account}:role/${name}`;
    const handler = role(keyCustodyHandlerRoleName(cluster.id));
    const stackId = keyCustodyStackId(cluster.id);
    const physical = (prefix: string) => physicalId(evaluator, stackId, prefix);
    const secret = physical('KeyStoreKmsUserPassword');
    const operationsKey = physical('OperationsKey');
    const clusterArn = `arn:${partition}:cloudhsm:${cluster.region}:${cluster.account}:cluster/cluster-abcdefghijk`;
    const admin = (principal: string) => ({ principal, identityPolicies: [ADMINISTRATOR_ACCESS] });
    const viaSecrets = { 'kms:ViaService': `secretsmanager.${cluster.region}.${suffixOf(cluster.region)}`, 'kms:CallerAccount': cluster.account };
    const at = { region: cluster.region };
    const custodyAdmin = role('Admin');
    const ruleRole = {
      principal: role(conformanceRuleRoleName(cluster.region)),
      identityPolicies: [{ name: 'conformance-rule', policy: conformanceRuleRolePolicy(partition) as unknown as PolicyDocumentJson }],
    };
    return [
      // AWS Config's custody-secret rule reads the secret's policy and tags (its identity policy), never the value.
      ...(['secretsmanager:GetResourcePolicy', 'secretsmanager:DescribeSecret'] as const).map((action) =>
        iamRow(g, `the conformance rule role ${action.split(':')[1]} on the kmsuser password`, 'allow', { ...ruleRole, action, resource: secret, ...at }),
      ),
      iamRow(g, 'the conformance rule role reads the kmsuser password', 'deny', {
        ...ruleRole,
        action: 'secretsmanager:GetSecretValue',
        resource: secret,
        ...at,
      }),
      iamRow(g, "the conformance rule role replaces the secret's policy", 'deny', {
        ...ruleRole,
        action: 'secretsmanager:PutResourcePolicy',
        resource: secret,
        ...at,
      }),
      iamRow(g, 'handler creates an HSM in the cluster', 'allow', { principal: handler, action: 'cloudhsm:CreateHsm', resource: clusterArn, ...at }),
      iamRow(g, 'handler deletes an HSM (a wildcard-only action)', 'allow', {
        principal: handler,
        action: 'cloudhsm:DeleteHsm',
        resource: '*',
        resourceAccount: cluster.account,
        ...at,
      }),
      iamRow(g, "handler creates the HSM's security group rules", 'allow', {
        principal: handler,
        action: 'ec2:AuthorizeSecurityGroupIngress',
        resource: `arn:${partition}:ec2:${cluster.region}:${cluster.account}:security-group/sg-0123456789abcdef0`,
        ...at,
      }),
      iamRow(g, 'handler connects the custom key store', 'allow', {
        principal: handler,
        action: 'kms:ConnectCustomKeyStore',
        resource: '*',
        resourceAccount: cluster.account,
        ...at,
      }),
      iamRow(g, 'handler reads the kmsuser password', 'allow', { principal: handler, action: 'secretsmanager:GetSecretValue', resource: secret, ...at }),
      iamRow(g, 'Secrets Manager decrypts the password for the handler', 'allow', {
        principal: handler,
        action: 'kms:Decrypt',
        resource: operationsKey,
        context: viaSecrets,
        ...at,
      }),
      iamRow(g, 'crypto officer reads the kmsuser password', 'allow', {
        ...admin(role(cluster.cryptoOfficerRoleName)),
        action: 'secretsmanager:GetSecretValue',
        resource: secret,
        ...at,
      }),
      iamRow(
        g,
        "the custody account's administrator reads the password",
        'deny',
        { ...admin(custodyAdmin), action: 'secretsmanager:GetSecretValue', resource: secret, ...at },
        'OnlyTheHandlerAndTheCryptoOfficer',
      ),
      iamRow(
        g,
        "the custody account's administrator replaces the secret's policy",
        'deny',
        { ...admin(custodyAdmin), action: 'secretsmanager:PutResourcePolicy', resource: secret, ...at },
        'OnlyThePlatformChangesTheSecret',
      ),
      iamRow(
        g,
        "the custody account's administrator deletes the secret's policy",
        'deny',
        { ...admin(custodyAdmin), action: 'secretsmanager:DeleteResourcePolicy', resource: secret, ...at },
        'OnlyThePlatformChangesTheSecret',
      ),
      iamRow(
        g,
        "the custody account's administrator decrypts a secret through Secrets Manager",
        'deny',
        { ...admin(custodyAdmin), action: 'kms:Decrypt', resource: operationsKey, context: viaSecrets, ...at },
        'OnlyNamedPrincipalsReadSecrets',
      ),
      iamRow(
        g,
        "the custody account's administrator edits the handler role",
        'deny',
        { ...admin(custodyAdmin), action: 'iam:AttachRolePolicy', resource: handler, region: 'us-east-1' },
        'ProtectSuverenRoles',
      ),
      iamRow(g, 'deployment role updates the secret (CloudFormation)', 'allow', {
        ...admin(role(`cdk-hnb659fds-cfn-exec-role-${cluster.account}-${cluster.region}`)),
        action: 'secretsmanager:PutResourcePolicy',
        resource: secret,
        ...at,
      }),
    ];
  });
}

/** The external key stores' accounts: the handler, the proxy credential, the key-origin SCP. */
export function externalKeyStoreRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  return config.keyCustody.externalKeyStores.flatMap((store) => {
    const partition = partitionOf(store.region);
    const g = `external key store ${store.id}`;
    const role = (name: string) => `arn:${partition}:iam::${store.account}:role/${name}`;
    const handler = role(keyCustodyHandlerRoleName(store.id));
    const stackId = keyCustodyStackId(store.id);
    const secret = physicalId(evaluator, stackId, 'KeyStoreProxyCredential');
    const operationsKey = physicalId(evaluator, stackId, 'OperationsKey');
    const admin = (principal: string) => ({ principal, identityPolicies: [ADMINISTRATOR_ACCESS] });
    const viaSecrets = { 'kms:ViaService': `secretsmanager.${store.region}.${suffixOf(store.region)}`, 'kms:CallerAccount': store.account };
    const at = { region: store.region };
    const custodyAdmin = role('Admin');
    const deployer = role(`cdk-hnb659fds-cfn-exec-role-${store.account}-${store.region}`);
    return [
      iamRow(g, 'handler creates and connects the external key store', 'allow', {
        principal: handler,
        action: 'kms:CreateCustomKeyStore',
        resource: '*',
        resourceAccount: store.account,
        ...at,
      }),
      iamRow(g, 'handler updates the store (credential rotation)', 'allow', {
        principal: handler,
        action: 'kms:UpdateCustomKeyStore',
        resource: '*',
        resourceAccount: store.account,
        ...at,
      }),
      iamRow(g, 'handler reads the proxy credential', 'allow', { principal: handler, action: 'secretsmanager:GetSecretValue', resource: secret, ...at }),
      iamRow(g, 'Secrets Manager decrypts the credential for the handler', 'allow', {
        principal: handler,
        action: 'kms:Decrypt',
        resource: operationsKey,
        context: viaSecrets,
        ...at,
      }),
      iamRow(g, 'crypto officer puts the proxy credential in its secret', 'allow', {
        ...admin(role(store.cryptoOfficerRoleName)),
        action: 'secretsmanager:PutSecretValue',
        resource: secret,
        ...at,
      }),
      iamRow(
        g,
        "the store account's administrator reads the proxy credential",
        'deny',
        { ...admin(custodyAdmin), action: 'secretsmanager:GetSecretValue', resource: secret, ...at },
        'OnlyTheHandlerAndTheCryptoOfficer',
      ),
      iamRow(
        g,
        "the store account's administrator overwrites the proxy credential",
        'deny',
        { ...admin(custodyAdmin), action: 'secretsmanager:PutSecretValue', resource: secret, ...at },
        'OnlyTheHandlerAndTheCryptoOfficer',
      ),
      iamRow(
        g,
        "the store account's administrator replaces the secret's policy",
        'deny',
        { ...admin(custodyAdmin), action: 'secretsmanager:PutResourcePolicy', resource: secret, ...at },
        'OnlyThePlatformChangesTheSecret',
      ),
      iamRow(
        g,
        "the store account's administrator edits the handler role",
        'deny',
        { ...admin(custodyAdmin), action: 'iam:AttachRolePolicy', resource: handler, region: 'us-east-1' },
        'ProtectSuverenRoles',
      ),
      iamRow(g, "deployment role creates the account's operations key (key-origin SCP exemption)", 'allow', {
        ...admin(deployer),
        action: 'kms:CreateKey',
        resource: '*',
        resourceAccount: store.account,
        ...at,
        context: { 'kms:KeyOrigin': 'AWS_KMS', 'kms:MultiRegion': 'false' },
      }),
      iamRow(
        g,
        'the handler creates a key AWS holds',
        'deny',
        {
          ...admin(handler),
          action: 'kms:CreateKey',
          resource: '*',
          resourceAccount: store.account,
          ...at,
          context: { 'kms:KeyOrigin': 'AWS_KMS', 'kms:MultiRegion': 'false' },
        },
        'ExternalKeyStoreKeysOnly',
      ),
    ];
  });
}

/** Audit delivery: CloudTrail logs and digests, S3 access logs, the alarm's topic. */
export function auditRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  const { audit, organization } = config;
  const partition = partitionOf(audit.region);
  const g = 'audit delivery';
  const archive = [...evaluator.deployed.buckets.values()].find((b) => b.stackId === AUDIT_STACK_ID && b.logicalId.startsWith('ArchiveBucket'))!;
  const accessLogs = [...evaluator.deployed.buckets.values()].find((b) => b.stackId === AUDIT_STACK_ID && b.logicalId.startsWith('AccessLogsBucket'))!;
  const trailKey = physicalId(evaluator, AUDIT_STACK_ID, 'TrailKey');
  const topic = [...evaluator.deployed.resourcePolicies.keys()].find((arn) => arn.startsWith(`arn:${partition}:sns:`))!;
  const trailArn = `arn:${partition}:cloudtrail:${audit.region}:${organization.managementAccount}:trail/${ORGANIZATION_TRAIL_NAME}`;
  // The trail as the audit account (the delegated administrator) deletes or stops it.
  const auditTrailArn = `arn:${partition}:cloudtrail:${audit.region}:${audit.account}:trail/${ORGANIZATION_TRAIL_NAME}`;
  const member = config.tenants[0].account;
  const logKey = `AWSLogs/${organization.organizationId}/${member}/CloudTrail/${audit.region}/2026/11/30/${member}_CloudTrail_${audit.region}_20261130T0000Z_abc.json.gz`;
  const digestKey = `AWSLogs/${organization.organizationId}/${member}/CloudTrail-Digest/${audit.region}/2026/11/30/${member}_CloudTrail-Digest_${audit.region}_${ORGANIZATION_TRAIL_NAME}_${audit.region}_20261130T000000Z.json.gz`;
  const object = (key: string) => `${archive.arn}/${key}`;
  const cloudTrailPut = (key: string, sse: Record<string, string>) => ({
    principal: 'cloudtrail.amazonaws.com',
    action: 's3:PutObject',
    resource: object(key),
    resourceAccount: audit.account,
    region: audit.region,
    sourceArn: trailArn,
    context: { 's3:x-amz-acl': 'bucket-owner-full-control', ...sse },
  });
  const auditAdmin = { principal: `arn:${partition}:iam::${audit.account}:role/Admin`, identityPolicies: [ADMINISTRATOR_ACCESS] };
  const deployer = {
    principal: `arn:${partition}:iam::${audit.account}:role/cdk-hnb659fds-cfn-exec-role-${audit.account}-${audit.region}`,
    identityPolicies: [ADMINISTRATOR_ACCESS],
  };
  return [
    iamRow(
      g,
      'CloudTrail writes a log file, SSE-KMS under the trail key',
      'allow',
      cloudTrailPut(logKey, { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': trailKey }),
    ),
    iamRow(g, 'CloudTrail writes a digest file (always SSE-S3)', 'allow', cloudTrailPut(digestKey, { 's3:x-amz-server-side-encryption': 'AES256' })),
    iamRow(
      g,
      'an SSE-S3 log file outside the digest prefix',
      'deny',
      cloudTrailPut(logKey, { 's3:x-amz-server-side-encryption': 'AES256' }),
      'DenyPutWithoutSseKms',
    ),
    iamRow(
      g,
      "the audit account's administrator writes a fake SSE-S3 digest",
      'deny',
      {
        ...auditAdmin,
        action: 's3:PutObject',
        resource: object(digestKey),
        resourceAccount: audit.account,
        region: audit.region,
        context: { 's3:x-amz-server-side-encryption': 'AES256' },
      },
      'DenyExemptPut',
    ),
    // iam-simulate 0.1.173 drops `kms:EncryptionContext:<key>` context keys whose key has
    // colons (aws:cloudtrail:arn), so the key policy's encryption-context condition can
    // never match here: this row is decided as 'deny' by the engine, and listed as a known
    // gap (ENGINE_GAPS) whose condition a template test checks instead.
    iamRow(g, 'CloudTrail generates data keys under the trail key', 'allow', {
      principal: 'cloudtrail.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: trailKey,
      region: audit.region,
      sourceArn: trailArn,
      context: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn },
    }),
    iamRow(g, 'CloudTrail decrypts under the trail key (S3 Bucket Keys on the archive)', 'allow', {
      principal: 'cloudtrail.amazonaws.com',
      action: 'kms:Decrypt',
      resource: trailKey,
      region: audit.region,
      sourceArn: trailArn,
    }),
    iamRow(g, 'S3 server access logs delivered to the log bucket', 'allow', {
      principal: 'logging.s3.amazonaws.com',
      action: 's3:PutObject',
      resource: `${accessLogs.arn}/audit-archive/2026-11-30-00-00-00-ABCDEF`,
      resourceAccount: audit.account,
      region: audit.region,
      sourceArn: archive.arn,
      context: { 'aws:SourceAccount': audit.account },
    }),
    iamRow(g, 'CloudWatch publishes the outside-region alarm', 'allow', {
      principal: 'cloudwatch.amazonaws.com',
      action: 'sns:Publish',
      resource: topic,
      region: audit.region,
      sourceArn: `arn:${partition}:cloudwatch:${audit.region}:${audit.account}:alarm:suveren-activity-outside-allowed-regions-${audit.region}`,
      context: { 'aws:SourceAccount': audit.account },
    }),
    iamRow(
      g,
      "the audit account's administrator deletes a log file",
      'deny',
      { ...auditAdmin, action: 's3:DeleteObject', resource: object(logKey), resourceAccount: audit.account, region: audit.region },
      'DenyDeletingLogs',
    ),
    iamRow(g, 'the deployment role replaces the trail (DeleteTrail on rollback)', 'allow', {
      ...deployer,
      action: 'cloudtrail:DeleteTrail',
      resource: auditTrailArn,
      region: audit.region,
    }),
    iamRow(
      g,
      'the deployment role stops logging',
      'deny',
      { ...deployer, action: 'cloudtrail:StopLogging', resource: auditTrailArn, region: audit.region },
      'ProtectCloudTrail',
    ),
    iamRow(
      g,
      "the audit account's administrator deletes the trail",
      'deny',
      { ...auditAdmin, action: 'cloudtrail:DeleteTrail', resource: auditTrailArn, region: audit.region },
      'ProtectCloudTrailConfiguration',
    ),
    ...configDeliveryRows(evaluator, config),
  ];
}

/** AWS Config's delivery into the audit account's Config bucket: each account's recorder role, its own prefix, the Config key. */
function configDeliveryRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  const { audit } = config;
  const partition = partitionOf(audit.region);
  const g = 'config delivery';
  const bucket = [...evaluator.deployed.buckets.values()].find((b) => b.stackId === AUDIT_STACK_ID && b.logicalId.startsWith('ConfigDeliveryBucket'))!;
  const key = physicalId(evaluator, AUDIT_STACK_ID, 'ConfigDeliveryKey');
  const member = config.tenants[0].account;
  const other = config.tenants[1].account;
  const snapshot = (account: string) =>
    `AWSLogs/${account}/Config/${audit.region}/2026/12/1/ConfigSnapshot/${account}_Config_${audit.region}_ConfigSnapshot_20261201T000000Z_abc.json.gz`;
  // The recorder role has the permissions it needs in its own account; the bucket and key policies decide.
  const recorder = (account: string, roleName = configRecorderRoleName(config.tenants[0].region)) => ({
    principal: `arn:${partition}:iam::${account}:role/${roleName}`,
    identityPolicies: [ADMINISTRATOR_ACCESS],
  });
  const sse = { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': key };
  const put = (who: { principal: string; identityPolicies: (typeof ADMINISTRATOR_ACCESS)[] }, objectKey: string, context: Record<string, string> = sse) => ({
    ...who,
    action: 's3:PutObject',
    resource: `${bucket.arn}/${objectKey}`,
    resourceAccount: audit.account,
    region: audit.region,
    context,
  });
  return [
    iamRow(g, "a member account's recorder delivers its snapshot", 'allow', put(recorder(member), snapshot(member))),
    // Delivery channels name the key by its alias ARN (its id is unknown at synth): S3 sees that name in the request.
    iamRow(
      g,
      'the recorder delivers naming the Config key by its alias',
      'allow',
      put(recorder(member), snapshot(member), {
        ...sse,
        's3:x-amz-server-side-encryption-aws-kms-key-id': `arn:${partition}:kms:${audit.region}:${audit.account}:${CONFIG_DELIVERY_KEY_ALIAS}`,
      }),
    ),
    iamRow(
      g,
      "the recorder delivers naming another key's alias",
      'deny',
      put(recorder(member), snapshot(member), {
        ...sse,
        's3:x-amz-server-side-encryption-aws-kms-key-id': `arn:${partition}:kms:${audit.region}:${audit.account}:alias/other`,
      }),
      'DenyPutWithOtherKey',
    ),
    iamRow(g, 'the recorder checks the bucket ACL before delivering', 'allow', {
      ...recorder(member),
      action: 's3:GetBucketAcl',
      resource: bucket.arn,
      resourceAccount: audit.account,
      region: audit.region,
    }),
    iamRow(g, 'the recorder encrypts the delivery under the Config key, through S3', 'allow', {
      ...recorder(member),
      action: 'kms:GenerateDataKey',
      resource: key,
      resourceAccount: audit.account,
      region: audit.region,
      context: { 'kms:ViaService': `s3.${audit.region}.${suffixOf(audit.region)}` },
    }),
    iamRow(g, "a recorder writes into another account's prefix", 'deny', put(recorder(member), snapshot(other))),
    iamRow(g, 'a recorder writes outside the Config prefix', 'deny', put(recorder(member), `AWSLogs/${member}/CloudTrail/${audit.region}/forged.json.gz`)),
    iamRow(g, "a tenant account's administrator writes into its Config prefix", 'deny', put(recorder(member, 'Admin'), snapshot(member))),
    iamRow(g, "another organization's recorder role delivers", 'deny', put(recorder('999999999999'), snapshot('999999999999'))),
    iamRow(g, 'the recorder uses the Config key directly, not through S3', 'deny', {
      ...recorder(member),
      action: 'kms:GenerateDataKey',
      resource: key,
      resourceAccount: audit.account,
      region: audit.region,
    }),
    ...configProtectionRows(config),
    iamRow(
      g,
      'the recorder delivers under another key',
      'deny',
      put(recorder(member), snapshot(member), {
        ...sse,
        's3:x-amz-server-side-encryption-aws-kms-key-id': `arn:${partition}:kms:${audit.region}:${member}:key/00000000-0000-0000-0000-000000000000`,
      }),
      'DenyPutWithOtherKey',
    ),
  ];
}

/**
 * The guardrail SCP around AWS Config in a tenant account: its administrator cannot blind
 * the recorder or change the rules; the conformance baseline StackSet's execution role can
 * create them; a role the config names as managing existing recorders (Control Tower's)
 * is not blocked, and is where the config does not name it.
 */
function configProtectionRows(config: SuverenConfig): ReplayRow[] {
  const tenant = config.tenants[0];
  const partition = partitionOf(tenant.region);
  const g = 'config protection';
  const arn = (resource: string) => `arn:${partition}:config:${tenant.region}:${tenant.account}:${resource}`;
  // The resource each action authorizes on (the service authorization reference); '*' where it names none.
  const resourceOf: Record<string, string> = {
    'config:StopConfigurationRecorder': arn('configuration-recorder/suveren/a1b2c3d4'),
    'config:PutConfigurationRecorder': arn('configuration-recorder/suveren/a1b2c3d4'),
    'config:DeleteEvaluationResults': arn('config-rule/config-rule-a1b2c3'),
    'config:DeleteConfigRule': arn('config-rule/config-rule-a1b2c3'),
    'config:PutConfigRule': arn('config-rule/config-rule-a1b2c3'),
    'config:GetComplianceDetailsByConfigRule': arn('config-rule/config-rule-a1b2c3'),
    'config:DeleteConformancePack': arn('conformance-pack/suveren/conformance-pack-a1b2c3'),
    'iam:CreateRole': `arn:${partition}:iam::${tenant.account}:role/${conformanceRuleRoleName(tenant.region)}`,
    'lambda:InvokeFunction': `arn:${partition}:lambda:${tenant.region}:${tenant.account}:function:${CONFORMANCE_RULE_FUNCTION_NAME}`,
    'lambda:UpdateFunctionCode': `arn:${partition}:lambda:${tenant.region}:${tenant.account}:function:${CONFORMANCE_RULE_FUNCTION_NAME}`,
  };
  const as = (roleName: string, action: string) => ({
    principal: `arn:${partition}:iam::${tenant.account}:role/${roleName}`,
    identityPolicies: [ADMINISTRATOR_ACCESS],
    action,
    resource: resourceOf[action] ?? '*',
    resourceAccount: tenant.account,
    region: action.startsWith('iam:') ? 'us-east-1' : tenant.region,
  });
  const stackSetExecution = 'stacksets-exec-0123456789abcdef0123456789abcdef';
  const managers = config.conformance.recorderManagerRoleNames;
  return [
    iamRow(g, "a tenant administrator stops the account's recorder", 'deny', as('Admin', 'config:StopConfigurationRecorder'), 'ProtectConfig'),
    iamRow(g, "a tenant administrator wipes a rule's evaluation results", 'deny', as('Admin', 'config:DeleteEvaluationResults'), 'ProtectConfig'),
    iamRow(
      g,
      'a tenant administrator points the delivery channel elsewhere',
      'deny',
      as('Admin', 'config:PutDeliveryChannel'),
      'ProtectConfigRecorderSettings',
    ),
    iamRow(g, 'a tenant administrator shortens the retention', 'deny', as('Admin', 'config:PutRetentionConfiguration'), 'ProtectConfigRecorderSettings'),
    iamRow(g, 'a tenant administrator deletes a Config rule', 'deny', as('Admin', 'config:DeleteConfigRule'), 'ProtectConfigRecorderSettings'),
    iamRow(g, "a tenant administrator changes a rule's parameters", 'deny', as('Admin', 'config:PutConfigRule'), 'ProtectConfigRecorderSettings'),
    iamRow(g, 'a tenant administrator deletes a conformance pack', 'deny', as('Admin', 'config:DeleteConformancePack'), 'ProtectConfigRecorderSettings'),
    iamRow(
      g,
      'a tenant administrator deletes the organization conformance pack',
      'deny',
      as('Admin', 'config:DeleteOrganizationConformancePack'),
      'ProtectConfigRecorderSettings',
    ),
    iamRow(g, "a tenant administrator creates a role named as the rule's", 'deny', as('Admin', 'iam:CreateRole'), 'ProtectSuverenRoles'),
    iamRow(g, "a tenant administrator invokes the rules' function", 'deny', as('Admin', 'lambda:InvokeFunction'), 'ProtectSuverenFunctions'),
    // The deny statements list actions by wildcard: a read that ends like a change must still pass.
    iamRow(g, "a tenant administrator reads a rule's compliance details", 'allow', as('Admin', 'config:GetComplianceDetailsByConfigRule')),
    iamRow(g, 'the break-glass role stops the recorder', 'allow', as(config.organization.breakGlassRoleName, 'config:StopConfigurationRecorder')),
    iamRow(g, "the conformance baseline StackSet's execution role creates the recorder", 'allow', as(stackSetExecution, 'config:PutConfigurationRecorder')),
    iamRow(g, "the conformance baseline StackSet's execution role creates the rule role", 'allow', as(stackSetExecution, 'iam:CreateRole')),
    iamRow(g, "the conformance baseline StackSet's execution role updates the rules' function", 'allow', as(stackSetExecution, 'lambda:UpdateFunctionCode')),
    iamRow(
      g,
      "the conformance baseline StackSet's execution role deletes the recorder (stack instance removed)",
      'allow',
      as(stackSetExecution, 'config:DeleteConfigurationRecorder'),
    ),
    ...(managers.length > 0
      ? managers.map((name) =>
          iamRow(g, `${name}, which manages the existing recorders, reconfigures the recorder`, 'allow', as(name, 'config:PutConfigurationRecorder')),
        )
      : [
          iamRow(
            g,
            "Control Tower's execution role reconfigures the recorder where the config does not name it",
            'deny',
            as(CONTROL_TOWER_EXECUTION_ROLE_NAME, 'config:PutConfigurationRecorder'),
            'ProtectConfigRecorderSettings',
          ),
        ]),
  ];
}

/** Deploy time: CloudFormation's execution role creating and updating the stacks under the organization's own SCPs and RCP. */
export function deployTimeRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  const g = 'deploy time';
  const rows: ReplayRow[] = [];
  for (const tenant of config.tenants.slice(0, 2)) {
    const n = tenantNames(evaluator, tenant);
    const deployer = { principal: n.role(`cdk-hnb659fds-cfn-exec-role-${n.account}-${n.region}`), identityPolicies: [ADMINISTRATOR_ACCESS] };
    const at = { region: n.region };
    rows.push(
      iamRow(g, `${tenant.id}: create a suveren role`, 'allow', { ...deployer, action: 'iam:CreateRole', resource: n.role('reader'), region: 'us-east-1' }),
      iamRow(g, `${tenant.id}: attach a role policy`, 'allow', {
        ...deployer,
        action: 'iam:PutRolePolicy',
        resource: n.role('inspect-fn'),
        region: 'us-east-1',
      }),
      iamRow(g, `${tenant.id}: pass a function role to Lambda`, 'allow', {
        ...deployer,
        action: 'iam:PassRole',
        resource: n.role('inspect-fn'),
        region: 'us-east-1',
      }),
      iamRow(g, `${tenant.id}: update a function's code`, 'allow', { ...deployer, action: 'lambda:UpdateFunctionCode', resource: n.presignFunctionArn, ...at }),
      iamRow(g, `${tenant.id}: invoke a custom resource handler`, 'allow', {
        ...deployer,
        action: 'lambda:InvokeFunction',
        resource: n.inspectFunctionArn,
        ...at,
      }),
      iamRow(g, `${tenant.id}: create a single-Region key`, 'allow', {
        ...deployer,
        action: 'kms:CreateKey',
        resource: '*',
        resourceAccount: n.account,
        context: { 'kms:MultiRegion': 'false' },
        ...at,
      }),
      iamRow(
        g,
        `${tenant.id}: create a multi-Region key`,
        'deny',
        { ...deployer, action: 'kms:CreateKey', resource: '*', resourceAccount: n.account, context: { 'kms:MultiRegion': 'true' }, ...at },
        'DenyMultiRegionKeys',
      ),
      iamRow(g, `${tenant.id}: set bucket notifications`, 'allow', {
        ...deployer,
        action: 's3:PutBucketNotification',
        resource: `arn:${n.partition}:s3:::${n.data}`,
        resourceAccount: n.account,
        ...at,
      }),
      iamRow(
        g,
        `${tenant.id}: a stack in a region outside the guard`,
        'deny',
        {
          ...deployer,
          action: 'cloudformation:CreateStack',
          resource: `arn:${n.partition}:cloudformation:us-east-1:${n.account}:stack/x/*`,
          region: 'us-east-1',
        },
        'DenyOutsideAllowedRegions',
      ),
    );
  }
  const management = config.organization.managementAccount;
  rows.push(
    iamRow(g, 'management account: create and attach the organization policies (SCPs never bind the management account)', 'allow', {
      principal: `arn:aws:iam::${management}:role/cdk-hnb659fds-cfn-exec-role-${management}-${config.organization.homeRegion}`,
      identityPolicies: [ADMINISTRATOR_ACCESS],
      action: 'organizations:CreatePolicy',
      resource: '*',
      resourceAccount: management,
      region: 'us-east-1',
    }),
  );
  return rows;
}

/**
 * Suveren-Pipeline: its deploy project reaches only the bootstrap deploy roles of this
 * organization; nobody in a tenant account reaches the pipeline, its artifacts, its key or
 * its source; releases come only from the release principals; nothing is read without TLS.
 */
export function pipelineRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  const deployment = config.deployment;
  if (!deployment) return [];
  const g = 'pipeline';
  const partition = partitionOf(deployment.region);
  const region = deployment.region;
  const account = deployment.account;
  const org = config.organization.organizationId;
  const stackId = PIPELINE_STACK_ID;
  const bucket = (prefix: string) => [...evaluator.deployed.buckets.values()].find((b) => b.stackId === stackId && b.logicalId.startsWith(prefix))!;
  const artifacts = bucket('StoreArtifactBucket');
  const baseline = bucket('StoreBaselineBucket');
  const releases = bucket('ReleasesBucket');
  const key = physicalId(evaluator, stackId, 'StoreKey');
  const deployRole = `arn:${partition}:iam::${account}:role/${PIPELINE_DEPLOY_ROLE_NAME}`;
  const synthRole = physicalId(evaluator, stackId, 'SynthProjectRole');
  const pipelineArn = `arn:${partition}:codepipeline:${region}:${account}:suveren`;
  const tenant = config.tenants[0];
  const tenantAdmin = { principal: `arn:${partition}:iam::${tenant.account}:role/Admin`, identityPolicies: ADMIN };
  const deploymentAdmin = { principal: `arn:${partition}:iam::${account}:role/Admin`, identityPolicies: ADMIN };
  const outsider = { principal: `arn:${partition}:iam::999999999999:role/Admin`, identityPolicies: ADMIN };
  const releasePublisher = {
    principal: 's3' in deployment.source ? deployment.source.s3.releasePrincipals[0] : `arn:${partition}:iam::${account}:role/release`,
    identityPolicies: ADMIN,
  };
  const releaseKey = 's3' in deployment.source ? deployment.source.s3.objectKey : 'releases/suveren.zip';
  const createdPublisher = `arn:${partition}:iam::${account}:role/${RELEASE_PUBLISHER_ROLE_NAME}`;
  // The bootstrap deploy role's trust, as the CDK bootstrap template builds it from the
  // StackSet's TrustedAccounts parameter (DeploymentActionRole: the parameter's values as
  // AWS principals, no external id).
  const trusted = (evaluator.deployed.stackSetParameters.get(BOOTSTRAP_STACK_SET_NAME)?.TrustedAccounts ?? '').split(',').filter(Boolean);
  const bootstrapTrust = {
    name: 'trust policy of the bootstrap deploy role (suveren-bootstrap TrustedAccounts)',
    policy: {
      Version: '2012-10-17' as const,
      Statement: trusted.map((principal) => ({
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: 'sts:AssumeRole',
        Condition: { Null: { 'sts:ExternalId': 'true' } },
      })),
    },
  };
  const assume = (principal: string, roleArn: string, orgId: string) => ({
    principal,
    action: 'sts:AssumeRole',
    resource: roleArn,
    resourceAccount: roleArn.split(':')[4],
    region,
    resourcePolicy: bootstrapTrust,
    context: { 'aws:ResourceOrgID': orgId },
  });
  const tenantDeployRole = `arn:${partition}:iam::${tenant.account}:role/cdk-hnb659fds-deploy-role-${tenant.account}-${tenant.region}`;
  const s3req = (
    who: { principal: string; identityPolicies?: AccessRequest['identityPolicies'] },
    action: string,
    resource: string,
    context: AccessRequest['context'] = {},
  ) => ({
    ...who,
    action,
    resource,
    resourceAccount: account,
    region,
    context,
  });
  const rows = [
    iamRow(g, "the deploy project assumes a tenant account's bootstrap deploy role", 'allow', assume(deployRole, tenantDeployRole, org)),
    iamRow(
      g,
      'the deploy project assumes a same-named role in an account outside the organization',
      'deny',
      assume(deployRole, 'arn:aws:iam::999999999999:role/cdk-hnb659fds-deploy-role-999999999999-eu-north-1', 'o-someoneelse1'),
    ),
    iamRow(g, "the deploy project assumes a tenant's data role", 'deny', {
      ...assume(deployRole, `arn:${partition}:iam::${tenant.account}:role/suveren-${tenant.id}-reader`, org),
      resourcePolicy: undefined,
    }),
    iamRow(g, 'the synth project assumes any bootstrap role (it synthesizes offline)', 'deny', assume(synthRole, tenantDeployRole, org)),
    iamRow(g, "the deployment account's administrator assumes a tenant's bootstrap deploy role (only the deploy project is trusted)", 'deny', {
      ...assume(deploymentAdmin.principal, tenantDeployRole, org),
      identityPolicies: ADMIN,
    }),
    iamRow(g, "the StackSet execution role updates a bootstrap role's trust", 'allow', {
      principal: `arn:${partition}:iam::${tenant.account}:role/stacksets-exec-0123456789abcdef`,
      identityPolicies: ADMIN,
      action: 'iam:UpdateAssumeRolePolicy',
      resource: tenantDeployRole,
      region,
    }),
    iamRow(
      g,
      "a tenant administrator updates a bootstrap role's trust",
      'deny',
      { ...tenantAdmin, action: 'iam:UpdateAssumeRolePolicy', resource: tenantDeployRole, region },
      'ProtectBootstrapRoles',
    ),
    iamRow(
      g,
      'a tenant administrator rewrites the execution boundary',
      'deny',
      {
        ...tenantAdmin,
        action: 'iam:CreatePolicyVersion',
        resource: `arn:${partition}:iam::${tenant.account}:policy/${EXECUTION_BOUNDARY_POLICY_NAME}`,
        region,
      },
      'ProtectBoundaries',
    ),
    iamRow(
      g,
      'a tenant administrator creates a role named like a StackSet execution role (to borrow its exemption)',
      'deny',
      { ...tenantAdmin, action: 'iam:CreateRole', resource: `arn:${partition}:iam::${tenant.account}:role/stacksets-exec-mine`, region },
      'DenyImpersonatingStackSetExecution',
    ),
    iamRow(
      g,
      'a tenant administrator changes the StackSet execution role (to assume it)',
      'deny',
      {
        ...tenantAdmin,
        action: 'iam:UpdateAssumeRolePolicy',
        resource: `arn:${partition}:iam::${tenant.account}:role/stacksets-exec-0123456789abcdef`,
        region,
      },
      'ProtectPlatformRoles',
    ),
    iamRow(g, 'the deploy project approves its own change', 'deny', {
      principal: deployRole,
      action: 'codepipeline:PutApprovalResult',
      resource: `${pipelineArn}/Pipeline/ApproveChanges`,
      region,
    }),
    iamRow(g, "a tenant account's administrator changes the pipeline", 'deny', {
      ...tenantAdmin,
      action: 'codepipeline:UpdatePipeline',
      resource: pipelineArn,
      resourceAccount: account,
      region,
    }),
    iamRow(g, "a tenant account's administrator approves a stage", 'deny', {
      ...tenantAdmin,
      action: 'codepipeline:PutApprovalResult',
      resource: `${pipelineArn}/Guardrails/ApproveOrganization`,
      resourceAccount: account,
      region,
    }),
    iamRow(
      g,
      "a tenant account's administrator replaces a synthesized artifact",
      'deny',
      s3req(tenantAdmin, 's3:PutObject', `${artifacts.arn}/suveren/Synthesize/abc.zip`),
    ),
    iamRow(
      g,
      "a tenant account's administrator rewrites a deployed baseline",
      'deny',
      s3req(tenantAdmin, 's3:PutObject', `${baseline.arn}/deployed/Suveren-Tenant-${tenant.id}.template.json`),
    ),
    iamRow(g, "a tenant account's administrator uploads a release", 'deny', s3req(tenantAdmin, 's3:PutObject', `${releases.arn}/${releaseKey}`)),
    iamRow(g, 'a release principal uploads a release', 'allow', s3req(releasePublisher, 's3:PutObject', `${releases.arn}/${releaseKey}`)),
    // The role Suveren-Pipeline creates for releasePublisherTrust, with the policy its template gives it (grantPublish).
    ...('s3' in deployment.source && deployment.source.s3.releasePublisherTrust
      ? [
          iamRow(
            g,
            'the created release publisher uploads the release',
            'allow',
            s3req({ principal: createdPublisher }, 's3:PutObject', `${releases.arn}/${releaseKey}`),
          ),
          iamRow(
            g,
            'the created release publisher uploads another object',
            'deny',
            s3req({ principal: createdPublisher }, 's3:PutObject', `${releases.arn}/releases/other.zip`),
          ),
          iamRow(
            g,
            'the created release publisher reads the baseline',
            'deny',
            s3req({ principal: createdPublisher }, 's3:GetObject', `${baseline.arn}/deployed/Suveren-Audit.template.json`),
          ),
          iamRow(
            g,
            'the created release publisher writes an artifact',
            'deny',
            s3req({ principal: createdPublisher }, 's3:PutObject', `${artifacts.arn}/suveren/Synthesize/abc.zip`),
          ),
        ]
      : []),
    iamRow(
      g,
      "the deployment account's own administrator uploads a release",
      'deny',
      s3req(deploymentAdmin, 's3:PutObject', `${releases.arn}/${releaseKey}`),
      'DenyWritesOutsideReleasePrincipals',
    ),
    iamRow(
      g,
      'the deploy project reads a synthesized artifact',
      'allow',
      s3req({ principal: deployRole }, 's3:GetObject', `${artifacts.arn}/suveren/Synthesize/abc.zip`),
    ),
    iamRow(
      g,
      'the deploy project reads a synthesized artifact without TLS',
      'deny',
      s3req({ principal: deployRole }, 's3:GetObject', `${artifacts.arn}/suveren/Synthesize/abc.zip`, { 'aws:SecureTransport': 'false' }),
    ),
    iamRow(
      g,
      'the deploy project records a deployed baseline',
      'allow',
      s3req({ principal: deployRole }, 's3:PutObject', `${baseline.arn}/deployed/Suveren-Tenant-${tenant.id}.template.json`),
    ),
    iamRow(
      g,
      'the synth project rewrites a deployed baseline',
      'deny',
      s3req({ principal: synthRole }, 's3:PutObject', `${baseline.arn}/deployed/Suveren-Tenant-${tenant.id}.template.json`),
    ),
    iamRow(
      g,
      'a principal outside the organization reads an artifact',
      'deny',
      s3req(outsider, 's3:GetObject', `${artifacts.arn}/suveren/Synthesize/abc.zip`),
      'DenyOutsideOrganization',
    ),
    iamRow(g, 'a principal outside the organization decrypts with the pipeline key', 'deny', {
      ...outsider,
      action: 'kms:Decrypt',
      resource: key,
      resourceAccount: account,
      region,
    }),
    iamRow(g, 'the deploy project decrypts with the pipeline key', 'allow', { principal: deployRole, action: 'kms:Decrypt', resource: key, region }),
    ...deployPathRows(evaluator, config),
  ];
  return rows;
}

/**
 * Only the pipeline deploys: a tenant account's administrator can neither become its
 * bootstrap deploy role (whose trust admits its own account), nor pass the execution role,
 * nor update a suveren stack that runs as it, nor replace a Lambda bundle in the assets
 * bucket; the tenants' deploy project reaches no organization account; the synth build
 * deletes no artifact; no deployment mints a role without the workload boundary. Each
 * denied case has its allowed twin.
 */
function deployPathRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  const deployment = config.deployment!;
  const g = 'deploy path';
  const partition = partitionOf(deployment.region);
  const tenant = config.tenants[0];
  const region = tenant.region;
  const roles = pipelineDeployRoleArns(partition, deployment.account);
  const inTenant = (name: string) => `arn:${partition}:iam::${tenant.account}:role/${name}`;
  const tenantAdmin = { principal: inTenant('Admin'), identityPolicies: ADMIN };
  const tenantDeployRole = inTenant(`cdk-hnb659fds-deploy-role-${tenant.account}-${region}`);
  const tenantExecRole = inTenant(`cdk-hnb659fds-cfn-exec-role-${tenant.account}-${region}`);
  const management = config.organization.managementAccount;
  const managementDeployRole = `arn:${partition}:iam::${management}:role/cdk-hnb659fds-deploy-role-${management}-${config.organization.homeRegion}`;
  const synthRole = physicalId(evaluator, PIPELINE_STACK_ID, 'SynthProjectRole');
  const planRole = physicalId(evaluator, PIPELINE_STACK_ID, 'PlanProjectRole');
  const artifacts = [...evaluator.deployed.buckets.values()].find((b) => b.stackId === PIPELINE_STACK_ID && b.logicalId.startsWith('StoreArtifactBucket'))!;
  const baselines = [...evaluator.deployed.buckets.values()].find((b) => b.stackId === PIPELINE_STACK_ID && b.logicalId.startsWith('StoreBaselineBucket'))!;
  const planObject = `${baselines.arn}/plans/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/plan.md`;
  const trusted = (evaluator.deployed.stackSetParameters.get(BOOTSTRAP_STACK_SET_NAME)?.TrustedAccounts ?? '').split(',').filter(Boolean);
  // The CDK bootstrap template's DeploymentActionRole: the TrustedAccounts, and (statement
  // "AssumeRole for same account", which no parameter removes) its own account.
  const deployRoleTrust = (account: string, principals: readonly string[]) => ({
    name: 'trust policy of the bootstrap deploy role',
    policy: {
      Version: '2012-10-17' as const,
      Statement: [...principals, `arn:${partition}:iam::${account}:root`].map((principal) => ({
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: 'sts:AssumeRole',
        Condition: { Null: { 'sts:ExternalId': 'true' } },
      })),
    },
  });
  const assumeDeployRole = (principal: string, roleArn: string, identityPolicies?: AccessRequest['identityPolicies'], trust = trusted) => ({
    principal,
    ...(identityPolicies ? { identityPolicies } : {}),
    action: 'sts:AssumeRole',
    resource: roleArn,
    resourceAccount: roleArn.split(':')[4],
    region,
    resourcePolicy: deployRoleTrust(roleArn.split(':')[4], trust),
    context: { 'aws:ResourceOrgID': config.organization.organizationId },
  });
  const stack = `arn:${partition}:cloudformation:${region}:${tenant.account}:stack/${tenantStackId(tenant.id)}/0a1b2c3d-1111-2222-3333-444455556666`;
  const onTenant = (who: { principal: string; identityPolicies?: AccessRequest['identityPolicies'] }, action: string, resource: string, context = {}) => ({
    identityPolicies: ADMIN,
    ...who,
    action,
    resource,
    resourceAccount: tenant.account,
    region,
    context,
  });
  const recorder = `arn:${partition}:config:${region}:${tenant.account}:configuration-recorder/default/0123456789abcdef`;
  const assets = `arn:${partition}:s3:::cdk-hnb659fds-assets-${tenant.account}-${region}/3f1d9c0e.zip`;
  const executionBoundary = { name: EXECUTION_BOUNDARY_POLICY_NAME, policy: executionBoundaryDocument() as unknown as PolicyDocumentJson };
  const mintRole = (context: AccessRequest['context']) => ({
    ...onTenant({ principal: tenantExecRole }, 'iam:CreateRole', inTenant('Suveren-Tenant-minted'), context),
    permissionsBoundary: executionBoundary,
  });
  return [
    iamRow(g, "the tenants' deploy project assumes a tenant account's deploy role", 'allow', assumeDeployRole(roles.tenants, tenantDeployRole)),
    iamRow(
      g,
      "a tenant account's administrator assumes its own deploy role (the bootstrap trusts its own account)",
      'deny',
      assumeDeployRole(tenantAdmin.principal, tenantDeployRole, ADMIN),
      'OnlyPipelineAssumesDeployRoles',
    ),
    iamRow(
      g,
      "a tenant account's administrator assumes its file-publishing role",
      'deny',
      assumeDeployRole(tenantAdmin.principal, inTenant(`cdk-hnb659fds-file-publishing-role-${tenant.account}-${region}`), ADMIN),
      'OnlyPipelineAssumesDeployRoles',
    ),
    iamRow(g, "the organization deploy project assumes the management account's deploy role", 'allow', {
      ...assumeDeployRole(roles.organization, managementDeployRole, undefined, [roles.organization]),
    }),
    iamRow(
      g,
      "the tenants' deploy project assumes the management account's deploy role (even one trusting the whole deployment account)",
      'deny',
      assumeDeployRole(roles.tenants, managementDeployRole, undefined, [`arn:${partition}:iam::${deployment.account}:root`]),
      'NoOrganizationAccounts',
    ),
    iamRow(
      g,
      "the tenants' deploy project assumes a key-custody account's deploy role",
      'deny',
      assumeDeployRole(
        roles.tenants,
        (() => {
          const custody = [...config.keyCustody.hsmClusters, ...config.keyCustody.externalKeyStores][0];
          const account = custody?.account ?? config.audit.account;
          return `arn:${partition}:iam::${account}:role/cdk-hnb659fds-deploy-role-${account}-${custody?.region ?? config.audit.region}`;
        })(),
      ),
      'NoOrganizationAccounts',
    ),
    iamRow(
      g,
      'the deploy role passes the execution role to CloudFormation',
      'allow',
      onTenant({ principal: tenantDeployRole }, 'iam:PassRole', tenantExecRole),
    ),
    iamRow(
      g,
      "a tenant account's administrator passes the execution role to CloudFormation",
      'deny',
      onTenant(tenantAdmin, 'iam:PassRole', tenantExecRole),
      'DenyPassingExecutionRoles',
    ),
    iamRow(
      g,
      "the deploy role creates a change set of the tenant's stack",
      'allow',
      onTenant({ principal: tenantDeployRole }, 'cloudformation:CreateChangeSet', stack),
    ),
    ...['cloudformation:UpdateStack', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteStack'].map((action) =>
      iamRow(
        g,
        `a tenant account's administrator calls ${action} on ${tenantStackId(tenant.id)} (CloudFormation would act as the stack's execution role)`,
        'deny',
        onTenant(tenantAdmin, action, stack),
        'DenyStackChangesOutsidePipeline',
      ),
    ),
    iamRow(g, 'the file-publishing role uploads a Lambda bundle to the assets bucket', 'allow', {
      ...onTenant({ principal: inTenant(`cdk-hnb659fds-file-publishing-role-${tenant.account}-${region}`) }, 's3:PutObject', assets),
      resourcePolicy: null,
    }),
    iamRow(
      g,
      "a tenant account's administrator replaces a Lambda bundle in the assets bucket",
      'deny',
      { ...onTenant(tenantAdmin, 's3:PutObject', assets), resourcePolicy: null },
      'ProtectDeploymentAssets',
    ),
    iamRow(
      g,
      'the conformance StackSet changes the recorded resource types',
      'allow',
      onTenant({ principal: inTenant('stacksets-exec-0123456789abcdef') }, 'config:DisassociateResourceTypes', recorder),
    ),
    iamRow(
      g,
      "a tenant account's administrator drops resource types from the recorder",
      'deny',
      onTenant(tenantAdmin, 'config:DisassociateResourceTypes', recorder),
      'ProtectConfigRecorderSettings',
    ),
    iamRow(
      g,
      "a tenant account's administrator adds resource types to the recorder",
      'deny',
      onTenant(tenantAdmin, 'config:AssociateResourceTypes', recorder),
      'ProtectConfigRecorderSettings',
    ),
    iamRow(g, 'the synth project writes its artifact under the pipeline prefix', 'allow', {
      principal: synthRole,
      action: 's3:PutObject',
      resource: `${artifacts.arn}/suveren/Synthesiz/Xy12AbC`,
      resourceAccount: deployment.account,
      region: deployment.region,
    }),
    iamRow(
      g,
      "the synth project deletes an artifact (an approved execution's assembly)",
      'deny',
      {
        principal: synthRole,
        action: 's3:DeleteObject',
        resource: `${artifacts.arn}/suveren/Synthesiz/Xy12AbC`,
        resourceAccount: deployment.account,
        region: deployment.region,
      },
      'NoArtifactDeletion',
    ),
    iamRow(
      g,
      'the synth project writes outside the pipeline prefix',
      'deny',
      {
        principal: synthRole,
        action: 's3:PutObject',
        resource: `${artifacts.arn}/elsewhere/file`,
        resourceAccount: deployment.account,
        region: deployment.region,
      },
      'ArtifactsOnlyUnderThePipelinePrefix',
    ),
    iamRow(g, 'the plan project files the plan the approvers read', 'allow', {
      principal: planRole,
      action: 's3:PutObject',
      resource: planObject,
      resourceAccount: deployment.account,
      region: deployment.region,
    }),
    iamRow(g, 'the synth project (the release under review) replaces the plan the approvers read', 'deny', {
      principal: synthRole,
      action: 's3:PutObject',
      resource: planObject,
      resourceAccount: deployment.account,
      region: deployment.region,
    }),
    iamRow(
      g,
      "a tenant account's administrator creates a role named like its bootstrap deploy role (to borrow the deploy roles' exemptions)",
      'deny',
      onTenant(tenantAdmin, 'iam:CreateRole', tenantDeployRole),
      'ProtectBootstrapRoles',
    ),
    iamRow(
      g,
      "a tenant account's administrator signs in to its deploy role through an identity provider of its own",
      'deny',
      {
        principal: `arn:${partition}:iam::${tenant.account}:oidc-provider/attacker.example`,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: tenantDeployRole,
        resourceAccount: tenant.account,
        region,
        context: { 'aws:PrincipalArn': undefined, 'aws:PrincipalAccount': undefined, 'aws:PrincipalOrgID': undefined },
        resourcePolicy: {
          name: 'a trust an administrator could write',
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: `arn:${partition}:iam::${tenant.account}:oidc-provider/attacker.example` },
                Action: 'sts:AssumeRoleWithWebIdentity',
              },
            ],
          },
        },
      },
      'OnlyPipelineAssumesDeployRoles',
    ),
    iamRow(
      g,
      'a deployment creates a role with the workload boundary',
      'allow',
      mintRole({ 'iam:PermissionsBoundary': `arn:${partition}:iam::${tenant.account}:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}` }),
    ),
    iamRow(g, 'a deployment creates a role without a boundary', 'deny', mintRole({}), 'DenyRolesWithoutTheWorkloadBoundary'),
    iamRow(
      g,
      'a deployment creates a role with a boundary of its own',
      'deny',
      mintRole({ 'iam:PermissionsBoundary': `arn:${partition}:iam::${tenant.account}:policy/AdministratorAccess-mine` }),
      'DenyRolesWithoutTheWorkloadBoundary',
    ),
  ];
}

/**
 * What the pipeline can do to the organization through the management account's
 * bootstrap, whose execution role has managementExecutionPolicy (bootstrapped by hand):
 * suveren's own tagged policies on the guardrail targets, nothing else.
 */
export function managementRows(_evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  if (!config.deployment) return [];
  const g = 'management account execution';
  const { organization } = config;
  const partition = partitionOf(organization.homeRegion ?? organization.allowedRegions[0]);
  const region = organization.homeRegion ?? organization.allowedRegions[0];
  const inputs = {
    partition,
    managementAccount: organization.managementAccount,
    organizationId: organization.organizationId,
    guardrailTargets: organization.guardrailTargets,
  };
  const execRole = {
    principal: `arn:${partition}:iam::${organization.managementAccount}:role/cdk-hnb659fds-cfn-exec-role-${organization.managementAccount}-${region}`,
    identityPolicies: [{ name: 'suveren management execution policy', policy: managementExecutionPolicy(inputs) as unknown as PolicyDocumentJson }],
  };
  const policyArn = (id: string) =>
    `arn:${partition}:organizations::${organization.managementAccount}:policy/${organization.organizationId}/service_control_policy/${id}`;
  const tagged = { [`aws:ResourceTag/${MANAGED_POLICY_TAG.key}`]: MANAGED_POLICY_TAG.value };
  const request = (action: string, resource: string, context: AccessRequest['context'] = {}): AccessRequest => ({
    ...execRole,
    action,
    resource,
    resourceAccount: organization.managementAccount,
    region,
    context,
  });
  const target = organization.guardrailTargets[0];
  const requestTag = { [`aws:RequestTag/${MANAGED_POLICY_TAG.key}`]: MANAGED_POLICY_TAG.value, 'aws:TagKeys': [MANAGED_POLICY_TAG.key] };
  return [
    iamRow(
      g,
      "creates a policy tagged as suveren's",
      'allow',
      request('organizations:CreatePolicy', policyArn('p-newpolicy1'), {
        [`aws:RequestTag/${MANAGED_POLICY_TAG.key}`]: MANAGED_POLICY_TAG.value,
        'aws:TagKeys': [MANAGED_POLICY_TAG.key],
      }),
    ),
    iamRow(g, 'creates an untagged policy', 'deny', request('organizations:CreatePolicy', policyArn('p-newpolicy2'))),
    // CreatePolicy with tags also needs TagResource on the new policy, which has no tag yet.
    iamRow(
      g,
      "tags the policy it creates as suveren's (CreatePolicy with tags needs TagResource)",
      'allow',
      request('organizations:TagResource', policyArn('p-newpolicy1'), requestTag),
    ),
    iamRow(g, "re-tags suveren's own policy", 'allow', request('organizations:TagResource', policyArn('p-suveren01'), { ...requestTag, ...tagged })),
    iamRow(
      g,
      "tags another team's policy as suveren's (to take it over)",
      'deny',
      request('organizations:TagResource', policyArn('p-controltw1'), { ...requestTag, [`aws:ResourceTag/${MANAGED_POLICY_TAG.key}`]: 'control-tower' }),
    ),
    iamRow(
      g,
      'adds a tag of another key to a policy',
      'deny',
      request('organizations:TagResource', policyArn('p-suveren01'), { ...tagged, 'aws:RequestTag/owner': 'someone', 'aws:TagKeys': ['owner'] }),
    ),
    iamRow(g, "updates suveren's region guard", 'allow', request('organizations:UpdatePolicy', policyArn('p-suveren01'), tagged)),
    iamRow(g, "updates another team's policy (Control Tower's, untagged)", 'deny', request('organizations:UpdatePolicy', policyArn('p-controltw1'))),
    iamRow(g, "detaches another team's policy (untagged)", 'deny', request('organizations:DetachPolicy', policyArn('p-controltw1'))),
    iamRow(g, "attaches suveren's policy to a guardrail target", 'allow', request('organizations:AttachPolicy', organizationTargetArn(inputs, target))),
    iamRow(
      g,
      'attaches a policy to an OU outside the guardrail targets',
      'deny',
      request('organizations:AttachPolicy', organizationTargetArn(inputs, 'ou-zzzz-99999999')),
    ),
    iamRow(g, 'creates an account', 'deny', request('organizations:CreateAccount', '*')),
    iamRow(
      g,
      'registers a delegated administrator',
      'deny',
      request(
        'organizations:RegisterDelegatedAdministrator',
        `arn:${partition}:organizations::${organization.managementAccount}:account/${organization.organizationId}/${config.tenants[0].account}`,
      ),
    ),
    iamRow(
      g,
      'creates an IAM user in the management account',
      'deny',
      request('iam:CreateUser', `arn:${partition}:iam::${organization.managementAccount}:user/intruder`),
    ),
  ];
}

/**
 * The platform roles Suveren-Bootstrap's StackSet makes (break-glass everywhere, the crypto
 * officer in key-custody accounts): its execution role creates and changes them; a tenant
 * or key-custody administrator can neither plant one first nor change or delete it.
 */
export function platformRoleRows(_evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  if (!config.organization.platformRoles) return [];
  const g = 'platform roles (StackSet)';
  const region = config.organization.homeRegion;
  const partition = partitionOf(region);
  const tenant = config.tenants[0];
  const custody = [...config.keyCustody.hsmClusters, ...config.keyCustody.externalKeyStores][0];
  const role = (account: string, name: string) => `arn:${partition}:iam::${account}:role/${name}`;
  const admin = (account: string) => ({ principal: role(account, 'Admin'), identityPolicies: ADMIN });
  const stackSet = (account: string) => ({ principal: role(account, 'stacksets-exec-0123456789abcdef'), identityPolicies: ADMIN });
  const breakGlass = (account: string) => role(account, config.organization.breakGlassRoleName);
  const on = (who: { principal: string; identityPolicies: typeof ADMIN }, action: string, resource: string): AccessRequest => ({
    ...who,
    action,
    resource,
    region,
  });
  const rows = [
    iamRow(
      g,
      "the StackSet's execution role creates the break-glass role",
      'allow',
      on(stackSet(tenant.account), 'iam:CreateRole', breakGlass(tenant.account)),
    ),
    iamRow(
      g,
      "the StackSet's execution role updates the break-glass role's trust",
      'allow',
      on(stackSet(tenant.account), 'iam:UpdateAssumeRolePolicy', breakGlass(tenant.account)),
    ),
    iamRow(
      g,
      'a tenant administrator creates the break-glass role first (trusting itself)',
      'deny',
      on(admin(tenant.account), 'iam:CreateRole', breakGlass(tenant.account)),
      'ProtectBreakGlassRole',
    ),
    iamRow(
      g,
      "a tenant administrator changes the break-glass role's trust",
      'deny',
      on(admin(tenant.account), 'iam:UpdateAssumeRolePolicy', breakGlass(tenant.account)),
      'ProtectBreakGlassRole',
    ),
    iamRow(
      g,
      'a tenant administrator deletes the break-glass role',
      'deny',
      on(admin(tenant.account), 'iam:DeleteRole', breakGlass(tenant.account)),
      'ProtectBreakGlassRole',
    ),
    iamRow(
      g,
      'a tenant administrator attaches a policy to the break-glass role',
      'deny',
      on(admin(tenant.account), 'iam:AttachRolePolicy', breakGlass(tenant.account)),
      'ProtectBreakGlassRole',
    ),
  ];
  if (custody) {
    const officer = role(custody.account, custody.cryptoOfficerRoleName);
    rows.push(
      iamRow(g, "the StackSet's execution role creates the crypto officer's role", 'allow', on(stackSet(custody.account), 'iam:CreateRole', officer)),
      iamRow(
        g,
        "the StackSet's execution role updates the crypto officer's trust",
        'allow',
        on(stackSet(custody.account), 'iam:UpdateAssumeRolePolicy', officer),
      ),
      iamRow(
        g,
        "a key-custody administrator creates the crypto officer's role first",
        'deny',
        on(admin(custody.account), 'iam:CreateRole', officer),
        'ProtectSuverenRoles',
      ),
      iamRow(
        g,
        "a key-custody administrator changes the crypto officer's trust",
        'deny',
        on(admin(custody.account), 'iam:UpdateAssumeRolePolicy', officer),
        'ProtectSuverenRoles',
      ),
      iamRow(
        g,
        "a key-custody administrator deletes the crypto officer's role",
        'deny',
        on(admin(custody.account), 'iam:DeleteRole', officer),
        'ProtectSuverenRoles',
      ),
    );
  }
  return rows;
}

/**
 * The management-account role that runs `suveren accounts create` (accountCreatorPolicy):
 * creates and moves suveren's own accounts into the config's OUs, nothing else.
 */
export function accountCreatorRows(_evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  const g = 'management account: account creator';
  const { organization } = config;
  const region = organization.homeRegion;
  const partition = partitionOf(region);
  const unit = organization.guardrailTargets.find((t) => t.startsWith('ou-'))!;
  const inputs = {
    partition,
    managementAccount: organization.managementAccount,
    organizationId: organization.organizationId,
    guardrailTargets: organization.guardrailTargets,
    destinationUnits: [unit],
  };
  const role = {
    principal: `arn:${partition}:iam::${organization.managementAccount}:role/suveren-account-creator`,
    identityPolicies: [{ name: 'suveren account creator policy', policy: accountCreatorPolicy(inputs) as unknown as PolicyDocumentJson }],
  };
  const account = (id: string) => `arn:${partition}:organizations::${organization.managementAccount}:account/${organization.organizationId}/${id}`;
  const root = `arn:${partition}:organizations::${organization.managementAccount}:root/${organization.organizationId}/r-ab12`;
  const request = (action: string, resource: string, context: AccessRequest['context'] = {}): AccessRequest => ({
    ...role,
    action,
    resource,
    resourceAccount: organization.managementAccount,
    region,
    context,
  });
  const requestTag = { [`aws:RequestTag/${MANAGED_POLICY_TAG.key}`]: MANAGED_POLICY_TAG.value, 'aws:TagKeys': [MANAGED_POLICY_TAG.key] };
  const suverens = { [`aws:ResourceTag/${MANAGED_POLICY_TAG.key}`]: MANAGED_POLICY_TAG.value };
  const newAccount = '333333333339';
  const foreignAccount = '777777777777';
  return [
    iamRow(g, "creates an account tagged as suveren's", 'allow', request('organizations:CreateAccount', '*', requestTag)),
    iamRow(g, 'creates an untagged account', 'deny', request('organizations:CreateAccount', '*')),
    iamRow(
      g,
      "tags the account it creates as suveren's (CreateAccount with tags)",
      'allow',
      request('organizations:TagResource', account(newAccount), requestTag),
    ),
    iamRow(
      g,
      "tags another team's account as suveren's",
      'deny',
      request('organizations:TagResource', account(foreignAccount), { ...requestTag, [`aws:ResourceTag/${MANAGED_POLICY_TAG.key}`]: 'control-tower' }),
    ),
    iamRow(g, "moves suveren's account", 'allow', request('organizations:MoveAccount', account(newAccount), suverens)),
    iamRow(g, "moves another team's account", 'deny', request('organizations:MoveAccount', account(foreignAccount))),
    iamRow(g, 'moves an account out of the root', 'allow', request('organizations:MoveAccount', root)),
    iamRow(g, "moves an account into the config's OU", 'allow', request('organizations:MoveAccount', organizationTargetArn(inputs, unit))),
    iamRow(
      g,
      'moves an account into an OU the config does not name',
      'deny',
      request('organizations:MoveAccount', organizationTargetArn(inputs, 'ou-zzzz-99999999')),
    ),
    iamRow(g, "closes suveren's account", 'deny', request('organizations:CloseAccount', account(newAccount), suverens)),
    iamRow(g, "removes suveren's account from the organization", 'deny', request('organizations:RemoveAccountFromOrganization', account(newAccount), suverens)),
    iamRow(g, 'invites an outside account', 'deny', request('organizations:InviteAccountToOrganization', account(foreignAccount))),
    iamRow(
      g,
      'creates a policy',
      'deny',
      request(
        'organizations:CreatePolicy',
        `arn:${partition}:organizations::${organization.managementAccount}:policy/${organization.organizationId}/service_control_policy/p-new00001`,
        requestTag,
      ),
    ),
  ];
}

/**
 * A tenant's replica (docs/continuity.md): what S3's replication does as the replication role
 * (allowed), everything else that role might try (denied, the plaintext reads among them), the
 * reader and the eraser in the replica as in the data bucket, and the attacks on the replica.
 */
export function replicaRows(evaluator: AccessEvaluator, tenant: TenantConfig): ReplayRow[] {
  if (!tenant.continuity) return [];
  const n = tenantNames(evaluator, tenant);
  const g = `replica ${tenant.id} (${tenant.tier})`;
  const replicaRegion = tenant.continuity.replicaRegion;
  const replica = [...evaluator.deployed.buckets.values()].find(
    (b) => b.stackId === tenantReplicaStackId(tenant.id) && b.logicalId.startsWith('ReplicaBucket'),
  )!;
  const replicaKey = replica.defaultKeyArn!;
  const replication = n.role('replication');
  const reader = n.role('reader');
  const eraser = n.role('eraser');
  const keyAdmin = n.role('key-admin');
  const tenantAdmin = n.role('Admin');
  const outsider = `arn:${n.partition}:iam::999999999999:role/Admin`;
  const obj = 'objects/2026/12/06/0f8fad5b-d9cb-469f-a165-70867728950e';
  const restorer = n.role('restorer');
  /** CopyObject of `obj` from `from` (its version v1 tagged `tags`) into the data bucket, tagged `tagged` (x-amz-tagging-directive REPLACE). */
  const restore = (from: string, tags: Record<string, string>, tagged: Record<string, string>): S3Call => ({
    principal: restorer,
    operation: 'CopyObject',
    bucket: n.data,
    key: obj,
    region: n.region,
    source: { bucket: from, key: obj, versionId: 'v1', existingTags: tags },
    copiesTags: false,
    requestTags: tagged,
  });
  const source = `arn:${n.partition}:s3:::${n.data}`;
  const copy = `arn:${n.partition}:s3:::${replica.name}`;
  const via = (region: string) => ({ 'kms:ViaService': `s3.${region}.${suffixOf(region)}`, 'kms:CallerAccount': n.account });
  const as = (principal: string, region: string, action: string, resource: string, context: Record<string, string> = {}): AccessRequest => ({
    principal,
    region,
    action,
    resource,
    context,
  });
  const admin = (principal: string) => ({ principal, identityPolicies: ADMIN });
  const createJob = (principal: string, context: Record<string, string>): AccessRequest => ({
    ...as(principal, n.region, 's3:CreateJob', '*', context),
    resourceAccount: n.account,
  });
  const read = (principal: string, tags: Record<string, string>, extra: Partial<S3Call> = {}): S3Call => ({
    principal,
    operation: 'GetObject',
    bucket: replica.name,
    key: obj,
    existingTags: tags,
    ...extra,
  });
  return [
    // What S3 asks as the replication role (S3 User Guide, replication permissions for SSE-KMS objects).
    iamRow(g, "replication: reads the source bucket's replication configuration", 'allow', as(replication, n.region, 's3:GetReplicationConfiguration', source)),
    iamRow(g, 'replication: lists the source bucket', 'allow', as(replication, n.region, 's3:ListBucket', source)),
    iamRow(
      g,
      'replication: reads a source version for replication',
      'allow',
      as(replication, n.region, 's3:GetObjectVersionForReplication', `${source}/${obj}`),
    ),
    iamRow(
      g,
      "replication: reads a source version's tags (the verdict travels)",
      'allow',
      as(replication, n.region, 's3:GetObjectVersionTagging', `${source}/${obj}`),
    ),
    iamRow(g, 'replication: S3 decrypts the source in its region', 'allow', as(replication, n.region, 'kms:Decrypt', n.keyArn, via(n.region))),
    iamRow(g, 'replication: writes a replica', 'allow', as(replication, replicaRegion, 's3:ReplicateObject', `${copy}/${obj}`)),
    iamRow(g, "replication: writes a replica's tags", 'allow', as(replication, replicaRegion, 's3:ReplicateTags', `${copy}/${obj}`)),
    iamRow(
      g,
      'replication: S3 encrypts the replica under the replica key in its region',
      'allow',
      as(replication, replicaRegion, 'kms:Encrypt', replicaKey, via(replicaRegion)),
    ),
    // Everything else the replication role might try.
    iamRow(g, 'replication: reads a source object as a person would (GetObject)', 'deny', as(replication, n.region, 's3:GetObject', `${source}/${obj}`)),
    iamRow(g, 'replication: reads a replica (GetObject)', 'deny', as(replication, replicaRegion, 's3:GetObject', `${copy}/${obj}`)),
    iamRow(
      g,
      'replication: decrypts under the data key directly, not through S3',
      'deny',
      as(replication, n.region, 'kms:Decrypt', n.keyArn, { 'kms:CallerAccount': n.account }),
    ),
    iamRow(
      g,
      'replication: decrypts under the data key through S3 in the replica region',
      'deny',
      as(replication, n.region, 'kms:Decrypt', n.keyArn, via(replicaRegion)),
    ),
    iamRow(g, 'replication: decrypts under the replica key through S3', 'deny', as(replication, replicaRegion, 'kms:Decrypt', replicaKey, via(replicaRegion))),
    iamRow(
      g,
      'replication: encrypts under the replica key directly, not through S3',
      'deny',
      as(replication, replicaRegion, 'kms:Encrypt', replicaKey, { 'kms:CallerAccount': n.account }),
    ),
    iamRow(g, 'replication: encrypts under the data key', 'deny', as(replication, n.region, 'kms:Encrypt', n.keyArn, via(n.region))),
    iamRow(
      g,
      'replication: replicates a deletion (delete markers do not replicate here)',
      'deny',
      as(replication, replicaRegion, 's3:ReplicateDelete', `${copy}/${obj}`),
    ),
    iamRow(g, 'replication: puts an object into the replica', 'deny', as(replication, replicaRegion, 's3:PutObject', `${copy}/${obj}`)),
    iamRow(
      g,
      'replication: reads the quarantine bucket for replication',
      'deny',
      as(replication, n.region, 's3:GetObjectVersionForReplication', `arn:${n.partition}:s3:::${n.quarantine}/quarantine/${obj}/v1`),
    ),
    iamRow(g, 'replication: reconfigures replication on the source', 'deny', as(replication, n.region, 's3:PutReplicationConfiguration', source)),
    iamRow(g, 'replication: assumed by a person (the tenant administrator)', 'deny', {
      principal: tenantAdmin,
      identityPolicies: ADMIN,
      region: n.region,
      action: 'sts:AssumeRole',
      resource: replication,
    }),
    // The replica's reader: the tenant's reader, accepted objects only, as in the data bucket.
    s3Row(g, 'reader: reads an accepted replica (S3 decrypts under the replica key)', 'allow', read(reader, accepted)),
    s3Row(g, 'reader: lists the replica under objects/', 'allow', { principal: reader, operation: 'ListObjects', bucket: replica.name, prefix: 'objects/' }),
    s3Row(g, "reader: lists the replica's versions under objects/", 'allow', {
      principal: reader,
      operation: 'ListObjectVersions',
      bucket: replica.name,
      prefix: 'objects/',
    }),
    s3Row(g, 'reader: reads a pending replica', 'deny', read(reader, pending), 'DenyReadBeforeAcceptance'),
    s3Row(g, 'reader: reads a replica of a rejected upload', 'deny', read(reader, quarantined), 'DenyReadBeforeAcceptance'),
    s3Row(g, 'reader: writes into the replica', 'deny', {
      principal: reader,
      operation: 'PutObject',
      bucket: replica.name,
      key: obj,
      encryption: { algorithm: 'aws:kms', keyId: replicaKey },
    }),
    s3Row(g, 'reader: deletes a replica version', 'deny', { principal: reader, operation: 'DeleteObject', bucket: replica.name, key: obj, versionId: 'v1' }),
    iamRow(
      g,
      'reader: decrypts under the replica key directly',
      'deny',
      as(reader, replicaRegion, 'kms:Decrypt', replicaKey, { 'kms:CallerAccount': n.account }),
    ),
    // The eraser: lists and deletes versions in the replica (a delete by version id never replicates), reads nothing.
    s3Row(g, "eraser: lists the replica's versions under objects/", 'allow', {
      principal: eraser,
      operation: 'ListObjectVersions',
      bucket: replica.name,
      prefix: 'objects/',
    }),
    s3Row(g, 'eraser: deletes a replica version', 'allow', { principal: eraser, operation: 'DeleteObject', bucket: replica.name, key: obj, versionId: 'v1' }),
    s3Row(g, 'eraser: reads an accepted replica', 'deny', read(eraser, accepted)),
    // The restorer (suveren restore): S3 copies accepted versions back into the data bucket, each pending inspection again.
    // S3 Batch Replication of what live replication never copied (docs/continuity.md): the restorer starts it, the batch role runs it.
    // CreateJob has no resource type: the job is the tenant account's, in the data bucket's region.
    iamRow(g, 'restorer: creates a Batch Replication job', 'allow', createJob(restorer, { 's3:RequestJobOperation': 'S3ReplicateObject' })),
    iamRow(g, 'restorer: creates a Batch Operations copy job', 'deny', createJob(restorer, { 's3:RequestJobOperation': 'S3PutObjectCopy' })),
    iamRow(
      g,
      'restorer: passes the batch replication role to S3 Batch Operations',
      'allow',
      as(restorer, n.region, 'iam:PassRole', n.role('batch-replication'), { 'iam:PassedToService': 'batchoperations.s3.amazonaws.com' }),
    ),
    iamRow(
      g,
      'restorer: passes the replication role to S3 Batch Operations',
      'deny',
      as(restorer, n.region, 'iam:PassRole', replication, { 'iam:PassedToService': 'batchoperations.s3.amazonaws.com' }),
    ),
    iamRow(
      g,
      'restorer: passes the batch replication role to another service',
      'deny',
      as(restorer, n.region, 'iam:PassRole', n.role('batch-replication'), { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    ),
    iamRow(g, 'reader: creates a Batch Replication job', 'deny', createJob(reader, { 's3:RequestJobOperation': 'S3ReplicateObject' })),
    iamRow(
      g,
      'tenant administrator (AdministratorAccess): passes the batch replication role to S3 Batch Operations',
      'deny',
      {
        principal: tenantAdmin,
        identityPolicies: ADMIN,
        region: n.region,
        action: 'iam:PassRole',
        resource: n.role('batch-replication'),
        context: { 'iam:PassedToService': 'batchoperations.s3.amazonaws.com' },
      },
      'OnlyRestorersPassToBatchOps',
    ),
    iamRow(
      g,
      'tenant administrator (AdministratorAccess): passes the replication role to S3 Batch Operations',
      'deny',
      {
        principal: tenantAdmin,
        identityPolicies: ADMIN,
        region: n.region,
        action: 'iam:PassRole',
        resource: replication,
        context: { 'iam:PassedToService': 'batchoperations.s3.amazonaws.com' },
      },
      'OnlyRestorersPassToBatchOps',
    ),
    iamRow(
      g,
      'batch replication: starts the replication of a source version',
      'allow',
      as(n.role('batch-replication'), n.region, 's3:InitiateReplication', `${source}/${obj}`),
    ),
    iamRow(
      g,
      'batch replication: lets S3 generate the manifest from the replication configuration',
      'allow',
      as(n.role('batch-replication'), n.region, 's3:PutInventoryConfiguration', source),
    ),
    iamRow(g, 'batch replication: reads a source object', 'deny', as(n.role('batch-replication'), n.region, 's3:GetObject', `${source}/${obj}`)),
    iamRow(g, 'batch replication: S3 decrypts the source for it', 'deny', as(n.role('batch-replication'), n.region, 'kms:Decrypt', n.keyArn, via(n.region))),
    iamRow(g, 'batch replication: writes into the replica', 'deny', as(n.role('batch-replication'), replicaRegion, 's3:PutObject', `${copy}/${obj}`)),
    iamRow(
      g,
      'batch replication: starts replication of a quarantined copy',
      'deny',
      as(n.role('batch-replication'), n.region, 's3:InitiateReplication', `arn:${n.partition}:s3:::${n.quarantine}/quarantine/${obj}/v1`),
    ),
    s3Row(g, 'restorer: copies an accepted replica into the data bucket, tagged pending', 'allow', restore(replica.name, accepted, pending)),
    s3Row(g, "restorer: copies a data bucket's older accepted version over its key, tagged pending", 'allow', restore(n.data, accepted, pending)),
    s3Row(g, "restorer: lists the replica's versions under objects/", 'allow', {
      principal: restorer,
      operation: 'ListObjectVersions',
      bucket: replica.name,
      prefix: 'objects/',
    }),
    s3Row(g, "restorer: reads a replica version's verdict", 'allow', {
      principal: restorer,
      operation: 'GetObjectTagging',
      bucket: replica.name,
      key: obj,
      versionId: 'v1',
      existingTags: pending,
    }),
    s3Row(
      g,
      "restorer: copies a replica tagged accepted (the verdict is the inspection's)",
      'deny',
      restore(replica.name, accepted, accepted),
      'DenyVerdictOutsideInspection',
    ),
    // Why a version over 5 GB is not restored (docs/continuity.md): a part copy carries no tag, as a tag-keeping copy does not.
    s3Row(
      g,
      'restorer: copies a part of an accepted replica into a multipart upload (UploadPartCopy)',
      'deny',
      {
        principal: restorer,
        operation: 'UploadPartCopy',
        bucket: n.data,
        key: obj,
        region: n.region,
        source: { bucket: replica.name, key: obj, versionId: 'v1', existingTags: accepted },
      },
      'DenyRestoreWithoutPendingVerdict',
    ),
    s3Row(
      g,
      "restorer: copies an accepted replica keeping its tags (x-amz-tagging-directive COPY, S3's default)",
      'deny',
      { ...restore(replica.name, accepted, pending), copiesTags: true, requestTags: undefined },
      'DenyRestoreWithoutPendingVerdict',
    ),
    s3Row(
      g,
      'restorer: copies an accepted version to another key keeping its tags',
      'deny',
      { ...restore(n.data, accepted, pending), key: `${obj}-elsewhere`, copiesTags: true, requestTags: undefined },
      'DenyRestoreWithoutPendingVerdict',
    ),
    s3Row(
      g,
      'restorer: puts an object without a verdict tag',
      'deny',
      { principal: restorer, operation: 'PutObject', bucket: n.data, key: obj },
      'DenyRestoreWithoutPendingVerdict',
    ),
    s3Row(g, 'restorer: copies a pending replica', 'deny', restore(replica.name, pending, pending), 'DenyReadBeforeAcceptance'),
    s3Row(g, 'restorer: copies a replica of a rejected upload', 'deny', restore(replica.name, quarantined, pending), 'DenyReadBeforeAcceptance'),
    s3Row(g, 'restorer: copies a replica into the quarantine bucket', 'deny', {
      ...restore(replica.name, accepted, pending),
      bucket: n.quarantine,
      key: `quarantine/${obj}/v1`,
    }),
    s3Row(g, 'restorer: writes into the replica', 'deny', {
      principal: restorer,
      operation: 'PutObject',
      bucket: replica.name,
      key: obj,
      encryption: { algorithm: 'aws:kms', keyId: replicaKey },
    }),
    s3Row(g, 'restorer: deletes a data bucket version', 'deny', { principal: restorer, operation: 'DeleteObject', bucket: n.data, key: obj, versionId: 'v1' }),
    s3Row(g, 'restorer: deletes a replica version', 'deny', {
      principal: restorer,
      operation: 'DeleteObject',
      bucket: replica.name,
      key: obj,
      versionId: 'v1',
    }),
    iamRow(
      g,
      'restorer: decrypts under the replica key directly',
      'deny',
      as(restorer, replicaRegion, 'kms:Decrypt', replicaKey, { 'kms:CallerAccount': n.account }),
    ),
    iamRow(g, 'restorer: decrypts under the data key directly', 'deny', as(restorer, n.region, 'kms:Decrypt', n.keyArn, { 'kms:CallerAccount': n.account })),
    s3Row(
      g,
      'tenant administrator (AdministratorAccess): copies an accepted replica into the data bucket',
      'deny',
      { ...restore(replica.name, accepted, pending), principal: tenantAdmin, identityPolicies: ADMIN },
      'DenyDataAccessOutsideTenant',
    ),
    // Attacks on the replica, as on the data bucket.
    s3Row(
      g,
      'tenant administrator (AdministratorAccess): reads an accepted replica',
      'deny',
      read(tenantAdmin, accepted, admin(tenantAdmin)),
      'DenyDataAccessOutsideTenant',
    ),
    s3Row(g, 'key administrator: reads an accepted replica', 'deny', read(keyAdmin, accepted)),
    iamRow(g, "key administrator: rewrites the replica key's policy", 'deny', as(keyAdmin, replicaRegion, 'kms:PutKeyPolicy', replicaKey)),
    iamRow(
      g,
      'tenant administrator (AdministratorAccess): writes a replica as S3 would',
      'deny',
      { principal: tenantAdmin, identityPolicies: ADMIN, region: replicaRegion, action: 's3:ReplicateObject', resource: `${copy}/${obj}` },
      'DenyReplicationOutsideTenant',
    ),
    iamRow(g, 'tenant administrator (AdministratorAccess): decrypts under the replica key through S3', 'deny', {
      principal: tenantAdmin,
      identityPolicies: ADMIN,
      region: replicaRegion,
      action: 'kms:Decrypt',
      resource: replicaKey,
      context: via(replicaRegion),
    }),
    s3Row(g, 'outsider (AdministratorAccess in its account): reads an accepted replica', 'deny', read(outsider, accepted, admin(outsider))),
    s3Row(g, 'reader: reads an accepted replica without TLS', 'deny', read(reader, accepted, { transport: { secure: false } })),
    // A replica account of the tenant's own (docs/continuity.md): its administrator is not the tenant's reader.
    ...(tenant.continuity.replicaAccount
      ? [
          s3Row(
            g,
            'replica account administrator (AdministratorAccess): reads an accepted replica',
            'deny',
            read(
              `arn:${n.partition}:iam::${tenant.continuity.replicaAccount}:role/Admin`,
              accepted,
              admin(`arn:${n.partition}:iam::${tenant.continuity.replicaAccount}:role/Admin`),
            ),
            'DenyDataAccessOutsideTenant',
          ),
          iamRow(g, 'replica account administrator (AdministratorAccess): decrypts under the replica key through S3', 'deny', {
            principal: `arn:${n.partition}:iam::${tenant.continuity.replicaAccount}:role/Admin`,
            identityPolicies: ADMIN,
            region: replicaRegion,
            action: 'kms:Decrypt',
            resource: replicaKey,
            context: { 'kms:ViaService': `s3.${replicaRegion}.${suffixOf(replicaRegion)}`, 'kms:CallerAccount': tenant.continuity.replicaAccount },
          }),
        ]
      : []),
    // Object Lock on the replica in GOVERNANCE mode: only the eraser may bypass it, to erase (docs/continuity.md).
    ...(tenant.continuity.objectLock?.mode === 'GOVERNANCE'
      ? [
          iamRow(
            g,
            "eraser: bypasses the replica's Object Lock to erase a retained version",
            'allow',
            as(eraser, replicaRegion, 's3:BypassGovernanceRetention', `${copy}/${obj}`),
          ),
          iamRow(
            g,
            'eraser: bypasses the Object Lock outside objects/',
            'deny',
            as(eraser, replicaRegion, 's3:BypassGovernanceRetention', `${copy}/other/${obj}`),
          ),
          iamRow(g, "reader: bypasses the replica's Object Lock", 'deny', as(reader, replicaRegion, 's3:BypassGovernanceRetention', `${copy}/${obj}`)),
          iamRow(g, "restorer: bypasses the replica's Object Lock", 'deny', as(restorer, replicaRegion, 's3:BypassGovernanceRetention', `${copy}/${obj}`)),
          iamRow(
            g,
            "tenant administrator (AdministratorAccess): bypasses the replica's Object Lock",
            'deny',
            { principal: tenantAdmin, identityPolicies: ADMIN, region: replicaRegion, action: 's3:BypassGovernanceRetention', resource: `${copy}/${obj}` },
            'DenyGovernanceBypassOutsideEraser',
          ),
        ]
      : []),
  ];
}

export function allRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  return [
    ...config.tenants.flatMap((tenant) => tenantRows(evaluator, config, tenant)),
    ...config.tenants.flatMap((tenant) => replicaRows(evaluator, tenant)),
    ...keyCustodyRows(evaluator, config),
    ...externalKeyStoreRows(evaluator, config),
    ...auditRows(evaluator, config),
    ...deployTimeRows(evaluator, config),
    ...pipelineRows(evaluator, config),
    ...managementRows(evaluator, config),
    ...accountCreatorRows(evaluator, config),
    ...platformRoleRows(evaluator, config),
    ...config.tenants.flatMap((tenant) => conformanceRuleRows(evaluator, tenant)),
    ...peopleRows(evaluator, config),
  ];
}

/**
 * People through IAM Identity Center: a group's permission-set role assumes its tenant's
 * role of that kind, and nothing else reaches the role by trust: not another tenant's
 * permission-set role, not the account's administrator, not a same-named role elsewhere,
 * and nobody may forge a permission-set session. The permission-set roles' identity
 * policy is the set's inline policy as synthesized in Suveren-People.
 */
export function peopleRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  const center = config.identityCenter;
  if (!center) return [];
  const sets = [...evaluator.deployed.permissionSets.values()];
  const inlinePolicyOf = (kind: PersonRoleKind) => {
    const set = sets.find((s) => s.name === PERSON_ROLES[kind].permissionSetName);
    if (!set?.inlinePolicy) throw new Error(`no permission set ${PERSON_ROLES[kind].permissionSetName} with an inline policy in the assembly`);
    return [set.inlinePolicy];
  };
  const management = config.organization.managementAccount;
  const partition = partitionOf(center.homeRegion);
  const rows: ReplayRow[] = [
    // The engine gap behind it: see ENGINE_GAPS. The SCP statement that keeps tenant administrators
    // off these roles (ProtectIdentityCenterSessions) is checked in the template instead.
    iamRow('people', ENGINE_GAP_IDENTITY_CENTER_ROLE_PATH, 'allow', {
      principal: `arn:${partition}:iam::${management}:role/Admin`,
      identityPolicies: ADMIN,
      action: 'iam:CreateRole',
      resource: `arn:${partition}:iam::${management}:role/aws-reserved/sso.amazonaws.com/${center.homeRegion}/AWSReservedSSO_suveren-reader_0123456789abcdef`,
      region: center.homeRegion,
    }),
  ];
  for (const tenant of config.tenants.filter((t) => t.people)) {
    const g = `people ${tenant.id}`;
    const n = tenantNames(evaluator, tenant);
    const other = config.tenants.find((t) => t.id !== tenant.id)!;
    const setRole = (account: string, kind: PersonRoleKind, suffix = '0123456789abcdef') =>
      `arn:${n.partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com/${center.homeRegion}/AWSReservedSSO_${PERSON_ROLES[kind].permissionSetName}_${suffix}`;
    const assume = (principal: string, kind: PersonRoleKind, identityPolicies: AccessRequest['identityPolicies'], target: PersonRoleKind = kind) => ({
      principal,
      identityPolicies,
      action: 'sts:AssumeRole',
      resource: n.role(PERSON_ROLES[target].duty),
      region: n.region,
    });
    rows.push(
      iamRow(
        g,
        "the tenant's reader permission-set role assumes its reader role",
        'allow',
        assume(setRole(n.account, 'reader'), 'reader', inlinePolicyOf('reader')),
      ),
      iamRow(
        g,
        'a reader permission-set role made anew (new suffix, after every assignment was removed and made again) still assumes it',
        'allow',
        assume(setRole(n.account, 'reader', 'fedcba9876543210'), 'reader', inlinePolicyOf('reader')),
      ),
      ...(['uploader', 'keyAdmin', 'eraser'] as const).map((kind) =>
        iamRow(
          g,
          `the tenant's ${PERSON_ROLES[kind].permissionSetName} permission-set role assumes its ${PERSON_ROLES[kind].duty} role`,
          'allow',
          assume(setRole(n.account, kind), kind, inlinePolicyOf(kind)),
        ),
      ),
      iamRow(
        g,
        "the tenant's uploader permission-set role assumes its reader role",
        'deny',
        assume(setRole(n.account, 'uploader'), 'uploader', inlinePolicyOf('uploader'), 'reader'),
      ),
      iamRow(
        g,
        "another tenant's reader permission-set role assumes this tenant's reader role",
        'deny',
        assume(setRole(other.account, 'reader'), 'reader', inlinePolicyOf('reader')),
      ),
      iamRow(g, "the tenant account's administrator (AdministratorAccess) assumes its reader role", 'deny', assume(n.role('Admin'), 'reader', ADMIN)),
      iamRow(
        g,
        "a role of the reader permission set's name in another account of the organization, with AdministratorAccess, assumes the reader role",
        'deny',
        assume(setRole(other.account, 'reader'), 'reader', ADMIN),
      ),
      iamRow(g, "a role of the reader permission set's name outside the organization, with AdministratorAccess, assumes the reader role", 'deny', {
        ...assume(setRole('999999999999', 'reader'), 'reader', ADMIN),
        context: { 'aws:PrincipalOrgID': 'o-someoneelse1' },
      }),
      ...(
        [
          ['iam:UpdateSAMLProvider', "a tenant administrator updates the account's Identity Center SAML provider (to mint permission-set sessions)"],
          ['iam:DeleteSAMLProvider', "a tenant administrator deletes the account's Identity Center SAML provider"],
        ] as const
      ).map(([action, name]) =>
        iamRow(
          g,
          name,
          'deny',
          {
            principal: n.role('Admin'),
            identityPolicies: ADMIN,
            action,
            resource: `arn:${n.partition}:iam::${n.account}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE`,
            region: n.region,
          },
          'ProtectIdentityCenterSessions',
        ),
      ),
      iamRow(
        g,
        "a tenant administrator changes the reader role's trust back to the account",
        'deny',
        { principal: n.role('Admin'), identityPolicies: ADMIN, action: 'iam:UpdateAssumeRolePolicy', resource: n.role('reader'), region: n.region },
        'ProtectSuverenRoles',
      ),
      iamRow(g, "break-glass changes the reader role's trust: its own path, exempt from the SCP and alarmed", 'allow', {
        principal: n.role(config.organization.breakGlassRoleName),
        identityPolicies: ADMIN,
        action: 'iam:UpdateAssumeRolePolicy',
        resource: n.role('reader'),
        region: n.region,
      }),
    );
    // Erasure (GDPR Art. 17, suveren erase): the eraser deletes any version, here and in quarantine, and reads
    // nothing; no other person-facing role deletes a version.
    const eraser = n.role('eraser');
    const obj = 'objects/2026/11/30/0f8fad5b-d9cb-469f-a165-70867728950e';
    const version = '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nrjfkd';
    const acceptedTags = { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.accepted };
    rows.push(
      s3Row(g, 'the eraser deletes an object version', 'allow', { principal: eraser, operation: 'DeleteObject', bucket: n.data, key: obj, versionId: version }),
      s3Row(g, 'the eraser deletes the current object (a delete marker)', 'allow', { principal: eraser, operation: 'DeleteObject', bucket: n.data, key: obj }),
      s3Row(g, "the eraser deletes a rejected version's quarantine copy", 'allow', {
        principal: eraser,
        operation: 'DeleteObject',
        bucket: n.quarantine,
        key: `quarantine/${obj}/${version}`,
        versionId: version,
      }),
      s3Row(g, 'the eraser lists the versions of an object', 'allow', { principal: eraser, operation: 'ListObjectVersions', bucket: n.data, prefix: obj }),
      s3Row(g, 'the eraser reads an accepted object', 'deny', {
        principal: eraser,
        operation: 'GetObject',
        bucket: n.data,
        key: obj,
        existingTags: acceptedTags,
      }),
      s3Row(g, "the eraser reads an object's tags", 'deny', {
        principal: eraser,
        operation: 'GetObjectTagging',
        bucket: n.data,
        key: obj,
        existingTags: acceptedTags,
      }),
      s3Row(g, 'the eraser writes an object', 'deny', {
        principal: eraser,
        operation: 'PutObject',
        bucket: n.data,
        key: obj,
        encryption: { algorithm: 'aws:kms', keyId: n.keyArn },
      }),
      ...(['reader', 'uploader', 'key-admin'] as const).map((duty) =>
        s3Row(g, `the ${duty} deletes an object version`, 'deny', {
          principal: n.role(duty),
          operation: 'DeleteObject',
          bucket: n.data,
          key: obj,
          versionId: version,
        }),
      ),
    );
  }
  rows.push(...platformPeopleRows(evaluator, config));
  return rows;
}

/**
 * The platform's people (operators, approvers, auditors): each kind's permission set does
 * its work in its own account, an approver approves only its own approval, and none of
 * them reaches a pipeline role or a tenant's role.
 */
function platformPeopleRows(evaluator: AccessEvaluator, config: SuverenConfig): ReplayRow[] {
  const center = config.identityCenter;
  const deployment = config.deployment;
  if (!center?.platformGroups || !deployment) return [];
  const partition = partitionOf(center.homeRegion);
  const policyOf = (kind: PlatformRoleKind) => {
    const set = [...evaluator.deployed.permissionSets.values()].find((s) => s.name === PLATFORM_ROLES[kind].permissionSetName);
    if (!set?.inlinePolicy) throw new Error(`no permission set ${PLATFORM_ROLES[kind].permissionSetName} with an inline policy in the assembly`);
    return [set.inlinePolicy];
  };
  const accountOf = (kind: PlatformRoleKind) => (PLATFORM_ROLES[kind].account === 'audit' ? config.audit.account : deployment.account);
  const regionOf = (kind: PlatformRoleKind) => (PLATFORM_ROLES[kind].account === 'audit' ? config.audit.region : deployment.region);
  const as = (kind: PlatformRoleKind, action: string, resource: string) => ({
    principal: `arn:${partition}:iam::${accountOf(kind)}:role/aws-reserved/sso.amazonaws.com/${center.homeRegion}/AWSReservedSSO_${PLATFORM_ROLES[kind].permissionSetName}_0123456789abcdef`,
    identityPolicies: policyOf(kind),
    action,
    resource,
    region: regionOf(kind),
  });
  const pipeline = `arn:${partition}:codepipeline:${deployment.region}:${deployment.account}:${PIPELINE_NAME}`;
  const changes = `${pipeline}/Pipeline/${PIPELINE_APPROVAL_ACTIONS.changes}`;
  const organization = `${pipeline}/Guardrails/${PIPELINE_APPROVAL_ACTIONS.organization}`;
  const deployRole = `arn:${partition}:iam::${deployment.account}:role/${PIPELINE_DEPLOY_ROLE_NAME}`;
  const lund = config.tenants[0];
  const tenantReader = `arn:${partitionOf(lund.region)}:iam::${lund.account}:role/${tenantRoleName(lund.id, PERSON_ROLES.reader.duty)}`;
  const g = 'people platform';
  return [
    iamRow(g, 'a change approver approves a landing-zone change', 'allow', as('changeApprover', 'codepipeline:PutApprovalResult', changes)),
    iamRow(g, 'a change approver approves a guardrails change', 'deny', as('changeApprover', 'codepipeline:PutApprovalResult', organization)),
    iamRow(g, 'an organization approver approves a guardrails change', 'allow', as('organizationApprover', 'codepipeline:PutApprovalResult', organization)),
    iamRow(g, 'an organization approver approves a landing-zone change', 'deny', as('organizationApprover', 'codepipeline:PutApprovalResult', changes)),
    iamRow(g, 'an operator starts the pipeline', 'allow', as('operator', 'codepipeline:StartPipelineExecution', pipeline)),
    iamRow(g, 'an operator approves a change', 'deny', as('operator', 'codepipeline:PutApprovalResult', changes)),
    iamRow(g, 'an operator changes the pipeline (to take out an approval)', 'deny', as('operator', 'codepipeline:UpdatePipeline', pipeline)),
    iamRow(
      g,
      'a change approver starts a build of a deploy project (its own buildspec)',
      'deny',
      as('changeApprover', 'codebuild:StartBuild', `arn:${partition}:codebuild:${deployment.region}:${deployment.account}:project/suveren-deploy`),
    ),
    iamRow(g, "an operator assumes the pipeline's deploy role", 'deny', as('operator', 'sts:AssumeRole', deployRole)),
    // LookupEvents takes no resource ARN: the account is the auditor's own.
    iamRow(g, 'an auditor reads CloudTrail events', 'allow', { ...as('auditor', 'cloudtrail:LookupEvents', '*'), resourceAccount: config.audit.account }),
    iamRow(g, "an auditor assumes a tenant's reader role", 'deny', as('auditor', 'sts:AssumeRole', tenantReader)),
    iamRow(
      g,
      'an auditor stops the organization trail',
      'deny',
      as('auditor', 'cloudtrail:StopLogging', `arn:${partition}:cloudtrail:${config.audit.region}:${config.audit.account}:trail/suveren`),
    ),
  ];
}

/** AWS Config's custom rule reads each data key's policy and tags, in the key's own account, and can do nothing else with it. */
function conformanceRuleRows(evaluator: AccessEvaluator, tenant: TenantConfig): ReplayRow[] {
  const n = tenantNames(evaluator, tenant);
  const keyAccount = n.keyArn.split(':')[4];
  const g = `conformance rule (${tenant.id})`;
  const ruleRole = conformanceRuleRoleName(n.region);
  const policy = { name: ruleRole, policy: conformanceRuleRolePolicy(n.partition) as unknown as PolicyDocumentJson };
  const as = (roleName: string, action: string) => ({
    principal: `arn:${n.partition}:iam::${keyAccount}:role/${roleName}`,
    identityPolicies: [policy],
    action,
    resource: n.keyArn,
    resourceAccount: keyAccount,
    region: n.region,
  });
  const admin = (action: string) => ({ ...as(ruleRole, action), identityPolicies: [ADMINISTRATOR_ACCESS] });
  return [
    iamRow(g, "the rule reads the data key's policy", 'allow', as(ruleRole, 'kms:GetKeyPolicy')),
    iamRow(g, "the rule reads the data key's tags", 'allow', as(ruleRole, 'kms:ListResourceTags')),
    // Even with administrator rights in its own account, the key policy lets the role do nothing else.
    iamRow(g, 'the rule role, given administrator rights, decrypts', 'deny', admin('kms:Decrypt')),
    iamRow(g, 'the rule role, given administrator rights, changes the key policy', 'deny', admin('kms:PutKeyPolicy')),
    iamRow(g, 'the rule role, given administrator rights, schedules the key for deletion', 'deny', admin('kms:ScheduleKeyDeletion')),
    iamRow(g, "another role with the rule's policy reads the key policy", 'deny', as(`${ruleRole}-copy`, 'kms:GetKeyPolicy')),
  ];
}

export async function replay(evaluator: AccessEvaluator, rows: readonly ReplayRow[]): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for (const row of rows) {
    const { allowed, deciding } = await row.run(evaluator);
    results.push({ row, allowed, deciding });
  }
  return results;
}

/**
 * Rows the engine cannot decide as AWS would, with why; a test proves each gap still
 * exists (so a newer engine that closes it is noticed) and checks the condition in the
 * template instead.
 */
const ENGINE_GAP_IDENTITY_CENTER_ROLE_PATH =
  "the management account's administrator (bound by no SCP) creates a role under Identity Center's path aws-reserved/sso.amazonaws.com/";

export const ENGINE_GAPS: Record<string, string> = {
  [`people: ${ENGINE_GAP_IDENTITY_CENTER_ROLE_PATH}`]:
    "iam-simulate matches no role ARN whose path holds a '.' (sso.amazonaws.com), so it allows nothing on Identity Center's roles; the SCP statement that denies tenant administrators those roles (ProtectIdentityCenterSessions) is checked in the template instead",
  'audit delivery: CloudTrail generates data keys under the trail key':
    'iam-simulate ignores kms:EncryptionContext:<key> when the key contains colons (aws:cloudtrail:arn); the key policy condition is checked in the template instead',
};

/** Rows whose result differs from what they expect, one line each, with the deciding statements. */
export function unexpected(results: readonly ReplayResult[]): string[] {
  return results
    .filter((r) => ENGINE_GAPS[`${r.row.group}: ${r.row.name}`] === undefined)
    .filter((r) => r.allowed !== (r.row.expected === 'allow') || (r.row.deniedBy && !r.allowed && !r.deciding.some((d) => d.includes(r.row.deniedBy!))))
    .map(
      (r) =>
        `${r.row.group}: ${r.row.name}: expected ${r.row.expected}${r.row.deniedBy ? ` by ${r.row.deniedBy}` : ''}, got ${r.allowed ? 'allow' : 'deny'} (${r.deciding.join(' | ')})`,
    );
}
