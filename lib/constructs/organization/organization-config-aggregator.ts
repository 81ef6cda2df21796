import { Aws, aws_config as config, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledge } from '../../compliance/acknowledge';
import { CONFIG_AGGREGATOR_NAME } from '@suveren/core/contracts/names';

export interface OrganizationConfigAggregatorProps {
  /** The regions aggregated: the organization's allowed regions. */
  readonly regions: readonly string[];
  /**
   * The aggregator's name.
   * @default CONFIG_AGGREGATOR_NAME ('suveren')
   */
  readonly aggregatorName?: string;
}

/**
 * An AWS Config organization aggregator in the audit account (the delegated
 * administrator for `config.amazonaws.com`): compliance and configuration of every
 * account, in the allowed regions only. Its role is the one AWS documents for
 * organization aggregators (AWSConfigRoleForOrganizations: Organizations reads only).
 */
export class OrganizationConfigAggregator extends Construct {
  public readonly aggregator: config.CfnConfigurationAggregator;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: OrganizationConfigAggregatorProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      // Only for this account's aggregators (confused deputy).
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
      description: 'AWS Config reads the organization for the suveren aggregator',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations')],
    });
    acknowledge(
      this.role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]',
      "AWS's own policy for organization aggregators, as the AWS Config developer guide prescribes: read-only Organizations calls (DescribeOrganization, ListAccounts, ListAWSServiceAccessForOrganization), maintained by AWS as Config needs change; a copy would drift.",
    );
    this.aggregator = new config.CfnConfigurationAggregator(this, 'Aggregator', {
      configurationAggregatorName: props.aggregatorName ?? CONFIG_AGGREGATOR_NAME,
      organizationAggregationSource: { roleArn: this.role.roleArn, awsRegions: [...props.regions], allAwsRegions: false },
    });
  }
}
