import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

/*
 * Three products, three dependency lists: the landing zone (the root package: lib/, lambda/,
 * bin/), the CDK-free core (packages/core) and the premises kit (packages/premises). Each
 * product's code imports only what its own package.json declares, and a workspace reaches
 * no code outside itself but through a declared workspace dependency: a relative import
 * into lib/ would make the key host's tarball carry landing-zone code unnoticed.
 */

interface Manifest {
  name: string;
  version: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, dir, 'package.json'), 'utf8')) as Manifest;
const root = readManifest('.');
const workspaceDirs = root.workspaces ?? [];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(rel) : entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Value and type imports alike: a type import of an undeclared package breaks the typecheck of an installed workspace. */
function specifiersOf(file: string): string[] {
  const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'([^']+)'/g)].map((m) => m[1]);
}

const packageName = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

/** Packages of a product's code that are not in its package.json `dependencies`, as `file imports name`. */
function undeclared(dirs: string[], manifest: Manifest, alsoAllowed: Record<string, string> = {}): string[] {
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(alsoAllowed)]);
  return dirs.flatMap((dir) =>
    tsFiles(dir).flatMap((file) =>
      specifiersOf(file)
        .filter((s) => !s.startsWith('.') && !isBuiltin(s))
        .map(packageName)
        .filter((name) => !declared.has(name))
        .map((name) => `${file} imports ${name}`),
    ),
  );
}

test('the root package declares the core and the premises kit as its workspaces', () => {
  expect(workspaceDirs).toEqual(['packages/core', 'packages/premises']);
  expect(workspaceDirs.map((dir) => readManifest(dir).name)).toEqual(['@suveren/core', '@suveren/premises']);
  expect(root.dependencies).toMatchObject({ '@suveren/core': root.version, '@suveren/premises': root.version });
  expect(readManifest('packages/premises').dependencies).toMatchObject({ '@suveren/core': root.version });
});

test('the core imports only zod, yaml and Node built-ins: it loads on a key host and in a handler', () => {
  expect(undeclared(['packages/core'], readManifest('packages/core'))).toEqual([]);
  expect(Object.keys(readManifest('packages/core').dependencies ?? {}).sort()).toEqual(['yaml', 'zod']);
});

test('the premises kit imports only what packages/premises/package.json declares', () => {
  expect(undeclared(['packages/premises'], readManifest('packages/premises'))).toEqual([]);
});

test('the landing zone imports only what the root package declares, and the three build-time tools named here', () => {
  const buildTime = {
    // synth bundles the handlers with the local esbuild (no Docker engine).
    esbuild: 'synth-time bundler',
    // AGPL and development-only: `suveren plan` and the evidence load it if installed, and say so if not.
    '@cloud-copilot/iam-simulate': 'the IAM evaluator',
    // The handlers' event types; type-only imports, erased at compile time.
    'aws-lambda': '@types/aws-lambda',
  };
  expect(undeclared(['lib', 'lambda', 'bin'], root, buildTime)).toEqual([]);
  for (const name of Object.keys(buildTime)) expect({ ...root.devDependencies }[name === 'aws-lambda' ? '@types/aws-lambda' : name]).toBeDefined();
});

/** The relative imports of `file` (in workspace `dir`) that leave the workspace. */
function escapesOf(dir: string, file: string, specifiers: string[]): string[] {
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(REPO_ROOT, path.resolve(REPO_ROOT, path.dirname(file), s)))
    .filter((target) => !target.startsWith(`${dir}${path.sep}`))
    .map((target) => `${file} imports ${target}`);
}

test('a workspace reaches no code outside itself by a relative path, and the core none of the premises kit', () => {
  const escapes = workspaceDirs.flatMap((dir) => tsFiles(dir).flatMap((file) => escapesOf(dir, file, specifiersOf(file))));
  expect(escapes).toEqual([]);
  const coreToPremises = tsFiles('packages/core').filter((file) => specifiersOf(file).some((s) => s.startsWith('@suveren/premises')));
  expect(coreToPremises).toEqual([]);
});

test('the check sees a relative escape: imports into lib/ and the core from the premises kit are caught, its own are not', () => {
  const probe = path.join('packages', 'premises', 'cli', 'probe.ts');
  expect(escapesOf(path.join('packages', 'premises'), probe, ['../../../lib/regions', '../../core/contracts/tiers', './io', '../xks-proxy/server'])).toEqual([
    `${probe} imports ${path.join('lib', 'regions')}`,
    `${probe} imports ${path.join('packages', 'core', 'contracts', 'tiers')}`,
  ]);
});

test('each @aws-sdk package is declared at one version wherever a package.json names it', () => {
  const versions = new Map<string, Set<string>>();
  for (const manifest of [root, ...workspaceDirs.map(readManifest)]) {
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      if (!name.startsWith('@aws-sdk/')) continue;
      versions.set(name, (versions.get(name) ?? new Set()).add(version));
    }
  }
  const split = [...versions].filter(([, v]) => v.size > 1).map(([name, v]) => `${name}: ${[...v].join(', ')}`);
  expect(split).toEqual([]);
  expect(versions.get('@aws-sdk/client-s3')?.size).toBe(1);
});
