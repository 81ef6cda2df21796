import { Duration, RemovalPolicy, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledge } from '../../compliance/acknowledge';
import { AccessLogBucket } from '../shared/access-log-bucket';
import { protectedBucketProps } from '../shared/protected-bucket-props';
import { pinSseKms } from '../shared/sse-kms-pinning';

export interface PipelineArtifactStoreProps {
  /** The organization whose principals alone may touch the buckets and the key. */
  readonly organizationId: string;
  /**
   * Days a pipeline artifact (a synthesized assembly, a plan, an evidence report) is kept.
   * @default 400: a year of deployments and their evidence, and a month to spare
   */
  readonly artifactRetentionDays?: number;
}

/**
 * Where Suveren-Pipeline keeps what it passes between stages and what it has deployed:
 * an artifact bucket (CodePipeline's artifact store) and a baseline bucket (the last
 * deployed template of every stack, `deployed/`), both under one customer-managed key,
 * versioned, logged, TLS 1.2+ only, and refusing every principal outside the
 * organization, whatever its IAM policies say.
 */
export class PipelineArtifactStore extends Construct {
  public readonly key: kms.Key;
  public readonly artifactBucket: s3.Bucket;
  public readonly baselineBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: PipelineArtifactStoreProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'suveren pipeline: artifacts and deployed baselines',
      enableKeyRotation: true,
      multiRegion: false,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
      alias: 'alias/suveren/pipeline',
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyOutsideOrganization',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        resources: ['*'],
        conditions: {
          StringNotEquals: { 'aws:PrincipalOrgID': props.organizationId },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
    const logs = new AccessLogBucket(this, 'AccessLogs');
    const bucket = (constructId: string, logPrefix: string, expiration?: Duration) => {
      const base = protectedBucketProps({ encryptionKey: this.key, accessLogBucket: logs.bucket, accessLogPrefix: logPrefix });
      const b = new s3.Bucket(this, constructId, {
        ...base,
        lifecycleRules: [
          ...(base.lifecycleRules ?? []),
          ...(expiration ? [{ id: 'expire-artifacts', expiration, noncurrentVersionExpiration: Duration.days(30) }] : []),
        ],
      });
      b.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DenyOutsideOrganization',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:*'],
          resources: [b.bucketArn, b.arnForObjects('*')],
          conditions: {
            StringNotEquals: { 'aws:PrincipalOrgID': props.organizationId },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      );
      // CodePipeline and CodeBuild name the store's key ARN when they write; nothing else may be named.
      pinSseKms(b, [this.key.keyArn]);
      acknowledge(
        b,
        'NIST.800.53.R5-S3BucketReplicationEnabled',
        'Pipeline artifacts and baselines are rebuilt from the release and the deployed stacks; a replica would only widen where the landing zone description is kept. S3 keeps each object across Availability Zones of the region, versioned.',
      );
      return b;
    };
    this.artifactBucket = bucket('ArtifactBucket', 'artifacts/', Duration.days(props.artifactRetentionDays ?? 400));
    // Never expires: the baseline is the record of what is deployed.
    this.baselineBucket = bucket('BaselineBucket', 'baselines/');
  }
}
