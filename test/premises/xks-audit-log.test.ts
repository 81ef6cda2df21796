import { generateKeyPairSync, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditLog, rotatedFiles } from '@suveren/premises/xks-proxy/audit-log';
import { type AuditCheckpoint, makeCheckpoint, readCheckpointFiles, signedText, syslogFrame } from '@suveren/premises/xks-proxy/audit-checkpoints';
import { verifyAuditLog } from '@suveren/premises/xks-proxy/audit-verify';

/*
 * The audit log's chain, rotation and tamper detection, on files in a temporary directory.
 * Checkpoints here are signed with a software P-256 key standing in for the HSM's (the
 * integration test signs inside SoftHSM): what is under test is the log and the verifier.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-audit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/**
 * The HSM signs the SHA-256 digest it is handed (CKM_ECDSA); Node's ECDSA hashes the text
 * itself, so the stand-in signs the checkpoint's text, which comes to the same signature
 * check (ECDSA P-256 over SHA-256 of signedText).
 */
function softwareSigned(fields: Parameters<typeof makeCheckpoint>[0], key = keys): AuditCheckpoint {
  return makeCheckpoint(fields, key.publicKey, () => sign('sha256', Buffer.from(signedText(fields)), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }));
}

let counter = 0;
function freshLog(rotateBytes?: number): { file: string; log: AuditLog } {
  const dir = path.join(tmp, `log-${++counter}`);
  const file = path.join(dir, 'xks-audit.jsonl');
  return { file, log: new AuditLog(file, rotateBytes ? { rotateBytes } : {}) };
}

const request = (i: number) => ({
  type: 'request' as const,
  time: new Date(Date.UTC(2026, 11, 6, 3, 0, i)).toISOString(),
  xksOperation: 'Encrypt' as const,
  status: 200,
  decision: 'served' as const,
  kmsRequestId: `r-${i}`,
  durationMs: 1,
});

/** The records of a log file, as written. */
function recordsOf(file: string): { seq: number; event?: string; reason?: string }[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { seq: number; event?: string; reason?: string });
}

function checkpointOf(file: string, log: AuditLog): AuditCheckpoint {
  return softwareSigned({
    log: path.basename(file),
    seq: log.head.seq,
    head: log.head.hash,
    prev: log.head.prev,
    time: '2026-12-06T03:00:00.000Z',
    keyLabel: 'test',
  });
}

describe('a software stand-in for the HSM signer', () => {
  test('its checkpoint verifies as verify-log checks one', () => {
    const { file, log } = freshLog();
    log.append(request(1));
    const checkpoint = checkpointOf(file, log);
    expect(verifyAuditLog(file, [checkpoint], keys.publicKey).checkpoints).toEqual([expect.objectContaining({ status: 'anchored' })]);
  });
});

describe('the chain', () => {
  test('sequence numbers from 1, each record chained to the one before, across a restart of the writer', () => {
    const { file, log } = freshLog();
    for (let i = 0; i < 5; i++) log.append(request(i));
    log.close();
    const again = new AuditLog(file);
    again.append(request(5));
    again.close();
    const seqs = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verifyAuditLog(file, [])).toMatchObject({ intact: true, records: 6, lastSeq: 6, breaks: [] });
  });

  test('rotation: the proxy renames the file at rotateBytes and the chain continues in the next one, which names the last', () => {
    const { file, log } = freshLog(2_000);
    for (let i = 0; i < 40; i++) log.append(request(i));
    log.close();
    const rotated = rotatedFiles(file);
    expect(rotated.length).toBeGreaterThan(2);
    const first = JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]) as { event: string; reason: string; seq: number };
    const lastOfPrevious = JSON.parse(
      fs
        .readFileSync(rotated[rotated.length - 1], 'utf8')
        .trim()
        .split('\n')
        .pop()!,
    ) as { seq: number };
    expect(first).toMatchObject({
      event: 'rotated',
      seq: lastOfPrevious.seq + 1,
      reason: `continues ${path.basename(rotated[rotated.length - 1])} (seq ${lastOfPrevious.seq})`,
    });
    expect(verifyAuditLog(file, [])).toMatchObject({ intact: true, firstSeq: 1, breaks: [] });
    // A rotated file removed from the middle is a break.
    fs.rmSync(rotated[1]);
    expect(verifyAuditLog(file, []).breaks).toEqual([expect.objectContaining({ reason: expect.stringMatching(/^records seq \d+-\d+ are missing/) })]);
  });

  test("a file cut behind the writer's back is tampering: the writer logs it and keeps its own chain, never re-chaining onto the file", () => {
    const { file, log } = freshLog();
    for (let i = 0; i < 10; i++) log.append(request(i));
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    fs.truncateSync(file, Buffer.byteLength(lines.slice(0, 7).join('\n')) + 1);
    log.append(request(10));
    log.close();
    const records = recordsOf(file);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 11, 12]);
    expect(records[7]).toMatchObject({ event: 'tampered', reason: expect.stringMatching(/^the log shrank from \d+ to \d+ bytes while the proxy was running/) });
    const verified = verifyAuditLog(file, []);
    expect(verified.intact).toBe(false);
    expect(verified.breaks.map((b) => b.firstAffectedSeq)).toEqual([8, 11]);
  });
});

describe('checkpoints anchor the tail', () => {
  /** A log of 30 records and a checkpoint of all of them; `tamper` edits a copy of its lines (same base name). */
  function tamperedCopy(tamper: (lines: string[]) => string[]): { verified: ReturnType<typeof verifyAuditLog>; checkpointSeq: number } {
    const { file, log } = freshLog();
    for (let i = 0; i < 30; i++) log.append(request(i));
    const checkpoint = checkpointOf(file, log);
    log.close();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    fs.writeFileSync(file, `${tamper(lines).join('\n')}\n`);
    return { verified: verifyAuditLog(file, [checkpoint], keys.publicKey), checkpointSeq: checkpoint.seq };
  }

  test('untouched: anchored through the checkpoint, nothing newer', () => {
    const { verified } = tamperedCopy((lines) => lines);
    expect(verified).toMatchObject({ intact: true, anchoredThrough: 30, unanchored: 0 });
  });

  test('the last line deleted: detected, naming seq 30', () => {
    const { verified } = tamperedCopy((lines) => lines.slice(0, -1));
    expect(verified.intact).toBe(false);
    expect(verified.checkpoints).toEqual([expect.objectContaining({ status: 'missing', firstAffectedSeq: 30 })]);
  });

  test('the last 10 lines deleted: detected, naming seq 21', () => {
    const { verified } = tamperedCopy((lines) => lines.slice(0, -10));
    expect(verified.checkpoints).toEqual([expect.objectContaining({ status: 'missing', firstAffectedSeq: 21 })]);
  });

  test.each([1, 12, 29, 30])('line %i edited: detected, naming it', (line) => {
    const { verified } = tamperedCopy((lines) => lines.map((l, i) => (i === line - 1 ? l.replace('"status":200', '"status":403') : l)));
    expect(verified.intact).toBe(false);
    const named = [...verified.breaks.map((b) => b.firstAffectedSeq), ...verified.checkpoints.map((c) => c.firstAffectedSeq)].filter((s) => s !== undefined);
    expect(Math.min(...(named as number[]))).toBe(line);
  });

  test('the whole file rewritten with a fresh chain: the chain holds, the checkpoint does not, naming seq 1', () => {
    const { verified } = tamperedCopy((lines) => {
      const forged = freshLog();
      for (const l of lines) {
        const { seq: _seq, prev: _prev, ...fields } = JSON.parse(l) as Record<string, unknown>;
        forged.log.append({ ...(fields as ReturnType<typeof request>), status: 403 });
      }
      forged.log.close();
      return fs.readFileSync(forged.file, 'utf8').trim().split('\n');
    });
    expect(verified.breaks).toEqual([]);
    expect(verified.checkpoints).toEqual([expect.objectContaining({ status: 'mismatch', firstAffectedSeq: 1 })]);
  });

  test('records after the last checkpoint are reported as not yet anchored', () => {
    const { file, log } = freshLog();
    for (let i = 0; i < 5; i++) log.append(request(i));
    const checkpoint = checkpointOf(file, log);
    for (let i = 5; i < 8; i++) log.append(request(i));
    log.close();
    expect(verifyAuditLog(file, [checkpoint], keys.publicKey)).toMatchObject({ intact: true, anchoredThrough: 5, unanchored: 3 });
  });

  test('a checkpoint not signed by the published key is not trusted', () => {
    const { file, log } = freshLog();
    log.append(request(1));
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = softwareSigned({ log: path.basename(file), seq: 1, head: log.head.hash, prev: log.head.prev, time: 't', keyLabel: 'x' }, other);
    log.close();
    expect(verifyAuditLog(file, [forged], keys.publicKey).checkpoints).toEqual([expect.objectContaining({ status: 'bad-signature' })]);
  });

  test('checkpoints are read back from a directory of JSON objects and from a syslog file', () => {
    const { file, log } = freshLog();
    log.append(request(1));
    const checkpoint = checkpointOf(file, log);
    log.close();
    const dir = path.join(tmp, 'exported');
    fs.mkdirSync(path.join(dir, 'xks-audit', 'xks-audit.jsonl'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'xks-audit', 'xks-audit.jsonl', '000000000001.json'), `${JSON.stringify(checkpoint)}\n`);
    expect(readCheckpointFiles(dir)).toEqual([checkpoint]);
    const syslog = path.join(tmp, 'syslog.log');
    fs.writeFileSync(syslog, `Dec  6 03:00:00 keyhost other: unrelated {"not":"a checkpoint"}\n${syslogFrame(checkpoint, 'keyhost').replace(/^\d+ /, '')}\n`);
    expect(readCheckpointFiles(syslog)).toEqual([checkpoint]);
  });
});

describe('what a second read found', () => {
  test('the first records deleted: a log that starts after seq 1 needs a checkpoint vouching for where it starts', () => {
    const { file, log } = freshLog();
    for (let i = 0; i < 20; i++) log.append(request(i));
    const checkpoint = checkpointOf(file, log);
    log.close();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    fs.writeFileSync(file, `${lines.slice(5).join('\n')}\n`);
    const verified = verifyAuditLog(file, [checkpoint], keys.publicKey);
    expect(verified.intact).toBe(false);
    expect(verified.breaks[0]).toMatchObject({
      firstAffectedSeq: 1,
      reason: expect.stringMatching(/^the log starts at seq 6, and no exported checkpoint vouches for seq 5/),
    });
  });

  test("records written while the proxy was stopped are not the proxy's", () => {
    const { file, log } = freshLog();
    log.append(request(1));
    log.append({ type: 'state', time: 't', event: 'stopped', by: 'server' });
    log.close();
    // Appended by someone else while the proxy was down, chained correctly: the writer adopts the head...
    const forger = new AuditLog(file);
    forger.append(request(2));
    forger.close();
    const again = new AuditLog(file);
    again.append({ type: 'state', time: 't', event: 'started', by: 'server' });
    again.close();
    // ...but a record between `stopped` and `started` is reported.
    expect(verifyAuditLog(file, []).breaks).toEqual([
      expect.objectContaining({ firstAffectedSeq: 3, reason: expect.stringMatching(/written after the proxy stopped/) }),
    ]);
  });

  test('a log file renamed aside and replaced while the writer runs is tampering, recorded in the file at the path', () => {
    const { file, log } = freshLog();
    log.append(request(1));
    fs.renameSync(file, `${file}.aside`);
    fs.writeFileSync(file, '');
    log.append(request(2));
    log.close();
    const records = recordsOf(file);
    expect(records[0]).toMatchObject({ seq: 2, event: 'tampered', reason: expect.stringMatching(/replaced or removed while the proxy was running/) });
  });

  test('a damaged last line does not restart the numbering', () => {
    const { file, log } = freshLog();
    for (let i = 0; i < 4; i++) log.append(request(i));
    log.close();
    fs.appendFileSync(file, '{"seq": 5, "cut mid-li\n');
    const again = new AuditLog(file);
    again.append(request(9));
    again.close();
    const last = JSON.parse(fs.readFileSync(file, 'utf8').trim().split('\n').pop()!) as { seq: number };
    expect(last.seq).toBe(6);
  });

  test('checkpoints of another log name are not counted, and configured-but-none is not intact', () => {
    const { file, log } = freshLog();
    log.append(request(1));
    const other = softwareSigned({ log: 'another.jsonl', seq: 1, head: log.head.hash, prev: log.head.prev, time: 't', keyLabel: 'x' });
    log.close();
    const verified = verifyAuditLog(file, [other], keys.publicKey, { checkpointsExpected: true });
    expect(verified.intact).toBe(false);
    expect(verified.problems).toEqual([expect.stringMatching(/no valid checkpoint of xks-audit\.jsonl was found \(1 of other logs were\)/)]);
  });
});
