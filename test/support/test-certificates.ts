import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * A CA and a cluster certificate it signed, made with the system's openssl the way the
 * crypto officer's `suveren hsm` commands make them: public material for configs and
 * handler tests. Made once per test process.
 */

export interface TestCertificates {
  readonly trustAnchor: string;
  readonly signedCertificate: string;
  /** A second CA, which did not sign `signedCertificate`. */
  readonly otherAnchor: string;
  /** The CA's private key: for tests that prove it is refused wherever it shows up. */
  readonly caKey: string;
}

let made: TestCertificates | undefined;

export function testCertificates(): TestCertificates {
  if (made) return made;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-test-certs-'));
  try {
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    const ca = (name: string) =>
      openssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-subj',
        `/CN=${name}`,
        '-days',
        '30',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-out',
        `${name}.crt`,
      );
    ca('root');
    ca('other');
    openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'hsm.key', '-subj', '/CN=cluster-test', '-out', 'cluster.csr');
    openssl('x509', '-req', '-in', 'cluster.csr', '-CA', 'root.crt', '-CAkey', 'root.key', '-set_serial', '11', '-days', '30', '-out', 'cluster.crt');
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    made = { trustAnchor: read('root.crt'), signedCertificate: read('cluster.crt'), otherAnchor: read('other.crt'), caKey: read('root.key') };
    return made;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
