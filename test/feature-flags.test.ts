import * as fs from 'node:fs';
import * as path from 'node:path';
import { FEATURE_FLAG_DEVIATIONS, SUVEREN_APP_CONTEXT } from '../lib/landing-zone';
import { REPO_ROOT } from './helpers';

/*
 * cdk.json carries the feature flags `cdk init` writes for the installed aws-cdk-lib
 * (its recommended-feature-flags.json), so `cdk synth` prints no flag notice; every app
 * suveren creates, in tests too, runs with them, but for the deviations lib/landing-zone.ts
 * lists with their reasons.
 */

const upstream = JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8')) as Record<string, unknown>;
const recommended = { ...upstream, ...Object.fromEntries(Object.entries(FEATURE_FLAG_DEVIATIONS).map(([flag, { value }]) => [flag, value])) };

test('each deviation from a recommended flag is a flag aws-cdk-lib recommends, set otherwise, with a reason', () => {
  for (const [flag, { value, reason }] of Object.entries(FEATURE_FLAG_DEVIATIONS)) {
    expect([flag, flag in upstream, JSON.stringify(upstream[flag]) !== JSON.stringify(value), reason.length > 40]).toEqual([flag, true, true, true]);
  }
});
const cdkJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

test("cdk.json sets every recommended flag of this aws-cdk-lib to its recommended value (after an upgrade, copy the new ones from aws-cdk-lib's recommended-feature-flags.json)", () => {
  const missingOrDifferent = Object.entries(recommended).filter(([flag, value]) => JSON.stringify(cdkJson.context[flag]) !== JSON.stringify(value));
  expect(missingOrDifferent).toEqual([]);
});

test('apps created without the CLI (tests, bench) run with the same flags', () => {
  for (const [flag, value] of Object.entries(recommended)) expect([flag, SUVEREN_APP_CONTEXT[flag]]).toEqual([flag, value]);
});
