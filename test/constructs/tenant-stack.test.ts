import { Match, Template } from 'aws-cdk-lib/assertions';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfig, exampleConfigDocument, parseDocument, testApp, withField, withoutContinuity } from '../helpers';
import { TENANT_TAGS, tenantStackId } from '@suveren/core/contracts/names';

const config = exampleConfig();
const app = testApp();
const { tenantStacks } = addLandingZone(app, config);
const templates = new Map(tenantStacks.map((stack) => [stack.stackName, Template.fromStack(stack)]));
const lund = templates.get(tenantStackId('lund-kommun'))!;

function logicalIdOf(template: Template, type: string, pathFragment: string): string {
  const matches = Object.entries(template.findResources(type)).filter(([, r]) => String(r.Metadata?.['aws:cdk:path']).includes(pathFragment));
  expect(matches).toHaveLength(1);
  return matches[0][0];
}

/** The tenant's data key (the other KMS key is its operations key). */
function dataKeyOf(template: Template) {
  return template.findResources('AWS::KMS::Key')[logicalIdOf(template, 'AWS::KMS::Key', '/DataKey/')];
}

describe('TenantStack', () => {
  test('one stack per tenant, in its own account and region', () => {
    expect(tenantStacks.map((s) => [s.stackName, s.account, s.region])).toEqual(config.tenants.map((t) => [tenantStackId(t.id), t.account, t.region]));
  });

  test.each(config.tenants.map((t) => [t.id, t]))('%s: every resource carries tenant, classification and tier tags', (_id, tenant) => {
    const template = templates.get(tenantStackId(tenant.id))!;
    for (const type of ['AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::IAM::Role']) {
      const resources = Object.values(template.findResources(type));
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource.Properties.Tags).toEqual(
          expect.arrayContaining([
            { Key: TENANT_TAGS.tenant, Value: tenant.id },
            { Key: TENANT_TAGS.classification, Value: tenant.classification },
            { Key: TENANT_TAGS.tier, Value: tenant.tier },
            { Key: TENANT_TAGS.keyCustody, Value: tenant.tier === 'hsm' ? 'cloudhsm' : 'aws-kms' },
          ]),
        );
      }
    }
  });

  test('holds a data key and an operations key, data, quarantine and log buckets, tenant and function roles', () => {
    lund.resourceCountIs('AWS::KMS::Key', 2);
    lund.resourceCountIs('AWS::KMS::Alias', 2);
    lund.resourceCountIs('AWS::S3::Bucket', 3);
    // uploader, reader, key-admin, eraser; presign and inspect functions; aws-cdk-lib's notifications handler; the replication,
    // batch replication and restorer roles (continuity)
    lund.resourceCountIs('AWS::IAM::Role', 10);
  });
});

describe('TenantKey', () => {
  test('rotates, is single-Region, waits 30 days before deletion and is retained', () => {
    lund.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true, MultiRegion: false, PendingWindowInDays: 30 }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    lund.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/suveren/lund-kommun' });
  });

  test('the key policy delegates to the account root only for the break-glass role (to administer) and the conformance rule (to read the policy)', () => {
    const statements: { Sid?: string; Principal: unknown; Action: string[]; Condition?: unknown }[] = dataKeyOf(lund).Properties.KeyPolicy.Statement;
    const root = statements.filter((s) => JSON.stringify(s.Principal).includes(':root'));
    expect(root.map((s) => s.Sid)).toEqual(['RecoveryByBreakGlassRole', 'ConformanceRuleReadsPolicy']);
    for (const statement of root) expect([statement.Action].flat().filter((a) => /Decrypt|Encrypt|GenerateDataKey|ReEncrypt|kms:\*/.test(a))).toEqual([]);
    expect(root[0].Condition).toEqual({
      ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::333333333331:role/suveren-break-glass' },
    });
    expect(root[1]).toMatchObject({
      Action: ['kms:GetKeyPolicy', 'kms:ListResourceTags'],
      Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::333333333331:role/suveren-conformance-rule-eu-north-1' } },
    });
  });

  test('administrators can manage the key but not use it; users only through S3 in allowed regions', () => {
    const keyAdmin = logicalIdOf(lund, 'AWS::IAM::Role', 'Roles/KeyAdmin');
    const uploader = logicalIdOf(lund, 'AWS::IAM::Role', 'Roles/Uploader');
    const presign = logicalIdOf(lund, 'AWS::IAM::Role', 'UploadApi/PresignRole');
    const reader = logicalIdOf(lund, 'AWS::IAM::Role', 'Roles/Reader');
    const statements: { Action: string | string[]; Principal: { AWS: unknown }; Condition?: unknown }[] = dataKeyOf(lund).Properties.KeyPolicy.Statement;
    const actionsOf = (logicalId: string) => statements.filter((s) => JSON.stringify(s.Principal).includes(`"${logicalId}"`)).flatMap((s) => [s.Action].flat());
    expect(actionsOf(keyAdmin)).toContain('kms:PutKeyPolicy');
    expect(actionsOf(keyAdmin).filter((a) => /Decrypt|Encrypt|GenerateDataKey|ReEncrypt/.test(a))).toEqual([]);
    // The uploader writes through presigned requests, which S3 authorizes as the presign role.
    expect(actionsOf(uploader)).toEqual([]);
    expect(actionsOf(presign).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(actionsOf(reader)).toEqual(['kms:Decrypt']);
    const users = statements.filter(
      (s) =>
        !JSON.stringify(s.Principal).includes(`"${keyAdmin}"`) &&
        !JSON.stringify(s.Principal).includes(':root') &&
        !JSON.stringify(s.Principal).includes('cfn-exec'),
    );
    const replication = logicalIdOf(lund, 'AWS::IAM::Role', 'Replication/Role');
    for (const statement of users) {
      expect(statement.Condition).toEqual({
        StringEquals: {
          // S3 decrypts the source for replication in the source region only (docs/continuity.md).
          'kms:ViaService': JSON.stringify(statement.Principal).includes(`"${replication}"`)
            ? 's3.eu-north-1.amazonaws.com'
            : ['s3.eu-north-1.amazonaws.com', 's3.eu-west-1.amazonaws.com'],
          'kms:CallerAccount': '333333333331',
        },
      });
    }
    expect(actionsOf(replication)).toEqual(['kms:Decrypt']);
  });

  test('the platform deployment role administers the key, with a partition-aware ARN', () => {
    const statements = dataKeyOf(lund).Properties.KeyPolicy.Statement;
    expect(JSON.stringify(statements)).toContain(
      JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::333333333331:role/cdk-hnb659fds-cfn-exec-role-333333333331-eu-north-1']] }),
    );
  });
});

describe('TenantDataBucket', () => {
  const dataBucket = () => logicalIdOf(lund, 'AWS::S3::Bucket', 'Data/Bucket');
  const key = () => logicalIdOf(lund, 'AWS::KMS::Key', 'DataKey');
  const policyOf = () =>
    Object.values(lund.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === dataBucket())!.Properties.PolicyDocument.Statement as {
      Sid?: string;
      Effect: string;
      Action: unknown;
      Condition?: Record<string, Record<string, unknown>>;
    }[];

  test('SSE-KMS with the tenant key and bucket keys, no public access, no ACLs, versioned, logged', () => {
    lund.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [key(), 'Arn'] } } },
          ],
        },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: { Ref: logicalIdOf(lund, 'AWS::S3::Bucket', 'AccessLogs/Bucket') } }),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('lifecycle aborts incomplete multipart uploads and expires non-current versions after the configured days', () => {
    const bucket = lund.findResources('AWS::S3::Bucket')[dataBucket()];
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 365 }, Status: 'Enabled' }),
      ]),
    );
    const arkiv = templates.get(tenantStackId('skatteetaten-arkiv'))!;
    expect(JSON.stringify(arkiv.toJSON())).toContain('"NoncurrentDays":2555');
  });

  test('the bucket policy denies plaintext and TLS older than 1.2', () => {
    const statements = policyOf();
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    );
  });

  test('the bucket policy refuses any encryption but aws:kms under the tenant key ARN, and SSE-C, without breaking multipart parts', () => {
    const statements = policyOf();
    // Each negated comparison is paired with Null=false: UploadPart carries no SSE headers
    // and must not be denied for lacking them (IfExists would deny it).
    expect(statements.find((s) => s.Sid === 'DenyPutWithoutSseKms')?.Condition).toEqual({
      StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      Null: { 's3:x-amz-server-side-encryption': 'false' },
    });
    expect(statements.find((s) => s.Sid === 'DenyPutWithOtherKey')?.Condition).toEqual({
      StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': [key(), 'Arn'] } },
      Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
    });
    expect(statements.find((s) => s.Sid === 'DenySseKmsWithoutKeyId')?.Condition).toEqual({
      StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'true' },
    });
    expect(statements.find((s) => s.Sid === 'DenySseC')?.Condition).toEqual({ Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } });
    const bucket = lund.findResources('AWS::S3::Bucket')[dataBucket()];
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].BlockedEncryptionTypes).toEqual({ EncryptionType: ['SSE-C'] });
  });

  test('nothing is readable before the inspection accepts it, and only the inspection writes the verdict', () => {
    const inspectRole = { 'Fn::GetAtt': [logicalIdOf(lund, 'AWS::IAM::Role', 'UploadApi/InspectRole'), 'Arn'] };
    expect(policyOf().find((s) => s.Sid === 'DenyReadBeforeAcceptance')).toMatchObject({
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Condition: { StringNotEquals: { 's3:ExistingObjectTag/suveren:inspection': 'accepted' }, StringNotLike: { 'aws:PrincipalArn': [inspectRole] } },
    });
    expect(policyOf().find((s) => s.Sid === 'DenyVerdictOutsideInspection')).toMatchObject({
      Condition: { StringEquals: { 's3:RequestObjectTag/suveren:inspection': 'accepted' }, StringNotLike: { 'aws:PrincipalArn': [inspectRole] } },
    });
  });

  test("the bucket policy denies data access to everyone but the tenant's reader, its eraser, its replication, its restorer and the upload functions (the uploader writes only through presign)", () => {
    const outside = policyOf().find((s) => s.Sid === 'DenyDataAccessOutsideTenant')!;
    expect(outside.Condition!.BoolIfExists).toEqual({ 'aws:PrincipalIsAWSService': 'false' });
    expect(outside.Condition!.StringNotLike['aws:PrincipalArn']).toEqual([
      { 'Fn::GetAtt': [logicalIdOf(lund, 'AWS::IAM::Role', 'Roles/Reader'), 'Arn'] },
      { 'Fn::GetAtt': [logicalIdOf(lund, 'AWS::IAM::Role', 'Roles/Eraser'), 'Arn'] },
      // S3 reads versions for replication as it (GetObjectVersionForReplication); its identity policy has no GetObject.
      { 'Fn::GetAtt': [logicalIdOf(lund, 'AWS::IAM::Role', 'Replication/Role'), 'Arn'] },
      // suveren restore copies accepted versions back into the bucket as it (docs/continuity.md).
      { 'Fn::GetAtt': [logicalIdOf(lund, 'AWS::IAM::Role', 'Restorer/Role'), 'Arn'] },
      { 'Fn::GetAtt': [logicalIdOf(lund, 'AWS::IAM::Role', 'UploadApi/PresignRole'), 'Arn'] },
      { 'Fn::GetAtt': [logicalIdOf(lund, 'AWS::IAM::Role', 'UploadApi/InspectRole'), 'Arn'] },
    ]);
    // The deployment role may reconfigure the bucket, never touch its data.
    const configuration = policyOf().find((s) => s.Sid === 'DenyConfigurationChangesOutsidePlatform')!;
    expect(JSON.stringify(configuration.Condition!.StringNotLike['aws:PrincipalArn'])).toContain('cfn-exec-role');
  });
});

describe('TenantRoles', () => {
  test('named per tenant and duty, assumable only from the tenant account, one-hour sessions', () => {
    for (const duty of ['uploader', 'reader', 'key-admin']) {
      lund.hasResourceProperties('AWS::IAM::Role', {
        RoleName: `suveren-lund-kommun-${duty}`,
        MaxSessionDuration: 3600,
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: [Match.objectLike({ Principal: { AWS: 'arn:aws:iam::333333333331:root' } })],
        }),
      });
    }
  });

  test('the uploader has no S3 access of its own; the reader only lists and reads accepted objects under objects/', () => {
    const policyOfRole = (fragment: string) =>
      Object.values(lund.findResources('AWS::IAM::Policy')).find((p) => String(p.Metadata['aws:cdk:path']).includes(fragment))!.Properties.PolicyDocument
        .Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[];
    const s3Actions = (fragment: string) =>
      policyOfRole(fragment)
        .flatMap((s) => [s.Action].flat())
        .filter((a) => a.startsWith('s3:'))
        .sort();
    expect(s3Actions('Roles/Uploader')).toEqual([]);
    // Function URLs need both actions (aws-cdk-lib's grantInvokeUrl grants both).
    expect(
      policyOfRole('Roles/Uploader')
        .flatMap((s) => [s.Action].flat())
        .sort(),
    ).toEqual(['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl']);
    // The reader reads objects/ of the data bucket and quarantine/ of the quarantine bucket, and lists their versions with their verdicts (suveren export).
    expect([...new Set(s3Actions('Roles/Reader'))].sort()).toEqual([
      's3:GetObject',
      's3:GetObjectTagging',
      's3:GetObjectVersion',
      's3:GetObjectVersionTagging',
      's3:ListBucket',
      's3:ListBucketVersions',
    ]);
    expect(JSON.stringify(policyOfRole('Roles/Reader'))).toContain('"s3:ExistingObjectTag/suveren:inspection":"accepted"');
    expect(JSON.stringify(policyOfRole('Roles/Reader'))).toContain('"s3:prefix":["objects/*"]');
    expect(JSON.stringify(policyOfRole('Roles/Reader'))).toContain('"s3:prefix":["quarantine/*"]');
  });
});

describe('AccessLogBucket', () => {
  test('private, TLS-only, versioned, SSE-S3 (the only encryption log delivery supports), logs expire', () => {
    const logs = lund.findResources('AWS::S3::Bucket')[logicalIdOf(lund, 'AWS::S3::Bucket', 'AccessLogs/Bucket')];
    expect(logs.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(logs.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(logs.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(730);
    expect(logs.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
  });
});

describe('a tier raise with keepStandardKey and migration', () => {
  // Tier hsm has no replica (docs/continuity.md): the raised tenant without its continuity.
  let document = withField(withoutContinuity(exampleConfigDocument()), 'tenants.0.classification', 'confidential');
  document = withField(document, 'tenants.0.hsmCluster', 'nordic');
  const raisedApp = testApp();
  const raised = addLandingZone(raisedApp, parseDocument(withField(withField(document, 'tenants.0.keepStandardKey', true), 'tenants.0.migration', true)));
  const kept = Template.fromStack(raised.tenantStacks.find((s) => s.stackName === tenantStackId('lund-kommun'))!);
  const before = lund;

  test('the standard key and its alias keep the logical ids they had as DataKey, with the same alias name', () => {
    const idOf = (template: Template, type: string) =>
      Object.keys(template.findResources(type))
        .filter((id) => id.startsWith('DataKey'))
        .sort();
    expect(idOf(before, 'AWS::KMS::Key')).toEqual(['DataKey2A0DE9E6']);
    expect(idOf(kept, 'AWS::KMS::Key')).toEqual(['DataKey2A0DE9E6']);
    expect(idOf(kept, 'AWS::KMS::Alias')).toEqual(idOf(before, 'AWS::KMS::Alias'));
    expect(kept.findResources('AWS::KMS::Alias')[idOf(kept, 'AWS::KMS::Alias')[0]].Properties.AliasName).toBe('alias/suveren/lund-kommun');
    expect(Object.keys(kept.findResources('Custom::SuverenHsmBackedKey'))).toHaveLength(1);
  });

  test('nothing encrypts under the kept key: only the reader and the migration role decrypt with it, through S3', () => {
    const policy = kept.findResources('AWS::KMS::Key').DataKey2A0DE9E6.Properties.KeyPolicy as {
      Statement: { Action: string | string[]; Principal: { AWS: unknown } }[];
    };
    const users = policy.Statement.filter((s) => [s.Action].flat().some((a) => ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt'].includes(a)));
    expect(users.flatMap((s) => [s.Action].flat()).filter((a) => a === 'kms:GenerateDataKey' || a === 'kms:Encrypt')).toEqual([]);
    expect(JSON.stringify(users.map((s) => s.Principal))).toMatch(/RolesReader/);
    expect(JSON.stringify(users.map((s) => s.Principal))).toMatch(/MigrationRole/);
    expect(users).toHaveLength(2);
  });

  test('the migration role exists only with migration: true', () => {
    const roleNames = (template: Template) => Object.values(template.findResources('AWS::IAM::Role')).map((r) => r.Properties.RoleName as unknown);
    expect(roleNames(kept)).toContain('suveren-lund-kommun-migration');
    const noRole = addLandingZone(testApp(), parseDocument(withField(document, 'tenants.0.keepStandardKey', true)));
    const template = Template.fromStack(noRole.tenantStacks.find((s) => s.stackName === tenantStackId('lund-kommun'))!);
    expect(roleNames(template)).not.toContain('suveren-lund-kommun-migration');
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toContain('DataKey2A0DE9E6');
  });
});
