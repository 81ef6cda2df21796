import { buildDeployedModel } from '../../lib/authorization/deployed-model';
import { ADMINISTRATOR_ACCESS, AccessEvaluator, type Evaluator, loadEvaluator } from '../../lib/authorization/evaluate';

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

test('an evaluator over another engine is not answered from this one’s cache', async () => {
  const a = counted();
  const b = counted();
  await a.evaluator.decide(request('sqs:ReceiveMessage'));
  await b.evaluator.decide(request('sqs:ReceiveMessage'));
  expect([a.calls.n, b.calls.n]).toEqual([1, 1]);
});
