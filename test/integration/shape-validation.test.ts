import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type App, CfnResource, CloudFormationValidatePlugin, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { acknowledge } from '../../lib/compliance/acknowledge';
import { AwsSolutionsPack, Nist80053R5Pack } from '../../lib/compliance/nag-packs';
import { SovereigntyChecks } from '../../lib/compliance/sovereignty-checks';
import { ShapeDeduplicatedCloudFormationValidate, VALIDATE_EVERY_TEMPLATE_SWITCH } from '../../lib/compliance/shape-deduplicated-validate';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfigDocument, parseDocument, testApp } from '../helpers';
import { generatedTenants, groupId, hsmClustersFor } from '../support/generated-tenants';

// Schema validation is under test here: test/support/integration-environment.ts turns it off for the other suites.
delete process.env.CDK_VALIDATION;

/*
 * CloudFormation schema validation and the cdk-nag packs (AwsSolutions, NIST 800-53 R5,
 * SovereigntyChecks) run once per template shape. This proves, on a landing zone with
 * violations of each, that they report exactly what validating every template reports:
 * the same findings, on the same resources of the same templates, with each tenant's
 * own names in the text, and cdk-nag's findings in cdk-nag's order. Tenants with the
 * shortest and longest ids, an id that starts with a digit and a display name outside
 * Latin-1 are among them, and one tenant acknowledges a finding the rest of its shape
 * does not (acknowledgments are construct metadata, not template text).
 */

/** The plugins compared, by the name they report under. */
const NAG_PLUGINS = ['AwsSolutions', 'NIST.800.53.R5', 'SovereigntyChecks'];

const REGIONS = ['eu-north-1', 'eu-west-1'];

interface Finding {
  readonly ruleName: string;
  readonly description: string;
  readonly severity?: string;
  readonly resources: string[];
}

function landingZone() {
  // Tenants of other ids, each with groups of its own (generated as the 901st to 904th).
  const like = (n: number) => ({
    ...generatedTenants(1, REGIONS)[0],
    people: { reader: [groupId(n, 1)], uploader: [groupId(n, 2)], keyAdmin: [groupId(n, 3)] },
  });
  const tenants = [
    ...generatedTenants(76, REGIONS),
    { ...like(901), id: 'a', displayName: 'A', account: '300000000901' },
    {
      ...like(902),
      id: 'kautokeino-guovdageainnu-suohkan',
      displayName: 'Guovdageainnu suohkan / Kautokeino kommune',
      account: '300000000902',
    },
    { ...like(903), id: '9-kommun', displayName: 'Kommun 9', account: '300000000903' },
    { ...like(904), id: 'cearru', displayName: 'Čearru suohkan', account: '300000000904' },
  ];
  return parseDocument({ ...exampleConfigDocument(), keyCustody: { hsmClusters: hsmClustersFor(REGIONS) }, tenants });
}

/** Synthesizes with a schema violation in every tenant stack and two more in the last; returns the CloudFormation Validate findings. */
function synthesize(everyTemplate: boolean): {
  findings: Finding[];
  nagFindings: Record<string, string[]>;
  plugin: ShapeDeduplicatedCloudFormationValidate;
  nagPacks: (AwsSolutionsPack | Nist80053R5Pack | SovereigntyChecks)[];
  templates: number;
} {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-shapes-'));
  const before = process.env[VALIDATE_EVERY_TEMPLATE_SWITCH];
  process.env[VALIDATE_EVERY_TEMPLATE_SWITCH] = everyTemplate ? '1' : '0';
  try {
    const app: App = testApp({ outdir });
    const zone = addLandingZone(app, landingZone());
    for (const stack of zone.tenantStacks) {
      // An enum violation whose value names the tenant: its finding's text must name each tenant's own.
      new CfnResource(stack, 'VersioningTypo', {
        type: 'AWS::S3::Bucket',
        properties: { VersioningConfiguration: { Status: `Sometimes-${Stack.of(stack).stackName}` } },
      });
      // Over S3's 63-character bucket name only for the tenant with the 32-character id: one member of its shape, not the rest.
      new CfnResource(stack, 'LongBucketName', {
        type: 'AWS::S3::Bucket',
        properties: { BucketName: `${Stack.of(stack).stackName.toLowerCase()}-${'x'.repeat(16)}` },
      });
    }
    for (const stack of zone.tenantStacks) {
      // A bucket without encryption, logging or a TLS policy: findings of every nag pack in every tenant.
      new CfnBucket(stack, 'PlainBucket');
    }
    // Acknowledged in one tenant alone: the same template as the rest of its shape, a different verdict.
    acknowledge(zone.tenantStacks[4].node.findChild('PlainBucket'), 'AwsSolutions-S1', 'This test bucket logs nowhere on purpose.');
    const last = zone.tenantStacks[zone.tenantStacks.length - 1];
    new CfnResource(last, 'RetentionTypo', { type: 'AWS::SQS::Queue', properties: { MessageRetentionPeriod: 'a fortnight' } });
    new CfnResource(last, 'UnknownProperty', { type: 'AWS::SNS::Topic', properties: { TopicNam: 'x' } });
    try {
      app.synth();
    } catch {
      // The gate fails synth on findings; the report is what this test reads.
    }
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8')) as {
      pluginReports: {
        summary: { pluginName: string };
        violations: {
          ruleName: string;
          description: string;
          severity?: string;
          violatingResources: { templatePath?: string; resourceLogicalId?: string; constructPath?: string; locations: string[] }[];
        }[];
      }[];
    };
    const findings = report.pluginReports
      .filter((r) => r.summary.pluginName === CloudFormationValidatePlugin.PLUGIN_NAME)
      .flatMap((r) => r.violations)
      .map((v) => ({
        ruleName: v.ruleName,
        description: v.description,
        severity: v.severity,
        resources: v.violatingResources.map((res) => `${res.templatePath} ${res.resourceLogicalId} ${res.constructPath} ${res.locations.join(',')}`).sort(),
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    // cdk-nag's findings as reported: rule, text and resources in cdk-nag's own order.
    const nagFindings = Object.fromEntries(
      NAG_PLUGINS.map((name) => [
        name,
        report.pluginReports
          .filter((r) => r.summary.pluginName === name)
          .flatMap((r) => r.violations)
          .flatMap((v) =>
            v.violatingResources.map((res) => `${v.ruleName} | ${v.severity} | ${v.description} | ${res.constructPath} | ${res.locations.join(',')}`),
          ),
      ]),
    );
    const plugins = (app as unknown as { _validationPlugins: unknown[] })._validationPlugins;
    const plugin = plugins.find((p) => p instanceof ShapeDeduplicatedCloudFormationValidate) as ShapeDeduplicatedCloudFormationValidate;
    const nagPacks = plugins.filter((p) => p instanceof AwsSolutionsPack || p instanceof Nist80053R5Pack || p instanceof SovereigntyChecks);
    return { findings, nagFindings, plugin, nagPacks, templates: fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).length };
  } finally {
    if (before === undefined) delete process.env[VALIDATE_EVERY_TEMPLATE_SWITCH];
    else process.env[VALIDATE_EVERY_TEMPLATE_SWITCH] = before;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test('validation once per shape reports exactly what validating every template reports', () => {
  const every = synthesize(true);
  const shaped = synthesize(false);
  // The reference run found the violations: one per tenant, and the last tenant's own two.
  const perTenant = every.findings.filter((f) => f.description.includes('Sometimes-'));
  expect(perTenant.flatMap((f) => f.resources)).toHaveLength(80);
  expect(every.findings.some((f) => f.resources.some((r) => r.includes('RetentionTypo')))).toBe(true);
  expect(every.findings.some((f) => f.resources.some((r) => r.includes('UnknownProperty')))).toBe(true);
  expect(every.plugin.lastRun?.validated).toBe(every.templates);
  // The length limit: found for the long id alone, so its shape is validated member by member.
  const longNames = every.findings.filter((f) => f.resources.some((r) => r.includes('LongBucketName')));
  expect(longNames.flatMap((f) => f.resources)).toEqual([expect.stringContaining('Suveren-Tenant-kautokeino-guovdageainnu-suohkan.template.json')]);

  expect(shaped.findings).toEqual(every.findings);
  // ...from a fraction of the templates.
  expect(shaped.plugin.lastRun).toEqual({ templates: every.templates, shapes: expect.any(Number), validated: expect.any(Number) });
  // Under half of the templates, even with the length limit's shape validated member by member.
  expect(shaped.plugin.lastRun!.validated).toBeLessThan(every.templates / 2);

  // cdk-nag: the reference run found the plain bucket in every tenant, and the acknowledgment held in one.
  const s1 = every.nagFindings.AwsSolutions.filter((f) => f.startsWith('AwsSolutions-S1 ') && f.includes('/PlainBucket |'));
  expect(s1).toHaveLength(79);
  expect(s1.filter((f) => f.includes(' | Suveren-Tenant-kommun-004/'))).toEqual([]);
  for (const name of NAG_PLUGINS) {
    expect([name, every.nagFindings[name].length > 80]).toEqual([name, true]);
    expect([name, shaped.nagFindings[name]]).toEqual([name, every.nagFindings[name]]);
  }
  expect(shaped.nagPacks).toHaveLength(3);
  for (const pack of shaped.nagPacks) {
    expect(pack.shapes.lastRun).toEqual({ templates: 80, shapes: expect.any(Number), validated: expect.any(Number) });
    expect(pack.shapes.lastRun!.validated).toBeLessThan(80 / 2);
  }
}, 300_000);
