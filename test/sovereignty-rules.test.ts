import { Stack, Validations, aws_cloudfront as cloudfront, aws_globalaccelerator as ga, aws_iam as iam, aws_kms as kms, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { SovereigntyChecks } from '../lib/compliance/sovereignty-checks';
import { SovereigntyRuleIds } from '../lib/compliance/rule-ids';
import { SOVEREIGNTY_RULES } from '../lib/compliance/rules';
import { testApp } from './helpers';

/**
 * One compliant and one non-compliant fixture per Sovereignty rule, checked with the
 * pack itself (`validateScope`), so the test exercises the same code path as synth.
 */
function findings(build: (stack: Stack) => void): string[] {
  const stack = new Stack(testApp(), 'Fixture', { env: { account: '123456789012', region: 'eu-north-1' } });
  build(stack);
  const report = new SovereigntyChecks().validateScope(stack);
  return report.violations.map((v) => v.ruleName);
}

function cmk(stack: Stack, id = 'Key'): kms.Key {
  return new kms.Key(stack, id, { enableKeyRotation: true });
}

/** A bucket with the tenant-bucket policy statements Suveren-S2/S3 look for (the IfExists form, as TenantDataBucket writes). */
function pinnedBucket(stack: Stack, key: kms.IKey, pinTo: string = key.keyArn): s3.Bucket {
  const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true, minimumTLSVersion: 1.2 });
  const denyPutUnless = (conditionKey: string, value: string) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEqualsIfExists: { [conditionKey]: value } },
      }),
    );
  denyPutUnless('s3:x-amz-server-side-encryption', 'aws:kms');
  denyPutUnless('s3:x-amz-server-side-encryption-aws-kms-key-id', pinTo);
  return bucket;
}

const cases: { rule: string; compliant: (stack: Stack) => void; nonCompliant: (stack: Stack) => void }[] = [
  {
    rule: SovereigntyRuleIds.S3CmkEncryption,
    compliant: (stack) => pinnedBucket(stack, cmk(stack)),
    nonCompliant: (stack) => new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, minimumTLSVersion: 1.2 }),
  },
  {
    rule: SovereigntyRuleIds.S3TlsOnly,
    compliant: (stack) => pinnedBucket(stack, cmk(stack)),
    nonCompliant: (stack) => {
      // TLS enforced but no floor on the TLS version.
      const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: cmk(stack), enforceSSL: true });
      bucket.addToResourcePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    },
  },
  {
    rule: SovereigntyRuleIds.S3KeyPinned,
    compliant: (stack) => pinnedBucket(stack, cmk(stack)),
    nonCompliant: (stack) => {
      // The policy pins a different key than the one the bucket encrypts with.
      const other = cmk(stack, 'OtherKey');
      pinnedBucket(stack, cmk(stack), other.keyArn);
    },
  },
  {
    rule: SovereigntyRuleIds.KmsRotation,
    compliant: (stack) => cmk(stack),
    nonCompliant: (stack) => new kms.Key(stack, 'Key', { enableKeyRotation: false }),
  },
  {
    rule: SovereigntyRuleIds.KmsSingleRegion,
    compliant: (stack) => cmk(stack),
    nonCompliant: (stack) => new kms.Key(stack, 'Key', { enableKeyRotation: true, multiRegion: true }),
  },
  {
    rule: SovereigntyRuleIds.LogsCmkAndRetention,
    compliant: (stack) => new logs.LogGroup(stack, 'Logs', { encryptionKey: cmk(stack), retention: logs.RetentionDays.ONE_YEAR }),
    nonCompliant: (stack) => new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE }),
  },
  {
    rule: SovereigntyRuleIds.NoEdgeProcessing,
    compliant: (stack) => pinnedBucket(stack, cmk(stack)),
    nonCompliant: (stack) => new ga.Accelerator(stack, 'Accelerator'),
  },
];

describe('SovereigntyChecks', () => {
  test('every rule has a test case', () => {
    expect(cases.map((c) => c.rule).sort()).toEqual(SOVEREIGNTY_RULES.map((r) => r.id).sort());
  });

  describe.each(cases)('$rule', ({ rule, compliant, nonCompliant }) => {
    test('passes the compliant fixture', () => {
      expect(findings(compliant)).not.toContain(rule);
    });
    test('reports the non-compliant fixture', () => {
      expect(findings(nonCompliant)).toContain(rule);
    });
  });

  test('Suveren-S1 also refuses the AWS-managed aws/s3 key', () => {
    expect(
      findings((stack) => new s3.CfnBucket(stack, 'Bucket', {
        bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' } }] },
      })),
    ).toContain(SovereigntyRuleIds.S3CmkEncryption);
  });

  test('Suveren-KMS1 does not apply to keys whose material cannot rotate automatically', () => {
    expect(findings((stack) => new kms.CfnKey(stack, 'Key', { origin: 'EXTERNAL', enableKeyRotation: false }))).not.toContain(SovereigntyRuleIds.KmsRotation);
  });

  test('Suveren-EDGE1 reports a CloudFront distribution', () => {
    const ids = findings((stack) => {
      const bucket = pinnedBucket(stack, cmk(stack));
      new cloudfront.CfnDistribution(stack, 'Cdn', {
        distributionConfig: {
          enabled: true,
          origins: [{ id: 'o', domainName: bucket.bucketRegionalDomainName, s3OriginConfig: {} }],
          defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only', forwardedValues: { queryString: false } },
        },
      });
    });
    expect(ids).toContain(SovereigntyRuleIds.NoEdgeProcessing);
  });

  test('an acknowledgment on the resource silences exactly that finding', () => {
    const ids = findings((stack) => {
      const accelerator = new ga.Accelerator(stack, 'Accelerator');
      Validations.of(accelerator).acknowledge({ id: SovereigntyRuleIds.NoEdgeProcessing, reason: 'test: public, non-personal status page' });
      new kms.Key(stack, 'Key', { enableKeyRotation: false });
    });
    expect(ids).not.toContain(SovereigntyRuleIds.NoEdgeProcessing);
    expect(ids).toContain(SovereigntyRuleIds.KmsRotation);
  });
});
