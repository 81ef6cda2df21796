import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { run } from '../lib/cli/main';
import { EXAMPLE_CONFIG_FILE, REPO_ROOT, exampleConfigDocument, withField } from './helpers';

async function capture(argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, false);
  return { code, out, err };
}

describe('suveren check-config', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-check-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('accepts the example and summarizes each tenant with its derived tier', async () => {
    const { code, out } = await capture(['check-config', EXAMPLE_CONFIG_FILE]);
    expect(code).toBe(0);
    expect(out).toMatch(/OK, 3 tenants in eu-north-1, eu-west-1/);
    expect(out).toMatch(/skatteetaten-arkiv\s+eu-west-1\s+secret -> client-side/);
  });

  test('refuses a bad config with exit code 1, naming file and field', async () => {
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, stringify(withField(exampleConfigDocument(), 'tenants.1.tier', 'standard')));
    const { code, err } = await capture(['check-config', file]);
    expect(code).toBe(1);
    expect(err).toContain(`${file}:`);
    expect(err).toMatch(/tenants\[1\]\.tier: "standard" is below "hsm"/);
  });

  test('an alias bomb is a config error naming the file and the reason, not a stack trace', async () => {
    const file = path.join(tmp, 'bomb.yaml');
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    fs.writeFileSync(file, `${levels.join('\n')}\n`);
    const { code, err } = await capture(['check-config', file]);
    expect(code).toBe(1);
    expect(err).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 1 problem in the suveren config:\n.*the YAML cannot be read as data: .*alias.*; remove the aliases`,
        's',
      ),
    );
    expect(err).not.toMatch(/\n\s+at /);
  });

  test('usage errors exit 2', async () => {
    expect((await capture(['check-config'])).code).toBe(2);
    expect((await capture(['check-config', 'a.yaml', '--bogus'])).code).toBe(2);
    expect((await capture(['no-such-command'])).err).toMatch(/unknown command "no-such-command"/);
  });

  test('runs as `npm run suveren -- check-config` without a stack trace on errors', async () => {
    const bad = path.join(tmp, 'typo.yaml');
    fs.writeFileSync(bad, stringify({ ...exampleConfigDocument(), tennants: [] }));
    const result = spawnSync('node', [path.join(REPO_ROOT, 'bin', 'suveren-cli.js'), 'check-config', bad], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/tennants: unknown key "tennants": remove it or correct its spelling \(did you mean "tenants"\?\)/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('suveren keygen', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-keygen-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('writes a 0600 key file and refuses to overwrite it', async () => {
    const file = path.join(tmp, 'tenant.key');
    const first = await capture(['keygen', '--out', file, '--name', 'lund-2026']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/key name lund-2026, mode 0600/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = await capture(['keygen', '--out', file]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists; a key file is never overwritten/);
  });

  test('--out is required', async () => {
    expect((await capture(['keygen'])).code).toBe(2);
  });
});

describe('suveren management-policy', () => {
  test('never falls back to the example: without --config or SUVEREN_CONFIG it names the fix', async () => {
    const previous = process.env.SUVEREN_CONFIG;
    delete process.env.SUVEREN_CONFIG;
    try {
      const { code, out, err } = await capture(['management-policy']);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/name your config: --config config\/<yours>\.yaml \(or SUVEREN_CONFIG\)/);
    } finally {
      if (previous !== undefined) process.env.SUVEREN_CONFIG = previous;
    }
  });

  test('prints the policy for the named config on stdout, and says which organization and targets on stderr', async () => {
    const { code, out, err } = await capture(['management-policy', '--config', EXAMPLE_CONFIG_FILE]);
    expect(code).toBe(0);
    const policy = JSON.parse(out) as { Statement: { Sid: string }[] };
    expect(policy.Statement.map((s) => s.Sid)).toContain('TagOnlySuverenPolicies');
    expect(err).toMatch(/for .*example\.yaml: organization o-a1b2c3d4e5, management account 111111111111, guardrail targets ou-abcd-11111111/);
  });
});
