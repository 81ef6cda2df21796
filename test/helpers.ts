import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { App, AppProps } from 'aws-cdk-lib';
import { parse, stringify } from 'yaml';
import { ConfigError, formatPath, parseConfig } from '@suveren/core/config/load';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { createSuverenApp } from '../lib/landing-zone';

export const REPO_ROOT = path.join(__dirname, '..');
export const EXAMPLE_CONFIG_FILE = path.join(REPO_ROOT, 'config', 'example.yaml');

export type ConfigDocument = Record<string, unknown>;

/** The example config as a plain object, to be changed by a test. */
export function exampleConfigDocument(): ConfigDocument {
  return parse(fs.readFileSync(EXAMPLE_CONFIG_FILE, 'utf8')) as ConfigDocument;
}

/**
 * A copy of `document` with the field at `fieldPath` (dot-separated, numbers index
 * lists) set to `value`, or removed when `value` is undefined.
 */
export function withField(document: ConfigDocument, fieldPath: string, value: unknown): ConfigDocument {
  const copy = structuredClone(document);
  const keys = fieldPath.split('.');
  let parent: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    parent = parent[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** `document` with tenant `index` lacking its continuity, and so the restorer groups only continuity gives a role to. */
export function withoutContinuity(document: ConfigDocument, index = 0): ConfigDocument {
  return withField(withField(document, `tenants.${index}.continuity`, undefined), `tenants.${index}.people.restorer`, undefined);
}

/** Validates a config document through the same path a file takes. */
export function parseDocument(document: unknown, file = 'test.yaml'): SuverenConfig {
  return parseConfig(stringify(document), file);
}

/** The problems the config loader reports for `document`, each as [field path, message]; throws if it accepts it. */
export function configIssuesOf(document: ConfigDocument, file = 'test.yaml'): [string, string][] {
  try {
    parseDocument(document, file);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map((i) => [formatPath(i.path), i.message]);
    throw e;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

export function exampleConfig(): SuverenConfig {
  return parseDocument(exampleConfigDocument());
}

/**
 * The example config file without its `changes.acknowledge`, written once per process: the
 * example acknowledges what the current code opens against the committed baseline
 * (docs/people.md), and a plan of any other pair of assemblies would find those stale.
 */
export function exampleConfigFileUnacknowledged(): string {
  if (!unacknowledgedFile) {
    unacknowledgedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-example-')), 'example.yaml');
    fs.writeFileSync(unacknowledgedFile, stringify({ ...exampleConfigDocument(), changes: undefined }));
  }
  return unacknowledgedFile;
}
let unacknowledgedFile: string | undefined;

/** The example config without its `changes.acknowledge` (see exampleConfigFileUnacknowledged). */
export function exampleConfigUnacknowledged(): SuverenConfig {
  return { ...exampleConfig(), changes: { acknowledge: [] } };
}

/** A suveren app that skips Lambda bundling (tests that need bundles opt back in). */
export function testApp(props: AppProps = {}): App {
  return createSuverenApp({ ...props, context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true, ...props.context } });
}
