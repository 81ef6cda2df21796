import type { SuverenConfig } from '@suveren/core/config/schema';
import { CONFORMANCE_RULES, type ConformanceRule } from '../compliance/conformance/conformance-rules';
import type { AccountRuntimeConformance, RuleRuntimeCompliance, RuntimeConformanceEvidence } from '../evidence/report-model';

/*
 * The run-time section of the evidence report, from what an AWS Config organization
 * aggregator reports: per tenant (by account), each suveren rule's compliance in each
 * region, and the resources that are not compliant, with when Config recorded the
 * result. Pure: lib/conformance/read-aggregator.ts reads the aggregator.
 */

/** One rule's compliance in one account and region, as DescribeAggregateComplianceByConfigRules gives it. */
export interface AggregateRuleCompliance {
  readonly configRuleName: string;
  readonly accountId: string;
  readonly region: string;
  readonly compliance: string;
}

/** One NON_COMPLIANT resource, as GetAggregateComplianceDetailsByConfigRule gives it. */
export interface AggregateNoncompliantResource {
  readonly configRuleName: string;
  readonly accountId: string;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly annotation?: string;
  /** When Config recorded the result (ISO 8601). */
  readonly recordedAt?: string;
}

export interface AggregatorReading {
  readonly aggregator: string;
  readonly region: string;
  /** When the aggregator was read (ISO 8601). */
  readonly readAt: string;
  readonly rules: readonly AggregateRuleCompliance[];
  readonly noncompliant: readonly AggregateNoncompliantResource[];
}

/**
 * The suveren rule a deployed Config rule is: its own name, or the name an organization
 * conformance pack gives it (`<name>-conformance-pack-<suffix>`); undefined for any other.
 */
export function suverenRuleOf(configRuleName: string): ConformanceRule | undefined {
  return CONFORMANCE_RULES.find((r) => configRuleName === r.name || configRuleName.startsWith(`${r.name}-conformance-pack-`));
}

const COMPLIANCE_ORDER = ['NON_COMPLIANT', 'INSUFFICIENT_DATA', 'COMPLIANT', 'NOT_APPLICABLE'];
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rulesOf(reading: AggregatorReading, accountId: string): RuleRuntimeCompliance[] {
  const rows: RuleRuntimeCompliance[] = [];
  for (const entry of reading.rules.filter((r) => r.accountId === accountId)) {
    const rule = suverenRuleOf(entry.configRuleName);
    if (!rule) continue;
    const resources = reading.noncompliant
      .filter((n) => n.accountId === accountId && n.region === entry.region && n.configRuleName === entry.configRuleName)
      .map((n) => ({ resourceType: n.resourceType, resourceId: n.resourceId, annotation: n.annotation ?? null, recordedAt: n.recordedAt ?? null }))
      .sort((a, b) => byText(`${a.resourceType} ${a.resourceId}`, `${b.resourceType} ${b.resourceId}`));
    rows.push({ rule: rule.name, controls: [...rule.controls], region: entry.region, compliance: entry.compliance, noncompliantResources: resources });
  }
  return rows.sort((a, b) => byText(`${a.rule} ${a.region}`, `${b.rule} ${b.region}`));
}

/** The run-time section of the evidence report for `config`'s landing zone. Byte-stable for the same reading. */
export function runtimeConformance(reading: AggregatorReading, config: SuverenConfig): RuntimeConformanceEvidence {
  const tenants = config.tenants.map((t) => ({ tenantId: t.id, account: t.account, rules: rulesOf(reading, t.account) }));
  const tenantAccounts = new Set(config.tenants.map((t) => t.account));
  const otherAccounts: AccountRuntimeConformance[] = [...new Set(reading.rules.map((r) => r.accountId))]
    .filter((account) => !tenantAccounts.has(account))
    .sort(byText)
    .map((account) => ({ account, rules: rulesOf(reading, account) }))
    .filter((a) => a.rules.length > 0);
  const all = [...tenants.flatMap((t) => t.rules), ...otherAccounts.flatMap((a) => a.rules)];
  const counts = Object.fromEntries(COMPLIANCE_ORDER.map((c) => [c, all.filter((r) => r.compliance === c).length]));
  return {
    aggregator: reading.aggregator,
    region: reading.region,
    readAt: reading.readAt,
    counts,
    tenantsWithoutResults: tenants.filter((t) => t.rules.length === 0).map((t) => t.tenantId),
    tenants: tenants.filter((t) => t.rules.length > 0),
    otherAccounts,
  };
}
