import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import type { SuverenConfig, TenantConfig } from '../config/schema';
import {
  BOOTSTRAP_STACK_SET_NAME,
  breakGlassAlarmName,
  PIPELINE_DEPLOY_ROLE_NAME,
  PIPELINE_ORGANIZATION_DEPLOY_ROLE_NAME,
  WORKLOAD_BOUNDARY_POLICY_NAME,
  keyCustodyStackId,
  tenantStackId,
} from '../contracts/names';
import { INSPECTION_TAGS, INSPECTION_VERDICTS, OBJECT_PREFIX } from '../contracts/upload-layout';
import { encryptsOnClient, usesCloudHsm, usesExternalKeyStore } from '../contracts/tiers';
import { type Text, text } from '../evidence/i18n/translate';
import { executionBoundaryDocument, workloadBoundaryDocument } from '../pipeline/execution-boundary';
import { partitionOf } from '../regions';
import type { NamedPolicy, PolicyDocumentJson } from '../authorization/deployed-model';
import { ADMINISTRATOR_ACCESS, type AccessEvaluator, type AccessRequest } from '../authorization/evaluate';
import { decideS3Call } from '../authorization/s3-calls';
import type { EdgeClass, Gate, ReachPath, ReachStep, TenantReach } from './reach-model';

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
  /** A deployed role after it rewrote its own policies (AdministratorAccess, within its boundary and the SCPs). */
  readonly rewritten?: boolean;
  /** The account whose stacks it deploys, for a CloudFormation execution role. */
  readonly cfnExecOf?: { readonly account: string; readonly region: string; readonly stacks: readonly string[] };
}

interface Edge {
  readonly to: Node;
  readonly edge: EdgeClass;
  readonly allowedBy: readonly string[];
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

/** Everything the graph needs of the tenant, or undefined when its stack is not in the templates. */
function tenantTarget(evaluator: AccessEvaluator, tenant: TenantConfig) {
  const stackId = tenantStackId(tenant.id);
  const data = [...evaluator.deployed.buckets.values()].find((b) => b.stackId === stackId && b.logicalId.startsWith('DataBucket'));
  if (!data?.defaultKeyArn) return undefined;
  return { stackId, bucket: data, keyArn: data.defaultKeyArn };
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
  const deployment = config.deployment;
  if (deployment) {
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
    const store = usesExternalKeyStore(tenant.tier) ? tenant.externalKeyStore : tenant.hsmCluster;
    const custodyStack = store ? keyCustodyStackId(store) : '';
    const keyRegion = keyArn.split(':')[3];
    for (const r of [...evaluator.deployed.roles.values()].filter(
      (r) => r.account === keyAccount && r.stackId.startsWith(custodyStack) && r.arn.includes(tenant.id),
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

export interface TenantReachOptions {
  /** Stop searching past this many steps. @default 6 */
  readonly maxSteps?: number;
  /**
   * Principals whose every edge to return as well, not only those on a shortest path: for
   * a reviewer asking what one principal can become, and for the tests of each edge class.
   * @default none
   */
  readonly edgesOf?: readonly string[];
}

/** The reach of one tenant, or undefined when its stack is not in the templates. */
export async function tenantReach(
  evaluator: AccessEvaluator,
  config: SuverenConfig,
  tenant: TenantConfig,
  options: TenantReachOptions = {},
): Promise<TenantReach | undefined> {
  const target = tenantTarget(evaluator, tenant);
  if (!target) return undefined;
  const outsideTheGraph: Text[] = [text('reach.grantsAtRunTime')];
  if (encryptsOnClient(tenant.tier)) {
    // S3 holds ciphertext only: no AWS principal can reach plaintext, whatever it reaches in AWS.
    return { paths: [], outsideTheGraph: [text('reach.clientSide'), ...outsideTheGraph], principals: 0, evaluations: 0 };
  }
  if (usesCloudHsm(tenant.tier)) outsideTheGraph.push(text('reach.cryptoUsers', { cluster: tenant.hsmCluster ?? '?' }));
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

  const keyOf = (node: Node) => `${node.arn}${node.rewritten ? '#rewritten' : ''}`;
  const terminalOf = new Map<string, ReachPath['terminal'] | null>();
  const terminal = async (node: Node): Promise<ReachPath['terminal'] | null> => {
    if (terminalOf.has(keyOf(node))) return terminalOf.get(keyOf(node))!;
    const principal = { ...base(node), region: tenant.region };
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
            'kms:ViaService': `s3.${tenant.region}.amazonaws.com`,
            'kms:CallerAccount': node.arn.split(':')[4],
            'kms:EncryptionContext:aws:s3:arn': target.bucket.arn,
          },
        });
        const policy =
          viaS3 && (await allowed({ ...principal, action: 's3:PutBucketPolicy', resource: target.bucket.arn, resourceAccount: target.bucket.account }));
        if (viaS3 && policy) result = { kind: 'rewrite-bucket-policy', principal: node.arn, allowedBy: [...policy, ...viaS3] };
      }
    }
    terminalOf.set(keyOf(node), result);
    return result;
  };

  const edgesOf = new Map<string, Edge[]>();
  const edges = async (node: Node): Promise<Edge[]> => {
    const known = edgesOf.get(keyOf(node));
    if (known) return known;
    const found: Edge[] = [];
    const region = tenant.region;
    for (const to of nodes) {
      if (to.arn === node.arn) continue;
      if (to.assumable) {
        const assume = await allowed({
          ...base(node),
          action: 'sts:AssumeRole',
          resource: to.arn,
          resourceAccount: to.arn.split(':')[4],
          region,
          ...(to.trust ? { resourcePolicy: to.trust } : {}),
          context: { 'aws:ResourceOrgID': orgId },
        });
        if (assume) {
          found.push({ to, edge: 'assume', allowedBy: assume });
          continue;
        }
        const rewrite = await allowed({ ...base(node), action: 'iam:UpdateAssumeRolePolicy', resource: to.arn, region });
        if (rewrite) {
          found.push({ to, edge: 'rewrite-trust', allowedBy: rewrite });
          continue;
        }
      }
      if (to.cfnExecOf) {
        const { account, region: stackRegion, stacks } = to.cfnExecOf;
        const pass = await allowed({
          ...base(node),
          action: 'iam:PassRole',
          resource: to.arn,
          region: stackRegion,
          context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
        });
        const create =
          pass &&
          (await allowed({
            ...base(node),
            action: 'cloudformation:CreateStack',
            resource: `arn:${partitionOf(stackRegion)}:cloudformation:${stackRegion}:${account}:stack/reach-probe/${STACK_UUID}`,
            region: stackRegion,
          }));
        if (pass && create) {
          found.push({ to, edge: 'pass-and-run', allowedBy: [...pass, ...create] });
          continue;
        }
        // A stack whose service role is set keeps using it: updating the stack needs no PassRole.
        for (const stack of stacks) {
          const update = await allowed({
            ...base(node),
            action: 'cloudformation:UpdateStack',
            resource: `arn:${partitionOf(stackRegion)}:cloudformation:${stackRegion}:${account}:stack/${stack}/${STACK_UUID}`,
            region: stackRegion,
          });
          if (update) {
            found.push({ to, edge: 'run-attached', allowedBy: [`${stack}: ${update.join('; ')}`] });
            break;
          }
        }
        if (found.some((e) => e.to === to)) continue;
      }
    }
    // Passing a role to a service that then runs code as it: a new function, or a build project.
    for (const to of nodes) {
      if (to.arn === node.arn || found.some((e) => e.to === to)) continue;
      const trust = JSON.stringify(evaluator.deployed.roles.get(to.arn)?.trustPolicy?.policy ?? {});
      for (const [service, action, resource] of [
        [
          'lambda.amazonaws.com',
          'lambda:CreateFunction',
          `arn:${partitionOf(tenant.region)}:lambda:${tenant.region}:${to.arn.split(':')[4]}:function:reach-probe`,
        ],
        [
          'codebuild.amazonaws.com',
          'codebuild:CreateProject',
          `arn:${partitionOf(tenant.region)}:codebuild:${tenant.region}:${to.arn.split(':')[4]}:project/reach-probe`,
        ],
      ] as const) {
        if (!trust.includes(service)) continue;
        const pass = await allowed({
          ...base(node),
          action: 'iam:PassRole',
          resource: to.arn,
          region: tenant.region,
          context: { 'iam:PassedToService': service },
        });
        const run = pass && (await allowed({ ...base(node), action, resource, region: tenant.region }));
        if (pass && run) {
          found.push({ to, edge: 'pass-and-run', allowedBy: [...pass, ...run] });
          break;
        }
      }
    }
    // Changing the code of a function runs it as its role.
    for (const fn of [...evaluator.deployed.functions.values()]) {
      const to = byArn.get(fn.roleArn);
      if (!to || to.arn === node.arn || found.some((e) => e.to === to)) continue;
      const change = await allowed({ ...base(node), action: 'lambda:UpdateFunctionCode', resource: fn.arn, region: fn.arn.split(':')[3] });
      if (change) found.push({ to, edge: 'change-code', allowedBy: [`${fn.arn.split(':').pop()}: ${change.join('; ')}`] });
    }
    // A role that may rewrite its own policies may give itself anything its boundary and the SCPs leave.
    if (evaluator.deployed.roles.has(node.arn) && !node.rewritten) {
      const own =
        (await allowed({ ...base(node), action: 'iam:PutRolePolicy', resource: node.arn, region })) ??
        (await allowed({ ...base(node), action: 'iam:AttachRolePolicy', resource: node.arn, region }));
      if (own) {
        const rewritten: Node = { ...node, identityPolicies: ADMIN, rewritten: true, start: false, assumable: false };
        found.push({ to: rewritten, edge: 'rewrite-own-policy', allowedBy: own });
      }
    }
    edgesOf.set(keyOf(node), found);
    return found;
  };

  const maxSteps = options.maxSteps ?? 6;
  const paths: ReachPath[] = [];
  const proxyGate: Gate[] = usesExternalKeyStore(tenant.tier) ? [{ kind: 'proxy', keyStore: tenant.externalKeyStore ?? '?' }] : [];
  for (const start of nodes.filter((n) => n.start)) {
    // Breadth first: the first node that reaches plaintext ends the shortest path.
    const queue: { node: Node; steps: ReachStep[]; via: Node[] }[] = [{ node: start, steps: [], via: [start] }];
    const seen = new Set<string>([keyOf(start)]);
    while (queue.length > 0) {
      const { node, steps, via } = queue.shift()!;
      const end = await terminal(node);
      if (end) {
        const gates = [...via.flatMap((n, i) => (i === 0 ? [...(n.startGates ?? []), ...n.gates] : n.gates)), ...proxyGate];
        paths.push({ principal: start.arn, label: start.label, steps, terminal: end, gates: dedupeGates(gates) });
        break;
      }
      if (steps.length >= maxSteps) continue;
      for (const edge of await edges(node)) {
        const key = keyOf(edge.to);
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push({
          node: edge.to,
          steps: [...steps, { edge: edge.edge, from: node.arn, to: edge.to.arn, allowedBy: edge.allowedBy }],
          via: [...via, edge.to],
        });
      }
    }
  }
  paths.sort((a, b) => a.steps.length - b.steps.length || a.principal.localeCompare(b.principal));
  const edgesOfPrincipals: Record<string, { readonly to: string; readonly edge: EdgeClass }[]> = {};
  for (const arn of options.edgesOf ?? []) {
    const node = byArn.get(arn);
    if (node) edgesOfPrincipals[arn] = (await edges(node)).map((e) => ({ to: e.to.arn, edge: e.edge }));
  }
  return {
    paths,
    outsideTheGraph,
    principals: nodes.filter((n) => n.start).length,
    evaluations,
    ...(options.edgesOf ? { edges: edgesOfPrincipals } : {}),
  };
}

function dedupeGates(gates: readonly Gate[]): Gate[] {
  return [...new Map(gates.map((g) => [JSON.stringify(g), g])).values()];
}
