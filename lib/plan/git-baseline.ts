import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PlanInputError } from './plan-assembly';

/*
 * A baseline named by a git ref: the repository at that commit, synthesized in a
 * temporary worktree with the same config path and this checkout's node_modules, then
 * removed. The evidence report is skipped (the plan does not read it).
 */

export interface GitBaseline {
  /** The synthesized assembly. */
  readonly directory: string;
  readonly commit: string;
  /** The config file as it was at the ref, for the baseline's side of the access matrix. */
  readonly configFile: string;
  /** The temporary worktree, removed by dispose. */
  readonly worktree: string;
  /** Removes the worktree and the assembly. */
  readonly dispose: () => void;
}

function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The last lines of a failed synth that say why, without stack frames. */
function why(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '' && !/^\s+at /.test(l));
  return lines.slice(-6).join(' / ') || 'no output';
}

/** Synthesizes `ref` of the repository holding `cwd`, with the config at `configFile`'s path in it. */
export function synthesizeGitRef(ref: string, cwd: string, configFile: string): GitBaseline {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (top === undefined)
    throw new PlanInputError(`--baseline ${ref} is neither a directory nor a git ref here (${cwd} is not in a git repository): pass a cdk.out directory`);
  const commit = git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (commit === undefined)
    throw new PlanInputError(
      `--baseline ${ref} is neither a directory nor a git ref of ${top}: pass an existing branch, tag or commit (git log), or a cdk.out directory`,
    );
  const relativeConfig = path.relative(top, path.resolve(configFile));
  if (relativeConfig.startsWith('..'))
    throw new PlanInputError(
      `--config ${configFile} is outside the repository ${top}: a git baseline is synthesized with the same config path, so use a config inside it`,
    );
  if (git(top, ['cat-file', '-e', `${commit}:${relativeConfig.split(path.sep).join('/')}`]) === undefined) {
    throw new PlanInputError(
      `--baseline ${ref} has no ${relativeConfig}: the baseline is synthesized with the same config path; pass a ref that has it, or its cdk.out directory`,
    );
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-plan-'));
  const tree = path.join(scratch, 'tree');
  const dispose = () => {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: top });
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    execFileSync('git', ['worktree', 'add', '--detach', '--quiet', tree, commit], { cwd: top, stdio: 'pipe' });
    // The ref is synthesized with this checkout's packages: a baseline whose lockfile differs
    // is synthesized with today's aws-cdk-lib (docs/plan.md says so).
    fs.symlinkSync(path.join(top, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    const out = path.join(scratch, 'cdk.out');
    const synth = spawnSync(process.execPath, [path.join(top, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '-q', '-o', out], {
      cwd: tree,
      encoding: 'utf8',
      env: { ...process.env, SUVEREN_CONFIG: relativeConfig, SUVEREN_EVIDENCE: 'off', CDK_DISABLE_VERSION_CHECK: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (synth.status !== 0) {
      throw new PlanInputError(
        `--baseline ${ref} (${commit.slice(0, 12)}) does not synthesize: ${why(`${synth.stdout}\n${synth.stderr}`)}; pass a ref that does, or its cdk.out directory`,
      );
    }
    return { directory: out, commit, configFile: path.join(tree, relativeConfig), worktree: tree, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
