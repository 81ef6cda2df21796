import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, type AppProps, BOOTSTRAP_QUALIFIER_CONTEXT, DefaultStackSynthesizer, type Stack, Validations } from 'aws-cdk-lib';
import { cdkNagPacks } from './compliance/nag-packs';
import { SovereignRegionGuard } from './compliance/region-guard';
import { SovereigntyChecks } from './compliance/sovereignty-checks';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { ConfigError } from '@suveren/core/config/load';
import type { StackSelection } from './selection';
import { partitionOf, viaServiceName } from './regions';
import { pipelineDeployRoleArns } from './platform-principals';
import { applyWorkloadBoundary } from './stacks/workload-boundary';
import { AuditStack } from './stacks/audit-stack';
import { GuardrailsStack } from './stacks/guardrails-stack';
import { KeyCustodyStack } from './stacks/key-custody-stack';
import { TenantStack } from './stacks/tenant-stack';
import { TenantReplicaStack } from './stacks/tenant-replica-stack';
import { tenantReplicaStackId } from '@suveren/core/contracts/continuity';
import { PipelineStack } from './stacks/pipeline-stack';
import { BootstrapStack } from './stacks/bootstrap-stack';
import { ConformanceBaselineStack } from './stacks/conformance-baseline-stack';
import { ConformancePackStack } from './stacks/conformance-pack-stack';
import { PeopleStack } from './stacks/people-stack';
import { PeopleAssignmentsStack } from './stacks/people-assignments-stack';
import { assignmentShards } from './stacks/people-groups';
import { PEOPLE_STACK_ID, peopleAssignmentsStackId } from '@suveren/core/contracts/people';
import { type PlannedStack, type StackRole, planDeployStages } from './pipeline/wave-plan';
import {
  AUDIT_STACK_ID,
  GUARDRAILS_STACK_ID,
  ORGANIZATION_METADATA_KEY,
  BOOTSTRAP_STACK_ID,
  CONFIG_DELIVERY_KEY_ALIAS,
  CONFORMANCE_BASELINE_STACK_ID,
  configDeliveryBucketName,
  conformancePackStackId,
  PIPELINE_STACK_ID,
  keyCustodyStackId,
  tenantStackId,
} from '@suveren/core/contracts/names';
import { tierModule, tierModules } from './stacks/tiers';
import { custodyOf, custodyPlaces, replicaCustodyOf } from '@suveren/core/tiers';
import { ExternalKeyStoreStack } from './stacks/external-key-store-stack';
import { CloudFormationLimits } from './compliance/stack-limits';
import { ShapeDeduplicatedCloudFormationValidate, type TemplateIdentity } from './compliance/shape-deduplicated-validate';

/**
 * Recommended feature flags cdk.json sets otherwise, each with the reason. Anything else
 * in aws-cdk-lib's recommended list is set as recommended (test/feature-flags.test.ts).
 */
export const FEATURE_FLAG_DEVIATIONS: Readonly<Record<string, { readonly value: unknown; readonly reason: string }>> = {
  '@aws-cdk/core:enableAdditionalMetadataCollection': {
    value: false,
    reason:
      'Usage data for AWS (L2 property keys, method calls) that versionReporting: false never sends; collecting it cost a few seconds of a 1,100-tenant synth and 86 metadata entries per tenant stack. Templates and the evidence are the same either way.',
  },
};

/**
 * Context every suveren app runs with, whether created by `cdk synth` or by a test:
 * CDK's recommended feature flags, and the legacy report file name the compliance gate
 * documents (`cdk.out/policy-validation-report.json`).
 */
export const SUVEREN_APP_CONTEXT: Record<string, unknown> = {
  // The feature flags `cdk init` writes for this aws-cdk-lib, kept in cdk.json; tests
  // and the bench create the app without the CLI, so they read them from there too.
  ...(JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context,
  '@aws-cdk/core:validationReportJson': true,
  // A stack trace per CloudFormation element, kept only in the assembly's metadata, is
  // about a tenth of a large synth's time and memory. CDK_DEBUG=true brings them back.
  'aws:cdk:disable-creation-stack-traces': true,
};

/** Whether CDK's debug mode is on: creation stacks, tree.json and source-mapped traces. */
export function debugMode(): boolean {
  // aws-cdk-lib's own test (core/lib/debug.js): 1, on or true.
  return ['1', 'on', 'true'].includes((process.env.CDK_DEBUG ?? '').toLowerCase());
}

/**
 * A CDK app with suveren's context; `props.context` adds to or overrides it. No tree.json
 * (the construct tree for IDE explorers, 53 MB and a twentieth of the synth at 1,100
 * tenants, read by no gate, report or deployment) unless CDK_DEBUG=true or
 * `props.treeMetadata`.
 */
export function createSuverenApp(props: AppProps = {}): App {
  if (synthesisStateReleased) {
    throw new Error(
      'releaseSynthesisState() has run in this process: aws-cdk-lib can resolve no token any more, not even Aws.PARTITION; build every app before it',
    );
  }
  return new App({ treeMetadata: debugMode(), ...props, context: { ...SUVEREN_APP_CONTEXT, ...props.context } });
}

/**
 * Registers the compliance gate on the app: the region guard, AwsSolutions, NIST 800-53
 * rev 5 and SovereigntyChecks. Plugins registered on the app see every stack in it,
 * including ones a platform team adds by hand.
 */
export function registerComplianceGate(
  app: App,
  allowedRegions: readonly string[],
  templateIdentities: ReadonlyMap<string, TemplateIdentity> = new Map(),
): void {
  // Tenant stacks of one shape are validated once, by each plugin that reads them (see shape-deduplicated-*.ts).
  const identityOf = (templatePath: string) => templateIdentities.get(path.basename(templatePath));
  Validations.of(app).addPlugins(
    new SovereignRegionGuard({ allowedRegions }),
    // cdk-nag's AwsSolutions and NIST 800-53 rev 5, sharing the verdicts of the rules they have in common.
    ...cdkNagPacks(app, undefined, undefined, { identityOf }),
    new SovereigntyChecks(app, undefined, { identityOf }),
    new CloudFormationLimits(),
    // Replaces aws-cdk-lib's own instance of the plugin (it registers one only when the app has none),
    // and honours the switch aws-cdk-lib's has: CDK_VALIDATION=false turns schema validation off.
    ...(process.env.CDK_VALIDATION === 'false' ? [] : [new ShapeDeduplicatedCloudFormationValidate({ identityOf })]),
  );
}

export interface LandingZone {
  /** Absent when the selection leaves out the organization stacks (a tenant subset or a later shard). */
  readonly guardrails?: GuardrailsStack;
  readonly audit?: AuditStack;
  /** Every tier's key-custody places (one stack per HSM cluster and per external key store), deployed with the organization stacks. */
  readonly custodyPlaceStacks: readonly Stack[];
  /** The places of tier hsm: one per `keyCustody.hsmClusters` entry. */
  readonly keyCustodyStacks: readonly KeyCustodyStack[];
  /** The places of tier external: one per `keyCustody.externalKeyStores` entry. */
  readonly externalKeyStoreStacks: readonly ExternalKeyStoreStack[];
  /** Provisioner roles beyond what a place's own stack holds (a cluster's beyond its first PROVISIONERS_PER_STACK tenants). */
  readonly keyCustodyProvisionerStacks: readonly Stack[];
  readonly tenantStacks: readonly TenantStack[];
  /** The replicas of the tenants with `continuity`, each in its replica region, deployed before its tenant's stack. */
  readonly tenantReplicaStacks: readonly TenantReplicaStack[];
  /** Present when the config has a deployment section (and the selection includes the organization stacks). */
  readonly pipeline?: PipelineStack;
  /** The bootstrap StackSets, with the pipeline. */
  readonly bootstrap?: BootstrapStack;
  /** AWS Config's recorders and custom rules in every account, with the organization stacks. */
  readonly conformanceBaseline?: ConformanceBaselineStack;
  /** The organization conformance pack of each allowed region, in the audit account. */
  readonly conformancePacks: readonly ConformancePackStack[];
  /** IAM Identity Center's permission sets and group assignments, where the config has identityCenter (with the organization stacks). */
  readonly people?: PeopleStack;
  /** Group assignments beyond what Suveren-People holds. */
  readonly peopleAssignmentStacks: readonly PeopleAssignmentsStack[];
}

/** The CDK bootstrap qualifier the app's stacks are synthesized with. */
function bootstrapQualifier(app: App): string {
  return (app.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) as string | undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
}

/** The OUs (or root) the StackSets deploy to: the deployment's bootstrap targets, else the OUs among the guardrail targets. */
export function stackSetTargets(config: SuverenConfig): string[] {
  return config.deployment?.bootstrapTargets ?? config.organization.guardrailTargets.filter((t) => /^(ou-|r-)/.test(t));
}

/**
 * Adds the stacks the config describes (all of them, or the `selection`), and the
 * compliance gate, to `app`.
 */
/** Where the app read its config, for the pipeline that must synthesize the same file. */
export interface LandingZoneSource {
  /**
   * The config file the app was synthesized from, as given (SUVEREN_CONFIG, `-c config=`).
   * The pipeline synthesizes `deployment.configFile`, else this file (relative to the
   * repository root, the working directory of `cdk synth`).
   * @default unknown: the pipeline refuses to run unless deployment.configFile names it
   */
  readonly configFile?: string;
}

export function addLandingZone(app: App, config: SuverenConfig, selection?: StackSelection, source: LandingZoneSource = {}): LandingZone {
  // Tenant templates differ only in these strings: CloudFormation schema validation runs once per shape.
  const templateIdentities = new Map<string, TemplateIdentity>();
  registerComplianceGate(app, config.organization.allowedRegions, templateIdentities);
  const includeOrganization = selection?.includeOrganization ?? true;
  const guardrails = includeOrganization
    ? new GuardrailsStack(app, GUARDRAILS_STACK_ID, {
        env: { account: config.organization.managementAccount, region: config.organization.homeRegion },
        organization: config.organization,
        externalKeyStoreAccounts: config.keyCustody.externalKeyStores.map((store) => store.account),
        configManagerRoleNames: config.conformance.recorderManagerRoleNames,
        pipelineDeployRoleArns: config.deployment
          ? Object.values(pipelineDeployRoleArns(partitionOf(config.deployment.region), config.deployment.account))
          : undefined,
        qualifier: bootstrapQualifier(app),
        createdAccounts: config.createdAccounts,
        identityCenter: config.identityCenter !== undefined,
      })
    : undefined;
  const audit = includeOrganization
    ? new AuditStack(app, AUDIT_STACK_ID, {
        env: { account: config.audit.account, region: config.audit.region },
        organization: config.organization,
        audit: config.audit,
        notifications: config.notifications.audit,
      })
    : undefined;
  // Each tier's key-custody places (clusters, key stores), then the stacks that hold
  // provisioner roles beyond what a place's own stack holds.
  const custodyPlaceStacks = includeOrganization ? tierModules().flatMap((m) => m.addCustodyPlaces?.(app, config) ?? []) : [];
  const provisionerStacks = new Map<string, Stack>();
  if (includeOrganization) {
    for (const m of tierModules()) for (const [tenantId, stack] of m.addProvisionerShards?.(app, config) ?? []) provisionerStacks.set(tenantId, stack);
  }
  const conformance = includeOrganization ? addConformance(app, config, { audit, guardrails }) : undefined;
  const people = includeOrganization ? addPeople(app, config) : undefined;
  const selected = selection ? config.tenants.filter((t) => selection.tenantIds.includes(t.id)) : config.tenants;
  const places = custodyPlaces(config.keyCustody);
  const tenantReplicaStacks: TenantReplicaStack[] = [];
  const tenantStacks = selected.map((tenant) => {
    const module = tierModule(tenant.tier);
    const place = custodyOf(tenant, places);
    const replicaPlace = replicaCustodyOf(tenant, places);
    const replica = tenant.continuity
      ? new TenantReplicaStack(app, tenantReplicaStackId(tenant.id), {
          env: { account: tenant.continuity.replicaAccount ?? tenant.account, region: tenant.continuity.replicaRegion },
          tenant,
          breakGlassRoleName: config.organization.breakGlassRoleName,
          ...(replicaPlace?.account !== undefined
            ? { custodyPlace: { id: replicaPlace.placeId, account: replicaPlace.account, administratorRoleName: config.organization.breakGlassRoleName } }
            : {}),
        })
      : undefined;
    if (replica) tenantReplicaStacks.push(replica);
    // Deploy order only (no references cross accounts): the replica region's key store must exist before the replica's key.
    const replicaPlaceStack = replicaPlace ? custodyPlaceStacks.find((s) => s.stackName === keyCustodyStackId(replicaPlace.placeId)) : undefined;
    if (replica && replicaPlaceStack)
      replica.addStackDependency(replicaPlaceStack, module.placeDependencyReason ?? "the replica's key is created in this key-custody place");
    const stack = new TenantStack(app, tenantStackId(tenant.id), {
      env: { account: tenant.account, region: tenant.region },
      tenant,
      allowedRegions: config.organization.allowedRegions,
      breakGlassRoleName: config.organization.breakGlassRoleName,
      ...(config.identityCenter ? { identityCenter: { homeRegion: config.identityCenter.homeRegion, partition: partitionOf(tenant.region) } } : {}),
      ...(place?.account !== undefined
        ? { custodyPlace: { id: place.placeId, account: place.account, administratorRoleName: config.organization.breakGlassRoleName } }
        : {}),
      // The replica's key: in the replica region's custody place, or in the replica account (the tenant's by default).
      ...((replicaPlace?.account ?? tenant.continuity?.replicaAccount) !== undefined
        ? { replicaKeyAccount: replicaPlace?.account ?? tenant.continuity?.replicaAccount }
        : {}),
    });
    templateIdentities.set(stack.templateFile, { tenantId: tenant.id, account: tenant.account, displayName: tenant.displayName, stackName: stack.stackName });
    // Deploy order only (stacks are regional): S3 accepts a replication rule only for a destination bucket that exists.
    if (replica) stack.addStackDependency(replica, "the tenant's data bucket replicates into this replica bucket, which must exist first");
    // Deploy order only (no references cross accounts): the key store must exist before the tenant's key.
    const placeStack = place ? custodyPlaceStacks.find((s) => s.stackName === keyCustodyStackId(place.placeId)) : undefined;
    if (placeStack) stack.addStackDependency(placeStack, module.placeDependencyReason ?? "the tenant's key is created in this key-custody place");
    const provisioner = provisionerStacks.get(tenant.id);
    if (provisioner) stack.addStackDependency(provisioner, "the tenant's key handler assumes its provisioner role to create the key");
    return stack;
  });
  const deployment =
    includeOrganization && config.deployment
      ? addPipeline(app, config, config.deployment, pipelineConfigFile(config.deployment, source), {
          guardrails,
          audit,
          custodyPlaceStacks,
          provisionerStacks: [...new Set(provisionerStacks.values())],
          conformanceStacks: conformance ? [conformance.baseline, ...conformance.packs] : [],
          peopleStacks: people ? [people.stack, ...people.shards] : [],
          tenantReplicaStacks,
          tenantStacks,
        })
      : undefined;
  const pipeline = deployment?.pipeline;
  // Every template names its organization, so a plan can refuse another organization's baseline.
  for (const stack of [
    guardrails,
    audit,
    pipeline,
    deployment?.bootstrap,
    conformance?.baseline,
    ...(conformance?.packs ?? []),
    ...custodyPlaceStacks,
    ...provisionerStacks.values(),
    people?.stack,
    ...(people?.shards ?? []),
    ...tenantReplicaStacks,
    ...tenantStacks,
  ]) {
    if (stack) stack.templateOptions.metadata = { ...stack.templateOptions.metadata, [ORGANIZATION_METADATA_KEY]: config.organization.organizationId };
  }
  // Where Suveren-Bootstrap creates the workload boundary, every role deployed into a member
  // account carries it: the management account (Guardrails) has no such bootstrap, and the
  // deployment account's Suveren-Pipeline deploys before the boundary exists there.
  if (config.deployment) {
    for (const stack of [audit, ...(conformance?.packs ?? []), ...custodyPlaceStacks, ...provisionerStacks.values(), ...tenantReplicaStacks, ...tenantStacks]) {
      if (stack && stack.account !== config.deployment.account) applyWorkloadBoundary(stack);
    }
  }
  return {
    guardrails,
    audit,
    pipeline,
    bootstrap: deployment?.bootstrap,
    conformanceBaseline: conformance?.baseline,
    conformancePacks: conformance?.packs ?? [],
    custodyPlaceStacks,
    keyCustodyStacks: custodyPlaceStacks.filter((s): s is KeyCustodyStack => s instanceof KeyCustodyStack),
    externalKeyStoreStacks: custodyPlaceStacks.filter((s): s is ExternalKeyStoreStack => s instanceof ExternalKeyStoreStack),
    keyCustodyProvisionerStacks: [...new Set(provisionerStacks.values())],
    tenantStacks,
    tenantReplicaStacks,
    people: people?.stack,
    peopleAssignmentStacks: people?.shards ?? [],
  };
}

/**
 * IAM Identity Center (docs/people.md): the permission sets and the first tenants' group
 * assignments in Suveren-People, the rest in shards, all in the delegated administrator
 * account and the instance's home region.
 */
function addPeople(app: App, config: SuverenConfig): { stack: PeopleStack; shards: PeopleAssignmentsStack[] } | undefined {
  const center = config.identityCenter;
  if (!center) return undefined;
  const env = { account: center.delegatedAdministrator, region: center.homeRegion };
  const [first, ...rest] = assignmentShards(config.tenants);
  const stack = new PeopleStack(app, PEOPLE_STACK_ID, {
    env,
    instanceArn: center.instanceArn,
    tenants: first,
    ...(center.platformGroups
      ? {
          platform: {
            groups: center.platformGroups,
            ...(config.deployment ? { deployment: { account: config.deployment.account, region: config.deployment.region } } : {}),
            audit: { account: config.audit.account, region: config.audit.region },
          },
        }
      : {}),
  });
  const shards = rest.map(
    (tenants, i) =>
      new PeopleAssignmentsStack(app, peopleAssignmentsStackId(i + 1), {
        env,
        instanceArn: center.instanceArn,
        permissionSetArns: stack.permissionSetArns,
        tenants,
      }),
  );
  return { stack, shards };
}

/**
 * AWS Config at run time (docs/conformance.md): the baseline StackSet from the StackSets
 * administrator (the deployment account, else the management account), after the audit
 * account's bucket and the guardrails; then a conformance pack per allowed region from the
 * audit account, once every account has a recorder.
 */
function addConformance(
  app: App,
  config: SuverenConfig,
  organization: { audit?: Stack; guardrails?: Stack },
): { baseline: ConformanceBaselineStack; packs: ConformancePackStack[] } {
  const { audit } = config;
  const partition = partitionOf(audit.region);
  const administrator = config.deployment
    ? { env: { account: config.deployment.account, region: config.deployment.region }, callAs: 'DELEGATED_ADMIN' as const }
    : { env: { account: config.organization.managementAccount, region: config.organization.homeRegion }, callAs: 'SELF' as const };
  const baseline = new ConformanceBaselineStack(app, CONFORMANCE_BASELINE_STACK_ID, {
    ...administrator,
    organizationalUnitIds: stackSetTargets(config),
    regions: config.organization.allowedRegions,
    conformance: config.conformance,
    delivery: {
      bucketName: configDeliveryBucketName(audit.account, audit.region),
      keyAliasArn: `arn:${partition}:kms:${audit.region}:${audit.account}:${CONFIG_DELIVERY_KEY_ALIAS}`,
      auditAccount: audit.account,
      auditRegion: audit.region,
      s3ViaService: viaServiceName('s3', audit.region),
    },
  });
  if (organization.audit) baseline.addStackDependency(organization.audit, "every delivery channel checks the audit account's Config bucket when it is created");
  if (organization.guardrails)
    baseline.addStackDependency(organization.guardrails, "the guardrail SCP lets the StackSet's execution role manage recorders and rules");
  const packs = config.organization.allowedRegions.map((region) => {
    const pack = new ConformancePackStack(app, conformancePackStackId(region), { env: { account: audit.account, region } });
    pack.addStackDependency(baseline, 'an organization conformance pack needs a recorder in every member account');
    return pack;
  });
  return { baseline, packs };
}

/**
 * The config the pipeline synthesizes, relative to the repository root: `deployment.configFile`,
 * else the file this synth read. Undefined when neither names a file inside the repository
 * (the synth build then refuses to run). Two different names are a config error: the
 * pipeline would deploy another landing zone than the one reviewed here.
 */
export function pipelineConfigFile(deployment: NonNullable<SuverenConfig['deployment']>, source: LandingZoneSource): string | undefined {
  const read = source.configFile ? path.relative(process.cwd(), path.resolve(source.configFile)) : undefined;
  const inRepository = read && !read.startsWith('..') && !path.isAbsolute(read) ? read.split(path.sep).join('/') : undefined;
  if (deployment.configFile && inRepository && path.posix.normalize(deployment.configFile) !== inRepository)
    throw new ConfigError(source.configFile!, [
      {
        path: ['deployment', 'configFile'],
        message: `names ${deployment.configFile}, but this synth read ${inRepository}: the pipeline would deploy another config than this one; set it to ${inRepository}`,
      },
    ]);
  return deployment.configFile ?? inRepository;
}

/** Suveren-Pipeline, deploying every other stack of the landing zone in the planned order. */
function addPipeline(
  app: App,
  config: SuverenConfig,
  deployment: NonNullable<SuverenConfig['deployment']>,
  configFile: string | undefined,
  stacks: {
    guardrails?: Stack;
    audit?: Stack;
    custodyPlaceStacks: readonly Stack[];
    provisionerStacks: readonly Stack[];
    conformanceStacks: readonly Stack[];
    peopleStacks: readonly Stack[];
    tenantReplicaStacks: readonly Stack[];
    tenantStacks: readonly Stack[];
  },
): { pipeline: PipelineStack; bootstrap: BootstrapStack } {
  const planned = (role: StackRole, list: readonly (Stack | undefined)[]): PlannedStack[] =>
    list.filter((s): s is Stack => s !== undefined).map((s) => ({ id: s.stackName, role, dependsOn: s.dependencies.map((d) => d.stackName) }));
  const others = [
    ...planned('audit', [stacks.audit]),
    ...planned('guardrails', [stacks.guardrails]),
    ...planned('conformance', stacks.conformanceStacks),
    ...planned('key-custody', stacks.custodyPlaceStacks),
    ...planned('provisioners', stacks.provisionerStacks),
    ...planned('people', stacks.peopleStacks),
    ...planned('tenant-replica', stacks.tenantReplicaStacks),
    ...planned('tenant', stacks.tenantStacks),
  ];
  const stages = planDeployStages(
    [{ id: PIPELINE_STACK_ID, role: 'pipeline', dependsOn: [] }, { id: BOOTSTRAP_STACK_ID, role: 'bootstrap', dependsOn: [PIPELINE_STACK_ID] }, ...others],
    {
      waveSize: deployment.waveSize,
      concurrency: deployment.concurrency,
    },
  );
  const env = { account: deployment.account, region: deployment.region };
  const organizationAccounts = [
    config.organization.managementAccount,
    config.audit.account,
    deployment.account,
    ...config.keyCustody.hsmClusters.map((c) => c.account),
    ...config.keyCustody.externalKeyStores.map((s) => s.account),
    ...(config.identityCenter ? [config.identityCenter.delegatedAdministrator] : []),
  ];
  const pipeline = new PipelineStack(app, PIPELINE_STACK_ID, {
    env,
    organization: config.organization,
    deployment,
    stages,
    organizationAccounts: [...new Set(organizationAccounts)].sort(),
    configFile,
  });
  const bootstrap = new BootstrapStack(app, BOOTSTRAP_STACK_ID, {
    env,
    organizationalUnitIds: stackSetTargets(config),
    regions: config.organization.allowedRegions,
    boundaryRegion: deployment.region,
    qualifier: bootstrapQualifier(app),
    // By name, not by reference: no export ties the two stacks together.
    trustedDeployRoleArns: Object.values(pipelineDeployRoleArns(partitionOf(deployment.region), deployment.account)),
    deploymentAccount: deployment.account,
    platformRoles: config.organization.platformRoles && {
      breakGlassRoleName: config.organization.breakGlassRoleName,
      breakGlassTrust: config.organization.platformRoles.breakGlassTrust,
      cryptoOfficerTrust: config.organization.platformRoles.cryptoOfficerTrust,
      cryptoOfficers: [...config.keyCustody.hsmClusters, ...config.keyCustody.externalKeyStores].map((c) => ({
        account: c.account,
        roleName: c.cryptoOfficerRoleName,
      })),
    },
  });
  return { pipeline, bootstrap };
}

let synthesisStateReleased = false;

/**
 * After an app's last synth in this process: lets its construct tree be collected.
 * aws-cdk-lib keeps every token it encoded (a process-wide map on globalThis) and every
 * CloudFormation reference (a static table keyed by construct) for the life of the
 * process, and both hold constructs: the whole tree (about 750 MB at 1,100 tenants)
 * stayed reachable while the evidence report, which reads only the assembly on disk,
 * was built. After this call no app can be synthesized in this process: the token map
 * also held aws-cdk-lib's pseudo parameters (Aws.PARTITION, Aws.ACCOUNT_ID, ...), so
 * createSuverenApp refuses from here on. Only bin/suveren.ts calls it, after its one synth.
 */
export function releaseSynthesisState(): { readonly tokens: number; readonly references: number } {
  // aws-cdk-lib's internals, as 2.276 lays them out; test/app-context.test.ts fails when they move.
  synthesisStateReleased = true;
  let tokens = 0;
  const tokenMap = (globalThis as { __cdkTokenMap?: Record<string, unknown> }).__cdkTokenMap;
  for (const map of [tokenMap?.stringTokenMap, tokenMap?.numberTokenMap]) {
    if (!(map instanceof Map)) continue;
    tokens += map.size;
    map.clear();
  }
  const cfnReference = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'core', 'lib', 'private', 'cfn-reference.js');
  if (!fs.existsSync(cfnReference)) return { tokens, references: 0 };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const table = (require(cfnReference) as { CfnReference?: { referenceTable?: unknown } }).CfnReference?.referenceTable;
  if (!(table instanceof Map)) return { tokens, references: 0 };
  const references = table.size;
  table.clear();
  return { tokens, references };
}
