import type { CrossFieldContext } from './context';

/** AWS Config: who manages the recorders. */
export function conformanceIssues(context: CrossFieldContext): void {
  const { config, issue } = context;
  const conformance = config.conformance;
  if (conformance.recorders === 'existing' && conformance.recorderManagerRoleNames.length === 0) {
    issue(
      ['conformance', 'recorderManagerRoleNames'],
      'name the role that manages the existing recorders, e.g. [AWSControlTowerExecution] under Control Tower: the guardrail SCP lets only it, the platform and the break-glass role change them',
    );
  }
  if (conformance.recorders === 'create' && conformance.recorderManagerRoleNames.length > 0) {
    issue(
      ['conformance', 'recorderManagerRoleNames'],
      'is only for recorders: existing; with recorders: create, suveren\'s own StackSet manages them: remove the list, or set recorders: existing',
    );
  }
}
