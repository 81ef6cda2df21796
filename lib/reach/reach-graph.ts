import { BATCH_OPERATIONS_SERVICE, tenantReplicaStackId } from '@suveren/core/contracts/continuity';
import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import {
  BOOTSTRAP_STACK_SET_NAME,
  breakGlassAlarmName,
  PIPELINE_DEPLOY_ROLE_NAME,
  PIPELINE_ORGANIZATION_DEPLOY_ROLE_NAME,
  STACKSET_EXECUTION_ROLE_PATTERN_NAME,
  WORKLOAD_BOUNDARY_POLICY_NAME,
  keyCustodyStackId,
  tenantStackId,
} from '@suveren/core/contracts/names';
import { INSPECTION_TAGS, INSPECTION_VERDICTS, OBJECT_PREFIX } from '@suveren/core/contracts/upload-layout';
import { custodyOf, custodyPlaces, replicaCustodyOf, tierDefinition } from '@suveren/core/tiers';
import { PLATFORM_ROLES, PLATFORM_ROLE_KINDS } from '@suveren/core/contracts/people';
import { type Text, text, textOfKey } from '../i18n/translate';
import { executionBoundaryDocument, workloadBoundaryDocument } from '../pipeline/execution-boundary';
import { partitionOf, viaServiceName } from '../regions';
import type { DeployedPermissionSet, NamedPolicy, PolicyDocumentJson } from '../authorization/deployed-model';
import { ADMINISTRATOR_ACCESS, type AccessEvaluator, type AccessRequest } from '../authorization/evaluate';
import { decideS3Call } from '../authorization/s3-calls';
import type { EdgeClass, EdgeService, Gate, ReachPath, ReachStep, TenantReach } from './reach-model';

/*
 * Who can reach a tenant's plaintext, by any path (docs/reach.md). Nodes are principals:
 * the roles in the templates, the bootstrap roles the StackSet creates in each account,
 * and stand-ins (an account's administrator, break-glass, an outsider). Every edge and
 * every end is a request decided by the IAM evaluator with identity policies, resource
 * policies, SCPs, RCPs and permission boundaries, never read from policy text. A path
 * ends where a principal reads an accepted object through S3 with the decrypt S3 makes
 * for it, or can make itself able to (rewriting the bucket or key policy, a grant,
 * re-encrypting the data key under a key it holds). Each principal's shortest path is kept.
 */

const SAMPLE_OBJECT = `${OBJECT_PREFIX}reach-graph-sample`;
const OUTSIDE_ACCOUNT = '999999999999';
/** A stack's ARN ends in an id CloudFormation chose: any will do for the evaluator. */
const STACK_UUID = '00000000-0000-4000-8000-000000000000';

interface Node {
  readonly arn: string;
  readonly label: Text;
  /** Where the evaluator has no policies of its own for the principal (stand-ins, bootstrap roles). */
  readonly identityPolicies?: readonly NamedPolicy[];
  readonly permissionsBoundary?: NamedPolicy;
  /** The trust policy, where the templates do not hold it (the bootstrap deploy role). */
  readonly trust?: NamedPolicy;
  /** Whether a path may start here. */
  readonly start: boolean;
  /** Whether another principal can become this one by sts:AssumeRole or by rewriting its trust. */
  readonly assumable: boolean;
  readonly gates: readonly Gate[];
  /** Gates that hold only when a path starts here (the pipeline's approval gates a released change, not someone who became its role). */
  readonly startGates?: readonly Gate[];
  /** A deployed role after its policies were rewritten (AdministratorAccess, within its boundary and the SCPs). */
  readonly rewritten?: boolean;
  /** A role after its permissions boundary was removed. */
  readonly unbounded?: boolean;
  /** The role StackSets' stacks run as in a member account. */
  readonly stackSetExecution?: boolean;
  /** The account whose stacks it deploys, for a CloudFormation execution role. */
  readonly cfnExecOf?: { readonly account: string; readonly region: string; readonly stacks: readonly string[] };
  /**
   * A role an IAM Identity Center permission set becomes in the tenant's account: the
   * set's ARN, through which an Identity Center administrator can assign it to anyone.
   */
  readonly permissionSetArn?: string;
  /** The set's name and the identity-store groups assigned it here: each group's members start a path of their own. */
  readonly assignedGroups?: { readonly permissionSet: string; readonly groups: readonly string[] };
}

/** An identity-store group as the Service Authorization Reference names its resource: the principal of a person's path. */
export function identityStoreGroupArn(partition: string, groupId: string): string {
  return `arn:${partition}:identitystore:::group/${groupId}`;
}

interface Edge {
  readonly to: Node;
  readonly edge: EdgeClass;
  readonly allowedBy: readonly string[];
  readonly via?: EdgeService;
  readonly gates?: readonly Gate[];
}

const ADMIN = [ADMINISTRATOR_ACCESS];

/** The bootstrap deploy role's identity policy, as the pinned CDK CLI's bootstrap template gives it (the parts that deploy). */
function deployRolePolicy(partition: string, account: string, region: string, qualifier: string): NamedPolicy {
  return {
    name: 'cdk bootstrap DeploymentActionRole default policy',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DeployPermissions',
          Effect: 'Allow',
          Action: [
            'cloudformation:CreateChangeSet',
            'cloudformation:DeleteChangeSet',
            'cloudformation:ExecuteChangeSet',
            'cloudformation:CreateStack',
            'cloudformation:UpdateStack',
            'cloudformation:RollbackStack',
            'cloudformation:ContinueUpdateRollback',
          ],
          Resource: '*',
        },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:${partition}:iam::${account}:role/cdk-${qualifier}-cfn-exec-role-${account}-${region}` },
      ],
    },
  };
}

/** Its trust: the account itself and the StackSet's TrustedAccounts, without an external id. */
function deployRoleTrust(account: string, trusted: readonly string[]): NamedPolicy {
  const noExternalId = { Null: { 'sts:ExternalId': 'true' } };
  return {
    name: 'trust policy of the bootstrap deploy role (same account; suveren-bootstrap TrustedAccounts)',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: account }, Action: 'sts:AssumeRole', Condition: noExternalId },
        ...trusted.map((principal) => ({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', Condition: noExternalId })),
      ],
    },
  };
}

const CLOUDFORMATION_TRUST: NamedPolicy = {
  name: 'trust policy of the CloudFormation execution role (cdk bootstrap)',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
};

const EXECUTION_BOUNDARY: NamedPolicy = {
  name: 'suveren-cfn-execution-boundary',
  policy: executionBoundaryDocument(true) as unknown as PolicyDocumentJson,
};
const WORKLOAD_BOUNDARY: NamedPolicy = { name: WORKLOAD_BOUNDARY_POLICY_NAME, policy: workloadBoundaryDocument() as unknown as PolicyDocumentJson };

/** Which copy of the tenant's data the graph searches paths to: its data bucket, or its replica (docs/continuity.md). */
export type ReachLocation = 'data' | 'replica';

/** Everything the graph needs of the tenant's copy at `location`, or undefined when its stack is not in the templates. */
function tenantTarget(evaluator: AccessEvaluator, tenant: TenantConfig, location: ReachLocation) {
  const [stackId, logicalPrefix] = location === 'replica' ? [tenantReplicaStackId(tenant.id), 'ReplicaBucket'] : [tenantStackId(tenant.id), 'DataBucket'];
  const data = [...evaluator.deployed.buckets.values()].find((b) => b.stackId === stackId && b.logicalId.startsWith(logicalPrefix));
  if (!data?.defaultKeyArn) return undefined;
  return { stackId, bucket: data, keyArn: data.defaultKeyArn, region: data.region };
}

/**
 * The key-custody place of the key `keyArn` (the data key's or the replica's): the tenant's own
 * place in its region, or its replica's (`continuity.replicaKeyCustody`) in the replica region.
 */
function custodyPlaceOf(config: SuverenConfig, tenant: TenantConfig, keyArn: string): string | undefined {
  const places = custodyPlaces(config.keyCustody);
  const region = keyArn.split(':')[3];
  return [custodyOf(tenant, places), replicaCustodyOf(tenant, places)].find(
    (place) => place !== undefined && (places.clusters.get(place.placeId) ?? places.stores.get(place.placeId))?.region === region,
  )?.placeId;
}

function nodesFor(evaluator: AccessEvaluator, config: SuverenConfig, tenant: TenantConfig, keyArn: string): Node[] {
  const partition = partitionOf(tenant.region);
  const qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const role = (account: string, name: string) => `arn:${partition}:iam::${account}:role/${name}`;
  const breakGlassTrust: NamedPolicy | undefined = config.organization.platformRoles && {
    name: 'trust policy of the break-glass role (suveren-platform-roles)',
    policy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: [...config.organization.platformRoles.breakGlassTrust] }, Action: 'sts:AssumeRole' }],
    },
  };
  const breakGlassGate: Gate = { kind: 'break-glass', alarm: breakGlassAlarmName(config.audit.region) };
  const trusted = (evaluator.deployed.stackSetParameters.get(BOOTSTRAP_STACK_SET_NAME)?.TrustedAccounts ?? '').split(',').filter(Boolean);
  const nodes: Node[] = [];
  const deployed = (arn: string) => evaluator.deployed.roles.get(arn);
  const boundaryOf = (arn: string) => (deployed(arn)?.permissionsBoundaryArn?.endsWith(`/${WORKLOAD_BOUNDARY_POLICY_NAME}`) ? WORKLOAD_BOUNDARY : undefined);
  const platform = (account: string, region: string, stacks: readonly string[], custody = false) => {
    nodes.push(
      {
        arn: role(account, `cdk-${qualifier}-deploy-role-${account}-${region}`),
        label: text('principal.deployRole', { account }),
        identityPolicies: [deployRolePolicy(partition, account, region, qualifier)],
        permissionsBoundary: EXECUTION_BOUNDARY,
        trust: deployRoleTrust(account, trusted),
        start: false,
        assumable: true,
        gates: [],
      },
      {
        arn: role(account, `cdk-${qualifier}-cfn-exec-role-${account}-${region}`),
        label: text('principal.cfnExec', { account }),
        identityPolicies: ADMIN,
        permissionsBoundary: EXECUTION_BOUNDARY,
        // Trusted by cloudformation.amazonaws.com only (the bootstrap template): reached by passing it, through a stack it deploys, or by rewriting that trust.
        trust: CLOUDFORMATION_TRUST,
        start: true,
        assumable: true,
        gates: [{ kind: 'boundary', policy: EXECUTION_BOUNDARY.name }],
        cfnExecOf: { account, region, stacks },
      },
      {
        arn: role(account, config.organization.breakGlassRoleName),
        label: text(custody ? 'principal.custodyBreakGlass' : 'principal.breakGlass'),
        identityPolicies: ADMIN,
        // Its trust as the platform-roles StackSet makes it; without that StackSet it is made by hand, and only rewriting its trust is evaluated.
        ...(breakGlassTrust ? { trust: breakGlassTrust } : {}),
        start: true,
        assumable: true,
        gates: [breakGlassGate],
      },
      {
        // Made in each member account by StackSets' service-linked role, AdministratorAccess, trusted by
        // the management account's StackSets service-linked role only (CloudFormation user guide,
        // "Activate trusted access for StackSets with AWS Organizations"). Its real name ends in an id.
        arn: role(account, STACKSET_EXECUTION_ROLE_PATTERN_NAME.replace('*', '00000000000000000000000000000000')),
        label: text('principal.stackSetExecution', { account }),
        identityPolicies: ADMIN,
        trust: {
          name: 'trust policy of the StackSets execution role (StackSets service-linked role)',
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: {
                  AWS: `arn:${partition}:iam::${config.organization.managementAccount}:role/aws-service-role/stacksets.cloudformation.amazonaws.com/AWSServiceRoleForCloudFormationStackSetsOrgAdmin`,
                },
                Action: 'sts:AssumeRole',
              },
            ],
          },
        },
        start: false,
        assumable: true,
        gates: [],
        stackSetExecution: true,
      },
    );
  };
  for (const r of [...evaluator.deployed.roles.values()].filter((r) => r.stackId === tenantStackId(tenant.id)).sort((a, b) => a.arn.localeCompare(b.arn))) {
    nodes.push({
      arn: r.arn,
      label: text('principal.tenantRole', { name: r.arn.split('/').pop() ?? r.arn }),
      permissionsBoundary: boundaryOf(r.arn),
      start: true,
      assumable: true,
      gates: [],
    });
  }
  nodes.push({
    arn: role(tenant.account, 'Admin'),
    label: text('principal.tenantAdministrator'),
    identityPolicies: ADMIN,
    start: true,
    assumable: false,
    gates: [],
  });
  platform(tenant.account, tenant.region, [tenantStackId(tenant.id)]);
  // The replica's region has its own deployment roles, which deploy its stack (docs/continuity.md).
  if (tenant.continuity) {
    const replicaAccount = tenant.continuity.replicaAccount ?? tenant.account;
    platform(replicaAccount, tenant.continuity.replicaRegion, [tenantReplicaStackId(tenant.id)]);
    // A replica account of its own has its own administrator (AdministratorAccess), as the tenant's account has.
    if (replicaAccount !== tenant.account)
      nodes.push({
        arn: role(replicaAccount, 'Admin'),
        label: text('principal.replicaAccountAdministrator'),
        identityPolicies: ADMIN,
        start: true,
        assumable: false,
        gates: [],
      });
  }
  nodes.push(...peopleNodes(evaluator, config, tenant));
  const other = config.tenants.find((t) => t.account !== tenant.account);
  if (other)
    nodes.push({
      arn: role(other.account, 'Admin'),
      label: text('principal.otherTenantAdministrator', { tenant: other.id }),
      identityPolicies: ADMIN,
      start: true,
      assumable: false,
      gates: [],
    });
  nodes.push({ arn: role(OUTSIDE_ACCOUNT, 'Admin'), label: text('principal.outsider'), identityPolicies: ADMIN, start: true, assumable: false, gates: [] });
  // The two administrators the design trusts (docs/deploying.md): they may create service-managed StackSets over every account.
  nodes.push({
    arn: role(config.organization.managementAccount, 'Admin'),
    label: text('principal.managementAdministrator'),
    identityPolicies: ADMIN,
    start: true,
    assumable: false,
    gates: [],
  });
  const deployment = config.deployment;
  if (deployment) {
    nodes.push({
      arn: `arn:${partitionOf(deployment.region)}:iam::${deployment.account}:role/Admin`,
      label: text('principal.deploymentAdministrator'),
      identityPolicies: ADMIN,
      start: true,
      assumable: false,
      gates: [],
    });
    // The tenants' project runs behind the change approval; the organization's behind the organization approval too.
    for (const [name, approvers] of [
      [PIPELINE_DEPLOY_ROLE_NAME, deployment.approvers.changes],
      [PIPELINE_ORGANIZATION_DEPLOY_ROLE_NAME, [...deployment.approvers.changes, ...deployment.approvers.organization]],
    ] as const) {
      const arn = `arn:${partitionOf(deployment.region)}:iam::${deployment.account}:role/${name}`;
      if (deployed(arn))
        nodes.push({
          arn,
          label: text('principal.pipelineDeploy', { name }),
          start: true,
          // Its deployed trust (CodeBuild): anyone else who becomes it reaches past the approval, which gates only a released change.
          assumable: true,
          gates: [],
          startGates: [{ kind: 'approval', approvers: [...new Set(approvers)] }],
        });
    }
  }
  const keyAccount = keyArn.split(':')[4];
  if (keyAccount && keyAccount !== tenant.account) {
    const keyRegion = keyArn.split(':')[3];
    const store = custodyPlaceOf(config, tenant, keyArn);
    const custodyStack = store ? keyCustodyStackId(store) : '';
    for (const r of [...evaluator.deployed.roles.values()].filter(
      // The place's own stack and its -Provisioners-<n> stacks, not another place whose id merely starts alike.
      (r) => r.account === keyAccount && (r.stackId === custodyStack || r.stackId.startsWith(`${custodyStack}-Provisioners-`)) && r.arn.includes(tenant.id),
    )) {
      nodes.push({
        arn: r.arn,
        label: text('principal.custodyRole', { name: r.arn.split('/').pop() ?? r.arn }),
        permissionsBoundary: boundaryOf(r.arn),
        start: true,
        assumable: true,
        gates: [],
      });
    }
    nodes.push({
      arn: role(keyAccount, 'Admin'),
      label: text('principal.custodyAdministrator'),
      identityPolicies: ADMIN,
      start: true,
      assumable: false,
      gates: [],
    });
    platform(keyAccount, keyRegion, [...new Set([...evaluator.deployed.roles.values()].filter((r) => r.account === keyAccount).map((r) => r.stackId))].sort());
  }
  // Each node once, by ARN: the key-custody account may repeat nothing of the tenant's, but be sure.
  return [...new Map(nodes.map((n) => [n.arn, n])).values()];
}

/**
 * People through IAM Identity Center (docs/people.md): each permission set assigned in the
 * tenant's account is a role there that its groups' members sign in to (its identity policy
 * the set's inline policy, as synthesized in Suveren-People), and the administrators of
 * the delegated administrator account can assign any set to anyone. How the customer's
 * identity provider decides group membership lies outside the graph.
 */
function peopleNodes(evaluator: AccessEvaluator, config: SuverenConfig, tenant: TenantConfig): Node[] {
  const center = config.identityCenter;
  if (!center) return [];
  const partition = partitionOf(tenant.region);
  const nodes: Node[] = [];
  /** The role a permission set becomes in `account`, signed in to by the members of `groups`. */
  const permissionSetNode = (set: DeployedPermissionSet, account: string, groups: readonly string[]): Node => ({
    // The suffix is Identity Center's; any will do for the evaluator, as the trust matches it with a wildcard.
    arn: `arn:${partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com/${center.homeRegion}/AWSReservedSSO_${set.name}_0123456789abcdef`,
    label: text('principal.identityCenterGroups', { count: groups.length, groups: groups.join(', '), permissionSet: set.name }),
    identityPolicies: set.inlinePolicy ? [set.inlinePolicy] : [],
    start: true,
    // Its sessions come from Identity Center's SAML provider, which the guardrail SCP keeps to the service.
    assumable: false,
    gates: [],
    permissionSetArn: set.arn,
  });
  for (const set of evaluator.deployed.permissionSets.values()) {
    const groups = evaluator.deployed.assignments.filter((a) => a.permissionSetArn === set.arn && a.account === tenant.account).map((a) => a.principalId);
    if (groups.length === 0) continue;
    // The tenant's own groups: the shared reach exchanges them per tenant (assignedGroups).
    nodes.push({ ...permissionSetNode(set, tenant.account, groups), assignedGroups: { permissionSet: set.name, groups } });
  }
  // The platform's sets (operators, approvers, auditors) where they are assigned: start nodes, so the graph shows what each group reaches, if anything.
  const platformSetNames = new Set(PLATFORM_ROLE_KINDS.map((kind) => PLATFORM_ROLES[kind].permissionSetName));
  for (const set of evaluator.deployed.permissionSets.values()) {
    if (!platformSetNames.has(set.name)) continue;
    const accounts = [...new Set(evaluator.deployed.assignments.filter((a) => a.permissionSetArn === set.arn).map((a) => a.account))].sort();
    for (const account of accounts) {
      const groups = evaluator.deployed.assignments.filter((a) => a.permissionSetArn === set.arn && a.account === account).map((a) => a.principalId);
      nodes.push(permissionSetNode(set, account, groups));
    }
  }
  if (nodes.length > 0)
    nodes.push({
      arn: `arn:${partitionOf(center.homeRegion)}:iam::${center.delegatedAdministrator}:role/Admin`,
      label: text('principal.identityCenterAdministrator', { account: center.delegatedAdministrator }),
      identityPolicies: ADMIN,
      start: true,
      assumable: false,
      gates: [],
    });
  return nodes;
}

export interface TenantReachOptions {
  /** Stop searching past this many steps. @default 6 */
  readonly maxSteps?: number;
  /**
   * Principals whose every edge to return as well, not only those on a shortest path: for
   * a reviewer asking what one principal can become, and for the tests of each edge class.
   * @default none
   */
  readonly edgesOf?: readonly string[];
  /**
   * The copy of the data whose readers to find: the data bucket, or the replica in the
   * tenant's replica region.
   * @default 'data'
   */
  readonly location?: ReachLocation;
}

/** The reach of one tenant, or undefined when its stack is not in the templates. */
export async function tenantReach(
  evaluator: AccessEvaluator,
  config: SuverenConfig,
  tenant: TenantConfig,
  options: TenantReachOptions = {},
): Promise<TenantReach | undefined> {
  const target = tenantTarget(evaluator, tenant, options.location ?? 'data');
  if (!target) return undefined;
  const outsideTheGraph: Text[] = [text('reach.grantsAtRunTime')];
  const { reach } = tierDefinition(tenant.tier);
  if (reach.noPlaintextInAws !== undefined) {
    // S3 holds ciphertext only: no AWS principal can reach plaintext, whatever it reaches in AWS.
    return { paths: [], outsideTheGraph: [textOfKey(reach.noPlaintextInAws), ...outsideTheGraph], principals: 0, evaluations: 0 };
  }
  outsideTheGraph.push(...(reach.outsideTheGraph?.(tenant) ?? []).map((sentence) => textOfKey(sentence.key, sentence.params)));
  // Group membership is decided in the customer's identity provider: whoever changes it reaches as the groups do.
  const owners = config.identityCenter?.groupOwners;
  if (owners !== undefined && tenant.people !== undefined) outsideTheGraph.push(text('reach.groupOwners', { owners }));
  const nodes = nodesFor(evaluator, config, tenant, target.keyArn);
  const byArn = new Map(nodes.map((n) => [n.arn, n]));
  let evaluations = 0;
  const orgId = config.organization.organizationId;
  const base = (node: Node) => ({
    principal: node.arn,
    ...(node.identityPolicies ? { identityPolicies: node.identityPolicies } : {}),
    ...(node.permissionsBoundary ? { permissionsBoundary: node.permissionsBoundary } : {}),
  });
  const decide = async (request: AccessRequest) => {
    evaluations++;
    return evaluator.decide(request);
  };
  const allowed = async (request: AccessRequest): Promise<readonly string[] | undefined> => {
    const decision = await decide(request);
    return decision.allowed ? decision.deciding.map((d) => `${request.action}: ${d}`) : undefined;
  };

  /** What S3 decrypts for `roleArn` as it reads an accepted object with `action` (replication, a batch job's copy). */
  const readsThroughS3 = async (roleArn: string, identityPolicies: NamedPolicy[] | undefined, boundary: NamedPolicy | undefined, action: string) => {
    const as = {
      principal: roleArn,
      ...(identityPolicies ? { identityPolicies } : {}),
      ...(boundary ? { permissionsBoundary: boundary } : {}),
      region: target.region,
    };
    const read = await allowed({
      ...as,
      action,
      resource: `${target.bucket.arn}/${SAMPLE_OBJECT}`,
      resourceAccount: target.bucket.account,
      context: { [`s3:ExistingObjectTag/${INSPECTION_TAGS.verdict}`]: INSPECTION_VERDICTS.accepted },
    });
    const decrypt =
      read &&
      (await allowed({
        ...as,
        action: 'kms:Decrypt',
        resource: target.keyArn,
        context: {
          'kms:ViaService': viaServiceName('s3', target.region),
          'kms:CallerAccount': roleArn.split(':')[4],
          'kms:EncryptionContext:aws:s3:arn': target.bucket.arn,
        },
      }));
    return read && decrypt ? [...read, ...decrypt] : undefined;
  };
  /**
   * S3 acting for the caller: replication (s3:PutReplicationConfiguration) or a Batch Operations
   * copy (s3:CreateJob), each with a role the caller passes to S3 that may read and decrypt: one
   * of the templates' roles S3 may assume, or one the caller creates (AdministratorAccess).
   */
  const s3CopiesFor = async (node: Node): Promise<ReachPath['terminal'] | null> => {
    const as = { ...base(node), region: target.region };
    const callerAccount = node.arn.split(':')[4];
    // Replication is configured on the bucket, with a role of the bucket's account; a Batch Operations job is created
    // in the caller's own account (CreateJob's resource is `*`), with a role of that account.
    for (const [kind, action, resource, roleAccount, services, readAction] of [
      ['replicate', 's3:PutReplicationConfiguration', target.bucket.arn, target.bucket.account, ['s3.amazonaws.com'], 's3:GetObjectVersionForReplication'],
      // AWS's examples pass the job's role both to batchoperations.s3.amazonaws.com and to s3.amazonaws.com: either may be asked.
      ['batch-copy', 's3:CreateJob', '*', callerAccount, [BATCH_OPERATIONS_SERVICE, 's3.amazonaws.com'], 's3:GetObject'],
    ] as const) {
      const configure = await allowed({ ...as, action, resource, resourceAccount: resource === '*' ? callerAccount : target.bucket.account });
      if (!configure) continue;
      const created = `arn:${partitionOf(tenant.region)}:iam::${roleAccount}:role/reach-probe-${kind}`;
      const workloadBoundary = `arn:${partitionOf(tenant.region)}:iam::${roleAccount}:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}`;
      const candidates: { arn: string; identityPolicies?: NamedPolicy[]; boundary?: NamedPolicy; create?: Record<string, string> }[] = [
        ...[...evaluator.deployed.roles.values()]
          .filter((r) => r.account === roleAccount && services.some((service) => JSON.stringify(r.trustPolicy?.policy ?? {}).includes(service)))
          .map((r) => ({ arn: r.arn })),
        // A role the caller makes: without a boundary where it may, else with the workload boundary its own boundary demands.
        { arn: created, identityPolicies: ADMIN, create: {} },
        { arn: created, identityPolicies: ADMIN, boundary: WORKLOAD_BOUNDARY, create: { 'iam:PermissionsBoundary': workloadBoundary } },
      ];
      for (const candidate of candidates) {
        if (candidate.arn.split(':')[4] !== callerAccount) continue; // PassRole and CreateRole act in the caller's own account only.
        let pass: readonly string[] | undefined;
        for (const service of services)
          pass ??= await allowed({ ...as, action: 'iam:PassRole', resource: candidate.arn, context: { 'iam:PassedToService': service } });
        const create = pass && (candidate.create ? await allowed({ ...as, action: 'iam:CreateRole', resource: candidate.arn, context: candidate.create }) : []);
        const reads = create && (await readsThroughS3(candidate.arn, candidate.identityPolicies, candidate.boundary, readAction));
        if (pass && create && reads) return { kind, principal: node.arn, allowedBy: [...configure, ...pass, ...create, ...reads] };
      }
    }
    return null;
  };
  const keyOf = (node: Node) => `${node.arn}${node.rewritten ? '#rewritten' : ''}${node.unbounded ? '#unbounded' : ''}`;
  const variant = (node: Node, change: Partial<Node>): Node => ({
    ...node,
    ...change,
    start: false,
    assumable: false,
    startGates: undefined,
    cfnExecOf: undefined,
  });
  const rewritten = (node: Node) => variant(node, { identityPolicies: ADMIN, rewritten: true });
  const unbound = (node: Node) => variant(node, { permissionsBoundary: undefined, unbounded: true, gates: node.gates.filter((g) => g.kind !== 'boundary') });
  const terminalOf = new Map<string, ReachPath['terminal'] | null>();
  const terminal = async (node: Node): Promise<ReachPath['terminal'] | null> => {
    if (terminalOf.has(keyOf(node))) return terminalOf.get(keyOf(node))!;
    const principal = { ...base(node), region: target.region };
    const read = await decideS3Call(evaluator, {
      principal: node.arn,
      operation: 'GetObject',
      bucket: target.bucket.name,
      key: SAMPLE_OBJECT,
      existingTags: { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.accepted },
      identityPolicies: node.identityPolicies,
      permissionsBoundary: node.permissionsBoundary,
    });
    evaluations += read.decisions.length;
    let result: ReachPath['terminal'] | null = null;
    if (read.allowed)
      result = { kind: 'read', principal: node.arn, allowedBy: read.decisions.flatMap((d) => d.deciding.map((x) => `${d.request.action}: ${x}`)) };
    else {
      // Decrypting a copy of the ciphertext counts as much as reading through S3: a copy
      // leaves with an export, a backup or a replica, and KMS decrypts it for whoever may.
      const keyRequest = (action: string) => allowed({ ...principal, action, resource: target.keyArn });
      for (const [kind, action] of [
        ['decrypt', 'kms:Decrypt'],
        ['rewrite-key-policy', 'kms:PutKeyPolicy'],
        ['grant', 'kms:CreateGrant'],
        ['re-encrypt', 'kms:ReEncryptFrom'],
      ] as const) {
        const by = await keyRequest(action);
        if (by) {
          result = { kind, principal: node.arn, allowedBy: by };
          break;
        }
      }
      const [s3Get, kmsViaS3] = read.decisions;
      if (!result && !s3Get?.allowed && kmsViaS3 === undefined) {
        // S3 refused the read itself: one that may rewrite the bucket policy, and whose decrypt through S3 the key allows, reads anyway.
        const viaS3 = await allowed({
          ...principal,
          action: 'kms:Decrypt',
          resource: target.keyArn,
          context: {
            'kms:ViaService': viaServiceName('s3', target.region),
            'kms:CallerAccount': node.arn.split(':')[4],
            'kms:EncryptionContext:aws:s3:arn': target.bucket.arn,
          },
        });
        const policy =
          viaS3 && (await allowed({ ...principal, action: 's3:PutBucketPolicy', resource: target.bucket.arn, resourceAccount: target.bucket.account }));
        if (viaS3 && policy) result = { kind: 'rewrite-bucket-policy', principal: node.arn, allowedBy: [...policy, ...viaS3] };
      }
      result ??= await s3CopiesFor(node);
    }
    terminalOf.set(keyOf(node), result);
    return result;
  };

  const edgesOf = new Map<string, Edge[]>();
  // Service-managed StackSets over the organization's accounts are created from the management account, or from
  // the delegated administrator `suveren organization prepare` registers: the deployment account.
  const stackSetAdministrators = new Set([config.organization.managementAccount, ...(config.deployment ? [config.deployment.account] : [])]);
  const accountOf = (arn: string) => arn.split(':')[4];
  const trustText = (to: Node) => JSON.stringify(to.trust?.policy ?? evaluator.deployed.roles.get(to.arn)?.trustPolicy?.policy ?? {});
  const projectsOf = (roleArn: string) => [...evaluator.deployed.projects.values()].filter((p) => p.roleArn === roleArn);
  // A session signed in with MFA can pass a condition that asks for it: where any policy of the model mentions
  // it, a refused step is decided again with it, and holds behind the MFA gate.
  const mfaMatters = JSON.stringify([
    evaluator.deployed.organizationPolicies,
    nodes.map((n) => [trustText(n), n.identityPolicies ?? evaluator.deployed.roles.get(n.arn)?.identityPolicies, n.permissionsBoundary]),
  ]).includes('aws:MultiFactorAuth');
  const functionsIn = (account: string) => [...evaluator.deployed.functions.values()].filter((f) => accountOf(f.arn) === account);
  const projectsIn = (account: string) => [...evaluator.deployed.projects.values()].filter((p) => accountOf(p.arn) === account);
  const edges = async (node: Node): Promise<Edge[]> => {
    const known = edgesOf.get(keyOf(node));
    if (known) return known;
    const found: Edge[] = [];
    // A gated edge does not stand for an ungated one: later checks look on while only gated edges reach `to`.
    const reached = (to: Node) => found.some((e) => e.to === to && !e.gates?.length);
    const region = target.region;
    const request = async (action: string, resource: string, extra: Partial<AccessRequest> = {}) =>
      // IAM's only resource-based policy is a role's trust, which allows sts:AssumeRole and nothing else: a
      // principal changes or passes the roles and policies of its own account only (IAM user guide, "AWS
      // services that work with IAM"), so those requests across accounts need no evaluation.
      action.startsWith('iam:') && accountOf(resource) !== accountOf(node.arn) ? undefined : allowed({ ...base(node), action, resource, region, ...extra });
    const withMfa = async (action: string, resource: string, extra: Partial<AccessRequest> = {}) => {
      const direct = await request(action, resource, extra);
      if (direct || !mfaMatters) return direct ? { by: direct, gates: [] as Gate[] } : undefined;
      const mfa = await request(action, resource, {
        ...extra,
        context: { ...extra.context, 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '60' },
      });
      return mfa ? { by: mfa, gates: [{ kind: 'mfa' as const }] as Gate[] } : undefined;
    };
    const add = (edge: Edge) => {
      if (!found.some((e) => e.to === edge.to && JSON.stringify(e.gates ?? []) === JSON.stringify(edge.gates ?? []))) found.push(edge);
    };

    for (const to of nodes) {
      if (to.arn === node.arn) continue;
      // Identity Center's administrator assigns the set in the tenant's account (sso:CreateAccountAssignment,
      // evaluated in its own account) to a user or group it controls, then signs in as that user.
      if (to.permissionSetArn && config.identityCenter && accountOf(node.arn) === config.identityCenter.delegatedAdministrator) {
        const assign = await request('sso:CreateAccountAssignment', to.permissionSetArn, {
          region: config.identityCenter.homeRegion,
          resourceAccount: config.identityCenter.delegatedAdministrator,
        });
        if (assign) add({ to, edge: 'assign', allowedBy: assign });
        continue;
      }
      if (to.assumable) {
        const assume = await withMfa('sts:AssumeRole', to.arn, {
          resourceAccount: accountOf(to.arn),
          ...(to.trust ? { resourcePolicy: to.trust } : {}),
          context: { 'aws:ResourceOrgID': orgId },
        });
        if (assume) add({ to, edge: 'assume', allowedBy: assume.by, ...(assume.gates.length ? { gates: assume.gates } : {}) });
        if (reached(to)) continue;
        const rewrite = await request('iam:UpdateAssumeRolePolicy', to.arn);
        if (rewrite) {
          add({ to, edge: 'rewrite-trust', allowedBy: rewrite });
          continue;
        }
      }
      if (to.cfnExecOf) {
        const { account, region: stackRegion, stacks } = to.cfnExecOf;
        const stackArn = (name: string) => `arn:${partitionOf(stackRegion)}:cloudformation:${stackRegion}:${account}:stack/${name}/${STACK_UUID}`;
        const at = { region: stackRegion };
        const pass = await request('iam:PassRole', to.arn, { ...at, context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } });
        const create = pass && (await request('cloudformation:CreateStack', stackArn('reach-probe'), at));
        if (pass && create) {
          add({ to, edge: 'pass-and-run', via: 'cloudformation', allowedBy: [...pass, ...create] });
          continue;
        }
        // A stack whose service role is set keeps using it: updating the stack, or executing a change set of it, needs no PassRole.
        for (const stack of stacks) {
          const update = await request('cloudformation:UpdateStack', stackArn(stack), at);
          if (update) {
            add({ to, edge: 'run-attached', via: 'cloudformation', allowedBy: [`${stack}: ${update.join('; ')}`] });
            break;
          }
          const changeSet = await request('cloudformation:CreateChangeSet', stackArn(stack), at);
          const execute = changeSet && (await request('cloudformation:ExecuteChangeSet', stackArn(stack), at));
          if (changeSet && execute) {
            add({ to, edge: 'run-attached', via: 'change-set', allowedBy: [`${stack}: ${[...changeSet, ...execute].join('; ')}`] });
            break;
          }
        }
        if (reached(to)) continue;
      }
      // A service-managed StackSet's stacks run as the execution role StackSets made in each target account. Only the
      // management account and the delegated administrator create them (CloudFormation user guide, "Register a delegated administrator").
      if (to.stackSetExecution && stackSetAdministrators.has(accountOf(node.arn))) {
        const stackSet = `arn:${partitionOf(region)}:cloudformation:${region}:${accountOf(node.arn)}:stackset/reach-probe:${STACK_UUID}`;
        // CreateStackSet has no resource type of its own (Service Authorization Reference): `*`.
        const create = await request('cloudformation:CreateStackSet', '*', { resourceAccount: accountOf(node.arn) });
        const instances = create && (await request('cloudformation:CreateStackInstances', stackSet));
        if (create && instances) add({ to, edge: 'pass-and-run', via: 'stacksets', allowedBy: [...create, ...instances] });
      }
    }
    // Passing a role to a service that then runs the caller's code as it: a new or reconfigured function, a new or
    // changed build project, or a build of any project started with the role as its serviceRoleOverride.
    for (const to of nodes) {
      if (to.arn === node.arn || reached(to)) continue;
      const trust = trustText(to);
      const account = accountOf(to.arn);
      const probe = (service: string, resource: string) => `arn:${partitionOf(region)}:${service}:${region}:${account}:${resource}`;
      for (const [service, via, requests] of [
        [
          'lambda.amazonaws.com',
          'lambda',
          [
            ['lambda:CreateFunction', probe('lambda', 'function:reach-probe')],
            ...functionsIn(account).map((f) => ['lambda:UpdateFunctionConfiguration', f.arn]),
          ],
        ],
        [
          'codebuild.amazonaws.com',
          'codebuild',
          [
            ['codebuild:CreateProject', probe('codebuild', 'project/reach-probe')],
            ...projectsIn(account).flatMap((p) => [
              ['codebuild:StartBuild', p.arn],
              ['codebuild:UpdateProject', p.arn],
            ]),
          ],
        ],
      ] as const) {
        if (!trust.includes(service)) continue;
        const pass = await request('iam:PassRole', to.arn, { context: { 'iam:PassedToService': service } });
        if (!pass) continue;
        let run: readonly string[] | undefined;
        for (const [action, resource] of requests) {
          run = await request(action, resource, { region: resource.split(':')[3] });
          if (run) break;
        }
        if (run) {
          add({ to, edge: 'pass-and-run', via, allowedBy: [...pass, ...run] });
          break;
        }
      }
    }
    // Running an existing build project as its role: a build with a buildspec of the caller's (StartBuild's
    // buildspecOverride), or the project changed so that the next release runs it, unseen by the approvers
    // (they approve an artifact by its digest, not the project).
    for (const to of nodes) {
      if (to.arn === node.arn || reached(to)) continue;
      for (const project of projectsOf(to.arn)) {
        const at = { region: project.arn.split(':')[3] };
        const start = await request('codebuild:StartBuild', project.arn, at);
        const update = start ? undefined : await request('codebuild:UpdateProject', project.arn, at);
        if (start || update) {
          add({ to, edge: 'run-attached', via: 'codebuild', allowedBy: (start ?? update)!, ...(start ? {} : { gates: [{ kind: 'next-release' as const }] }) });
          if (start) break;
        }
      }
    }
    // Changing a pipeline (its role passed again) so that it runs a deploy project without its approval.
    for (const pipeline of evaluator.deployed.pipelines.values()) {
      const targets = nodes.filter((to) => to.arn !== node.arn && !reached(to) && projectsOf(to.arn).some((p) => p.stackId === pipeline.stackId));
      if (targets.length === 0) continue;
      const at = { region: pipeline.arn.split(':')[3] };
      const update = await request('codepipeline:UpdatePipeline', pipeline.arn, at);
      const pass = update && (await request('iam:PassRole', pipeline.roleArn, { ...at, context: { 'iam:PassedToService': 'codepipeline.amazonaws.com' } }));
      if (update && pass) for (const to of targets) add({ to, edge: 'run-attached', via: 'codepipeline', allowedBy: [...update, ...pass] });
    }
    // A function's code or configuration changed runs as its role; invoking it runs its code as its role on the caller's input.
    for (const fn of evaluator.deployed.functions.values()) {
      const to = byArn.get(fn.roleArn);
      if (!to || to.arn === node.arn || reached(to)) continue;
      const at = { region: fn.arn.split(':')[3] };
      const change = (await request('lambda:UpdateFunctionCode', fn.arn, at)) ?? (await request('lambda:UpdateFunctionConfiguration', fn.arn, at));
      if (change) {
        add({ to, edge: 'change-code', allowedBy: [`${fn.arn.split(':').pop()}: ${change.join('; ')}`] });
        continue;
      }
      const invoke = await request('lambda:InvokeFunction', fn.arn, at);
      if (invoke) add({ to, edge: 'invoke', allowedBy: [`${fn.arn.split(':').pop()}: ${invoke.join('; ')}`] });
    }
    // A role the caller is, or becomes by any edge above, whose policies it may rewrite or whose boundary it may
    // remove: it then holds whatever the rest leaves. The change rides on the edge into the role, with its gates.
    const becomes = new Map<Node, readonly Gate[]>([[node, []]]);
    for (const e of found) {
      const known = becomes.get(e.to);
      if (!known || known.length > (e.gates?.length ?? 0)) becomes.set(e.to, e.gates ?? []);
    }
    for (const [to, gates] of becomes) {
      if (to.rewritten || to.unbounded || (!evaluator.deployed.roles.has(to.arn) && !to.permissionsBoundary)) continue;
      const gated = gates.length ? { gates } : {};
      if (to.identityPolicies !== ADMIN) {
        let rewrite = (await request('iam:PutRolePolicy', to.arn)) ?? (await request('iam:AttachRolePolicy', to.arn));
        for (const policy of evaluator.deployed.roles.get(to.arn)?.managedPolicyArns ?? []) rewrite ??= await request('iam:CreatePolicyVersion', policy);
        if (rewrite) add({ to: rewritten(to), edge: to === node ? 'rewrite-own-policy' : 'rewrite-policy', allowedBy: rewrite, ...gated });
      }
      if (to.permissionsBoundary) {
        const remove = (await request('iam:DeleteRolePermissionsBoundary', to.arn)) ?? (await request('iam:PutRolePermissionsBoundary', to.arn));
        if (remove) add({ to: unbound(to), edge: 'remove-boundary', allowedBy: remove, ...gated });
      }
    }
    edgesOf.set(keyOf(node), found);
    return found;
  };

  const maxSteps = options.maxSteps ?? 6;
  const paths: ReachPath[] = [];
  const proxyGate: Gate[] = reach.proxyGate ? [{ kind: 'proxy', keyStore: custodyPlaceOf(config, tenant, target.keyArn) ?? '?' }] : [];
  /** The shortest path from `start`, over ungated edges only or over every edge. */
  const search = async (start: Node, ungatedOnly: boolean): Promise<ReachPath | undefined> => {
    // Breadth first: the first node that reaches plaintext ends the shortest path.
    const queue: { node: Node; steps: ReachStep[]; via: Node[] }[] = [{ node: start, steps: [], via: [start] }];
    const seen = new Set<string>([keyOf(start)]);
    while (queue.length > 0) {
      const { node, steps, via } = queue.shift()!;
      const end = await terminal(node);
      if (end) {
        const gates = [...via.flatMap((n, i) => (i === 0 ? [...(n.startGates ?? []), ...n.gates] : [...(steps[i - 1].gates ?? []), ...n.gates])), ...proxyGate];
        return { principal: start.arn, label: start.label, steps, terminal: end, gates: dedupeGates(gates) };
      }
      if (steps.length >= maxSteps) continue;
      for (const edge of await edges(node)) {
        if (ungatedOnly && edge.gates?.length) continue;
        const key = keyOf(edge.to);
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push({
          node: edge.to,
          steps: [
            ...steps,
            {
              edge: edge.edge,
              from: node.arn,
              to: edge.to.arn,
              allowedBy: edge.allowedBy,
              ...(edge.via ? { via: edge.via } : {}),
              ...(edge.gates?.length ? { gates: edge.gates } : {}),
            },
          ],
          via: [...via, edge.to],
        });
      }
    }
    return undefined;
  };
  const groupPaths = new Map<string, ReachPath>();
  for (const start of nodes.filter((n) => n.start)) {
    // A path whose steps need no MFA session and no next release is the one that says what a principal can do
    // unhindered; only where there is none does a gated step stand.
    const path = (await search(start, true)) ?? (await search(start, false));
    if (!path) continue;
    if (!start.assignedGroups) {
      paths.push(path);
      continue;
    }
    // People: each group's members are a principal of their own, so a group given a set that reaches
    // plaintext is named in the plan; a group that holds two such sets keeps its shorter path.
    for (const group of start.assignedGroups.groups) {
      const principal = identityStoreGroupArn(partitionOf(tenant.region), group);
      const known = groupPaths.get(principal);
      if (known && known.steps.length <= path.steps.length) continue;
      groupPaths.set(principal, {
        ...path,
        principal,
        label: text('principal.identityCenterGroup', {
          group,
          permissionSet: start.assignedGroups.permissionSet,
          role: start.arn.split('/').pop() ?? start.arn,
        }),
      });
    }
  }
  paths.push(...groupPaths.values());
  paths.sort((a, b) => a.steps.length - b.steps.length || a.principal.localeCompare(b.principal));
  const edgesOfPrincipals: Record<string, { readonly to: string; readonly edge: EdgeClass }[]> = {};
  for (const arn of options.edgesOf ?? []) {
    const node = byArn.get(arn);
    if (node)
      edgesOfPrincipals[arn] = (await edges(node)).map((e) => ({
        to: e.to.arn,
        edge: e.edge,
        ...(e.via ? { via: e.via } : {}),
        ...(e.gates?.length ? { gates: e.gates } : {}),
      }));
  }
  // The replica is a second place the plaintext is: its readers are searched the same way, from the same principals.
  const replica =
    (options.location ?? 'data') === 'data' && tenant.continuity
      ? await tenantReach(evaluator, config, tenant, { ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }), location: 'replica' })
      : undefined;
  const replicaTarget = replica ? tenantTarget(evaluator, tenant, 'replica') : undefined;
  return {
    paths,
    outsideTheGraph,
    principals: nodes.filter((n) => n.start).length,
    evaluations,
    ...(options.edgesOf ? { edges: edgesOfPrincipals } : {}),
    ...(replica && replicaTarget
      ? {
          replica: {
            region: replicaTarget.region,
            bucket: replicaTarget.bucket.name,
            paths: replica.paths,
            principals: replica.principals,
            evaluations: replica.evaluations,
          },
        }
      : {}),
  };
}

function dedupeGates(gates: readonly Gate[]): Gate[] {
  return [...new Map(gates.map((g) => [JSON.stringify(g), g])).values()];
}
