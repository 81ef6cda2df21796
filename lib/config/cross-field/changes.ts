import type { AcknowledgeableChangeKind } from '../../contracts/change-kinds';
import type { CrossFieldContext } from './context';

/** Resource-level change kinds name the resource (an account removal, its id); stack- and tenant-level kinds name only the stack. */
const RESOURCE_LEVEL_KINDS: readonly AcknowledgeableChangeKind[] = ['replace', 'delete', 'orphan', 'rename', 'account-removed', 'protection-weakened'];

/** Acknowledgments: resource-level kinds name a logical id, reach-gained names a principal. */
export function changeIssues(context: CrossFieldContext): void {
  const { config, issue } = context;
  config.changes.acknowledge.forEach((ack, i) => {
    const resourceLevel = RESOURCE_LEVEL_KINDS.includes(ack.kind);
    if (resourceLevel && ack.logicalId === undefined) {
      issue(['changes', 'acknowledge', i, 'logicalId'], `kind "${ack.kind}" is about one resource: add the logicalId the plan names for it`);
    } else if (!resourceLevel && ack.logicalId !== undefined) {
      issue(['changes', 'acknowledge', i, 'logicalId'], `kind "${ack.kind}" is about a whole stack or tenant: remove logicalId`);
    }
    if (ack.kind === 'reach-gained' && ack.principal === undefined) {
      issue(['changes', 'acknowledge', i, 'principal'], 'kind "reach-gained" is about one principal\'s new path to plaintext: add the principal the plan names');
    } else if (ack.kind !== 'reach-gained' && ack.principal !== undefined) {
      issue(['changes', 'acknowledge', i, 'principal'], `kind "${ack.kind}" is not about a principal: remove principal`);
    }
  });
}
