import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CfnResource, CloudFormationValidatePlugin, Stack, aws_sqs as sqs } from 'aws-cdk-lib';
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

describe("CloudFormation schema validation follows aws-cdk-lib's own switch, CDK_VALIDATION", () => {
  /** The CloudFormation schema findings of a stack with a property S3 buckets do not have. */
  function schemaFindings(switchValue: string | undefined): string[] {
    const before = process.env.CDK_VALIDATION;
    if (switchValue === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = switchValue;
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-cdk-validation-'));
    try {
      const app = testApp({ outdir });
      const stack = new Stack(app, 'Suveren-Misspelled', { env: { account: '123456789012', region: 'eu-north-1' } });
      new CfnResource(stack, 'MisspelledBucket', { type: 'AWS::S3::Bucket', properties: { BucketNameTypo: 'x' } });
      registerComplianceGate(app, ['eu-north-1']);
      try {
        app.synth();
      } catch {
        // The gate may refuse the bucket for other rules too; only the schema findings matter here.
      }
      const reportFile = path.join(outdir, 'policy-validation-report.json');
      const report = fs.existsSync(reportFile)
        ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: { summary: { pluginName: string }; violations: { description: string }[] }[] })
        : { pluginReports: [] };
      return report.pluginReports
        .filter((r) => r.summary.pluginName === CloudFormationValidatePlugin.PLUGIN_NAME)
        .flatMap((r) => r.violations.map((v) => v.description))
        .filter((d) => d.includes('BucketNameTypo'));
    } finally {
      if (before === undefined) delete process.env.CDK_VALIDATION;
      else process.env.CDK_VALIDATION = before;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }

  test('on by default: the unknown property is found', () => {
    expect(schemaFindings(undefined).length).toBeGreaterThan(0);
  });

  test("CDK_VALIDATION=false (the unit project) turns it off, as it does aws-cdk-lib's built-in plugin", () => {
    expect(schemaFindings('false')).toEqual([]);
  });
});
