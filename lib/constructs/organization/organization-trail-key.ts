import { Aws, Duration, RemovalPolicy, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export interface OrganizationTrailKeyProps {
  /** The trail's ARNs, under every account that may own it (the management account and the audit account). */
  readonly trailArns: readonly string[];
  /** The audit region: the trail's home and its log group's. */
  readonly region: string;
  /** The audit region's partition. */
  readonly partition: string;
}

/**
 * The customer-managed key of the organization trail, its CloudWatch log group and its
 * alarm topic: single-Region, rotated yearly, retained. CloudTrail may use it only for
 * the named trail, CloudWatch Logs only for log groups in this account and region.
 */
export class OrganizationTrailKey extends kms.Key {
  constructor(scope: Construct, id: string, props: OrganizationTrailKeyProps) {
    super(scope, id, {
      description: 'suveren organization trail, its log group and its alarm topic',
      enableKeyRotation: true,
      multiRegion: false,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const trailArns = [...props.trailArns];
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryptsOrganizationLogs',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArns.map((arn) => arn.replace(`:${props.region}:`, ':*:')) },
          StringEquals: { 'aws:SourceArn': trailArns },
        },
      }),
    );
    // With S3 Bucket Keys on the archive, the data key's encryption context is the bucket
    // ARN, not the trail's, and CloudTrail needs Decrypt to create or update the trail.
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDecryptsForBucketKey',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceArn': trailArns } },
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribesKey',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsTrailLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${props.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${props.partition}:logs:${props.region}:${Aws.ACCOUNT_ID}:log-group:*` },
        },
      }),
    );
  }
}
