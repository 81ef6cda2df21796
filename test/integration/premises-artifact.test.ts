import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { REPO_ROOT } from '../helpers';
import { type InstalledPremises, packAndInstallPremises, packPremises } from '../support/premises-artifact';
import { XksClient } from '../support/xks-client';
import { EXTERNAL_KEY, URI_PATH, type XksFixture, createXksFixture, s3Metadata } from '../support/xks-proxy-fixture';

/*
 * The premises release artifact as a key host gets it: packed by `npm run
 * package:premises`, installed with `npm install --omit=dev` into an empty prefix, and run
 * from there only (no repository, no node_modules of the project). The client-side round
 * trip through it is in test/integration/transfer.test.ts, beside S3.
 */

let installed: InstalledPremises;
let fixture: XksFixture;

beforeAll(async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  fixture = await createXksFixture(port);
  installed = packAndInstallPremises();
}, 120_000);

afterAll(() => {
  installed?.remove();
  fixture?.remove();
});

/** The installed command, in a process whose environment names no repository path. */
function premises(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [installed.bin, ...args], {
    cwd: installed.prefix,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: installed.prefix, ...fixture.hsm.env, ...env },
  });
}

function installedPackages(dir: string): string[] {
  const found: string[] = [];
  const walk = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@') ? fs.readdirSync(path.join(modules, entry)).map((n) => `${entry}/${n}`) : [entry];
      for (const name of names) {
        found.push(name);
        walk(path.join(modules, name, 'node_modules'));
      }
    }
  };
  walk(path.join(dir, 'node_modules'));
  return found.sort();
}

test('installed with npm install --omit=dev into an empty prefix, the tree is the command and pkcs11js, nothing of the CDK', () => {
  expect(installedPackages(installed.prefix)).toEqual(['pkcs11js', 'suveren-premises']);
  const manifest = JSON.parse(fs.readFileSync(path.join(installed.prefix, 'node_modules', 'suveren-premises', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    engines: { node: string };
  };
  expect(manifest.dependencies).toEqual({ pkcs11js: '2.1.7' });
  expect(manifest.engines.node).toBe('>=22');
  for (const file of [
    'LICENSE',
    'sbom.cdx.json',
    'npm-shrinkwrap.json',
    'deploy/systemd/suveren-xks-proxy.service',
    'docs/xks-proxy.md',
    'docs/client-side-keys.md',
  ]) {
    expect(fs.existsSync(path.join(installed.prefix, 'node_modules', 'suveren-premises', file))).toBe(true);
  }
  // Every relative link of every shipped doc resolves inside the installed package.
  const root = path.join(installed.prefix, 'node_modules', 'suveren-premises');
  const dead: string[] = [];
  // Markdown only: an image's bytes can spell a link by chance.
  for (const doc of fs.readdirSync(path.join(root, 'docs')).filter((name) => name.endsWith('.md'))) {
    for (const [, target] of fs.readFileSync(path.join(root, 'docs', doc), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (!/^[a-z]+:/i.test(target) && !fs.existsSync(path.join(root, 'docs', target))) dead.push(`docs/${doc} -> ${target}`);
    }
  }
  expect(dead).toEqual([]);
  expect(fs.readdirSync(path.join(root, 'docs')).length).toBeGreaterThan(3);
  // The SBOM beside the tarball as well, and an unsigned release says so.
  expect(fs.readFileSync(path.join(installed.dist, 'suveren-premises-0.1.0.sbom.cdx.json'))).toEqual(fs.readFileSync(path.join(root, 'sbom.cdx.json')));
  expect(fs.readFileSync(path.join(installed.dist, 'UNSIGNED'), 'utf8')).toMatch(
    /^This release of suveren-premises .* is not signed: there is no SHA256SUMS\.sig/,
  );
  const help = premises(['help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('xks-proxy serve');
  expect(help.stdout).not.toMatch(/^ {2}(evidence|plan|check-config) /m);
});

test("the bundle's metafile has no landing-zone code and no AGPL-licensed input; the SBOM lists exactly its packages and validates against CycloneDX 1.5", () => {
  const metafile = JSON.parse(fs.readFileSync(path.join(installed.dist, 'premises-metafile.json'), 'utf8')) as { inputs: Record<string, unknown> };
  const inputs = Object.keys(metafile.inputs);
  expect(inputs.filter((i) => /node_modules\/(aws-cdk-lib|cdk-nag|constructs|@cloud-copilot|@aws-cdk)\//.test(i))).toEqual([]);
  // Our own code comes from the premises and core workspaces only, by their folders: nothing of lib/ or lambda/.
  expect(inputs.filter((i) => !/^packages\/(premises|core)\//.test(i) && !/^node_modules\/(?!@suveren\/)/.test(i))).toEqual([]);
  expect(inputs.some((i) => i.startsWith('packages/core/'))).toBe(true);
  const packages = new Map<string, string>();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m) continue;
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, m[1], 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    packages.set(`${manifest.name}@${manifest.version}`, String(manifest.license));
  }
  expect([...packages.values()].filter((license) => /AGPL/i.test(license))).toEqual([]);
  const sbomText = fs.readFileSync(path.join(installed.prefix, 'node_modules', 'suveren-premises', 'sbom.cdx.json'), 'utf8');
  const sbom = JSON.parse(sbomText) as { components: { name: string; version: string; purl: string; licenses?: unknown[] }[] };
  expect(sbom.components.map((c) => `${c.name}@${c.version}`).sort()).toEqual([...packages.keys(), 'pkcs11js@2.1.7'].sort());
  // Package URLs encode a scope's @ as %40.
  expect(sbom.components.filter((c) => c.purl !== `pkg:npm/${c.name.replace(/^@/, '%40')}@${c.version}`)).toEqual([]);
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot5);
  return validator.validate(sbomText).then((errors) => expect(errors).toBeNull());
});

test("keygen --usage makes AWS's XKS test client's -a fixtures, from the installed command, and refuses a usage it does not know", () => {
  const env = { SUVEREN_PKCS11_PIN: fixture.hsm.pin };
  const made = premises(
    [
      'keygen',
      '--pkcs11',
      '--pkcs11-module',
      fixture.hsm.modulePath,
      '--token',
      fixture.hsm.tokenLabel,
      '--key-label',
      'aws-encrypt-only',
      '--usage',
      'encrypt-only',
    ],
    env,
  );
  expect(made).toMatchObject({ status: 0, stdout: expect.stringMatching(/that may only encrypt: a test fixture for AWS's XKS test client/) });
  const refused = premises(
    ['keygen', '--pkcs11', '--pkcs11-module', fixture.hsm.modulePath, '--token', fixture.hsm.tokenLabel, '--key-label', 'x', '--usage', 'wrap'],
    env,
  );
  expect(refused).toMatchObject({ status: 2, stderr: expect.stringMatching(/--usage must be one of encrypt-only, decrypt-only, none/) });
});

test('xks-proxy check-config and keygen --pkcs11 on SoftHSM, from the installed command', () => {
  const checked = premises(['xks-proxy', 'check-config', '--config', fixture.configFile]);
  expect(checked.stderr).toBe('');
  expect(checked.stdout).toMatch(/: OK, \d+ external keys on token "/);
  // A token of its own, in the fixture's SoftHSM directory (one process holds SoftHSM's lock).
  fixture.hsm.addToken('premises-keygen', '135791');
  const made = premises(['keygen', '--pkcs11', '--pkcs11-module', fixture.hsm.modulePath, '--token', 'premises-keygen', '--key-label', 'arkiv-2027'], {
    SUVEREN_PKCS11_PIN: '135791',
  });
  expect(made.stderr).toBe('');
  expect(made.status).toBe(0);
  expect(made.stdout).toMatch(/created AES-256 key "arkiv-2027" on token "premises-keygen": sensitive, non-extractable/);
});

test('the installed proxy serves an Encrypt and a Decrypt signed with SigV4', async () => {
  const proxy = spawn(process.execPath, [installed.bin, 'xks-proxy', 'serve', '--config', fixture.configFile], {
    cwd: installed.prefix,
    env: { PATH: process.env.PATH, HOME: installed.prefix, ...fixture.hsm.env, SUVEREN_PKCS11_PIN: fixture.hsm.pin },
  });
  let output = '';
  proxy.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proxy.stderr.on('data', (c: Buffer) => (output += c.toString()));
  try {
    const deadline = Date.now() + 20_000;
    while (!/serving/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/suveren xks-proxy .* serving/);
    const port = Number(/https:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]);
    const client = new XksClient(port, fixture.ca);
    try {
      const signed = { credential: fixture.credentials[0] };
      const plaintext = Buffer.from('from the installed artifact').toString('base64');
      const encrypted = await client.call(
        `${URI_PATH}/keys/${EXTERNAL_KEY}/encrypt`,
        { requestMetadata: s3Metadata('Encrypt'), plaintext, encryptionAlgorithm: 'AES_GCM' },
        signed,
      );
      expect(encrypted.status).toBe(200);
      const decrypted = await client.call(
        `${URI_PATH}/keys/${EXTERNAL_KEY}/decrypt`,
        {
          requestMetadata: s3Metadata('Decrypt'),
          encryptionAlgorithm: 'AES_GCM',
          ciphertext: encrypted.json.ciphertext,
          initializationVector: encrypted.json.initializationVector,
          authenticationTag: encrypted.json.authenticationTag,
        },
        signed,
      );
      expect(decrypted).toEqual({ status: 200, json: { plaintext } });
    } finally {
      client.close();
    }
  } finally {
    proxy.kill('SIGTERM');
    await new Promise((r) => proxy.once('close', r));
  }
});

test("docs/xks-proxy.md's install commands, as written, in a clean prefix: the headers of the Node.js that runs npm, the addon's one script allowed, and an unsupported Node.js refused", () => {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'xks-proxy.md'), 'utf8');
  const command = (pattern: RegExp) => {
    const found = doc.match(pattern);
    if (!found) throw new Error(`docs/xks-proxy.md has no command matching ${pattern}`);
    return found[1];
  };
  const nodedir = command(/^ {3}\$ (export npm_config_nodedir=.*)$/m);
  const install = command(/^ {3}\$ (npm install -g .*)$/m);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-docs-install-'));
  try {
    const prefix = path.join(root, 'opt-suveren');
    const asWritten = install.replace('/opt/suveren', prefix).replace('./suveren-premises-0.1.0.tgz', installed.tarball);
    const runInstall = (extra: string) =>
      spawnSync('bash', ['-c', `set -e; ${nodedir}; test -f "$npm_config_nodedir/include/node/node.h"; ${asWritten}${extra}`], {
        cwd: root,
        encoding: 'utf8',
        // The machine's npm settings (its registry and CA), an empty cache: node-gyp finds the headers, downloads none.
        env: { ...process.env, npm_config_cache: path.join(root, 'npm-cache') },
      });
    const supported = Number(process.versions.node.split('.')[0]) >= 22;
    const first = runInstall('');
    if (supported) {
      expect({ status: first.status, out: first.stderr.slice(-2000) }).toMatchObject({ status: 0 });
    } else {
      // This machine runs an older Node.js than the package supports: the documented command refuses it.
      expect(first.status).not.toBe(0);
      expect(first.stderr).toMatch(/EBADENGINE|Unsupported engine/);
      expect(first.stderr).toMatch(/>=22/);
      expect(fs.existsSync(path.join(prefix, 'bin', 'suveren'))).toBe(false);
      // Nothing else stands in the way: the same command, the engine check alone lifted, installs and builds the addon.
      const lifted = runInstall(' --engine-strict=false');
      expect({ status: lifted.status, out: lifted.stderr.slice(-2000) }).toMatchObject({ status: 0 });
    }
    const help = spawnSync(path.join(prefix, 'bin', 'suveren'), ['help'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: root } });
    expect(help.status).toBe(0);
    expect(fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'suveren-premises', 'node_modules', 'pkcs11js', 'build', 'Release', 'pkcs11.node'))).toBe(
      true,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}, 240_000);

test('packed twice from two clean checkouts in different directories: the same SHA256SUMS', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-repro-'));
  const sums: string[] = [];
  try {
    for (const name of ['first-checkout', 'second/checkout']) {
      const tree = path.join(root, name);
      fs.mkdirSync(path.dirname(tree), { recursive: true });
      execFileSync('git', ['worktree', 'add', '--detach', '--quiet', tree, 'HEAD'], { cwd: REPO_ROOT, stdio: 'pipe' });
      try {
        fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
        const out = path.join(root, `${name.replace('/', '-')}-dist`);
        packPremises(out, {}, tree);
        sums.push(fs.readFileSync(path.join(out, 'SHA256SUMS'), 'utf8'));
      } finally {
        execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: REPO_ROOT, stdio: 'pipe' });
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  expect(sums[0]).toMatch(/^[0-9a-f]{64} {2}suveren-premises-\d+\.\d+\.\d+\.tgz\n[0-9a-f]{64} {2}suveren-premises-\d+\.\d+\.\d+\.sbom\.cdx\.json\n$/);
  expect(sums[1]).toBe(sums[0]);
}, 120_000);

test('SHA256SUMS is signed with an SSH key when one is given, and ssh-keygen -Y verify checks it offline', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-sign-'));
  try {
    const key = path.join(root, 'release-key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'release@suveren.example', '-f', key]);
    const out = path.join(root, 'dist');
    packPremises(out, { SUVEREN_RELEASE_SIGNING_KEY: key });
    const allowed = path.join(root, 'allowed_signers');
    fs.writeFileSync(allowed, `release@suveren.example ${fs.readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
    const verify = (sums: string) =>
      spawnSync(
        'ssh-keygen',
        ['-Y', 'verify', '-f', allowed, '-I', 'release@suveren.example', '-n', 'suveren-release', '-s', path.join(out, 'SHA256SUMS.sig')],
        {
          input: sums,
          encoding: 'utf8',
        },
      );
    const sums = fs.readFileSync(path.join(out, 'SHA256SUMS'), 'utf8');
    expect(verify(sums).status).toBe(0);
    expect(verify(sums.replace(/^./, (c) => (c === '0' ? '1' : '0'))).status).not.toBe(0);
    expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' }).stdout).toMatch(
      /suveren-premises-.*\.tgz: OK\nsuveren-premises-.*\.sbom\.cdx\.json: OK/,
    );
    // Signed: no UNSIGNED notice.
    expect(fs.existsSync(path.join(out, 'UNSIGNED'))).toBe(false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}, 60_000);
