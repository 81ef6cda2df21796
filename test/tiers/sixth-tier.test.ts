// First: the tier registers before anything loads the config schema.
import { SEALED_VAULT, VAULT_LABEL_TAG } from '../support/sealed-vault-tier';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { validateConfig } from '@suveren/core/config/schema';
import { configJsonSchema } from '@suveren/core/config/json-schema';
import { writeEvidence } from '../../lib/evidence/write-evidence';
import { addLandingZone } from '../../lib/landing-zone';
import { registerTier, tierModules } from '../../lib/stacks/tiers';
import { tierNames } from '@suveren/core/tiers';
import { exampleConfigDocument, parseDocument, testApp, withField } from '../helpers';

/*
 * What a new tier costs. This sixth tier touched two files, both outside lib/:
 * test/support/sealed-vault-tier.ts (its module, through the module API alone) and this
 * test. A tier that ships with suveren would touch eight: its row of the tier table
 * (packages/core/contracts/tiers.ts, which the handlers read), its definition (packages/core/tiers/<tier>.ts)
 * and CDK half (lib/stacks/tiers/<tier>.ts), the two lists that register them
 * (packages/core/tiers/index.ts, lib/stacks/tiers/index.ts), and its sentences in the three
 * catalogues (lib/i18n/catalogue-{en,sv,nb}.ts) instead of `messages`.
 */

const VAULT_TENANT = {
  id: 'vault-kommun',
  displayName: 'Vault kommun',
  account: '333333333399',
  region: 'eu-north-1',
  classification: 'internal',
  tier: SEALED_VAULT,
  vaultLabel: 'vault-a',
  uploads: { maxObjectBytes: 1048576, allowedContentTypes: ['application/pdf'] },
};

function documentWith(tenant: Record<string, unknown>) {
  const document = exampleConfigDocument();
  return withField(document, 'tenants', [...(document.tenants as unknown[]), tenant]);
}

test('the sixth tier is registered after the four built-in ones, in order', () => {
  expect(tierNames()).toEqual(['standard', 'hsm', 'external', 'client-side', SEALED_VAULT]);
  expect(tierModules().map((m) => m.definition.tier)).toEqual(tierNames());
});

test('its field is in the schema, the JSON Schema and the checks, with the messages its module gives', () => {
  expect(validateConfig(documentWith(VAULT_TENANT)).ok).toBe(true);
  const missing = validateConfig(documentWith({ ...VAULT_TENANT, vaultLabel: undefined }));
  expect(missing.ok ? [] : missing.issues).toEqual([
    { path: ['tenants', 3, 'vaultLabel'], message: 'tier "sealed-vault" needs vaultLabel: the label of the vault that issues its grants' },
  ]);
  const foreign = validateConfig(documentWith({ ...VAULT_TENANT, tier: 'standard' }));
  expect(foreign.ok ? [] : foreign.issues).toEqual([{ path: ['tenants', 3, 'vaultLabel'], message: 'tier "standard" has no vault: remove vaultLabel' }]);
  const schema = JSON.stringify(configJsonSchema());
  expect(schema).toContain('"sealed-vault"');
  expect(schema).toContain('For tier sealed-vault: the vault that issues the grants of the tenant key.');
});

test('a tier registered after the schema was built is refused', () => {
  expect(() => registerTier({ ...tierModules()[0], definition: { ...tierModules()[0].definition, tier: 'too-late' } })).toThrow(
    /tier "too-late" is registered too late: the config schema/,
  );
});

test('it synthesizes through the compliance gate, and the evidence states it in every language', async () => {
  const config = parseDocument(documentWith(VAULT_TENANT));
  const app = testApp();
  const zone = addLandingZone(app, config);
  const stack = zone.tenantStacks.find((s) => s.stackName === 'Suveren-Tenant-vault-kommun')!;
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::KMS::Key', { Tags: Match.arrayWith([{ Key: VAULT_LABEL_TAG, Value: 'vault-a' }]) });
  const assemblyDir = app.synth().directory;

  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sixth-tier-'));
  const { report } = await writeEvidence({ assemblyDir, config, configFile: 'test.yaml', outDir, languages: ['en', 'sv', 'nb'], accessMatrix: false });
  expect(report.tenants.find((t) => t.id === 'vault-kommun')?.tier).toBe(SEALED_VAULT);
  expect(report.legalMapping.map((m) => m.tier)).toContain(SEALED_VAULT);
  for (const language of ['en', 'sv', 'nb']) {
    const markdown = fs.readFileSync(path.join(outDir, language === 'en' ? 'report.md' : `report.${language}.md`), 'utf8');
    expect(markdown).toContain(`${language}: every grant of the tenant key is issued by the vault`);
    expect(markdown).toContain(`${language}: sealed-vault KMS key`);
  }
});
