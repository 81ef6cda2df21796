import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ActivateOrganizationsAccessCommand,
  type CloudFormationClient,
  CreateStackCommand,
  DescribeOrganizationsAccessCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { type CloudTrailClient, RegisterOrganizationDelegatedAdminCommand } from '@aws-sdk/client-cloudtrail';
import { type ConfigServiceClient, DescribeConfigurationRecordersCommand } from '@aws-sdk/client-config-service';
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  type IAMClient,
  ListPolicyVersionsCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  EnableAllFeaturesCommand,
  EnablePolicyTypeCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListRootsCommand,
  type OrganizationsClient,
  type PolicyType,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { CONFORMANCE_BASELINE_STACK_SET_NAME, MANAGED_POLICY_TAG } from '@suveren/core/contracts/names';
import { managementExecutionPolicy } from '../guardrails/management-execution-policy';
import { isUsable } from '@suveren/core/partitions';
import { pipelineDeployRoleArns } from '../platform-principals';
import { partitionOf } from '../regions';

/*
 * `suveren organization prepare`: the organization-level prerequisites of a landing zone,
 * run once (and again at any time: each step reads first and calls only what is missing)
 * with management-account credentials. Each step names the AWS documentation it follows.
 */

/** The organization cannot be prepared as it is; the message says what to do. */
export class PrepareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrepareError';
  }
}

/** The AWS clients prepare uses; each region's CloudFormation and Config client comes from a factory. */
export interface PrepareClients {
  readonly organizations: OrganizationsClient;
  /** Only RegisterOrganizationDelegatedAdmin. */
  readonly cloudtrail: CloudTrailClient;
  /** Only the StackSets organization access (DescribeOrganizationsAccess, ActivateOrganizationsAccess). */
  readonly stackSets: CloudFormationClient;
  readonly iam: IAMClient;
  readonly s3: S3Client;
  readonly cloudformation: (region: string) => CloudFormationClient;
  readonly config: (region: string) => ConfigServiceClient;
  /** Runs the pinned CDK CLI's `cdk bootstrap` with these arguments; resolves with its exit code. */
  readonly cdkBootstrap: (args: readonly string[]) => Promise<number>;
}

export interface PrepareOptions {
  readonly config: SuverenConfig;
  readonly clients: PrepareClients;
  /** The synthesized assembly: the conformance baseline template for the management account's recorder. */
  readonly assemblyDir: string;
  /** The CDK bootstrap qualifier. @default hnb659fds */
  readonly qualifier?: string;
  readonly dryRun?: boolean;
  /** Start the all-features handshake when the organization has only consolidated billing. */
  readonly enableAllFeatures?: boolean;
  /** One line per call made or skipped. */
  readonly log: (line: string) => void;
}

/** The management account's CloudFormation execution policy for the narrowed bootstrap (docs/deploying.md). */
export const MANAGEMENT_EXECUTION_POLICY_NAME = 'suveren-management-execution';
/** The stack that holds the management account's own recorder and rules, in each allowed region. */
export const MANAGEMENT_RECORDER_STACK_NAME = CONFORMANCE_BASELINE_STACK_SET_NAME;

const sources = {
  policyTypes: 'Organizations API reference, EnablePolicyType',
  trustedAccess: 'Organizations user guide, "Using AWS Organizations with other AWS services"',
  cloudtrail: 'CloudTrail user guide, "Add a CloudTrail delegated administrator" (RegisterOrganizationDelegatedAdmin)',
  config: 'Config developer guide, "Register a delegated administrator" (config.amazonaws.com, then config-multiaccountsetup.amazonaws.com)',
  stackSets: 'CloudFormation user guide, "Activate trusted access for StackSets with AWS Organizations" and "Register a delegated administrator"',
  bootstrap: 'docs/deploying.md, "The management account: bootstrapped, narrowed"',
  recorder: 'docs/conformance.md, "The management account"',
} as const;

const STACKSETS_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com';

async function delegatedAdministrators(organizations: OrganizationsClient, principal: string): Promise<string[]> {
  const answer = await organizations.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: principal }));
  return (answer.DelegatedAdministrators ?? []).map((a) => a.Id!);
}

export async function prepareOrganization(options: PrepareOptions): Promise<{ called: number; skipped: number }> {
  const { config, clients, log } = options;
  const counts = { called: 0, skipped: 0 };
  const skip = (what: string, why: string) => {
    counts.skipped += 1;
    log(`skipped  ${what}: ${why}`);
  };
  const call = async (what: string, source: string, effect: () => Promise<unknown>) => {
    counts.called += 1;
    if (options.dryRun) {
      log(`would call ${what}  (${source})`);
      return;
    }
    await effect();
    log(`called   ${what}  (${source})`);
  };
  const { organization, audit } = config;
  const partition = partitionOf(organization.homeRegion);

  // 1. All features: SCPs, RCPs and delegated administrators need them.
  const described = (await clients.organizations.send(new DescribeOrganizationCommand({}))).Organization!;
  if (described.FeatureSet !== 'ALL') {
    if (!options.enableAllFeatures) {
      throw new PrepareError(
        `organization ${described.Id} has only consolidated billing (FeatureSet ${described.FeatureSet}): SCPs, RCPs and delegated administrators need all features. Run again with --enable-all-features to start the handshake every invited member account must accept (Organizations user guide, "Enabling all features")`,
      );
    }
    await call('organizations EnableAllFeatures', 'Organizations user guide, "Enabling all features"', () =>
      clients.organizations.send(new EnableAllFeaturesCommand({})),
    );
    throw new PrepareError(
      'the all-features handshake has started: every invited member account must accept it (aws organizations list-handshakes-for-organization); run prepare again once describe-organization says FeatureSet ALL',
    );
  }
  skip('organizations EnableAllFeatures', 'FeatureSet is ALL');

  // 2. Policy types on the root.
  const root = (await clients.organizations.send(new ListRootsCommand({}))).Roots![0];
  const wanted: PolicyType[] = [
    'SERVICE_CONTROL_POLICY',
    ...(isUsable(partition, 'organizations:rcp', organization.assumeAvailable) ? (['RESOURCE_CONTROL_POLICY'] as const) : []),
  ];
  for (const type of wanted) {
    if ((root.PolicyTypes ?? []).some((p) => p.Type === type && p.Status === 'ENABLED'))
      skip(`organizations EnablePolicyType ${type}`, `enabled on ${root.Id}`);
    else
      await call(`organizations EnablePolicyType ${type} on ${root.Id}`, sources.policyTypes, () =>
        clients.organizations.send(new EnablePolicyTypeCommand({ RootId: root.Id, PolicyType: type })),
      );
  }

  // 3. Trusted access for CloudTrail and Config (StackSets' is CloudFormation's own call, below).
  const access = new Set(
    ((await clients.organizations.send(new ListAWSServiceAccessForOrganizationCommand({}))).EnabledServicePrincipals ?? []).map((p) => p.ServicePrincipal!),
  );
  for (const principal of ['cloudtrail.amazonaws.com', 'config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com']) {
    if (access.has(principal)) skip(`organizations EnableAWSServiceAccess ${principal}`, 'trusted access is on');
    else
      await call(`organizations EnableAWSServiceAccess ${principal}`, sources.trustedAccess, () =>
        clients.organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal })),
      );
  }

  // 4. The audit account administers the organization trail (CloudTrail's own API registers it).
  if ((await delegatedAdministrators(clients.organizations, 'cloudtrail.amazonaws.com')).includes(audit.account)) {
    skip('cloudtrail RegisterOrganizationDelegatedAdmin', `${audit.account} is CloudTrail's delegated administrator`);
  } else {
    await call(`cloudtrail RegisterOrganizationDelegatedAdmin ${audit.account}`, sources.cloudtrail, () =>
      clients.cloudtrail.send(new RegisterOrganizationDelegatedAdminCommand({ MemberAccountId: audit.account })),
    );
  }

  // 5. The audit account administers Config: the aggregator, then the conformance packs, in that order.
  for (const principal of ['config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com']) {
    if ((await delegatedAdministrators(clients.organizations, principal)).includes(audit.account))
      skip(`organizations RegisterDelegatedAdministrator ${principal}`, `${audit.account} is registered`);
    else
      await call(`organizations RegisterDelegatedAdministrator ${principal} ${audit.account}`, sources.config, () =>
        clients.organizations.send(new RegisterDelegatedAdministratorCommand({ ServicePrincipal: principal, AccountId: audit.account })),
      );
  }

  // 6. StackSets: the deployment account creates Suveren-Bootstrap's and the conformance baseline's StackSets.
  const deployment = config.deployment;
  if (!deployment) {
    skip('StackSets organization access', 'no deployment section: the management account creates the StackSets itself (CallAs SELF)');
  } else {
    const status = (await clients.stackSets.send(new DescribeOrganizationsAccessCommand({}))).Status;
    if (status === 'ENABLED') skip('cloudformation ActivateOrganizationsAccess', 'StackSets organization access is ENABLED');
    else await call('cloudformation ActivateOrganizationsAccess', sources.stackSets, () => clients.stackSets.send(new ActivateOrganizationsAccessCommand({})));
    if ((await delegatedAdministrators(clients.organizations, STACKSETS_PRINCIPAL)).includes(deployment.account)) {
      skip(`organizations RegisterDelegatedAdministrator ${STACKSETS_PRINCIPAL}`, `${deployment.account} is registered`);
    } else {
      await call(`organizations RegisterDelegatedAdministrator ${STACKSETS_PRINCIPAL} ${deployment.account}`, sources.stackSets, () =>
        clients.organizations.send(new RegisterDelegatedAdministratorCommand({ ServicePrincipal: STACKSETS_PRINCIPAL, AccountId: deployment.account })),
      );
    }
  }

  // 7. The narrowed bootstrap: its execution policy, then `cdk bootstrap` trusting only the organization deploy project.
  const qualifier = options.qualifier ?? 'hnb659fds';
  const policyArn = `arn:${partition}:iam::${organization.managementAccount}:policy/${MANAGEMENT_EXECUTION_POLICY_NAME}`;
  const document = JSON.stringify(
    managementExecutionPolicy({
      partition,
      managementAccount: organization.managementAccount,
      organizationId: organization.organizationId,
      guardrailTargets: organization.guardrailTargets,
    }),
  );
  await ensureExecutionPolicy(clients.iam, policyArn, document, skip, call);
  if (!deployment) {
    skip('cdk bootstrap of the management account', 'no deployment section: bootstrap it by hand (docs/deploying.md, By hand)');
  } else {
    const trust = pipelineDeployRoleArns(partitionOf(deployment.region), deployment.account).organization;
    const toolkit = await describeStack(clients.cloudformation(organization.homeRegion), 'CDKToolkit');
    const parameter = (key: string) => listParameter(toolkit?.Parameters?.find((p) => p.ParameterKey === key)?.ParameterValue);
    const only = (key: string, value: string) => parameter(key).length === 1 && parameter(key)[0] === value;
    if (toolkit && only('TrustedAccounts', trust) && only('CloudFormationExecutionPolicies', policyArn) && only('Qualifier', qualifier)) {
      skip(
        `cdk bootstrap aws://${organization.managementAccount}/${organization.homeRegion}`,
        `CDKToolkit trusts only ${trust} and executes with ${MANAGEMENT_EXECUTION_POLICY_NAME}`,
      );
    } else {
      const args = [
        'bootstrap',
        `aws://${organization.managementAccount}/${organization.homeRegion}`,
        '--trust',
        trust,
        '--cloudformation-execution-policies',
        policyArn,
        '--qualifier',
        qualifier,
      ];
      await call(`npx cdk ${args.join(' ')}`, sources.bootstrap, async () => {
        const code = await clients.cdkBootstrap(args);
        if (code !== 0) throw new PrepareError(`cdk bootstrap exited ${code}: see its output above`);
      });
    }
  }

  // 8. The management account's own recorder: service-managed StackSets never reach it.
  await ensureManagementRecorders(options, qualifier, skip, call);
  return counts;
}

/** A CommaDelimitedList parameter's values: "a,b" as CloudFormation returns it (and "['a', 'b']", as moto does). */
function listParameter(value: string | undefined): string[] {
  return (value ?? '')
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((v) => v.trim().replace(/^'|'$/g, ''))
    .filter(Boolean);
}

async function describeStack(cloudformation: CloudFormationClient, name: string) {
  try {
    return (await cloudformation.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  } catch (e) {
    if ((e as Error).message?.includes('does not exist')) return undefined;
    throw e;
  }
}

type Skip = (what: string, why: string) => void;
type Call = (what: string, source: string, effect: () => Promise<unknown>) => Promise<void>;

async function ensureExecutionPolicy(iam: IAMClient, policyArn: string, document: string, skip: Skip, call: Call): Promise<void> {
  let existing;
  try {
    existing = (await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy;
  } catch (e) {
    if ((e as Error).name !== 'NoSuchEntityException' && (e as Error).name !== 'NoSuchEntity') throw e;
  }
  if (!existing) {
    await call(`iam CreatePolicy ${MANAGEMENT_EXECUTION_POLICY_NAME}`, sources.bootstrap, () =>
      iam.send(
        new CreatePolicyCommand({
          PolicyName: MANAGEMENT_EXECUTION_POLICY_NAME,
          PolicyDocument: document,
          Description: 'suveren: what CloudFormation may do in the management account (Suveren-Guardrails only)',
          Tags: [{ Key: MANAGED_POLICY_TAG.key, Value: MANAGED_POLICY_TAG.value }],
        }),
      ),
    );
    return;
  }
  const current = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: existing.DefaultVersionId }))).PolicyVersion?.Document;
  const currentDocument = current ? JSON.stringify(JSON.parse(decodeURIComponent(current))) : undefined;
  if (currentDocument === document) {
    skip(`iam CreatePolicyVersion ${MANAGEMENT_EXECUTION_POLICY_NAME}`, "its default version is this config's policy");
    return;
  }
  await call(`iam CreatePolicyVersion ${MANAGEMENT_EXECUTION_POLICY_NAME} (set as default)`, sources.bootstrap, async () => {
    // A managed policy keeps at most five versions: the oldest non-default one makes room.
    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }))).Versions ?? [];
    if (versions.length >= 5) {
      const oldest = versions.filter((v) => !v.IsDefaultVersion).sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))[0];
      await iam.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: oldest.VersionId }));
    }
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: document, SetAsDefault: true }));
  });
}

/** The conformance baseline template the StackSet deploys, from the assembly (its TemplateURL names the asset). */
function baselineTemplate(assemblyDir: string): { file: string; hash: string } {
  const stackFile = path.join(assemblyDir, 'Suveren-ConformanceBaseline.template.json');
  if (!fs.existsSync(stackFile)) {
    throw new PrepareError(
      `${stackFile} not found: synthesize your config first (SUVEREN_CONFIG=config/<yours>.yaml npx cdk synth), or name the assembly with --assembly`,
    );
  }
  const template = JSON.parse(fs.readFileSync(stackFile, 'utf8')) as {
    Resources: Record<string, { Type: string; Properties?: { StackSetName?: string; TemplateURL?: unknown } }>;
  };
  const stackSet = Object.values(template.Resources).find(
    (r) => r.Type === 'AWS::CloudFormation::StackSet' && r.Properties?.StackSetName === CONFORMANCE_BASELINE_STACK_SET_NAME,
  );
  const hash = /([0-9a-f]{64})\.json/.exec(JSON.stringify(stackSet?.Properties?.TemplateURL ?? ''))?.[1];
  if (!hash)
    throw new PrepareError(`${stackFile} holds no ${CONFORMANCE_BASELINE_STACK_SET_NAME} StackSet with a template asset: synthesize the assembly again`);
  return { file: path.join(assemblyDir, `asset.${hash}.json`), hash };
}

async function ensureManagementRecorders(options: PrepareOptions, qualifier: string, skip: Skip, call: Call): Promise<void> {
  const { config, clients } = options;
  const { organization } = config;
  if (config.conformance.recorders === 'existing') {
    for (const region of organization.allowedRegions) skip(`management recorder in ${region}`, 'conformance.recorders is existing: your existing tool owns it');
    return;
  }
  const { file, hash } = baselineTemplate(options.assemblyDir);
  // The management account's bootstrap bucket holds the template: CreateStack takes at most 51,200 bytes inline.
  const bucket = `cdk-${qualifier}-assets-${organization.managementAccount}-${organization.homeRegion}`;
  const key = `suveren/conformance-baseline/${hash}.json`;
  let uploaded = false;
  for (const region of organization.allowedRegions) {
    const recorders = (await clients.config(region).send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? [];
    if (recorders.length > 0) {
      skip(`management recorder in ${region}`, `recorder "${recorders[0].name}" exists (Control Tower's, another tool's, or this one's)`);
      continue;
    }
    const stack = await describeStack(clients.cloudformation(region), MANAGEMENT_RECORDER_STACK_NAME);
    if (stack && !/ROLLBACK|FAILED/.test(stack.StackStatus ?? '')) {
      skip(`cloudformation CreateStack ${MANAGEMENT_RECORDER_STACK_NAME} in ${region}`, `the stack is ${stack.StackStatus}`);
      continue;
    }
    if (stack) {
      throw new PrepareError(
        `${MANAGEMENT_RECORDER_STACK_NAME} in ${region} is ${stack.StackStatus}: read its events (aws cloudformation describe-stack-events --stack-name ${MANAGEMENT_RECORDER_STACK_NAME} --region ${region}), delete it, then run prepare again`,
      );
    }
    if (!uploaded) {
      await call(`s3 PutObject s3://${bucket}/${key}`, sources.recorder, () =>
        clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: fs.readFileSync(file), ServerSideEncryption: 'aws:kms' })),
      );
      uploaded = true;
    }
    await call(`cloudformation CreateStack ${MANAGEMENT_RECORDER_STACK_NAME} in ${region}`, sources.recorder, async () => {
      const cloudformation = clients.cloudformation(region);
      await cloudformation.send(
        new CreateStackCommand({
          StackName: MANAGEMENT_RECORDER_STACK_NAME,
          TemplateURL: `https://${bucket}.s3.${organization.homeRegion}.amazonaws.com/${key}`,
          Capabilities: ['CAPABILITY_NAMED_IAM'],
          EnableTerminationProtection: true,
          Tags: [{ Key: MANAGED_POLICY_TAG.key, Value: MANAGED_POLICY_TAG.value }],
        }),
      );
      for (let i = 0; i < 180; i++) {
        const status = (await describeStack(cloudformation, MANAGEMENT_RECORDER_STACK_NAME))?.StackStatus ?? '';
        if (status === 'CREATE_COMPLETE') return;
        if (!status.endsWith('IN_PROGRESS')) throw new PrepareError(`${MANAGEMENT_RECORDER_STACK_NAME} in ${region} ended ${status}: see its events`);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
      throw new PrepareError(`${MANAGEMENT_RECORDER_STACK_NAME} in ${region} did not complete within 15 min: see its events, then run prepare again`);
    });
  }
}
