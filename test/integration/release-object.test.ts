import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';

/*
 * `npm run package:release`: the zip Suveren-Pipeline's S3 source takes, made in a clean
 * checkout of HEAD (a git worktree) as a platform team makes it, twice.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-release-'));
const tree = path.join(tmp, 'checkout');
beforeAll(() => execFileSync('git', ['worktree', 'add', '--detach', '--quiet', tree, 'HEAD'], { cwd: REPO_ROOT, stdio: 'pipe' }));
afterAll(() => {
  execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: REPO_ROOT, stdio: 'pipe' });
  fs.rmSync(tmp, { recursive: true, force: true });
});

const pack = (out: string) => spawnSync(process.execPath, [path.join(tree, 'scripts', 'package-release.js'), '--out', out], { cwd: tree, encoding: 'utf8' });

test('the same commit gives the same zip, with the repository at its root and nothing else, and SHA256SUMS names it', () => {
  const first = pack(path.join(tmp, 'one'));
  const second = pack(path.join(tmp, 'two'));
  expect(first.status).toBe(0);
  expect(second.status).toBe(0);
  const sums = fs.readFileSync(path.join(tmp, 'one', 'SHA256SUMS'), 'utf8');
  expect(sums).toMatch(/^[0-9a-f]{64} {2}suveren-\d+\.\d+\.\d+-[0-9a-f]{12}\.zip\n$/);
  expect(fs.readFileSync(path.join(tmp, 'two', 'SHA256SUMS'), 'utf8')).toBe(sums);
  expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: path.join(tmp, 'one'), encoding: 'utf8' }).stdout).toMatch(/\.zip: OK/);
  const zip = path.join(tmp, 'one', sums.split('  ')[1].trim());
  const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n');
  for (const file of ['package.json', 'package-lock.json', 'cdk.json', 'bin/suveren.ts', 'config/example.yaml', 'lib/landing-zone.ts'])
    expect(listing).toContain(file);
  expect(listing.filter((f) => /^(node_modules|cdk\.out|dist)\//.test(f))).toEqual([]);
});

test('uncommitted changes to tracked files are refused: a release is a commit', () => {
  fs.appendFileSync(path.join(tree, 'README.md'), '\nnot committed\n');
  try {
    const refused = pack(path.join(tmp, 'dirty'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/uncommitted changes to tracked files \(1\): commit them first, a release is a commit/);
    expect(fs.existsSync(path.join(tmp, 'dirty', 'SHA256SUMS'))).toBe(false);
  } finally {
    execFileSync('git', ['checkout', '--', 'README.md'], { cwd: tree });
  }
});
