/*
 * KMS refuses a key policy that names a principal it cannot resolve yet
 * (MalformedPolicyDocumentException): IAM roles created moments earlier, in the same
 * deployment, take seconds to become visible to KMS. The same error also means a role
 * that does not exist at all, such as a missing break-glass role, so retries are bounded
 * and the final error says what to check.
 */

export interface PropagationRetry {
  /** Tries in all. @default 6 */
  readonly attempts?: number;
  /** Wait before the second try; doubled each time, capped at 20 s. @default 5_000 */
  readonly firstDelayMs?: number;
}

const MALFORMED = 'MalformedPolicyDocumentException';

function errorName(e: unknown): string {
  return typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : '';
}

export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The delays between tries: 5, 10, 20, 20, 20 s by default (75 s, inside the handler's 2 minutes). */
export function propagationDelays(options: PropagationRetry = {}): number[] {
  const attempts = options.attempts ?? 6;
  const first = options.firstDelayMs ?? 5_000;
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, i) => Math.min(first * 2 ** i, 20_000));
}

export class PolicyPrincipalsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustodyError';
  }
}

/**
 * Runs `operation`, retrying while KMS says the policy is malformed; any other error is
 * thrown at once. After the last try it throws with the checks that settle the cause.
 */
export async function retryWhilePrincipalsPropagate<T>(
  operation: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  options: PropagationRetry = {},
): Promise<T> {
  const delays = propagationDelays(options);
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (e) {
      if (errorName(e) !== MALFORMED) throw e;
      if (attempt >= delays.length) {
        const waited = delays.reduce((sum, d) => sum + d, 0) / 1000;
        throw new PolicyPrincipalsError(
          `KMS refused the key policy ${attempt + 1} times over ${waited} s (${errorText(e)}). A principal it names does not exist, or is not visible to KMS yet: check that the key-custody account's provisioner role for this tenant exists (deploy the key-custody stack first) and that the tenant stack's roles exist; then retry the deployment`,
        );
      }
      await sleep(delays[attempt]);
    }
  }
}
