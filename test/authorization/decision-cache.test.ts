import { buildDeployedModel } from '../../lib/authorization/deployed-model';
import { ADMINISTRATOR_ACCESS, AccessEvaluator, EVALUATOR_CACHE_SWITCH, type Evaluator, loadEvaluator } from '../../lib/authorization/evaluate';

/*
 * The evaluator asks the IAM engine once per distinct simulation, and keeps one cache per
 * engine: the real engine (@cloud-copilot/iam-simulate), counted as it is called.
 */

const engine = loadEvaluator()!;
const counted = () => {
  const calls = { n: 0 };
  const wrapped: Evaluator = (...args) => {
    calls.n++;
    return engine(...args);
  };
  return { calls, evaluator: new AccessEvaluator(buildDeployedModel([]), { organizationId: 'o-a1b2c3d4e5', managementAccount: '111111111111' }, wrapped) };
};
const request = (action: string) => ({
  principal: 'arn:aws:iam::222222222222:role/probe',
  identityPolicies: [ADMINISTRATOR_ACCESS],
  action,
  resource: 'arn:aws:sqs:eu-north-1:222222222222:queue',
  region: 'eu-north-1',
});

test('the same simulation is decided once; another simulation is decided anew, with its own answer', async () => {
  const { calls, evaluator } = counted();
  const first = await evaluator.decide(request('sqs:SendMessage'));
  const again = await evaluator.decide(request('sqs:SendMessage'));
  expect([first.allowed, again.allowed, calls.n]).toEqual([true, true, 1]);
  // The request handed back is the caller's own, not the one first cached.
  const other = request('sqs:SendMessage');
  expect((await evaluator.decide(other)).request).toBe(other);
  const denied = await evaluator.decide({ ...request('sqs:SendMessage'), identityPolicies: [] });
  expect([denied.allowed, denied.outcome, calls.n]).toEqual([false, 'ImplicitlyDenied', 2]);
});

test('a policy of the same name with another document is decided anew, with that document’s answer', async () => {
  const { calls, evaluator } = counted();
  const named = (effect: 'Allow' | 'Deny') => [
    { name: 'probe-policy', policy: { Version: '2012-10-17', Statement: [{ Effect: effect, Action: '*', Resource: '*' }] } },
  ];
  const allow = await evaluator.decide({ ...request('sqs:GetQueueUrl'), identityPolicies: named('Allow') });
  // A fresh object of the same content is the same request.
  const again = await evaluator.decide({ ...request('sqs:GetQueueUrl'), identityPolicies: named('Allow') });
  const deny = await evaluator.decide({ ...request('sqs:GetQueueUrl'), identityPolicies: named('Deny') });
  expect([allow.outcome, again.outcome, deny.outcome, calls.n]).toEqual(['Allowed', 'Allowed', 'ExplicitlyDenied', 2]);
});

test('an evaluator over another engine is not answered from this one’s cache', async () => {
  const a = counted();
  const b = counted();
  await a.evaluator.decide(request('sqs:ReceiveMessage'));
  await b.evaluator.decide(request('sqs:ReceiveMessage'));
  expect([a.calls.n, b.calls.n]).toEqual([1, 1]);
});

describe('SUVEREN_EVALUATOR_CACHE: decisions on disk, shared by processes', () => {
  const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
  const os = jest.requireActual<typeof import('node:os')>('node:os');
  const path = jest.requireActual<typeof import('node:path')>('node:path');
  const saved = process.env[EVALUATOR_CACHE_SWITCH];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-evaluator-cache-'));
  beforeAll(() => (process.env[EVALUATOR_CACHE_SWITCH] = dir));
  afterAll(() => {
    if (saved === undefined) delete process.env[EVALUATOR_CACHE_SWITCH];
    else process.env[EVALUATOR_CACHE_SWITCH] = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const logs = () => fs.readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  /** Every decision line of every process's log. */
  const entries = () =>
    logs().flatMap((name) =>
      fs
        .readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line.length > 0),
    );
  /** An evaluator over the installed engine, loaded in a registry of its own: a process that has decided nothing yet. */
  const freshProcess = () => {
    let made: AccessEvaluator | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../../lib/authorization/evaluate') as typeof import('../../lib/authorization/evaluate');
      made = new fresh.AccessEvaluator(buildDeployedModel([]), { organizationId: 'o-a1b2c3d4e5', managementAccount: '111111111111' }, fresh.loadEvaluator()!);
    });
    return made!;
  };

  test("the installed engine's decision is logged once, and another process reads it instead of deciding again", async () => {
    const first = await freshProcess().decide(request('sqs:DeleteMessage'));
    expect([first.allowed, entries().length, logs().length]).toEqual([true, 1, 1]);
    // Prove the second process reads the entry: change the answer on disk and see it come back.
    const file = path.join(dir, logs()[0]);
    const logged = JSON.parse(entries()[0]) as { key: string; outcome: string };
    expect(logged.outcome).toBe('Allowed');
    fs.writeFileSync(file, `${JSON.stringify({ ...logged, outcome: 'ExplicitlyDenied', deciding: ['from the disk'] })}\n`);
    const second = await freshProcess().decide(request('sqs:DeleteMessage'));
    expect([second.allowed, second.deciding]).toEqual([false, ['from the disk']]);
    // It was read, not decided again: the second process logged nothing.
    expect(entries()).toHaveLength(1);
    // Another request is another entry, in the log of the process that decided it.
    await freshProcess().decide(request('sqs:PurgeQueue'));
    expect([entries().length, logs().length]).toEqual([2, 2]);
  });

  test('a line still being written, and one that does not parse, are not read: the decision is made again', async () => {
    const before = new Set(logs());
    const writer = await freshProcess().decide(request('sqs:ChangeMessageVisibility'));
    expect(writer.allowed).toBe(true);
    const file = path.join(
      dir,
      logs().find((name) => !before.has(name))!,
    );
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0);
    const last = JSON.parse(lines[lines.length - 1]) as { key: string };
    // The last line cut before its newline, as a reader may find it mid-write, claiming a denial.
    const half = JSON.stringify({ key: last.key, outcome: 'ExplicitlyDenied', deciding: ['half a line'] });
    fs.writeFileSync(file, `${lines.slice(0, -1).join('\n')}\nnot json\n${half}`);
    const reader = await freshProcess().decide(request('sqs:ChangeMessageVisibility'));
    expect([reader.allowed, reader.deciding]).toEqual([true, writer.deciding]);
  });

  test('an engine of the caller’s own (a wrapper, a stand-in) never reads or writes the disk', async () => {
    const before = entries().length;
    const { calls, evaluator } = counted();
    await evaluator.decide(request('sqs:DeleteMessage'));
    expect([calls.n, entries().length]).toEqual([1, before]);
  });
});
