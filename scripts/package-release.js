#!/usr/bin/env node
// Writes the release object Suveren-Pipeline's S3 source expects (deployment.source.s3.objectKey):
// a zip of the repository at HEAD, files at its root, as CodeBuild unpacks it. `git archive`
// stamps every entry with the commit's time, so the same commit gives the same bytes, and
// SHA256SUMS beside it names them. Only committed files go in: a release is a commit, so a
// working tree with uncommitted changes to tracked files is refused (untracked files are
// simply not part of it). docs/deploying.md shows the upload.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const OUT = path.resolve(outIndex >= 0 ? args[outIndex + 1] : path.join(ROOT, 'dist', 'release'));

function fail(message) {
  process.stderr.write(`package:release: ${message}\n`);
  process.exit(1);
}

const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
let commit;
try {
  commit = git('rev-parse', 'HEAD');
} catch {
  fail(`${ROOT} is not a git checkout: a release is a commit`);
}
const dirty = git('status', '--porcelain', '--untracked-files=no');
if (dirty) fail(`uncommitted changes to tracked files (${dirty.split('\n').length}): commit them first, a release is a commit:\n${dirty}`);
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const name = `suveren-${version}-${commit.slice(0, 12)}.zip`;
fs.mkdirSync(OUT, { recursive: true });
const file = path.join(OUT, name);
execFileSync('git', ['archive', '--format=zip', '-o', file, commit], { cwd: ROOT });
const sum = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
fs.writeFileSync(path.join(OUT, 'SHA256SUMS'), `${sum}  ${name}\n`);
process.stdout.write(`wrote ${file} (commit ${commit})\nsha256 ${sum}\nupload it as the object deployment.source.s3.objectKey names (docs/deploying.md)\n`);
