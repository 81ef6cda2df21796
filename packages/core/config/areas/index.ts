import { auditIssues } from './audit';
import { changeIssues } from './changes';
import { conformanceIssues } from './conformance';
import { continuityIssues } from './continuity';
import { controllerIssues } from './controller';
import type { CrossFieldContext } from './context';
import { deploymentIssues } from './deployment';
import { keyCustodyIssues } from './key-custody';
import { notificationIssues } from './notifications';
import { organizationIssues } from './organization';
import { peopleIssues } from './people';
import { tenantIssues } from './tenants';

export { crossFieldContext } from './context';

/** The config's cross-field rules, one validator per area, run in this order (the loader reports in it). */
export const CROSS_FIELD_VALIDATORS: readonly { readonly area: string; readonly validate: (context: CrossFieldContext) => void }[] = [
  { area: 'organization', validate: organizationIssues },
  { area: 'audit', validate: auditIssues },
  { area: 'notifications', validate: notificationIssues },
  { area: 'deployment', validate: deploymentIssues },
  { area: 'conformance', validate: conformanceIssues },
  { area: 'keyCustody', validate: keyCustodyIssues },
  { area: 'tenants', validate: tenantIssues },
  { area: 'continuity', validate: continuityIssues },
  { area: 'people', validate: peopleIssues },
  { area: 'controller', validate: controllerIssues },
  { area: 'changes', validate: changeIssues },
];
