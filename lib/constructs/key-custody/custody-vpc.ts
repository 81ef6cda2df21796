import { RemovalPolicy, aws_ec2 as ec2, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INLINE_POLICY_REASON, acknowledge } from '../../compliance/acknowledge';
import type { Capability } from '@suveren/core/partitions';

export interface CustodyVpcProps {
  /**
   * Availability Zones, one isolated subnet (and one HSM) in each. Named, not counted:
   * synth stays offline (no AZ lookup in the account).
   */
  readonly availabilityZones: readonly string[];
  /** Encrypts the flow-log group. */
  readonly operationsKey: kms.IKey;
  /**
   * The VPC's address range.
   * @default '10.42.0.0/16'
   */
  readonly cidr?: string;
  /**
   * How long flow logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;
  /**
   * What happens to the VPC and its subnets when they leave the stack. A retained
   * cluster keeps its security group in this VPC and needs these subnets to take HSMs
   * again, so they go with it.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Which interface endpoints to create, by the capability each is (packages/core/partitions.ts):
   * a partition that lacks one gets none.
   * @default every endpoint in CUSTODY_ENDPOINTS
   */
  readonly isUsable?: (capability: Capability) => boolean;
  /**
   * Whether to create the interface and gateway endpoints at all: a VPC that only holds
   * a load balancer in front of an on-premises service calls no AWS API from inside.
   * @default true
   */
  readonly serviceEndpoints?: boolean;
  /**
   * The isolated subnets' group name (it names their logical ids).
   * @default 'hsm'
   */
  readonly subnetName?: string;
  /**
   * Prefix length of each subnet, cut from `cidr`.
   * @default 24
   */
  readonly subnetCidrMask?: number;
}

/** AWS APIs reachable from inside the VPC, through interface endpoints, with the capability each one is. */
export const CUSTODY_ENDPOINTS: Record<string, { readonly service: ec2.InterfaceVpcEndpointAwsService; readonly capability: Capability }> = {
  Kms: { service: ec2.InterfaceVpcEndpointAwsService.KMS, capability: 'endpoint:kms' },
  CloudHsm: { service: ec2.InterfaceVpcEndpointAwsService.CLOUDHSM, capability: 'cloudhsm' },
  Sts: { service: ec2.InterfaceVpcEndpointAwsService.STS, capability: 'endpoint:sts' },
  Ssm: { service: ec2.InterfaceVpcEndpointAwsService.SSM, capability: 'endpoint:ssm' },
  // Session Manager's channel: the crypto officer's cloudhsm-cli host needs no SSH and no internet.
  SsmMessages: { service: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES, capability: 'endpoint:ssmmessages' },
  Ec2Messages: { service: ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES, capability: 'endpoint:ec2messages' },
  Logs: { service: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS, capability: 'endpoint:logs' },
};

/**
 * The network an HSM cluster, or an external key store's load balancer, lives in:
 * isolated subnets only (no internet gateway, no NAT), VPC endpoints for the AWS APIs
 * the cluster and its administration host use, and flow logs of all traffic, encrypted.
 */
export class CustodyVpc extends Construct {
  public readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: CustodyVpcProps) {
    super(scope, id);
    const cidr = props.cidr ?? '10.42.0.0/16';
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      availabilityZones: [...props.availabilityZones],
      natGateways: 0,
      subnetConfiguration: [{ name: props.subnetName ?? 'hsm', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: props.subnetCidrMask ?? 24 }],
      // Nothing may use the default security group: its rules are removed.
      restrictDefaultSecurityGroup: true,
    });
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    (this.vpc.node.defaultChild as ec2.CfnVPC).applyRemovalPolicy(removalPolicy);
    for (const subnet of this.vpc.isolatedSubnets) (subnet.node.defaultChild as ec2.CfnSubnet).applyRemovalPolicy(removalPolicy);
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      encryptionKey: props.operationsKey,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const flowLog = this.vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.ALL });
    const flowLogRole = flowLog.node.tryFindChild('IAMRole');
    if (flowLogRole) acknowledge(flowLogRole, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    if (props.serviceEndpoints === false) return;
    // One group for every endpoint: HTTPS from inside the VPC, nothing else, nothing out.
    const endpoints = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      allowAllOutbound: false,
      description: 'suveren key custody: HTTPS to the VPC endpoints from inside the VPC only',
    });
    endpoints.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), 'HTTPS from inside the custody VPC');
    for (const [name, { service, capability }] of Object.entries(CUSTODY_ENDPOINTS)) {
      if (props.isUsable && !props.isUsable(capability)) continue;
      this.vpc.addInterfaceEndpoint(name, { service, privateDnsEnabled: true, securityGroups: [endpoints], open: false });
    }
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  }
}
