import { type KeyObject, createHash, verify } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * Checkpoints of the audit log's chain: {seq, head hash, time}, signed inside the HSM with
 * a non-extractable ECDSA P-256 key, and sent to stores off the key host that cannot be
 * rewritten: an S3 bucket with Object Lock in the operator's audit account, or the
 * customer's remote syslog. A hash chain alone cannot show that its last records were cut
 * or that the whole file was rewritten with a fresh chain; a checkpoint that left the host
 * can. Signatures, not per-record HMACs: a network HSM would add a round trip per request,
 * and whoever can verify an HMAC can forge one, whereas the public key is published and
 * verify-log works offline.
 */

export const CHECKPOINT_TYPE = 'suveren-xks-audit-checkpoint';

export interface AuditCheckpoint {
  readonly type: typeof CHECKPOINT_TYPE;
  readonly version: 1;
  /** The log's name (its file's base name), so checkpoints of two proxies never mix. */
  readonly log: string;
  /** The sequence number of the last record the checkpoint covers. */
  readonly seq: number;
  /** The SHA-256 of that record's line: the chain's head at `seq`. */
  readonly head: string;
  /** The SHA-256 of the record before it (its `prev`): tells a changed last record from a rewritten chain. */
  readonly prev: string;
  readonly time: string;
  /** The signing key's label on the token, and the SHA-256 of its public key (SPKI DER). */
  readonly keyLabel: string;
  readonly publicKeySha256: string;
  /** ECDSA P-256 over SHA-256 of signedText(), as r || s, Base64. */
  readonly signature: string;
}

/** The exact text a checkpoint's signature covers. */
export function signedText(c: Pick<AuditCheckpoint, 'log' | 'seq' | 'head' | 'prev' | 'time'>): string {
  return `${CHECKPOINT_TYPE}:v1:${c.log}:${c.seq}:${c.prev}:${c.head}:${c.time}`;
}

export function publicKeyFingerprint(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Signs a checkpoint: `signDigest` runs ECDSA inside the HSM over the SHA-256 it is given. */
export function makeCheckpoint(
  fields: { log: string; seq: number; head: string; prev: string; time: string; keyLabel: string },
  publicKey: KeyObject,
  signDigest: (digest: Buffer) => Buffer,
): AuditCheckpoint {
  const digest = createHash('sha256').update(signedText(fields)).digest();
  return {
    type: CHECKPOINT_TYPE,
    version: 1,
    ...fields,
    publicKeySha256: publicKeyFingerprint(publicKey),
    signature: signDigest(digest).toString('base64'),
  };
}

export function checkpointSignatureValid(checkpoint: AuditCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', Buffer.from(signedText(checkpoint)), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Whether a parsed value looks like a checkpoint (fields and types), before its signature is checked. */
export function isCheckpoint(value: unknown): value is AuditCheckpoint {
  const c = value as Partial<AuditCheckpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.type === CHECKPOINT_TYPE &&
    c.version === 1 &&
    typeof c.log === 'string' &&
    Number.isInteger(c.seq) &&
    typeof c.head === 'string' &&
    /^[0-9a-f]{64}$/.test(c.head) &&
    typeof c.prev === 'string' &&
    /^[0-9a-f]{64}$/.test(c.prev) &&
    typeof c.time === 'string' &&
    typeof c.signature === 'string'
  );
}

/** The object key of a checkpoint in S3: sortable by sequence number. */
export function checkpointObjectKey(prefix: string, checkpoint: Pick<AuditCheckpoint, 'log' | 'seq'>): string {
  return `${prefix}${checkpoint.log}/${String(checkpoint.seq).padStart(12, '0')}.json`;
}

/** A store off the host: where a checkpoint goes, and where verify-log reads them back. */
export interface CheckpointStore {
  /** What the store is, for messages (`s3://bucket/prefix`, `syslog tcp://host:514`). */
  readonly name: string;
  put(checkpoint: AuditCheckpoint): Promise<void>;
}

/**
 * RFC 5424 over TCP with RFC 6587 octet counting: one message per checkpoint, facility
 * log audit (13), severity informational, the checkpoint as JSON in the message.
 */
export function syslogFrame(checkpoint: AuditCheckpoint, hostname = os.hostname()): string {
  const message = `<110>1 ${checkpoint.time} ${hostname.replace(/\s/g, '-').slice(0, 255) || '-'} suveren-xks-proxy ${process.pid} checkpoint - ${JSON.stringify(checkpoint)}`;
  return `${Buffer.byteLength(message)} ${message}`;
}

export function syslogStore(host: string, port: number, timeoutMs = 5_000): CheckpointStore {
  return {
    name: `syslog tcp://${host}:${port}`,
    put: (checkpoint) =>
      new Promise<void>((resolve, reject) => {
        const socket = net.connect({ host, port });
        const timer = setTimeout(() => socket.destroy(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
        socket.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        // Written, then destroyed: a half-closed socket would wait on a syslog that never closes its side.
        socket.on('connect', () =>
          socket.end(syslogFrame(checkpoint), () => {
            clearTimeout(timer);
            socket.destroy();
            resolve();
          }),
        );
      }),
  };
}

/** Reads checkpoints from a directory of JSON files (an `aws s3 cp --recursive` of the bucket) or a syslog file (one message a line). */
export function readCheckpointFiles(location: string): AuditCheckpoint[] {
  const files = fs.statSync(location).isDirectory()
    ? fs
        .readdirSync(location, { recursive: true })
        .map((f) => path.join(location, String(f)))
        .filter((f) => f.endsWith('.json') && fs.statSync(f).isFile())
    : [location];
  const found: AuditCheckpoint[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      const whole = JSON.parse(text) as unknown;
      if (isCheckpoint(whole)) {
        found.push(whole);
        continue;
      }
    } catch {
      // One message a line: a syslog file.
    }
    for (const line of text.split('\n')) {
      const start = line.indexOf('{');
      if (start < 0) continue;
      try {
        const value = JSON.parse(line.slice(start)) as unknown;
        if (isCheckpoint(value)) found.push(value);
      } catch {
        // Not a checkpoint line (other syslog traffic).
      }
    }
  }
  return found;
}
