import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo } from '@suveren/premises/cli/io';

/*
 * `suveren accounts create | policy --config file.yaml`: the accounts the config asks for
 * (`account: { create: { email, name } }`), created with management-account credentials
 * and recorded in the config's lock file (packages/core/config/account-lock.ts), and the IAM policy
 * of the role that does it (lib/guardrails/account-creator-policy.ts).
 */

export const ACCOUNTS_USAGE = 'suveren accounts create --config file.yaml [--dry-run] [--region <allowed region>] | suveren accounts policy --config file.yaml';

const modules = () => ({
  lock: require('@suveren/core/config/account-lock') as typeof import('@suveren/core/config/account-lock'),
  load: require('@suveren/core/config/load') as typeof import('@suveren/core/config/load'),
  schema: require('@suveren/core/config/schema') as typeof import('@suveren/core/config/schema'),
  yaml: require('yaml') as typeof import('yaml'),
});

/**
 * The config with each `create` entry standing in for a distinct placeholder id, so that
 * everything else in it is validated before an account is made for it.
 */
function configWithRequests(file: string) {
  const m = modules();
  const text = fs.readFileSync(file, 'utf8');
  const data: unknown = m.yaml.parse(text);
  const { requests, issues } = m.lock.accountRequests(data);
  if (issues.length > 0) throw new m.load.ConfigError(file, issues);
  const placeholders = requests.map((request, i) => ({ ...request, placeholder: String(900_000_000_000 + i) }));
  const lock = placeholders.map((p) => ({ email: p.email, name: p.name, id: p.placeholder, organizationalUnit: p.organizationalUnit }));
  // Already-created accounts resolve from the real lock; the rest from placeholders.
  const real = m.lock.readAccountLock(m.lock.lockFileOf(file));
  const merged = [...real, ...lock.filter((l) => !real.some((r) => r.email.toLowerCase() === l.email.toLowerCase()))];
  const config = m.load.parseConfig(text, file, merged);
  return { config, requests, lock: real };
}

export async function accountsCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: { config: { type: 'string' }, 'dry-run': { type: 'boolean' }, region: { type: 'string' } } }));
  } catch (e) {
    io.err(`suveren accounts: ${(e as Error).message}; usage: ${ACCOUNTS_USAGE}\n`);
    return 2;
  }
  if ((sub !== 'create' && sub !== 'policy') || !values.config) {
    io.err(`suveren accounts: usage: ${ACCOUNTS_USAGE}\n`);
    return 2;
  }
  const m = modules();
  let prepared;
  try {
    prepared = configWithRequests(values.config);
  } catch (e) {
    if (e instanceof m.load.ConfigError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
  const { config, requests } = prepared;
  if (sub === 'policy') {
    const { accountCreatorPolicy } = require('../guardrails/account-creator-policy') as typeof import('../guardrails/account-creator-policy');
    const { EU_REGION_PARTITIONS } = require('@suveren/core/contracts/regions') as typeof import('@suveren/core/contracts/regions');
    const document = accountCreatorPolicy({
      partition: EU_REGION_PARTITIONS[config.organization.homeRegion],
      managementAccount: config.organization.managementAccount,
      organizationId: config.organization.organizationId,
      guardrailTargets: config.organization.guardrailTargets,
      destinationUnits: requests.map((r) => r.organizationalUnit),
    });
    io.out(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  const session = require('../organization/management-session') as typeof import('../organization/management-session');
  const create = require('../organization/create-accounts') as typeof import('../organization/create-accounts');
  const { OrganizationsClient } = require('@aws-sdk/client-organizations') as typeof import('@aws-sdk/client-organizations');
  const { STSClient } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const lockFile = m.lock.lockFileOf(values.config);
  try {
    const region = session.sessionRegion(config, values.region ?? process.env.AWS_REGION);
    const organizations = new OrganizationsClient({ region });
    await session.assertManagementAccount(new STSClient({ region }), config);
    await session.assertOrganization(organizations, config);
    if (requests.length > 0 && !config.organization.platformRoles) {
      io.err(
        `suveren accounts: ${values.config} creates accounts but names no organization.platformRoles: each new account is moved into a guarded OU at once, where only Suveren-Bootstrap's StackSet may create the break-glass role (ProtectBreakGlassRole). Add organization.platformRoles (docs/deploying.md), then run this again\n`,
      );
      return 1;
    }
    if (requests.length === 0) {
      io.out(`suveren accounts: ${values.config} asks for no account to be created (account: { create: { email, name } })\n`);
      return 0;
    }
    const lock = await create.createAccounts({
      organizations,
      requests,
      lock: prepared.lock,
      dryRun: values['dry-run'],
      // Written beside it and renamed over it: an interrupted run never leaves half a lock.
      writeLock: (accounts) => {
        fs.writeFileSync(`${lockFile}.tmp`, m.lock.formatAccountLock(accounts));
        fs.renameSync(`${lockFile}.tmp`, lockFile);
      },
      log: (line) => io.out(`${line}\n`),
    });
    io.out(
      values['dry-run']
        ? `suveren accounts: dry run, nothing created; ${lockFile} unchanged\n`
        : `suveren accounts: ${lock.length} account(s) in ${lockFile}: review and commit it with the config\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof session.ManagementSessionError || e instanceof create.AccountCreationError) {
      io.err(`suveren accounts: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
