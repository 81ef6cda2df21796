import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Simulation, runSimulation as RunSimulation } from '@cloud-copilot/iam-simulate';
import type { DeployedModel, NamedPolicy, PolicyDocumentJson } from './deployed-model';
import { DecisionLog, type LoggedDecision, type Outcome } from './decision-log';
import { keepLocaleCollators } from './kept-collators';

/*
 * One request, decided as AWS decides it: the caller's identity policies, the resource's
 * policy, the organization's SCPs (for callers in a member account) and RCPs (for
 * resources in a member account), with the context keys AWS sets. The engine is
 * @cloud-copilot/iam-simulate, a development dependency (it is AGPL-licensed and never
 * shipped): `loadEvaluator` answers undefined where it is not installed, and callers
 * say so instead of guessing.
 */

export type ContextValues = Record<string, string | string[]>;

export interface OrganizationFacts {
  readonly organizationId: string;
  readonly managementAccount: string;
}

export interface AccessRequest {
  /** A role ARN, or a service principal such as `cloudtrail.amazonaws.com`. */
  readonly principal: string;
  readonly action: string;
  /** The resource's ARN (an object ARN for object actions). */
  readonly resource: string;
  /** The resource's account, where the ARN has none (S3). @default from the model or the ARN */
  readonly resourceAccount?: string;
  /** `aws:RequestedRegion`. */
  readonly region: string;
  /** Context keys beyond the ones AWS always sets; a value of `undefined` removes one. */
  readonly context?: Record<string, string | string[] | undefined>;
  /**
   * Identity policies of a principal the model does not define (an account administrator).
   * @default the model's policies for the role, or none
   */
  readonly identityPolicies?: readonly NamedPolicy[];
  /** For a service principal acting for a resource: `aws:SourceArn` / `aws:SourceAccount`. */
  readonly sourceArn?: string;
  /**
   * The resource's policy where the templates do not hold it: a key created at run time
   * (its policy is the one the creator sends), or `null` for a resource with none.
   * @default the model's policy for the resource (a role's trust policy for sts:AssumeRole)
   */
  readonly resourcePolicy?: NamedPolicy | null;
  /**
   * The principal's permissions boundary, where the templates do not hold it (a bootstrap
   * execution role, whose boundary a StackSet creates).
   * @default none
   */
  readonly permissionsBoundary?: NamedPolicy;
}

export type { Outcome } from './decision-log';

export interface AccessDecision {
  readonly outcome: Outcome;
  readonly allowed: boolean;
  /** The statements that decided it: `<policy> <Sid>` for each deny, or each allow. */
  readonly deciding: readonly string[];
  readonly request: AccessRequest;
}

export type Evaluator = typeof RunSimulation;

/** The IAM engine, if installed (it is a development dependency). */
export function loadEvaluator(): Evaluator | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    installedEngine = (require('@cloud-copilot/iam-simulate') as { runSimulation: Evaluator }).runSimulation;
    keepLocaleCollators();
    return installedEngine;
  } catch {
    return undefined;
  }
}

/** The engine `loadEvaluator` loaded: the only one whose decisions go to the disk cache. */
let installedEngine: Evaluator | undefined;

/**
 * `SUVEREN_EVALUATOR_CACHE=<dir>` keeps the installed engine's decisions on disk, so that
 * processes deciding the same requests (the test files of one run, repeated plans of one
 * assembly) share them (./decision-log.ts). Each entry is keyed by the hash of the
 * engine's version and everything it was given, so an entry can only ever hold that
 * input's answer.
 */
export const EVALUATOR_CACHE_SWITCH = 'SUVEREN_EVALUATOR_CACHE';

let engineVersion: string | undefined;
function installedEngineVersion(): string {
  if (engineVersion === undefined) {
    // The package exports no package.json: walk up from its entry point.
    let dir = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
    while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    engineVersion = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  }
  return engineVersion;
}

/**
 * The content hash of each policy document the evaluator was given, by identity. A
 * request's key names its documents by these instead of spelling each one out again:
 * serializing the SCPs, RCPs and key policies whole for every request was more than half
 * of the time the reach graph spends outside the engine. The documents come from the
 * templates and are never changed once read.
 */
const DOCUMENT_HASHES = new WeakMap<object, string>();
function byDocumentHash(this: unknown, _key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('Statement' in value)) return value;
  let hash = DOCUMENT_HASHES.get(value);
  if (hash === undefined) DOCUMENT_HASHES.set(value, (hash = createHash('sha256').update(JSON.stringify(value)).digest('base64')));
  return `policy document ${hash}`;
}

const DISK_LOGS = new Map<string, DecisionLog>();
/** The disk log of the directory the switch names now, and the key of `key` in it; undefined when it is off. */
function diskEntry(key: string): { log: DecisionLog; key: string } | undefined {
  const dir = process.env[EVALUATOR_CACHE_SWITCH];
  if (!dir) return undefined;
  let log = DISK_LOGS.get(dir);
  if (!log) DISK_LOGS.set(dir, (log = new DecisionLog(dir)));
  return { log, key: createHash('sha256').update(`${installedEngineVersion()}\u0000${key}`).digest('base64') };
}

export const ADMINISTRATOR_ACCESS: NamedPolicy = {
  name: 'AdministratorAccess',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};
const FULL_AWS_ACCESS = { name: 'FullAWSAccess', policy: ADMINISTRATOR_ACCESS.policy };

const isServicePrincipal = (principal: string) => !principal.startsWith('arn:');

/** The ARN of the resource whose policy governs `resource` (an object's bucket). */
export function governingResource(resource: string): string {
  const s3 = /^arn:([^:]+):s3:::([^/]+)/.exec(resource);
  return s3 ? `arn:${s3[1]}:s3:::${s3[2]}` : resource;
}

function accountOf(model: DeployedModel, resource: string, explicit?: string): string {
  if (explicit) return explicit;
  const governing = governingResource(resource);
  const bucket = /^arn:[^:]+:s3:::(.+)$/.exec(governing);
  if (bucket) {
    const found = model.buckets.get(bucket[1]);
    if (!found) throw new Error(`no bucket ${bucket[1]} in the synthesized templates`);
    return found.account;
  }
  return resource.split(':')[4];
}

/** The engine hands statements back as objects with a `sid()` accessor. */
function sidOf(statement: unknown): string | undefined {
  const s = statement as { sid?: () => string | undefined; Sid?: string };
  return typeof s.sid === 'function' ? s.sid() : s.Sid;
}

function statementName(policyName: string, statement: { statement: unknown }): string {
  return `${policyName} ${sidOf(statement.statement) ?? '(statement without Sid)'}`;
}

/**
 * Decisions already made, by the hash of everything the engine was given: the same
 * simulation always gets the same answer, and the plan asks most of them twice (both
 * sides of a change), the reach graph many times over. Bounded, oldest first out.
 */
type CachedDecision = LoggedDecision;
const DECISIONS = new WeakMap<Evaluator, Map<string, CachedDecision>>();
const MAX_DECISIONS = 20_000;

export class AccessEvaluator {
  constructor(
    private readonly model: DeployedModel,
    private readonly organization: OrganizationFacts,
    private readonly evaluator: Evaluator,
  ) {}

  get deployed(): DeployedModel {
    return this.model;
  }

  private isMember(account: string): boolean {
    return this.model.accounts.has(account) && account !== this.organization.managementAccount;
  }

  /**
   * The organization policies of `type` that bind `account`: those attached to an OU or
   * root (every member account is taken to be under the guardrail targets) and those
   * attached to the account itself, such as the external key stores' key-origin SCP.
   */
  private orgPolicies(type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', account: string): { name: string; policy: PolicyDocumentJson }[] {
    return this.model.organizationPolicies
      .filter((p) => p.type === type && p.targets.some((target) => !/^\d{12}$/.test(target) || target === account))
      .map((p) => ({ name: p.name, policy: p.policy }));
  }

  async decide(request: AccessRequest): Promise<AccessDecision> {
    const service = isServicePrincipal(request.principal);
    const principalAccount = service ? undefined : request.principal.split(':')[4];
    const resourceAccount = accountOf(this.model, request.resource, request.resourceAccount);
    const role = service ? undefined : this.model.roles.get(request.principal);
    const identityPolicies = request.identityPolicies ?? role?.identityPolicies ?? [];
    const resourcePolicy =
      request.resourcePolicy !== undefined
        ? (request.resourcePolicy ?? undefined)
        : request.action === 'sts:AssumeRole'
          ? this.model.roles.get(request.resource)?.trustPolicy
          : this.model.resourcePolicies.get(governingResource(request.resource));
    const principalIsMember = principalAccount !== undefined && this.isMember(principalAccount);
    const context: ContextValues = {
      'aws:RequestedRegion': request.region,
      // AWS sets it on every request to a resource in an account (global condition context keys).
      ...(resourceAccount ? { 'aws:ResourceAccount': resourceAccount } : {}),
      'aws:SecureTransport': 'true',
      ...(request.action.startsWith('s3:') ? { 's3:TlsVersion': '1.3' } : {}),
      ...(service
        ? { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': request.principal }
        : {
            'aws:PrincipalArn': request.principal,
            'aws:PrincipalAccount': principalAccount!,
            'aws:PrincipalIsAWSService': 'false',
            ...(principalIsMember || principalAccount === this.organization.managementAccount
              ? { 'aws:PrincipalOrgID': this.organization.organizationId }
              : {}),
          }),
      ...(request.sourceArn ? { 'aws:SourceArn': request.sourceArn, 'aws:SourceAccount': request.sourceArn.split(':')[4] || resourceAccount } : {}),
    };
    for (const [key, value] of Object.entries(request.context ?? {})) {
      if (value === undefined) delete context[key];
      else context[key] = value;
    }
    const simulation: Simulation = {
      identityPolicies: identityPolicies.map((p) => ({ name: p.name, policy: p.policy })),
      ...(request.permissionsBoundary
        ? { permissionBoundaryPolicies: [{ name: request.permissionsBoundary.name, policy: request.permissionsBoundary.policy }] }
        : {}),
      // SCPs bind principals of member accounts; service principals and the management account are never bound.
      serviceControlPolicies: principalIsMember
        ? [
            { orgIdentifier: 'r-root', policies: [FULL_AWS_ACCESS] },
            { orgIdentifier: 'ou-suveren', policies: [FULL_AWS_ACCESS, ...this.orgPolicies('SERVICE_CONTROL_POLICY', principalAccount)] },
          ]
        : [],
      resourceControlPolicies: this.isMember(resourceAccount)
        ? [{ orgIdentifier: 'ou-suveren', policies: this.orgPolicies('RESOURCE_CONTROL_POLICY', resourceAccount) }]
        : [],
      ...(resourcePolicy ? { resourcePolicy: resourcePolicy.policy } : {}),
      request: {
        principal: request.principal,
        action: request.action,
        resource: { accountId: resourceAccount, resource: request.resource },
        contextVariables: context,
      },
    };
    const resourceName = resourcePolicy?.name ?? 'resource policy';
    const key = createHash('sha256')
      .update(JSON.stringify([simulation, resourceName, request.permissionsBoundary?.name ?? null], byDocumentHash))
      .digest('base64');
    // One cache per engine: an evaluator built over another engine never sees this one's answers.
    let decisions = DECISIONS.get(this.evaluator);
    if (!decisions) DECISIONS.set(this.evaluator, (decisions = new Map<string, CachedDecision>()));
    const known = decisions.get(key);
    if (known) return { ...known, allowed: known.outcome === 'Allowed', request };
    const disk = this.evaluator === installedEngine ? diskEntry(key) : undefined;
    const decided = disk?.log.get(disk.key) ?? (await this.simulate(simulation, request, identityPolicies.length, resourcePolicy ? resourceName : undefined));
    disk?.log.put(disk.key, decided);
    if (decisions.size >= MAX_DECISIONS) decisions.delete(decisions.keys().next().value!);
    decisions.set(key, decided);
    return { ...decided, allowed: decided.outcome === 'Allowed', request };
  }

  private async simulate(
    simulation: Simulation,
    request: AccessRequest,
    identityPolicyCount: number,
    resourceName: string | undefined,
  ): Promise<{ readonly outcome: Outcome; readonly deciding: readonly string[] }> {
    const response = await this.evaluator(simulation, {});
    if (response.resultType === 'error')
      throw new Error(`the IAM evaluator refused ${request.action} on ${request.resource}: ${JSON.stringify(response.errors)}`);
    // A wildcard-only action (CreateKey, DeleteHsm) on `*` comes back as one wildcard result.
    if (response.resultType === 'wildcard' && response.results.length !== 1)
      throw new Error(`the IAM evaluator expanded ${request.resource} for ${request.action}; give a concrete resource`);
    const analysis = response.resultType === 'single' ? response.result.analysis : response.results[0].analysis;
    const outcome = response.overallResult;
    const named = (policyName: string, statements: { statement: unknown }[] | undefined) => (statements ?? []).map((s) => statementName(policyName, s));
    const scpOrRcp = (
      layer: { ouAnalysis?: { denyStatements?: { policyId?: string; statement: unknown }[]; allowStatements?: unknown[] }[] } | undefined,
      label: string,
    ) =>
      (layer?.ouAnalysis ?? []).flatMap((ou) =>
        (ou.denyStatements ?? []).map((s) => `${label} ${s.policyId ?? ''} ${sidOf(s.statement) ?? ''}`.replace(/\s+/g, ' ').trim()),
      );
    let deciding: string[];
    if (outcome === 'ExplicitlyDenied') {
      deciding = [
        ...named('identity policy', analysis.identityAnalysis?.denyStatements),
        ...named(request.permissionsBoundary?.name ?? 'permissions boundary', analysis.permissionBoundaryAnalysis?.denyStatements),
        ...named(resourceName ?? 'resource policy', analysis.resourceAnalysis?.denyStatements),
        ...scpOrRcp(analysis.scpAnalysis, 'SCP'),
        ...scpOrRcp(analysis.rcpAnalysis, 'RCP'),
      ];
    } else if (outcome === 'Allowed') {
      deciding = [
        ...named('identity policy', analysis.identityAnalysis?.allowStatements),
        ...named(resourceName ?? 'resource policy', analysis.resourceAnalysis?.allowStatements),
      ];
    } else {
      deciding = [`no statement allows it (identity policies: ${identityPolicyCount}, ${resourceName ?? 'no resource policy'})`];
    }
    return { outcome, deciding };
  }
}
