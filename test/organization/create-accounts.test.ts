import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListAccountsCommand,
  ListParentsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  ConstraintViolationException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import type { AccountRequest, LockedAccount } from '@suveren/core/config/account-lock';
import { AccountCreationError, createAccounts } from '../../lib/organization/create-accounts';

/*
 * What moto cannot show (aws-sdk-client-mock, named so): moto's CreateAccount answers
 * SUCCEEDED at once, so the wait on IN_PROGRESS, a failed creation's reason and the
 * account quota are stubbed here. The round trip against moto is
 * test/integration/accounts-create.test.ts.
 */

const organizationsMock = mockClient(OrganizationsClient);
const request: AccountRequest = {
  path: ['tenants', 0, 'account'],
  role: 'tenant:lund-kommun',
  email: 'aws+lund@kommun.example.se',
  name: 'suveren lund-kommun',
  organizationalUnit: 'ou-abcd-11111111',
};

function options(written: LockedAccount[][], log: string[]) {
  return {
    organizations: new OrganizationsClient({ region: 'eu-north-1' }),
    requests: [request],
    lock: [],
    writeLock: (accounts: readonly LockedAccount[]) => written.push([...accounts]),
    log: (line: string) => log.push(line),
    pollIntervalMs: 5,
  };
}

beforeEach(() => {
  organizationsMock.reset();
  organizationsMock.on(ListAccountsCommand).resolves({ Accounts: [] });
  organizationsMock.on(ListParentsCommand).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
  organizationsMock.on(MoveAccountCommand).resolves({});
});

test('IN_PROGRESS is waited out: the account is moved and recorded only once it SUCCEEDED', async () => {
  organizationsMock.on(CreateAccountCommand).resolves({ CreateAccountStatus: { Id: 'car-1', State: 'IN_PROGRESS' } });
  organizationsMock
    .on(DescribeCreateAccountStatusCommand)
    .resolvesOnce({ CreateAccountStatus: { Id: 'car-1', State: 'IN_PROGRESS' } })
    .resolvesOnce({ CreateAccountStatus: { Id: 'car-1', State: 'IN_PROGRESS' } })
    .resolves({ CreateAccountStatus: { Id: 'car-1', State: 'SUCCEEDED', AccountId: '333333333331' } });
  const written: LockedAccount[][] = [];
  const log: string[] = [];
  const lock = await createAccounts(options(written, log));
  expect(organizationsMock.commandCalls(DescribeCreateAccountStatusCommand)).toHaveLength(3);
  expect(organizationsMock.commandCalls(MoveAccountCommand)[0].args[0].input).toEqual({
    AccountId: '333333333331',
    SourceParentId: 'r-ab12',
    DestinationParentId: 'ou-abcd-11111111',
  });
  expect(organizationsMock.commandCalls(CreateAccountCommand)[0].args[0].input.Tags).toEqual([{ Key: 'suveren:managed-by', Value: 'suveren' }]);
  expect(lock).toEqual([{ email: request.email, name: request.name, id: '333333333331', organizationalUnit: 'ou-abcd-11111111' }]);
  expect(written).toEqual([lock]);
  expect(log.filter((l) => l.includes('IN_PROGRESS'))).toHaveLength(3);
});

test('still IN_PROGRESS at the deadline: an error saying to run again, and nothing recorded', async () => {
  organizationsMock.on(CreateAccountCommand).resolves({ CreateAccountStatus: { Id: 'car-2', State: 'IN_PROGRESS' } });
  organizationsMock.on(DescribeCreateAccountStatusCommand).resolves({ CreateAccountStatus: { Id: 'car-2', State: 'IN_PROGRESS' } });
  const written: LockedAccount[][] = [];
  await expect(createAccounts({ ...options(written, []), timeoutMs: 30 })).rejects.toThrow(
    /still being created \(request car-2\).*wait until 'aws organizations describe-create-account-status --create-account-request-id car-2' says SUCCEEDED, then run this again/,
  );
  expect(written).toEqual([]);
});

test('an account of the address that is not ACTIVE (suspended, closing) is never adopted', async () => {
  organizationsMock.on(ListAccountsCommand).resolves({ Accounts: [{ Id: '333333333338', Email: request.email, Name: request.name, Status: 'SUSPENDED' }] });
  await expect(createAccounts(options([], []))).rejects.toThrow(/belongs to account 333333333338, which is SUSPENDED: give this account another address/);
  expect(organizationsMock.commandCalls(CreateAccountCommand)).toHaveLength(0);
});

test('a failed creation names the reason and the remedy; the quota, refused at once, says where to raise it', async () => {
  organizationsMock.on(CreateAccountCommand).resolves({ CreateAccountStatus: { Id: 'car-3', State: 'IN_PROGRESS' } });
  organizationsMock
    .on(DescribeCreateAccountStatusCommand)
    .resolves({ CreateAccountStatus: { Id: 'car-3', State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS' } });
  await expect(createAccounts(options([], []))).rejects.toThrow(
    new AccountCreationError(
      'tenant:lund-kommun: creating account aws+lund@kommun.example.se failed (EMAIL_ALREADY_EXISTS): the e-mail address already belongs to an AWS account (perhaps outside this organization): give this account another address',
    ),
  );
  organizationsMock
    .on(CreateAccountCommand)
    .rejects(new ConstraintViolationException({ message: 'You have reached the limit', Reason: 'ACCOUNT_NUMBER_LIMIT_EXCEEDED', $metadata: {} }));
  await expect(createAccounts(options([], []))).rejects.toThrow(/Service Quotas, AWS Organizations, 'Default maximum number of accounts'/);
  expect(organizationsMock.commandCalls(MoveAccountCommand)).toHaveLength(0);
});
