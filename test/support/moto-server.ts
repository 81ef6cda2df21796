import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

/*
 * A real S3/KMS endpoint for handler integration tests: moto_server on 127.0.0.1 with a
 * free port, started by the test itself. moto stores SSE headers but never calls KMS
 * and does not enforce POST policy conditions; tests that depend on those say so.
 */

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const INSTALL = "python3 -m pip install 'moto[server]'";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface MotoServerOptions {
  /** The account moto creates everything in (`MOTO_ACCOUNT_ID`), so ARNs name the template's account. @default moto's 123456789012 */
  readonly accountId?: string;
}

export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`moto_server is not installed; the handler integration tests need it. Install it with: ${INSTALL}`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...(options.accountId ? { MOTO_ACCOUNT_ID: options.accountId } : {}) },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`moto_server did not start on ${endpoint}: ${stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Never let a server outlive the test process, even when a test fails before stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
