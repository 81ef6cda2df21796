#!/usr/bin/env node
// The tests use two Python tools: cfn-lint (template linting) and, for the upload
// path, moto_server. This machine image ships them; elsewhere install them with pip.
// A missing tool fails here with the command that installs it: no test skips silently.
const { spawnSync } = require('node:child_process');

const TOOLS = [
  { command: 'cfn-lint', args: ['--version'], pip: 'cfn-lint' },
  { command: 'moto_server', args: ['--help'], pip: 'moto[server]' },
];

const missing = TOOLS.filter((tool) => {
  const result = spawnSync(tool.command, tool.args, { stdio: 'ignore' });
  return result.error !== undefined || result.status !== 0;
});
if (missing.length === 0) process.exit(0);

const packages = missing.map((tool) => `'${tool.pip}'`).join(' ');
console.error(`Missing Python tools: ${missing.map((t) => t.command).join(', ')}. Installing with pip...`);
const install = spawnSync('python3', ['-m', 'pip', 'install', '--user', ...missing.map((t) => t.pip)], { stdio: 'inherit' });
if (install.status !== 0) {
  console.error(`Could not install them. Run: python3 -m pip install ${packages}`);
  process.exit(1);
}
