import type { KeyObject } from 'node:crypto';
import { type AuditCheckpoint, type CheckpointStore, makeCheckpoint } from './audit-checkpoints';

/*
 * The proxy's side of the checkpoints: every `everyRecords` records, or every
 * `everySeconds` when anything was written, the chain's head is signed in the HSM and sent
 * to every store. A store that fails keeps its checkpoints and is tried again at the next
 * one, so an outage delays the anchor, never loses it.
 */

export interface AuditCheckpointerOptions {
  /** The log's name in every checkpoint (the audit file's base name). */
  readonly logName: string;
  /** The chain's head now. */
  readonly head: () => { readonly seq: number; readonly hash: string; readonly prev: string };
  readonly keyLabel: string;
  readonly publicKey: KeyObject;
  /** ECDSA P-256 in the HSM over a SHA-256 digest. */
  readonly sign: (digest: Buffer) => Buffer;
  readonly stores: readonly CheckpointStore[];
  readonly everyRecords: number;
  readonly everySeconds: number;
  readonly now: () => Date;
  /** Where a failed signature or store is reported (the proxy's stderr). */
  readonly report: (message: string) => void;
}

/** How long one store may take for one checkpoint before it is tried again at the next. */
export const STORE_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

export interface CheckpointOutcome {
  readonly checkpoint?: AuditCheckpoint;
  /** Stores that did not take it (or an earlier one) yet: tried again at the next checkpoint. */
  readonly failed: readonly string[];
}

export class AuditCheckpointer {
  private lastSeq = 0;
  private last: AuditCheckpoint | undefined;
  /** Per store, checkpoints it has not taken yet. */
  private readonly backlog = new Map<CheckpointStore, AuditCheckpoint[]>();
  private chain: Promise<unknown> = Promise.resolve();
  /** A checkpoint is queued behind the one running: another request adds nothing. */
  private queued: Promise<CheckpointOutcome> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: AuditCheckpointerOptions) {
    for (const store of options.stores) this.backlog.set(store, []);
    this.timer = setInterval(() => {
      if (this.options.head().seq > this.lastSeq || this.pending() > 0) void this.checkpoint();
    }, options.everySeconds * 1000);
    this.timer.unref();
  }

  /** After every record: a checkpoint once `everyRecords` have gone by since the last. */
  public noteAppend(seq: number): void {
    if (seq - this.lastSeq >= this.options.everyRecords) void this.checkpoint();
  }

  /** Checkpoints not yet taken by every store. */
  public pending(): number {
    return Math.max(0, ...[...this.backlog.values()].map((list) => list.length));
  }

  /**
   * Signs the head now (when anything is new) and sends every pending checkpoint; one at a
   * time, and at most one waiting behind it (it signs the head as it is when it runs).
   */
  public checkpoint(): Promise<CheckpointOutcome> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = undefined;
      return this.signAndSend();
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async signAndSend(): Promise<CheckpointOutcome> {
    const head = this.options.head();
    if (head.seq > this.lastSeq) {
      try {
        const checkpoint = makeCheckpoint(
          {
            log: this.options.logName,
            seq: head.seq,
            head: head.hash,
            prev: head.prev,
            time: this.options.now().toISOString(),
            keyLabel: this.options.keyLabel,
          },
          this.options.publicKey,
          this.options.sign,
        );
        this.lastSeq = head.seq;
        this.last = checkpoint;
        for (const list of this.backlog.values()) list.push(checkpoint);
      } catch (e) {
        this.options.report(`audit checkpoint at seq ${head.seq} could not be signed: ${(e as Error).message}; retrying at the next one`);
      }
    }
    // Every store at once, each bounded in time: one that hangs delays only itself.
    const failed: string[] = [];
    await Promise.all(
      [...this.backlog].map(async ([store, list]) => {
        while (list.length > 0) {
          try {
            await withTimeout(store.put(list[0]), STORE_TIMEOUT_MS, `no answer within ${STORE_TIMEOUT_MS} ms`);
            list.shift();
          } catch (e) {
            failed.push(store.name);
            this.options.report(`audit checkpoint seq ${list[0].seq} not delivered to ${store.name}: ${(e as Error).message}; ${list.length} waiting`);
            return;
          }
        }
      }),
    );
    return { checkpoint: this.last, failed };
  }

  public close(): void {
    clearInterval(this.timer);
  }
}
