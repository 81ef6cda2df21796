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
import { breakGlassAlarmName } from '@suveren/core/contracts/names';

export interface BreakGlassActivityAlarmProps {
  /** The log group the organization trail delivers to. */
  readonly logGroup: logs.ILogGroup;
  /** organization.breakGlassRoleName: the role whose every call is counted. */
  readonly breakGlassRoleName: string;
  /** The topic the alarm publishes to (the organization's alarm topic). */
  readonly topic: sns.ITopic;
  /** The key that topic is encrypted with. */
  readonly encryptionKey: kms.IKey;
}

/** The metric filter pattern: any call made in a session of the break-glass role, in any account. */
export function breakGlassPattern(roleName: string): string {
  return `{ $.userIdentity.sessionContext.sessionIssuer.userName = "${roleName}" }`;
}

/**
 * Break-glass is for repairs and incidents only: every call made with it, in any account
 * and region the organization trail records, counts, and the first one in five minutes
 * raises an alarm to the organization's alarm topic, so that someone besides the person
 * using it knows.
 */
export class BreakGlassActivityAlarm extends Construct {
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: BreakGlassActivityAlarmProps) {
    super(scope, id);
    const metric = new logs.MetricFilter(this, 'Filter', {
      logGroup: props.logGroup,
      filterPattern: logs.FilterPattern.literal(breakGlassPattern(props.breakGlassRoleName)),
      metricNamespace: 'Suveren/Sovereignty',
      metricName: 'BreakGlassActivity',
      metricValue: '1',
      defaultValue: 0,
    }).metric({ statistic: 'Sum', period: Duration.minutes(5) });
    const stack = Stack.of(this);
    const alarmName = breakGlassAlarmName(stack.region);
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName,
      alarmDescription: `A session of the break-glass role ${props.breakGlassRoleName} made API calls. Check the organization trail for who assumed it, where, and what it did.`,
      metric,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new actions.SnsAction(props.topic));
    allowAlarmToPublish(this, {
      alarmName,
      topic: props.topic,
      encryptionKey: props.encryptionKey,
      sids: { publish: 'CloudWatchBreakGlassAlarmPublishes', encrypt: 'CloudWatchBreakGlassAlarmEncryptsNotifications' },
    });
  }
}
