import { aws_sns as sns, aws_sns_subscriptions as subscriptions } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AlarmRecipientsProps {
  /** The alarm topic the recipients subscribe to. */
  readonly topic: sns.ITopic;
  /**
   * E-mail addresses subscribed to the topic. Each recipient confirms the subscription
   * from the message SNS sends (Amazon SNS developer guide, "Email notifications"); until
   * then nothing reaches them.
   * @default none
   */
  readonly emails?: readonly string[];
}

/**
 * The people an alarm topic reaches (config `notifications`): without them an alarm
 * fires into a topic nobody reads.
 */
export class AlarmRecipients extends Construct {
  constructor(scope: Construct, id: string, props: AlarmRecipientsProps) {
    super(scope, id);
    for (const email of props.emails ?? []) props.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }
}
