import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The kill switch: while the flag file exists, the proxy refuses every cryptographic
 * call and health reports it. A file, so that an operator, a script or an alarm
 * (`touch`) can seal the proxy without the proxy's cooperation (a wedged proxy included),
 * and so that the sealed state survives a restart. `suveren xks-proxy seal` writes it with
 * who and why; `unseal` leaves an unseal record beside it first (`<flag>.unsealed.<time>`),
 * so the proxy logs an unseal it did not see happen, while it was down say. The proxy is
 * the audit log's only writer: it logs each change it sees once (KillSwitchObserver), with
 * the file's owner uid, which the kernel attests.
 */

export interface SealState {
  readonly sealed: boolean;
  readonly since?: string;
  readonly reason?: string;
}

/**
 * A flag file's identity: the same seal, whoever looks, until it is removed and made again
 * (its inode and birth time; `touch` on it changes neither, so it is not a new seal).
 */
function flagIdentity(stat: fs.Stats): string {
  return `${stat.ino}-${stat.birthtimeMs}`;
}

/** Whether a parsed unseal record has the fields the observer reads. */
function isUnsealRecord(value: unknown): value is UnsealRecord {
  const r = value as Partial<UnsealRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.unsealedAt === 'string' &&
    typeof r.by === 'string' &&
    typeof r.sealed === 'object' &&
    r.sealed !== null &&
    typeof r.sealed.identity === 'string' &&
    typeof r.sealed.ownerUid === 'number'
  );
}

export function sealState(file: string): SealState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { sealed: false };
    // Unreadable but present: sealed. A kill switch fails closed.
    return { sealed: true, reason: `flag file present but unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const parsed = JSON.parse(text) as { sealedAt?: string; reason?: string };
    return { sealed: true, since: parsed.sealedAt, reason: parsed.reason };
  } catch {
    // `touch` makes an empty file: sealed, for no stated reason.
    return { sealed: true, reason: text.trim() || undefined };
  }
}

/** Seals, naming who asked (the command's user) and why; returns false when it already was. */
export function seal(file: string, reason: string, by: string, now = new Date()): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, `${JSON.stringify({ sealedAt: now.toISOString(), reason, by })}\n`, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** What `unseal` leaves for the proxy: who, why, when, and the seal it lifted. */
export interface UnsealRecord {
  readonly unsealedAt: string;
  readonly by: string;
  readonly reason?: string;
  readonly sealed: { readonly identity: string; readonly since?: string; readonly reason?: string; readonly by?: string; readonly ownerUid: number };
}

const UNSEAL_RECORD_INFIX = '.unsealed.';

/**
 * Unseals: first an unseal record beside the flag (so the proxy can log this unseal, and
 * the seal it lifts, whenever it next looks), then the flag goes. Returns false when it was
 * not sealed.
 */
export function unseal(file: string, by: string, reason?: string, now = new Date()): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  const state = sealState(file);
  const claimed = readClaimedBy(file);
  const record: UnsealRecord = {
    unsealedAt: now.toISOString(),
    by,
    reason,
    sealed: { identity: flagIdentity(stat), since: state.since, reason: state.reason, by: claimed, ownerUid: stat.uid },
  };
  const name = `${file}${UNSEAL_RECORD_INFIX}${now.toISOString().replace(/[:.]/g, '')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(name, `${JSON.stringify(record)}\n`, { flag: 'wx', mode: 0o644 });
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return true;
}

function readClaimedBy(file: string): string | undefined {
  try {
    const by = (JSON.parse(fs.readFileSync(file, 'utf8')) as { by?: unknown }).by;
    return typeof by === 'string' ? by : undefined;
  } catch {
    return undefined;
  }
}

/** A change of the kill switch as the proxy logs it. */
export interface KillSwitchEvent {
  readonly event: 'sealed' | 'unsealed';
  /** The owner uid the kernel attests, and the user the command names. */
  readonly by: string;
  readonly reason?: string;
  /** When it happened, by the flag or the record. */
  readonly at?: string;
}

const byOf = (uid: number | undefined, claimed: string | undefined) =>
  uid === undefined ? (claimed ?? 'unknown') : `uid ${uid}${claimed ? ` (${claimed})` : ''}`;

/**
 * Watches the flag file and the unseal records for the proxy, and turns what it finds into
 * events, each change once: a seal the proxy saw, a seal it missed (the record names it),
 * an unseal by command (the record) or by hand (the flag simply gone).
 */
export class KillSwitchObserver {
  private sealed: boolean;
  private identity: string | undefined;
  /** Seals an unseal record has lifted: the flag may still be there a moment longer. */
  private readonly lifted = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly emit: (event: KillSwitchEvent) => void,
  ) {
    const stat = this.stat();
    this.sealed = stat !== undefined;
    this.identity = stat ? flagIdentity(stat) : undefined;
  }

  /** Whether the flag is there now: cheap, for every request. */
  public state(): SealState {
    const state = sealState(this.file);
    if (state.sealed !== this.sealed) this.poll();
    return state;
  }

  /**
   * Logs every change since the last look: unseal records first (oldest first), then the
   * flag. Never throws: a broken record or an unreadable directory is reported, and the
   * kill switch itself (the flag file) keeps working.
   */
  public poll(): void {
    try {
      this.look();
    } catch (e) {
      process.stderr.write(`suveren xks-proxy: the kill switch's state could not be read fully (${(e as Error).message}); the flag file still seals\n`);
    }
  }

  private look(): void {
    const dir = path.dirname(this.file);
    const prefix = `${path.basename(this.file)}${UNSEAL_RECORD_INFIX}`;
    let names: string[] = [];
    try {
      names = fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(prefix))
        .sort();
    } catch {
      // No directory yet: nothing was ever sealed.
    }
    for (const name of names) {
      const recordFile = path.join(dir, name);
      let record: unknown;
      let owner: number;
      try {
        owner = fs.statSync(recordFile).uid;
        record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as unknown;
      } catch {
        record = undefined;
        owner = -1;
      }
      if (!isUnsealRecord(record)) {
        // Not one the unseal command wrote: reported once and set aside; the flag file alone decides.
        process.stderr.write(`suveren xks-proxy: ${recordFile} (uid ${owner}) is not an unseal record; set aside as .${name}.unreadable\n`);
        fs.renameSync(recordFile, path.join(dir, `.${name}.unreadable`));
        continue;
      }
      if (!this.sealed || this.identity !== record.sealed.identity) {
        // A seal the proxy never saw (sealed and unsealed between two looks, or while it was down).
        this.emit({
          event: 'sealed',
          by: `${byOf(record.sealed.ownerUid, record.sealed.by)}; lifted before the proxy saw it`,
          reason: record.sealed.reason,
          at: record.sealed.since,
        });
      }
      this.emit({ event: 'unsealed', by: byOf(owner, record.by), reason: record.reason, at: record.unsealedAt });
      this.lifted.add(record.sealed.identity);
      this.sealed = false;
      this.identity = undefined;
      fs.rmSync(recordFile, { force: true });
    }
    const stat = this.stat();
    if (stat) {
      const identity = flagIdentity(stat);
      if (this.lifted.has(identity)) return;
      if (!this.sealed || this.identity !== identity) {
        const state = sealState(this.file);
        this.emit({
          event: 'sealed',
          by: byOf(stat.uid, readClaimedBy(this.file)),
          reason: state.reason,
          at: state.since ?? new Date(stat.mtimeMs).toISOString(),
        });
        this.sealed = true;
        this.identity = identity;
      }
    } else {
      this.lifted.clear();
      if (this.sealed) {
        this.emit({ event: 'unsealed', by: 'flag file removed without suveren xks-proxy unseal (no unseal record)' });
        this.sealed = false;
        this.identity = undefined;
      }
    }
  }

  private stat(): fs.Stats | undefined {
    try {
      return fs.statSync(this.file);
    } catch {
      return undefined;
    }
  }
}
