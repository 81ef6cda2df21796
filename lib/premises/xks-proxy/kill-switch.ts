import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The kill switch: while the flag file exists, the proxy refuses every cryptographic
 * call and health reports it. A file, so that an operator, a script or an alarm
 * (`touch`) can seal the proxy without the proxy's cooperation, and so that the sealed
 * state survives a restart. `suveren xks-proxy seal` writes it with a reason.
 */

export interface SealState {
  readonly sealed: boolean;
  readonly since?: string;
  readonly reason?: string;
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

/** Seals; returns false when it already was. */
export function seal(file: string, reason: string, now = new Date()): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, `${JSON.stringify({ sealedAt: now.toISOString(), reason })}\n`, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** Unseals; returns false when it was not sealed. */
export function unseal(file: string): boolean {
  try {
    fs.unlinkSync(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
