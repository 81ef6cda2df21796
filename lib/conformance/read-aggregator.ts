import {
  type ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
} from '@aws-sdk/client-config-service';
import type { AggregateNoncompliantResource, AggregateRuleCompliance, AggregatorReading } from './runtime-conformance';
import { suverenRuleOf } from './runtime-conformance';
import { CONFIG_AGGREGATOR_NAME } from '@suveren/core/contracts/names';

/** Why the aggregator could not be read, in one line for the user. */
export class AggregatorUnreadable extends Error {}

const errorName = (error: unknown) => (error instanceof Error ? error.name : '');

/**
 * Reads an organization aggregator: every rule's compliance per account and region, and
 * the NON_COMPLIANT resources of suveren's rules. Other rules (Control Tower's, the
 * organization's own) are left out.
 */
export async function readAggregator(
  client: ConfigServiceClient,
  aggregator: string,
  region: string,
  now: () => Date = () => new Date(),
): Promise<AggregatorReading> {
  try {
    await client.send(new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [aggregator] }));
  } catch (error) {
    if (errorName(error) === 'NoSuchConfigurationAggregatorException') {
      throw new AggregatorUnreadable(
        `there is no configuration aggregator "${aggregator}" in ${region} (Suveren-Audit creates "${CONFIG_AGGREGATOR_NAME}" in the audit region)`,
      );
    }
    if (errorName(error) === 'CredentialsProviderError' || /credential/i.test(error instanceof Error ? error.message : '')) {
      throw new AggregatorUnreadable(`no AWS credentials to read the aggregator: sign in to the audit account (AWS_PROFILE or the environment) and run again`);
    }
    throw new AggregatorUnreadable(
      `the aggregator "${aggregator}" in ${region} could not be read: ${errorName(error) || 'error'}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const readAt = now().toISOString();
  const rules: AggregateRuleCompliance[] = [];
  let next: string | undefined;
  do {
    const page = await client.send(new DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: aggregator, NextToken: next }));
    for (const r of page.AggregateComplianceByConfigRules ?? []) {
      if (!r.ConfigRuleName || !r.AccountId || !r.AwsRegion) continue;
      rules.push({
        configRuleName: r.ConfigRuleName,
        accountId: r.AccountId,
        region: r.AwsRegion,
        compliance: r.Compliance?.ComplianceType ?? 'INSUFFICIENT_DATA',
      });
    }
    next = page.NextToken;
  } while (next);

  const noncompliant: AggregateNoncompliantResource[] = [];
  // Details only where a suveren rule is NON_COMPLIANT: one call (with its pages) per rule, account and region.
  for (const r of rules.filter((x) => x.compliance === 'NON_COMPLIANT' && suverenRuleOf(x.configRuleName))) {
    let token: string | undefined;
    do {
      const page = await client.send(
        new GetAggregateComplianceDetailsByConfigRuleCommand({
          ConfigurationAggregatorName: aggregator,
          ConfigRuleName: r.configRuleName,
          AccountId: r.accountId,
          AwsRegion: r.region,
          ComplianceType: 'NON_COMPLIANT',
          NextToken: token,
        }),
      );
      for (const e of page.AggregateEvaluationResults ?? []) {
        const qualifier = e.EvaluationResultIdentifier?.EvaluationResultQualifier;
        if (!qualifier?.ResourceType || !qualifier.ResourceId) continue;
        noncompliant.push({
          configRuleName: r.configRuleName,
          accountId: r.accountId,
          region: r.region,
          resourceType: qualifier.ResourceType,
          resourceId: qualifier.ResourceId,
          ...(e.Annotation ? { annotation: e.Annotation } : {}),
          ...(e.ResultRecordedTime ? { recordedAt: e.ResultRecordedTime.toISOString() } : {}),
        });
      }
      token = page.NextToken;
    } while (token);
  }
  return { aggregator, region, readAt, rules, noncompliant };
}
