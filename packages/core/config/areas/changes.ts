import { z } from 'zod';
import { ACKNOWLEDGEABLE_CHANGE_KINDS } from '../../contracts/change-kinds';
import type { AcknowledgeableChangeKind } from '../../contracts/change-kinds';
import type { CrossFieldContext } from './context';

export const acknowledgmentSchema = z.strictObject({
  stack: z
    .string({ error: 'expected the stack id the plan names, e.g. "Suveren-Tenant-lund-kommun"' })
    .regex(/^Suveren-[A-Za-z0-9-]{1,120}$/, 'expected a suveren stack id as the plan names it, e.g. "Suveren-Tenant-lund-kommun"').meta({ description: 'The stack id the plan names, e.g. "Suveren-Tenant-lund-kommun".' }),
  logicalId: z
    .string({ error: 'expected the logical id the plan names, e.g. "DataKey2A0DE9E6"' })
    .regex(/^[A-Za-z0-9]{1,255}$/, 'expected a CloudFormation logical id as the plan names it, e.g. "DataKey2A0DE9E6"')
    .optional().meta({ description: 'For a resource-level kind: the logical id the plan names (for account-removed, the account id).' }),
  // A reach-gained refusal is one per principal: each new path to plaintext is accepted on its own.
  principal: z
    .string({ error: 'expected the principal ARN the plan names, e.g. "arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader"' })
    // A role, or (with identityCenter) the identity-store group whose members reach through a permission set.
    .regex(
      /^(arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}|arn:aws[a-z-]*:identitystore:::group\/[0-9a-fA-F-]{36,47})$/,
      'expected a role ARN or an identity-store group ARN as the plan names it, e.g. "arn:aws:iam::333333333331:role/suveren-lund-kommun-uploader"',
    )
    .optional().meta({ description: 'For reach-gained: the role ARN of the principal whose new path to plaintext is accepted.' }),
  kind: z.enum(ACKNOWLEDGEABLE_CHANGE_KINDS, {
    error: `expected one of ${ACKNOWLEDGEABLE_CHANGE_KINDS.join(', ')} (the kind the plan's refusal names; docs/plan.md)`,
  }).meta({ description: 'The kind of refused change, as the plan names it (docs/plan.md).' }),
  reason: z
    .string({ error: 'expected the reason, in words a reviewer would accept' })
    .trim()
    .min(20, 'say why this change is accepted and what happens to the data, in words a reviewer would accept (at least 20 characters)').meta({ description: 'Why the change is accepted and what happens to the data, in words a reviewer would accept (at least 20 characters).' }),
});


// Changes `suveren plan` refuses unless acknowledged here, one by one (docs/plan.md).
export const changesSchema = z
    .strictObject({
      acknowledge: z.array(acknowledgmentSchema, { error: 'expected a list of acknowledgments: stack, logicalId or principal, kind, reason' }).default([]).meta({ description: 'Changes suveren plan refuses, acknowledged one by one with a reason (docs/plan.md).' }),
    })
    .default({ acknowledge: [] }).meta({ description: 'What suveren plan is told to accept.' });

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
