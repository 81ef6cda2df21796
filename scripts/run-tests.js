#!/usr/bin/env node
/*
 * `npm test`: the type check, ESLint and Prettier side by side with jest's unit and
 * integration projects. Every one of them is CPU-bound and the static checks are
 * single-threaded, so on a 2-core machine they fill the cores jest leaves idle (a worker
 * waiting on a subprocess, moto or a timer, the tail of the last files) instead of running
 * before it. jest's output streams; each static check's is printed whole after jest's.
 * Arguments go to jest (`npm test -- test/config.test.ts`). The exit status is non-zero
 * when any of them failed.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { tunedNodeEnv } = require('./tuned-node-env');

const ROOT = path.join(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const STATIC_CHECKS = [
  { name: 'tsc --noEmit', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'eslint .', command: bin('eslint'), args: ['.'] },
  { name: 'prettier --check .', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
];
const JEST = {
  name: 'jest (unit, integration)',
  command: bin('jest'),
  args: ['--maxWorkers=2', '--selectProjects', 'unit', 'integration', ...process.argv.slice(2)],
};

function run({ name, command, args }, stream) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: ROOT, env: tunedNodeEnv(), stdio: stream ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const output = [];
    if (!stream) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('error', (error) => resolve({ name, ok: false, output: `${error.message}\n`, seconds: 0 }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output: Buffer.concat(output).toString('utf8'), seconds: (Date.now() - started) / 1000 }));
  });
}

Promise.all([run(JEST, true), ...STATIC_CHECKS.map((check) => run(check, false))]).then((results) => {
  for (const { name, ok, output, seconds } of results) {
    process.stdout.write(`${ok ? 'ok' : 'FAILED'}: ${name} (${seconds.toFixed(1)} s)\n`);
    if (output.trim().length > 0) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
});
