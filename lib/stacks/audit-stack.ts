import { Aws, Duration, RemovalPolicy, Stack, aws_cloudtrail as cloudtrail, aws_iam as iam, aws_kms as kms, aws_logs as logs, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { SuverenConfig } from '../config/schema';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { AuditArchiveBucket } from '../constructs/audit-archive-bucket';
import { OutsideRegionActivityAlarm } from '../constructs/outside-region-activity-alarm';
import { GLOBAL_EVENT_SOURCES, GLOBAL_READ_EVENTS } from '../guardrails/global-services';
import { partitionOf } from '../regions';
import { platformDeploymentRoleArn } from '../platform-principals';
import { ORGANIZATION_TRAIL_NAME, TENANT_STACK_PREFIX } from '../contracts/names';
import { INLINE_POLICY_REASON, acknowledge } from '../compliance/acknowledge';


export interface AuditStackProps extends StackProps {
  readonly organization: SuverenConfig['organization'];
  readonly audit: SuverenConfig['audit'];
}

/**
 * The log archive, in the audit account: an organization trail over every region (so
 * activity outside the EU is seen, not only prevented), with log file validation, under
 * a CMK, into an Object Lock (compliance mode) archive; and the detective control that
 * alarms on activity outside the allowed regions.
 *
 * The audit account must be the organization's delegated administrator for CloudTrail
 * to create an organization trail; the README's deployment order says when.
 */
export class AuditStack extends Stack {
  public readonly trail: cloudtrail.Trail;
  public readonly trailKey: kms.Key;
  public readonly archive: AuditArchiveBucket;
  public readonly outsideRegionAlarm: OutsideRegionActivityAlarm;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, { description: 'suveren audit: organization trail, object-locked archive, outside-region alarm', ...props });
    const { organization, audit } = props;
    const partition = partitionOf(audit.region);

    this.trailKey = new kms.Key(this, 'TrailKey', {
      description: 'suveren organization trail, its log group and its alarm topic',
      enableKeyRotation: true,
      multiRegion: false,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An organization trail created by the delegated administrator (the audit account)
    // is owned by the management account; accept the trail ARN under either account,
    // as aws-cdk-lib's Trail does for the bucket policy.
    const trailArns = [organization.managementAccount, audit.account].map(
      (account) => `arn:${partition}:cloudtrail:${audit.region}:${account}:trail/${ORGANIZATION_TRAIL_NAME}`,
    );
    this.trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryptsOrganizationLogs',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArns.map((arn) => arn.replace(`:${audit.region}:`, ':*:')) },
          StringEquals: { 'aws:SourceArn': trailArns },
        },
      }),
    );
    // With S3 Bucket Keys on the archive, the data key's encryption context is the bucket
    // ARN, not the trail's, and CloudTrail needs Decrypt to create or update the trail.
    this.trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDecryptsForBucketKey',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceArn': trailArns } },
      }),
    );
    this.trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribesKey',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
      }),
    );
    this.trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsTrailLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${audit.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${audit.region}:${Aws.ACCOUNT_ID}:log-group:*` },
        },
      }),
    );

    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retentionDays: audit.retentionDays });
    this.archive = new AuditArchiveBucket(this, 'Archive', {
      retentionDays: audit.retentionDays,
      encryptionKey: this.trailKey,
      accessLogBucket: accessLogs.bucket,
      configurationPrincipalArns: [platformDeploymentRoleArn(this)],
      // Log file validation's digest files are always SSE-S3, whatever the trail's key.
      digestWriter: { organizationId: organization.organizationId, trailArns },
    });

    const logGroup = new logs.LogGroup(this, 'TrailLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: this.trailKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.trail = new cloudtrail.Trail(this, 'OrganizationTrail', {
      trailName: ORGANIZATION_TRAIL_NAME,
      isOrganizationTrail: true,
      orgId: organization.organizationId,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      encryptionKey: this.trailKey,
      bucket: this.archive.bucket,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: logGroup,
    });
    // aws-cdk-lib's Trail allows delivery only under the audit account's trail ARN; allow
    // the management account's too, for the same organization log prefix.
    this.archive.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDeliversOrganizationLogs',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.archive.bucket.arnForObjects(`AWSLogs/${organization.organizationId}/*`)],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArns } },
      }),
    );
    // Advanced selectors: every management event (KMS Encrypt/Decrypt/GenerateDataKey
    // are management events), plus S3 object-level data events of the tenant buckets,
    // whose CloudFormation-generated names start with the tenant stacks' names.
    (this.trail.node.defaultChild as cloudtrail.CfnTrail).advancedEventSelectors = [
      { name: 'All management events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
      {
        name: 'Tenant bucket object events',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          { field: 'resources.ARN', startsWith: [`arn:${partition}:s3:::${TENANT_STACK_PREFIX.toLowerCase()}`] },
        ],
      },
    ];

    this.outsideRegionAlarm = new OutsideRegionActivityAlarm(this, 'OutsideRegionActivity', {
      logGroup,
      allowedRegions: organization.allowedRegions,
      globalEventSources: GLOBAL_EVENT_SOURCES,
      globalReadEvents: GLOBAL_READ_EVENTS,
      encryptionKey: this.trailKey,
    });
    acknowledge(this.trail.node.findChild('LogsRole'), 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
  }
}
