import { z } from 'zod';
import { rawConfigSchema } from './schema';

/*
 * The config's JSON Schema, for editors: generated from the zod schema the loader
 * validates with (zod's own z.toJSONSchema), never written by hand. Input mode, so a key
 * with a default stays optional; draft 7, the newest yaml-language-server reads. zod
 * leaves refinements out of JSON Schema (cross-field rules, certificate parsing, the EU
 * region check): what editors need of them is carried as `.meta()` on the fields (the EU
 * regions as an enum, a description on every field). The loader stays the authority; the
 * schema only helps a person write a config it will accept.
 */

/** Where the schema is published, relative to the repository root; configs point at it with a modeline. */
export const CONFIG_JSON_SCHEMA_PATH = 'schema/suveren-config.schema.json';

/** The schema as committed at CONFIG_JSON_SCHEMA_PATH. */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(rawConfigSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'suveren landing zone config',
    description: 'A suveren config (config/example.yaml and docs/configuration.md). Generated from packages/core/config/schema.ts by `npm run schema`; do not edit.',
    ...rest,
  };
}

/** The modeline that points yaml-language-server at the schema, for a config at `configPath` (relative to the repository root). */
export function schemaModeline(configPath: string): string {
  const depth = configPath.split('/').length - 1;
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}${CONFIG_JSON_SCHEMA_PATH}`;
}

interface SchemaNode {
  readonly type?: string | string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, SchemaNode>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
}

/**
 * docs/configuration-reference.md: every field of the schema with its type, whether it
 * is required, its default and its description, generated from the same schema.
 */
export function configReferenceMarkdown(schema: Record<string, unknown> = configJsonSchema()): string {
  const rows: string[] = [];
  const typeOf = (node: SchemaNode): string => {
    if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(', ');
    if (node.anyOf) return node.anyOf.map(typeOf).join(' or ');
    if (node.type === 'array') return `list of ${node.items ? typeOf(node.items) : 'values'}`;
    return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
  };
  const walk = (node: SchemaNode, prefix: string) => {
    const objects = node.anyOf ?? [node];
    for (const object of objects) {
      for (const [name, child] of Object.entries(object.properties ?? {})) {
        const fieldPath = `${prefix}${name}`;
        const required = object.required?.includes(name) ? 'yes' : 'no';
        const fallback = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
        rows.push(`| \`${fieldPath}\` | ${typeOf(child).replace(/\|/g, '\\|')} | ${required} | ${fallback} | ${child.description ?? ''} |`);
        if (child.properties || child.anyOf) walk(child, `${fieldPath}.`);
        if (child.items?.properties) walk(child.items, `${fieldPath}[].`);
      }
    }
  };
  walk(schema, '');
  return [
    '# Configuration reference',
    '',
    '<!-- Generated from packages/core/config/schema.ts by `npm run schema`; a test fails when it is stale. Do not edit. -->',
    '',
    `Every field of a suveren config, as the JSON Schema \`${CONFIG_JSON_SCHEMA_PATH}\` gives it to editors. The loader checks`,
    'more than the schema can say (cross-field rules, certificates, accounts that must differ): [configuration.md](configuration.md)',
    'explains the sections and their rules.',
    '',
    '| field | type | required | default | description |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
