import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ALL_COMMANDS, run } from '../../lib/cli/main';
import { HSM_USAGE } from '@suveren/premises/cli/hsm';
import { USAGE } from '../../lib/cli/usage';
import { XKS_PROXY_USAGE } from '@suveren/premises/cli/xks-proxy';
import { REPO_ROOT } from '../helpers';

/*
 * The shell blocks of README.md and docs/*.md, as a reader copies them. Every command line
 * of a `console`, `sh`, `bash` or `shell` block is read (continuation lines joined):
 * - `suveren` (however invoked): the command exists, each `--flag` is in its usage text,
 *   and the offline ones (check-config, management-policy, accounts policy, plan against
 *   the committed baseline) run for real on the example and exit 0; organization prepare
 *   and accounts create get past their argument parser (they stop at the first AWS call,
 *   sent to a closed port);
 * - `npx cdk <command>`: the pinned CLI has the command and every flag (its own --help);
 * - `npm run <script>`: package.json has the script.
 * `aws` commands are AWS's own CLI and are not checked here.
 */

const DOCS = [
  'README.md',
  ...fs
    .readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface DocCommand {
  readonly file: string;
  readonly line: string;
}

/** Command lines of the shell blocks, trailing comments removed, placeholders for the reader's config resolved to the example. */
function docCommands(): DocCommand[] {
  const commands: DocCommand[] = [];
  for (const file of DOCS) {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const block of text.matchAll(/^([ \t]*)```(console|sh|bash|shell)\n([\s\S]*?)^\1```/gm)) {
      const console = block[2] === 'console';
      const lines = block[3].split('\n').map((l) => l.slice(block[1].length));
      for (let i = 0; i < lines.length; i++) {
        let line = lines[i];
        if (console && !line.startsWith('$ ')) continue;
        if (!console && (line.trim() === '' || line.trim().startsWith('#'))) continue;
        line = console ? line.slice(2) : line;
        while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++i].trim()}`;
        commands.push({ file, line: line.replace(/\s{2,}#.*$/, '').trim() });
      }
    }
  }
  return commands;
}

/** The words after the program, quotes removed, env assignments and redirections dropped. */
function words(line: string): string[] {
  return (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ''));
}

function suverenArgs(line: string): string[] | undefined {
  const w = words(line).filter((x) => !/^[A-Z_]+=/.test(x));
  const cut = (rest: string[]) => {
    const end = rest.findIndex((x) => x === '>' || x === '|' || x === '&&' || x.startsWith('>'));
    return end === -1 ? rest : rest.slice(0, end);
  };
  if (w[0] === 'npm' && w[1] === 'run' && w.includes('suveren')) return cut(w.slice(w.indexOf('--') + 1));
  if (w[0] === 'npx' && w[1] === 'suveren') return cut(w.slice(2));
  if (w[0] === 'suveren') return cut(w.slice(1));
  return undefined;
}

const commands = docCommands();
const suverenLines = commands.map((c) => ({ ...c, args: suverenArgs(c.line) })).filter((c): c is DocCommand & { args: string[] } => c.args !== undefined);
/** The reader's own config (`config/<yours>.yaml`, or a name the docs make up) is the example here. */
const resolve = (args: string[]) =>
  args.map((a) => (/^config\/[^/]+\.yaml$/.test(a) && !fs.existsSync(path.join(REPO_ROOT, a)) ? 'config/example.yaml' : a.replace('<yours>', 'example')));
/** The commands whose second word is a sub-command, and the usage text each prints of its own. */
const SUB_COMMANDS: Record<string, string> = { hsm: HSM_USAGE, 'xks-proxy': XKS_PROXY_USAGE, organization: '', accounts: '', pipeline: '', export: '' };

/** USAGE split into blocks: a line at two spaces' indent and the deeper lines after it. */
function usageBlocks(): string[] {
  const blocks: string[] = [];
  for (const line of USAGE.split('\n')) {
    if (/^ {2}\S/.test(line)) blocks.push(line);
    else if (/^ {3,}/.test(line) && blocks.length > 0) blocks[blocks.length - 1] += `\n${line}`;
  }
  return blocks;
}

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, false);
  return { code, out, err };
}

test('the docs hold shell blocks to check: suveren, cdk and npm commands', () => {
  expect(suverenLines.length).toBeGreaterThan(20);
  expect(commands.filter((c) => c.line.startsWith('npx cdk ')).length).toBeGreaterThan(10);
  // The numbered path of docs/deploying.md is among them.
  expect(suverenLines.map((c) => c.args.slice(0, 2).join(' '))).toEqual(expect.arrayContaining(['organization prepare', 'accounts create', 'accounts policy']));
});

test('every suveren command the docs show exists, with every flag its usage names', () => {
  const problems: string[] = [];
  for (const { file, line, args } of suverenLines) {
    const [command, second] = args;
    const sub = command in SUB_COMMANDS && second !== undefined && !second.startsWith('-') ? second : undefined;
    if (!(command in ALL_COMMANDS)) {
      problems.push(`${file}: \`${line}\`: no command "${command}"`);
      continue;
    }
    // Every usage block of this command (a line naming it and the indented lines after it),
    // the shared `keys:` block where it takes keys, and the command's own usage text.
    const blocks = usageBlocks().filter((b) => new RegExp(`^  ${command}( |$)`).test(b));
    const takesKeys = blocks.some((b) => /\[keys|keys\.\.\./.test(b));
    const own =
      blocks.length === 0
        ? ''
        : [...blocks, ...(takesKeys ? usageBlocks().filter((b) => b.startsWith('  keys:')) : []), SUB_COMMANDS[command] ?? ''].join('\n');
    if (!own || (sub !== undefined && !own.includes(sub))) {
      problems.push(`${file}: \`${line}\`: "${command}${sub ? ` ${sub}` : ''}" is not in the usage`);
      continue;
    }
    for (const flag of args.filter((a) => a.startsWith('--')).map((a) => a.split('=')[0])) {
      if (!own.includes(flag)) problems.push(`${file}: \`${line}\`: flag ${flag} is not in the usage of ${command}`);
    }
  }
  expect(problems).toEqual([]);
});

test('the offline suveren commands run as written, on the example, and exit 0', async () => {
  const runnable = suverenLines
    .map((c) => ({ ...c, args: resolve(c.args) }))
    .filter((c) => ['check-config', 'management-policy'].includes(c.args[0]) || (c.args[0] === 'accounts' && c.args[1] === 'policy'))
    .filter((c) => !c.args.some((a) => /[<>]/.test(a)));
  expect(runnable.length).toBeGreaterThanOrEqual(3);
  for (const { file, line, args } of runnable) {
    const result = await cli(args);
    expect({ file, line, code: result.code, err: result.code === 0 ? '' : result.err }).toEqual({ file, line, code: 0, err: '' });
  }
  const plan = suverenLines.find((c) => c.args[0] === 'plan')!;
  expect(plan).toBeDefined();
  // The baseline against itself changes nothing, so the example's acknowledgments (of what the
  // current code opens against the baseline) would be stale: the config without them.
  const unacknowledged = path.join(fs.mkdtempSync('/tmp/suveren-docs-config-'), 'example.yaml');
  const example = parseYaml(fs.readFileSync('config/example.yaml', 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(unacknowledged, stringifyYaml({ ...example, changes: undefined }));
  const planResult = await cli([
    'plan',
    '--baseline',
    'baselines/example',
    '--assembly',
    'baselines/example',
    '--config',
    unacknowledged,
    '--format',
    'json',
    '--out',
    fs.mkdtempSync('/tmp/suveren-docs-plan-'),
  ]);
  expect(planResult.code).toBe(0);
}, 60_000);

test('organization prepare and accounts create, as the docs show them, get past their argument parser to the first AWS call', async () => {
  const saved = { ...process.env };
  // A closed port, fake credentials and one attempt: the first call fails at once, offline.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
    AWS_ACCESS_KEY_ID: 'docs',
    AWS_SECRET_ACCESS_KEY: 'docs',
    AWS_MAX_ATTEMPTS: '1',
    AWS_REGION: 'eu-north-1',
  });
  try {
    const lines = suverenLines
      .map((c) => ({ ...c, args: resolve(c.args) }))
      .filter((c) => (c.args[0] === 'organization' && c.args[1] === 'prepare') || (c.args[0] === 'accounts' && c.args[1] === 'create'));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const { line, args } of lines) {
      const outcome = await cli(args).catch((e: Error) => ({ code: -1, out: '', err: e.message }));
      // Not a usage error (exit 2); the failure is the connection.
      expect({ line, usage: outcome.code === 2 || /Unknown option|usage:/.test(outcome.err) }).toEqual({ line, usage: false });
      expect(`${outcome.err}`).toMatch(/ECONNREFUSED|connect|127\.0\.0\.1:1/);
    }
  } finally {
    process.env = saved;
  }
}, 60_000);

test('every npx cdk command and flag the docs show is in the pinned CDK CLI', () => {
  const cdk = commands.filter((c) => c.line.startsWith('npx cdk ') || /^[A-Z_]+=\S+ npx cdk /.test(c.line));
  const helpOf = new Map<string, string>();
  const problems: string[] = [];
  for (const { file, line } of cdk) {
    const w = words(line).filter((x) => !/^[A-Z_]+=/.test(x));
    const sub = w[2];
    if (!helpOf.has(sub)) {
      const help = spawnSync(process.execPath, [require.resolve('aws-cdk/bin/cdk'), sub, '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
      helpOf.set(sub, `${help.stdout}${help.stderr}`);
    }
    const help = helpOf.get(sub)!;
    if (!help.includes(`cdk ${sub}`)) problems.push(`${file}: \`${line}\`: no cdk command "${sub}"`);
    for (const flag of w.filter((x) => x.startsWith('--')).map((x) => x.split('=')[0]))
      if (!help.includes(flag)) problems.push(`${file}: \`${line}\`: cdk ${sub} has no ${flag}`);
    for (const flag of w.filter((x) => /^-[a-z]$/.test(x)))
      if (!help.includes(`${flag},`) && !help.includes(`, ${flag}`)) problems.push(`${file}: \`${line}\`: cdk ${sub} has no ${flag}`);
  }
  expect(problems).toEqual([]);
}, 60_000);

test('every npm run script the docs show is in package.json', () => {
  const scripts = Object.keys((JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
  const used = commands.flatMap((c) => [...c.line.matchAll(/npm run (?:-s )?([a-z:-]+)/g)].map((m) => ({ ...c, script: m[1] })));
  expect(used.length).toBeGreaterThan(3);
  expect(used.filter((u) => !scripts.includes(u.script)).map((u) => `${u.file}: ${u.script}`)).toEqual([]);
});
