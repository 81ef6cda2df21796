import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NIST80053R5Checks, NagRuleCompliance, type NagPack, rules } from 'cdk-nag';
import { cdkNagPacks } from '../lib/compliance/nag-packs';
import { type NagRule, RuleVerdicts } from '../lib/compliance/rule-verdicts';

/*
 * The packs suveren registers are cdk-nag's, sharing verdicts: on any tree they must
 * report exactly what cdk-nag's own AwsSolutionsChecks and NIST80053R5Checks report.
 */

const ROLE = 'arn:aws:iam::123456789012:role/handler';

/** Resources that break rules both packs apply, and AwsSolutions-L1 on several runtimes, in two stacks. */
function violatingApp(): App {
  const app = new App();
  for (const name of ['First', 'Second']) {
    const stack = new Stack(app, name, { env: { account: '123456789012', region: 'eu-north-1' } });
    new CfnBucket(stack, 'PlainBucket');
    new CfnKey(stack, 'UnrotatedKey', { keyPolicy: { Version: '2012-10-17', Statement: [] }, enableKeyRotation: false });
    new CfnFunction(stack, 'OldNode', { runtime: 'nodejs18.x', code: { zipFile: 'x' }, role: ROLE });
    new CfnFunction(stack, 'OldNodeAgain', { runtime: 'nodejs18.x', code: { zipFile: 'y' }, role: ROLE });
    new CfnFunction(stack, 'OldPython', { runtime: 'python3.9', code: { zipFile: 'z' }, role: ROLE });
    new CfnFunction(stack, 'LatestNode', { runtime: Runtime.NODEJS_LATEST.name, code: { zipFile: 'x' }, role: ROLE });
    // A family aws-cdk-lib does not know: the rule throws, which cdk-nag reports as a finding of the rule.
    new CfnFunction(stack, 'UnknownFamily', { runtime: 'cobol85', code: { zipFile: 'x' }, role: ROLE });
  }
  return app;
}

function findings(packs: readonly NagPack[], app: App): string[] {
  return packs
    .flatMap((pack) =>
      pack.validateScope(app).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} | ${v.description} | ${r.constructPath}`)),
    )
    .sort();
}

test("the packs sharing verdicts report exactly what cdk-nag's own AwsSolutions and NIST 800-53 R5 packs report", () => {
  const app = violatingApp();
  const ours = findings(cdkNagPacks(app), app);
  const cdkNags = findings([new AwsSolutionsChecks(app), new NIST80053R5Checks(app)], app);
  expect(ours).toEqual(cdkNags);
  // The tree does break the shared rules and L1, so the comparison is not of two empty lists.
  for (const rule of ['AwsSolutions-S10', 'NIST.800.53.R5-S3BucketSSLRequestsOnly', 'AwsSolutions-S1', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled']) {
    expect(ours.filter((f) => f.startsWith(`${rule} |`)).length).toBe(2);
  }
  const latestRuntime = ours.filter((f) => f.startsWith('AwsSolutions-L1 |'));
  expect(latestRuntime.map((f) => f.replace(/^.* \| /, '')).sort()).toEqual(
    ['First', 'Second'].flatMap((s) => [`${s}/OldNode`, `${s}/OldNodeAgain`, `${s}/OldPython`, `${s}/UnknownFamily`]).sort(),
  );
});

test('the rules AwsSolutions and NIST 800-53 R5 have in common are found by asking each pack which rules it applies', () => {
  const verdicts = new RuleVerdicts();
  const [aws, nist] = cdkNagPacks(new App(), undefined, verdicts);
  expect(aws).toBeInstanceOf(AwsSolutionsChecks);
  expect(nist).toBeInstanceOf(NIST80053R5Checks);
  const shared = verdicts.sharedRules();
  expect(shared).toHaveLength(26);
  expect(shared).toEqual(expect.arrayContaining([rules.s3.S3BucketSSLRequestsOnly, rules.s3.S3BucketLoggingEnabled, rules.kms.KMSBackingKeyRotationEnabled]));
  // AwsSolutions alone applies it: it is narrowed, not shared.
  expect(shared).not.toContain(rules.lambda.LambdaLatestVersion);
});

describe('RuleVerdicts', () => {
  const [packA, packB] = [{}, {}];
  const node = () => new CfnResource(new Stack(), 'R', { type: 'Custom::R' });

  function counting(result: () => ReturnType<NagRule>): NagRule & { calls: number } {
    const rule = Object.assign(
      (_: CfnResource) => {
        rule.calls++;
        return result();
      },
      { calls: 0 },
    );
    return rule;
  }

  test('a rule two packs apply runs once per resource; its name, the finding id, is kept', () => {
    const verdicts = new RuleVerdicts();
    const rule = counting(() => NagRuleCompliance.NON_COMPLIANT);
    verdicts.register(packA, [rule]);
    verdicts.register(packB, [rule]);
    const [one, two] = [node(), node()];
    for (const resource of [one, two, one, two]) expect(verdicts.of(rule)(resource)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(rule.calls).toBe(2);
    expect(verdicts.of(rule).name).toBe(rule.name);
  });

  test('a rule only one pack applies is handed back as it is', () => {
    const verdicts = new RuleVerdicts();
    const rule = counting(() => NagRuleCompliance.COMPLIANT);
    verdicts.register(packA, [rule]);
    expect(verdicts.of(rule)).toBe(rule);
  });

  test('an exception is thrown again to the second pack, and each pack gets its own list of findings', () => {
    const verdicts = new RuleVerdicts();
    const error = new Error('intrinsic in a property');
    const throwing = counting(() => {
      throw error;
    });
    const listing = counting(() => ['Resource::*']);
    verdicts.register(packA, [throwing, listing]);
    verdicts.register(packB, [throwing, listing]);
    const resource = node();
    for (let i = 0; i < 2; i++) expect(() => verdicts.of(throwing)(resource)).toThrow(error);
    expect(throwing.calls).toBe(1);
    const first = verdicts.of(listing)(resource) as string[];
    first.push('changed by the first pack');
    expect(verdicts.of(listing)(resource)).toEqual(['Resource::*']);
  });

  test('LambdaLatestVersion shares a verdict between functions of one runtime only while its source is the audited one', () => {
    const stack = new Stack();
    const fn = (id: string, runtime: string) => new CfnFunction(stack, id, { runtime, code: { zipFile: 'x' }, role: ROLE });
    expect(new RuleVerdicts().isNarrowed(rules.lambda.LambdaLatestVersion)).toBe(true);
    const verdicts = new RuleVerdicts();
    const latest = verdicts.of(rules.lambda.LambdaLatestVersion);
    expect([latest(fn('A', 'nodejs18.x')), latest(fn('B', 'nodejs18.x')), latest(fn('C', Runtime.NODEJS_LATEST.name))]).toEqual([
      NagRuleCompliance.NON_COMPLIANT,
      NagRuleCompliance.NON_COMPLIANT,
      rules.lambda.LambdaLatestVersion(fn('D', Runtime.NODEJS_LATEST.name)),
    ]);

    // Another version of the rule (here: the audited file with one byte more) is evaluated per function.
    const cdkNag = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-cdk-nag-'));
    try {
      const source = 'lib/rules/lambda/LambdaLatestVersion.js';
      fs.mkdirSync(path.join(cdkNag, path.dirname(source)), { recursive: true });
      fs.writeFileSync(path.join(cdkNag, source), fs.readFileSync(require.resolve(`cdk-nag/${source}`), 'utf8') + '\n');
      const changed = new RuleVerdicts(cdkNag);
      expect(changed.isNarrowed(rules.lambda.LambdaLatestVersion)).toBe(false);
      expect(changed.of(rules.lambda.LambdaLatestVersion)).toBe(rules.lambda.LambdaLatestVersion);
    } finally {
      fs.rmSync(cdkNag, { recursive: true, force: true });
    }
  });
});
