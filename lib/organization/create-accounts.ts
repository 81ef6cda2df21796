import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListParentsCommand,
  MoveAccountCommand,
  type Account,
  type CreateAccountStatus,
  type OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import type { AccountRequest, LockedAccount } from '@suveren/core/config/account-lock';
import { MANAGED_POLICY_TAG } from '@suveren/core/contracts/names';

/*
 * `suveren accounts create`: each account the config asks for that the lock file does not
 * hold yet is created in AWS Organizations (CreateAccount, then DescribeCreateAccountStatus
 * until it is no longer IN_PROGRESS: CreateAccount is asynchronous, API reference), moved
 * into its OU (a new account starts in the root), and recorded in the lock file at once,
 * so a run that stops half-way loses no id. Nothing is ever closed or removed.
 */

/** A problem the person running the command fixes; the message says how. */
export class AccountCreationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountCreationError';
  }
}

export interface CreateAccountsOptions {
  readonly organizations: OrganizationsClient;
  readonly requests: readonly AccountRequest[];
  /** The lock file's accounts so far. */
  readonly lock: readonly LockedAccount[];
  /** Called with the whole lock after each account is recorded. */
  readonly writeLock: (accounts: readonly LockedAccount[]) => void;
  /** One line per call made or skipped. */
  readonly log: (line: string) => void;
  /** Print what would be done, call nothing that changes the organization. */
  readonly dryRun?: boolean;
  /** @default 5000 */
  readonly pollIntervalMs?: number;
  /** How long one account may stay IN_PROGRESS. @default 15 minutes */
  readonly timeoutMs?: number;
}

// DescribeCreateAccountStatus's FailureReason values (AWS Organizations API reference), in words that say what to do.
const FAILURE_REMEDIES: Record<string, string> = {
  EMAIL_ALREADY_EXISTS: 'the e-mail address already belongs to an AWS account (perhaps outside this organization): give this account another address',
  ACCOUNT_LIMIT_EXCEEDED:
    "the organization has as many accounts as its quota allows (new organizations may start below 10): ask for more under Service Quotas, AWS Organizations, 'Default maximum number of accounts', then run this again",
  INVALID_EMAIL: 'AWS refused the e-mail address: correct it',
  INVALID_ADDRESS: "the management account's address is not valid: correct it in the management account's settings",
  CONCURRENT_ACCOUNT_MODIFICATION: 'another account change was in progress: run this again',
  INTERNAL_FAILURE: 'AWS Organizations failed internally: run this again',
  FAILED_BUSINESS_VALIDATION: "AWS did not validate the management account's business details: see its account settings",
  PENDING_BUSINESS_VALIDATION: "AWS is still validating the management account's business details: wait, then run this again",
  MISSING_PAYMENT_INSTRUMENT: 'the management account has no valid payment method: add one, then run this again',
  MISSING_BUSINESS_VALIDATION: "the management account's business details are missing: complete them, then run this again",
  UNKNOWN_BUSINESS_VALIDATION: "AWS could not validate the management account's business details: contact AWS Support",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function allAccounts(organizations: OrganizationsClient): Promise<Account[]> {
  const accounts: Account[] = [];
  for await (const page of paginateListAccounts({ client: organizations }, {})) accounts.push(...(page.Accounts ?? []));
  return accounts;
}

async function waitUntilCreated(options: CreateAccountsOptions, request: AccountRequest, status: CreateAccountStatus): Promise<string> {
  const interval = options.pollIntervalMs ?? 5_000;
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  let current = status;
  while (current.State === 'IN_PROGRESS') {
    if (Date.now() > deadline) {
      throw new AccountCreationError(
        `${request.role}: account ${request.email} is still being created (request ${current.Id}) after ${Math.round((options.timeoutMs ?? 900_000) / 60_000)} min: wait until 'aws organizations describe-create-account-status --create-account-request-id ${current.Id}' says SUCCEEDED, then run this again; it finds the account by its e-mail address and records it (run before then, it would ask for the same address again and fail)`,
      );
    }
    await sleep(interval);
    const answer = await options.organizations.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: current.Id }));
    current = answer.CreateAccountStatus ?? current;
    options.log(`  DescribeCreateAccountStatus ${current.Id}: ${current.State}`);
  }
  if (current.State !== 'SUCCEEDED' || !current.AccountId) {
    const reason = current.FailureReason ?? 'no reason given';
    throw new AccountCreationError(
      `${request.role}: creating account ${request.email} failed (${reason}): ${FAILURE_REMEDIES[reason] ?? 'see the AWS Organizations console'}`,
    );
  }
  return current.AccountId;
}

async function moveIntoUnit(options: CreateAccountsOptions, accountId: string, unit: string): Promise<void> {
  const parents = await options.organizations.send(new ListParentsCommand({ ChildId: accountId }));
  const parent = parents.Parents?.[0]?.Id;
  if (parent === unit) {
    options.log(`  MoveAccount ${accountId}: skipped, already in ${unit}`);
    return;
  }
  if (!parent)
    throw new AccountCreationError(`account ${accountId} has no parent in the organization: it is not a member; check the organization in the config`);
  await options.organizations.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: parent, DestinationParentId: unit }));
  options.log(`  MoveAccount ${accountId}: ${parent} -> ${unit}`);
}

function createFailure(e: unknown, request: AccountRequest): never {
  const error = e as { name?: string; Reason?: string; message?: string };
  if (error.name === 'ConstraintViolationException' && error.Reason === 'ACCOUNT_NUMBER_LIMIT_EXCEEDED') {
    throw new AccountCreationError(`${request.role}: ${FAILURE_REMEDIES.ACCOUNT_LIMIT_EXCEEDED}`);
  }
  if (error.name === 'AccessDeniedException') {
    throw new AccountCreationError(
      `${request.role}: CreateAccount was denied (${error.message ?? ''}): run this with management-account credentials that have the policy \`suveren accounts policy\` prints`,
    );
  }
  throw e;
}

/**
 * Creates what the lock file lacks and returns the whole lock. Refuses, before creating
 * anything, an e-mail address or name that an account of the organization already has
 * under the other half of the pair.
 */
export async function createAccounts(options: CreateAccountsOptions): Promise<LockedAccount[]> {
  const lock = [...options.lock];
  const pending = options.requests.filter((r) => !lock.some((a) => a.email.toLowerCase() === r.email.toLowerCase()));
  for (const r of options.requests.filter((request) => !pending.includes(request))) {
    options.log(`${r.role}: ${r.email}: skipped, in the lock file as ${lock.find((a) => a.email.toLowerCase() === r.email.toLowerCase())!.id}`);
  }
  if (pending.length === 0) return lock;
  const existing = await allAccounts(options.organizations);
  const adopt = new Map<AccountRequest, Account>();
  const problems: string[] = [];
  for (const request of pending) {
    const byEmail = existing.find((a) => a.Email?.toLowerCase() === request.email.toLowerCase());
    const byName = existing.find((a) => a.Name === request.name);
    if (byEmail && byEmail.Status !== 'ACTIVE') {
      problems.push(`${request.role}: ${request.email} belongs to account ${byEmail.Id}, which is ${byEmail.Status}: give this account another address`);
    } else if (byEmail && byEmail.Name !== request.name) {
      problems.push(
        `${request.role}: ${request.email} already belongs to account ${byEmail.Id} named "${byEmail.Name}", not "${request.name}": give this account its own address, or its name "${byEmail.Name}" if it is that account`,
      );
    } else if (byEmail) {
      adopt.set(request, byEmail);
    } else if (byName) {
      problems.push(
        `${request.role}: account ${byName.Id} is already named "${request.name}" (${byName.Email}): give the new account another name, so nobody confuses the two in the console or the bill`,
      );
    }
  }
  if (problems.length > 0) throw new AccountCreationError(problems.join('\n'));
  for (const request of pending) {
    const found = adopt.get(request);
    if (options.dryRun) {
      options.log(
        found
          ? `${request.role}: would record account ${found.Id} (${request.email}, already in the organization) and move it into ${request.organizationalUnit}`
          : `${request.role}: would call CreateAccount (${request.email}, "${request.name}", tag ${MANAGED_POLICY_TAG.key}=${MANAGED_POLICY_TAG.value}), wait for it, then MoveAccount into ${request.organizationalUnit}`,
      );
      continue;
    }
    let accountId: string;
    if (found) {
      // A run that stopped after CreateAccount: the account is there, the lock is not.
      accountId = found.Id!;
      options.log(`${request.role}: ${request.email}: CreateAccount skipped, account ${accountId} exists with this address and name`);
    } else {
      const started = await options.organizations
        .send(
          new CreateAccountCommand({
            Email: request.email,
            AccountName: request.name,
            Tags: [{ Key: MANAGED_POLICY_TAG.key, Value: MANAGED_POLICY_TAG.value }],
          }),
        )
        .catch((e: unknown) => createFailure(e, request));
      options.log(
        `${request.role}: CreateAccount ${request.email} "${request.name}": request ${started.CreateAccountStatus?.Id}, ${started.CreateAccountStatus?.State}`,
      );
      accountId = await waitUntilCreated(options, request, started.CreateAccountStatus!);
    }
    await moveIntoUnit(options, accountId, request.organizationalUnit);
    lock.push({ email: request.email, name: request.name, id: accountId, organizationalUnit: request.organizationalUnit });
    options.writeLock(lock);
    options.log(`${request.role}: recorded ${accountId}`);
  }
  return lock;
}
