import { aws_cloudtrail as cloudtrail, aws_iam as iam, type aws_kms as kms, type aws_logs as logs, type aws_s3 as s3 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { INLINE_POLICY_REASON, acknowledge } from '../../compliance/acknowledge';
import { ORGANIZATION_TRAIL_NAME } from '@suveren/core/contracts/names';

export interface OrganizationTrailProps {
  /** The organization (`o-...`) whose accounts the trail records. */
  readonly organizationId: string;
  /** The trail's ARNs, under every account that may own it (`OrganizationTrail.arns`). */
  readonly trailArns: readonly string[];
  /** The object-locked archive the trail delivers to. */
  readonly bucket: s3.IBucket;
  /** The key the trail, and its log group, encrypt under. */
  readonly encryptionKey: kms.IKey;
  /** Where the trail's events also go, for the detective controls. */
  readonly logGroup: logs.ILogGroup;
  /**
   * S3 object-level data events are recorded for buckets whose names start with this
   * (CloudFormation names a stack's buckets after the stack).
   * @default no data events
   */
  readonly dataEventBucketPrefix?: string;
  /** The trail's partition, for the data-event bucket ARNs. */
  readonly partition: string;
}

/**
 * The organization trail: every region (so activity outside the EU is seen, not only
 * prevented), global service events, log file validation, under a customer-managed key,
 * into the archive, and to CloudWatch Logs. Advanced selectors record every management
 * event (KMS Encrypt/Decrypt/GenerateDataKey are management events) and the tenant
 * buckets' object-level data events.
 *
 * An organization trail created by the delegated administrator (the audit account) is
 * owned by the management account: delivery is accepted under either account's trail
 * ARN, for the organization's log prefix.
 */
export class OrganizationTrail extends cloudtrail.Trail {
  /** The ARNs an organization trail named `suveren-organization-trail` can have in `region`. */
  public static arns(partition: string, region: string, accounts: readonly string[]): string[] {
    return accounts.map((account) => `arn:${partition}:cloudtrail:${region}:${account}:trail/${ORGANIZATION_TRAIL_NAME}`);
  }

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id, {
      trailName: ORGANIZATION_TRAIL_NAME,
      isOrganizationTrail: true,
      orgId: props.organizationId,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      encryptionKey: props.encryptionKey,
      bucket: props.bucket,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: props.logGroup,
    });
    // aws-cdk-lib's Trail allows delivery only under the audit account's trail ARN; allow
    // the management account's too, for the same organization log prefix.
    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDeliversOrganizationLogs',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(`AWSLogs/${props.organizationId}/*`)],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': [...props.trailArns] } },
      }),
    );
    (this.node.defaultChild as cloudtrail.CfnTrail).advancedEventSelectors = [
      { name: 'All management events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
      ...(props.dataEventBucketPrefix
        ? [
            {
              name: 'Tenant bucket object events',
              fieldSelectors: [
                { field: 'eventCategory', equalTo: ['Data'] },
                { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
                { field: 'resources.ARN', startsWith: [`arn:${props.partition}:s3:::${props.dataEventBucketPrefix}`] },
              ],
            },
          ]
        : []),
    ];
    acknowledge(this.node.findChild('LogsRole'), 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
  }
}
