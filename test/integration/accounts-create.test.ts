import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { stringify } from 'yaml';
import { lockFileOf, readAccountLock } from '@suveren/core/config/account-lock';
import { ConfigError, loadConfig } from '@suveren/core/config/load';
import { run } from '../../lib/cli/main';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfigDocument, testApp } from '../helpers';
import { type MotoServer, startMotoServer } from '../support/moto-server';

/*
 * `suveren accounts create` against moto's AWS Organizations (CreateAccount,
 * DescribeCreateAccountStatus, ListParents, MoveAccount), and the lock file round trip:
 * the config refused before, the id used after, a second run that changes nothing.
 * moto answers SUCCEEDED at once; the wait on IN_PROGRESS is test/organization/create-accounts.test.ts.
 * moto evaluates no IAM: the account-creator role's policy is proven in the replay table.
 */

const MANAGEMENT = '123456789012'; // moto's account
let moto: MotoServer;
let dir: string;
let organizations: OrganizationsClient;
let organizationId: string;
let unit: string;
const saved = { ...process.env };

beforeAll(async () => {
  moto = await startMotoServer();
  Object.assign(process.env, { AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'eu-north-1' });
  organizations = new OrganizationsClient({ region: 'eu-north-1' });
  organizationId = (await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
  const root = (await organizations.send(new ListRootsCommand({}))).Roots![0].Id!;
  unit = (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'suveren-tenants' }))).OrganizationalUnit!.Id!;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-accounts-'));
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await moto?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The example, in moto's organization, with one tenant whose account suveren is to create. */
function writeConfig(name: string, create: Record<string, string>): string {
  const document = exampleConfigDocument() as Record<string, Record<string, unknown> & unknown[]>;
  Object.assign(document.organization, { organizationId, managementAccount: MANAGEMENT, guardrailTargets: [unit] });
  (document.tenants as unknown as Record<string, unknown>[])[0].account = { create };
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, stringify(document));
  return file;
}

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, false);
  return { code, out, err };
}

test('the round trip: refused before, created in its OU and tagged, recorded, used after; a second run changes nothing', async () => {
  const file = writeConfig('pilot', { email: 'aws+lund@kommun.example.se', name: 'suveren lund-kommun' });
  // The synth's loader refuses the config until the account is in the lock file, naming the command.
  expect(() => loadConfig(file)).toThrow(ConfigError);
  expect(() => loadConfig(file)).toThrow(
    /tenants\[0\]\.account: account aws\+lund@kommun\.example\.se is not created yet: run `suveren accounts create --config .*pilot\.yaml`/,
  );

  const dry = await cli(['accounts', 'create', '--config', file, '--dry-run']);
  expect(dry).toMatchObject({ code: 0, err: '' });
  expect(dry.out).toContain(
    `tenant:lund-kommun: would call CreateAccount (aws+lund@kommun.example.se, "suveren lund-kommun", tag suveren:managed-by=suveren), wait for it, then MoveAccount into ${unit}`,
  );
  expect(fs.existsSync(lockFileOf(file))).toBe(false);

  const first = await cli(['accounts', 'create', '--config', file]);
  expect(first.err).toBe('');
  expect(first.code).toBe(0);
  const lock = readAccountLock(lockFileOf(file));
  expect(lock).toEqual([{ email: 'aws+lund@kommun.example.se', name: 'suveren lund-kommun', id: expect.stringMatching(/^\d{12}$/), organizationalUnit: unit }]);
  const id = lock[0].id;
  expect(first.out).toMatch(new RegExp(`MoveAccount ${id}: r-[a-z0-9]+ -> ${unit}`));
  expect((await organizations.send(new ListParentsCommand({ ChildId: id }))).Parents![0].Id).toBe(unit);
  expect((await organizations.send(new ListTagsForResourceCommand({ ResourceId: id }))).Tags).toEqual([{ Key: 'suveren:managed-by', Value: 'suveren' }]);

  // The loader now uses the id, and the organization's template records the account.
  const config = loadConfig(file);
  expect(config.tenants[0].account).toBe(id);
  expect(config.createdAccounts.map((a) => a.id)).toEqual([id]);
  // What the synth builds from it: the tenant's stack in the new account, the account recorded for the plan.
  const zone = addLandingZone(testApp(), config);
  expect(zone.tenantStacks.find((t) => t.stackName === 'Suveren-Tenant-lund-kommun')!.account).toBe(id);
  expect((zone.guardrails!.templateOptions.metadata as Record<string, unknown>).SuverenCreatedAccounts).toEqual([
    { id, email: 'aws+lund@kommun.example.se', name: 'suveren lund-kommun', organizationalUnit: unit },
  ]);

  const lockText = fs.readFileSync(lockFileOf(file), 'utf8');
  const second = await cli(['accounts', 'create', '--config', file]);
  expect(second.code).toBe(0);
  expect(second.out).toContain(`tenant:lund-kommun: aws+lund@kommun.example.se: skipped, in the lock file as ${id}`);
  expect(second.out).not.toMatch(/CreateAccount |MoveAccount /);
  expect(fs.readFileSync(lockFileOf(file), 'utf8')).toBe(lockText);
}, 60_000);

test('a lost lock file: the account is found by its address and recorded again, never created twice', async () => {
  const file = writeConfig('relost', { email: 'aws+malmo@stad.example.se', name: 'suveren malmo-stad' });
  expect((await cli(['accounts', 'create', '--config', file])).code).toBe(0);
  const id = readAccountLock(lockFileOf(file))[0].id;
  fs.rmSync(lockFileOf(file));
  const again = await cli(['accounts', 'create', '--config', file]);
  expect(again.code).toBe(0);
  expect(again.out).toContain(`CreateAccount skipped, account ${id} exists with this address and name`);
  expect(readAccountLock(lockFileOf(file))[0].id).toBe(id);
}, 60_000);

test('collisions and bad input: a taken address under another name, a taken name, a region outside the allow-list, not the management account', async () => {
  const taken = writeConfig('taken-email', { email: 'aws+lund@kommun.example.se', name: 'another name' });
  const a = await cli(['accounts', 'create', '--config', taken]);
  expect(a.code).toBe(1);
  expect(a.err).toMatch(/aws\+lund@kommun\.example\.se already belongs to account \d{12} named "suveren lund-kommun", not "another name"/);

  const name = writeConfig('taken-name', { email: 'aws+other@kommun.example.se', name: 'suveren lund-kommun' });
  const b = await cli(['accounts', 'create', '--config', name]);
  expect(b.code).toBe(1);
  expect(b.err).toMatch(/account \d{12} is already named "suveren lund-kommun" \(aws\+lund@kommun\.example\.se\): give the new account another name/);
  expect(fs.existsSync(lockFileOf(name))).toBe(false);

  const c = await cli(['accounts', 'create', '--config', name, '--region', 'us-east-1']);
  expect(c).toMatchObject({ code: 1 });
  expect(c.err).toContain('region us-east-1 is not in organization.allowedRegions (eu-north-1, eu-west-1)');

  const other = writeConfig('other-management', { email: 'aws+x@kommun.example.se', name: 'x' });
  fs.writeFileSync(other, fs.readFileSync(other, 'utf8').replace(`managementAccount: "${MANAGEMENT}"`, 'managementAccount: "111111111111"'));
  const d = await cli(['accounts', 'create', '--config', other]);
  expect(d.code).toBe(1);
  expect(d.err).toContain(`these credentials are account ${MANAGEMENT}`);
  expect(d.err).toContain('not the management account 111111111111');

  // Without the platform-roles StackSet, nobody could create break-glass in an account moved straight into a guarded OU.
  const noRoles = writeConfig('no-platform-roles', { email: 'aws+y@kommun.example.se', name: 'y' });
  fs.writeFileSync(noRoles, fs.readFileSync(noRoles, 'utf8').replace(/ {2}platformRoles:\n(?: {4}.*\n)+/, ''));
  const f = await cli(['accounts', 'create', '--config', noRoles]);
  expect(f.code).toBe(1);
  expect(f.err).toContain('names no organization.platformRoles');

  const malformed = writeConfig('malformed', { email: 'not-an-address', name: 'x' });
  const e = await cli(['accounts', 'create', '--config', malformed]);
  expect(e.code).toBe(1);
  expect(e.err).toMatch(/malformed\.yaml.*tenants\[0\]\.account\.create\.email: expected an e-mail address/);
}, 60_000);
