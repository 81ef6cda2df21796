import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError } from '@suveren/core/config/load';
import { Pkcs11Failure } from '../pkcs11/wrapping';
import type { CliIo } from './io';
import { PIN_VARIABLE } from './key-options';
import { SecretUnavailable, readSecret } from './secret-prompt';

/*
 * `suveren xks-proxy`: the External Key Store proxy on the customer's premises.
 *   serve        run the proxy (systemd: deploy/systemd/suveren-xks-proxy.service)
 *   seal         the kill switch: every cryptographic call is refused until unseal
 *   unseal
 *   check-config validate the proxy config
 *   credential   make a SigV4 credential for KMS (access key id and a secret file, 0600)
 *   checkpoint-key  create (once) the HSM key pair that signs audit checkpoints; write its public key
 *   verify-log   check the audit log's chain and its exported checkpoints
 */

const VERSION = '1.0';

export const XKS_PROXY_USAGE = `usage: suveren xks-proxy <serve | seal | unseal | check-config | verify-log> --config <proxy.yaml> [--reason <text>]
       suveren xks-proxy verify-log --config <proxy.yaml> [--log <copy of the log>] [--checkpoints <dir or syslog file>] [--public-key <pem>]
       suveren xks-proxy checkpoint-key --config <proxy.yaml> --out <public key pem>
       suveren xks-proxy credential --out <secret file>
`;

/** Base32 (A-Z, 2-7) for access key ids, as the spec asks. */
function accessKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(24)].map((b) => alphabet[b % 32]).join('');
}

export async function xksProxyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: 'string' },
      reason: { type: 'string' },
      out: { type: 'string' },
      checkpoints: { type: 'string' },
      'public-key': { type: 'string' },
      log: { type: 'string' },
    },
  });
  try {
    if (sub === 'credential') {
      if (!values.out) {
        io.err(`suveren xks-proxy credential: --out <secret file> is required\n${XKS_PROXY_USAGE}`);
        return 2;
      }
      const id = accessKeyId();
      // 32 random bytes: 256 bits, Base64 (44 characters), as the spec recommends.
      fs.writeFileSync(values.out, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
      io.out(
        `access key id ${id}\nsecret written to ${values.out} (mode 0600)\nAdd { accessKeyId: ${id}, secretAccessKeyFile: ${values.out} } to credentials in the proxy config, then give both to KMS (UpdateCustomKeyStore); remove the old credential once KMS uses the new one.\n`,
      );
      return 0;
    }
    if (!['serve', 'seal', 'unseal', 'check-config', 'verify-log', 'checkpoint-key'].includes(sub ?? '') || !values.config) {
      io.err(XKS_PROXY_USAGE);
      return 2;
    }
    const { loadProxyConfig } = require('../xks-proxy/proxy-config') as typeof import('../xks-proxy/proxy-config');
    const config = loadProxyConfig(values.config);
    if (sub === 'verify-log') {
      const { verifyAuditLog, renderVerification } = require('../xks-proxy/audit-verify') as typeof import('../xks-proxy/audit-verify');
      const { readCheckpointFiles } = require('../xks-proxy/audit-checkpoints') as typeof import('../xks-proxy/audit-checkpoints');
      const { createPublicKey } = require('node:crypto') as typeof import('node:crypto');
      const path = require('node:path') as typeof import('node:path');
      const checkpointConfig = config.audit.checkpoints;
      const keyFile = values['public-key'] ?? checkpointConfig?.publicKey;
      const publicKey = keyFile ? createPublicKey(fs.readFileSync(keyFile)) : undefined;
      let checkpoints: import('../xks-proxy/audit-checkpoints').AuditCheckpoint[] = [];
      let storeProblems: string[] = [];
      if (values.checkpoints && !fs.existsSync(values.checkpoints)) {
        io.err(`suveren xks-proxy verify-log: --checkpoints ${values.checkpoints} does not exist: give a directory of exported checkpoints or a syslog file\n`);
        return 2;
      }
      if (values.checkpoints) checkpoints = readCheckpointFiles(values.checkpoints);
      else if (checkpointConfig?.s3) {
        const { readS3Checkpoints } = require('../xks-proxy/audit-checkpoint-s3') as typeof import('../xks-proxy/audit-checkpoint-s3');
        ({ checkpoints, problems: storeProblems } = await readS3Checkpoints(checkpointConfig.s3, path.basename(config.audit.file)));
      }
      // --log: an archived copy (with its rotated files beside it), checked against the same checkpoints.
      const result = verifyAuditLog(values.log ?? config.audit.file, checkpoints, publicKey, {
        logName: path.basename(config.audit.file),
        checkpointsExpected: checkpointConfig !== undefined,
        storeProblems,
      });
      (result.intact ? io.out : io.err)(renderVerification(result));
      return result.intact ? 0 : 1;
    }
    if (sub === 'checkpoint-key') {
      const checkpointConfig = config.audit.checkpoints;
      if (!checkpointConfig) {
        io.err('suveren xks-proxy checkpoint-key: set audit.checkpoints (signingKey, publicKey, and s3 or syslog) in the proxy config first\n');
        return 2;
      }
      const out = values.out ?? checkpointConfig.publicKey;
      const pin = await readSecret(PIN_VARIABLE, `PIN for token "${config.hsm.token}"`);
      const { Pkcs11Token } = require('../pkcs11/token') as typeof import('../pkcs11/token');
      const { publicKeyFingerprint } = require('../xks-proxy/audit-checkpoints') as typeof import('../xks-proxy/audit-checkpoints');
      const token = Pkcs11Token.open({ modulePath: config.hsm.pkcs11Module, tokenLabel: config.hsm.token, pin });
      try {
        let created = false;
        let publicKey;
        try {
          publicKey = token.ecPublicKey(checkpointConfig.signingKey);
        } catch {
          publicKey = token.generateEcSigningKey(checkpointConfig.signingKey);
          created = true;
        }
        fs.writeFileSync(out, publicKey.export({ type: 'spki', format: 'pem' }).toString(), { mode: 0o644 });
        io.out(
          `${created ? 'created' : 'found'} ECDSA P-256 key pair "${checkpointConfig.signingKey}" on token "${config.hsm.token}" (private half sensitive, non-extractable, sign only)\npublic key written to ${out}, SHA-256 ${publicKeyFingerprint(publicKey)}: publish it where verifiers read it\n`,
        );
        return 0;
      } finally {
        token.close();
      }
    }
    if (sub === 'check-config') {
      io.out(
        `${values.config}: OK, ${config.keys.length} external key${config.keys.length === 1 ? '' : 's'} on token "${config.hsm.token}", ${[`${config.uriPath} in ${config.region}`, ...config.replicaStores.map((s) => `${s.uriPath} in ${s.region}`)].join(', ')}\n`,
      );
      return 0;
    }
    if (sub === 'seal' || sub === 'unseal') {
      // Only the flag file changes: the proxy is the audit log's only writer, and logs what it sees.
      const { seal, unseal } = require('../xks-proxy/kill-switch') as typeof import('../xks-proxy/kill-switch');
      const by = os.userInfo().username;
      const reason = values.reason ?? (sub === 'seal' ? 'sealed by command' : undefined);
      const changed = sub === 'seal' ? seal(config.killSwitch.file, reason ?? '', by) : unseal(config.killSwitch.file, by, reason);
      io.out(
        changed
          ? sub === 'seal'
            ? `sealed: every Encrypt and Decrypt is refused (InvalidStateException) and health reports UNAVAILABLE, until suveren xks-proxy unseal; the proxy logs the seal\n`
            : 'unsealed: cryptographic calls are served again; the proxy logs the unseal, now or when it next starts\n'
          : `already ${sub === 'seal' ? 'sealed' : 'unsealed'}\n`,
      );
      return 0;
    }
    const pin = await readSecret(PIN_VARIABLE, `PIN for token "${config.hsm.token}"`);
    const { startXksProxy } = require('../xks-proxy/server') as typeof import('../xks-proxy/server');
    // Under systemd the TLS key is a credential too (LoadCredential=tls-key), named by SUVEREN_TLS_KEY_FILE.
    const tlsKeyFile = process.env.SUVEREN_TLS_KEY_FILE || undefined;
    const proxy = await startXksProxy(config, { pin, version: VERSION, tlsKeyFile, configFile: values.config });
    io.out(
      `suveren xks-proxy ${VERSION} serving ${config.uriPath} on https://${config.server.host}:${proxy.port} (token "${config.hsm.token}", ${config.keys.length} keys)\n`,
    );
    // SIGUSR1: a checkpoint now (before a planned change, or for a drill).
    const checkpointNow = () => {
      void proxy
        .checkpoint()
        .then((outcome) =>
          io.out(
            outcome.checkpoint
              ? `checkpoint at seq ${outcome.checkpoint.seq}${outcome.failed.length > 0 ? `; not yet delivered to ${outcome.failed.join(', ')}` : ', delivered'}\n`
              : `no checkpoint: ${outcome.failed.join(', ') || 'nothing logged yet'}\n`,
          ),
        );
    };
    process.on('SIGUSR1', checkpointNow);
    // SIGHUP: the credentials again (rotation without a restart); a bad file keeps the old ones.
    const reload = () => {
      try {
        io.out(`credentials reloaded: ${proxy.reloadCredentials().join(', ')}\n`);
      } catch (e) {
        io.err(`suveren xks-proxy: credentials not reloaded, the previous ones stay: ${(e as Error).message}\n`);
      }
    };
    process.on('SIGHUP', reload);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        process.off('SIGUSR1', checkpointNow);
        process.off('SIGHUP', reload);
        void proxy.close().then(resolve);
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof Pkcs11Failure || e instanceof SecretUnavailable || (e instanceof Error && e.name === 'ProxyStartError')) {
      io.err(`suveren xks-proxy: ${e.message}\n`);
      return 1;
    }
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      io.err(`suveren xks-proxy credential: ${values.out} already exists; a secret is never overwritten\n`);
      return 1;
    }
    throw e;
  }
}
