import type { CrossFieldContext } from './context';

/** The audit account: an allowed region, and an account of its own. */
export function auditIssues(context: CrossFieldContext): void {
  const { config, issue, mustBeAllowed } = context;
  mustBeAllowed(['audit', 'region'], config.audit.region);
  if (config.audit.account === config.organization.managementAccount) {
    issue(['audit', 'account'], 'is the management account; the log archive belongs in its own member account, out of reach of day-to-day administration');
  }
}
