import { ArnFormat, Stack, aws_iam as iam, type aws_kms as kms, type aws_sns as sns } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * Lets CloudWatch publish one alarm's notifications to an encrypted topic, and use the
 * topic's key for it, for that alarm only (`aws:SourceArn`). A topic with a policy of its
 * own (enforceSSL) loses the default one, so the publishing must be granted. The alarm's
 * ARN is spelled out, not referenced: the key's policy naming the alarm, which names the
 * topic, which names the key, would be a dependency cycle.
 */
export function allowAlarmToPublish(
  scope: Construct,
  props: {
    readonly alarmName: string;
    readonly topic: sns.ITopic;
    readonly encryptionKey: kms.IKey;
    readonly sids: { readonly publish: string; readonly encrypt: string };
  },
): void {
  const alarmArn = Stack.of(scope).formatArn({
    service: 'cloudwatch',
    resource: 'alarm',
    resourceName: props.alarmName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const fromThisAlarm = { ArnEquals: { 'aws:SourceArn': alarmArn } };
  props.topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: props.sids.publish,
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [props.topic.topicArn],
      conditions: fromThisAlarm,
    }),
  );
  props.encryptionKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: props.sids.encrypt,
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: fromThisAlarm,
    }),
  );
}
