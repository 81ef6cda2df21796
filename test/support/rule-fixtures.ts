import {
  Duration,
  aws_cloudtrail as cloudtrail,
  aws_globalaccelerator as ga,
  aws_iam as iam,
  aws_kms as kms,
  aws_logs as logs,
  aws_lambda as lambda,
  aws_s3 as s3,
  aws_s3_notifications as s3n,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SovereigntyRuleIds } from '../../lib/compliance/rule-ids';

/*
 * One compliant and one non-compliant fixture per Sovereignty rule. Each builds into
 * the scope it is given, so a test can put them in a stack of their own or, each in its
 * own scope, into one tenant's stack.
 */

export function cmk(stack: Construct, id = 'Key'): kms.Key {
  return new kms.Key(stack, id, { enableKeyRotation: true });
}

/** A bucket with the tenant-bucket policy statements Suveren-S2/S3 look for (Null-guarded, as TenantDataBucket writes). */
export function pinnedBucket(
  stack: Construct,
  key: kms.IKey,
  pinTo: string | string[] = key.keyArn,
  form: 'null-guarded' | 'if-exists-only' = 'null-guarded',
): s3.Bucket {
  const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true, minimumTLSVersion: 1.2 });
  const denyPutUnless = (conditionKey: string, value: string | string[]) =>
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions:
          form === 'null-guarded'
            ? { StringNotEquals: { [conditionKey]: value }, Null: { [conditionKey]: 'false' } }
            : { StringNotEqualsIfExists: { [conditionKey]: value } },
      }),
    );
  denyPutUnless('s3:x-amz-server-side-encryption', 'aws:kms');
  denyPutUnless('s3:x-amz-server-side-encryption-aws-kms-key-id', pinTo);
  return bucket;
}

/** A trail under a CMK into a bucket with Object Lock, both configurable to break one rule. */
export function lockedTrail(
  stack: Construct,
  trailProps: Partial<cloudtrail.TrailProps> = {},
  retention = s3.ObjectLockRetention.compliance(Duration.days(365)),
) {
  const key = cmk(stack);
  const bucket = new s3.Bucket(stack, 'Archive', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    objectLockEnabled: true,
    objectLockDefaultRetention: retention,
  });
  new cloudtrail.Trail(stack, 'Trail', { bucket, encryptionKey: key, isMultiRegionTrail: true, enableFileValidation: true, ...trailProps });
}

export function fixtureFunction(stack: Construct, props: Partial<lambda.FunctionProps> = {}, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
    environment: { TENANT_ID: 't' },
    ...props,
  });
}

/** A function S3 invokes on every new object (asynchronously). */
export function s3Triggered(stack: Construct, props: Partial<lambda.FunctionProps> = {}): void {
  const fn = fixtureFunction(stack, { environmentEncryption: cmk(stack, 'EnvKey'), ...props });
  pinnedBucket(stack, cmk(stack)).addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
}

export const SOVEREIGNTY_RULE_CASES: { rule: string; compliant: (stack: Construct) => void; nonCompliant: (stack: Construct) => void }[] = [
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
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects('*')],
        }),
      );
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
    rule: SovereigntyRuleIds.LambdaEnvironmentCmk,
    compliant: (stack) => fixtureFunction(stack, { environmentEncryption: cmk(stack, 'EnvKey') }),
    nonCompliant: (stack) => fixtureFunction(stack),
  },
  {
    rule: SovereigntyRuleIds.LambdaAsyncDlq,
    compliant: (stack) => s3Triggered(stack, { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }),
    nonCompliant: (stack) => s3Triggered(stack),
  },
  {
    rule: SovereigntyRuleIds.TrailIntegrity,
    compliant: (stack) => lockedTrail(stack),
    nonCompliant: (stack) => lockedTrail(stack, { enableFileValidation: false }),
  },
  {
    rule: SovereigntyRuleIds.TrailArchiveLocked,
    compliant: (stack) => lockedTrail(stack),
    nonCompliant: (stack) => lockedTrail(stack, {}, s3.ObjectLockRetention.governance(Duration.days(30))),
  },
  {
    rule: SovereigntyRuleIds.NoEdgeProcessing,
    compliant: (stack) => pinnedBucket(stack, cmk(stack)),
    nonCompliant: (stack) => new ga.Accelerator(stack, 'Accelerator'),
  },
];
