import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { CONFIG_JSON_SCHEMA_PATH, configJsonSchema, configReferenceMarkdown, schemaModeline } from '@suveren/core/config/json-schema';
import { EU_REGIONS } from '../lib/regions';
import { REPO_ROOT, exampleConfigDocument, withField } from './helpers';
import { malformed } from './support/malformed-configs';

/*
 * The config's published JSON Schema (schema/suveren-config.schema.json), generated from
 * the zod schema by z.toJSONSchema, and the configuration reference generated beside it:
 * neither may be stale, every committed config validates against it and points an editor
 * at it, and it rejects what is wrong in shape. Cross-field rules stay the loader's.
 */

const committedConfigs = ['config/example.yaml', ...fs.readdirSync(path.join(REPO_ROOT, 'config', 'examples')).map((f) => `config/examples/${f}`)];
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, CONFIG_JSON_SCHEMA_PATH), 'utf8')) as object);

test('the committed schema and docs/configuration-reference.md are what packages/core/config/schema.ts generates (npm run schema)', () => {
  expect(fs.readFileSync(path.join(REPO_ROOT, CONFIG_JSON_SCHEMA_PATH), 'utf8')).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  expect(fs.readFileSync(path.join(REPO_ROOT, 'docs', 'configuration-reference.md'), 'utf8')).toBe(configReferenceMarkdown());
});

test('every field has a description, so that editors show hover text', () => {
  const missing: string[] = [];
  type Node = { description?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };
  const walk = (node: Node, at: string) => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (!child.description) missing.push(`${at}${name}`);
      walk(child, `${at}${name}.`);
    }
    if (node.items) walk(node.items, at);
    for (const alternative of node.anyOf ?? []) walk(alternative, at);
  };
  walk(configJsonSchema() as Node, '');
  expect(missing).toEqual([]);
});

test.each(committedConfigs)('%s starts with the modeline editors read, and validates against the schema', (file) => {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  expect(text.split('\n')[0]).toBe(schemaModeline(file));
  expect(fs.existsSync(path.join(REPO_ROOT, path.dirname(file), text.split('$schema=')[1].split('\n')[0]))).toBe(true);
  const valid = validate(parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
});

test('regions are the EU allow-list: us-east-1 and eu-central-2 (Zurich, outside the EU) are rejected, every EU region accepted', () => {
  for (const region of ['us-east-1', 'eu-central-2']) expect(validate(withField(exampleConfigDocument(), 'tenants.0.region', region))).toBe(false);
  for (const region of EU_REGIONS) expect(validate(withField(exampleConfigDocument(), 'tenants.0.region', region))).toBe(true);
});

/**
 * The malformed configs the loader refuses that are wrong in shape, and so rejected by the
 * schema too. The others are cross-field (two tenants in one account, a tier without its
 * store, a certificate that does not parse): only the loader can say them.
 */
const SHAPE_ERRORS = [
  'tenant in us-east-1',
  'tenant in London (eu-west-2)',
  'Zurich in allowedRegions',
  'unknown top-level key (typo)',
  'unknown tenant key (typo of classification)',
  'unquoted account id',
  'account id with 11 digits',
  'tenant id that is not DNS-safe',
  'hsmKeyGeneration that is not a whole number from 1',
  'HSM cluster with one Availability Zone',
  'unknown classification',
  'missing classification',
  'upload size above the S3 maximum',
  'fractional upload size',
  'content type that is not a media type',
  'empty content type list',
  'malformed guardrail target',
  'malformed organization id',
  'an override of a capability suveren does not know',
  'no tenants',
  'an external key id outside the XKS alphabet',
  'an endpoint with a path or port',
  'a URI path of another API version',
  'a credential access key id that is not one',
  'a typo in an external key store',
  'a deployment region outside the EU',
  'a waveSize of 0',
];

test('the schema rejects exactly the malformed configs that are wrong in shape', () => {
  const rejected = malformed.filter((m) => !validate(m.document)).map((m) => m.name);
  expect(rejected.sort()).toEqual([...SHAPE_ERRORS].sort());
});
