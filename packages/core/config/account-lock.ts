import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import type { ConfigIssue } from './schema';

/*
 * Accounts the config asks suveren to create (`account: { create: { email, name } }`)
 * and the lock file that records the ids `suveren accounts create` got for them. The
 * synth never calls AWS: it reads the ids from the lock file, which is reviewed like
 * any config change, and refuses a `create` entry that is not in it yet.
 */

/** The config fields that name an account, each of which may ask for one to be created. */
export type AccountRole = 'audit' | 'deployment' | `hsm-cluster:${string}` | `external-key-store:${string}` | `tenant:${string}`;

/** One `create` entry of the config, where it was found and what it asks for. */
export interface AccountRequest {
  /** The field path of the `account` it replaces, e.g. ['tenants', 2, 'account']. */
  readonly path: readonly (string | number)[];
  readonly role: AccountRole;
  /** The account's root user e-mail address: unique across AWS. */
  readonly email: string;
  /** The account's name, as AWS Organizations shows it. */
  readonly name: string;
  /** The OU the account goes into; the config's first guardrail target when that is the only one. */
  readonly organizationalUnit: string;
}

/** An account suveren created, as the lock file records it. */
export interface LockedAccount {
  readonly email: string;
  readonly name: string;
  readonly id: string;
  readonly organizationalUnit: string;
}

const ORGANIZATIONAL_UNIT = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;

// The limits of CreateAccount's Email and AccountName parameters (AWS Organizations API reference).
const createSchema = z.strictObject({
  create: z.strictObject({
    email: z
      .string({ error: 'expected the new account\'s root e-mail address, e.g. "aws+lund@kommun.example.se"' })
      .min(6, 'must be at least 6 characters (CreateAccount)')
      .max(64, 'must be at most 64 characters (CreateAccount)')
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an e-mail address, e.g. "aws+lund@kommun.example.se"'),
    name: z
      .string({ error: 'expected the account\'s name, e.g. "suveren lund-kommun"' })
      .min(1, 'must not be empty')
      .max(50, 'must be at most 50 characters (CreateAccount)')
      .regex(/^[\u0020-\u007E]+$/, 'must be printable ASCII (CreateAccount)'),
    organizationalUnit: z
      .string({ error: 'expected an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)' })
      .regex(ORGANIZATIONAL_UNIT, 'expected an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)')
      .optional(),
  }),
});

const lockSchema = z.strictObject({
  accounts: z.array(
    z.strictObject({
      email: z.string(),
      name: z.string(),
      id: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
      organizationalUnit: z.string().regex(ORGANIZATIONAL_UNIT, 'expected an OU or root id'),
    }),
  ),
});

/** `config/lund.yaml` → `config/lund.accounts.lock.yaml`: beside the config, so it travels with it. */
export function lockFileOf(configFile: string): string {
  const parsed = path.parse(configFile);
  return path.join(parsed.dir, `${parsed.name}.accounts.lock.yaml`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every `account` field of a parsed config document, with its role, whatever its value. */
function accountFields(data: unknown): { path: (string | number)[]; role: AccountRole; value: unknown }[] {
  if (!isRecord(data)) return [];
  const fields: { path: (string | number)[]; role: AccountRole; value: unknown }[] = [];
  if (isRecord(data.audit)) fields.push({ path: ['audit', 'account'], role: 'audit', value: data.audit.account });
  if (isRecord(data.deployment)) fields.push({ path: ['deployment', 'account'], role: 'deployment', value: data.deployment.account });
  const custody = isRecord(data.keyCustody) ? data.keyCustody : {};
  for (const [list, kind] of [
    ['hsmClusters', 'hsm-cluster'],
    ['externalKeyStores', 'external-key-store'],
  ] as const) {
    const entries = Array.isArray(custody[list]) ? (custody[list] as unknown[]) : [];
    entries.forEach((entry, i) => {
      if (isRecord(entry)) fields.push({ path: ['keyCustody', list, i, 'account'], role: `${kind}:${String(entry.id)}`, value: entry.account });
    });
  }
  const tenants = Array.isArray(data.tenants) ? (data.tenants as unknown[]) : [];
  tenants.forEach((tenant, i) => {
    if (isRecord(tenant)) fields.push({ path: ['tenants', i, 'account'], role: `tenant:${String(tenant.id)}`, value: tenant.account });
  });
  return fields;
}

/** The OUs a created account may go into when the entry names none: the guardrail targets that are OUs or roots. */
function defaultOrganizationalUnit(data: unknown): string | undefined {
  const targets = isRecord(data) && isRecord(data.organization) && Array.isArray(data.organization.guardrailTargets) ? data.organization.guardrailTargets : [];
  const units = targets.filter((t): t is string => typeof t === 'string' && ORGANIZATIONAL_UNIT.test(t));
  return units.length === 1 ? units[0] : undefined;
}

/**
 * The `create` entries of a parsed config document. Problems (a malformed entry, an
 * e-mail address asked for twice, no OU to put it in) are returned as issues at their
 * fields, for the loader to report with the rest.
 */
export function accountRequests(data: unknown): { requests: AccountRequest[]; issues: ConfigIssue[] } {
  const requests: AccountRequest[] = [];
  const issues: ConfigIssue[] = [];
  const fallbackUnit = defaultOrganizationalUnit(data);
  const byEmail = new Map<string, AccountRequest>();
  for (const field of accountFields(data)) {
    if (!isRecord(field.value)) continue;
    const parsed = createSchema.safeParse(field.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const rest = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        issues.push({
          path: [...field.path, ...rest],
          message:
            issue.code === 'unrecognized_keys'
              ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: an account is a quoted 12-digit id, or { create: { email, name, organizationalUnit } } for suveren to create (docs/deploying.md)`
              : issue.message,
        });
      }
      continue;
    }
    const { email, name, organizationalUnit } = parsed.data.create;
    const unit = organizationalUnit ?? fallbackUnit;
    if (unit === undefined) {
      issues.push({
        path: [...field.path, 'create', 'organizationalUnit'],
        message: 'is required: organization.guardrailTargets names more than one OU (or none), so say which OU the new account goes into, e.g. ou-abcd-11111111',
      });
      continue;
    }
    const key = email.toLowerCase();
    const earlier = byEmail.get(key);
    if (earlier) {
      issues.push({
        path: [...field.path, 'create', 'email'],
        message: `${email} is already asked for by ${earlier.role}; an e-mail address belongs to one AWS account: give this account its own address`,
      });
      continue;
    }
    const request = { path: field.path, role: field.role, email, name, organizationalUnit: unit };
    byEmail.set(key, request);
    requests.push(request);
  }
  return { requests, issues };
}

/** Reads a lock file; a missing file is an empty lock. Throws with the file and the fix when it cannot be used. */
export function readAccountLock(lockFile: string): LockedAccount[] {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return parseAccountLock(text, lockFile);
}

/** Parses lock file text; `label` names the file in the error. */
export function parseAccountLock(text: string, label: string): LockedAccount[] {
  const data: unknown = parse(text);
  const parsed = lockSchema.safeParse(data ?? { accounts: [] });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(
      `${label}: ${first.path.join('.') || '(top level)'}: ${first.message}; the lock file is written by \`suveren accounts create\`: restore it from version control rather than editing it`,
    );
  }
  return parsed.data.accounts;
}

/** The lock file's text: accounts in the order they were created, one block each. */
export function formatAccountLock(accounts: readonly LockedAccount[]): string {
  return (
    '# Written by `suveren accounts create`: the accounts suveren created for this config.\n' +
    '# Review and commit it with the config; never remove an entry (suveren never closes an account).\n' +
    stringify({ accounts: accounts.map(({ email, name, id, organizationalUnit }) => ({ email, name, id, organizationalUnit })) })
  );
}

/**
 * Replaces each `create` entry of a parsed config document by the id the lock file holds
 * for its e-mail address. An entry not in the lock file yet is an issue naming the
 * command that creates it.
 */
export function resolveAccountRequests(
  data: unknown,
  lock: readonly LockedAccount[],
  lockFile: string,
  configFile: string,
): { data: unknown; issues: ConfigIssue[] } {
  const { requests, issues } = accountRequests(data);
  if (requests.length === 0 && issues.length === 0) return { data, issues };
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const request of requests) {
    const locked = lock.find((a) => a.email.toLowerCase() === request.email.toLowerCase());
    if (!locked) {
      issues.push({
        path: request.path,
        message: `account ${request.email} is not created yet: run \`suveren accounts create --config ${configFile}\` with management-account credentials, then commit ${lockFile} (the synth never calls AWS)`,
      });
      continue;
    }
    if (locked.organizationalUnit !== request.organizationalUnit) {
      issues.push({
        path: [...request.path, 'create', 'organizationalUnit'],
        message: `is ${request.organizationalUnit}, but ${lockFile} records account ${locked.id} in ${locked.organizationalUnit}: move the account with \`aws organizations move-account\` and correct the lock file in the same review, or put ${locked.organizationalUnit} back`,
      });
      continue;
    }
    let parent: Record<string | number, unknown> = copy;
    for (const key of request.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[request.path[request.path.length - 1]] = locked.id;
  }
  return { data: copy, issues };
}
