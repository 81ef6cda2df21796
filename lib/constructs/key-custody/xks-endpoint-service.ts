import {
  CfnOutput,
  Fn,
  Stack,
  aws_ec2 as ec2,
  aws_elasticloadbalancingv2 as elbv2,
  aws_elasticloadbalancingv2_targets as targets,
  aws_kms as kms,
} from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { acknowledge } from '../../compliance/acknowledge';
import { partitionOf } from '../../regions';
import { CustodyVpc } from './custody-vpc';

export interface XksEndpointServiceProps {
  /** Availability Zones for the load balancer, one isolated subnet in each (KMS needs at least two). */
  readonly availabilityZones: readonly string[];
  /** The custody VPC's range; it must not overlap the on-premises network of the proxy. */
  readonly vpcCidr: string;
  /** The proxy's on-premises IPv4 addresses, reached over the customer's Direct Connect or VPN. */
  readonly proxyAddresses: readonly string[];
  /**
   * The port the proxy listens on. KMS always calls 443; the load balancer forwards to this.
   * @default 443
   */
  readonly proxyPort?: number;
  /**
   * The endpoint service's private DNS name: the host of the store's `XksProxyUriEndpoint`,
   * a name under a public domain the customer controls, matching the proxy's TLS certificate.
   */
  readonly privateDnsName: string;
  /** Encrypts the VPC's flow logs. */
  readonly operationsKey: kms.IKey;
}

/**
 * How KMS reaches an on-premises XKS proxy privately: an isolated VPC, an internal Network
 * Load Balancer whose targets are the proxy's on-premises addresses, and a VPC endpoint
 * service in front of it that only KMS (`cks.kms.<region>.amazonaws.com`) may connect to,
 * with no acceptance step and the proxy's host name as its private DNS name. TLS passes
 * through to the proxy (TCP listener): the load balancer never holds the certificate's
 * key or sees a request. The link from the VPC to the premises (a virtual private gateway
 * or transit gateway attachment, Direct Connect or VPN) is the customer's network team's,
 * outside this construct (docs/xks-runbook.md, step 2).
 */
export class XksEndpointService extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly loadBalancer: elbv2.NetworkLoadBalancer;
  public readonly endpointService: ec2.CfnVPCEndpointService;
  /** What KMS's `XksProxyVpcEndpointServiceName` is: `com.amazonaws.vpce.<region>.<service id>`. */
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: XksEndpointServiceProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const proxyPort = props.proxyPort ?? 443;
    const vpcBits = Number(props.vpcCidr.split('/')[1]);
    this.vpc = new CustodyVpc(this, 'Network', {
      availabilityZones: props.availabilityZones,
      cidr: props.vpcCidr,
      operationsKey: props.operationsKey,
      serviceEndpoints: false,
      subnetName: 'xks',
      // Room for three zones' subnets in the range, however small the customer made it.
      subnetCidrMask: vpcBits + 2,
    }).vpc;

    // Outbound only to the proxy. Inbound PrivateLink traffic is not filtered here: the
    // endpoint service admits KMS's principal alone, which is the control that matters,
    // and the source addresses of PrivateLink traffic are not the consumer's.
    const securityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: this.vpc,
      allowAllOutbound: false,
      description: 'suveren XKS: forwards KMS traffic from the endpoint service to the on-premises proxy, nothing else',
    });
    for (const address of props.proxyAddresses) {
      securityGroup.addEgressRule(ec2.Peer.ipv4(`${address}/32`), ec2.Port.tcp(proxyPort), `the XKS proxy at ${address}`);
    }
    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc: this.vpc,
      internetFacing: false,
      vpcSubnets: { subnets: this.vpc.isolatedSubnets },
      crossZoneEnabled: true,
      deletionProtection: true,
      securityGroups: [securityGroup],
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: false,
    });
    const proxies = new elbv2.NetworkTargetGroup(this, 'Proxies', {
      vpc: this.vpc,
      port: proxyPort,
      protocol: elbv2.Protocol.TCP,
      targetType: elbv2.TargetType.IP,
      // 'all': the addresses are outside the VPC, on premises.
      targets: props.proxyAddresses.map((address) => new targets.IpTarget(address, proxyPort, 'all')),
      healthCheck: { protocol: elbv2.Protocol.TCP },
    });
    const listener = this.loadBalancer.addListener('Tls', { port: 443, protocol: elbv2.Protocol.TCP, defaultTargetGroups: [proxies] });
    acknowledge(
      listener,
      'NIST.800.53.R5-ELBv2ACMCertificateRequired',
      "TLS must end at the customer's proxy, with a certificate whose private key stays on the customer's premises: an ACM certificate on this listener would put that key in AWS and decrypt KMS's requests to the proxy inside AWS. The listener passes TLS through (TCP), and KMS verifies the proxy's certificate itself (TLS 1.2 or later, a public CA, the uriEndpoint host).",
    );

    this.endpointService = new ec2.CfnVPCEndpointService(this, 'EndpointService', {
      networkLoadBalancerArns: [this.loadBalancer.loadBalancerArn],
      // KMS refuses a service that asks for acceptance; the allowed principal below is the gate.
      acceptanceRequired: false,
      privateDnsName: props.privateDnsName,
    });
    const domain = RegionInfo.get(stack.region).domainSuffix ?? 'amazonaws.com';
    new ec2.CfnVPCEndpointServicePermissions(this, 'OnlyKms', {
      serviceId: this.endpointService.ref,
      allowedPrincipals: [`cks.kms.${stack.region}.${domain}`],
    });
    // KMS's XksProxyVpcEndpointServiceName pattern is ^(com|eu)\.amazonaws\.vpce\...: `eu` in the European Sovereign Cloud.
    const prefix = partitionOf(stack.region) === 'aws-eusc' ? 'eu' : 'com';
    this.serviceName = Fn.join('.', [prefix, 'amazonaws', 'vpce', stack.region, this.endpointService.ref]);

    new CfnOutput(this, 'PrivateDnsVerificationRecord', {
      value: Fn.join(' ', [this.endpointService.attrPrivateDnsNameConfigurationName, 'TXT', this.endpointService.attrPrivateDnsNameConfigurationValue]),
      description: `The TXT record to add to the public DNS of ${props.privateDnsName}'s domain before KMS can connect (docs/xks-runbook.md, step 4)`,
    });

    const noLogs =
      'Network Load Balancer access logs exist only for TLS listeners; this listener passes TLS through to the proxy, which keeps its own audit log of every request and decision (docs/xks-proxy.md), and VPC flow logs record every connection.';
    acknowledge(this.loadBalancer, 'AwsSolutions-ELB2', noLogs);
    acknowledge(this.loadBalancer, 'NIST.800.53.R5-ELBLoggingEnabled', noLogs);
  }
}
