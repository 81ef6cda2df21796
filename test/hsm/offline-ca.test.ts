import { execFileSync } from 'node:child_process';
import { KeyObject, X509Certificate, createPublicKey } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CliIo, run } from '../../lib/cli/main';

/*
 * `suveren hsm create-ca` / `sign-csr` through the CLI entry point, with the system's
 * openssl making a CSR the way an HSM does (its own key), and Node's X509Certificate
 * verifying the results.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-ca-'));
const at = (name: string) => path.join(dir, name);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function suveren(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t) };
  const code = await run(['hsm', ...args], io, false);
  return { code, out, err };
}

/** A CSR signed by a freshly generated key, as the cluster's first HSM makes one. */
function clusterCsr(name: string): { csr: string; key: string } {
  const csr = at(`${name}.csr`);
  const key = at(`${name}-hsm.key`);
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-subj', `/CN=${name}/O=AWS CloudHSM`, '-out', csr], {
    stdio: 'ignore',
  });
  return { csr, key };
}

const spki = (key: KeyObject | string | Buffer) =>
  (key instanceof KeyObject && key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });

describe('suveren hsm create-ca and sign-csr', () => {
  beforeAll(async () => {
    const created = await suveren('create-ca', '--key', at('ca.key'), '--cert', at('ca.crt'), '--subject', '/O=Malmo stad/CN=Malmo HSM root');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
  }, 60_000);

  test('create-ca writes a 0600 key and a self-signed CA certificate for that key', () => {
    expect(fs.statSync(at('ca.key')).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(fs.readFileSync(at('ca.crt')));
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('O=Malmo stad\nCN=Malmo HSM root');
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(spki(fs.readFileSync(at('ca.key'))).equals(spki(ca.publicKey))).toBe(true);
  });

  test("sign-csr: the certificate chains to the CA and carries the CSR's public key", async () => {
    const { csr, key } = clusterCsr('cluster-2kfsnq4oxyz');
    const result = await suveren('sign-csr', '--csr', csr, '--ca-key', at('ca.key'), '--ca-cert', at('ca.crt'), '--out', at('cluster.crt'));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const ca = new X509Certificate(fs.readFileSync(at('ca.crt')));
    const signed = new X509Certificate(fs.readFileSync(at('cluster.crt')));
    expect(signed.checkIssued(ca)).toBe(true);
    expect(signed.verify(ca.publicKey)).toBe(true);
    expect(signed.subject).toMatch(/CN=cluster-2kfsnq4oxyz/);
    expect(spki(signed.publicKey).equals(spki(fs.readFileSync(key)))).toBe(true);
    // Neither the CSR's nor the CA's private key is in what goes to AWS.
    expect(fs.readFileSync(at('cluster.crt'), 'utf8')).not.toMatch(/PRIVATE KEY/);
  });

  test('a CSR whose signature does not verify is refused, and nothing is written', async () => {
    const { csr } = clusterCsr('tampered');
    const der = Buffer.from(fs.readFileSync(csr, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 1] ^= 0x01; // inside the signature
    fs.writeFileSync(csr, `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE REQUEST-----\n`);
    const result = await suveren('sign-csr', '--csr', csr, '--ca-key', at('ca.key'), '--ca-cert', at('ca.crt'), '--out', at('tampered.crt'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^suveren hsm sign-csr: the CSR .*tampered\.csr is refused: its signature does not verify/);
    expect(fs.existsSync(at('tampered.crt'))).toBe(false);
  });

  test('a CA key that does not match the CA certificate is refused, and nothing is written', async () => {
    expect((await suveren('create-ca', '--key', at('other.key'), '--cert', at('other.crt'))).code).toBe(0);
    const { csr } = clusterCsr('mismatch');
    const result = await suveren('sign-csr', '--csr', csr, '--ca-key', at('other.key'), '--ca-cert', at('ca.crt'), '--out', at('mismatch.crt'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the CA key .*other\.key does not belong to the CA certificate .*ca\.crt \(their public keys differ\)/);
    expect(fs.existsSync(at('mismatch.crt'))).toBe(false);
  }, 60_000);

  test('a passphrase-protected CA key is written encrypted and needs the passphrase to sign', async () => {
    process.env.SUVEREN_TEST_CA_PASSPHRASE = 'correct horse battery staple';
    try {
      expect((await suveren('create-ca', '--key', at('enc.key'), '--cert', at('enc.crt'), '--passphrase-env', 'SUVEREN_TEST_CA_PASSPHRASE')).code).toBe(0);
      expect(fs.readFileSync(at('enc.key'), 'utf8')).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);
      const { csr } = clusterCsr('encrypted-ca');
      const without = await suveren('sign-csr', '--csr', csr, '--ca-key', at('enc.key'), '--ca-cert', at('enc.crt'), '--out', at('enc-cluster.crt'));
      expect(without.code).toBe(1);
      expect(without.err).toMatch(/it is encrypted \(pass --passphrase-env\)/);
      const withPass = await suveren(
        'sign-csr',
        '--csr',
        csr,
        '--ca-key',
        at('enc.key'),
        '--ca-cert',
        at('enc.crt'),
        '--out',
        at('enc-cluster.crt'),
        '--passphrase-env',
        'SUVEREN_TEST_CA_PASSPHRASE',
      );
      expect(withPass.err).toBe('');
      expect(withPass.code).toBe(0);
    } finally {
      delete process.env.SUVEREN_TEST_CA_PASSPHRASE;
    }
  }, 60_000);

  test('existing files are never overwritten; missing flags and files get usage errors', async () => {
    expect((await suveren('create-ca', '--key', at('ca.key'), '--cert', at('new.crt'))).err).toMatch(/ca\.key already exists; choose another path/);
    expect(await suveren('sign-csr', '--csr', at('nope.csr'))).toMatchObject({ code: 2, err: expect.stringMatching(/missing --ca-key, --ca-cert, --out/) });
    expect(await suveren('sign-csr', '--csr', at('nope.csr'), '--ca-key', at('ca.key'), '--ca-cert', at('ca.crt'), '--out', at('x.crt'))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/cannot read the CSR .*nope\.csr: ENOENT/),
    });
    expect(await suveren('create-ca', '--key', at('d.key'), '--cert', at('d.crt'), '--days', '0')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--days must be a whole number/),
    });
    expect(await suveren('rotate')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown sub-command "rotate"/) });
  });
});
