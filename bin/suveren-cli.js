#!/usr/bin/env node
// Entry point of the `suveren` command. The project ships TypeScript sources; ts-node
// (transpile-only: type checking is `npm run typecheck`'s job) runs them directly.
require('ts-node').register({ transpileOnly: true, project: require('node:path').join(__dirname, '..', 'tsconfig.json') });
require('../lib/cli/main').main();
