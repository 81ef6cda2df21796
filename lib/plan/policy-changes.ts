import { asArray, type Json, type JsonObject, type PolicyStatementJson, textOf } from '../compliance/cfn-inspect';
import { CUSTOM_RESOURCE_LIFECYCLE } from '@suveren/core/contracts/custom-resources';
import { resolveInStack } from '../authorization/deployed-model';
import { assemblyStacks, type PlanAssembly, type PlanStack } from './plan-assembly';

/*
 * Policy changes a reviewer reads in words: organization policies (SCPs, RCPs) statement by
 * statement, and key policies by who gains or loses which KMS actions. Policies are
 * compared as deployed, every intrinsic resolved, including the key policies suveren's
 * custom resources hold as JSON text (which cdk diff treats as an opaque string).
 */

export interface OrganizationPolicyChange {
  readonly stack: string;
  readonly logicalId: string;
  /** The policy's name, e.g. `suveren-region-guard`. */
  readonly policy: string;
  /** SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY. */
  readonly type: string;
  /** One sentence per change, in words. */
  readonly changes: readonly string[];
}

export interface KeyPolicyPrincipalChange {
  readonly stack: string;
  readonly logicalId: string;
  readonly principal: string;
  readonly gained: readonly string[];
  readonly lost: readonly string[];
}

type Statement = PolicyStatementJson & JsonObject;

/** Who may assume a role, or deploy through the CDK bootstrap roles, and how that changes. */
export interface TrustChange {
  readonly stack: string;
  readonly logicalId: string;
  /** The role's name, or the StackSet's. */
  readonly subject: string;
  /** One sentence per change, in words. */
  readonly changes: readonly string[];
}

const list = (values: readonly string[]) => values.join(', ');
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

function conditionValues(statement: Statement, operator: string, key: string): string[] {
  const block = statement.Condition?.[operator];
  if (!block) return [];
  const entry = Object.entries(block).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry ? asArray(entry[1]).map(String) : [];
}

function actionsInWords(statement: Statement): string {
  if (statement.NotAction !== undefined) return `every action except ${list(asArray(statement.NotAction))}`;
  return list(asArray(statement.Action));
}

/** A statement in one sentence: effect, actions, whom, where, and any other condition. */
export function statementInWords(statement: Statement): string {
  const parts = [`${statement.Effect === 'Deny' ? 'Denies' : 'Allows'} ${actionsInWords(statement)}`];
  const exempt = [...conditionValues(statement, 'ArnNotLike', 'aws:PrincipalArn'), ...conditionValues(statement, 'ArnNotEquals', 'aws:PrincipalArn')];
  const only = [...conditionValues(statement, 'ArnLike', 'aws:PrincipalArn'), ...conditionValues(statement, 'ArnEquals', 'aws:PrincipalArn')];
  if (only.length > 0) parts.push(`for ${list(only)}`);
  else if (exempt.length > 0) parts.push(`for every principal except ${list(exempt)}`);
  else if (statement.Principal !== undefined) parts.push(`for ${JSON.stringify(statement.Principal)}`);
  else parts.push('for every principal');
  const outside = [
    ...conditionValues(statement, 'StringNotEquals', 'aws:RequestedRegion'),
    ...conditionValues(statement, 'StringNotLike', 'aws:RequestedRegion'),
  ];
  const inside = [...conditionValues(statement, 'StringEquals', 'aws:RequestedRegion'), ...conditionValues(statement, 'StringLike', 'aws:RequestedRegion')];
  if (outside.length > 0) parts.push(`in every region outside ${list(outside)}`);
  else if (inside.length > 0) parts.push(`in ${list(inside)}`);
  else parts.push('in every region');
  const described = new Set(['aws:principalarn', 'aws:requestedregion']);
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(block)) {
      if (described.has(key.toLowerCase()) && /^(Arn|String)(Not)?(Equals|Like)$/.test(operator)) continue;
      parts.push(`when ${key} ${operator} ${list(asArray(value).map(String))}`);
    }
  }
  return parts.join(' ');
}

/** What changed between two versions of one statement, in words. */
function statementDelta(name: string, before: Statement, after: Statement): string[] {
  const out: string[] = [];
  const denies = (after.Effect ?? 'Allow') === 'Deny';
  if (before.Effect !== after.Effect)
    out.push(`${name} changes from ${before.Effect ?? 'Allow'} to ${after.Effect ?? 'Allow'}: now ${statementInWords(after)}`);
  const setDelta = (what: string, b: string[], a: string[], gone: (v: string) => string, added: (v: string) => string) => {
    const removed = b.filter((v) => !a.includes(v));
    const adds = a.filter((v) => !b.includes(v));
    if (removed.length > 0) out.push(`${name} ${gone(list(removed))}`);
    if (adds.length > 0) out.push(`${name} ${added(list(adds))}`);
    void what;
  };
  if (before.NotAction !== undefined || after.NotAction !== undefined) {
    setDelta(
      'NotAction',
      asArray(before.NotAction),
      asArray(after.NotAction),
      (v) => (denies ? `now also ${after.Effect === 'Deny' ? 'denies' : 'allows'} ${v} (no longer excepted)` : `no longer excepts ${v}`),
      (v) => (denies ? `no longer denies ${v} (newly excepted)` : `now excepts ${v}`),
    );
  } else {
    setDelta(
      'Action',
      asArray(before.Action),
      asArray(after.Action),
      (v) => (denies ? `no longer denies ${v}` : `no longer allows ${v}`),
      (v) => (denies ? `now also denies ${v}` : `now also allows ${v}`),
    );
  }
  const operators = new Set([...Object.keys(before.Condition ?? {}), ...Object.keys(after.Condition ?? {})]);
  for (const operator of [...operators].sort()) {
    const keys = new Set([...Object.keys(before.Condition?.[operator] ?? {}), ...Object.keys(after.Condition?.[operator] ?? {})]);
    for (const key of [...keys].sort()) {
      const b = conditionValues(before, operator, key);
      const a = conditionValues(after, operator, key);
      const negated = /Not/.test(operator);
      const region = key.toLowerCase() === 'aws:requestedregion';
      const principal = key.toLowerCase() === 'aws:principalarn';
      if (denies && negated && region) {
        setDelta(
          key,
          b,
          a,
          (v) => `now also denies requests in ${v}`,
          (v) => `no longer denies requests in ${v}`,
        );
      } else if (denies && negated && principal) {
        setDelta(
          key,
          b,
          a,
          (v) => `no longer exempts ${v}`,
          (v) => `now exempts ${v}`,
        );
      } else {
        setDelta(
          key,
          b,
          a,
          (v) => `condition ${operator} ${key} loses ${v}`,
          (v) => `condition ${operator} ${key} gains ${v}`,
        );
      }
    }
  }
  if (out.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) out.push(`${name} changes: now ${statementInWords(after)}`);
  return out;
}

function statementsOf(content: Json | undefined): Statement[] {
  const document = typeof content === 'string' ? (JSON.parse(content) as JsonObject) : (content as JsonObject | undefined);
  return asArray(document?.Statement as Json) as Statement[];
}

/** Statement-by-statement changes of two versions of one policy document, matched by Sid. */
export function policyDocumentChanges(before: Json | undefined, after: Json | undefined): string[] {
  const keyed = (statements: Statement[]) => new Map(statements.map((s, i) => [typeof s.Sid === 'string' ? s.Sid : `statement ${i + 1}`, s]));
  const b = keyed(statementsOf(before));
  const a = keyed(statementsOf(after));
  const out: string[] = [];
  for (const [sid, statement] of b) {
    const now = a.get(sid);
    if (!now) out.push(`${sid} is removed: it ${statement.Effect === 'Deny' ? 'no longer denies' : 'no longer allows'}: ${statementInWords(statement)}`);
    else if (JSON.stringify(now) !== JSON.stringify(statement)) out.push(...statementDelta(sid, statement, now));
  }
  for (const [sid, statement] of a) if (!b.has(sid)) out.push(`${sid} is added: ${statementInWords(statement)}`);
  return out;
}

/** Stacks in both assemblies in the same account and region: a moved stack is a new one, not a change of the old. */
function comparableStackIds(before: PlanAssembly, after: PlanAssembly): string[] {
  return sorted([...before.stacks.keys(), ...after.stacks.keys()]).filter((id) => {
    const b = before.stacks.get(id);
    const a = after.stacks.get(id);
    return !b || !a || (b.account === a.account && b.region === a.region);
  });
}

function resolvedStacks(assembly: PlanAssembly | undefined) {
  return new Map((assembly ? assemblyStacks(assembly) : []).map((s) => [s.id, s]));
}

function organizationPolicies(stack: PlanStack | undefined, resolved: ReturnType<typeof resolvedStacks>) {
  const out = new Map<string, JsonObject>();
  if (!stack) return out;
  for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Organizations::Policy') continue;
    const assemblyStack = resolved.get(stack.id);
    out.set(logicalId, (assemblyStack ? resolveInStack(assemblyStack, resource.Properties ?? {}) : resource.Properties) as JsonObject);
  }
  return out;
}

/**
 * The resources `pick` selects (logical id → resolved value) in both assemblies, stack by
 * comparable stack and logical id, sorted.
 */
function* pairedResources<T>(
  before: PlanAssembly,
  after: PlanAssembly,
  pick: (stack: PlanStack | undefined, resolved: ReturnType<typeof resolvedStacks>) => Map<string, T>,
): Generator<{ stackId: string; logicalId: string; before: Map<string, T>; after: Map<string, T> }> {
  const resolvedBefore = resolvedStacks(before);
  const resolvedAfter = resolvedStacks(after);
  for (const stackId of comparableStackIds(before, after)) {
    const b = pick(before.stacks.get(stackId), resolvedBefore);
    const a = pick(after.stacks.get(stackId), resolvedAfter);
    for (const logicalId of sorted([...b.keys(), ...a.keys()])) yield { stackId, logicalId, before: b, after: a };
  }
}

/** SCP and RCP changes between two assemblies, in words. */
export function organizationPolicyChanges(before: PlanAssembly, after: PlanAssembly): OrganizationPolicyChange[] {
  const out: OrganizationPolicyChange[] = [];
  for (const { stackId, logicalId, before: b, after: a } of pairedResources(before, after, organizationPolicies)) {
    const old = b.get(logicalId);
    const now = a.get(logicalId);
    const properties = now ?? old!;
    const changes: string[] = [];
    if (!old) changes.push(`new policy: ${statementsOf(now?.Content).map(statementInWords).join('; ')}`);
    else if (!now) changes.push(`removed: its statements no longer apply (${statementsOf(old.Content).map(statementInWords).join('; ')})`);
    else {
      changes.push(...policyDocumentChanges(old.Content, now.Content));
      const targetsBefore = asArray(old.TargetIds).map(String);
      const targetsAfter = asArray(now.TargetIds).map(String);
      const detached = targetsBefore.filter((t) => !targetsAfter.includes(t));
      const attached = targetsAfter.filter((t) => !targetsBefore.includes(t));
      if (detached.length > 0) changes.push(`no longer attached to ${list(detached)}`);
      if (attached.length > 0) changes.push(`now also attached to ${list(attached)}`);
    }
    if (changes.length > 0) out.push({ stack: stackId, logicalId, policy: textOf(properties.Name ?? logicalId), type: textOf(properties.Type ?? ''), changes });
  }
  return out;
}

/** principal → actions it is allowed, from a key policy's Allow statements. */
function principalActions(policy: Json | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const statement of statementsOf(policy)) {
    if ((statement.Effect ?? 'Allow') !== 'Allow') continue;
    const principal = statement.Principal;
    const named =
      typeof principal === 'string'
        ? [principal]
        : principal && typeof principal === 'object' && !Array.isArray(principal)
          ? Object.entries(principal).flatMap(([kind, v]) => asArray(v).map((p) => (kind === 'AWS' ? textOf(p) : `${kind}:${textOf(p)}`)))
          : [];
    // A root principal narrowed to named roles by aws:PrincipalArn is those roles.
    const narrowed = [...conditionValues(statement, 'ArnEquals', 'aws:PrincipalArn'), ...conditionValues(statement, 'ArnLike', 'aws:PrincipalArn')];
    const principals = narrowed.length > 0 && named.every((p) => p.endsWith(':root')) ? narrowed.map((p) => `${p} (through the account root)`) : named;
    const qualifier = Object.entries(statement.Condition ?? {})
      .flatMap(([operator, block]) =>
        Object.keys(block)
          .filter((k) => !/^aws:PrincipalArn$/i.test(k))
          .map((k) => `${k} ${operator}`),
      )
      .sort();
    for (const p of principals) {
      const actions = out.get(p) ?? new Set<string>();
      for (const action of asArray(statement.Action)) actions.add(qualifier.length > 0 ? `${action} (when ${qualifier.join(', ')})` : action);
      out.set(p, actions);
    }
  }
  return out;
}

function keyPolicies(stack: PlanStack | undefined, resolved: ReturnType<typeof resolvedStacks>): Map<string, Json | undefined> {
  const out = new Map<string, Json | undefined>();
  if (!stack) return out;
  const assemblyStack = resolved.get(stack.id);
  for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
    const policyProperty = resource.Type === 'AWS::KMS::Key' ? 'KeyPolicy' : CUSTOM_RESOURCE_LIFECYCLE[resource.Type]?.policyProperties[0];
    if (policyProperty === undefined) continue;
    const raw = resource.Properties?.[policyProperty];
    out.set(logicalId, assemblyStack ? resolveInStack(assemblyStack, raw) : raw);
  }
  return out;
}

/** Who gains or loses which KMS actions on each key, between two assemblies. */
export function keyPolicyPrincipalChanges(before: PlanAssembly, after: PlanAssembly): KeyPolicyPrincipalChange[] {
  const out: KeyPolicyPrincipalChange[] = [];
  for (const { stackId, logicalId, before: b, after: a } of pairedResources(before, after, keyPolicies)) {
    // A key that appears or disappears whole is a resource change, reported as such.
    if (!b.has(logicalId) || !a.has(logicalId)) continue;
    const old = principalActions(b.get(logicalId));
    const now = principalActions(a.get(logicalId));
    for (const principal of sorted([...old.keys(), ...now.keys()])) {
      const was = old.get(principal) ?? new Set<string>();
      const is = now.get(principal) ?? new Set<string>();
      const gained = sorted([...is].filter((x) => !was.has(x)));
      const lost = sorted([...was].filter((x) => !is.has(x)));
      if (gained.length > 0 || lost.length > 0) out.push({ stack: stackId, logicalId, principal, gained, lost });
    }
  }
  return out;
}

/** The principals a trust policy lets assume the role (Allow statements for sts:AssumeRole), with their conditions in words. */
function trustedPrincipals(policy: Json | undefined): string[] {
  const out: string[] = [];
  for (const statement of statementsOf(policy)) {
    if ((statement.Effect ?? 'Allow') !== 'Allow') continue;
    if (!asArray(statement.Action).some((a) => ['sts:AssumeRole', 'sts:*', '*'].includes(textOf(a)))) continue;
    const principal = statement.Principal;
    const named =
      principal && typeof principal === 'object' && !Array.isArray(principal)
        ? Object.entries(principal).flatMap(([kind, v]) => asArray(v).map((p) => (kind === 'AWS' ? textOf(p) : `${kind}:${textOf(p)}`)))
        : [textOf(principal ?? '')];
    out.push(...named);
  }
  return sorted(out);
}

/** Roles (their trust policies) and CDK bootstrap StackSets (their TrustedAccounts), as deployed. */
function trusts(stack: PlanStack | undefined, resolved: ReturnType<typeof resolvedStacks>): Map<string, { subject: string; trusted: string[] }> {
  const out = new Map<string, { subject: string; trusted: string[] }>();
  if (!stack) return out;
  const assemblyStack = resolved.get(stack.id);
  const resolve = (value: Json | undefined) => (assemblyStack ? resolveInStack(assemblyStack, value) : value) as JsonObject;
  for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
    if (resource.Type === 'AWS::IAM::Role') {
      const properties = resolve(resource.Properties ?? {});
      out.set(logicalId, { subject: `role ${textOf(properties.RoleName ?? logicalId)}`, trusted: trustedPrincipals(properties.AssumeRolePolicyDocument) });
    } else if (resource.Type === 'AWS::CloudFormation::StackSet') {
      const properties = resolve(resource.Properties ?? {});
      const trusted = asArray(properties.Parameters)
        .map((p) => p as JsonObject)
        .find((p) => textOf(p.ParameterKey) === 'TrustedAccounts');
      if (trusted)
        out.set(logicalId, {
          subject: `the CDK bootstrap deploy and publishing roles of StackSet ${textOf(properties.StackSetName ?? logicalId)}`,
          trusted: sorted(textOf(trusted.ParameterValue).split(',').filter(Boolean)),
        });
    }
  }
  return out;
}

/**
 * Changes of who may assume a role, in words: existing roles whose trust changes, and the
 * CDK bootstrap StackSets' TrustedAccounts whether new or changed (a new role's trust is in
 * its stack's IAM statement changes).
 */
export function trustChanges(before: PlanAssembly, after: PlanAssembly): TrustChange[] {
  const out: TrustChange[] = [];
  for (const { stackId, logicalId, before: b, after: a } of pairedResources(before, after, trusts)) {
    const old = b.get(logicalId);
    const now = a.get(logicalId);
    if (!now) continue;
    if (!old) {
      if (now.subject.startsWith('the CDK bootstrap'))
        out.push({ stack: stackId, logicalId, subject: now.subject, changes: [`new: trusted by ${list(now.trusted)} only`] });
      continue;
    }
    const gained = now.trusted.filter((p) => !old.trusted.includes(p));
    const lost = old.trusted.filter((p) => !now.trusted.includes(p));
    const changes = [...(gained.length > 0 ? [`now also trusts ${list(gained)}`] : []), ...(lost.length > 0 ? [`no longer trusts ${list(lost)}`] : [])];
    if (changes.length > 0) out.push({ stack: stackId, logicalId, subject: now.subject, changes });
  }
  return out;
}
