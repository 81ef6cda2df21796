/*
 * Writes the config's JSON Schema and the configuration reference from packages/core/config/schema.ts
 * (`npm run schema`). test/config-json-schema.test.ts fails when either is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_JSON_SCHEMA_PATH, configJsonSchema, configReferenceMarkdown } from '@suveren/core/config/json-schema';

const root = path.join(__dirname, '..');
fs.writeFileSync(path.join(root, CONFIG_JSON_SCHEMA_PATH), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
fs.writeFileSync(path.join(root, 'docs', 'configuration-reference.md'), configReferenceMarkdown());
process.stdout.write(`wrote ${CONFIG_JSON_SCHEMA_PATH} and docs/configuration-reference.md\n`);
