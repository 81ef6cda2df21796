import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type ConfigRuleEvent, handleRuleEvent } from './rule-event';

/*
 * suveren's custom AWS Config rules, one function for all of them: the Config rule's
 * parameters name the rule (`rule`) and the allowed regions. The decisions live in
 * lib/compliance/conformance (the synth-time Sovereignty rules among them).
 *
 * Deployed inline by the conformance baseline StackSet (member accounts cannot read a
 * CDK asset bucket), so it is bundled without the AWS SDK, which the Node.js runtime
 * provides, and it writes no logs: its role has no CloudWatch Logs permission, so no
 * log group holds resource names outside the audit account. A failed invocation shows in
 * the rule's evaluation status (DescribeConfigRuleEvaluationStatus), and its results are
 * the evaluations it reports.
 */

// Created once per execution environment, not per event.
const clients = { config: new ConfigServiceClient({}), kms: new KMSClient({}), secrets: new SecretsManagerClient({}) };

export async function handler(event: ConfigRuleEvent): Promise<{ rule: string; evaluated: Record<string, number> }> {
  const reported = await handleRuleEvent(event, clients);
  const evaluated: Record<string, number> = {};
  for (const e of reported.evaluations) evaluated[e.ComplianceType ?? 'UNKNOWN'] = (evaluated[e.ComplianceType ?? 'UNKNOWN'] ?? 0) + 1;
  return { rule: reported.rule, evaluated };
}
