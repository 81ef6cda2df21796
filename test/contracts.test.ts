import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

/*
 * The contracts between the CDK code and the Lambda handlers live in lib/contracts/,
 * which loads no CDK, so the handlers' bundles and the report never pull it in. The
 * handlers import nothing else from lib/.
 */

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file imports or requires, resolved to a repository path where it is relative. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'([^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => (s.startsWith('.') ? path.relative(REPO_ROOT, path.resolve(path.dirname(file), s)) : s));
}

const contracts = path.join(REPO_ROOT, 'lib', 'contracts');

test('lib/contracts/ imports no CDK library and nothing outside lib/contracts/ but Node built-ins', () => {
  const offending = tsFiles(contracts).flatMap((file) =>
    importsOf(file)
      .filter((target) => !target.startsWith('node:') && !target.startsWith(path.join('lib', 'contracts')))
      .map((target) => `${path.relative(REPO_ROOT, file)} imports ${target}`),
  );
  expect(offending).toEqual([]);
});

test('lambda/ imports from lib/ only what is in lib/contracts/', () => {
  const offending = tsFiles(path.join(REPO_ROOT, 'lambda')).flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith(`lib${path.sep}`) && !target.startsWith(path.join('lib', 'contracts')))
      .map((target) => `${path.relative(REPO_ROOT, file)} imports ${target}`),
  );
  expect(offending).toEqual([]);
  // And the check sees imports at all: the handlers do use the contracts.
  expect(tsFiles(path.join(REPO_ROOT, 'lambda')).some((file) => importsOf(file).some((t) => t.startsWith(path.join('lib', 'contracts'))))).toBe(true);
});

test('compliance, the evidence report and the authorization model import no construct and no stack', () => {
  const layered = ['compliance', 'evidence', 'authorization'].map((dir) => path.join(REPO_ROOT, 'lib', dir));
  const offending = layered.flatMap(tsFiles).flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith(path.join('lib', 'constructs')) || target.startsWith(path.join('lib', 'stacks')))
      .map((target) => `${path.relative(REPO_ROOT, file)} imports ${target}`),
  );
  expect(offending).toEqual([]);
});

test('the import reader sees static, dynamic and require imports', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-contracts-'));
  const probe = path.join(dir, 'probe.ts');
  fs.writeFileSync(probe, "import { Stack } from 'aws-cdk-lib';\nconst later = import('aws-cdk-lib/aws-s3');\nconst cjs = require('./sibling');\n");
  try {
    expect(importsOf(probe)).toEqual(['aws-cdk-lib', 'aws-cdk-lib/aws-s3', path.relative(REPO_ROOT, path.join(dir, 'sibling'))]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
