import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { CreateKeyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { type ConfigRuleEvent, handleRuleEvent } from '../../lambda/conformance-rule/rule-event';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfig, testApp } from '../helpers';
import { bucketItem, deployedTemplate, keyPolicyOf, logicalIdsOf, secretPolicyOf } from '../support/config-items';
import { type MotoServer, startMotoServer } from '../support/moto-server';

/*
 * The conformance rule's Lambda adapter, from Config's event to PutEvaluations. KMS is
 * moto_server (keys, tags, key policies, GetKeyPolicy), and so is Secrets Manager (secrets,
 * tags, resource policies). Config is stubbed with
 * aws-sdk-client-mock: moto implements no PutEvaluations and discovers no KMS keys, and
 * the stub lets the test see exactly what the rule reported.
 */

const config = exampleConfig();
const tenant = config.tenants.find((t) => t.id === 'lund-kommun')!;
const allowedRegions = config.organization.allowedRegions.join(',');
const configMock = mockClient(ConfigServiceClient);
let moto: MotoServer;
let kms: KMSClient;
let secrets: SecretsManagerClient;
let outdir: string;

const event = (rule: string, invoking: object, extra: Partial<ConfigRuleEvent> = {}): ConfigRuleEvent => ({
  invokingEvent: JSON.stringify(invoking),
  ruleParameters: JSON.stringify({ rule, allowedRegions }),
  resultToken: 'token-1',
  accountId: tenant.account,
  configRuleName: rule,
  ...extra,
});

beforeAll(async () => {
  moto = await startMotoServer({ accountId: tenant.account });
  kms = new KMSClient({ endpoint: moto.endpoint, region: tenant.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  secrets = new SecretsManagerClient({ endpoint: moto.endpoint, region: tenant.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-conformance-handler-'));
  const app = testApp({ outdir });
  addLandingZone(app, config);
  app.synth();
}, 120_000);
afterAll(async () => {
  await moto?.stop();
  fs.rmSync(outdir, { recursive: true, force: true });
});
beforeEach(() => {
  configMock.reset();
  configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
});

const clients = () => ({ config: new ConfigServiceClient({ region: tenant.region }), kms, secrets });
const reported = () => configMock.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);

test('a change notification: the deployed data bucket is compliant, the same bucket with its key pin removed is not', async () => {
  const d = deployedTemplate(outdir, `Suveren-Tenant-${tenant.id}`, tenant.account, tenant.region);
  const item = bucketItem(
    d,
    logicalIdsOf(d, 'AWS::S3::Bucket').find((id) => id.startsWith('DataBucket'))!,
  );
  await handleRuleEvent(event('suveren-s3-key-pinned', { messageType: 'ConfigurationItemChangeNotification', configurationItem: item }), clients());
  const policy = JSON.parse((item.supplementaryConfiguration as { BucketPolicy: { policyText: string } }).BucketPolicy.policyText) as {
    Statement: { Sid?: string }[];
  };
  const unpinned = {
    ...item,
    supplementaryConfiguration: {
      ...item.supplementaryConfiguration,
      BucketPolicy: { policyText: JSON.stringify({ ...policy, Statement: policy.Statement.filter((s) => s.Sid !== 'DenyPutWithOtherKey') }) },
    },
  };
  await handleRuleEvent(event('suveren-s3-key-pinned', { messageType: 'ConfigurationItemChangeNotification', configurationItem: unpinned }), clients());
  expect(reported().map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType])).toEqual([
    ['AWS::S3::Bucket', item.resourceId, 'COMPLIANT'],
    ['AWS::S3::Bucket', item.resourceId, 'NON_COMPLIANT'],
  ]);
  expect(configMock.commandCalls(PutEvaluationsCommand)[0].args[0].input.ResultToken).toBe('token-1');
  expect(reported()[0].OrderingTimestamp).toEqual(new Date('2026-12-01T10:00:00.000Z'));
});

test('an oversized item is read from Config history, where supplementary configuration is JSON text', async () => {
  const d = deployedTemplate(outdir, `Suveren-Tenant-${tenant.id}`, tenant.account, tenant.region);
  const item = bucketItem(
    d,
    logicalIdsOf(d, 'AWS::S3::Bucket').find((id) => id.startsWith('DataBucket'))!,
  );
  configMock.on(GetResourceConfigHistoryCommand).resolves({
    configurationItems: [
      {
        resourceType: 'AWS::S3::Bucket',
        resourceId: item.resourceId,
        resourceName: item.resourceName,
        arn: item.ARN,
        awsRegion: item.awsRegion,
        accountId: item.awsAccountId,
        configurationItemStatus: 'OK',
        configuration: JSON.stringify(item.configuration),
        supplementaryConfiguration: Object.fromEntries(Object.entries(item.supplementaryConfiguration ?? {}).map(([k, v]) => [k, JSON.stringify(v)])),
        tags: item.tags,
      },
    ],
  });
  const summary = { resourceType: 'AWS::S3::Bucket', resourceId: item.resourceId, configurationItemCaptureTime: '2026-12-01T11:00:00.000Z' };
  await handleRuleEvent(
    event('suveren-s3-tls-only', { messageType: 'OversizedConfigurationItemChangeNotification', configurationItemSummary: summary }),
    clients(),
  );
  expect(configMock.commandCalls(GetResourceConfigHistoryCommand)[0].args[0].input).toEqual({
    resourceType: 'AWS::S3::Bucket',
    resourceId: item.resourceId,
    limit: 1,
  });
  expect(reported().map((e) => e.ComplianceType)).toEqual(['COMPLIANT']);
});

test('a periodic run reads each suveren key policy from KMS: the deployed data key passes, a widened one fails, an untagged key and a refused read are told apart', async () => {
  const d = deployedTemplate(outdir, `Suveren-Tenant-${tenant.id}`, tenant.account, tenant.region);
  const dataKeyId = logicalIdsOf(d, 'AWS::KMS::Key').find((id) => id.startsWith('DataKey'))!;
  const deployedPolicy = keyPolicyOf(d, dataKeyId) as { Statement: object[] };
  const tags = [
    { TagKey: 'suveren:tenant', TagValue: tenant.id },
    { TagKey: 'suveren:key-purpose', TagValue: 'tenant-data' },
  ];
  // moto keeps the policy it is given (and evaluates none): the deployed one, and one a break-glass session widened.
  const create = async (policy: object, keyTags = tags) =>
    (await kms.send(new CreateKeyCommand({ Policy: JSON.stringify(policy), Tags: keyTags, BypassPolicyLockoutSafetyCheck: true }))).KeyMetadata!.KeyId!;
  const good = await create(deployedPolicy);
  const widened = await create({
    ...deployedPolicy,
    Statement: [
      ...deployedPolicy.Statement,
      { Sid: 'BreakGlass', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${tenant.account}:root` }, Action: 'kms:*', Resource: '*' },
    ],
  });
  const untagged = await create(deployedPolicy, []);
  await kms.send(new PutKeyPolicyCommand({ KeyId: untagged, PolicyName: 'default', Policy: JSON.stringify(deployedPolicy) }));
  const keyItem = (keyId: string) => ({
    resourceType: 'AWS::KMS::Key' as const,
    resourceId: keyId,
    arn: `arn:aws:kms:${tenant.region}:${tenant.account}:key/${keyId}`,
    awsRegion: tenant.region,
    accountId: tenant.account,
    configurationItemStatus: 'OK' as const,
    configuration: JSON.stringify({ keyId, multiRegion: false, origin: 'AWS_KMS', keySpec: 'SYMMETRIC_DEFAULT' }),
  });
  configMock
    .on(ListDiscoveredResourcesCommand)
    .resolves({ resourceIdentifiers: [good, widened, untagged].map((resourceId) => ({ resourceType: 'AWS::KMS::Key', resourceId })) });
  configMock.on(BatchGetResourceConfigCommand).resolves({ baseConfigurationItems: [good, widened, untagged].map(keyItem) });
  await handleRuleEvent(
    event('suveren-kms-no-root-wildcard', { messageType: 'ScheduledNotification', notificationCreationTime: '2026-12-01T12:00:00.000Z' }),
    clients(),
  );
  expect(reported().map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
    [good, 'COMPLIANT'],
    [widened, 'NON_COMPLIANT'],
    [untagged, 'NOT_APPLICABLE'],
  ]);
  expect(reported()[1].Annotation).toContain('BreakGlass');

  // A key policy that no longer lets the rule read it: KMS refuses, and that is the finding.
  const refusingKms = mockClient(KMSClient);
  try {
    refusingKms.onAnyCommand().callsFake(async (input: { KeyId?: string }) => {
      if ('PolicyName' in input) throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
      return Promise.resolve({ Tags: tags });
    });
    configMock.reset();
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    configMock.on(ListDiscoveredResourcesCommand).resolves({ resourceIdentifiers: [{ resourceType: 'AWS::KMS::Key', resourceId: good }] });
    configMock.on(BatchGetResourceConfigCommand).resolves({ baseConfigurationItems: [keyItem(good)] });
    await handleRuleEvent(event('suveren-kms-no-root-wildcard', { messageType: 'ScheduledNotification' }), {
      config: new ConfigServiceClient({}),
      kms: new KMSClient({}),
      secrets,
    });
    expect(reported().map((e) => [e.ComplianceType, e.Annotation])).toEqual([['NON_COMPLIANT', expect.stringContaining('GetKeyPolicy was denied')]]);
  } finally {
    refusingKms.restore();
  }
});

test('bad events: a resource that left scope, a deleted resource, an unknown message type, a rule parameter naming no rule', async () => {
  const d = deployedTemplate(outdir, `Suveren-Tenant-${tenant.id}`, tenant.account, tenant.region);
  const item = bucketItem(
    d,
    logicalIdsOf(d, 'AWS::S3::Bucket').find((id) => id.startsWith('DataBucket'))!,
  );
  await handleRuleEvent(
    event('suveren-s3-tls-only', { messageType: 'ConfigurationItemChangeNotification', configurationItem: item }, { eventLeftScope: true }),
    clients(),
  );
  await handleRuleEvent(
    event('suveren-s3-tls-only', {
      messageType: 'ConfigurationItemChangeNotification',
      configurationItem: { ...item, configurationItemStatus: 'ResourceDeleted', configuration: null },
    }),
    clients(),
  );
  expect(reported().map((e) => e.ComplianceType)).toEqual(['NOT_APPLICABLE', 'NOT_APPLICABLE']);
  await expect(handleRuleEvent(event('suveren-s3-tls-only', { messageType: 'Bogus' }), clients())).rejects.toThrow(/unknown messageType "Bogus"/);
  await expect(
    handleRuleEvent(
      { ...event('x', { messageType: 'ScheduledNotification' }), ruleParameters: '{"rule":"suveren-nope","allowedRegions":"eu-north-1"}' },
      clients(),
    ),
  ).rejects.toThrow(/names no custom suveren rule/);
});

test('a periodic run reads each key-custody secret policy from Secrets Manager: the deployed kmsuser policy passes, one with its read deny removed or widened fails, a secret without a custody tag is not judged', async () => {
  const cluster = config.keyCustody.hsmClusters[0];
  const d = deployedTemplate(outdir, `Suveren-KeyCustody-${cluster.id}`, cluster.account, cluster.region);
  const secretId = logicalIdsOf(d, 'AWS::SecretsManager::Secret')[0];
  const deployed = secretPolicyOf(d, secretId) as { Statement: { Sid?: string; Condition?: Record<string, Record<string, string[]>> }[] };
  const custodyTags = [{ Key: 'suveren:key-custody-cluster', Value: cluster.id }];
  const create = async (name: string, policy: object | undefined, tags = custodyTags) => {
    const { ARN } = await secrets.send(new CreateSecretCommand({ Name: name, SecretString: 'kmsuser-password', Tags: tags }));
    if (policy) await secrets.send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: JSON.stringify(policy) }));
    return ARN!;
  };
  const readDeny = deployed.Statement.find((s) => s.Sid === 'OnlyTheHandlerAndTheCryptoOfficer')!;
  const good = await create('kmsuser-deployed', deployed);
  const noReadDeny = await create('kmsuser-no-read-deny', { ...deployed, Statement: deployed.Statement.filter((s) => s !== readDeny) });
  const widened = await create('kmsuser-widened', {
    ...deployed,
    Statement: deployed.Statement.map((s) =>
      s === readDeny
        ? {
            ...s,
            Condition: {
              ArnNotEquals: { 'aws:PrincipalArn': [...readDeny.Condition!.ArnNotEquals['aws:PrincipalArn'], `arn:aws:iam::${cluster.account}:role/Admin`] },
            },
          }
        : s,
    ),
  });
  const noPolicy = await create('kmsuser-no-policy', undefined);
  const untagged = await create('someone-elses-secret', undefined, []);
  const all = [good, noReadDeny, widened, noPolicy, untagged];
  configMock
    .on(ListDiscoveredResourcesCommand)
    .resolves({ resourceIdentifiers: all.map((resourceId) => ({ resourceType: 'AWS::SecretsManager::Secret', resourceId })) });
  configMock.on(BatchGetResourceConfigCommand).resolves({
    baseConfigurationItems: all.map((arn) => ({
      resourceType: 'AWS::SecretsManager::Secret' as const,
      resourceId: arn,
      arn,
      awsRegion: cluster.region,
      accountId: cluster.account,
      configurationItemStatus: 'OK' as const,
      configuration: JSON.stringify({ name: arn.split(':').pop() }),
    })),
  });
  await handleRuleEvent(event('suveren-custody-secret-protected', { messageType: 'ScheduledNotification' }), clients());
  expect(reported().map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
    [good, 'COMPLIANT'],
    [noReadDeny, 'NON_COMPLIANT'],
    [widened, 'NON_COMPLIANT'],
    [noPolicy, 'NON_COMPLIANT'],
    [untagged, 'NOT_APPLICABLE'],
  ]);
  expect(reported()[1].Annotation).toMatch(/No statement denies GetSecretValue/);
  expect(reported()[2].Annotation).toMatch(/exempts more than the handler and the crypto officer/);
});
