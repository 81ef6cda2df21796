import { RemovalPolicy, Stack, aws_cloudwatch_actions as actions, aws_logs as logs, aws_sns as sns, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { AccessLogBucket } from '../constructs/shared/access-log-bucket';
import { AuditArchiveBucket } from '../constructs/organization/audit-archive-bucket';
import { OutsideRegionActivityAlarm } from '../constructs/organization/outside-region-activity-alarm';
import { BreakGlassActivityAlarm } from '../constructs/organization/break-glass-activity-alarm';
import { AlarmRecipients } from '../constructs/shared/alarm-recipients';
import { GLOBAL_EVENT_SOURCES, GLOBAL_READ_EVENTS } from '../guardrails/global-services';
import { partitionOf } from '../regions';
import { platformDeploymentRoleArn } from '../platform-principals';
import { TENANT_STACK_PREFIX, configDeliveryBucketName } from '@suveren/core/contracts/names';
import { OrganizationTrail } from '../constructs/organization/organization-trail';
import { OrganizationTrailKey } from '../constructs/organization/organization-trail-key';
import { ConfigDeliveryBucket } from '../constructs/organization/config-delivery-bucket';
import { OrganizationConfigAggregator } from '../constructs/organization/organization-config-aggregator';

export interface AuditStackProps extends StackProps {
  readonly organization: SuverenConfig['organization'];
  readonly audit: SuverenConfig['audit'];
  /**
   * Who receives the outside-region and break-glass alarms (config `notifications.audit`).
   * @default nobody: the topic has no subscriber
   */
  readonly notifications?: SuverenConfig['notifications']['audit'];
}

/**
 * The log archive, in the audit account: an organization trail over every region (so
 * activity outside the EU is seen, not only prevented), with log file validation, under
 * a CMK, into an Object Lock (compliance mode) archive; the detective control that
 * alarms on activity outside the allowed regions; and AWS Config's delivery bucket and
 * organization aggregator (docs/conformance.md).
 *
 * The audit account must be the organization's delegated administrator for CloudTrail
 * to create an organization trail; docs/deploying.md says when.
 */
export class AuditStack extends Stack {
  public readonly trail: OrganizationTrail;
  public readonly trailKey: OrganizationTrailKey;
  public readonly archive: AuditArchiveBucket;
  public readonly outsideRegionAlarm: OutsideRegionActivityAlarm;
  /** Every call of the break-glass role, to the same topic. */
  public readonly breakGlassAlarm: BreakGlassActivityAlarm;
  /** Where every account's AWS Config delivery channel writes. */
  public readonly configDelivery: ConfigDeliveryBucket;
  /** Compliance of every account and allowed region, for `suveren conformance`. */
  public readonly configAggregator: OrganizationConfigAggregator;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, { description: 'suveren audit: organization trail, object-locked archive, outside-region alarm', ...props });
    const { organization, audit } = props;
    const partition = partitionOf(audit.region);

    // An organization trail created by the delegated administrator (the audit account)
    // is owned by the management account: its ARN is accepted under either account.
    const trailArns = OrganizationTrail.arns(partition, audit.region, [organization.managementAccount, audit.account]);
    this.trailKey = new OrganizationTrailKey(this, 'TrailKey', { trailArns, region: audit.region, partition });

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
    this.trail = new OrganizationTrail(this, 'OrganizationTrail', {
      organizationId: organization.organizationId,
      trailArns,
      bucket: this.archive.bucket,
      encryptionKey: this.trailKey,
      logGroup,
      // CloudFormation names a tenant's buckets after its stack, lower-cased.
      dataEventBucketPrefix: TENANT_STACK_PREFIX.toLowerCase(),
      partition,
    });

    this.configDelivery = new ConfigDeliveryBucket(this, 'ConfigDelivery', {
      organizationId: organization.organizationId,
      partition,
      bucketName: configDeliveryBucketName(audit.account, audit.region),
      accessLogBucket: accessLogs.bucket,
      retentionDays: audit.retentionDays,
    });
    this.configAggregator = new OrganizationConfigAggregator(this, 'ConfigAggregator', { regions: organization.allowedRegions });

    this.outsideRegionAlarm = new OutsideRegionActivityAlarm(this, 'OutsideRegionActivity', {
      logGroup,
      allowedRegions: organization.allowedRegions,
      globalEventSources: GLOBAL_EVENT_SOURCES,
      globalReadEvents: GLOBAL_READ_EVENTS,
      encryptionKey: this.trailKey,
    });
    this.breakGlassAlarm = new BreakGlassActivityAlarm(this, 'BreakGlassActivity', {
      logGroup,
      breakGlassRoleName: organization.breakGlassRoleName,
      topic: this.outsideRegionAlarm.topic,
      encryptionKey: this.trailKey,
    });
    new AlarmRecipients(this, 'AlarmRecipients', { topic: this.outsideRegionAlarm.topic, emails: props.notifications?.emails });
    if (props.notifications?.topicArn) {
      const existing = new actions.SnsAction(sns.Topic.fromTopicArn(this, 'ExistingAlarmTopic', props.notifications.topicArn));
      for (const alarm of [this.outsideRegionAlarm.alarm, this.breakGlassAlarm.alarm]) alarm.addAlarmAction(existing);
    }
  }
}
