import { z } from 'zod';
import { accountId, euRegion } from '../../fields/config-fields';
import type { CrossFieldContext } from './context';

export const auditSchema = z.strictObject({
    account: accountId.meta({ description: 'The audit account: the organization trail, AWS Config and the alarms.' }),
    region: euRegion.meta({ description: 'The audit account\'s region: one of the allowed EU regions.' }),
    retentionDays: z
      .number({ error: 'expected a whole number of days, e.g. 2555 (7 years)' })
      .int('expected a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(36500, 'must be at most 36500 days (100 years)').meta({ description: 'How long the audit archive keeps logs, in days (Object Lock, compliance mode).' }),
  }).meta({ description: 'Where the organization\'s audit trail is kept.' });

/** The audit account: an allowed region, and an account of its own. */
export function auditIssues(context: CrossFieldContext): void {
  const { config, issue, mustBeAllowed } = context;
  mustBeAllowed(['audit', 'region'], config.audit.region);
  if (config.audit.account === config.organization.managementAccount) {
    issue(['audit', 'account'], 'is the management account; the log archive belongs in its own member account, out of reach of day-to-day administration');
  }
}
