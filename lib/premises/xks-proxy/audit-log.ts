import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The proxy's audit log: one JSON object per line, appended (O_APPEND, mode 0600), one
 * write per record so concurrent writers (the server, a `seal` command) never interleave
 * within a line. Records carry who asked for what and the decision; the types below
 * have no field for plaintext, ciphertext, AAD, IVs, tags or secrets, so none can be
 * logged by mistake.
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

export type AuditRecord = RequestAuditRecord | StateAuditRecord;

export class AuditLog {
  private readonly fd: number;

  constructor(public readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.fd = fs.openSync(file, 'a', 0o600);
  }

  public append(record: AuditRecord): void {
    fs.writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  public close(): void {
    fs.closeSync(this.fd);
  }
}
