import { Logger } from '@aws-lambda-powertools/logger';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { KMSClient } from '@aws-sdk/client-kms';
import { type ConfigRuleEvent, handleRuleEvent } from './rule-event';

/*
 * suveren's custom AWS Config rules, one function for all of them: the Config rule's
 * parameters name the rule (`rule`) and the allowed regions. The decisions live in
 * lib/compliance/conformance (the synth-time Sovereignty rules among them).
 */

const logger = new Logger({ serviceName: 'suveren-conformance-rule' });
// Created once per execution environment, not per event.
const clients = { config: new ConfigServiceClient({}), kms: new KMSClient({}) };

export async function handler(event: ConfigRuleEvent): Promise<void> {
  const reported = await handleRuleEvent(event, clients);
  const counts: Record<string, number> = {};
  for (const e of reported.evaluations) counts[e.ComplianceType ?? 'UNKNOWN'] = (counts[e.ComplianceType ?? 'UNKNOWN'] ?? 0) + 1;
  logger.info('evaluated', { rule: reported.rule, configRule: event.configRuleName, counts });
}
