import type { CrossFieldContext } from './context';

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
