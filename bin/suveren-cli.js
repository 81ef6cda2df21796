#!/usr/bin/env node
// Entry point of the `suveren` command: the bundle `npm ci` (prepare) and `npm run build` write.
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist', 'suveren-cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('suveren: the command is not built yet; run `npm run build` (npm ci does it for you)\n');
  process.exit(1);
}
require(bundle).main();
