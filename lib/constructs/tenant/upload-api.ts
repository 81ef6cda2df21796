import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_s3 as s3,
  aws_s3_notifications as s3n,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { TenantConfig } from '@suveren/core/config/schema';
import { SUVEREN_NODE_RUNTIME, lambdaBundle } from '../shared/lambda-bundle';
import type { TenantDataBucket } from './tenant-data-bucket';
import type { ITenantEncryptionKey } from './tenant-encryption-key';
import { INSPECTION_TAGS, INSPECTION_VERDICTS } from '@suveren/core/contracts/upload-layout';
import { INLINE_POLICY_REASON, UNRESERVED_CONCURRENCY_REASON, acknowledge, acknowledgeBucketNotifications } from '../../compliance/acknowledge';
import { INSPECT_ENVIRONMENT, PRESIGN_ENVIRONMENT } from '@suveren/core/contracts/function-environments';
import { checkRecoveryPublicKey } from '@suveren/core/contracts/recovery-key';

export interface UploadApiProps {
  /** The tenant whose uploads this serves (id, tier and upload rules). */
  readonly tenant: TenantConfig;
  /** Where accepted uploads stay. */
  readonly dataBucket: TenantDataBucket;
  /** Where rejected uploads go, protected like the data bucket. */
  readonly quarantineBucket: TenantDataBucket;
  /** The tenant's data key: uploads are encrypted under it, the quarantine copy too. */
  readonly encryptionKey: ITenantEncryptionKey;
  /** Key for the functions' logs, environment and dead letters. */
  readonly operationsKey: kms.IKey;
  /** Who may ask for upload slots (the tenant's uploader role). */
  readonly uploader: iam.IGrantable;
  /**
   * Concurrency reserved for (and capping) the presign function; beyond it callers get
   * 429. Lambda keeps 10 of an account's quota unreserved, so a new account, whose quota
   * is 10, cannot reserve any: set it once the quota has been raised.
   * @default none: the function shares the account's unreserved concurrency
   */
  readonly presignConcurrency?: number;
  /**
   * Concurrency reserved for (and capping) the inspection function; see `presignConcurrency`.
   * @default none: the function shares the account's unreserved concurrency
   */
  readonly inspectConcurrency?: number;
  /**
   * Days the functions' logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Turn on AWS X-Ray tracing of both functions.
   * @default false: traces would carry object keys to another service
   */
  readonly tracing?: boolean;
}

/**
 * A tenant's upload path: an IAM-authenticated presign function behind a Lambda
 * function URL, and an inspection function on every new object.
 *
 * A function URL (AWS_IAM auth) rather than API Gateway: it is a regional endpoint with
 * no edge path, it authenticates with SigV4 under the same IAM identities as S3, it
 * needs no account-wide API Gateway logging role in the tenant's account, and its
 * reserved concurrency answers 429 when exceeded. Request validation happens in the
 * function's core, which the bad-input tests drive directly; every request is logged
 * by the function as structured JSON.
 */
export class UploadApi extends Construct {
  public readonly presignFunction: lambda.Function;
  public readonly presignUrl: lambda.FunctionUrl;
  public readonly inspectFunction: lambda.Function;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: UploadApiProps) {
    super(scope, id);
    const { tenant, dataBucket, quarantineBucket, encryptionKey, operationsKey } = props;
    const tracing = props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED;
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;

    // Named roles: key and bucket policies, and the evidence report, show who they are.
    const functionRole = (name: string) =>
      new iam.Role(this, `${name}Role`, {
        roleName: `suveren-${tenant.id}-${name.toLowerCase()}-fn`,
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `suveren ${name.toLowerCase()} function of tenant ${tenant.id}`,
      });
    const logGroup = (name: string, role: iam.IGrantable) => {
      const group = new logs.LogGroup(this, `${name}Logs`, { encryptionKey: operationsKey, retention, removalPolicy: RemovalPolicy.RETAIN });
      group.grantWrite(role);
      return group;
    };

    // Presign: the POST it signs is made with this role's credentials, so the role (not
    // the caller) is what S3 and the bucket policy see on upload.
    // What both functions share: runtime, bundle, role, logs, encrypted environment.
    const functionProps = (name: 'Presign' | 'Inspect', role: iam.Role) => ({
      runtime: SUVEREN_NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: lambdaBundle(name.toLowerCase()),
      handler: 'index.handler',
      role,
      logGroup: logGroup(name, role),
      tracing,
      environmentEncryption: operationsKey,
    });
    const runtimeOptions = { NODE_OPTIONS: '--enable-source-maps' };
    const recoveryKey = tenant.clientSide ? checkRecoveryPublicKey(tenant.clientSide.recoveryPublicKey) : undefined;
    const shared = {
      tenantId: tenant.id,
      tier: tenant.tier,
      bucketName: dataBucket.bucket.bucketName,
      keyArn: encryptionKey.keyArn,
      // The config loader refused any key that fails this check.
      recoveryKeyFingerprint: recoveryKey?.ok ? recoveryKey.fingerprint : undefined,
    };

    const presignRole = functionRole('Presign');
    this.presignFunction = new lambda.Function(this, 'Presign', {
      ...functionProps('Presign', presignRole),
      description: `suveren presign: upload slots for tenant ${tenant.id}`,
      memorySize: 256,
      timeout: Duration.seconds(10),
      ...(props.presignConcurrency !== undefined ? { reservedConcurrentExecutions: props.presignConcurrency } : {}),
      environment: {
        ...runtimeOptions,
        ...PRESIGN_ENVIRONMENT.write({
          ...shared,
          classification: tenant.classification,
          maxObjectBytes: tenant.uploads.maxObjectBytes,
          allowedContentTypes: [...tenant.uploads.allowedContentTypes],
        }),
      },
    });
    dataBucket.grantUpload(presignRole);
    // Uploads carry the `pending` verdict (S3 authorizes a tagged upload as PutObjectTagging too); never another.
    iam.Grant.addToPrincipal({
      grantee: presignRole,
      actions: ['s3:PutObjectTagging'],
      resourceArns: [dataBucket.bucket.arnForObjects(`${dataBucket.objectPrefix}*`)],
      conditions: { StringEquals: { [`s3:RequestObjectTag/${INSPECTION_TAGS.verdict}`]: INSPECTION_VERDICTS.pending } },
    });
    dataBucket.admitPrincipal(presignRole.roleArn);
    this.presignUrl = this.presignFunction.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    this.presignUrl.grantInvokeUrl(props.uploader);

    // Inspect: asynchronous, so failures retry twice and then land in the dead-letter queue.
    this.deadLetterQueue = new sqs.Queue(this, 'InspectDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: operationsKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const inspectRole = functionRole('Inspect');
    this.inspectFunction = new lambda.Function(this, 'Inspect', {
      ...functionProps('Inspect', inspectRole),
      description: `suveren inspect: checks and quarantines new objects of tenant ${tenant.id}`,
      memorySize: 512,
      // Quarantining a large object copies it part by part (5 GiB per UploadPartCopy).
      timeout: Duration.minutes(15),
      ...(props.inspectConcurrency !== undefined ? { reservedConcurrentExecutions: props.inspectConcurrency } : {}),
      retryAttempts: 2,
      deadLetterQueue: this.deadLetterQueue,
      environment: { ...runtimeOptions, ...INSPECT_ENVIRONMENT.write({ ...shared, quarantineBucketName: quarantineBucket.bucket.bucketName }) },
    });
    dataBucket.grantInspection(inspectRole);
    encryptionKey.grantS3Read(inspectRole);
    quarantineBucket.grantTaggedWrite(inspectRole);
    encryptionKey.grantS3Write(inspectRole);
    // Lambda sends dead letters as the function's role, and SQS encrypts them under the
    // operations key on that role's behalf: without these, failed events would be lost.
    operationsKey
      .grant(inspectRole, 'kms:GenerateDataKey', 'kms:Decrypt')
      .principalStatements.forEach((statement) =>
        statement.addCondition('StringEquals', { 'kms:ViaService': `sqs.${Stack.of(this).region}.${Stack.of(this).urlSuffix}` }),
      );
    dataBucket.admitInspector(inspectRole.roleArn);
    quarantineBucket.admitPrincipal(inspectRole.roleArn);
    dataBucket.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.inspectFunction), { prefix: dataBucket.objectPrefix });
    this.acknowledgeFindings(dataBucket);

    new CfnOutput(this, 'UploadUrl', { value: this.presignUrl.url, description: `POST upload requests here (SigV4, service lambda) for tenant ${tenant.id}` });
  }
  private acknowledgeFindings(dataBucket: TenantDataBucket): void {
    for (const fn of [this.presignFunction, this.inspectFunction]) {
      if ((fn.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions === undefined) {
        acknowledge(fn, 'NIST.800.53.R5-LambdaConcurrency', UNRESERVED_CONCURRENCY_REASON);
      }
      acknowledge(fn.role!, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
      acknowledge(
        fn,
        'NIST.800.53.R5-LambdaInsideVPC',
        'The function reaches only S3 and its own log group, over TLS, under IAM and bucket policies that admit exactly this role; a VPC would add NAT or endpoint infrastructure without narrowing who can reach the data.',
      );
    }
    acknowledge(
      this.presignFunction,
      'NIST.800.53.R5-LambdaDLQ',
      'The presign function is invoked synchronously through its URL: the caller receives every error as the HTTP response, so there is nothing for a dead-letter queue to hold.',
    );
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      "This queue is the inspection function's dead-letter queue; a dead-letter queue of its own would only move the same messages again.",
    );
    // What aws-cdk-lib adds for the event notification: a deploy-time handler in the stack, and its policy for this bucket.
    acknowledgeBucketNotifications(dataBucket.bucket);
  }
}
