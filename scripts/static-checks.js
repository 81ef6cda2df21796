#!/usr/bin/env node
/*
 * `npm test`'s static checks: the type check, ESLint and Prettier, run side by side. Each
 * is single-threaded, so on a 2-core machine running them together takes about the time
 * of the longest instead of their sum. Each one's output is printed whole when it ends;
 * the exit status is non-zero when any of them failed.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const CHECKS = [
  { name: 'tsc --noEmit', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'eslint .', command: bin('eslint'), args: ['.'] },
  { name: 'prettier --check .', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
];

function run({ name, command, args }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ name, ok: false, output: `${error.message}\n`, seconds: 0 }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output: Buffer.concat(output).toString('utf8'), seconds: (Date.now() - started) / 1000 }));
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  for (const { name, ok, output, seconds } of results) {
    process.stdout.write(`${ok ? 'ok' : 'FAILED'}: ${name} (${seconds.toFixed(1)} s)\n`);
    if (output.trim().length > 0) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
});
