#!/usr/bin/env node
// Bundles the `suveren` command into dist/suveren-cli.js with the local esbuild, so it
// starts fast and streams large files in little memory (no TypeScript compiler at run
// time). The CDK libraries stay external: only `evidence` and `plan` load them, on demand.
const path = require('node:path');
const esbuild = require('esbuild');

esbuild.buildSync({
  entryPoints: [path.join(__dirname, '..', 'lib', 'cli', 'main.ts')],
  outfile: path.join(__dirname, '..', 'dist', 'suveren-cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  mainFields: ['module', 'main'],
  // The IAM evaluator is AGPL-licensed and a development dependency: loaded if installed, never bundled.
  // pkcs11js is a native addon, loaded from node_modules.
  external: [
    'pkcs11js',
    'aws-cdk-lib',
    'aws-cdk-lib/*',
    'constructs',
    'cdk-nag',
    'esbuild',
    'aws-cdk',
    'aws-cdk/*',
    'typescript',
    'ts-node',
    '@cloud-copilot/iam-simulate',
    '@aws-cdk/cloudformation-diff',
    '@aws-cdk/cloudformation-diff/*',
  ],
  logLevel: 'error',
});
