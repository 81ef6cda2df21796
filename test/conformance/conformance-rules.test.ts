import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type ConfigurationItem, subjectOf } from '../../lib/compliance/conformance/configuration-item';
import { CONFORMANCE_RULES, customRule, WITHOUT_RUNTIME_COUNTERPART } from '../../lib/compliance/conformance/conformance-rules';
import { type Verdict, evaluate, ruleOf } from '../../lib/compliance/conformance/evaluate';
import { SOVEREIGNTY_RULES } from '../../lib/compliance/rules';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledge } from '../../lib/compliance/acknowledge';
import { ACKNOWLEDGED_TAG, CONFIG_AGGREGATOR_NAME, TENANT_TAGS } from '@suveren/core/contracts/names';
import { addLandingZone } from '../../lib/landing-zone';
import {
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { handleRuleEvent } from '../../lambda/conformance-rule/rule-event';
import { mockClient } from 'aws-sdk-client-mock';
import { EVIDENCE_SCHEMA_VERSION, type EvidenceReport } from '../../lib/evidence/report-model';
import { ACCESS_MATRIX_SWITCH } from '../../lib/evidence/write-evidence';
import { conformanceCommand } from '../../lib/cli/conformance';
import { EXAMPLE_CONFIG_FILE, REPO_ROOT, exampleConfig, testApp } from '../helpers';
import type { Json } from '../../lib/compliance/cfn-inspect';
import {
  type DeployedTemplate,
  bucketItem,
  deployedTemplate,
  functionItem,
  keyItem,
  keyPolicyOf,
  logicalIdsOf,
  secretItem,
  secretPolicyOf,
} from '../support/config-items';

/*
 * suveren's custom AWS Config rules on configuration items of what the example deploys
 * (its synthesized templates, rendered as CloudFormation deploys them, in the shape
 * Config hands a rule), through the rule's Lambda handler: every custom rule finds the
 * example compliant, and each finds its own noncompliant change. The rules are the synth-time Sovereignty rules where one
 * exists; a rule list that left a synth-time rule without a run-time counterpart (or a
 * written reason) fails here.
 */

const config = exampleConfig();
const settings = { allowedRegions: config.organization.allowedRegions };
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-conformance-'));
let tenants: Record<string, DeployedTemplate>;

beforeAll(() => {
  const app = testApp({ outdir });
  addLandingZone(app, config);
  app.synth();
  tenants = Object.fromEntries(config.tenants.map((t) => [t.id, deployedTemplate(outdir, `Suveren-Tenant-${t.id}`, t.account, t.region)]));
}, 120_000);
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
// One stub of Config for the whole file: the handler's PutEvaluations, then the aggregator reads of `suveren conformance`.
const handlerConfig = mockClient(ConfigServiceClient);
afterAll(() => handlerConfig.restore());

const rule = (name: string) => {
  const found = customRule(name);
  if (!found) throw new Error(`no custom rule ${name}`);
  return found;
};
/**
 * The verdict of rule `name` on `item`. Change-triggered rules go through the Lambda
 * handler (a ConfigurationItemChangeNotification in, the PutEvaluations it makes read back
 * from the stubbed Config client); periodic rules, whose handler reads the policy from
 * KMS or Secrets Manager (test/integration/conformance-rule-handler.test.ts, on moto),
 * are judged here on the policy given.
 */
async function verdict(name: string, item: ConfigurationItem, policy?: Parameters<typeof subjectOf>[1]): Promise<Verdict> {
  if (rule(name).trigger === 'periodic') return evaluate(rule(name), subjectOf(item, policy), settings);
  handlerConfig.reset();
  handlerConfig.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  await handleRuleEvent(
    {
      invokingEvent: JSON.stringify({ messageType: 'ConfigurationItemChangeNotification', configurationItem: item }),
      ruleParameters: JSON.stringify({ rule: name, allowedRegions: settings.allowedRegions.join(',') }),
      resultToken: 'token',
    },
    {
      config: new ConfigServiceClient({ region: 'eu-north-1' }),
      kms: new KMSClient({ region: 'eu-north-1' }),
      secrets: new SecretsManagerClient({ region: 'eu-north-1' }),
    },
  );
  const [evaluation] = handlerConfig.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);
  return evaluation.Annotation === undefined
    ? { compliance: evaluation.ComplianceType as Verdict['compliance'] }
    : { compliance: evaluation.ComplianceType as Verdict['compliance'], annotation: evaluation.Annotation };
}
const dataBucket = (tenant: string) =>
  bucketItem(
    tenants[tenant],
    logicalIdsOf(tenants[tenant], 'AWS::S3::Bucket').find((id) => id.startsWith('DataBucket'))!,
  );
/** The bucket item with its policy document changed by `change`. */
function withPolicy(item: ConfigurationItem, change: (statements: { Sid?: string; Condition?: Record<string, unknown> }[]) => unknown[]): ConfigurationItem {
  const supplementary = item.supplementaryConfiguration as { BucketPolicy: { policyText: string } };
  const document = JSON.parse(supplementary.BucketPolicy.policyText) as { Statement: { Sid?: string }[] };
  return {
    ...item,
    supplementaryConfiguration: { ...supplementary, BucketPolicy: { policyText: JSON.stringify({ ...document, Statement: change(document.Statement) }) } },
  };
}

describe('the rule list', () => {
  test('every synth-time Sovereignty rule has a run-time counterpart or a written reason, never both', () => {
    const covered = new Set(CONFORMANCE_RULES.flatMap((r) => r.controls));
    for (const { id } of SOVEREIGNTY_RULES) {
      const reason = WITHOUT_RUNTIME_COUNTERPART[id];
      expect([id, covered.has(id) !== (reason !== undefined)]).toEqual([id, true]);
      if (reason) expect(reason.length).toBeGreaterThan(80);
    }
  });

  test('names are unique Config rule names; managed rules cite their page; rotation is checked on the standard tier only', () => {
    const names = CONFORMANCE_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^suveren-[a-z0-9-]{1,119}$/);
    for (const r of CONFORMANCE_RULES)
      if (r.kind === 'managed') expect(r.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/config\/latest\/developerguide\//);
    // CMK_BACKING_KEY_ROTATION_ENABLED does not apply to keys in a custom key store.
    expect(CONFORMANCE_RULES.find((r) => r.kind === 'managed' && r.identifier === 'CMK_BACKING_KEY_ROTATION_ENABLED')?.keyCustody).toBe('aws-kms');
  });

  test('docs/conformance.md names every rule, its controls and its managed identifier', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'conformance.md'), 'utf8');
    for (const r of CONFORMANCE_RULES) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${r.name}\` |`));
      expect([r.name, row !== undefined]).toEqual([r.name, true]);
      for (const control of r.controls) expect(row).toContain(control);
      if (r.kind === 'managed') expect(row).toContain(r.identifier);
    }
    for (const id of Object.keys(WITHOUT_RUNTIME_COUNTERPART)) expect(doc).toContain(id);
  });

  test('rule parameters name a custom rule and the allowed regions, or the error says which is wrong', () => {
    expect(ruleOf({ rule: 'suveren-s3-key-pinned', allowedRegions: 'eu-north-1,eu-west-1' }).settings.allowedRegions).toEqual(['eu-north-1', 'eu-west-1']);
    expect(() => ruleOf({ rule: 'suveren-s3-ssl-requests-only', allowedRegions: 'eu-north-1' })).toThrow(/names no custom suveren rule/);
    expect(() => ruleOf({ rule: 'suveren-s3-key-pinned' })).toThrow(/allowedRegions/);
  });
});

describe('what the example deploys is compliant under every custom rule', () => {
  test.each(CONFORMANCE_RULES.filter((r) => r.kind === 'custom').map((r) => r.name))('%s', async (name) => {
    const items: { item: ConfigurationItem; policy?: Parameters<typeof subjectOf>[1] }[] = [];
    for (const d of Object.values(tenants)) {
      for (const id of logicalIdsOf(d, 'AWS::S3::Bucket')) items.push({ item: bucketItem(d, id) });
      for (const id of logicalIdsOf(d, 'AWS::KMS::Key')) items.push({ item: keyItem(d, id), policy: keyPolicyOf(d, id) });
      for (const id of logicalIdsOf(d, 'AWS::Lambda::Function')) items.push({ item: functionItem(d, id) });
    }
    // The key-custody credentials, with the policy GetResourcePolicy returns.
    for (const cluster of config.keyCustody.hsmClusters) {
      const d = deployedTemplate(outdir, `Suveren-KeyCustody-${cluster.id}`, cluster.account, cluster.region);
      for (const id of logicalIdsOf(d, 'AWS::SecretsManager::Secret')) items.push({ item: secretItem(d, id), policy: secretPolicyOf(d, id) });
    }
    const judged: (readonly [string, Verdict])[] = [];
    for (const { item, policy } of items.filter(({ item: i }) => rule(name).resourceTypes.includes(i.resourceType)))
      judged.push([item.resourceId, await verdict(name, item, policy)]);
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.filter(([, v]) => v.compliance === 'NON_COMPLIANT')).toEqual([]);
  });
});

describe('each custom rule finds its noncompliant change', () => {
  test('suveren-s3-cmk-encryption: default encryption under aws/s3; the access-log bucket acknowledged at synth is not judged', async () => {
    const item = dataBucket('lund-kommun');
    expect((await verdict('suveren-s3-cmk-encryption', item)).compliance).toBe('COMPLIANT');
    const supplementary = item.supplementaryConfiguration as { ServerSideEncryptionConfiguration: { rules: { applyServerSideEncryptionByDefault: object }[] } };
    const awsManaged = {
      ...item,
      supplementaryConfiguration: {
        ...supplementary,
        ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: 'alias/aws/s3' } }] },
      },
    };
    expect(await verdict('suveren-s3-cmk-encryption', awsManaged)).toEqual({ compliance: 'NON_COMPLIANT', annotation: expect.stringContaining('Suveren-S1') });
    const d = tenants['lund-kommun'];
    const accessLogs = bucketItem(
      d,
      logicalIdsOf(d, 'AWS::S3::Bucket').find((id) => id.startsWith('AccessLogs'))!,
    );
    expect(accessLogs.tags?.[ACKNOWLEDGED_TAG]).toBe('Suveren-S1');
    expect(await verdict('suveren-s3-cmk-encryption', accessLogs)).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: expect.stringContaining('acknowledged'),
    });
    // Without the acknowledgment tag (a suveren resource still), it is judged; with no suveren tag at all, the handler leaves it alone.
    expect((await verdict('suveren-s3-cmk-encryption', { ...accessLogs, tags: { [TENANT_TAGS.tenant]: 'lund-kommun' } })).compliance).toBe('NON_COMPLIANT');
    expect(await verdict('suveren-s3-cmk-encryption', { ...accessLogs, tags: {} })).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: expect.stringContaining('Not a suveren resource'),
    });
  });

  test('suveren-s3-tls-only: the TLS floor removed from the policy', async () => {
    const item = withPolicy(dataBucket('malmo-stad'), (s) => s.filter((st) => !JSON.stringify(st.Condition ?? {}).includes('s3:TlsVersion')));
    expect((await verdict('suveren-s3-tls-only', item)).compliance).toBe('NON_COMPLIANT');
  });

  test('suveren-s3-key-pinned: the deny of other keys removed by break-glass', async () => {
    const item = withPolicy(dataBucket('lund-kommun'), (s) => s.filter((st) => st.Sid !== 'DenyPutWithOtherKey'));
    expect(await verdict('suveren-s3-key-pinned', item)).toEqual({ compliance: 'NON_COMPLIANT', annotation: expect.stringContaining('Suveren-S3') });
  });

  test('suveren-s3-sse-c-refused: neither the encryption block nor the policy deny left', async () => {
    const item = dataBucket('lund-kommun');
    const withoutDeny = withPolicy(item, (s) => s.filter((st) => st.Sid !== 'DenySseC'));
    // The encryption configuration still blocks SSE-C: refused.
    expect((await verdict('suveren-s3-sse-c-refused', withoutDeny)).compliance).toBe('COMPLIANT');
    const supplementary = withoutDeny.supplementaryConfiguration as { ServerSideEncryptionConfiguration: { rules: Record<string, unknown>[] } };
    const unblocked = {
      ...withoutDeny,
      supplementaryConfiguration: {
        ...supplementary,
        ServerSideEncryptionConfiguration: {
          rules: supplementary.ServerSideEncryptionConfiguration.rules.map(({ blockedEncryptionTypes: _, ...rest }) => rest),
        },
      },
    };
    expect((await verdict('suveren-s3-sse-c-refused', unblocked)).compliance).toBe('NON_COMPLIANT');
  });

  test('suveren-s3-bucket-keys-by-tier: a Bucket Key on the external tier', async () => {
    const item = dataBucket('lund-kommun');
    expect((await verdict('suveren-s3-bucket-keys-by-tier', item)).compliance).toBe('COMPLIANT');
    const external = { ...item, tags: { ...item.tags, [TENANT_TAGS.tier]: 'external' } };
    expect(await verdict('suveren-s3-bucket-keys-by-tier', external)).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Bucket Keys are on; the external tier has them off.',
    });
  });

  test('suveren-allowed-region: a bucket in us-east-1, a multi-Region key', async () => {
    expect((await verdict('suveren-allowed-region', { ...dataBucket('lund-kommun'), awsRegion: 'us-east-1' })).compliance).toBe('NON_COMPLIANT');
    const d = tenants['lund-kommun'];
    const key = keyItem(
      d,
      logicalIdsOf(d, 'AWS::KMS::Key').find((id) => id.startsWith('DataKey'))!,
    );
    expect((await verdict('suveren-allowed-region', key)).compliance).toBe('COMPLIANT');
    const multiRegion = { ...key, configuration: { ...(key.configuration as object), multiRegion: true } };
    expect(await verdict('suveren-allowed-region', multiRegion)).toEqual({ compliance: 'NON_COMPLIANT', annotation: expect.stringContaining('Suveren-KMS2') });
  });

  test("suveren-kms-no-root-wildcard: a root kms:* statement added to a data key's policy; operations keys are not judged", async () => {
    const d = tenants['lund-kommun'];
    const dataKey = logicalIdsOf(d, 'AWS::KMS::Key').find((id) => id.startsWith('DataKey'))!;
    const policy = keyPolicyOf(d, dataKey) as { Statement: Json[] };
    expect((await verdict('suveren-kms-no-root-wildcard', keyItem(d, dataKey), policy)).compliance).toBe('COMPLIANT');
    const widened = {
      ...policy,
      Statement: [
        ...policy.Statement,
        { Sid: 'BreakGlass', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${d.account}:root` }, Action: 'kms:*', Resource: '*' },
      ],
    };
    expect(await verdict('suveren-kms-no-root-wildcard', keyItem(d, dataKey), widened)).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: expect.stringContaining('BreakGlass'),
    });
    const operations = logicalIdsOf(d, 'AWS::KMS::Key').find((id) => id.startsWith('OperationsKey'))!;
    expect((await verdict('suveren-kms-no-root-wildcard', keyItem(d, operations), keyPolicyOf(d, operations))).compliance).toBe('NOT_APPLICABLE');
    // Without the policy (the read failed) nothing is claimed.
    expect((await verdict('suveren-kms-no-root-wildcard', keyItem(d, dataKey))).compliance).toBe('NOT_APPLICABLE');
  });

  test('suveren-lambda-environment-cmk: environment variables without a customer-managed key', async () => {
    const d = tenants['lund-kommun'];
    const fn = functionItem(
      d,
      logicalIdsOf(d, 'AWS::Lambda::Function').find((id) => (functionItem(d, id).configuration as { environment?: unknown }).environment)!,
    );
    expect((await verdict('suveren-lambda-environment-cmk', fn)).compliance).toBe('COMPLIANT');
    expect((await verdict('suveren-lambda-environment-cmk', { ...fn, configuration: { ...(fn.configuration as object), kmsKeyArn: null } })).compliance).toBe(
      'NON_COMPLIANT',
    );
  });

  test('suveren-no-edge-processing: a CloudFront distribution, Transfer Acceleration', async () => {
    const distribution: ConfigurationItem = {
      resourceType: 'AWS::CloudFront::Distribution',
      resourceId: 'E2EXAMPLE',
      awsRegion: 'eu-north-1',
      awsAccountId: '333333333331',
      configuration: {},
      tags: { [TENANT_TAGS.tenant]: 'lund-kommun' },
    };
    expect((await verdict('suveren-no-edge-processing', distribution)).compliance).toBe('NON_COMPLIANT');
    const item = dataBucket('lund-kommun');
    expect((await verdict('suveren-no-edge-processing', item)).compliance).toBe('COMPLIANT');
    const accelerated = { ...item, supplementaryConfiguration: { ...item.supplementaryConfiguration, BucketAccelerateConfiguration: { status: 'Enabled' } } };
    expect((await verdict('suveren-no-edge-processing', accelerated)).compliance).toBe('NON_COMPLIANT');
  });
});

describe('what the rules need on deployed resources', () => {
  test("acknowledge() writes every Sovereignty rule acknowledged on a resource into its suveren:acknowledged tag, and no other rule's", () => {
    const app = new App();
    const stack = new Stack(app, 'Acks', { env: { account: '333333333331', region: 'eu-north-1' } });
    const bucket = new s3.Bucket(stack, 'Bucket');
    acknowledge(bucket, 'Suveren-S3', 'A test reason for the pinning.');
    acknowledge(bucket, 'AwsSolutions-S1', 'A test reason for logging.');
    acknowledge(bucket, 'Suveren-S1', 'A test reason for the encryption.');
    const tags = Template.fromStack(stack).findResources('AWS::S3::Bucket')[stack.getLogicalId(bucket.node.defaultChild as CfnElement)].Properties.Tags as {
      Key: string;
      Value: string;
    }[];
    expect(tags).toEqual([{ Key: ACKNOWLEDGED_TAG, Value: 'Suveren-S1 Suveren-S3' }]);
  });

  test('the aggregator covers the allowed regions only, and its role serves Config for the audit account only', () => {
    const audit = Template.fromJSON(JSON.parse(fs.readFileSync(path.join(outdir, 'Suveren-Audit.template.json'), 'utf8')) as Record<string, unknown>);
    audit.hasResourceProperties('AWS::Config::ConfigurationAggregator', {
      ConfigurationAggregatorName: CONFIG_AGGREGATOR_NAME,
      OrganizationAggregationSource: { AllAwsRegions: false, AwsRegions: [...config.organization.allowedRegions] },
    });
    audit.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
  });
});

describe('bad input is judged, never thrown', () => {
  test('a truncated bucket policy, a configuration item without configuration, supplementary configuration as JSON text', async () => {
    const item = dataBucket('lund-kommun');
    const truncated = {
      ...item,
      supplementaryConfiguration: { ...item.supplementaryConfiguration, BucketPolicy: { policyText: '{"Version":"2012-10-17","Statem' } },
    };
    expect(() => subjectOf(truncated)).toThrow(/not JSON/);
    const d = tenants['lund-kommun'];
    const key = keyItem(d, logicalIdsOf(d, 'AWS::KMS::Key')[0]);
    expect(() => subjectOf({ ...key, configuration: 'not json' })).toThrow(/no readable configuration/);
    // The history API hands supplementary configuration as JSON text: read the same.
    const asText = {
      ...item,
      supplementaryConfiguration: Object.fromEntries(
        Object.entries(item.supplementaryConfiguration ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      ),
    };
    expect((await verdict('suveren-s3-key-pinned', asText)).compliance).toBe('COMPLIANT');
  });
});

describe('suveren conformance (Config stubbed with aws-sdk-client-mock: moto has no aggregators)', () => {
  // These runs test the run-time section the command adds; the access matrix and the reach
  // graph beside it are the evidence tests' (test/integration/evidence-report.test.ts), so not computed here.
  const matrixBefore = process.env[ACCESS_MATRIX_SWITCH];
  beforeAll(() => (process.env[ACCESS_MATRIX_SWITCH] = 'off'));
  afterAll(() => {
    if (matrixBefore === undefined) delete process.env[ACCESS_MATRIX_SWITCH];
    else process.env[ACCESS_MATRIX_SWITCH] = matrixBefore;
  });
  const configMock = handlerConfig;
  const lund = config.tenants.find((t) => t.id === 'lund-kommun')!;
  const malmo = config.tenants.find((t) => t.id === 'malmo-stad')!;
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await conformanceCommand(
      ['--config', EXAMPLE_CONFIG_FILE, '--assembly', outdir, ...args],
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      (region) => new ConfigServiceClient({ region }),
    );
    return { code, out: out.join(''), err: err.join('') };
  };
  /** A fixture organization: lund's key pin removed, malmo compliant, the audit account compliant, a Control Tower rule failing, skatteetaten without results. */
  function fixtureOrganization(): void {
    configMock.reset();
    configMock.on(DescribeConfigurationAggregatorsCommand).resolves({ ConfigurationAggregators: [{ ConfigurationAggregatorName: 'suveren' }] });
    const rule = (name: string, account: string, compliance: 'COMPLIANT' | 'NON_COMPLIANT', region = 'eu-north-1') => ({
      ConfigRuleName: name,
      AccountId: account,
      AwsRegion: region,
      Compliance: { ComplianceType: compliance },
    });
    configMock
      .on(DescribeAggregateComplianceByConfigRulesCommand)
      .resolvesOnce({
        AggregateComplianceByConfigRules: [
          rule('suveren-s3-key-pinned-conformance-pack-ab12cd34', lund.account, 'NON_COMPLIANT'),
          rule('suveren-s3-tls-only-conformance-pack-ab12cd34', lund.account, 'COMPLIANT'),
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        AggregateComplianceByConfigRules: [
          rule('suveren-s3-key-pinned-conformance-pack-ab12cd34', malmo.account, 'COMPLIANT'),
          rule('suveren-allowed-region-conformance-pack-ab12cd34', config.audit.account, 'COMPLIANT'),
          rule('AWSControlTower_AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED', lund.account, 'NON_COMPLIANT'),
        ],
      });
    configMock.on(GetAggregateComplianceDetailsByConfigRuleCommand).resolves({
      AggregateEvaluationResults: [
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: {
              ConfigRuleName: 'suveren-s3-key-pinned-conformance-pack-ab12cd34',
              ResourceType: 'AWS::S3::Bucket',
              ResourceId: 'suveren-tenant-lund-kommun-databucket',
            },
          },
          ComplianceType: 'NON_COMPLIANT',
          ResultRecordedTime: new Date('2026-12-01T09:30:00.000Z'),
          Annotation: 'Suveren-S3: The S3 bucket policy does not refuse PutObject requests…',
          AccountId: lund.account,
          AwsRegion: 'eu-north-1',
        },
      ],
    });
  }

  test('a fixture organization with a noncompliant bucket: the run-time section per tenant, exit 3', async () => {
    fixtureOrganization();
    const out = path.join(outdir, 'evidence-runtime');
    const { code, out: printed } = await run(['--out', out]);
    expect(code).toBe(3);
    expect(printed).toContain('1 NON_COMPLIANT');
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as EvidenceReport;
    expect(report.schemaVersion).toBe(EVIDENCE_SCHEMA_VERSION);
    const runtime = report.runtime!;
    expect(runtime.counts).toEqual({ NON_COMPLIANT: 1, INSUFFICIENT_DATA: 0, COMPLIANT: 3, NOT_APPLICABLE: 0 });
    expect(runtime.tenantsWithoutResults).toEqual(['skatteetaten-arkiv']);
    const lundRules = runtime.tenants.find((t) => t.tenantId === 'lund-kommun')!.rules;
    // Control Tower's rule is not suveren's: left out.
    expect(lundRules.map((r) => [r.rule, r.compliance])).toEqual([
      ['suveren-s3-key-pinned', 'NON_COMPLIANT'],
      ['suveren-s3-tls-only', 'COMPLIANT'],
    ]);
    expect(lundRules[0]).toMatchObject({
      controls: ['Suveren-S3'],
      noncompliantResources: [{ resourceType: 'AWS::S3::Bucket', resourceId: 'suveren-tenant-lund-kommun-databucket', recordedAt: '2026-12-01T09:30:00.000Z' }],
    });
    expect(runtime.otherAccounts).toEqual([
      { account: config.audit.account, rules: [expect.objectContaining({ rule: 'suveren-allowed-region', compliance: 'COMPLIANT' })] },
    ]);
    // Only the NON_COMPLIANT suveren rule's details are read.
    expect(configMock.commandCalls(GetAggregateComplianceDetailsByConfigRuleCommand).map((c) => c.args[0].input.ConfigRuleName)).toEqual([
      'suveren-s3-key-pinned-conformance-pack-ab12cd34',
    ]);
    const markdown = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(markdown).toContain(
      '| lund-kommun (333333333331) | suveren-s3-key-pinned | Suveren-S3 | eu-north-1 | **NON_COMPLIANT** | AWS::S3::Bucket suveren-tenant-lund-kommun-databucket since 2026-12-01T09:30:00.000Z',
    );
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('<section id="runtime">');
  });

  test('an aggregator that does not exist, and no credentials: one line, exit 1', async () => {
    configMock.reset();
    configMock
      .on(DescribeConfigurationAggregatorsCommand)
      .rejects(Object.assign(new Error('The configuration aggregator does not exist.'), { name: 'NoSuchConfigurationAggregatorException' }));
    const missing = await run(['--aggregator', 'nope', '--out', path.join(outdir, 'evidence-missing')]);
    expect([missing.code, missing.err]).toEqual([
      1,
      `suveren conformance: there is no configuration aggregator "nope" in ${config.audit.region} (Suveren-Audit creates "suveren" in the audit region)\n`,
    ]);
    configMock.reset();
    configMock
      .on(DescribeConfigurationAggregatorsCommand)
      .rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const unsigned = await run(['--out', path.join(outdir, 'evidence-unsigned')]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.err.trim().split('\n')).toEqual([expect.stringContaining('no AWS credentials')]);
  });
});
