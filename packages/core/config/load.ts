import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { type LockedAccount, lockFileOf, readAccountLock, resolveAccountRequests } from './account-lock';
import { type ConfigIssue, type SuverenConfig, validateConfig } from './schema';
import { readDrillReport } from './drill-report';

export type { ConfigIssue } from './schema';

/**
 * The config synthesized when neither SUVEREN_CONFIG nor `-c config=` names another:
 * the project's embedded example. Relative to the working directory, which is the
 * project for `cdk synth` (it runs the app beside cdk.json) and for `npx suveren`.
 */
export const DEFAULT_CONFIG_FILE = path.resolve('config', 'example.yaml');

/** A problem in one config file, located by line and field path. */
export interface LocatedConfigIssue extends ConfigIssue {
  /** 1-based line of the offending field, when it can be found in the file. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * A config file that cannot be used. Its message is meant for a person: one line per
 * problem, each naming the file, the field and what to write instead. The CLI prints
 * it without a stack trace.
 */
export class ConfigError extends Error {
  public readonly file: string;
  public readonly issues: readonly LocatedConfigIssue[];

  constructor(file: string, issues: readonly LocatedConfigIssue[]) {
    const lines = issues.map((issue) => `  ${formatLocation(file, issue)} ${formatPath(issue.path)}: ${issue.message}`);
    super(
      `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'} in the suveren config:\n${lines.join('\n')}`,
    );
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

/** `tenants[1].uploads.maxObjectBytes` */
export function formatPath(fieldPath: readonly (string | number)[]): string {
  if (fieldPath.length === 0) return '(top level)';
  return fieldPath
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
}

function formatLocation(file: string, issue: LocatedConfigIssue): string {
  return issue.line === undefined ? `${file}:` : `${file}:${issue.line}:${issue.column ?? 1}:`;
}

/** Reads, parses and validates a config file. Throws ConfigError on any problem. */
export function loadConfig(file: string): SuverenConfig {
  const lockFile = lockFileOf(file);
  let lock: LockedAccount[];
  try {
    lock = readAccountLock(lockFile);
  } catch (e) {
    throw new ConfigError(displayName(lockFile), [{ path: [], message: (e as Error).message }]);
  }
  return loadYamlFile(file, (text, label) => parseConfig(text, label, lock, path.dirname(file)), 'set SUVEREN_CONFIG or -c config= to an existing YAML file');
}

/**
 * How many nodes aliases may expand to in one config: yaml's default (100) refuses a
 * few hundred tenants that share an anchor; a billion-laughs document still exceeds it
 * by orders of magnitude.
 */
const MAX_ALIAS_EXPANSION = 50_000;

/**
 * Parses and validates config text; `file` only labels the messages. `lock` holds the
 * accounts `suveren accounts create` made (packages/core/config/account-lock.ts): each `create`
 * entry is replaced by its id, and one without an id is a problem naming the command.
 */
export function parseConfig(text: string, file: string, lock: readonly LockedAccount[] = [], baseDir?: string): SuverenConfig {
  return parseYamlDocument(text, file, (data) => {
    const resolved = resolveAccountRequests(data, lock, lockFileOf(file), file);
    if (resolved.issues.length > 0) return { ok: false, issues: resolved.issues };
    const result = validateConfig(resolved.data, lock);
    if (!result.ok || baseDir === undefined) return result;
    const issues = drillReportIssues(result.config, baseDir);
    return issues.length > 0 ? { ok: false, issues } : result;
  });
}

/** The drill reports the tenants name (`continuity.drillReport`, relative to the config's directory) that cannot be read as theirs. */
function drillReportIssues(config: SuverenConfig, baseDir: string): ConfigIssue[] {
  return config.tenants.flatMap((tenant, i) => {
    const file = tenant.continuity?.drillReport;
    if (file === undefined) return [];
    const read = readDrillReport(path.resolve(baseDir, file), tenant.id, file);
    return 'problem' in read ? [{ path: ['tenants', i, 'continuity', 'drillReport'], message: read.problem }] : [];
  });
}

/**
 * Parses a YAML document and validates it with `validate`, throwing a ConfigError whose
 * every problem names the file, the line and the field. Shared by every suveren YAML
 * file (the landing-zone config, the XKS proxy's config).
 */
export function parseYamlDocument<T>(
  text: string,
  file: string,
  validate: (data: unknown) => { ok: true; config: T } | { ok: false; issues: ConfigIssue[] },
): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return {
          path: [],
          message: `not valid YAML: ${err.message.split('\n')[0]}; fix the syntax at this line`,
          line: pos.line,
          column: pos.col,
        };
      }),
    );
  }
  let data: unknown;
  try {
    // An alias bomb expands exponentially, so a bound far above what a real config
    // reaches with anchors (tenants sharing `uploads: *defaults`) still stops it.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (e) {
    throw new ConfigError(file, [{ path: [], message: `the YAML cannot be read as data: ${(e as Error).message}; remove the aliases (*name) that expand it` }]);
  }
  const result = validate(data);
  if (!result.ok) {
    throw new ConfigError(
      file,
      result.issues.map((issue) => ({ ...issue, ...locate(doc, lineCounter, issue.path) })),
    );
  }
  return result.config;
}

/** Reads a YAML file and parses it with parseYamlDocument; a missing file is a ConfigError too. */
export function loadYamlFile<T>(file: string, parse: (text: string, label: string) => T, remedy: string): T {
  const label = displayName(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
    throw new ConfigError(label, [{ path: [], message: `cannot read the config (${reason}); ${remedy}` }]);
  }
  return parse(text, label);
}

/** Finds the line of a field path in the YAML source, falling back to its nearest existing parent. */
function locate(doc: Document, lineCounter: LineCounter, fieldPath: readonly (string | number)[]) {
  for (let depth = fieldPath.length; depth > 0; depth--) {
    const parentPath = fieldPath.slice(0, depth - 1);
    const key = fieldPath[depth - 1];
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) {
        const pos = lineCounter.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    } else {
      const node = doc.getIn([...parentPath, key], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
  }
  return {};
}

function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
