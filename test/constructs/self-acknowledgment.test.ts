import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { SovereigntyChecks } from '../../lib/compliance/sovereignty-checks';
import { AccessLogBucket } from '../../lib/constructs/shared/access-log-bucket';
import { REPO_ROOT, testApp } from '../helpers';

/*
 * A construct acknowledges its own findings, so it keeps them when it is used outside
 * suveren's stacks, and the stacks no longer carry acknowledgments that belong to one
 * construct.
 */

function violations(build: (stack: Stack) => void): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-self-ack-'));
  try {
    const app = testApp({ outdir });
    build(new Stack(app, 'Elsewhere', { env: { account: '123456789012', region: 'eu-north-1' } }));
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new SovereigntyChecks(app));
    try {
      app.synth();
    } catch {
      // A failed gate throws; the report says why.
    }
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8')) as {
      pluginReports: { violations: { ruleName: string }[] }[];
    };
    return report.pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test('an AccessLogBucket in a stack of its own passes every pack: it brings its acknowledgments along', () => {
  expect(violations((stack) => new AccessLogBucket(stack, 'Logs'))).toEqual([]);
});

test('the same bucket without them would fail: the acknowledgments are what makes it pass', () => {
  const found = violations((stack) => {
    // What AccessLogBucket creates, without its acknowledgments.
    new s3.Bucket(stack, 'Logs', { enforceSSL: true, minimumTLSVersion: 1.2, versioned: true });
  });
  expect(found.length).toBeGreaterThan(0);
});

test('TenantStack acknowledges nothing itself', () => {
  expect(fs.readFileSync(path.join(REPO_ROOT, 'lib', 'stacks', 'tenant-stack.ts'), 'utf8')).not.toMatch(/acknowledge/);
});
