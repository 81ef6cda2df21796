import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';
import * as format from '@suveren/core/contracts/message-format';
import * as recovery from '@suveren/core/contracts/recovery-key';

/*
 * The contracts between the CDK code and the Lambda handlers live in packages/core/contracts/,
 * which loads no CDK, so the handlers' bundles and the report never pull it in. The
 * handlers import nothing else from lib/ but the compliance modules AWS Config's custom
 * rules run (the synth-time Sovereignty rules themselves), whose whole import closure
 * loads no CDK either.
 */

/** The compliance modules the conformance rule's handler may import: CDK-free, proven below. */
const CDK_FREE_COMPLIANCE = [path.join('lib', 'compliance', 'conformance'), path.join('lib', 'compliance', 'cfn-inspect')];
const CDK_PACKAGES = ['aws-cdk-lib', 'cdk-nag', 'constructs'];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Every module a file imports or requires, resolved to a repository path where it is
 * relative. With `valuesOnly`, type-only imports (erased by the compiler) are left out.
 */
function importsOf(file: string, valuesOnly = false): string[] {
  const read = fs.readFileSync(file, 'utf8');
  const source = valuesOnly ? read.replace(/^(import|export) type [^;]*;/gms, '') : read;
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'([^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) =>
    s.startsWith('.')
      ? path.relative(REPO_ROOT, path.resolve(path.dirname(file), s))
      : // A workspace by its package name is its folder: packages/<name>/...
        s.replace(/^@suveren\/([^/]+)/, (_, name: string) => path.join('packages', name)),
  );
}

const CONTRACTS = path.join('packages', 'core', 'contracts');
const contracts = path.join(REPO_ROOT, CONTRACTS);

test('packages/core/contracts/ imports no CDK library and nothing outside packages/core/contracts/ but Node built-ins', () => {
  const offending = tsFiles(contracts).flatMap((file) =>
    importsOf(file)
      .filter((target) => !target.startsWith('node:') && !target.startsWith(CONTRACTS))
      .map((target) => `${path.relative(REPO_ROOT, file)} imports ${target}`),
  );
  expect(offending).toEqual([]);
});

test('lambda/ imports from lib/ and the workspaces only what is in packages/core/contracts/ and the CDK-free compliance modules', () => {
  const offending = tsFiles(path.join(REPO_ROOT, 'lambda')).flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith(`lib${path.sep}`) && !target.startsWith(CONTRACTS) && !CDK_FREE_COMPLIANCE.some((m) => target.startsWith(m)))
      .map((target) => `${path.relative(REPO_ROOT, file)} imports ${target}`),
  );
  expect(offending).toEqual([]);
  // And the check sees imports at all: the handlers do use the contracts.
  expect(tsFiles(path.join(REPO_ROOT, 'lambda')).some((file) => importsOf(file).some((t) => t.startsWith(CONTRACTS)))).toBe(true);
});

test('what the lambda/ handlers load from lib/, followed import by import, loads no CDK library at run time', () => {
  const seen = new Set<string>();
  const pending = tsFiles(path.join(REPO_ROOT, 'lambda')).map((f) => path.relative(REPO_ROOT, f));
  const offending: string[] = [];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const target of importsOf(path.join(REPO_ROOT, file.endsWith('.ts') ? file : `${file}.ts`), true)) {
      if (CDK_PACKAGES.some((p) => target === p || target.startsWith(`${p}/`))) offending.push(`${file} loads ${target}`);
      else if (target.startsWith(`lib${path.sep}`) || target.startsWith(`packages${path.sep}`))
        pending.push(fs.existsSync(path.join(REPO_ROOT, `${target}.ts`)) ? `${target}.ts` : path.join(target, 'index.ts'));
    }
  }
  expect(offending).toEqual([]);
  // The walk reaches the Sovereignty rules through the conformance rule.
  expect(seen.has(path.join('lib', 'compliance', 'rules', 'index.ts'))).toBe(true);
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

test('docs/exit.md states the message format as packages/core/contracts defines it', () => {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'exit.md'), 'utf8');
  const rows: Record<string, string> = {};
  for (const match of doc.matchAll(/^\| ([^|`]+?) \| `([^`]+)` \|$/gm)) rows[match[1]] = match[2];
  expect(rows).toMatchObject({
    'algorithm suite id': `0x${format.CLIENT_SIDE_SUITE_ID.toString(16).padStart(4, '0')}`,
    'frame length': String(format.FRAME_LENGTH),
    'encrypted data keys at most': String(format.MAX_ENCRYPTED_DATA_KEYS),
    'encryption context: tenant': format.CONTEXT_KEYS.tenant,
    'encryption context: object key': format.CONTEXT_KEYS.objectKey,
    'encryption context: classification': format.CONTEXT_KEYS.classification,
    'key file namespace': format.KEY_NAMESPACE,
    'recovery key namespace': format.RECOVERY_KEY_NAMESPACE,
    'HSM key namespace': format.PKCS11_KEY_NAMESPACE,
    'recovery key OAEP hash': recovery.RECOVERY_OAEP_HASH,
  });
});
