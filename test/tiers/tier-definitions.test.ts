import * as fs from 'node:fs';
import * as path from 'node:path';
import { TIERS } from '@suveren/core/contracts/tiers';
import { CATALOGUES } from '../../lib/i18n/translate';
import { ACCESS_KINDS } from '../../lib/evidence/technical-annex';
import { BUILT_IN_TIER_DEFINITIONS } from '@suveren/core/tiers';
import { tierModules } from '../../lib/stacks/tiers';
import { REPO_ROOT } from '../helpers';

test('the built-in tier modules are the tier table, in its order', () => {
  expect(BUILT_IN_TIER_DEFINITIONS.map((d) => d.tier)).toEqual([...TIERS]);
  expect(tierModules().map((m) => m.definition)).toEqual([...BUILT_IN_TIER_DEFINITIONS]);
});

test.each(BUILT_IN_TIER_DEFINITIONS.map((d) => [d.tier, d] as const))('every sentence tier %s names is in every catalogue', (tier, definition) => {
  const keys = [
    `tier.${tier}.custody`,
    `possible.${tier}`,
    `edpb.${tier}`,
    ...ACCESS_KINDS.map((kind) => `annex.${tier}.${kind}`),
    ...definition.legal.measures,
    definition.evidence.kmsKeyCustody,
    ...('uploadNote' in definition.evidence ? [definition.evidence.uploadNote] : []),
    ...('noPlaintextInAws' in definition.reach ? [definition.reach.noPlaintextInAws] : []),
  ];
  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    expect({ language, missing: keys.filter((key) => !(key in catalogue)) }).toEqual({ language, missing: [] });
  }
});

/** Every .ts file under a folder of the repository. */
function sources(folder: string): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(folder, f));
}

test('nothing outside a tier module asks which tier a tenant is', () => {
  // The tier table's capability reads (encryptsOnClient, usesBucketKeys) stay: the handlers
  // and the conformance rule are bundled with the table, not with the modules.
  const TIER_BRANCH =
    /usesCloudHsm|usesExternalKeyStore|usesCustomKeyStore|\btier\s*[!=]==\s*'|'(?:standard|hsm|external|client-side)'\s*[!=]==\s*\w*[tT]ier\b/;
  const inModule = (file: string) => /^lib\/(tiers|stacks\/tiers)\//.test(file) || file === 'packages/core/contracts/tiers.ts';
  const offending = [...sources('lib'), ...sources('lambda'), ...sources('bin')]
    .filter((file) => !inModule(file))
    .flatMap((file) =>
      fs
        .readFileSync(path.join(REPO_ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (TIER_BRANCH.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
  expect(offending).toEqual([]);
});
