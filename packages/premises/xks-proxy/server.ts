import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Pkcs11Token } from '../pkcs11/token';
import { AuditLog, UnauthenticatedRefusals } from './audit-log';
import { ConnectionGuard } from './connection-guard';
import { HsmKeyStore } from './hsm-key-store';
import * as path from 'node:path';
import { KillSwitchObserver, sealState } from './kill-switch';
import { AuditCheckpointer, type CheckpointOutcome } from './audit-checkpointer';
import { type CheckpointStore, publicKeyFingerprint, syslogStore } from './audit-checkpoints';
import { s3CheckpointStore } from './audit-checkpoint-s3';
import { X509Certificate, createPublicKey } from 'node:crypto';
import { type ProxyConfig, loadProxyConfig } from './proxy-config';
import { handleXksRequest } from './xks-api';

/*
 * `suveren xks-proxy serve`: the XKS Proxy API over HTTPS (TLS 1.2 or later, the spec's
 * cipher suites), one PKCS#11 session to the HSM, the audit log and the kill switch.
 * GET /ping answers the load balancer's health check without touching keys.
 */

/** The spec's suites: TLS 1.3 AES-256-GCM and ChaCha20-Poly1305; TLS 1.2 ECDHE with AES-256-GCM. */
export const TLS_CIPHERS = ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384'].join(':');

/** Far above the largest valid request (4300-byte data and 8192-byte AAD, in Base64, and metadata). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Limits on what a caller can hold open or send before it is authenticated: KMS's headers
 * (SigV4, host, content type, a request id) are well under 2 KiB, and KMS allows a proxy
 * 250 ms per call, so a connection still handshaking or sending headers after seconds is
 * not KMS.
 */
export const CONNECTION_LIMITS = {
  maxHeaderBytes: 8 * 1024,
  handshakeTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  /**
   * How often Node checks headersTimeout and requestTimeout: they are absolute deadlines
   * from a request's first byte, but enforced only at this interval (Node's default is 30 s,
   * which let slowloris hold a connection three times the documented 10 s).
   */
  checkIntervalMs: 1_000,
  /** After a 400/408/431, how long the answer may take to leave before the socket is destroyed anyway. */
  errorFlushMs: 1_000,
  /** How long a shutdown waits for the server to close before it writes `stopped` regardless. */
  shutdownDeadlineMs: 3_000,
} as const;

/** Why a request was refused before authentication, as one of a fixed set of classes (never the caller's own text). */
const REFUSAL_CLASSES: readonly [RegExp, string][] = [
  [/^no AWS4-HMAC-SHA256/, 'no signature'],
  [/^access key id .* is not configured$/s, 'unknown access key id'],
  [/^signed for service /, 'wrong signing service'],
  [/^signed for region /, 'wrong signing region'],
  [/^signed for host /, 'wrong host'],
  [/must be signed$/, 'host or date unsigned'],
  [/^x-amz-date is missing/, 'bad signing date'],
  [/more than 5 minutes from the proxy's clock$/, 'clock skew'],
  [/^signature does not match$/, 'signature does not match'],
];

export function refusalClass(errorName: string | undefined, reason: string | undefined): string {
  const found = REFUSAL_CLASSES.find(([pattern]) => pattern.test(reason ?? ''));
  return `${errorName ?? 'refused'}${found ? `: ${found[1]}` : ''}`;
}

/** The DNS names and IP addresses of a PEM certificate's subjectAltName (of the first certificate of a chain). */
export function certificateNames(pem: Buffer): string[] {
  const san = new X509Certificate(pem).subjectAltName ?? '';
  return san
    .split(',')
    .map((entry) => entry.trim())
    .flatMap((entry) => (entry.startsWith('DNS:') ? [entry.slice(4)] : entry.startsWith('IP Address:') ? [entry.slice(11)] : []));
}

export class ProxyStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxyStartError';
  }
}

/** Reads the SigV4 secrets: files of mode 0600 holding 43-64 characters of A-Z a-z 0-9 + / = (the spec's format). */
export function readSecrets(config: ProxyConfig): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const credential of config.credentials) {
    const file = credential.secretAccessKeyFile;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new ProxyStartError(`cannot read the secret of credential ${credential.accessKeyId}: ${file} not found`);
    }
    if ((stat.mode & 0o077) !== 0)
      throw new ProxyStartError(`${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}); run \`chmod 600 ${file}\``);
    const secret = fs.readFileSync(file, 'utf8').trim();
    if (!/^[A-Za-z0-9+/=]{43,64}$/.test(secret))
      throw new ProxyStartError(`${file} must hold a 43-64 character secret of A-Z a-z 0-9 + / = (suveren xks-proxy credential makes one)`);
    secrets.set(credential.accessKeyId, secret);
  }
  return secrets;
}

export interface RunningProxy {
  readonly port: number;
  readonly audit: AuditLog;
  /** The HSM side, for health and for tests. */
  readonly keys: HsmKeyStore;
  /** Writes the counts of unauthenticated refusals now, instead of at the next second. */
  flushUnauthenticated(): void;
  /** TCP connections open now, handshaking or not. */
  openConnections(): number;
  /** Destroys every connection and writes `stopped` within CONNECTION_LIMITS.shutdownDeadlineMs. */
  close(): Promise<void>;
  /** Signs the chain's head now and sends it, and every pending checkpoint, to the stores (SIGUSR1 in the command). */
  checkpoint(): Promise<CheckpointOutcome>;
  /**
   * Reads the config file's credentials and their secret files again and serves with them
   * from the next request (SIGHUP in the command); on any problem keeps the ones it has and
   * throws, naming it. Returns the access key ids now accepted.
   */
  reloadCredentials(): string[];
}

export interface ProxyOptions {
  /** The HSM user PIN (SUVEREN_PKCS11_PIN). */
  readonly pin: string;
  readonly version: string;
  /**
   * The TLS private key's file, where systemd hands it over as a credential.
   * @default config.server.privateKey
   */
  readonly tlsKeyFile?: string;
  /** @default the system clock */
  readonly now?: () => Date;
  /**
   * The config file, read again for its credentials by reloadCredentials (SIGHUP in the
   * command): the spec says a proxy SHOULD take a new credential without a restart.
   * @default credentials cannot be reloaded
   */
  readonly configFile?: string;
}

export async function startXksProxy(config: ProxyConfig, options: ProxyOptions): Promise<RunningProxy> {
  const secrets = readSecrets(config);
  let tls: { cert: Buffer; key: Buffer };
  const keyFile = options.tlsKeyFile ?? config.server.privateKey;
  if (fs.existsSync(keyFile) && (fs.statSync(keyFile).mode & 0o077) !== 0) {
    throw new ProxyStartError(`${keyFile} is readable by others; run \`chmod 600 ${keyFile}\``);
  }
  try {
    tls = { cert: fs.readFileSync(config.server.certificate), key: fs.readFileSync(keyFile) };
  } catch (e) {
    throw new ProxyStartError(`cannot read the TLS certificate or key: ${(e as Error).message}`);
  }
  const keys = new HsmKeyStore(
    () => Pkcs11Token.open({ modulePath: config.hsm.pkcs11Module, tokenLabel: config.hsm.token, pin: options.pin }),
    config.hsm.healthCheckKey,
  );
  if (!keys.hasKey(config.hsm.healthCheckKey)) {
    keys.close();
    throw new ProxyStartError(
      `the health-check key "${config.hsm.healthCheckKey}" is not on token "${config.hsm.token}": create it with suveren keygen --pkcs11 --mechanism CKM_AES_GCM`,
    );
  }
  const now = options.now ?? (() => new Date());
  const report = (message: string) => process.stderr.write(`suveren xks-proxy: ${message}\n`);
  let checkpointer: AuditCheckpointer | undefined;
  const audit = new AuditLog(config.audit.file, { rotateBytes: config.audit.rotateBytes, onAppend: (seq) => checkpointer?.noteAppend(seq) });
  const checkpoints = config.audit.checkpoints;
  if (checkpoints) {
    try {
      const publicKey = keys.publicKey(checkpoints.signingKey);
      const published = createPublicKey(fs.readFileSync(checkpoints.publicKey));
      if (publicKeyFingerprint(published) !== publicKeyFingerprint(publicKey))
        throw new Error(
          `${checkpoints.publicKey} is not the public half of "${checkpoints.signingKey}" on the token: publish the right one (suveren xks-proxy checkpoint-key --out)`,
        );
      const stores: CheckpointStore[] = [
        ...(checkpoints.s3 ? [s3CheckpointStore(checkpoints.s3)] : []),
        ...(checkpoints.syslog ? [syslogStore(checkpoints.syslog.host, checkpoints.syslog.port)] : []),
      ];
      checkpointer = new AuditCheckpointer({
        logName: path.basename(config.audit.file),
        head: () => audit.head,
        keyLabel: checkpoints.signingKey,
        publicKey,
        sign: (digest) => keys.signDigest(checkpoints.signingKey, digest),
        stores,
        everyRecords: checkpoints.everyRecords,
        everySeconds: checkpoints.everySeconds,
        now,
        report,
      });
    } catch (e) {
      keys.close();
      audit.close();
      throw new ProxyStartError(`audit checkpoints: ${(e as Error).message}`);
    }
  } else {
    report('audit.checkpoints is not configured: nothing off this host anchors the audit log, so its last records could be cut unseen (docs/xks-proxy.md)');
  }

  // The kill switch is the flag file; the proxy logs each change it sees, once (it is the log's only writer).
  const killSwitch = new KillSwitchObserver(config.killSwitch.file, (change) =>
    audit.append({ type: 'state', time: now().toISOString(), event: change.event, by: change.by, reason: change.reason, at: change.at }),
  );
  const startedSealed = sealState(config.killSwitch.file).sealed;
  const watcher = setInterval(() => killSwitch.poll(), 1000);
  watcher.unref();
  const currentSeal = () => killSwitch.state();

  // The names KMS may sign for: the config's, else the certificate's own (KMS checks the certificate against the name it calls).
  const hostNames = config.server.hostNames.length > 0 ? config.server.hostNames : certificateNames(tls.cert);
  const context = { config: { ...config, server: { ...config.server, hostNames } }, secrets, keys, sealState: currentSeal, now, version: options.version };
  const unauthenticated = new UnauthenticatedRefusals(audit, now);
  const server = https.createServer(
    {
      ...tls,
      minVersion: 'TLSv1.2',
      ciphers: TLS_CIPHERS,
      honorCipherOrder: true,
      maxHeaderSize: CONNECTION_LIMITS.maxHeaderBytes,
      handshakeTimeout: CONNECTION_LIMITS.handshakeTimeoutMs,
      headersTimeout: CONNECTION_LIMITS.headersTimeoutMs,
      requestTimeout: CONNECTION_LIMITS.requestTimeoutMs,
      keepAliveTimeout: CONNECTION_LIMITS.keepAliveTimeoutMs,
      connectionsCheckingInterval: CONNECTION_LIMITS.checkIntervalMs,
    },
    (request, response) => {
      const started = process.hrtime.bigint();
      if (request.method === 'GET' && request.url === '/ping') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) tooLarge = true;
        else chunks.push(chunk);
      });
      request.on('end', () => {
        const answer = tooLarge
          ? {
              status: 501,
              body: { errorName: 'UnsupportedOperationException', errorMessage: `request body over ${MAX_BODY_BYTES} bytes` },
              audit: {
                type: 'request' as const,
                xksOperation: 'unknown' as const,
                status: 501,
                decision: 'refused' as const,
                errorName: 'UnsupportedOperationException',
              },
            }
          : handleXksRequest({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) }, context);
        // Refused before a signature was verified: counted, never a line per request.
        if (answer.audit.decision === 'refused' && answer.audit.accessKeyId === undefined) {
          unauthenticated.count(refusalClass(answer.audit.errorName, answer.audit.reason), answer.audit.reason, request.socket.remoteAddress);
          response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
          return;
        }
        try {
          audit.append({
            ...answer.audit,
            time: now().toISOString(),
            remoteAddress: request.socket.remoteAddress,
            durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          });
        } catch (e) {
          // No request is served unaudited: a full disk refuses service, it does not crash the proxy.
          process.stderr.write(`suveren xks-proxy: the audit log cannot be written (${(e as Error).message}); refusing requests until it can\n`);
          response
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ errorName: 'InternalException', errorMessage: 'audit log unavailable' }));
          return;
        }
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    },
  );
  server.maxConnections = config.server.maxConnections;
  const guard = new ConnectionGuard({ perSourceLimit: config.server.perSourceLimit, exemptSources: config.server.exemptSources });
  // On the raw TCP socket, before TLS: one source cannot take every connection slot.
  server.prependListener('connection', (socket: Socket) => {
    if (!guard.admit(socket)) {
      unauthenticated.count('per-source connection limit', `over ${config.server.perSourceLimit} open connections`, socket.remoteAddress);
      socket.destroy();
    }
  });
  server.on('secureConnection', (socket) => guard.markSecured(socket));
  // Refused at maxConnections by Node itself: counted, so a flood leaves a trace.
  server.on('drop', (data?: { remoteAddress?: string }) =>
    unauthenticated.count('connection limit', `over ${config.server.maxConnections} open connections`, data?.remoteAddress),
  );
  // https.Server forwards every TLS client error here too (the handshake timeout included).
  // A socket that never finished its handshake is destroyed: an answer written to it would
  // queue behind the handshake for good, holding a connection slot and a descriptor.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Destroyed already (by the per-source limit, or the caller reset it): nothing to answer, counted once where it was refused.
    if (socket.destroyed) return;
    if (!guard.isSecured(socket)) {
      unauthenticated.count(
        error.code === 'ERR_TLS_HANDSHAKE_TIMEOUT' ? 'TLS handshake timeout' : 'TLS handshake failed',
        error.code ?? error.message,
        socket.remoteAddress,
      );
      socket.destroy();
      return;
    }
    const [status, reasonClass] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', 'header too large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['408 Request Timeout', 'request timeout']
          : ['400 Bad Request', 'malformed HTTP'];
    unauthenticated.count(reasonClass, error.code, socket.remoteAddress);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    // Written, then destroyed: once the answer has left, or after errorFlushMs for a caller that never reads.
    const fallback = setTimeout(() => socket.destroy(), CONNECTION_LIMITS.errorFlushMs);
    fallback.unref();
    socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => {
      clearTimeout(fallback);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => resolve());
  }).catch((e: Error) => {
    keys.close();
    audit.close();
    throw new ProxyStartError(`cannot listen on ${config.server.host}:${config.server.port}: ${e.message}`);
  });
  audit.append({
    type: 'state',
    time: now().toISOString(),
    event: 'started',
    by: 'server',
    reason: startedSealed ? 'starting sealed: the flag file exists' : undefined,
  });
  // Unseal records left while the proxy was down: logged now.
  killSwitch.poll();
  return {
    port: (server.address() as AddressInfo).port,
    audit,
    keys,
    flushUnauthenticated: () => unauthenticated.flush(),
    close: async () => {
      clearInterval(watcher);
      unauthenticated.close();
      // Stop accepting, then destroy every socket, handshaking or not: nobody is waited for.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      guard.destroyAll();
      server.closeAllConnections();
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise<void>((resolve) => (deadline = setTimeout(resolve, CONNECTION_LIMITS.shutdownDeadlineMs)))]);
      clearTimeout(deadline);
      audit.append({ type: 'state', time: now().toISOString(), event: 'stopped', by: 'server' });
      // The tail, `stopped` included, anchored before the HSM session goes (bounded like the rest of the shutdown).
      if (checkpointer) {
        const final = checkpointer;
        let wait: NodeJS.Timeout | undefined;
        await Promise.race([final.checkpoint(), new Promise<void>((resolve) => (wait = setTimeout(resolve, CONNECTION_LIMITS.shutdownDeadlineMs)))]);
        clearTimeout(wait);
        final.close();
      }
      audit.close();
      keys.close();
    },
    checkpoint: () => (checkpointer ? checkpointer.checkpoint() : Promise.resolve({ failed: ['audit.checkpoints is not configured'] })),
    reloadCredentials: () => {
      if (!options.configFile) throw new ProxyStartError('started without a config file: credentials cannot be reloaded');
      const fresh = readSecrets(loadProxyConfig(options.configFile));
      secrets.clear();
      for (const [id, secret] of fresh) secrets.set(id, secret);
      audit.append({ type: 'state', time: now().toISOString(), event: 'credentials', by: 'server', reason: `accepting ${[...fresh.keys()].join(', ')}` });
      return [...fresh.keys()];
    },
    openConnections: () => guard.openCount,
  };
}
