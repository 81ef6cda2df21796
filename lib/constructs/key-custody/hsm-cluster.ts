import { CfnOutput, CustomResource, RemovalPolicy, aws_cloudhsm as cloudhsm, aws_ec2 as ec2, aws_iam as iam, aws_ssm as ssm } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HSM_RESOURCE_TYPES, clusterCsrParameterName, type HsmProperties } from '@suveren/core/contracts/custom-resources';
import type { KeyCustodyProvider } from './key-custody-provider';

export interface HsmClusterProps {
  /** The cluster's id in the suveren config; names the CSR parameter. */
  readonly clusterName: string;
  /** The VPC; the cluster takes one isolated subnet per Availability Zone. */
  readonly vpc: ec2.IVpc;
  /** The handler that creates and deletes HSMs. */
  readonly provider: KeyCustodyProvider;
  /**
   * The HSM type.
   * @default 'hsm2m.medium' (FIPS 140-3 level 3)
   */
  readonly hsmType?: string;
  /**
   * Days CloudHSM keeps cluster backups after they are made (7-379).
   * @default 90
   */
  readonly backupRetentionDays?: number;
  /**
   * Whether to create an HSM in every zone, or only the first one. A cluster takes more
   * HSMs only once it is initialized, so the stack asks for the others once the config
   * carries the signed certificate.
   * @default true
   */
  readonly hsmInEveryZone?: boolean;
  /**
   * What happens to the cluster when it leaves the stack. Its HSMs are deleted either
   * way (they are billed by the hour); with RETAIN the cluster and its backups stay,
   * and HSMs can be added back from them.
   * @default RemovalPolicy.RETAIN: the cluster holds the tenants' key material
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A CloudHSM cluster (`AWS::CloudHSM::Cluster`) and one HSM per Availability Zone, each
 * a `Custom::SuverenHsm` that waits until the HSM is ACTIVE. The first HSM produces the
 * cluster CSR, published as an output and an SSM parameter for the offline signing
 * step; the others (`hsmInEveryZone`) wait for `addHsmsAfter`, since a cluster takes
 * more HSMs only once it is initialized. HSMs reference the cluster, so
 * CloudFormation deletes them, and waits for them, before it deletes the cluster.
 */
export class HsmCluster extends Construct {
  public readonly cluster: cloudhsm.CfnCluster;
  /** CloudHSM's id of the cluster (`cluster-...`). */
  public readonly clusterId: string;
  /** The security group CloudHSM made for the cluster's HSMs. */
  public readonly securityGroupId: string;
  /** The HSMs, one per Availability Zone; the first one is created before initialization. */
  public readonly hsms: readonly CustomResource[];
  /** The cluster's certificate signing request (PEM), once the first HSM exists. */
  public readonly csr: string;

  constructor(scope: Construct, id: string, props: HsmClusterProps) {
    super(scope, id);
    const subnets = props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED, onePerAz: true }).subnets;
    if (subnets.length < 2)
      throw new Error(`HsmCluster ${this.node.path}: KMS needs HSMs in at least two Availability Zones; the VPC has isolated subnets in ${subnets.length}`);
    this.cluster = new cloudhsm.CfnCluster(this, 'Cluster', {
      hsmType: props.hsmType ?? 'hsm2m.medium',
      subnetIds: subnets.map((s) => s.subnetId),
      backupRetentionPolicy: { type: 'DAYS', value: String(props.backupRetentionDays ?? 90) },
      mode: 'FIPS',
    });
    this.cluster.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);
    // cfn-lint 1.51's resource schemas predate AWS::CloudHSM::Cluster: without this it reports the type as unknown.
    this.cluster.addMetadata('cfn-lint', { config: { ignore_checks: ['E3006'] } });
    this.clusterId = this.cluster.attrClusterId;
    this.securityGroupId = this.cluster.attrSecurityGroup;

    this.hsms = subnets.slice(0, (props.hsmInEveryZone ?? true) ? subnets.length : 1).map(
      (subnet, i) =>
        new CustomResource(this, `Hsm${i + 1}`, {
          serviceToken: props.provider.serviceToken,
          resourceType: HSM_RESOURCE_TYPES.hsm,
          properties: { ClusterId: this.clusterId, AvailabilityZone: subnet.availabilityZone } satisfies HsmProperties,
        }),
    );
    props.provider.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['cloudhsm:CreateHsm', 'cloudhsm:InitializeCluster'], resources: [this.cluster.attrArn] }),
    );
    // DeleteHsm and DescribeClusters take no resource type in the Service Authorization
    // Reference: scoped to the cluster ARN, IAM would deny them, and a stack deletion or
    // rollback would end in DELETE_FAILED while the HSMs go on billing.
    props.provider.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['cloudhsm:DeleteHsm', 'cloudhsm:DescribeClusters'], resources: ['*'] }));
    // What the Service Authorization Reference lists for CreateHsm and DeleteHsm: the HSM's
    // network interface in the cluster's subnet and the cluster's security group, plus
    // the reads and tags of AWS's AWSCloudHSMRole policy.
    props.provider.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'ec2:AuthorizeSecurityGroupEgress',
          'ec2:AuthorizeSecurityGroupIngress',
          'ec2:CreateNetworkInterface',
          'ec2:CreateSecurityGroup',
          'ec2:CreateTags',
          'ec2:DeleteNetworkInterface',
          'ec2:DescribeNetworkInterfaceAttribute',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
          'ec2:DetachNetworkInterface',
          'ec2:RevokeSecurityGroupEgress',
        ],
        resources: ['*'],
      }),
    );

    this.csr = this.hsms[0].getAttString('ClusterCsr');
    new ssm.StringParameter(this, 'CsrParameter', {
      parameterName: clusterCsrParameterName(props.clusterName),
      stringValue: this.csr,
      description: `CSR of HSM cluster ${props.clusterName}: sign it offline with \`suveren hsm sign-csr\` (docs/hsm-runbook.md, step 3)`,
    });
    new CfnOutput(this, 'ClusterCsr', { value: this.csr, description: `CSR of HSM cluster ${props.clusterName}, for suveren hsm sign-csr` });
    new CfnOutput(this, 'ClusterIdOutput', { value: this.clusterId, description: `CloudHSM cluster id of ${props.clusterName}` });
  }

  /** Makes every HSM but the first wait for `dependency` (the cluster's initialization). */
  public addHsmsAfter(dependency: Construct): void {
    for (const hsm of this.hsms.slice(1)) hsm.node.addDependency(dependency);
  }
}
