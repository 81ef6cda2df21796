import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The proxy's audit log: one JSON object per line, appended (O_APPEND, mode 0600), one
 * write per record so concurrent writers (the server, a `seal` command) never interleave
 * within a line. Records carry who asked for what and the decision; the types below
 * have no field for plaintext, ciphertext, AAD, IVs, tags or secrets, so none can be
 * logged by mistake.
 *
 * Its size is bounded by what the proxy decides, not by what a caller sends: every string
 * field is cut to a fixed length, and requests refused before they are authenticated are
 * counted per reason and summarized at most once a second, with one sampled line per
 * reason (UnauthenticatedRefusals). Its integrity is protected as the XKS spec's logging
 * section asks: each line carries the SHA-256 of the line before it (`prev`), so a line
 * removed, changed or inserted breaks the chain that `verifyAuditChain` checks.
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
  readonly event: 'sealed' | 'unsealed' | 'started' | 'stopped';
  /** Who or what: `command` (suveren xks-proxy seal), `flag file` (the file appeared or went), `server`. */
  readonly by: string;
  readonly reason?: string;
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

/** The longest string any field of a line holds: a KMS key ARN or principal fits, an attacker's 15 KB header does not. */
export const MAX_AUDIT_FIELD_CHARS = 512;

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

const lineHash = (line: string) => createHash('sha256').update(line).digest('hex');
/** The chain's start: an empty log. */
const GENESIS = '0'.repeat(64);

/** The last line of `file` (without its newline), or undefined for an empty or missing file. */
function lastLine(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fs.fstatSync(fd).size;
    // Every line is bounded, so the last one fits in a fixed tail.
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const lines = buffer
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    return lines[lines.length - 1];
  } finally {
    fs.closeSync(fd);
  }
}

export class AuditLog {
  private readonly fd: number;
  /** The hash of the file's last line, and the file's size when it was last seen. */
  private prev = GENESIS;
  private knownSize = -1;

  constructor(public readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.fd = fs.openSync(file, 'a', 0o600);
  }

  public append(record: AuditRecord): void {
    // Another writer (a seal command) may have appended since: then chain onto the file's last line.
    const size = fs.fstatSync(this.fd).size;
    if (size !== this.knownSize) {
      const last = lastLine(this.file);
      this.prev = last === undefined ? GENESIS : lineHash(last);
    }
    const line = `${JSON.stringify({ ...(bounded(record) as object), prev: this.prev })}\n`;
    fs.writeSync(this.fd, line);
    this.prev = lineHash(line.slice(0, -1));
    this.knownSize = size + Buffer.byteLength(line);
  }

  public close(): void {
    fs.closeSync(this.fd);
  }
}

/** Checks the hash chain of an audit log: the line number of the first break, or undefined when it holds. */
export function verifyAuditChain(file: string): { lines: number; brokenAt?: number; reason?: string } {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  let prev = GENESIS;
  for (let i = 0; i < lines.length; i++) {
    let record: { prev?: unknown };
    try {
      record = JSON.parse(lines[i]) as { prev?: unknown };
    } catch {
      return { lines: lines.length, brokenAt: i + 1, reason: 'not a JSON line' };
    }
    if (record.prev !== prev) return { lines: lines.length, brokenAt: i + 1, reason: 'prev is not the SHA-256 of the line before' };
    prev = lineHash(lines[i]);
  }
  return { lines: lines.length };
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
