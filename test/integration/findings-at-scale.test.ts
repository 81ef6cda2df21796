import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { RegionGuardRuleIds, SovereigntyRuleIds } from '../../lib/compliance/rule-ids';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfigDocument, parseDocument, testApp } from '../helpers';
import { generatedTenants, hsmClustersFor } from '../support/generated-tenants';
import { SOVEREIGNTY_RULE_CASES } from '../support/rule-fixtures';

/*
 * Whatever makes synth faster must not make the gates blind: one violation of every
 * Sovereignty rule, placed in the last of many tenant stacks, is still reported, each
 * at its construct in that stack, and synth fails.
 */

const REGIONS = ['eu-north-1', 'eu-west-1'];

test('one violation of every Sovereignty rule in the last of 60 tenants: synth fails, and every rule reports its violation there', () => {
  const config = parseDocument({ ...exampleConfigDocument(), keyCustody: { hsmClusters: hsmClustersFor(REGIONS) }, tenants: generatedTenants(60, REGIONS) });
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-findings-'));
  try {
    const app = testApp({ outdir });
    const zone = addLandingZone(app, config);
    const last = zone.tenantStacks[zone.tenantStacks.length - 1];
    for (const { rule, nonCompliant } of SOVEREIGNTY_RULE_CASES) nonCompliant(new Construct(last, `Violates-${rule}`));
    expect(() => app.synth()).toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8')) as {
      pluginReports: { violations: { ruleName: string; violatingResources: { constructPath?: string }[] }[] }[];
    };
    const reported = report.pluginReports.flatMap((r) =>
      r.violations.flatMap((v) => v.violatingResources.map((resource) => ({ rule: v.ruleName.replace(/^.*::/, ''), at: resource.constructPath ?? '' }))),
    );
    const inLast = (rule: string) => reported.filter((f) => f.rule === rule && f.at.startsWith(`${last.stackName}/Violates-`));
    for (const rule of Object.values(SovereigntyRuleIds)) expect([rule, inLast(rule).length > 0]).toEqual([rule, true]);
    // The multi-Region key of the KMS2 case is also the region guard's.
    expect(inLast(RegionGuardRuleIds.MultiRegionKey).length).toBeGreaterThan(0);
    // Nothing else in the 60 tenants is reported.
    expect(reported.filter((f) => !f.at.startsWith(`${last.stackName}/Violates-`))).toEqual([]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
