import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/load';
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
 *   verify-log   check the audit log's hash chain
 */

const VERSION = '1.0';

const USAGE = `usage: suveren xks-proxy <serve | seal | unseal | check-config | verify-log> --config <proxy.yaml> [--reason <text>]
       suveren xks-proxy credential --out <secret file>
`;

/** Base32 (A-Z, 2-7) for access key ids, as the spec asks. */
function accessKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(24)].map((b) => alphabet[b % 32]).join('');
}

export async function xksProxyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { config: { type: 'string' }, reason: { type: 'string' }, out: { type: 'string' } } });
  try {
    if (sub === 'credential') {
      if (!values.out) {
        io.err(`suveren xks-proxy credential: --out <secret file> is required\n${USAGE}`);
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
    if (!['serve', 'seal', 'unseal', 'check-config', 'verify-log'].includes(sub ?? '') || !values.config) {
      io.err(USAGE);
      return 2;
    }
    const { loadProxyConfig } = require('../xks-proxy/proxy-config') as typeof import('../xks-proxy/proxy-config');
    const config = loadProxyConfig(values.config);
    if (sub === 'verify-log') {
      const { verifyAuditChain } = require('../xks-proxy/audit-log') as typeof import('../xks-proxy/audit-log');
      const result = verifyAuditChain(config.audit.file);
      if (result.brokenAt === undefined) {
        io.out(`${config.audit.file}: ${result.lines} lines, hash chain intact\n`);
        return 0;
      }
      io.err(
        `${config.audit.file}: hash chain broken at line ${result.brokenAt} of ${result.lines} (${result.reason}): a line was changed, removed or inserted before it\n`,
      );
      return 1;
    }
    if (sub === 'check-config') {
      io.out(
        `${values.config}: OK, ${config.keys.length} external key${config.keys.length === 1 ? '' : 's'} on token "${config.hsm.token}", ${config.uriPath} in ${config.region}\n`,
      );
      return 0;
    }
    if (sub === 'seal' || sub === 'unseal') {
      const { seal, unseal } = require('../xks-proxy/kill-switch') as typeof import('../xks-proxy/kill-switch');
      const { AuditLog } = require('../xks-proxy/audit-log') as typeof import('../xks-proxy/audit-log');
      const reason = values.reason ?? (sub === 'seal' ? 'sealed by command' : undefined);
      const changed = sub === 'seal' ? seal(config.killSwitch.file, reason ?? '') : unseal(config.killSwitch.file);
      const audit = new AuditLog(config.audit.file);
      try {
        if (changed)
          audit.append({
            type: 'state',
            time: new Date().toISOString(),
            event: sub === 'seal' ? 'sealed' : 'unsealed',
            by: `command (${os.userInfo().username})`,
            reason,
          });
      } finally {
        audit.close();
      }
      io.out(
        changed
          ? sub === 'seal'
            ? `sealed: every Encrypt and Decrypt is refused (InvalidStateException) and health reports UNAVAILABLE, until suveren xks-proxy unseal\n`
            : 'unsealed: cryptographic calls are served again\n'
          : `already ${sub === 'seal' ? 'sealed' : 'unsealed'}\n`,
      );
      return 0;
    }
    const pin = await readSecret(PIN_VARIABLE, `PIN for token "${config.hsm.token}"`);
    const { startXksProxy } = require('../xks-proxy/server') as typeof import('../xks-proxy/server');
    // Under systemd the TLS key is a credential too (LoadCredential=tls-key), named by SUVEREN_TLS_KEY_FILE.
    const tlsKeyFile = process.env.SUVEREN_TLS_KEY_FILE || undefined;
    const proxy = await startXksProxy(config, { pin, version: VERSION, tlsKeyFile });
    io.out(
      `suveren xks-proxy ${VERSION} serving ${config.uriPath} on https://${config.server.host}:${proxy.port} (token "${config.hsm.token}", ${config.keys.length} keys)\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
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
