import { CfnResource, Stack, aws_sqs as sqs } from 'aws-cdk-lib';
import { StackLimitRuleIds } from '../../lib/compliance/rule-ids';
import { CLOUDFORMATION_LIMITS } from '../../lib/compliance/stack-limits';
import { registerComplianceGate } from '../../lib/landing-zone';
import { testApp } from '../helpers';

/*
 * Stacks CloudFormation would refuse fail synth, naming the stack. aws-cdk-lib counts
 * resources itself (TooManyResourcesInStack) unless a project lifts its
 * @aws-cdk/core:stackResourceLimit; suveren's CloudFormationLimits plugin holds the
 * quota either way, and checks the template's size, which aws-cdk-lib does not.
 */

function synthError(build: (stack: Stack) => void, context: Record<string, unknown> = {}): string {
  const app = testApp({ context });
  build(new Stack(app, 'Suveren-Overgrown', { env: { account: '123456789012', region: 'eu-north-1' } }));
  registerComplianceGate(app, ['eu-north-1']);
  try {
    app.synth();
    return '';
  } catch (e) {
    return String(e);
  }
}

const queues = (count: number) => (stack: Stack) => {
  for (let i = 0; i < count; i++) new sqs.Queue(stack, `Queue${i}`, { enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED });
};

test('a stack over 500 resources fails synth with its name and the count', () => {
  expect(synthError(queues(CLOUDFORMATION_LIMITS.resources / 2 + 1))).toMatch(
    /Number of resources in stack 'Suveren-Overgrown': 502 is greater than allowed maximum of 500/,
  );
});

test("with aws-cdk-lib's own count switched off, the CloudFormationLimits check still fails synth, naming the stack and the fix", () => {
  const message = synthError(queues(CLOUDFORMATION_LIMITS.resources / 2 + 1), { '@aws-cdk/core:stackResourceLimit': 0 });
  expect(message).toContain(StackLimitRuleIds.Resources);
  expect(message).toMatch(/Stack Suveren-Overgrown has 502 resources; CloudFormation accepts at most 500 per stack/);
});

test('a template over 1 MB fails synth, naming the stack', () => {
  const message = synthError((stack) => {
    // 250 resources of 5 KB each: under the resource quota, over the size quota.
    for (let i = 0; i < 250; i++)
      new CfnResource(stack, `Parameter${i}`, { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: 'x'.repeat(5000) } });
  });
  expect(message).toContain(StackLimitRuleIds.TemplateSize);
  expect(message).toMatch(/The template of Suveren-Overgrown is \d+ bytes; CloudFormation accepts at most 1000000 bytes/);
});
