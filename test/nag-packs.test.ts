import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { CfnFunction, Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NIST80053R5Checks, type NagPackProps, NagRuleCompliance, type NagPack, rules } from 'cdk-nag';
import { cdkNagPacks } from '../lib/compliance/nag-packs';
import { type NagRule, RuleVerdicts } from '../lib/compliance/rule-verdicts';

/*
 * The packs suveren registers are cdk-nag's, sharing verdicts: on any tree they must
 * report exactly what cdk-nag's own AwsSolutionsChecks and NIST80053R5Checks report.
 */

const ROLE = 'arn:aws:iam::123456789012:role/handler';
const ENV = { account: '123456789012', region: 'eu-north-1' };
const KEY_POLICY = { Version: '2012-10-17', Statement: [] };

/**
 * Resources that break rules both packs apply, and AwsSolutions-L1 on several runtimes,
 * in two stacks; one pack's finding on one bucket is acknowledged, the other's is not.
 */
function violatingApp(): App {
  const app = new App();
  for (const name of ['First', 'Second']) {
    const stack = new Stack(app, name, { env: ENV });
    const bucket = new CfnBucket(stack, 'PlainBucket');
    if (name === 'First') Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S10', reason: 'one pack acknowledged, the other not' });
    new CfnKey(stack, 'UnrotatedKey', { keyPolicy: KEY_POLICY, enableKeyRotation: false });
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

const cdkNagsOwn = (app: App, props?: NagPackProps) => [new AwsSolutionsChecks(app, props), new NIST80053R5Checks(app, props)];

test.each([
  ['terse', undefined],
  ['verbose', { verbose: true }],
])("the packs sharing verdicts report exactly what cdk-nag's own AwsSolutions and NIST 800-53 R5 packs report (%s)", (_, props?: NagPackProps) => {
  const app = violatingApp();
  const ours = findings(cdkNagPacks(app, props), app);
  expect(ours).toEqual(findings(cdkNagsOwn(app, props), app));
  // The tree does break the shared rules and L1, so the comparison is not of two empty lists.
  for (const rule of ['NIST.800.53.R5-S3BucketSSLRequestsOnly', 'AwsSolutions-S1', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled']) {
    expect(ours.filter((f) => f.startsWith(`${rule} |`)).length).toBe(2);
  }
  // Acknowledged by AwsSolutions on the first stack's bucket only: the shared verdict does not carry the acknowledgment over.
  expect(ours.filter((f) => f.startsWith('AwsSolutions-S10 |')).map((f) => f.replace(/^.* \| /, ''))).toEqual(['Second/PlainBucket']);
  const latestRuntime = ours.filter((f) => f.startsWith('AwsSolutions-L1 |'));
  expect(latestRuntime.map((f) => f.replace(/^.* \| /, '')).sort()).toEqual(
    ['First', 'Second'].flatMap((s) => [`${s}/OldNode`, `${s}/OldNodeAgain`, `${s}/OldPython`, `${s}/UnknownFamily`]).sort(),
  );
});

test('verdicts last one validation: a tree changed and validated again gets what cdk-nag finds on it then', () => {
  const app = new App();
  const stack = new Stack(app, 'Changing', { env: ENV });
  const key = new CfnKey(stack, 'Key', { keyPolicy: KEY_POLICY, enableKeyRotation: true });
  new CfnFunction(stack, 'Latest', { runtime: Runtime.NODEJS_LATEST.name, code: { zipFile: 'x' }, role: ROLE });
  const packs = cdkNagPacks(app);
  const before = findings(packs, app);
  expect(before).toEqual(findings(cdkNagsOwn(app), app));
  const rotationAndRuntime = (list: string[]) => list.filter((f) => f.includes('KMSBackingKeyRotationEnabled') || f.startsWith('AwsSolutions-L1 |'));
  expect(rotationAndRuntime(before)).toEqual([]);

  key.enableKeyRotation = false;
  // A runtime newer than the function's: L1's verdict reads aws-cdk-lib's list of runtimes too.
  new Runtime('nodejs99.x', RuntimeFamily.NODEJS);
  const after = findings(packs, app);
  expect(after).toEqual(findings(cdkNagsOwn(app), app));
  expect(rotationAndRuntime(after).map((f) => f.replace(/ \|.* \| /, ' '))).toEqual([
    'AwsSolutions-L1 Changing/Latest',
    'NIST.800.53.R5-KMSBackingKeyRotationEnabled Changing/Key',
  ]);
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
    // A runtime added to aws-cdk-lib's list makes the one before it outdated, for functions checked after.
    new Runtime('nodejs200.x', RuntimeFamily.NODEJS);
    expect(latest(fn('E', 'nodejs200.x'))).toBe(NagRuleCompliance.COMPLIANT);
    new Runtime('nodejs201.x', RuntimeFamily.NODEJS);
    expect(latest(fn('F', 'nodejs200.x'))).toBe(NagRuleCompliance.NON_COMPLIANT);

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
