import { spawnSync } from 'node:child_process';
import { KeyObject, X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';

/*
 * The crypto officer's offline root of trust for a CloudHSM cluster: `suveren hsm
 * create-ca` and `suveren hsm sign-csr`, run on the customer's premises. The CA's private
 * key never leaves that machine; AWS only ever sees the signed cluster certificate and
 * the CA certificate (the trust anchor). Certificates are made by the system's openssl;
 * Node's X509Certificate checks every result before it is written.
 */

export class OfflineCaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfflineCaError';
  }
}

export interface CreateCaOptions {
  /** Where the CA private key goes (mode 0600, never overwritten). */
  readonly keyOut: string;
  /** Where the self-signed CA certificate (the trust anchor, PEM) goes. */
  readonly certOut: string;
  /** Distinguished name in openssl's /K=V form. @default '/O=suveren/CN=suveren offline HSM root' */
  readonly subject?: string;
  /** Validity in days. @default 3652 (ten years, as AWS's CloudHSM guide uses) */
  readonly days?: number;
  /** Name of an environment variable holding a passphrase to encrypt the key with. @default the key is written unencrypted */
  readonly passphraseEnv?: string;
}

export interface SignCsrOptions {
  /** The cluster's CSR (PEM), from the stack output or SSM parameter. */
  readonly csr: string;
  readonly caKey: string;
  readonly caCert: string;
  /** Where the signed cluster certificate goes (never overwritten). */
  readonly out: string;
  /** Validity in days. @default 3652 */
  readonly days?: number;
  /** Environment variable with the CA key's passphrase, if it is encrypted. */
  readonly passphraseEnv?: string;
}

const DEFAULT_DAYS = 3652;

function runOpenssl(args: string[], what: string): { stdout: string; stderr: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8', env: process.env });
  if (result.error) {
    throw new OfflineCaError(`${what}: could not run openssl (${result.error.message}); install OpenSSL 1.1.1 or newer and put it on PATH`);
  }
  if (result.status !== 0) throw new OfflineCaError(`${what}: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

const openssl = (args: string[], what: string): string => runOpenssl(args, what).stdout;

/** `req -verify` exits 0 even when the signature fails (OpenSSL 3.0), so its words are checked. */
function verifyCsrSignature(csr: string): void {
  const { stdout, stderr } = runOpenssl(['req', '-in', csr, '-noout', '-verify'], `the CSR ${csr} is refused`);
  const said = `${stdout}\n${stderr}`;
  if (!/verify OK/.test(said) || /fail/i.test(said))
    throw new OfflineCaError(`the CSR ${csr} is refused: its signature does not verify (${said.trim().split('\n')[0]})`);
}

function readFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new OfflineCaError(`cannot read the ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function refuseExisting(...files: string[]): void {
  for (const file of files)
    if (fs.existsSync(file)) throw new OfflineCaError(`${file} already exists; choose another path (suveren never overwrites key material)`);
}

function passphraseFrom(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = process.env[name];
  if (!value) throw new OfflineCaError(`--passphrase-env ${name}: the environment variable ${name} is not set or empty`);
  return value;
}

const spki = (key: KeyObject | string | Buffer) =>
  (key instanceof KeyObject && key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });

/** Creates an RSA-4096 CA key (0600) and its self-signed certificate. */
export function createCa(options: CreateCaOptions): { subject: string; fingerprint256: string; notAfter: string } {
  refuseExisting(options.keyOut, options.certOut);
  const passphrase = passphraseFrom(options.passphraseEnv);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem', ...(passphrase ? { cipher: 'aes-256-cbc', passphrase } : {}) }) as string;
  // 'wx': created here with 0600 from the first byte, never over an existing file.
  fs.writeFileSync(options.keyOut, pem, { mode: 0o600, flag: 'wx' });
  try {
    const passin = passphrase ? ['-passin', `env:${options.passphraseEnv}`] : [];
    const certificate = openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        options.keyOut,
        ...passin,
        '-sha256',
        '-days',
        String(options.days ?? DEFAULT_DAYS),
        '-subj',
        options.subject ?? '/O=suveren/CN=suveren offline HSM root',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      'creating the CA certificate',
    );
    const x509 = new X509Certificate(certificate);
    if (!x509.ca || !x509.verify(x509.publicKey)) throw new OfflineCaError('openssl produced a certificate that is not a self-signed CA; nothing written');
    fs.writeFileSync(options.certOut, certificate, { mode: 0o644, flag: 'wx' });
    return { subject: x509.subject, fingerprint256: x509.fingerprint256, notAfter: x509.validTo };
  } catch (e) {
    fs.rmSync(options.keyOut, { force: true });
    throw e;
  }
}

/**
 * Signs the cluster CSR with the offline CA after checking that the CSR's own signature
 * holds, that the CA key belongs to the CA certificate, and that the certificate is a
 * CA; then checks the result chains to the CA and carries the CSR's public key.
 */
export function signCsr(options: SignCsrOptions): { subject: string; fingerprint256: string; notAfter: string } {
  refuseExisting(options.out);
  const passphrase = passphraseFrom(options.passphraseEnv);
  const csrPem = readFile(options.csr, 'CSR');
  if (!/-----BEGIN CERTIFICATE REQUEST-----/.test(csrPem))
    throw new OfflineCaError(`${options.csr} is not a PEM certificate request (expected -----BEGIN CERTIFICATE REQUEST-----)`);
  const caCertPem = readFile(options.caCert, 'CA certificate');
  let ca: X509Certificate;
  try {
    ca = new X509Certificate(caCertPem);
  } catch {
    throw new OfflineCaError(`${options.caCert} is not a PEM X.509 certificate`);
  }
  if (!ca.ca) throw new OfflineCaError(`${options.caCert} is not a CA certificate (basicConstraints CA:TRUE is missing)`);
  let caKey;
  try {
    caKey = createPrivateKey({ key: readFile(options.caKey, 'CA key'), ...(passphrase ? { passphrase } : {}) });
  } catch (e) {
    if (e instanceof OfflineCaError) throw e;
    throw new OfflineCaError(
      `cannot read the CA key ${options.caKey}: ${passphrase ? 'wrong passphrase or not a private key' : 'not a private key, or it is encrypted (pass --passphrase-env)'}`,
    );
  }
  if (!spki(caKey).equals(spki(ca.publicKey))) {
    throw new OfflineCaError(
      `the CA key ${options.caKey} does not belong to the CA certificate ${options.caCert} (their public keys differ); use the key created with this certificate`,
    );
  }
  // `req -verify` checks the CSR's self-signature: it proves the HSM holds the CSR's key.
  verifyCsrSignature(options.csr);
  const csrPublicKey = openssl(['req', '-in', options.csr, '-noout', '-pubkey'], `reading the public key of ${options.csr}`);

  const passin = passphrase ? ['-passin', `env:${options.passphraseEnv}`] : [];
  const certificate = openssl(
    [
      'x509',
      '-req',
      '-in',
      options.csr,
      '-CA',
      options.caCert,
      '-CAkey',
      options.caKey,
      ...passin,
      '-sha256',
      '-days',
      String(options.days ?? DEFAULT_DAYS),
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
    ],
    'signing the CSR',
  );
  const signed = new X509Certificate(certificate);
  if (!signed.checkIssued(ca) || !signed.verify(ca.publicKey)) throw new OfflineCaError('the signed certificate does not chain to the CA; nothing written');
  if (!spki(signed.publicKey).equals(spki(csrPublicKey)))
    throw new OfflineCaError("the signed certificate does not carry the CSR's public key; nothing written");
  fs.writeFileSync(options.out, certificate, { mode: 0o644, flag: 'wx' });
  return { subject: signed.subject, fingerprint256: signed.fingerprint256, notAfter: signed.validTo };
}
