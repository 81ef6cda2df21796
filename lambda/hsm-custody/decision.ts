/*
 * What a custom-resource handler decides after looking at the world: the shared
 * vocabulary of the key-custody state machines. Each resource's module maps an
 * observation to one of these; only the adapter (index.ts) calls AWS.
 */

/** The resource reached its target state; `data` becomes its attributes. */
export interface Complete {
  readonly kind: 'complete';
  readonly data?: Readonly<Record<string, string>>;
}

/** Not yet: poll again. `why` is logged, so an operator sees what is being waited for. */
export interface Wait {
  readonly kind: 'wait';
  readonly why: string;
}

/** Stop and fail the deployment with `reason`, which CloudFormation shows as the resource's status reason. */
export interface Fail {
  readonly kind: 'fail';
  readonly reason: string;
}

export type Decision = Complete | Wait | Fail;

export const complete = (data?: Record<string, string>): Complete => ({ kind: 'complete', ...(data ? { data } : {}) });
export const wait = (why: string): Wait => ({ kind: 'wait', why });
export const fail = (reason: string): Fail => ({ kind: 'fail', reason });

/**
 * The Provider framework stops polling after its total timeout (at most an hour) with a
 * bare "timed out". Each waiter fails a little earlier, saying what it was waiting for.
 */
export const WAIT_BUDGET_MS = 55 * 60 * 1000;

export function outOfTime(startedAt: string | undefined, now: Date, what: string): Fail | undefined {
  const started = startedAt ? Date.parse(startedAt) : NaN;
  if (Number.isNaN(started) || now.getTime() - started < WAIT_BUDGET_MS) return undefined;
  const minutes = Math.round((now.getTime() - started) / 60000);
  return fail(
    `${what} after ${minutes} minutes; stopping before the Provider framework's one-hour limit. Redeploy to resume: the handler adopts what already exists (docs/hsm-runbook.md, "Recovering from a failed step")`,
  );
}
