import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CfnParameter,
  Stack,
  Validations,
  aws_cloudtrail as cloudtrail,
  aws_apigateway as apigw,
  aws_cloudfront as cloudfront,
  aws_globalaccelerator as ga,
  aws_kms as kms,
  aws_s3 as s3,
} from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { SovereigntyChecks } from '../lib/compliance/sovereignty-checks';
import { SovereigntyRuleIds } from '../lib/compliance/rule-ids';
import { SOVEREIGNTY_RULES } from '../lib/compliance/rules';
import { Compliance, Level } from '../lib/compliance/rule-verdict-values';
import { testApp } from './helpers';
import { SOVEREIGNTY_RULE_CASES, cmk, lockedTrail, pinnedBucket } from './support/rule-fixtures';

/**
 * One compliant and one non-compliant fixture per Sovereignty rule, checked with the
 * pack registered on a real app and a real synth, so the test exercises the same code
 * path as `cdk synth` and reads the same report.
 */
function findings(build: (stack: Stack) => void): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-rules-'));
  try {
    const app = testApp({ outdir });
    const stack = new Stack(app, 'Fixture', { env: { account: '123456789012', region: 'eu-north-1' } });
    build(stack);
    Validations.of(app).addPlugins(new SovereigntyChecks(app));
    try {
      app.synth();
    } catch {
      // A failed gate throws; the report below says why.
    }
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8')) as {
      pluginReports: { summary: { pluginName: string }; violations: { ruleName: string }[] }[];
    };
    return report.pluginReports
      .filter((r) => r.summary.pluginName === 'SovereigntyChecks')
      .flatMap((r) => r.violations.map((v) => v.ruleName.replace(/^SovereigntyChecks::/, '')));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('SovereigntyChecks', () => {
  test('every rule has a test case', () => {
    expect(SOVEREIGNTY_RULE_CASES.map((c) => c.rule).sort()).toEqual(SOVEREIGNTY_RULES.map((r) => r.id).sort());
  });

  describe.each(SOVEREIGNTY_RULE_CASES)('$rule', ({ rule, compliant, nonCompliant }) => {
    test('passes the compliant fixture', () => {
      expect(findings(compliant)).not.toContain(rule);
    });
    test('reports the non-compliant fixture', () => {
      expect(findings(nonCompliant)).toContain(rule);
    });
  });

  test('Suveren-S1 also refuses the AWS-managed aws/s3 key', () => {
    expect(
      findings(
        (stack) =>
          new s3.CfnBucket(stack, 'Bucket', {
            bucketEncryption: {
              serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' } }],
            },
          }),
      ),
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

  describe('rules see the template as deployed, not construct properties', () => {
    test('Suveren-S1: a property override to SSE-S3 is reported', () => {
      const ids = findings((stack) => {
        const bucket = pinnedBucket(stack, cmk(stack));
        (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault', {
          SSEAlgorithm: 'AES256',
        });
      });
      expect(ids).toContain(SovereigntyRuleIds.S3CmkEncryption);
    });

    test('Suveren-KMS1: rotation turned off by an override is reported', () => {
      const ids = findings((stack) => (cmk(stack).node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', false));
      expect(ids).toContain(SovereigntyRuleIds.KmsRotation);
    });

    test('Suveren-KMS2: MultiRegion from a parameter is reported (it could be true at deploy time)', () => {
      const ids = findings((stack) => {
        const flag = new CfnParameter(stack, 'Flag', { type: 'String', default: 'false' });
        (cmk(stack).node.defaultChild as kms.CfnKey).addPropertyOverride('MultiRegion', flag.valueAsString);
      });
      expect(ids).toContain(SovereigntyRuleIds.KmsSingleRegion);
    });

    test('Suveren-S2: a TLS deny that does not cover the objects does not count', () => {
      const ids = findings((stack) => {
        const bucket = pinnedBucket(stack, cmk(stack));
        const policy = bucket.policy!.node.defaultChild as s3.CfnBucketPolicy;
        // Narrow both TLS statements to the bucket ARN alone.
        policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', {
          'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket), 'Arn'],
        });
        policy.addPropertyOverride('PolicyDocument.Statement.1.Resource', {
          'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket), 'Arn'],
        });
      });
      expect(ids).toContain(SovereigntyRuleIds.S3TlsOnly);
    });

    test('Suveren-S3: the IfExists-only pinning (no Null guard), which denies every multipart part, is flagged', () => {
      expect(findings((stack) => pinnedBucket(stack, cmk(stack), undefined, 'if-exists-only'))).toContain(SovereigntyRuleIds.S3KeyPinned);
      expect(findings((stack) => pinnedBucket(stack, cmk(stack)))).not.toContain(SovereigntyRuleIds.S3KeyPinned);
    });

    test("Suveren-S3: the pin may also name the ARN of the bucket key's own alias, never another key's", () => {
      const aliasArn = (name: string) => `arn:aws:kms:eu-north-1:111111111111:alias/${name}`;
      const withAliases = (pinOwn: boolean) =>
        findings((stack) => {
          const key = cmk(stack);
          key.addAlias('alias/own');
          new kms.Key(stack, 'OtherKey', { enableKeyRotation: true }).addAlias('alias/other');
          pinnedBucket(stack, key, [key.keyArn, aliasArn(pinOwn ? 'own' : 'other')]);
        });
      expect(withAliases(true)).not.toContain(SovereigntyRuleIds.S3KeyPinned);
      expect(withAliases(false)).toContain(SovereigntyRuleIds.S3KeyPinned);
    });

    test('Suveren-S3: a key-pinning deny narrowed by an extra condition does not count', () => {
      const ids = findings((stack) => {
        const bucket = pinnedBucket(stack, cmk(stack));
        const policy = bucket.policy!.node.defaultChild as s3.CfnBucketPolicy;
        policy.addPropertyOverride('PolicyDocument.Statement.3.Condition.StringEquals', { 'aws:PrincipalAccount': '999999999999' });
      });
      expect(ids).toContain(SovereigntyRuleIds.S3KeyPinned);
    });
  });

  describe('Suveren-EDGE1 beyond CloudFront', () => {
    const api = (stack: Stack, types?: apigw.EndpointType[]) => {
      const restApi = new apigw.RestApi(stack, 'Api', { endpointTypes: types, deploy: false });
      restApi.root.addMethod('GET', new apigw.MockIntegration());
    };
    test('an edge-optimized REST API (the default) is reported', () => {
      expect(findings((stack) => api(stack))).toContain(SovereigntyRuleIds.NoEdgeProcessing);
    });
    test('a regional REST API is not', () => {
      expect(findings((stack) => api(stack, [apigw.EndpointType.REGIONAL]))).not.toContain(SovereigntyRuleIds.NoEdgeProcessing);
    });
    test('S3 Transfer Acceleration is reported', () => {
      const ids = findings((stack) => {
        const bucket = pinnedBucket(stack, cmk(stack));
        (bucket.node.defaultChild as s3.CfnBucket).accelerateConfiguration = { accelerationStatus: 'Enabled' };
      });
      expect(ids).toContain(SovereigntyRuleIds.NoEdgeProcessing);
    });
  });

  test('Suveren-CT1 reports a trail without a CMK, and one that records a single region', () => {
    expect(findings((stack) => lockedTrail(stack, { encryptionKey: undefined }))).toContain(SovereigntyRuleIds.TrailIntegrity);
    expect(findings((stack) => lockedTrail(stack, { isMultiRegionTrail: false }))).toContain(SovereigntyRuleIds.TrailIntegrity);
  });

  test('Suveren-CT2 reports a trail whose bucket is not in the template', () => {
    const ids = findings(
      (stack) => new cloudtrail.Trail(stack, 'Trail', { bucket: s3.Bucket.fromBucketName(stack, 'Elsewhere', 'some-archive'), encryptionKey: cmk(stack) }),
    );
    expect(ids).toContain(SovereigntyRuleIds.TrailArchiveLocked);
  });
});

test("the rules' CDK-free verdict and level values are cdk-nag's own", () => {
  expect(Compliance).toEqual({
    COMPLIANT: NagRuleCompliance.COMPLIANT,
    NON_COMPLIANT: NagRuleCompliance.NON_COMPLIANT,
    NOT_APPLICABLE: NagRuleCompliance.NOT_APPLICABLE,
  });
  expect(Level).toEqual({ ERROR: NagMessageLevel.ERROR, WARN: NagMessageLevel.WARN });
});
