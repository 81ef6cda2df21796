import { parseArgs } from 'node:util';
import { OfflineCaError, createCa, signCsr } from '../offline-ca';
import type { CliIo } from './io';

/*
 * `suveren hsm create-ca` and `suveren hsm sign-csr`: the crypto officer's offline steps
 * of docs/hsm-runbook.md. Loaded only when used.
 */

export const HSM_USAGE = `usage:
  suveren hsm create-ca --key <ca.key> --cert <ca.crt> [--subject "/O=.../CN=..."] [--days 3652] [--passphrase-env NAME]
      create the offline root CA (RSA-4096 key, mode 0600; self-signed certificate = the cluster's trust anchor)
  suveren hsm sign-csr --csr <cluster.csr> --ca-key <ca.key> --ca-cert <ca.crt> --out <cluster.crt> [--days 3652] [--passphrase-env NAME]
      check the cluster CSR's signature and the CA key/certificate pair, then sign the CSR
`;

function days(value: string | undefined, io: CliIo): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > 36500) {
    io.err(`suveren hsm: --days must be a whole number of days from 1 to 36500, not ${JSON.stringify(value)}\n`);
    return null;
  }
  return n;
}

export function hsmCommand(args: string[], io: CliIo): number {
  const [sub, ...rest] = args;
  try {
    if (sub === 'create-ca') {
      const { values } = parseArgs({
        args: rest,
        options: {
          key: { type: 'string' },
          cert: { type: 'string' },
          subject: { type: 'string' },
          days: { type: 'string' },
          'passphrase-env': { type: 'string' },
        },
      });
      if (!values.key || !values.cert) {
        io.err(`suveren hsm create-ca: --key and --cert are required\n\n${HSM_USAGE}`);
        return 2;
      }
      const validity = days(values.days, io);
      if (validity === null) return 2;
      const ca = createCa({ keyOut: values.key, certOut: values.cert, subject: values.subject, days: validity, passphraseEnv: values['passphrase-env'] });
      io.out(`wrote ${values.key} (RSA-4096 CA key, mode 0600: keep it offline, never in AWS) and ${values.cert} (the trust anchor)\n`);
      io.out(`  subject ${ca.subject.replace(/\n/g, ', ')}; valid until ${ca.notAfter}\n  SHA-256 fingerprint ${ca.fingerprint256}\n`);
      return 0;
    }
    if (sub === 'sign-csr') {
      const { values } = parseArgs({
        args: rest,
        options: {
          csr: { type: 'string' },
          'ca-key': { type: 'string' },
          'ca-cert': { type: 'string' },
          out: { type: 'string' },
          days: { type: 'string' },
          'passphrase-env': { type: 'string' },
        },
      });
      const missing = ['csr', 'ca-key', 'ca-cert', 'out'].filter((name) => !values[name as keyof typeof values]);
      if (missing.length > 0) {
        io.err(`suveren hsm sign-csr: missing ${missing.map((m) => `--${m}`).join(', ')}\n\n${HSM_USAGE}`);
        return 2;
      }
      const validity = days(values.days, io);
      if (validity === null) return 2;
      const signed = signCsr({
        csr: values.csr!,
        caKey: values['ca-key']!,
        caCert: values['ca-cert']!,
        out: values.out!,
        days: validity,
        passphraseEnv: values['passphrase-env'],
      });
      io.out(`wrote ${values.out}: signed cluster certificate for ${signed.subject.replace(/\n/g, ', ')}, valid until ${signed.notAfter}\n`);
      io.out(
        `  next: put ${values.out} and ${values['ca-cert']} under keyCustody.hsmClusters[].initialization in the config and deploy (docs/hsm-runbook.md, step 4)\n`,
      );
      return 0;
    }
    io.err(`suveren hsm: ${sub === undefined ? 'missing sub-command' : `unknown sub-command "${sub}"`}\n\n${HSM_USAGE}`);
    return 2;
  } catch (e) {
    if (e instanceof OfflineCaError) {
      io.err(`suveren hsm ${sub}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
