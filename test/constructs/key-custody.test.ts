import { Match, Template } from 'aws-cdk-lib/assertions';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfigDocument, parseDocument, testApp, withField } from '../helpers';
import { testCertificates } from '../support/test-certificates';
import { keyCustodyStackId, tenantStackId } from '@suveren/core/contracts/names';

/*
 * The key-custody stack and the hsm tier's key, as synthesized from the example config
 * (cluster `nordic`, tenant `malmo-stad`) at its last stage: initialized, kmsuser ready.
 * The example file itself is at stage 1; the staging test compares the three.
 */

const certs = testCertificates();
const atStage = (stage: 1 | 2 | 3) => {
  let document = exampleConfigDocument();
  if (stage >= 2)
    document = withField(document, 'keyCustody.hsmClusters.0.initialization', { signedCertificate: certs.signedCertificate, trustAnchor: certs.trustAnchor });
  if (stage >= 3) document = withField(document, 'keyCustody.hsmClusters.0.kmsUserReady', true);
  return parseDocument(document);
};
const config = atStage(3);
const app = testApp();
const zone = addLandingZone(app, config);
const custodyAt = (stage: 1 | 2 | 3) => Template.fromStack(addLandingZone(testApp(), atStage(stage)).keyCustodyStacks[0]);
const custodyStack = zone.keyCustodyStacks[0];
const custody = Template.fromStack(custodyStack);
const malmoStack = zone.tenantStacks.find((s) => s.stackName === tenantStackId('malmo-stad'))!;
const malmo = Template.fromStack(malmoStack);

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[]; Condition?: string; DeletionPolicy?: string };
const resources = (template: Template) => template.toJSON().Resources as Record<string, Resource>;
const ofType = (template: Template, type: string) => Object.entries(resources(template)).filter(([, r]) => r.Type === type);

describe('Suveren-KeyCustody-<cluster>', () => {
  test('one stack per cluster, in the cluster account and region', () => {
    expect(zone.keyCustodyStacks.map((s) => [s.stackName, s.account, s.region])).toEqual([[keyCustodyStackId('nordic'), '444444444444', 'eu-north-1']]);
  });

  test('an isolated VPC: no internet or NAT gateway, one subnet per zone, endpoints for KMS, CloudHSM, STS, SSM, Logs and S3, flow logs', () => {
    custody.resourceCountIs('AWS::EC2::InternetGateway', 0);
    custody.resourceCountIs('AWS::EC2::NatGateway', 0);
    custody.resourceCountIs('AWS::EC2::Subnet', 2);
    for (const subnet of ofType(custody, 'AWS::EC2::Subnet')) expect(subnet[1].Properties.MapPublicIpOnLaunch).toBe(false);
    const services = ofType(custody, 'AWS::EC2::VPCEndpoint').map(([, r]) => JSON.stringify(r.Properties.ServiceName));
    for (const service of ['.kms', '.cloudhsmv2', '.sts', '.ssm"', '.logs', '.s3']) expect(services.some((s) => s.includes(service))).toBe(true);
    custody.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    // Endpoints answer HTTPS from inside the VPC only.
    custody.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.42.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' })],
    });
  });

  test('the cluster: hsm2m.medium in FIPS mode across both subnets, kept when removed from the stack', () => {
    const [[id, cluster]] = ofType(custody, 'AWS::CloudHSM::Cluster');
    expect(cluster.Properties).toMatchObject({ HsmType: 'hsm2m.medium', Mode: 'FIPS' });
    expect(cluster.Properties.SubnetIds).toHaveLength(2);
    expect(cluster.DeletionPolicy).toBe('Retain');
    expect(id).toBeTruthy();
  });

  test('delete order: every HSM references the cluster, so CloudFormation deletes (and waits for) the HSMs before the cluster; the key store goes before the HSMs', () => {
    const [[clusterId]] = ofType(custody, 'AWS::CloudHSM::Cluster');
    const hsms = ofType(custody, 'Custom::SuverenHsm');
    expect(hsms).toHaveLength(2);
    for (const [, hsm] of hsms) expect(hsm.Properties.ClusterId).toEqual({ 'Fn::GetAtt': [clusterId, 'ClusterId'] });
    const [[storeId, store]] = ofType(custody, 'Custom::SuverenHsmKeyStore');
    for (const [hsmId] of hsms) expect(store.DependsOn).toContain(hsmId);
    expect(storeId).toBeTruthy();
  });

  test('staging from the config: stage 1 has one HSM and no key store; stage 2 adds the other HSM after initialization; stage 3 the key store', () => {
    const [stage1, stage2, stage3] = [custodyAt(1), custodyAt(2), custody];
    stage1.resourceCountIs('Custom::SuverenHsm', 1);
    stage1.resourceCountIs('Custom::SuverenHsmKeyStore', 0);
    stage1.hasResourceProperties('Custom::SuverenClusterInitialization', { SignedCertificate: '', TrustAnchor: '' });
    stage1.resourceCountIs('AWS::SecretsManager::Secret', 1); // the kmsuser password exists from stage 1
    stage2.resourceCountIs('Custom::SuverenHsm', 2);
    stage2.resourceCountIs('Custom::SuverenHsmKeyStore', 0);
    stage2.hasResourceProperties('Custom::SuverenClusterInitialization', { SignedCertificate: certs.signedCertificate, TrustAnchor: certs.trustAnchor });
    const [[initId]] = ofType(stage2, 'Custom::SuverenClusterInitialization');
    const hsms = ofType(stage2, 'Custom::SuverenHsm');
    expect(hsms[0][1].DependsOn ?? []).not.toContain(initId);
    expect(hsms[1][1].DependsOn).toContain(initId);
    stage3.resourceCountIs('Custom::SuverenHsmKeyStore', 1);
    stage3.hasResourceProperties('Custom::SuverenHsmKeyStore', { TrustAnchor: certs.trustAnchor });
    // No stack parameters or conditions: a redeploy cannot fall back a stage by forgetting one.
    expect(Object.keys(stage3.toJSON().Parameters ?? {}).filter((p) => p !== 'BootstrapVersion')).toEqual([]);
    expect(stage3.toJSON().Conditions ?? {}).toEqual({});
  });

  test('the VPC and its subnets are kept with the cluster: a retained cluster keeps its security group there and needs the subnets for new HSMs', () => {
    for (const type of ['AWS::EC2::VPC', 'AWS::EC2::Subnet']) for (const [, r] of ofType(custody, type)) expect(r.DeletionPolicy).toBe('Retain');
  });

  test('the kmsuser password: only the handler and the crypto officer role may read or write it, and only deployments change its policy', () => {
    const [[secretId]] = ofType(custody, 'AWS::SecretsManager::Secret');
    const [[, policy]] = ofType(custody, 'AWS::SecretsManager::ResourcePolicy');
    expect(policy.Properties.SecretId).toEqual({ Ref: secretId });
    const [statement, policyChanges] = (policy.Properties.ResourcePolicy as { Statement: Record<string, unknown>[] }).Statement;
    expect(statement).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'] });
    const allowed = JSON.stringify(statement.Condition);
    expect(allowed).toContain(':iam::444444444444:role/suveren-crypto-officer');
    expect(allowed).toMatch(/HandlerRole[0-9A-F]{8}/);
    expect(policyChanges).toMatchObject({ Sid: 'OnlyThePlatformChangesTheSecret', Effect: 'Deny' });
    expect(policyChanges.Action).toEqual(
      expect.arrayContaining(['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy', 'secretsmanager:DeleteSecret']),
    );
    expect(JSON.stringify(policyChanges.Condition)).toContain('cfn-exec-role');
  });

  test('the cluster CSR is published as an output and an SSM parameter, from the first HSM', () => {
    const [[firstHsm]] = ofType(custody, 'Custom::SuverenHsm');
    custody.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/suveren/key-custody/nordic/cluster-csr',
      Value: { 'Fn::GetAtt': [firstHsm, 'ClusterCsr'] },
    });
    expect(Object.values(custody.toJSON().Outputs as Record<string, { Value: unknown }>).map((o) => o.Value)).toContainEqual({
      'Fn::GetAtt': [firstHsm, 'ClusterCsr'],
    });
  });

  test('the kmsuser password is generated by Secrets Manager, encrypted with the operations key; the key store gets only its ARN', () => {
    const [[secretId, secret]] = ofType(custody, 'AWS::SecretsManager::Secret');
    expect(secret.Properties).toHaveProperty('GenerateSecretString');
    expect(secret.Properties).not.toHaveProperty('SecretString');
    expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OperationsKey/), 'Arn'] });
    const [[, store]] = ofType(custody, 'Custom::SuverenHsmKeyStore');
    expect(store.Properties.PasswordSecretArn).toEqual({ Ref: secretId });
    expect(Object.keys(store.Properties).sort()).toEqual(['ClusterId', 'KeyStoreName', 'PasswordSecretArn', 'ServiceToken', 'TrustAnchor']);
    expect(store.Properties.KeyStoreName).toBe('suveren-nordic');
  });

  test("the Provider framework's waiter gives up within the one-hour ceiling, polling every minute", () => {
    const [[, machine]] = ofType(custody, 'AWS::StepFunctions::StateMachine');
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    const interval = Number(/\\"IntervalSeconds\\":(\d+)/.exec(definition)?.[1]);
    const attempts = Number(/\\"MaxAttempts\\":(\d+)/.exec(definition)?.[1]);
    expect(interval).toBe(60);
    expect(interval * attempts).toBeLessThanOrEqual(3600);
    expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL' });
  });

  test("one provisioner role per hsm tenant: assumable only by that tenant's key handler, creates only single-Region AWS_CLOUDHSM keys, aliases only that tenant's", () => {
    const roles = ofType(custody, 'AWS::IAM::Role').filter(([, r]) => String(r.Properties.RoleName).endsWith('-hsm-key-provisioner'));
    expect(roles.map(([, r]) => r.Properties.RoleName)).toEqual(['suveren-malmo-stad-hsm-key-provisioner']);
    const trust = JSON.stringify(roles[0][1].Properties.AssumeRolePolicyDocument);
    expect(trust).toContain(':iam::333333333332:root');
    expect(trust).toContain(':iam::333333333332:role/suveren-malmo-stad-hsm-key-handler');
    expect(trust).not.toContain('333333333331');
    const policies = ofType(custody, 'AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roles[0][0]));
    const statements = policies.flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'CreateHsmBackedKeysOnly',
        Action: 'kms:CreateKey',
        Condition: { StringEquals: { 'kms:KeyOrigin': 'AWS_CLOUDHSM' }, Bool: { 'kms:MultiRegion': 'false' } },
      }),
    );
    const aliases = JSON.stringify(statements.find((st) => st.Sid === 'AliasThisTenantsKeys'));
    expect(aliases).toContain('alias/suveren/malmo-stad"');
    expect(aliases).toContain('alias/suveren/malmo-stad/*');
    // No statement lets it use a key.
    expect(JSON.stringify(statements)).not.toMatch(/kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/);
  });
});

describe('the hsm tier: malmo-stad', () => {
  const keyId = () => ofType(malmo, 'Custom::SuverenHsmBackedKey')[0][0];

  test('its data key is an HSM-backed key in the nordic key store, created through the provisioner role', () => {
    const keys = ofType(malmo, 'Custom::SuverenHsmBackedKey');
    expect(keys).toHaveLength(1);
    expect(keys[0][1].Properties).toMatchObject({
      KeyStoreName: 'suveren-nordic',
      AliasName: 'alias/suveren/malmo-stad',
      ProvisionerRoleArn: 'arn:aws:iam::444444444444:role/suveren-malmo-stad-hsm-key-provisioner',
    });
    // No AWS KMS data key besides: the only AWS::KMS::Key is the operations key.
    expect(ofType(malmo, 'AWS::KMS::Key').map(([, k]) => k.Properties.Description)).toEqual([
      'suveren operations key of malmo-stad: logs, function environment, dead letters',
    ]);
  });

  test('bucket default encryption and the bucket policy both reference that key', () => {
    for (const [, bucket] of ofType(malmo, 'AWS::S3::Bucket').filter(([id]) => /^(Data|Quarantine)Bucket/.test(id))) {
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] },
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId(), 'Arn'] } },
          },
        ],
      });
    }
    const pinned = ofType(malmo, 'AWS::S3::BucketPolicy').filter(([, p]) =>
      JSON.stringify(p.Properties).includes(JSON.stringify({ 'Fn::GetAtt': [keyId(), 'Arn'] })),
    );
    expect(pinned).toHaveLength(2);
    for (const [, policy] of pinned) {
      expect(JSON.stringify(policy.Properties)).toContain('s3:x-amz-server-side-encryption-aws-kms-key-id');
    }
  });

  test('its key policy: root only for the custody break-glass role and the conformance rule, the provisioner cannot retire or use it, users only through S3 from the tenant account', () => {
    const [[, key]] = ofType(malmo, 'Custom::SuverenHsmBackedKey');
    const text = JSON.stringify(key.Properties.KeyPolicy);
    // Two root statements, each bound to one role of the key-custody account.
    expect(text.match(/:root/g)).toHaveLength(2);
    expect(text.match(/\\"ArnEquals\\":\{\\"aws:PrincipalArn\\":\\"arn:/g)).toHaveLength(2);
    expect(text).toContain('role/suveren-conformance-rule');
    // Resolve the Fn::Join into the policy text, with role references as placeholders.
    const join = key.Properties.KeyPolicy as { 'Fn::Join': [string, unknown[]] };
    const policy = JSON.parse(join['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'X')).join('')) as {
      Statement: { Sid?: string; Action: string[]; Condition?: Record<string, Record<string, unknown>> }[];
    };
    const crypto = /^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/;
    for (const statement of policy.Statement) {
      const actions = [statement.Action].flat();
      if (actions.some((a) => crypto.test(a))) {
        expect(actions.every((a) => crypto.test(a))).toBe(true);
        expect(statement.Condition?.StringEquals).toEqual({
          'kms:ViaService': ['s3.eu-north-1.amazonaws.com', 's3.eu-west-1.amazonaws.com'],
          'kms:CallerAccount': '333333333332',
        });
      }
    }
    // One statement for S3 writes and one for reads, their principals merged (minimizePolicies).
    expect(policy.Statement.filter((s) => [s.Action].flat().some((a) => crypto.test(a))).map((s) => [s.Action].flat().sort())).toEqual(
      expect.arrayContaining([['kms:Decrypt', 'kms:GenerateDataKey'], ['kms:Decrypt']]),
    );
    for (const role of ['RolesReader', 'UploadApiPresignRole', 'UploadApiInspectRole']) expect(text).toMatch(new RegExp(`"${role}[0-9A-F]{8}"`));
    expect(text).not.toMatch(/"RolesUploader[0-9A-F]{8}"/);
    const provisioner = policy.Statement.find((s) => s.Sid === 'KeyCustodyProvisionerManages')!;
    expect([statementActions(provisioner)].flat().sort()).toEqual([
      'kms:CreateAlias',
      'kms:DescribeKey',
      'kms:PutKeyPolicy',
      'kms:TagResource',
      'kms:UpdateKeyDescription',
    ]);
  });

  test('the tenant stack deploys after its key-custody stack', () => {
    expect(malmoStack.dependencies.map((s) => s.stackName)).toContain(keyCustodyStackId('nordic'));
  });
});

const statementActions = (s: { Action: string[] }) => s.Action;

describe('rotating an HSM-backed key by hand: hsmKeyGeneration 2', () => {
  const rotatedApp = testApp();
  const rotated = addLandingZone(rotatedApp, parseDocument(withField(exampleConfigDocument(), 'tenants.1.hsmKeyGeneration', 2)));
  const template = Template.fromStack(rotated.tenantStacks.find((s) => s.stackName === tenantStackId('malmo-stad'))!);
  const keys = ofType(template, 'Custom::SuverenHsmBackedKey');
  const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

  test('generation 1 stays (same logical id, plain alias); generation 2 is a new key with its own alias', () => {
    expect(keys.map(([id, k]) => [id.replace(/[0-9A-F]{8}$/, ''), k.Properties.AliasName])).toEqual([
      ['DataKey', 'alias/suveren/malmo-stad'],
      ['DataKeyGeneration2', 'alias/suveren/malmo-stad/generation-2'],
    ]);
    expect(keys[0][0]).toBe(ofType(malmo, 'Custom::SuverenHsmBackedKey')[0][0]);
  });

  test('new objects go under generation 2: bucket default encryption and the bucket policy pin it', () => {
    const [[dataId, data]] = ofType(template, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('DataBucket'));
    expect(JSON.stringify(data.Properties.BucketEncryption)).toContain(JSON.stringify(arnOf(keys[1][0])));
    expect(JSON.stringify(data.Properties.BucketEncryption)).not.toContain(JSON.stringify(arnOf(keys[0][0])));
    const [[, policy]] = ofType(template, 'AWS::S3::BucketPolicy').filter(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: dataId }));
    expect(JSON.stringify(policy.Properties)).toContain(JSON.stringify(arnOf(keys[1][0])));
  });

  test('old objects stay readable: the reader may decrypt under both generations, the presign role writes under the new one only', () => {
    const policyOf = (rolePath: string) =>
      JSON.stringify(
        ofType(template, 'AWS::IAM::Policy')
          .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(rolePath))
          .map(([, p]) => p.Properties.PolicyDocument),
      );
    const reader = policyOf('RolesReader');
    const uploader = policyOf('UploadApiPresignRole');
    for (const [id] of keys) expect(reader).toContain(JSON.stringify(arnOf(id)));
    expect(uploader).toContain(JSON.stringify(arnOf(keys[1][0])));
    expect(uploader).not.toContain(JSON.stringify(arnOf(keys[0][0])));
  });
});
