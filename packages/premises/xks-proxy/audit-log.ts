import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The proxy's audit log: one JSON object per line, appended (O_APPEND, mode 0600) by the
 * proxy alone: `seal` and `unseal` change only the flag file, and the proxy logs what it
 * sees. Records carry who asked for what and the decision; the types below have no field
 * for plaintext, ciphertext, AAD, IVs, tags or secrets, so none can be logged by mistake.
 *
 * Its size is bounded by what the proxy decides, not by what a caller sends: every string
 * field is cut to a fixed length, and requests refused before they are authenticated are
 * counted per reason and summarized at most once a second, with one sampled line per
 * reason (UnauthenticatedRefusals). The proxy rotates the file itself at `rotateBytes`.
 *
 * Its integrity, as the XKS spec's logging section asks: each record carries a sequence
 * number (`seq`, continuing across rotated files) and the SHA-256 of the line before it
 * (`prev`), so a record removed, changed or inserted breaks the chain; HSM-signed
 * checkpoints exported off the host (audit-checkpoints.ts) anchor its tail, which a chain
 * alone cannot (audit-verify.ts). A file that shrinks or grows behind the proxy's back is
 * tampering: the proxy logs it and keeps its own chain, never re-chaining onto the file.
 */

export interface RequestAuditRecord {
  readonly type: 'request';
  readonly time: string;
  readonly xksOperation: 'GetKeyMetadata' | 'Encrypt' | 'Decrypt' | 'GetHealthStatus' | 'unknown';
  readonly status: number;
  readonly decision: 'served' | 'refused';
  readonly errorName?: string;
  /** Why a request was refused, or which rule allowed it. */
  readonly reason?: string;
  readonly externalKeyId?: string;
  readonly kmsRequestId?: string;
  readonly kmsOperation?: string;
  readonly kmsKeyArn?: string;
  readonly awsPrincipalArn?: string;
  readonly kmsViaService?: string;
  readonly awsSourceVpce?: string;
  /** The SigV4 access key id that signed (an identifier, not a secret). */
  readonly accessKeyId?: string;
  readonly remoteAddress?: string;
  readonly durationMs: number;
}

export interface StateAuditRecord {
  readonly type: 'state';
  readonly time: string;
  readonly event: 'sealed' | 'unsealed' | 'started' | 'stopped' | 'rotated' | 'tampered' | 'credentials';
  /**
   * Who or what: for a seal, the flag file's owner (`uid 0`, which the kernel attests) and
   * the user the seal command names; `server` for the proxy's own events.
   */
  readonly by: string;
  readonly reason?: string;
  /** When the change happened, where it was before the proxy saw it (a seal while it was down, say). */
  readonly at?: string;
}

/** Requests refused before authentication in one interval, counted per reason, with one sample each. */
export interface UnauthenticatedAuditRecord {
  readonly type: 'unauthenticated';
  readonly time: string;
  /** Seconds this record covers. */
  readonly seconds: number;
  /** Refusals per reason class, e.g. `{ "AuthenticationFailedException": 1840, "header too large": 96 }`. */
  readonly counts: Readonly<Record<string, number>>;
  /** The first refusal of each class in the interval, its fields cut to length. */
  readonly samples: readonly { readonly reasonClass: string; readonly reason?: string; readonly remoteAddress?: string }[];
}

export type AuditRecord = RequestAuditRecord | StateAuditRecord | UnauthenticatedAuditRecord;

/**
 * The longest string any field of a line holds: the spec allows 2,048 characters for a key
 * ARN or a principal, which are kept whole; an attacker's 15 KB header is not.
 */
export const MAX_AUDIT_FIELD_CHARS = 2048;

function bounded(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length <= MAX_AUDIT_FIELD_CHARS
      ? value
      : `${value.slice(0, MAX_AUDIT_FIELD_CHARS)}...(${value.length - MAX_AUDIT_FIELD_CHARS} more characters)`;
  }
  if (Array.isArray(value)) return value.slice(0, 32).map(bounded);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .slice(0, 32)
        .map(([k, v]) => [k.slice(0, 64), bounded(v)]),
    );
  return value;
}

/** SHA-256 of one line, without its newline: what the next record's `prev` holds. */
export const lineHash = (line: string) => createHash('sha256').update(line).digest('hex');
/** The chain's start: the `prev` of sequence number 1. */
export const GENESIS = '0'.repeat(64);

/** A record as written: its fields, its sequence number and its predecessor's hash. */
export interface ChainedFields {
  readonly seq: number;
  readonly prev: string;
}

/** The last lines of `file` (without newlines), last first; none for an empty or missing file. */
function lastLines(file: string): string[] {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = fs.fstatSync(fd).size;
    // Every line is bounded, so the last one fits in a fixed tail.
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .reverse();
  } finally {
    fs.closeSync(fd);
  }
}

/** Rotated files of `file`: `<file>.<last seq, 12 digits>`, oldest first. */
export function rotatedFiles(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.`) && /^\d{12}$/.test(f.slice(base.length + 1)))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The chain's head as the files hold it: the last record's seq, hash and prev, or the start. */
function headOf(file: string): { seq: number; hash: string; prev: string } {
  for (const candidate of [file, ...rotatedFiles(file).reverse()]) {
    const lines = lastLines(candidate);
    if (lines.length === 0) continue;
    // A damaged last line: the chain continues from its hash (verify-log reports it), and the
    // numbering from the last record that still has one, so no sequence number is used twice.
    let seq = 0;
    let prev = GENESIS;
    for (const [i, line] of lines.entries()) {
      try {
        const record = JSON.parse(line) as { seq?: unknown; prev?: unknown };
        if (!Number.isInteger(record.seq)) continue;
        seq = Number(record.seq) + i;
        if (i === 0 && typeof record.prev === 'string') prev = record.prev;
        break;
      } catch {
        // keep looking further back
      }
    }
    return { seq, hash: lineHash(lines[0]), prev };
  }
  return { seq: 0, hash: GENESIS, prev: GENESIS };
}

export interface AuditLogOptions {
  /**
   * The file is rotated once it reaches this size: renamed to `<file>.<last seq>`, and the
   * chain continues in a new file, whose first record names the previous one.
   * @default 64 MiB
   */
  readonly rotateBytes?: number;
  /** Called after every record with its sequence number and hash (the checkpointer). */
  readonly onAppend?: (seq: number, hash: string) => void;
}

export const DEFAULT_ROTATE_BYTES = 64 * 1024 * 1024;

export class AuditLog {
  private fd: number;
  private seq: number;
  private prev: string;
  /** The `prev` of the last record: the hash of the one before it. */
  private beforeHead: string;
  /** Bytes the proxy knows the file holds: anything else is another process's doing. */
  private written: number;
  private readonly rotateBytes: number;
  private closed = false;

  constructor(
    public readonly file: string,
    private readonly options: AuditLogOptions = {},
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const head = headOf(file);
    this.seq = head.seq;
    this.prev = head.hash;
    this.beforeHead = head.prev;
    this.fd = fs.openSync(file, 'a', 0o600);
    this.written = fs.fstatSync(this.fd).size;
    this.rotateBytes = options.rotateBytes ?? DEFAULT_ROTATE_BYTES;
  }

  /** The last record's sequence number and hash, and the hash of the record before it. */
  public get head(): { seq: number; hash: string; prev: string } {
    return { seq: this.seq, hash: this.prev, prev: this.beforeHead };
  }

  public append(record: AuditRecord): { seq: number; hash: string } {
    // The file at the path must still be the one the proxy writes: one renamed aside and
    // replaced (or removed) is tampering, recorded in a file at the path again.
    let replaced: boolean;
    try {
      const atPath = fs.statSync(this.file);
      const open = fs.fstatSync(this.fd);
      replaced = atPath.ino !== open.ino || atPath.dev !== open.dev;
    } catch {
      replaced = true;
    }
    if (replaced) {
      fs.closeSync(this.fd);
      this.fd = fs.openSync(this.file, 'a', 0o600);
      this.written = fs.fstatSync(this.fd).size;
      this.write({
        type: 'state',
        time: record.time,
        event: 'tampered',
        by: 'server',
        reason: `the log file was replaced or removed while the proxy was running; the chain continues from seq ${this.seq}`,
      });
    }
    const size = fs.fstatSync(this.fd).size;
    if (size !== this.written) {
      // The proxy is the only writer: a shrunken or grown file is tampering, recorded in the
      // proxy's own chain (never re-chained onto what the file now holds).
      const reason =
        size < this.written
          ? `the log shrank from ${this.written} to ${size} bytes while the proxy was running: records up to seq ${this.seq} were removed or cut`
          : `${size - this.written} bytes were written by another process; the proxy is the log's only writer`;
      this.written = size;
      this.write({ type: 'state', time: record.time, event: 'tampered', by: 'server', reason });
    }
    const written = this.write(record);
    if (this.written >= this.rotateBytes) this.rotate(record.time);
    return written;
  }

  private write(record: AuditRecord): { seq: number; hash: string } {
    const seq = this.seq + 1;
    const line = JSON.stringify({ ...(bounded(record) as object), seq, prev: this.prev });
    fs.writeSync(this.fd, `${line}\n`);
    this.seq = seq;
    this.beforeHead = this.prev;
    this.prev = lineHash(line);
    this.written += Buffer.byteLength(line) + 1;
    this.options.onAppend?.(seq, this.prev);
    return { seq, hash: this.prev };
  }

  /** Renames the file to `<file>.<last seq>` and continues the chain in a new one. */
  private rotate(time: string): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    const rotated = `${this.file}.${String(this.seq).padStart(12, '0')}`;
    fs.renameSync(this.file, rotated);
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.written = 0;
    this.write({ type: 'state', time, event: 'rotated', by: 'server', reason: `continues ${path.basename(rotated)} (seq ${this.seq})` });
  }

  public close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}

/**
 * Requests refused before authentication (a bad or missing signature, a path or method
 * KMS never uses, a header or body over the limits): counted per reason class and written
 * as one summary line per interval with one sample per class, so that what an
 * unauthenticated caller sends cannot make the log grow faster than a few lines a second.
 */
export class UnauthenticatedRefusals {
  private counts = new Map<string, number>();
  private samples = new Map<string, { reason?: string; remoteAddress?: string }>();
  private since = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: AuditLog,
    private readonly now: () => Date,
    intervalMs = 1000,
  ) {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  public count(reasonClass: string, reason?: string, remoteAddress?: string): void {
    // A fixed set of classes: the caller's input never makes a new one.
    this.counts.set(reasonClass, (this.counts.get(reasonClass) ?? 0) + 1);
    if (!this.samples.has(reasonClass)) this.samples.set(reasonClass, { reason, remoteAddress });
  }

  public flush(): void {
    if (this.counts.size === 0) return;
    const record: UnauthenticatedAuditRecord = {
      type: 'unauthenticated',
      time: this.now().toISOString(),
      seconds: Math.round((Date.now() - this.since) / 100) / 10,
      counts: Object.fromEntries(this.counts),
      samples: [...this.samples].map(([reasonClass, sample]) => ({ reasonClass, ...sample })),
    };
    this.counts = new Map();
    this.samples = new Map();
    this.since = Date.now();
    try {
      this.log.append(record);
    } catch (e) {
      process.stderr.write(`suveren xks-proxy: the audit log cannot be written (${(e as Error).message})\n`);
    }
  }

  public close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
