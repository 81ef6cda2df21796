#!/usr/bin/env node
// The HSM-keyring tests run against a real PKCS#11 module: SoftHSM v2 from Debian's
// softhsm2 package. Installed here when missing (as CI's fresh machine needs); where
// apt-get cannot run, the message names the package. No test skips silently.
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const UTIL = '/usr/bin/softhsm2-util';

if (fs.existsSync(MODULE) && fs.existsSync(UTIL)) process.exit(0);

console.error('SoftHSM v2 is missing; installing Debian package softhsm2...');
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const prefix = root ? [] : ['sudo', '-n'];
const run = (args) =>
  spawnSync(prefix.length ? prefix[0] : args[0], prefix.length ? [...prefix.slice(1), ...args] : args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
let result = run(['apt-get', 'install', '-y', '-qq', 'softhsm2']);
if (result.status !== 0) {
  run(['apt-get', 'update', '-qq']);
  result = run(['apt-get', 'install', '-y', '-qq', 'softhsm2']);
}
if (result.status !== 0 || !fs.existsSync(MODULE)) {
  console.error(`Could not install SoftHSM v2. Install it with: apt-get install softhsm2 (the tests need ${MODULE})`);
  process.exit(1);
}
