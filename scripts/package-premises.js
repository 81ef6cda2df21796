#!/usr/bin/env node
/*
 * `npm run package:premises`: the release artifact for the customer's key host,
 * dist/suveren-premises-<version>.tgz, with its SBOM and SHA256SUMS beside it (and
 * SHA256SUMS.sig when SUVEREN_RELEASE_SIGNING_KEY names an SSH signing key, else a file
 * UNSIGNED that says so). docs/xks-proxy.md, "Installing
 * from the release artifact", says how to verify and install it.
 *
 * The tarball holds the premises command bundled by esbuild (upload, download, keygen,
 * xks-proxy, hsm: no CDK, no IAM evaluator, no diff engine), a package.json whose only
 * production dependency is pkcs11js (pinned by integrity in npm-shrinkwrap.json), the
 * systemd unit, the operator's docs, LICENSE, and a CycloneDX SBOM of every package
 * bundled into the command: `npm sbom`'s components, read from the lockfile (all of them:
 * --omit dev drops some deduplicated production ones) (purl, licence, integrity hash from
 * the lockfile) for exactly the packages in esbuild's metafile. Everything in it is a
 * function of the commit: paths are relative, the SBOM's serial number is derived from its
 * content and its timestamp is the commit's, and npm pack writes fixed mtimes.
 */
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
/** `--out <dir>` writes the artifact elsewhere (tests); the default is dist/. */
const outFlag = process.argv.indexOf('--out');
const DIST = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(ROOT, 'dist');
const STAGE = path.join(DIST, 'premises-stage');
/** The premises workspace (packages/premises) is the product; its manifest names and versions the tarball. */
const premisesPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', 'premises', 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
const NAME = 'suveren-premises';
const VERSION = premisesPackage.version;
/** The key host runs a maintained Node.js LTS; the AWS SDK's releases from January 2027 need 22 or later. */
const NODE_ENGINES = '>=22';
/** Licences that must never be bundled into what the customer installs. */
const FORBIDDEN_LICENSES = /AGPL|GPL-3|SSPL|BUSL/i;
const DOCS = ['xks-proxy.md', 'client-side-keys.md', 'cli.md'];

/** The shipped docs, every file they link, and every file those link: no link in the tarball is dead. */
function linkedFiles() {
  const shipped = new Set();
  const queue = DOCS.map((doc) => path.join('docs', doc));
  while (queue.length > 0) {
    const file = queue.shift();
    if (shipped.has(file)) continue;
    if (!fs.existsSync(path.join(ROOT, file))) fail(`${file} is linked from the shipped docs but does not exist`);
    shipped.add(file);
    if (!file.endsWith('.md')) continue;
    for (const [, target] of fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const linked = path.normalize(path.join(path.dirname(file), target));
      // The package has a README of its own; the repository's is not shipped.
      if (linked === 'README.md') continue;
      if (linked.startsWith('..')) fail(`${file} links ${target}, outside the repository`);
      queue.push(linked);
    }
  }
  return [...shipped].sort();
}
function fail(message) {
  process.stderr.write(`package:premises: ${message}\n`);
  process.exit(1);
}
const SHIPPED_FILES = linkedFiles();

/** The commit's time, so that an artifact built twice from one commit is the same bytes. */
function sourceDate() {
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString();
  try {
    return new Date(execFileSync('git', ['log', '-1', '--format=%cI'], { cwd: ROOT, encoding: 'utf8' }).trim()).toISOString();
  } catch {
    return '1985-10-26T08:15:00.000Z';
  }
}

/** The repository's own workspaces: bundled as the product's source, not as third-party packages. */
const WORKSPACE_INPUT = /^(?:packages\/(core|premises)|node_modules\/@suveren\/(core|premises))\//;

/** `{ name, version, license }` of the third-party package that holds a node_modules input path. */
function packageOf(input) {
  if (WORKSPACE_INPUT.test(input)) return undefined;
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!m) return undefined;
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, m[1], 'package.json'), 'utf8'));
  return { name: manifest.name, version: manifest.version, license: manifest.license, lockPath: m[1] };
}

fs.rmSync(STAGE, { recursive: true, force: true });
fs.mkdirSync(path.join(STAGE, 'bin'), { recursive: true });
process.stdout.write(`packing ${NAME} ${VERSION} into ${path.relative(process.cwd(), DIST) || '.'}\n`);

// 1. The command, bundled with every input relative to the repository.
const built = esbuild.buildSync({
  absWorkingDir: ROOT,
  entryPoints: ['packages/premises/cli/premises-main.ts'],
  outfile: path.join(STAGE, 'bin', 'suveren-bundle.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: ['pkcs11js'],
  metafile: true,
  legalComments: 'eof',
  // Inputs are named as the checkout holds them (node_modules/...), even where node_modules is a link.
  preserveSymlinks: true,
  // The workspaces by their folders, not their node_modules links: esbuild applies no
  // tsconfig (alwaysStrict) to a file whose path lies under node_modules.
  alias: { '@suveren/core': './packages/core', '@suveren/premises': './packages/premises' },
  logLevel: 'error',
});
const inputs = Object.keys(built.metafile.inputs);
// Only the premises and core workspaces and third-party packages may be bundled: a relative
// `../../lib` import would pull landing-zone code in without any package.json noticing.
const leaked = inputs.filter(
  (i) =>
    /node_modules\/(aws-cdk-lib|constructs|cdk-nag|@cloud-copilot|@aws-cdk)\//.test(i) ||
    (!WORKSPACE_INPUT.test(i) && !/(^|\/)node_modules\//.test(i)) ||
    (/node_modules\/@suveren\//.test(i) && !WORKSPACE_INPUT.test(i)),
);
if (leaked.length > 0) fail(`the premises bundle must not contain landing-zone code, but holds ${leaked.slice(0, 5).join(', ')}`);
const externals = new Set(Object.values(built.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
const nonNode = [...externals].filter((e) => !e.startsWith('node:') && !require('node:module').builtinModules.includes(e) && e !== 'pkcs11js');
if (nonNode.length > 0) fail(`the premises bundle requires ${nonNode.join(', ')} at run time; only pkcs11js may stay external`);
const bundled = new Map();
for (const input of inputs) {
  const pkg = packageOf(input);
  if (pkg) bundled.set(`${pkg.name}@${pkg.version}`, pkg);
}
const forbidden = [...bundled.values()].filter((p) => FORBIDDEN_LICENSES.test(String(p.license)));
if (forbidden.length > 0) fail(`bundled packages under a forbidden licence: ${forbidden.map((p) => `${p.name}@${p.version} (${p.license})`).join(', ')}`);
fs.writeFileSync(path.join(STAGE, 'bin', 'suveren.js'), "#!/usr/bin/env node\n'use strict';\nrequire('./suveren-bundle.js').main();\n", { mode: 0o755 });
fs.writeFileSync(path.join(DIST, 'premises-metafile.json'), `${JSON.stringify(built.metafile, null, 1)}\n`);

// 2. package.json and a shrinkwrap pinning pkcs11js by the lockfile's integrity.
const pkcs11js = lock.packages['node_modules/pkcs11js'];
const manifest = {
  name: NAME,
  version: VERSION,
  description: "suveren on the customer's premises: client-side encryption with keys in your HSM, the XKS proxy and its kill switch, the offline CA",
  license: premisesPackage.license,
  bin: { suveren: 'bin/suveren.js' },
  engines: { node: NODE_ENGINES },
  dependencies: { pkcs11js: pkcs11js.version },
  files: ['bin/', 'deploy/', ...SHIPPED_FILES.filter((f) => !f.startsWith('deploy/')), 'LICENSE', 'README.md', 'sbom.cdx.json', 'npm-shrinkwrap.json'],
};
fs.writeFileSync(path.join(STAGE, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const shrinkwrap = {
  name: NAME,
  version: VERSION,
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: NAME, version: VERSION, license: manifest.license, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
    'node_modules/pkcs11js': {
      version: pkcs11js.version,
      resolved: `https://registry.npmjs.org/pkcs11js/-/pkcs11js-${pkcs11js.version}.tgz`,
      integrity: pkcs11js.integrity,
      hasInstallScript: true,
      license: pkcs11js.license,
      engines: pkcs11js.engines,
    },
  },
};
fs.writeFileSync(path.join(STAGE, 'npm-shrinkwrap.json'), `${JSON.stringify(shrinkwrap, null, 2)}\n`);

// 3. The unit, the operator's docs, the licence and a short README.
fs.mkdirSync(path.join(STAGE, 'deploy', 'systemd'), { recursive: true });
fs.copyFileSync(path.join(ROOT, 'deploy', 'systemd', 'suveren-xks-proxy.service'), path.join(STAGE, 'deploy', 'systemd', 'suveren-xks-proxy.service'));
fs.mkdirSync(path.join(STAGE, 'docs'), { recursive: true });
for (const file of SHIPPED_FILES) {
  fs.mkdirSync(path.dirname(path.join(STAGE, file)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, file), path.join(STAGE, file));
}
fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(STAGE, 'LICENSE'));
fs.writeFileSync(
  path.join(STAGE, 'README.md'),
  `# ${NAME} ${VERSION}\n\nThe \`suveren\` command for the customer's premises: \`upload\`, \`download\`, \`export\`, \`erase\`, \`keygen\`, \`xks-proxy\`, \`hsm\`. Installing and verifying it: docs/xks-proxy.md ("Installing from the release artifact"); the key host needs Node.js 24 LTS (22 at least) and, to build pkcs11js's addon, a C++ compiler, make, Python 3 and Node's headers. What is bundled: sbom.cdx.json (CycloneDX 1.5).\n`,
);

// 4. The SBOM: npm sbom's components for exactly what esbuild bundled, plus pkcs11js.
const npmSbom = JSON.parse(
  execFileSync('npm', ['sbom', '--package-lock-only', '--sbom-format', 'cyclonedx'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
);
const wanted = new Set([...bundled.keys(), `pkcs11js@${pkcs11js.version}`]);
const byRef = new Map();
for (const c of npmSbom.components) {
  if (wanted.has(`${c.name}@${c.version}`) && !c.properties?.some((p) => p.name === 'cdx:npm:package:bundled') && !byRef.has(c['bom-ref']))
    byRef.set(c['bom-ref'], c);
}
const components = [...byRef.values()];
const found = new Set(components.map((c) => `${c.name}@${c.version}`));
const missing = [...wanted].filter((k) => !found.has(k));
if (missing.length > 0) fail(`npm sbom does not list ${missing.join(', ')}; run npm ci first`);
components.sort((a, b) => a['bom-ref'].localeCompare(b['bom-ref']));
const refs = new Set(components.map((c) => c['bom-ref']));
const rootRef = `${NAME}@${VERSION}`;
const bomCore = {
  bomFormat: 'CycloneDX',
  specVersion: npmSbom.specVersion,
  version: 1,
  metadata: {
    timestamp: sourceDate(),
    lifecycles: [{ phase: 'build' }],
    tools: npmSbom.metadata.tools,
    component: {
      'bom-ref': rootRef,
      type: 'application',
      name: NAME,
      version: VERSION,
      licenses: [{ license: { id: manifest.license } }],
      purl: `pkg:npm/${NAME}@${VERSION}`,
    },
  },
  components,
  dependencies: [
    { ref: rootRef, dependsOn: [...refs] },
    ...(npmSbom.dependencies ?? [])
      .filter((d) => refs.has(d.ref))
      .map((d) => ({ ref: d.ref, dependsOn: (d.dependsOn ?? []).filter((r) => refs.has(r)).sort() }))
      .sort((a, b) => a.ref.localeCompare(b.ref)),
  ],
};
const digest = crypto.createHash('sha256').update(JSON.stringify(bomCore)).digest('hex');
const serialNumber = `urn:uuid:${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-${((parseInt(digest[16], 16) & 0x3) | 0x8).toString(16)}${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
const bom = { $schema: npmSbom.$schema, bomFormat: bomCore.bomFormat, specVersion: bomCore.specVersion, serialNumber, ...bomCore };
fs.writeFileSync(path.join(STAGE, 'sbom.cdx.json'), `${JSON.stringify(bom, null, 2)}\n`);

// 5. The tarball (npm pack writes fixed mtimes and modes), its checksum, and a signature.
const tarball = `${NAME}-${VERSION}.tgz`;
fs.rmSync(path.join(DIST, tarball), { force: true });
execFileSync('npm', ['pack', '--pack-destination', DIST, '--ignore-scripts', '--silent'], { cwd: STAGE, stdio: ['ignore', 'ignore', 'inherit'] });
// The SBOM beside the tarball too: a reviewer reads it without unpacking anything.
const SBOM = `${NAME}-${VERSION}.sbom.cdx.json`;
fs.copyFileSync(path.join(STAGE, 'sbom.cdx.json'), path.join(DIST, SBOM));
const sha256 = (file) =>
  crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(DIST, file)))
    .digest('hex');
const sum = sha256(tarball);
fs.writeFileSync(path.join(DIST, 'SHA256SUMS'), `${sum}  ${tarball}\n${sha256(SBOM)}  ${SBOM}\n`);
fs.rmSync(path.join(DIST, 'SHA256SUMS.sig'), { force: true });
fs.rmSync(path.join(DIST, 'UNSIGNED'), { force: true });
const signingKey = process.env.SUVEREN_RELEASE_SIGNING_KEY;
if (signingKey) {
  execFileSync('ssh-keygen', ['-Y', 'sign', '-q', '-f', signingKey, '-n', 'suveren-release', path.join(DIST, 'SHA256SUMS')], { stdio: 'inherit' });
} else {
  // An unsigned release says so where the signature would be, so nobody looks for a step that cannot pass.
  fs.writeFileSync(
    path.join(DIST, 'UNSIGNED'),
    `This release of ${NAME} ${VERSION} is not signed: there is no SHA256SUMS.sig.\nGet SHA256SUMS's own SHA-256 from the platform team through a second channel before installing\n(docs/xks-proxy.md, "Installing from the release artifact"). SHA256SUMS: ${crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(DIST, 'SHA256SUMS')))
      .digest('hex')}\n`,
  );
}
process.stdout.write(
  `wrote ${path.join(DIST, tarball)} (${bundled.size} bundled packages, ${components.length} SBOM components) and ${SBOM}\nsha256 ${sum}\n${signingKey ? 'signed: dist/SHA256SUMS.sig' : 'UNSIGNED (dist/UNSIGNED says so): set SUVEREN_RELEASE_SIGNING_KEY to an SSH private key to sign SHA256SUMS'}\n`,
);
