import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export type Outcome = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** What the evaluator keeps of a decision: the outcome and the statements that decided it. */
export interface LoggedDecision {
  readonly outcome: Outcome;
  readonly deciding: readonly string[];
}

/** How long a reader that missed waits before it looks at the other processes' logs again. */
const RESCAN_MS = 1_000;
/**
 * Decisions a process keeps in memory from the logs, its own included: a whole `npm test`
 * makes about 31,000 (some 8 MB). Past it, the logs are still written but no more are
 * read, and the decisions not kept are made again.
 */
const MAX_KNOWN = 100_000;

/*
 * Decisions on disk, shared by the processes that use one directory (the test files of a
 * jest run, repeated plans of one assembly). Each process appends the decisions it makes
 * to a log of its own, one JSON line each, and reads the others' logs when it misses.
 *
 * A file per decision, written under a temporary name and renamed, cost about 1 ms in a
 * jest worker: 5.6 s of the example's 4,904 decisions, nearly as much as deciding them.
 * An append costs microseconds (5,000 in 32 ms). A line is written by one write(2) to a
 * file opened for appending and read only once its newline is there, so a reader never
 * takes half a line; a line that does not parse is skipped, and its decision is made again.
 * The logs stay until the directory is removed (a jest run's is removed with the run).
 */
export class DecisionLog {
  private readonly known = new Map<string, LoggedDecision>();
  /** Bytes of each other process's log already read, up to its last complete line. */
  private readonly read = new Map<string, number>();
  private readonly own: string;
  private scanned = Number.NEGATIVE_INFINITY;

  constructor(private readonly dir: string) {
    this.own = path.join(dir, `${process.pid}-${randomBytes(6).toString('hex')}.jsonl`);
  }

  /** The decision logged under `key` by this or any other process, if any. */
  get(key: string): LoggedDecision | undefined {
    const found = this.known.get(key);
    if (found || performance.now() - this.scanned < RESCAN_MS || this.known.size >= MAX_KNOWN) return found;
    this.scan();
    return this.known.get(key);
  }

  /** Logs `decided` under `key`, unless it is already known. */
  put(key: string, decided: LoggedDecision): void {
    if (this.known.has(key)) return;
    if (this.known.size < MAX_KNOWN) this.known.set(key, decided);
    const line = `${JSON.stringify({ key, outcome: decided.outcome, deciding: decided.deciding })}\n`;
    try {
      fs.appendFileSync(this.own, line);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      fs.mkdirSync(this.dir, { recursive: true });
      fs.appendFileSync(this.own, line);
    }
  }

  private scan(): void {
    this.scanned = performance.now();
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((name) => name.endsWith('.jsonl'));
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(this.dir, name);
      if (file === this.own) continue;
      const from = this.read.get(file) ?? 0;
      let text: string;
      try {
        const size = fs.statSync(file).size;
        if (size <= from) continue;
        const buffer = Buffer.alloc(size - from);
        const fd = fs.openSync(file, 'r');
        try {
          fs.readSync(fd, buffer, 0, buffer.length, from);
        } finally {
          fs.closeSync(fd);
        }
        const complete = buffer.lastIndexOf(0x0a) + 1;
        text = buffer.subarray(0, complete).toString('utf8');
        this.read.set(file, from + complete);
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        if (line.length === 0) continue;
        try {
          const { key, outcome, deciding } = JSON.parse(line) as LoggedDecision & { key: string };
          if (typeof key === 'string' && typeof outcome === 'string' && Array.isArray(deciding) && this.known.size < MAX_KNOWN)
            this.known.set(key, { outcome, deciding });
        } catch {
          // A line that does not parse is not a decision: it is made again.
        }
      }
    }
  }
}
