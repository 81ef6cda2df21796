import { z } from 'zod';
import type { CrossFieldContext } from './context';

export const snsTopicArn = z
  .string({ error: 'expected an SNS topic ARN, e.g. "arn:aws:sns:eu-north-1:222222222222:soc-alerts"' })
  .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, 'expected an SNS topic ARN, e.g. "arn:aws:sns:eu-north-1:222222222222:soc-alerts"');

/** Where one kind of account's alarms go. */
export const notificationTargetSchema = z
  .strictObject({
    emails: z
      .array(z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an e-mail address, e.g. "soc@kommun.example.se"'), { error: 'expected a list of e-mail addresses' })
      .default([]).meta({ description: 'E-mail addresses subscribed to the alarm topic.' }),
    topicArn: snsTopicArn.optional().meta({ description: 'An existing SNS topic, of the same account and region, the alarms also publish to.' }),
  })
  .refine((t) => t.emails.length > 0 || t.topicArn !== undefined, 'name at least one e-mail address (emails) or an existing topic (topicArn)');


// Who is told when an alarm fires (docs/deploying.md): e-mail subscriptions of the alarm topics, and/or an existing topic of the same account and region.
export const notificationsSchema = z
    .strictObject({
      audit: notificationTargetSchema.optional().meta({ description: 'Who is told when an audit account alarm fires.' }),
      keyCustody: notificationTargetSchema.optional().meta({ description: 'Who is told when a key-custody alarm fires.' }),
    })
    .default({}).meta({ description: 'Who is told when an alarm fires: e-mail subscriptions and/or an existing topic.' });

/** Alarm topics: each in the account and region of the alarms that publish to it. */
export function notificationIssues(context: CrossFieldContext): void {
  const { config, issue } = context;
  for (const [kind, target, where] of [
    ['audit', config.notifications.audit, [{ account: config.audit.account, region: config.audit.region }]],
    ['keyCustody', config.notifications.keyCustody, config.keyCustody.externalKeyStores.map((s) => ({ account: s.account, region: s.region }))],
  ] as const) {
    const topic = target?.topicArn;
    if (!topic) continue;
    const [, , , region, account] = topic.split(':');
    if (!where.some((w) => w.account === account && w.region === region)) {
      issue(
        ['notifications', kind, 'topicArn'],
        `is in ${account}/${region}, but the ${kind === 'audit' ? 'audit' : 'external key store'} alarms are in ${where.map((w) => `${w.account}/${w.region}`).join(', ') || 'no account (there is no external key store)'}: a CloudWatch alarm publishes to a topic of its own account and region; name one there, or use emails`,
      );
    }
  }
}
