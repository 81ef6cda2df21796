import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * A throw-away SoftHSM v2 token directory per test file, initialized with softhsm2-util
 * and removed afterwards. SoftHSM reads the file SOFTHSM2_CONF names when it
 * initializes. Under jest that variable is set by softhsm-global-setup.js (a test's own
 * process.env never reaches the library), and this module rewrites the file to point
 * at the test file's directory, holding a lock so that test files in the two workers
 * take turns. Outside jest it sets the variable itself. SoftHSM is installed by
 * scripts/ensure-softhsm.js (npm test's pretest, and .ci/run).
 */

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  readonly modulePath: string;
  readonly tokenLabel: string;
  readonly pin: string;
  /** The environment a child process needs to see this token directory. */
  readonly env: { readonly SOFTHSM2_CONF: string };
  /** Adds another token to the same directory. */
  addToken(label: string, pin: string): void;
  /** Removes the token directory and releases the lock. */
  remove(): void;
}

const LOCK_WAIT_MS = 120_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the lock file beside `conf`; a lock whose holder died is taken over. */
function lock(conf: string): () => void {
  const file = `${conf}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      let alive = true;
      try {
        process.kill(holder, 0);
      } catch {
        alive = false;
      }
      if (!alive) fs.rmSync(file, { force: true });
      else if (Date.now() > deadline) throw new Error(`SoftHSM is held by process ${holder} for over ${LOCK_WAIT_MS / 1000} s (${file})`, { cause: e });
      else sleep(50);
    }
  }
}

export function createSoftHsmToken(tokenLabel = 'suveren-test', pin = '246810'): SoftHsmToken {
  if (!fs.existsSync(SOFTHSM_MODULE)) throw new Error(`SoftHSM v2 is not installed (${SOFTHSM_MODULE}): run node scripts/ensure-softhsm.js`);
  const conf = process.env.SOFTHSM2_CONF ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-softhsm-')), 'softhsm2.conf');
  process.env.SOFTHSM2_CONF = conf;
  const release = lock(conf);
  const dir = fs.mkdtempSync(path.join(path.dirname(conf), 'tokens-'));
  fs.writeFileSync(conf, `directories.tokendir = ${dir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const addToken = (label: string, userPin: string) =>
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', userPin, '--so-pin', `so-${userPin}`], {
      env: { ...process.env, SOFTHSM2_CONF: conf },
      stdio: 'pipe',
    });
  addToken(tokenLabel, pin);
  return {
    modulePath: SOFTHSM_MODULE,
    tokenLabel,
    pin,
    env: { SOFTHSM2_CONF: conf },
    addToken,
    remove: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      release();
    },
  };
}
