import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { addLandingZone } from '../../lib/landing-zone';
import { keyCustodyStackId, tenantStackId } from '@suveren/core/contracts/names';
import { HSM_RESOURCE_TYPES, XKS_RESOURCE_TYPES } from '@suveren/core/contracts/custom-resources';
import { tenantReplicaStackId } from '@suveren/core/contracts/continuity';
import type { ExternalKey } from '../../lib/constructs/key-custody/external-key';
import { REPO_ROOT, type ConfigDocument, parseDocument, testApp, withField } from '../helpers';

/*
 * Tier external as synthesized from config/examples/external-key-store.yaml (store
 * `riksarkivet-xks`, tenant `riksarkivet`), and the same file at stage 1 and with a public
 * endpoint. aws-cdk-lib/assertions on the templates.
 */

const EXAMPLE = path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml');
const document = (): ConfigDocument => parse(fs.readFileSync(EXAMPLE, 'utf8')) as ConfigDocument;
const synth = (doc: ConfigDocument) => {
  const zone = addLandingZone(testApp(), parseDocument(doc));
  const store = zone.externalKeyStoreStacks.find((s) => s.stackName === keyCustodyStackId('riksarkivet-xks'))!;
  const tenant = zone.tenantStacks.find((s) => s.stackName === tenantStackId('riksarkivet'))!;
  return { zone, store: Template.fromStack(store), storeStack: store, tenant: Template.fromStack(tenant), tenantStack: tenant };
};
const full = synth(document());

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
const ofType = (template: Template, type: string) => Object.entries(template.toJSON().Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);

describe('Suveren-KeyCustody-<store>: the AWS side of an external key store', () => {
  test('one stack per store, in the store account and region, deployed before the tenant stacks that use it', () => {
    expect(full.zone.externalKeyStoreStacks.map((s) => [s.stackName, s.account, s.region])).toEqual([
      [keyCustodyStackId('riksarkivet-xks'), '555555555555', 'eu-north-1'],
      // The replica's store (docs/continuity.md), in a key-custody account of its own.
      [keyCustodyStackId('riksarkivet-xks-west'), '555555555556', 'eu-west-1'],
    ]);
    expect(full.tenantStack.dependencies.map((d) => d.stackName)).toContain(keyCustodyStackId('riksarkivet-xks'));
  });

  test('an isolated VPC (no internet or NAT gateway, no interface endpoints) with flow logs', () => {
    full.store.resourceCountIs('AWS::EC2::InternetGateway', 0);
    full.store.resourceCountIs('AWS::EC2::NatGateway', 0);
    full.store.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    full.store.resourceCountIs('AWS::EC2::FlowLog', 1);
    full.store.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.199.0.0/24' });
    expect(ofType(full.store, 'AWS::EC2::Subnet')).toHaveLength(2);
  });

  test("an internal NLB passes TLS through (TCP 443) to the proxy's on-premises addresses, and its security group lets out only that", () => {
    full.store.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Type: 'network',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'load_balancing.cross_zone.enabled', Value: 'true' },
      ]),
    });
    full.store.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'TCP' });
    full.store.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Protocol: 'TCP',
      Port: 443,
      Targets: [
        { Id: '192.168.40.11', Port: 443, AvailabilityZone: 'all' },
        { Id: '192.168.41.11', Port: 443, AvailabilityZone: 'all' },
      ],
    });
    full.store.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [
        Match.objectLike({ CidrIp: '192.168.40.11/32', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
        Match.objectLike({ CidrIp: '192.168.41.11/32', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
      ],
    });
  });

  test('a VPC endpoint service only KMS may use, without acceptance, named by the proxy host; its verification record is an output', () => {
    full.store.hasResourceProperties('AWS::EC2::VPCEndpointService', { AcceptanceRequired: false, PrivateDnsName: 'xks.riksarkivet.example.se' });
    full.store.hasResourceProperties('AWS::EC2::VPCEndpointServicePermissions', { AllowedPrincipals: ['cks.kms.eu-north-1.amazonaws.com'] });
    const outputs = full.store.toJSON().Outputs as Record<string, { Value: unknown }>;
    const record = Object.entries(outputs).find(([id]) => id.includes('PrivateDnsVerificationRecord'));
    expect(JSON.stringify(record?.[1].Value)).toContain('PrivateDnsNameConfiguration.Value');
  });

  test('the store custom resource: connectivity, endpoint, path, the endpoint service, and the credential secret named, never its value', () => {
    const [[, store]] = ofType(full.store, XKS_RESOURCE_TYPES.keyStore);
    expect(store.Properties).toMatchObject({
      KeyStoreName: 'suveren-riksarkivet-xks',
      Connectivity: 'VPC_ENDPOINT_SERVICE',
      UriEndpoint: 'https://xks.riksarkivet.example.se',
      UriPath: '/kms/xks/v1',
      CredentialAccessKeyId: 'RIKSARKIVETXKS7BQ2MZXHPV',
      CredentialSecretArn: { Ref: expect.stringMatching(/^KeyStoreProxyCredential/) },
    });
    expect(JSON.stringify(store.Properties.VpcEndpointServiceName)).toMatch(/com.*amazonaws.*vpce/);
    // Created over a working endpoint service: it depends on it.
    expect(store.DependsOn?.some((d) => d.startsWith('EndpointService'))).toBe(true);
  });

  test('the proxy credential secret: encrypted with the operations key, readable only by the handler and the crypto officer', () => {
    full.store.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'placeholder' }),
    });
    full.store.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'OnlyTheHandlerAndTheCryptoOfficer',
            Effect: 'Deny',
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
          }),
        ]),
      },
    });
  });

  test("alarms on KMS's XKS metrics for this store, into an encrypted topic", () => {
    const alarms = ofType(full.store, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(7);
    const queries = alarms.map(([, alarm]) => JSON.stringify(alarm.Properties.Metrics));
    // The metric names KMS publishes for external key stores (KMS developer guide, monitoring with CloudWatch).
    for (const metric of [
      'XksExternalKeyManagerStates',
      'XksProxyErrors',
      'XksProxyLatency',
      'ExternalKeyStoreThrottle',
      'XksProxyCertificateDaysToExpire',
      'XksProxyCredentialAge',
    ])
      expect(queries.some((q) => q.includes(`(${metric})`))).toBe(true);
    expect(queries.filter((q) => q.includes("ErrorType = 'Retryable'") || q.includes("ErrorType = 'Non-retryable'"))).toHaveLength(2);
    // Unavailability is also no health data at all (KMS cannot reach the proxy): missing data breaches there only.
    const unavailable = alarms.find(([id]) => id.startsWith('AlarmsProxyUnavailable'))![1];
    expect(unavailable.Properties).toMatchObject({ ComparisonOperator: 'LessThanThreshold', Threshold: 1, TreatMissingData: 'breaching' });
    expect(JSON.stringify(unavailable.Properties.Metrics)).toContain("XksExternalKeyManagerState = 'Active'");
    expect(alarms.filter(([, a]) => a.Properties.TreatMissingData === 'breaching')).toHaveLength(1);
    for (const [, alarm] of alarms) {
      const query = JSON.stringify(alarm.Properties.Metrics);
      expect(query).toContain('FROM \\"AWS/KMS\\" WHERE CustomKeyStoreId = ');
      expect(query).toContain('"Fn::GetAtt":["KeyStoreBDDE1D74","CustomKeyStoreId"]');
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
    }
    full.store.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  test('one provisioner role per external tenant: it creates only EXTERNAL_KEY_STORE keys, single-Region', () => {
    full.store.hasResourceProperties('AWS::IAM::Role', { RoleName: 'suveren-riksarkivet-external-key-provisioner' });
    full.store.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CreateExternalKeysOnly',
            Action: 'kms:CreateKey',
            Condition: { StringEquals: { 'kms:KeyOrigin': 'EXTERNAL_KEY_STORE' }, Bool: { 'kms:MultiRegion': 'false' } },
          }),
        ]),
      },
    });
  });

  test('stage 1, before the credential: the network and the empty secret, no store and no alarms', () => {
    const stage1 = synth(withField(document(), 'keyCustody.externalKeyStores.0.credentialAccessKeyId', undefined));
    expect(ofType(stage1.store, XKS_RESOURCE_TYPES.keyStore)).toHaveLength(0);
    stage1.store.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    stage1.store.resourceCountIs('AWS::SecretsManager::Secret', 1);
    stage1.store.resourceCountIs('AWS::EC2::VPCEndpointService', 1);
  });

  test('a public endpoint: no VPC and no load balancer, and the store says PUBLIC_ENDPOINT', () => {
    let doc = withField(document(), 'keyCustody.externalKeyStores.0.proxy.connectivity', 'public-endpoint');
    doc = withField(doc, 'keyCustody.externalKeyStores.0.network', undefined);
    const pub = synth(doc);
    pub.store.resourceCountIs('AWS::EC2::VPC', 0);
    pub.store.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    const [[, store]] = ofType(pub.store, XKS_RESOURCE_TYPES.keyStore);
    expect(store.Properties).toMatchObject({ Connectivity: 'PUBLIC_ENDPOINT', VpcEndpointServiceName: '' });
  });
});

describe('Suveren-Tenant-<external tenant>', () => {
  test("its data key is an external key over the HSM key's label, created through its provisioner role in the store account", () => {
    const [[keyId, key]] = ofType(full.tenant, XKS_RESOURCE_TYPES.key);
    expect(key.Properties).toMatchObject({
      KeyStoreName: 'suveren-riksarkivet-xks',
      XksKeyId: 'riksarkivet-data-1',
      AliasName: 'alias/suveren/riksarkivet',
      ProvisionerRoleArn: 'arn:aws:iam::555555555555:role/suveren-riksarkivet-external-key-provisioner',
    });
    expect(keyId).toMatch(/^DataKey/);
    // No data key of its own in the tenant account: only the operations key.
    expect(ofType(full.tenant, 'AWS::KMS::Key')).toHaveLength(1);
    full.tenant.hasResourceProperties('AWS::IAM::Role', { RoleName: 'suveren-riksarkivet-external-key-handler' });
  });

  test('the key policy: use only through S3 in the allowed regions from the tenant account, no account-root statement that grants use', () => {
    const key = full.tenantStack.encryptionKey as ExternalKey;
    const statements = full.tenantStack.resolve(key.policy.toJSON()).Statement as {
      Action: string | string[];
      Principal: unknown;
      Condition?: Record<string, Record<string, unknown>>;
    }[];
    // Any action that can use the key, wildcards included.
    const using = statements.filter((st) => [st.Action].flat().some((a) => /^kms:(\*|Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/.test(a)));
    expect(using.length).toBeGreaterThanOrEqual(2);
    for (const st of using) {
      // The allowed regions' S3; replication reads (the tenant has a replica) only the source region's.
      expect(st.Condition?.StringEquals?.['kms:ViaService']).toEqual(
        /Replication/.test(JSON.stringify(st.Principal)) ? 's3.eu-north-1.amazonaws.com' : ['s3.eu-north-1.amazonaws.com', 's3.eu-west-1.amazonaws.com'],
      );
      expect(st.Condition?.StringEquals?.['kms:CallerAccount']).toBe('333333333334');
      expect(JSON.stringify(st.Principal)).not.toContain(':root');
    }
  });

  test('S3 Bucket Keys are off on its data and quarantine buckets (on for the other tiers), and the bucket policy pins the external key', () => {
    const buckets = ofType(full.tenant, 'AWS::S3::Bucket').filter(([, b]) => b.Properties.BucketEncryption !== undefined);
    const kmsBuckets = buckets.filter(([, b]) => JSON.stringify(b.Properties.BucketEncryption).includes('aws:kms'));
    expect(kmsBuckets.length).toBe(2);
    for (const [, bucket] of kmsBuckets) {
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [
          expect.objectContaining({
            BucketKeyEnabled: false,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] } },
          }),
        ],
      });
    }
    const malmo = Template.fromStack(full.zone.tenantStacks.find((s) => s.stackName === tenantStackId('malmo-stad'))!);
    expect(JSON.stringify(malmo.toJSON())).toContain('"BucketKeyEnabled":true');
    const pinned = ofType(full.tenant, 'AWS::S3::BucketPolicy').map(([, p]) => JSON.stringify(p.Properties.PolicyDocument));
    expect(pinned.some((p) => p.includes('s3:x-amz-server-side-encryption-aws-kms-key-id') && /"Fn::GetAtt":\["DataKey[0-9A-F]+","Arn"\]/.test(p))).toBe(true);
  });
});

describe("a replica's key in the replica region's own custody place (docs/continuity.md)", () => {
  const replicaOf = (tenantId: string) => {
    const stack = full.zone.tenantReplicaStacks.find((s) => s.stackName === tenantReplicaStackId(tenantId))!;
    return { stack, template: Template.fromStack(stack) };
  };
  const keyPolicyOf = (template: Template, type: string) => {
    const [[, key]] = ofType(template, type);
    return { key, text: JSON.stringify(key.Properties.KeyPolicy) };
  };

  test.each([
    [
      'riksarkivet',
      XKS_RESOURCE_TYPES.key,
      'suveren-riksarkivet-xks-west',
      '555555555556',
      'suveren-riksarkivet-xks-replica-provisioner',
      'riksarkivet-xks-west',
    ],
    ['malmo-stad', HSM_RESOURCE_TYPES.backedKey, 'suveren-nordic-west', '444444444444', 'suveren-malmo-stad-hsm-replica-provisioner', 'nordic-west'],
  ])(
    '%s: a key of its own in the replica region store, made by a replica provisioner role, after that store exists; used only through S3 there by the roles named',
    (tenantId, type, keyStoreName, custodyAccount, provisioner, placeId) => {
      const { stack, template } = replicaOf(tenantId);
      const { key, text } = keyPolicyOf(template, type);
      expect(key.Properties).toMatchObject({
        KeyStoreName: keyStoreName,
        AliasName: `alias/suveren/${tenantId}`,
        ProvisionerRoleArn: `arn:aws:iam::${custodyAccount}:role/${provisioner}`,
      });
      if (type === XKS_RESOURCE_TYPES.key) expect(key.Properties.XksKeyId).toBe('riksarkivet-data-1');
      expect(stack.dependencies.map((d) => d.stackName)).toContain(keyCustodyStackId(placeId));
      const account = full.zone.tenantStacks.find((s) => s.stackName === tenantStackId(tenantId))!.account;
      for (const [role, action] of [
        ['reader', 'kms:Decrypt'],
        ['restorer', 'kms:Decrypt'],
        ['replication', 'kms:Encrypt'],
      ])
        expect(text).toContain(
          `{\\"Action\\":\\"${action}\\",\\"Condition\\":{\\"ArnEquals\\":{\\"aws:PrincipalArn\\":\\"arn:aws:iam::${account}:role/suveren-${tenantId}-${role}\\"},\\"StringEquals\\":{\\"kms:ViaService\\":\\"s3.eu-west-1.amazonaws.com\\",\\"kms:CallerAccount\\":\\"${account}\\"}}`,
        );
      // The handler has the replica's own name: IAM names are global and the data key's handler has the other.
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: `suveren-${tenantId}-${type === XKS_RESOURCE_TYPES.key ? 'xks' : 'hsm'}-replica-handler` });
    },
  );

  test("the replica store's stack holds the replica provisioner, which only the tenant's replica handler assumes", () => {
    const west = Template.fromStack(full.zone.externalKeyStoreStacks.find((s) => s.stackName === keyCustodyStackId('riksarkivet-xks-west'))!);
    west.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'suveren-riksarkivet-xks-replica-provisioner',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { AWS: 'arn:aws:iam::333333333334:root' },
            Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::333333333334:role/suveren-riksarkivet-xks-replica-handler' } },
          }),
        ],
      },
    });
    expect(
      ofType(west, 'AWS::IAM::Role')
        .map(([, r]) => r.Properties.RoleName)
        .filter((n) => String(n).includes('provisioner')),
    ).toEqual(['suveren-riksarkivet-xks-replica-provisioner']);
  });

  test('the data bucket replicates under the replica key by its alias ARN in the key-custody account, and the replication role may encrypt only there, through S3', () => {
    const rule = ofType(full.tenant, 'AWS::S3::Bucket')
      .map(
        ([, b]) => b.Properties.ReplicationConfiguration as { Rules: { Destination: { EncryptionConfiguration: { ReplicaKmsKeyID: string } } }[] } | undefined,
      )
      .find((c) => c !== undefined)!;
    expect(rule.Rules[0].Destination.EncryptionConfiguration.ReplicaKmsKeyID).toBe('arn:aws:kms:eu-west-1:555555555556:alias/suveren/riksarkivet');
    full.tenant.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'EncryptReplicas',
            Action: 'kms:Encrypt',
            Resource: 'arn:aws:kms:eu-west-1:555555555556:key/*',
            Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
          }),
        ]),
      },
    });
  });
});
