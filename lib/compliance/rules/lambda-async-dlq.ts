import { Compliance, Level } from '../rule-verdict-values';
import { type Json, type JsonObject, sameValue, textOf } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

/** Services that invoke Lambda asynchronously, whose failed events are dropped after retries. */
const ASYNC_INVOKERS = ['s3.amazonaws.com', 'sns.amazonaws.com', 'events.amazonaws.com'];

const refersTo = (value: Json | undefined, logicalId: string) => sameValue(value, { Ref: logicalId }) || sameValue(value, { 'Fn::GetAtt': [logicalId, 'Arn'] });

export const lambdaAsyncDlq: SovereigntyRule = {
  id: SovereigntyRuleIds.LambdaAsyncDlq,
  info: 'The Lambda function is invoked asynchronously (by S3, SNS or EventBridge) but has neither a dead-letter queue nor an on-failure destination.',
  explanation:
    "An asynchronous event that still fails after Lambda's retries is discarded. For the upload inspection that would leave an object neither accepted nor quarantined with no trace; a dead-letter queue keeps the event for a person to act on.",
  level: Level.ERROR,
  check(resource, { logicalId, template }) {
    if (resource.Type !== 'AWS::Lambda::Function') return Compliance.NOT_APPLICABLE;
    const others = Object.values(template.resources);
    const invokedAsync = others.some(
      (r) =>
        r.Type === 'AWS::Lambda::Permission' && ASYNC_INVOKERS.includes(textOf(r.Properties?.Principal)) && refersTo(r.Properties?.FunctionName, logicalId),
    );
    if (!invokedAsync) return Compliance.NOT_APPLICABLE;
    const dlq = (resource.Properties?.DeadLetterConfig as JsonObject | undefined)?.TargetArn;
    const onFailure = others.some(
      (r) =>
        r.Type === 'AWS::Lambda::EventInvokeConfig' &&
        refersTo(r.Properties?.FunctionName, logicalId) &&
        ((r.Properties?.DestinationConfig as JsonObject | undefined)?.OnFailure as JsonObject | undefined)?.Destination !== undefined,
    );
    return dlq !== undefined || onFailure ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
