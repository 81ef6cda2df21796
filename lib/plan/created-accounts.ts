import { CREATED_ACCOUNTS_METADATA, GUARDRAILS_STACK_ID } from '@suveren/core/contracts/names';
import type { PlanStack } from './plan-assembly';
import type { PlanRefusal } from './plan-model';

/*
 * The accounts suveren created, as Suveren-Guardrails' template records them (from the
 * config's lock file). An account is never closed by a deployment, so one that leaves
 * the record is refused: it would stay in the organization with nothing saying why.
 */

interface RecordedAccount {
  readonly id: string;
  readonly email: string;
}

function recordedAccounts(stack: PlanStack | undefined): RecordedAccount[] {
  const metadata = (stack?.template as { Metadata?: Record<string, unknown> } | undefined)?.Metadata;
  const list = metadata?.[CREATED_ACCOUNTS_METADATA];
  return Array.isArray(list) ? (list as RecordedAccount[]).filter((a) => typeof a?.id === 'string') : [];
}

/** A refusal for each account the baseline's record holds and the new assembly's does not. */
export function removedAccountRefusals(before: ReadonlyMap<string, PlanStack>, after: ReadonlyMap<string, PlanStack>): PlanRefusal[] {
  const afterGuardrails = after.get(GUARDRAILS_STACK_ID);
  // An assembly without the organization's stacks (a tenant selection) says nothing of accounts.
  if (!afterGuardrails) return [];
  const kept = new Set(recordedAccounts(afterGuardrails).map((a) => a.id));
  return recordedAccounts(before.get(GUARDRAILS_STACK_ID))
    .filter((a) => !kept.has(a.id))
    .map((a) => ({
      kind: 'account-removed' as const,
      stack: GUARDRAILS_STACK_ID,
      subject: `account ${a.id} (${a.email})`,
      lost: `suveren created it, and no deployment closes it: it stays in the organization, outside the record, with its data and roles`,
      fix: `put its entry back in the config's accounts.lock.yaml; to retire it, export its data (docs/exit.md), close it by hand (aws organizations close-account --account-id ${a.id}) and acknowledge the removal (changes.acknowledge: stack ${GUARDRAILS_STACK_ID}, kind account-removed, logicalId ${a.id})`,
      logicalId: a.id,
    }));
}
