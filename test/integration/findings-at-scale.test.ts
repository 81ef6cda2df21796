import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { Construct } from 'constructs';
import { RegionGuardRuleIds, SovereigntyRuleIds } from '../../lib/compliance/rule-ids';
import { addLandingZone } from '../../lib/landing-zone';
import { applyWorkloadBoundary } from '../../lib/stacks/workload-boundary';
import { exampleConfigDocument, parseDocument, testApp } from '../helpers';
import { generatedTenants, hsmClustersFor } from '../support/generated-tenants';
import { SOVEREIGNTY_RULE_CASES } from '../support/rule-fixtures';

/*
 * Whatever makes synth faster must not make the gates blind: one violation of every
 * Sovereignty rule, placed in the last of many tenant stacks, is still reported, each
 * at its construct in that stack, and synth fails. The cdk-nag packs, which share the
 * verdicts of the rules they have in common, report there exactly what cdk-nag's own
 * packs report on the same tree.
 */

/** A bucket, a key and functions that break rules AwsSolutions and NIST 800-53 R5 share, and AwsSolutions-L1. */
function violateNagRules(scope: Construct): void {
  const role = 'arn:aws:iam::123456789012:role/handler';
  new CfnBucket(scope, 'PlainBucket');
  new CfnKey(scope, 'UnrotatedKey', { keyPolicy: { Version: '2012-10-17', Statement: [] }, enableKeyRotation: false });
  new CfnFunction(scope, 'OldRuntime', { runtime: 'nodejs18.x', code: { zipFile: 'x' }, role });
  new CfnFunction(scope, 'OldRuntimeAgain', { runtime: 'nodejs18.x', code: { zipFile: 'y' }, role });
}

const REGIONS = ['eu-north-1', 'eu-west-1'];

test('one violation of every Sovereignty rule, and of cdk-nag rules both packs apply, in the last of 60 tenants: synth fails, and every rule reports its violation there', () => {
  const config = parseDocument({ ...exampleConfigDocument(), keyCustody: { hsmClusters: hsmClustersFor(REGIONS) }, tenants: generatedTenants(60, REGIONS) });
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-findings-'));
  try {
    const app = testApp({ outdir });
    const zone = addLandingZone(app, config);
    const last = zone.tenantStacks[zone.tenantStacks.length - 1];
    for (const { rule, nonCompliant } of SOVEREIGNTY_RULE_CASES) nonCompliant(new Construct(last, `Violates-${rule}`));
    violateNagRules(new Construct(last, 'Violates-cdk-nag'));
    // Roles added by hand after addLandingZone get the workload boundary as its own roles do.
    applyWorkloadBoundary(last);
    expect(() => app.synth()).toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8')) as {
      pluginReports: { summary: { pluginName: string }; violations: { ruleName: string; violatingResources: { constructPath?: string }[] }[] }[];
    };
    const reported = report.pluginReports.flatMap((r) =>
      r.violations.flatMap((v) => v.violatingResources.map((resource) => ({ rule: v.ruleName.replace(/^.*::/, ''), at: resource.constructPath ?? '' }))),
    );
    const inLast = (rule: string) => reported.filter((f) => f.rule === rule && f.at.startsWith(`${last.stackName}/Violates-`));
    for (const rule of Object.values(SovereigntyRuleIds)) expect([rule, inLast(rule).length > 0]).toEqual([rule, true]);
    // The multi-Region key of the KMS2 case is also the region guard's.
    expect(inLast(RegionGuardRuleIds.MultiRegionKey).length).toBeGreaterThan(0);
    // cdk-nag's own packs, on the same tree, find what the gate's packs reported.
    const nagPlugins = new Set(['AwsSolutions', 'NIST.800.53.R5']);
    const gateNag = report.pluginReports
      .filter((r) => nagPlugins.has(r.summary.pluginName))
      .flatMap((r) => r.violations.flatMap((v) => v.violatingResources.map((resource) => `${v.ruleName} ${resource.constructPath}`)))
      .sort();
    const cdkNags = [new AwsSolutionsChecks(app), new NIST80053R5Checks(app)]
      .flatMap((pack) => pack.validateScope(app).violations.flatMap((v) => v.violatingResources.map((resource) => `${v.ruleName} ${resource.constructPath}`)))
      .sort();
    expect(gateNag).toEqual(cdkNags);
    for (const rule of ['AwsSolutions-S10', 'NIST.800.53.R5-S3BucketSSLRequestsOnly', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled', 'AwsSolutions-L1']) {
      expect([rule, inLast(rule).length > 0]).toEqual([rule, true]);
    }
    expect(inLast('AwsSolutions-L1').map((f) => f.at)).toEqual([
      `${last.stackName}/Violates-cdk-nag/OldRuntime`,
      `${last.stackName}/Violates-cdk-nag/OldRuntimeAgain`,
    ]);
    // Nothing else in the 60 tenants is reported.
    expect(reported.filter((f) => !f.at.startsWith(`${last.stackName}/Violates-`))).toEqual([]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
