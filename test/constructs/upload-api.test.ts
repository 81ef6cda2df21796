import { Match, Template } from 'aws-cdk-lib/assertions';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfig, exampleConfigDocument, parseDocument, testApp, withField } from '../helpers';

const zone = addLandingZone(testApp(), exampleConfig());
const arkivStack = zone.tenantStacks.find((s) => s.stackName === 'Suveren-Tenant-skatteetaten-arkiv')!;
const arkiv = Template.fromStack(arkivStack);
const id = (construct: { node: { defaultChild?: unknown } }) => arkivStack.getLogicalId(construct.node.defaultChild as never);

describe('UploadApi', () => {
  const api = arkivStack.uploadApi;

  test('presign sits behind a function URL with IAM auth, invokable by the uploader role only', () => {
    arkiv.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', TargetFunctionArn: { 'Fn::GetAtt': [id(api.presignFunction), 'Arn'] } });
    const invokers = Object.values(arkiv.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p).includes('lambda:InvokeFunctionUrl'));
    expect(invokers).toHaveLength(1);
    expect(invokers[0].Properties.Roles).toEqual([{ Ref: id(arkivStack.roles.uploader) }]);
  });

  test.each(['presign', 'inspect'])(
    '%s: newest Node runtime, no reserved concurrency unless configured, environment and logs under the operations key',
    (name) => {
      const operationsKey = { 'Fn::GetAtt': [id(arkivStack.operationsKey.key), 'Arn'] };
      arkiv.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(`^suveren ${name}:`),
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        // A new account's quota is 10, all of it unreservable: reserving is opt-in.
        ReservedConcurrentExecutions: Match.absent(),
        KmsKeyArn: operationsKey,
        LoggingConfig: { LogGroup: Match.anyValue() },
      });
      const groups = Object.values(arkiv.findResources('AWS::Logs::LogGroup'));
      expect(groups.length).toBe(2);
      for (const group of groups) expect(group.Properties).toMatchObject({ KmsKeyId: operationsKey, RetentionInDays: 365 });
    },
  );

  test('inspect retries twice and then sends to an encrypted, TLS-only dead-letter queue', () => {
    arkiv.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [id(api.deadLetterQueue), 'Arn'] } } });
    arkiv.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
    arkiv.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    arkiv.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('every new object under objects/ of the data bucket triggers inspect', () => {
    arkiv.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: id(arkivStack.dataBucket.bucket) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'objects/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [id(api.inspectFunction), 'Arn'] },
          },
        ],
      },
    });
  });

  test('the quarantine bucket has the data bucket protections and pins the tenant key', () => {
    const quarantine = id(arkivStack.quarantineBucket.bucket);
    const policy = Object.values(arkiv.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === quarantine)!;
    const sids = (policy.Properties.PolicyDocument.Statement as { Sid?: string }[]).map((s) => s.Sid).filter(Boolean);
    expect(sids).toEqual(
      expect.arrayContaining([
        'DenyPutWithoutSseKms',
        'DenyPutWithOtherKey',
        'DenySseKmsWithoutKeyId',
        'DenySseC',
        'DenyDataAccessOutsideTenant',
        'DenyConfigurationChangesOutsidePlatform',
      ]),
    );
    arkiv.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'quarantine-bucket/' },
    });
  });

  test('uploads.reservedConcurrency reserves concurrency for both functions', () => {
    const reserved = addLandingZone(
      testApp(),
      parseDocument(withField(exampleConfigDocument(), 'tenants.2.uploads.reservedConcurrency', { presign: 10, inspect: 5 })),
    );
    const template = Template.fromStack(reserved.tenantStacks.find((s) => s.stackName === 'Suveren-Tenant-skatteetaten-arkiv')!);
    template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^suveren presign:'), ReservedConcurrentExecutions: 10 });
    template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^suveren inspect:'), ReservedConcurrentExecutions: 5 });
  });

  test('inspect may send dead letters: GenerateDataKey and Decrypt on the operations key, through SQS only', () => {
    const inspectPolicy = Object.values(arkiv.findResources('AWS::IAM::Policy')).find((p) =>
      JSON.stringify(p.Properties.Roles).includes(id(api.inspectFunction.role as never)),
    )!;
    const statement = (inspectPolicy.Properties.PolicyDocument.Statement as { Action: string[]; Resource: unknown; Condition?: unknown }[]).find(
      (s) =>
        JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [id(arkivStack.operationsKey.key), 'Arn'] }) &&
        JSON.stringify(s.Condition ?? {}).includes('sqs.'),
    );
    expect(statement?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(statement?.Condition).toEqual({ StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['sqs.eu-west-1.', { Ref: 'AWS::URLSuffix' }]] } } });
  });

  test('presign environment carries the upload rules from the config', () => {
    arkiv.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TENANT_ID: 'skatteetaten-arkiv',
          TIER: 'client-side',
          MAX_OBJECT_BYTES: '53687091200',
          ALLOWED_CONTENT_TYPES: '["application/octet-stream"]',
        }),
      },
    });
  });
});
