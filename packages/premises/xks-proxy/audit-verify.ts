import type { KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type AuditCheckpoint, checkpointSignatureValid, publicKeyFingerprint } from './audit-checkpoints';
import { GENESIS, lineHash, rotatedFiles } from './audit-log';

/*
 * `suveren xks-proxy verify-log`: the chain of every file (rotated ones first), every break
 * reported (not only the first), and every exported checkpoint held against it. A chain
 * shows a record changed, removed or inserted before its last record; only a checkpoint
 * that left the host shows the last records cut, or the whole file rewritten with a fresh
 * chain. Records newer than the last exported checkpoint are reported as not yet anchored.
 */

export interface ChainBreak {
  readonly file: string;
  /** 1-based line in `file`. */
  readonly line: number;
  /** The first sequence number the tampering affects. */
  readonly firstAffectedSeq: number;
  readonly reason: string;
}

export interface CheckpointFinding {
  readonly seq: number;
  readonly time: string;
  readonly status: 'anchored' | 'missing' | 'mismatch' | 'bad-signature';
  readonly firstAffectedSeq?: number;
  readonly detail: string;
}

export interface LogVerification {
  readonly files: readonly string[];
  readonly records: number;
  readonly firstSeq?: number;
  readonly lastSeq: number;
  readonly breaks: readonly ChainBreak[];
  readonly checkpoints: readonly CheckpointFinding[];
  /** The highest sequence number a valid exported checkpoint vouches for. */
  readonly anchoredThrough?: number;
  /** Records after the last anchored checkpoint. */
  readonly unanchored: number;
  /** What else makes the log not intact: the store's findings, checkpoints configured but none found. */
  readonly problems: readonly string[];
  /** No break, and every checkpoint anchored. */
  readonly intact: boolean;
}

export interface VerifyOptions {
  /** The log's name in the checkpoints: the configured audit file's base name. @default the base name of `file` */
  readonly logName?: string;
  /** Checkpoints are configured: finding none is not an intact log. @default false */
  readonly checkpointsExpected?: boolean;
  /** Problems the store reported (an overwritten or deleted checkpoint): each makes the log not intact. */
  readonly storeProblems?: readonly string[];
}

/** Verifies the log `file` (with its rotated predecessors) against `checkpoints` signed by `publicKey`. */
export function verifyAuditLog(file: string, checkpoints: readonly AuditCheckpoint[], publicKey?: KeyObject, options: VerifyOptions = {}): LogVerification {
  const files = [...rotatedFiles(file), ...(fs.existsSync(file) ? [file] : [])];
  const log = options.logName ?? path.basename(file);
  const breaks: ChainBreak[] = [];
  const wanted = new Set(checkpoints.flatMap((c) => [c.seq, c.seq - 1]));
  const hashAt = new Map<number, string>();
  let records = 0;
  let firstSeq: number | undefined;
  let expected: number | undefined;
  let prev: string | undefined;
  let firstPrev: string | undefined;
  /** The last record was the proxy's `stopped`: the next must be its `started`. */
  let afterStop = false;
  for (const current of files) {
    const lines = fs.readFileSync(current, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((line, i) => {
      const at = { file: current, line: i + 1 };
      let record: { seq?: unknown; prev?: unknown; type?: unknown; event?: unknown; reason?: unknown };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        breaks.push({ ...at, firstAffectedSeq: expected ?? 1, reason: 'not a JSON line: a record was changed or cut' });
        if (expected !== undefined) expected += 1;
        prev = lineHash(line);
        return;
      }
      records += 1;
      const seq = Number(record.seq);
      if (!Number.isInteger(seq) || seq < 1) {
        breaks.push({ ...at, firstAffectedSeq: expected ?? 1, reason: 'no sequence number: a record was changed' });
        prev = lineHash(line);
        return;
      }
      if (afterStop && !(record.type === 'state' && record.event === 'started'))
        breaks.push({ ...at, firstAffectedSeq: seq, reason: `seq ${seq} was written after the proxy stopped and before it started again: not by the proxy` });
      afterStop = record.type === 'state' && record.event === 'stopped';
      if (firstSeq === undefined) {
        firstSeq = seq;
        firstPrev = typeof record.prev === 'string' ? record.prev : undefined;
        // The chain's start, or (older files archived) a continuation the checkpoints vouch for.
        if (seq === 1 && record.prev !== GENESIS)
          breaks.push({ ...at, firstAffectedSeq: 1, reason: 'seq 1 does not start the chain (prev is not the genesis hash)' });
      } else if (expected !== undefined && seq !== expected) {
        breaks.push({
          ...at,
          firstAffectedSeq: Math.min(seq, expected),
          reason:
            seq > expected
              ? `records seq ${expected}${seq - 1 > expected ? `-${seq - 1}` : ''} are missing before seq ${seq}`
              : `seq ${seq} comes after seq ${expected - 1}: records were inserted or repeated`,
        });
      } else if (record.prev !== prev) {
        breaks.push({ ...at, firstAffectedSeq: seq - 1, reason: `prev of seq ${seq} is not the SHA-256 of seq ${seq - 1}: seq ${seq - 1} was changed` });
      }
      if (record.type === 'state' && record.event === 'tampered')
        breaks.push({ ...at, firstAffectedSeq: seq, reason: `the proxy itself saw: ${String(record.reason)}` });
      const hash = lineHash(line);
      if (wanted.has(seq)) hashAt.set(seq, hash);
      prev = hash;
      expected = seq + 1;
    });
  }
  const lastSeq = expected === undefined ? 0 : expected - 1;

  const findings: CheckpointFinding[] = [];
  let anchoredThrough: number | undefined;
  const fingerprint = publicKey ? publicKeyFingerprint(publicKey) : undefined;
  const valid = (c: AuditCheckpoint) => publicKey !== undefined && c.publicKeySha256 === fingerprint && checkpointSignatureValid(c, publicKey);
  // A log that starts after seq 1 (older files archived) must start where a checkpoint vouches
  // for: otherwise its first records were deleted.
  if (firstSeq !== undefined && firstSeq > 1 && !checkpoints.some((c) => c.log === log && c.seq === firstSeq! - 1 && c.head === firstPrev && valid(c)))
    breaks.unshift({
      file: files[0],
      line: 1,
      firstAffectedSeq: 1,
      reason: `the log starts at seq ${firstSeq}, and no exported checkpoint vouches for seq ${firstSeq - 1} before it: records 1-${firstSeq - 1} were removed, or archived without their checkpoint`,
    });
  for (const checkpoint of [...checkpoints].filter((c) => c.log === log).sort((a, b) => a.seq - b.seq)) {
    const base = { seq: checkpoint.seq, time: checkpoint.time };
    if (!valid(checkpoint)) {
      findings.push({
        ...base,
        status: 'bad-signature',
        detail: publicKey ? 'not signed by the published checkpoint key: ignored' : 'no public key to check it with (audit.checkpoints.publicKey)',
      });
      continue;
    }
    const hash = hashAt.get(checkpoint.seq);
    if (checkpoint.seq > lastSeq) {
      findings.push({
        ...base,
        status: 'missing',
        firstAffectedSeq: lastSeq + 1,
        detail: `the log ends at seq ${lastSeq}, but this checkpoint vouches for records through seq ${checkpoint.seq}: seq ${lastSeq + 1}-${checkpoint.seq} were removed`,
      });
    } else if (hash === undefined) {
      findings.push({
        ...base,
        status: 'missing',
        firstAffectedSeq: checkpoint.seq,
        detail: `the log holds no record seq ${checkpoint.seq}, which this checkpoint vouches for`,
      });
    } else if (hash !== checkpoint.head && hashAt.get(checkpoint.seq - 1) === checkpoint.prev) {
      findings.push({
        ...base,
        status: 'mismatch',
        firstAffectedSeq: checkpoint.seq,
        detail: `record seq ${checkpoint.seq} is not the one the checkpoint signed; the record before it is: seq ${checkpoint.seq} itself was changed`,
      });
    } else if (hash !== checkpoint.head) {
      // Somewhere after the last anchored checkpoint the records differ from what was signed:
      // at the earliest break in that range, else (an intact chain) from its start: rewritten.
      const since = (anchoredThrough ?? (firstSeq ?? 1) - 1) + 1;
      const earliest = breaks.map((b) => b.firstAffectedSeq).filter((s) => s >= since && s <= checkpoint.seq);
      const first = earliest.length > 0 ? Math.min(...earliest) : since;
      findings.push({
        ...base,
        status: 'mismatch',
        firstAffectedSeq: first,
        detail:
          earliest.length > 0
            ? `record seq ${checkpoint.seq} is not the one the checkpoint signed: the records changed from seq ${first}`
            : `record seq ${checkpoint.seq} is not the one the checkpoint signed, yet the chain before it holds: the records since seq ${since} were rewritten with a fresh chain`,
      });
    } else {
      findings.push({ ...base, status: 'anchored', detail: `records through seq ${checkpoint.seq} are as signed` });
      anchoredThrough = Math.max(anchoredThrough ?? 0, checkpoint.seq);
    }
  }
  const otherLogs = checkpoints.filter((c) => c.log !== log).length;
  const problems = [
    ...(options.storeProblems ?? []),
    ...(options.checkpointsExpected && anchoredThrough === undefined && lastSeq > 0
      ? [
          `audit.checkpoints is configured, but no valid checkpoint of ${log} was found${otherLogs > 0 ? ` (${otherLogs} of other logs were)` : ''}: nothing vouches for this log`,
        ]
      : []),
  ];
  return {
    files,
    records,
    firstSeq,
    lastSeq,
    breaks,
    checkpoints: findings,
    problems,
    anchoredThrough,
    unanchored: lastSeq - (anchoredThrough ?? (firstSeq ?? 1) - 1),
    intact: breaks.length === 0 && problems.length === 0 && findings.every((f) => f.status === 'anchored'),
  };
}

/** The report verify-log prints: every break, every checkpoint, the unanchored tail. */
export function renderVerification(v: LogVerification): string {
  const lines = [
    `${v.files.map((f) => path.basename(f)).join(', ') || '(no log file)'}: ${v.records} records, seq ${v.firstSeq ?? '-'} to ${v.lastSeq}`,
    v.breaks.length === 0 ? 'hash chain: intact' : `hash chain: ${v.breaks.length} break${v.breaks.length === 1 ? '' : 's'}`,
    ...v.breaks.map((b) => `  BROKEN ${path.basename(b.file)}:${b.line}: first affected seq ${b.firstAffectedSeq}: ${b.reason}`),
    v.checkpoints.length === 0
      ? 'checkpoints: none exported: nothing outside this host vouches for the log, so its tail could be cut or rewritten unseen'
      : `checkpoints: ${v.checkpoints.length}`,
    ...v.checkpoints.map(
      (c) =>
        `  ${c.status.toUpperCase()} seq ${c.seq} (${c.time})${c.firstAffectedSeq !== undefined ? `: first affected seq ${c.firstAffectedSeq}` : ''}: ${c.detail}`,
    ),
    ...v.problems.map((p) => `  PROBLEM ${p}`),
    v.anchoredThrough !== undefined
      ? `anchored through seq ${v.anchoredThrough}; ${v.unanchored} newer record${v.unanchored === 1 ? '' : 's'} not yet anchored`
      : `not anchored: ${v.unanchored} record${v.unanchored === 1 ? '' : 's'}`,
    v.intact ? 'verdict: intact' : 'verdict: TAMPERED',
  ];
  return `${lines.join('\n')}\n`;
}
