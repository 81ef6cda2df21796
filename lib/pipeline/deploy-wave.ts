import { KEY_CUSTODY_STACK_PREFIX } from '@suveren/core/contracts/names';
/*
 * One deploy action of Suveren-Pipeline: the wave's stacks, `concurrency` at a time, each
 * by the CDK toolkit from the synthesized assembly. Each stack that succeeds is recorded
 * as deployed at once; one that fails is named with CloudFormation's reason, the others
 * go on, and the action fails at the end, so a retry deploys what is left (the toolkit
 * finds no changes in what already went out).
 */

export interface StackOutcome {
  readonly stackId: string;
  readonly ok: boolean;
  /** For a failure: the reason, from the toolkit's output. */
  readonly reason?: string;
}

export interface WaveRunner {
  /** Deploys one stack; resolves with the toolkit's exit code and output. */
  deploy(stackId: string): Promise<{ readonly code: number; readonly output: string }>;
  /** Records a deployed stack's template as its baseline. */
  record(stackId: string): Promise<void>;
}

/**
 * The reason a stack failed, from the toolkit's output: CloudFormation's status reason of
 * the first failed resource, else the toolkit's own last error line.
 */
export function failureReason(output: string): string {
  const lines = output.split(/\r?\n/).map((l) => l.trim());
  for (const line of lines) {
    const failed = /\b(?:CREATE|UPDATE|DELETE)_FAILED\s*\|\s*(.+)$/.exec(line);
    if (failed && !/ROLLBACK/.test(line)) return failed[1].slice(0, 500);
  }
  const error = [...lines].reverse().find((l) => /error|failed|denied|unable|could not/i.test(l));
  return (error ?? lines.filter(Boolean).pop() ?? 'the toolkit failed without output').slice(0, 500);
}

/**
 * The pinned CDK CLI's arguments that deploy one stack of the approved assembly.
 *
 * Key-custody stacks deploy with `--no-rollback`. Their custom resources create HSMs
 * (10-20 minutes each), initialize the cluster and connect the key store (up to 20
 * minutes), and each adopts what already exists. A rollback would delete the HSM a
 * failed or timed-out deployment was waiting for, so that the retry buys a new one and
 * the cluster can be left half-initialized. Without rollback the stack stays in its
 * failed state with everything it made, and retrying the action resumes from there
 * (CloudFormation user guide, "Preserve successfully provisioned resources";
 * docs/hsm-runbook.md, "Recovering from a failed step"). Every other stack rolls back
 * as usual: nothing in it takes long, or costs anything, to make again.
 */
export function cdkDeployArgs(assembly: string, stackId: string): string[] {
  return [
    'deploy',
    '--app',
    assembly,
    '--exclusively',
    '--require-approval',
    'never',
    '--progress',
    'events',
    ...(stackId.startsWith(KEY_CUSTODY_STACK_PREFIX) ? ['--no-rollback'] : []),
    stackId,
  ];
}

export async function deployWave(stacks: readonly string[], concurrency: number, runner: WaveRunner): Promise<StackOutcome[]> {
  const outcomes: StackOutcome[] = [];
  const queue = [...stacks];
  const worker = async () => {
    for (let stackId = queue.shift(); stackId !== undefined; stackId = queue.shift()) {
      const { code, output } = await runner.deploy(stackId);
      if (code !== 0) {
        outcomes.push({ stackId, ok: false, reason: failureReason(output) });
        continue;
      }
      try {
        await runner.record(stackId);
        outcomes.push({ stackId, ok: true });
      } catch (e) {
        // Deployed, but the next plan would not know it: the action fails so someone looks.
        outcomes.push({ stackId, ok: false, reason: `deployed, but its baseline was not recorded: ${(e as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, stacks.length)) }, worker));
  return stacks.map((id) => outcomes.find((o) => o.stackId === id)!);
}
