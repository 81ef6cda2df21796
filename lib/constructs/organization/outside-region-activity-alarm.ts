import {
  Duration,
  Stack,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_kms as kms,
  aws_logs as logs,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { allowAlarmToPublish } from './alarm-publishing';

/** CloudWatch Logs' limit on a metric filter pattern. */
export const METRIC_FILTER_PATTERN_MAX_CHARS = 1024;

export interface OutsideRegionActivityAlarmProps {
  /** The log group the organization trail delivers to. */
  readonly logGroup: logs.ILogGroup;
  /** The organization's allowed regions. */
  readonly allowedRegions: readonly string[];
  /** Event sources of global services, recorded in us-east-1 however well everyone behaves. */
  readonly globalEventSources: readonly string[];
  /** Single events of regional services that are nevertheless recorded in us-east-1 (console listings). */
  readonly globalReadEvents: readonly { readonly eventSource: string; readonly eventName: string }[];
  /** Key the alarm topic is encrypted with. */
  readonly encryptionKey: kms.IKey;
}

/** The metric filter pattern: any event outside the allowed regions that is not a global service's. */
export function outsideRegionPattern(
  allowedRegions: readonly string[],
  globalEventSources: readonly string[],
  globalReadEvents: readonly { readonly eventSource: string; readonly eventName: string }[],
): string {
  const clauses = [
    ...allowedRegions.map((region) => `($.awsRegion != "${region}")`),
    ...globalEventSources.map((source) => `($.eventSource != "${source}")`),
    ...globalReadEvents.map((e) => `($.eventSource != "${e.eventSource}" || $.eventName != "${e.eventName}")`),
  ];
  return `{ ${clauses.join(' && ')} }`;
}

/**
 * The detective half of the region guard, deployed nowhere but the audit region: a
 * metric filter on the organization trail's log group that counts events in any region
 * outside the allow-list (global services' us-east-1 events excepted), and an alarm that
 * publishes to an encrypted SNS topic on the first one. The trail records all regions,
 * so this sees what the SCP exists to prevent, including what the break-glass role does.
 */
export class OutsideRegionActivityAlarm extends Construct {
  public readonly topic: sns.Topic;
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OutsideRegionActivityAlarmProps) {
    super(scope, id);
    const pattern = outsideRegionPattern(props.allowedRegions, props.globalEventSources, props.globalReadEvents);
    this.node.addValidation({
      validate: () =>
        pattern.length > METRIC_FILTER_PATTERN_MAX_CHARS
          ? [
              `The outside-region metric filter pattern is ${pattern.length} characters; CloudWatch Logs accepts at most ${METRIC_FILTER_PATTERN_MAX_CHARS}. Shorten the global event sources.`,
            ]
          : [],
    });
    const metric = new logs.MetricFilter(this, 'Filter', {
      logGroup: props.logGroup,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: 'Suveren/Sovereignty',
      metricName: 'ActivityOutsideAllowedRegions',
      metricValue: '1',
      defaultValue: 0,
    }).metric({ statistic: 'Sum', period: Duration.minutes(5) });

    this.topic = new sns.Topic(this, 'Topic', {
      masterKey: props.encryptionKey,
      enforceSSL: true,
      displayName: 'suveren: activity outside the allowed regions',
    });
    const stack = Stack.of(this);
    const alarmName = `suveren-activity-outside-allowed-regions-${stack.region}`;
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName,
      alarmDescription: `API activity in a region outside ${props.allowedRegions.join(', ')} (global services excepted). Check the organization trail for the event and its principal.`,
      metric,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new actions.SnsAction(this.topic));
    allowAlarmToPublish(this, {
      alarmName,
      topic: this.topic,
      encryptionKey: props.encryptionKey,
      sids: { publish: 'CloudWatchAlarmPublishes', encrypt: 'CloudWatchAlarmEncryptsNotifications' },
    });
  }
}
