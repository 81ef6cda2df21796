import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { parse, stringify } from 'yaml';
import { ConfigError, loadConfig } from '@suveren/core/config/load';
import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccessLogBucket } from '../lib/constructs/shared/access-log-bucket';
import { TenantDataBucket } from '../lib/constructs/tenant/tenant-data-bucket';
import { TenantKey } from '../lib/constructs/tenant/tenant-key';
import { replicaBucketName, replicationRoleName, tenantReplicaStackId } from '@suveren/core/contracts/continuity';
import { INSPECTION_TAGS } from '@suveren/core/contracts/upload-layout';
import { TENANT_TAGS } from '@suveren/core/contracts/names';
import { organizationConformancePackTemplate } from '../lib/compliance/conformance/conformance-templates';
import { addLandingZone } from '../lib/landing-zone';
import { planDeployStages } from '../lib/pipeline/wave-plan';
import { type AccessSide, reachChanges } from '../lib/plan/access-delta';
import type { ReachPath } from '../lib/reach/reach-model';
import { type ConfigDocument, configIssuesOf, REPO_ROOT, exampleConfig, exampleConfigDocument, parseDocument, testApp, withField } from './helpers';

/*
 * A tenant's second copy in another allowed region (docs/continuity.md): what the config
 * accepts and refuses, and what the replica stack and the tenant's stack hold. Who may do
 * what with them is proven through the IAM evaluator in the replay table
 * (test/support/replay.ts, `replica <tenant>` rows) and the reach graph (the evidence).
 */

const issuesOf = (document: ConfigDocument) => configIssuesOf(document, 'continuity.yaml');

const example = exampleConfigDocument();

describe('the config', () => {
  test('the example gives Lund a replica in eu-west-1, deletions kept, no Replication Time Control, 30 days of GOVERNANCE Object Lock', () => {
    expect(exampleConfig().tenants.map((t) => [t.id, t.continuity])).toEqual([
      [
        'lund-kommun',
        { replicaRegion: 'eu-west-1', replicateDeleteMarkers: false, replicationTimeControl: false, objectLock: { mode: 'GOVERNANCE', days: 30 } },
      ],
      ['malmo-stad', undefined],
      ['skatteetaten-arkiv', undefined],
    ]);
  });

  test.each([
    [
      "the tenant's own region",
      'tenants.0.continuity.replicaRegion',
      'eu-north-1',
      /^is the tenant's own region; a copy in the same region survives no loss of it: use eu-west-1$/,
    ],
    [
      'a region outside the allow-list',
      'tenants.0.continuity.replicaRegion',
      'eu-central-1',
      /eu-central-1 is not in organization\.allowedRegions \(eu-north-1, eu-west-1\); use one of those, or add eu-central-1/,
    ],
    ['a region outside the EU', 'tenants.0.continuity.replicaRegion', 'us-east-1', /us-east-1 is not an EU region; use one of the EU regions/],
    ['an unknown key', 'tenants.0.continuity.replicaBucket', 'my-bucket', /unknown key "replicaBucket"/],
  ])('refused: %s', (_name, field, value, message) => {
    const issues = issuesOf(withField(example, field, value));
    expect(issues).toHaveLength(1);
    expect(issues[0][0]).toMatch(/^tenants\[0\]\.continuity/);
    expect(issues[0][1]).toMatch(message);
  });

  describe("tiers hsm and external: the replica's key in the replica region's own custody place", () => {
    // config/examples/external-key-store.yaml: malmo-stad (hsm, nordic) and riksarkivet (external) with replicas in eu-west-1.
    const xks = parse(fs.readFileSync(path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml'), 'utf8')) as ConfigDocument;
    const malmo = 'tenants.1.continuity';
    const riks = 'tenants.2.continuity';

    test("the example is accepted: a cluster and a store of eu-west-1 hold the two replicas' keys", () => {
      expect(parseDocument(xks, 'external-key-store.yaml').tenants.map((t) => [t.id, t.continuity?.replicaKeyCustody])).toEqual([
        ['lund-kommun', undefined],
        ['malmo-stad', 'nordic-west'],
        ['riksarkivet', 'riksarkivet-xks-west'],
        ['skatteetaten-arkiv', undefined],
      ]);
    });

    test.each([
      [
        'hsm without a replica cluster',
        withField(xks, `${malmo}.replicaKeyCustody`, undefined),
        'tenants[1].continuity.replicaKeyCustody',
        'tier "hsm" keeps the replica\'s key in the replica region\'s own HSM cluster (keyCustody.hsmClusters): set it to one of nordic-west',
      ],
      [
        "hsm naming the tenant's own cluster",
        withField(xks, `${malmo}.replicaKeyCustody`, 'nordic'),
        'tenants[1].continuity.replicaKeyCustody',
        'HSM cluster "nordic" is in eu-north-1, the replica in eu-west-1; a KMS key is in its key store\'s region and S3 encrypts a replica only under a key of the replica\'s region: set it to one of nordic-west',
      ],
      [
        'hsm naming a cluster the config lacks',
        withField(xks, `${malmo}.replicaKeyCustody`, 'nordic-south'),
        'tenants[1].continuity.replicaKeyCustody',
        'no HSM cluster "nordic-south" under keyCustody.hsmClusters: set it to one of nordic-west',
      ],
      [
        'hsm with an HSM key label for the proxy',
        withField(xks, `${malmo}.replicaXksKeyId`, 'malmo-1'),
        'tenants[1].continuity.replicaXksKeyId',
        'tier "hsm" keeps its replica key in a CloudHSM cluster, not behind an XKS proxy: remove replicaXksKeyId',
      ],
      [
        'external naming an HSM cluster',
        withField(xks, `${riks}.replicaKeyCustody`, 'nordic-west'),
        'tenants[2].continuity.replicaKeyCustody',
        'no external key store "nordic-west" under keyCustody.externalKeyStores: set it to one of riksarkivet-xks-west',
      ],
      [
        'standard with a custody place',
        withField(xks, 'tenants.0.continuity', { replicaRegion: 'eu-west-1', replicaKeyCustody: 'nordic-west' }),
        'tenants[0].continuity.replicaKeyCustody',
        'tier "standard" keeps its replica key as a KMS key of the tenant\'s own account in the replica region: remove replicaKeyCustody',
      ],
    ])('refused: %s', (_name, document, field, message) => {
      expect(issuesOf(document)).toEqual([[field, message]]);
    });

    test('a replica key over an HSM key another replica in that store already has is refused: KMS allows one KMS key per external key per store', () => {
      const second = withField(
        withField(xks, 'tenants.3', {
          ...(xks.tenants as Record<string, unknown>[])[2],
          id: 'riksarkivet-2',
          displayName: 'Riksarkivet 2',
          account: '333333333335',
          xksKeyId: 'riksarkivet-data-2',
          continuity: { replicaRegion: 'eu-west-1', replicaKeyCustody: 'riksarkivet-xks-west', replicaXksKeyId: 'riksarkivet-data-1' },
        }),
        'tenants.4',
        (xks.tenants as unknown[])[3],
      );
      expect(issuesOf(second)).toEqual([
        [
          'tenants[3].continuity.replicaXksKeyId',
          'external key "riksarkivet-data-1" of store "riksarkivet-xks-west" is already tenant "riksarkivet (its replica)"\'s; every replica needs a key of its own in that store: set replicaXksKeyId',
        ],
      ]);
    });
  });

  test('COMPLIANCE-mode Object Lock is refused without a recorded reason: it keeps every replica version from the erasure the controller owes', () => {
    const compliance = withField(example, 'tenants.0.continuity.objectLock', { mode: 'COMPLIANCE', days: 3650 });
    expect(issuesOf(compliance)).toEqual([
      [
        'tenants[0].continuity.objectLock.retentionReason',
        "COMPLIANCE mode keeps every replica version for 3650 days from everyone, AWS's root user and `suveren erase` included, so an erasure the controller owes (GDPR Art. 17) cannot reach the replica until then: record the legal reason for that retention here, or use mode GOVERNANCE, which only the tenant's eraser may bypass",
      ],
    ]);
    const reasoned = withField(compliance, 'tenants.0.continuity.objectLock.retentionReason', 'Arkivlagen (1990:782) 10 §, gallringsbeslut KS 2026/12');
    expect(parseDocument(reasoned, 'continuity.yaml').tenants[0].continuity?.objectLock).toEqual({
      mode: 'COMPLIANCE',
      days: 3650,
      retentionReason: 'Arkivlagen (1990:782) 10 §, gallringsbeslut KS 2026/12',
    });
    expect(issuesOf(withField(example, 'tenants.0.continuity.objectLock.mode', 'LEGAL_HOLD'))).toEqual([
      ['tenants[0].continuity.objectLock.mode', "expected GOVERNANCE (the tenant's eraser may bypass it) or COMPLIANCE (nobody may, for its days)"],
    ]);
  });

  test.each([
    [
      "another tenant's account",
      '333333333332',
      "is tenant \"malmo-stad\"'s account, whose administrators are another controller's: use an account of this tenant's own",
    ],
    ["the tenant's own account", '333333333331', "is the tenant's own account, which the replica is in by default: leave replicaAccount out"],
    ['the management account', '111111111111', "is the management account, which no SCP binds: use an account of this tenant's own"],
    ['the audit account', '222222222222', "is the audit account, which holds the organization's logs: use an account of this tenant's own"],
    ['a key-custody account', '444444444444', 'is the key-custody account of "nordic": use an account of this tenant\'s own'],
  ])('a replica account refused: %s', (_name, account, message) => {
    expect(issuesOf(withField(example, 'tenants.0.continuity.replicaAccount', account))).toEqual([['tenants[0].continuity.replicaAccount', message]]);
  });

  test('the error names the file, the line and the field', () => {
    expect(() => parseDocument(withField(example, 'tenants.0.continuity.replicaRegion', 'eu-north-1'), 'continuity.yaml')).toThrow(
      /continuity\.yaml:\d+:\d+: tenants\[0\]\.continuity\.replicaRegion: is the tenant's own region/,
    );
  });

  test("the drill report the config names, relative to the config file: read back and checked as the tenant's", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-drill-config-'));
    try {
      const report = (tenant: string) => ({
        schemaVersion: '1.0.0',
        tenant,
        bucket: 'data',
        replicaBucket: 'replica',
        startedAt: '2026-12-06T08:00:00.000Z',
        completedAt: '2026-12-06T08:00:03.000Z',
        sample: { requested: 20, verified: 0, objects: [] },
        replication: { current: 0, replicated: 0, notYetReplicated: 0, observedRpoSeconds: null, failed: [], notAccepted: 0 },
        readBack: { objects: 0, bytes: 0, seconds: 0, bytesPerSecond: 0 },
        passed: false,
        failures: ['nothing to sample'],
      });
      fs.mkdirSync(path.join(dir, 'drills'));
      fs.writeFileSync(path.join(dir, 'drills', 'lund.json'), JSON.stringify(report('lund-kommun')));
      fs.writeFileSync(path.join(dir, 'drills', 'malmo.json'), JSON.stringify(report('malmo-stad')));
      fs.writeFileSync(path.join(dir, 'drills', 'broken.json'), JSON.stringify({ ...report('lund-kommun'), passed: 'yes' }));
      const load = (file: string) => {
        fs.writeFileSync(path.join(dir, 'suveren.yaml'), stringify(withField(example, 'tenants.0.continuity.drillReport', file)));
        return loadConfig(path.join(dir, 'suveren.yaml'));
      };
      expect(load('drills/lund.json').tenants[0].continuity?.drillReport).toBe('drills/lund.json');
      const problem = (file: string) => {
        try {
          load(file);
        } catch (e) {
          if (e instanceof ConfigError) return e.message;
          throw e;
        }
        throw new Error(`${file} was accepted`);
      };
      expect(problem('drills/missing.json')).toMatch(
        /suveren\.yaml:\d+:\d+: tenants\[0\]\.continuity\.drillReport: drills\/missing\.json cannot be read as a drill report \(there is no such file\); name the file suveren continuity drill --report wrote/,
      );
      expect(problem('drills/malmo.json')).toMatch(
        /drills\/malmo\.json is the drill report of tenant "malmo-stad", not of "lund-kommun"; name this tenant's drill report/,
      );
      expect(problem('drills/broken.json')).toMatch(/drills\/broken\.json is not a drill report \(passed: .*\); name the file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('aws-eusc has one region: a replica there has nowhere to go, and one in the aws partition is another partition', () => {
    const sovereign = parse(fs.readFileSync(path.join(REPO_ROOT, 'config', 'examples', 'sovereign-cloud.yaml'), 'utf8')) as ConfigDocument;
    expect(issuesOf(withField(sovereign, 'tenants.0.continuity', { replicaRegion: 'eusc-de-east-1' }))).toEqual([
      [
        'tenants[0].continuity.replicaRegion',
        "is the tenant's own region; a copy in the same region survives no loss of it: organization.allowedRegions has no other region in aws-eusc; add one there, or remove continuity",
      ],
    ]);
    expect(issuesOf(withField(sovereign, 'tenants.0.continuity', { replicaRegion: 'eu-central-1' }))).toEqual([
      [
        'tenants[0].continuity.replicaRegion',
        "eu-central-1 is in partition aws, the tenant's region eusc-de-east-1 in aws-eusc; S3 replicates within one partition only: aws-eusc has no other allowed region, so remove continuity",
      ],
    ]);
  });
});

describe('the replica and the replication', () => {
  const config = exampleConfig();
  const lund = config.tenants[0];
  // The tenants' stacks and their replicas; the organization's stacks are not under test here.
  const zone = addLandingZone(testApp(), config, { tenantIds: config.tenants.map((t) => t.id), includeOrganization: false });
  const replicaStack = zone.tenantReplicaStacks.find((s) => s.stackName === tenantReplicaStackId(lund.id))!;
  const tenantStack = zone.tenantStacks.find((s) => s.stackName === 'Suveren-Tenant-lund-kommun')!;
  const replica = Template.fromStack(replicaStack);
  const tenant = Template.fromStack(tenantStack);
  const bucketName = replicaBucketName(lund.id, lund.account, 'eu-west-1');
  const role = `arn:aws:iam::${lund.account}:role/`;

  test('one replica stack, for the tenant with continuity, in its replica region and account, deployed before its tenant', () => {
    expect(zone.tenantReplicaStacks.map((s) => [s.stackName, s.region, s.account])).toEqual([[tenantReplicaStackId(lund.id), 'eu-west-1', lund.account]]);
    expect(tenantStack.dependencies.map((d) => d.stackName)).toContain(replicaStack.stackName);
    // Replicas first: each tenant's bucket names its replica, which S3 needs to exist.
    const stages = planDeployStages(
      [
        { id: 'Suveren-Pipeline', role: 'pipeline', dependsOn: [] },
        { id: 'Suveren-Bootstrap', role: 'bootstrap', dependsOn: ['Suveren-Pipeline'] },
        { id: replicaStack.stackName, role: 'tenant-replica', dependsOn: [] },
        { id: tenantStack.stackName, role: 'tenant', dependsOn: [replicaStack.stackName] },
      ],
      { waveSize: 10, concurrency: 2 },
    );
    expect(stages.map((s) => [s.name, s.deployer])).toEqual([
      ['Pipeline', 'organization'],
      ['Replicas', 'tenants'],
      ['Tenants', 'tenants'],
    ]);
  });

  test('the replica bucket: named for the trail to see it, every protection of the data bucket, under a single-Region key of its region', () => {
    expect(bucketName).toMatch(/^suveren-tenant-lund-kommun-replica-[0-9a-f]{6}$/);
    expect(replicaBucketName('a'.repeat(32), '999999999999', 'eusc-de-east-1').length).toBeLessThanOrEqual(63);
    const [bucket] = Object.values(replica.findResources('AWS::S3::Bucket', { Properties: { BucketName: bucketName } }));
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' },
    });
    expect(bucket.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'replica-bucket/' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({
        Id: 'expire-never-accepted',
        ExpirationInDays: 2,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        TagFilters: [{ Key: INSPECTION_TAGS.verdict, Value: 'pending' }],
      }),
    );
    replica.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, MultiRegion: false });
    replica.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/suveren/${lund.id}` });
    replica.resourceCountIs('AWS::IAM::Role', 0);
  });

  test("Object Lock: the replica's versions kept 30 days in GOVERNANCE mode, by the bucket's lock configuration alone (the bucket flag would replace the named bucket); only the eraser bypasses it", () => {
    const [bucket] = Object.values(replica.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.BucketName === bucketName);
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } });
    expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
    const statements = Object.values(replica.findResources('AWS::S3::BucketPolicy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[],
    );
    expect(statements.find((st) => st.Sid === 'DenyGovernanceBypassOutsideEraser')).toMatchObject({
      Effect: 'Deny',
      Action: 's3:BypassGovernanceRetention',
      Condition: { StringNotLike: { 'aws:PrincipalArn': [`${role}suveren-lund-kommun-eraser`] } },
    });
    const eraserGrants = JSON.stringify(tenant.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^RolesEraser') }] } }));
    expect(eraserGrants).toContain('s3:BypassGovernanceRetention');
  });

  test("the replica's bucket policy: TLS, the key pinned, the reader, the eraser and the restorer its only data principals, the replication role its only writer", () => {
    const [policy] = Object.values(replica.findResources('AWS::S3::BucketPolicy')).filter((p) => JSON.stringify(p).includes('DenyDataAccessOutsideTenant'));
    const statements = policy.Properties.PolicyDocument.Statement as {
      Sid?: string;
      Action: string | string[];
      Condition?: Record<string, Record<string, unknown>>;
    }[];
    const sid = (name: string) => statements.find((s) => s.Sid === name)!;
    expect(sid('DenyDataAccessOutsideTenant').Condition!.StringNotLike['aws:PrincipalArn']).toEqual([
      `${role}suveren-lund-kommun-reader`,
      `${role}suveren-lund-kommun-eraser`,
      `${role}suveren-lund-kommun-restorer`,
    ]);
    expect(sid('DenyReplicationOutsideTenant').Condition!.StringNotLike['aws:PrincipalArn']).toEqual([`${role}${replicationRoleName(lund.id)}`]);
    expect([sid('DenyReplicationOutsideTenant').Action].flat().sort()).toEqual([
      's3:ObjectOwnerOverrideToBucketOwner',
      's3:ReplicateDelete',
      's3:ReplicateObject',
      's3:ReplicateTags',
    ]);
    expect(sid('DenyReadBeforeAcceptance').Condition!.StringNotEquals).toEqual({ [`s3:ExistingObjectTag/${INSPECTION_TAGS.verdict}`]: 'accepted' });
    expect(JSON.stringify(statements)).toContain('"aws:SecureTransport":"false"');
  });

  test("the replica key's policy names the reader and the restorer (Decrypt) and the replication role (Encrypt) by name, each through S3 in the replica region; not the key administrator", () => {
    const [key] = Object.values(replica.findResources('AWS::KMS::Key'));
    const statements = key.Properties.KeyPolicy.Statement as { Sid?: string; Action: string | string[]; Condition?: Record<string, Record<string, unknown>> }[];
    const bound = (sid: string) => statements.find((s) => s.Sid === sid)!;
    expect(bound('S3ReadBySuverenLundKommunReader')).toMatchObject({
      Action: 'kms:Decrypt',
      Condition: {
        ArnEquals: { 'aws:PrincipalArn': `${role}suveren-lund-kommun-reader` },
        StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': lund.account },
      },
    });
    expect(bound('S3ReadBySuverenLundKommunRestorer')).toMatchObject({
      Action: 'kms:Decrypt',
      Condition: {
        ArnEquals: { 'aws:PrincipalArn': `${role}suveren-lund-kommun-restorer` },
        StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': lund.account },
      },
    });
    expect(bound('S3ReplicaWriteBySuverenLundKommunReplication')).toMatchObject({
      Action: 'kms:Encrypt',
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': lund.account } },
    });
    expect(JSON.stringify(statements)).not.toContain('key-admin');
  });

  test("AWS Config's replication rule reaches the continuity sources by their tag, and no other tenant's bucket", () => {
    const continuityTag = (template: Template, prefix: string) =>
      Object.entries(template.findResources('AWS::S3::Bucket'))
        .filter(([id]) => id.startsWith(prefix))
        .map(([, bucket]) => (bucket.Properties.Tags as { Key: string; Value: string }[]).find((t) => t.Key === TENANT_TAGS.continuity)?.Value);
    expect(continuityTag(tenant, 'DataBucket')).toEqual(['source']);
    expect(continuityTag(tenant, 'QuarantineBucket')).toEqual([undefined]);
    expect(continuityTag(replica, 'ReplicaBucket')).toEqual(['replica']);
    const malmo = Template.fromStack(zone.tenantStacks.find((s) => s.stackName === 'Suveren-Tenant-malmo-stad')!);
    expect(continuityTag(malmo, 'DataBucket')).toEqual([undefined]);
    const rules = organizationConformancePackTemplate().Resources as Record<
      string,
      { Properties: { ConfigRuleName: string; Scope: unknown; Source: unknown } }
    >;
    const rule = Object.values(rules).find((r) => r.Properties.ConfigRuleName === 'suveren-s3-cross-region-replication')!;
    expect(rule.Properties).toMatchObject({
      Scope: { TagKey: 'suveren:continuity', TagValue: 'source' },
      Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_CROSS_REGION_REPLICATION_ENABLED' },
    });
  });

  test('the data bucket replicates objects/ under the replica key, delete markers kept back, and only S3 for this account assumes the role', () => {
    const [bucket] = Object.values(tenant.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.ReplicationConfiguration);
    expect(bucket.Properties.ReplicationConfiguration.Rules).toEqual([
      {
        Id: 'replicate-to-replica-region',
        Status: 'Enabled',
        Priority: 1,
        Filter: { Prefix: 'objects/' },
        DeleteMarkerReplication: { Status: 'Disabled' },
        SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
        Destination: {
          Bucket: `arn:aws:s3:::${bucketName}`,
          EncryptionConfiguration: { ReplicaKmsKeyID: `arn:aws:kms:eu-west-1:${lund.account}:alias/suveren/${lund.id}` },
        },
      },
    ]);
    tenant.hasResourceProperties('AWS::IAM::Role', {
      RoleName: replicationRoleName(lund.id),
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': lund.account } },
          },
        ],
      },
    });
  });

  test('the replication role: what S3 replication needs and nothing a person reads with', () => {
    const roles = tenant.findResources('AWS::IAM::Role', { Properties: { RoleName: replicationRoleName(lund.id) } });
    const [roleId] = Object.keys(roles);
    const policies = Object.values(tenant.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId));
    const actions = policies
      .flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()))
      .sort();
    expect(actions).toEqual([
      'kms:Decrypt',
      'kms:Encrypt',
      's3:GetObjectVersionAcl',
      's3:GetObjectVersionForReplication',
      's3:GetObjectVersionTagging',
      's3:GetReplicationConfiguration',
      's3:ListBucket',
      's3:ReplicateObject',
      's3:ReplicateTags',
    ]);
  });

  test('delete markers and Replication Time Control when the config asks for them', () => {
    const document = withField(example, 'tenants.0.continuity', { replicaRegion: 'eu-west-1', replicateDeleteMarkers: true, replicationTimeControl: true });
    const other = addLandingZone(testApp(), parseDocument(document), { tenantIds: [lund.id], includeOrganization: false });
    const template = Template.fromStack(other.tenantStacks[0]);
    const [bucket] = Object.values(template.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.ReplicationConfiguration);
    const [rule] = bucket.Properties.ReplicationConfiguration.Rules;
    expect(rule.DeleteMarkerReplication).toEqual({ Status: 'Enabled' });
    expect(rule.Destination).toMatchObject({
      ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
      Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
    });
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).toContain('s3:ReplicateDelete');
  });
});

describe('the plan compares the reach of both copies', () => {
  const path = (principal: string, gates: ReachPath['gates'] = []): ReachPath => ({
    principal,
    label: { id: 'principal.tenantAdministrator' },
    steps: [],
    terminal: { kind: 'read', principal, allowedBy: [] },
    gates,
  });
  const side = (data: ReachPath[], replica?: ReachPath[]): AccessSide => ({
    matrices: new Map(),
    reach: new Map([
      [
        't',
        {
          paths: data,
          outsideTheGraph: [],
          principals: 1,
          evaluations: 1,
          ...(replica ? { replica: { region: 'eu-west-1', bucket: 'b', paths: replica, principals: 1, evaluations: 1 } } : {}),
        },
      ],
    ]),
  });
  const principals = (changes: { gained: { principal: string }[]; lost: { principal: string }[] }) => ({
    gained: changes.gained.map((c) => c.principal),
    lost: changes.lost.map((c) => c.principal),
  });

  test('a new replica read by those who read the data is no gain; one read by a principal that could not read the data is', () => {
    const before = side([path('reader'), path('admin')]);
    expect(principals(reachChanges(before, side([path('reader'), path('admin')], [path('reader')]), 't'))).toEqual({ gained: [], lost: [] });
    expect(principals(reachChanges(before, side([path('reader'), path('admin')], [path('reader'), path('stranger')]), 't'))).toEqual({
      gained: ['stranger'],
      lost: [],
    });
  });

  test("a path gained to the replica alone, or behind fewer gates there, is a gain; a principal that keeps the replica's path has lost nothing", () => {
    const approval = [{ kind: 'approval' as const, approvers: ['a@example.se'] }];
    const before = side([path('reader'), path('pipeline', approval)], [path('reader'), path('pipeline', approval)]);
    expect(principals(reachChanges(before, side([path('reader'), path('pipeline', approval)], [path('reader'), path('pipeline')]), 't'))).toEqual({
      gained: ['pipeline'],
      lost: [],
    });
    expect(principals(reachChanges(before, side([path('reader')], [path('reader'), path('pipeline', approval)]), 't'))).toEqual({ gained: [], lost: [] });
    expect(principals(reachChanges(before, side([path('reader')], [path('reader')]), 't'))).toEqual({ gained: [], lost: ['pipeline'] });
  });
});

describe("a replica account of the tenant's own (continuity.replicaAccount)", () => {
  const config = parseDocument(withField(example, 'tenants.0.continuity.replicaAccount', '333333333339'), 'continuity.yaml');
  const lund = config.tenants[0];
  const zone = addLandingZone(testApp(), config, { tenantIds: [lund.id], includeOrganization: false });
  const replicaStack = zone.tenantReplicaStacks[0];
  const tenant = Template.fromStack(zone.tenantStacks[0]);
  const replica = Template.fromStack(replicaStack);
  const tenantRole = (duty: string) => `arn:aws:iam::${lund.account}:role/suveren-lund-kommun-${duty}`;

  test('the replica stack deploys into the replica account; the bucket is named for it; S3 hands each replica to that account', () => {
    expect([replicaStack.account, replicaStack.region]).toEqual(['333333333339', 'eu-west-1']);
    const name = replicaBucketName(lund.id, '333333333339', 'eu-west-1');
    replica.hasResourceProperties('AWS::S3::Bucket', { BucketName: name });
    const [source] = Object.values(tenant.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.ReplicationConfiguration !== undefined);
    expect(source.Properties.ReplicationConfiguration.Rules[0].Destination).toMatchObject({
      Bucket: `arn:aws:s3:::${name}`,
      Account: '333333333339',
      AccessControlTranslation: { Owner: 'Destination' },
      EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-west-1:333333333339:alias/suveren/lund-kommun' },
    });
    expect(JSON.stringify(tenant.findResources('AWS::IAM::Policy'))).toContain('s3:ObjectOwnerOverrideToBucketOwner');
  });

  test("the replica's bucket policy allows the tenant's roles across accounts, and its key policy names them in the tenant's account", () => {
    const statements = Object.values(replica.findResources('AWS::S3::BucketPolicy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[],
    );
    const allowed = (sid: string) => statements.find((st) => st.Sid === sid) as { Effect: string; Principal: { AWS: string } } | undefined;
    for (const [sid, duty] of [
      ['TenantReaderReadsObjects', 'reader'],
      ['TenantRestorerReadsObjects', 'restorer'],
      ['TenantEraserErasesObjects', 'eraser'],
      ['TenantReplicationWritesObjects', 'replication'],
    ])
      expect([sid, allowed(sid)?.Effect, allowed(sid)?.Principal.AWS]).toEqual([sid, 'Allow', tenantRole(duty)]);
    const deny = statements.find((st) => st.Sid === 'DenyDataAccessOutsideTenant') as { Condition: { StringNotLike: Record<string, string[]> } };
    expect(deny.Condition.StringNotLike['aws:PrincipalArn']).toEqual([tenantRole('reader'), tenantRole('eraser'), tenantRole('restorer')]);
    const keyPolicy = JSON.stringify(Object.values(replica.findResources('AWS::KMS::Key')).map((k) => k.Properties.KeyPolicy));
    expect(keyPolicy).toContain(`"aws:PrincipalArn":"${tenantRole('reader')}"`);
    expect(keyPolicy).toContain(`"kms:CallerAccount":"${lund.account}"`);
  });
});

describe('TenantDataBucket as a replica', () => {
  const replicaBucket = (admit: boolean) => {
    const app = testApp();
    const stack = new Stack(app, 'Replica', { env: { account: '333333333331', region: 'eu-west-1' } });
    const key = new TenantKey(stack, 'Key', { tenantId: 't', allowedRegions: ['eu-west-1'], administrators: [new iam.AccountRootPrincipal()] });
    const bucket = new TenantDataBucket(stack, 'Replica', {
      encryptionKey: key,
      accessLogBucket: new AccessLogBucket(stack, 'Logs').bucket,
      allowedPrincipalArns: ['arn:aws:iam::333333333331:role/reader'],
      configurationPrincipalArns: ['arn:aws:iam::333333333331:role/deployer'],
      readableOnlyWithTag: { key: INSPECTION_TAGS.verdict, value: 'accepted' },
      continuity: 'replica',
    });
    if (admit) bucket.admitReplication('arn:aws:iam::333333333331:role/replication');
    return () => app.synth();
  };

  test('refuses to synthesize without a replication role admitted: nothing could ever arrive, or be read', () => {
    expect(replicaBucket(false)).toThrow(/continuity is replica but no replication role is admitted \(admitReplication\): nothing could ever arrive/);
    expect(replicaBucket(true)).not.toThrow();
  });
});
