import { CfnOutput, Fn, Stack, Tags, aws_iam as iam, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ExternalKeyStoreConfig, SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import { AlarmRecipients } from '../constructs/shared/alarm-recipients';
import { ExternalKeyStore } from '../constructs/key-custody/external-key-store';
import { ExternalKeyStoreAlarms } from '../constructs/key-custody/external-key-store-alarms';
import { HsmKeyStore } from '../constructs/key-custody/hsm-key-store';
import { KeyCustodyProvider } from '../constructs/key-custody/key-custody-provider';
import { KeyProvisionerRole } from '../constructs/key-custody/key-provisioner-role';
import { XksEndpointService } from '../constructs/key-custody/xks-endpoint-service';
import { OperationsKey } from '../constructs/shared/operations-key';
import { acknowledge } from '../compliance/acknowledge';
import { keyCustodyHandlerRoleName, keyStoreName } from '@suveren/core/contracts/custom-resources';
import { KEY_CUSTODY_TAGS } from '@suveren/core/contracts/names';
import { platformDeploymentRoleArn } from '../platform-principals';

export interface ExternalKeyStoreStackProps extends StackProps {
  /** The store this stack builds (validated config entry). */
  readonly store: ExternalKeyStoreConfig;
  /** The `external`-tier tenants whose keys live in this store: one provisioner role each. */
  readonly tenants: readonly TenantConfig[];
  /**
   * The `external`-tier tenants whose replica's key is in this store (`continuity.replicaKeyCustody`):
   * one replica provisioner role each.
   * @default none
   */
  readonly replicaTenants?: readonly TenantConfig[];
  /**
   * Who receives the external key store's alarms (config `notifications.keyCustody`).
   * @default nobody: subscribe the customer's on-call to the AlarmTopic output
   */
  readonly notifications?: SuverenConfig['notifications']['keyCustody'];
}

/**
 * One KMS external key store and what KMS needs to reach the customer's XKS proxy, in the
 * key-custody account: with `vpc-endpoint-service` connectivity an isolated VPC, an
 * internal Network Load Balancer over the proxy's on-premises addresses and a VPC endpoint
 * service only KMS may use; the proxy credential's secret; the store, connected; alarms on
 * KMS's XKS metrics; and the role each tenant's key handler assumes to create its key.
 * Deployed in two stages (docs/xks-runbook.md):
 * 1. the store entry alone: network, endpoint service (its DNS verification record is an
 *    output), the empty credential secret;
 * 2. once the proxy serves a credential that the crypto officer put in the secret,
 *    `credentialAccessKeyId`: the store, connected, and its alarms.
 */
export class ExternalKeyStoreStack extends Stack {
  /** Zones as deploy-time tokens: synth never looks them up in the account (it must run offline). */
  public override get availabilityZones(): string[] {
    return this.zoneNames;
  }

  public readonly endpointService?: XksEndpointService;
  public readonly keyStore: ExternalKeyStore;
  /** Present once the store exists (stage 2). */
  public readonly alarms?: ExternalKeyStoreAlarms;
  public readonly provisioners: readonly KeyProvisionerRole[];
  private readonly zoneNames: string[];

  constructor(scope: Construct, id: string, props: ExternalKeyStoreStackProps) {
    super(scope, id, { description: `suveren key custody: KMS external key store ${props.store.id} over the customer's XKS proxy`, ...props });
    const { store } = props;
    this.zoneNames = Array.from({ length: store.network?.availabilityZones ?? 0 }, (_, i) => Fn.select(i, Fn.getAzs()));
    const name = keyStoreName(store.id);

    const handlerRoleName = keyCustodyHandlerRoleName(store.id);
    const handlerRoleArn = this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: handlerRoleName });
    const cryptoOfficerArn = HsmKeyStore.cryptoOfficerArn(this, store.cryptoOfficerRoleName);
    const operationsKey = new OperationsKey(this, 'OperationsKey', {
      ownerId: `key-custody/${store.id}`,
      // The proxy credential: the handler and the crypto officer, nobody else.
      secretReaderArns: [handlerRoleArn, cryptoOfficerArn],
    });
    const handlerRole = new iam.Role(this, 'HandlerRole', {
      roleName: handlerRoleName,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `suveren key-custody custom resource handler of external key store ${store.id}`,
    });
    const provider = new KeyCustodyProvider(this, 'Provider', { operationsKey: operationsKey.key, role: handlerRole });

    if (store.network) {
      this.endpointService = new XksEndpointService(this, 'EndpointService', {
        availabilityZones: this.zoneNames,
        vpcCidr: store.network.vpcCidr,
        proxyAddresses: store.network.proxyAddresses,
        proxyPort: store.network.proxyPort,
        privateDnsName: new URL(store.proxy.uriEndpoint).hostname,
        operationsKey: operationsKey.key,
      });
    }
    this.keyStore = new ExternalKeyStore(this, 'KeyStore', {
      keyStoreName: name,
      provider,
      connectivity: store.proxy.connectivity,
      uriEndpoint: store.proxy.uriEndpoint,
      uriPath: store.proxy.uriPath,
      ...(this.endpointService ? { vpcEndpointServiceName: this.endpointService.serviceName } : {}),
      operationsKey: operationsKey.key,
      cryptoOfficerArn,
      platformPrincipalArns: [platformDeploymentRoleArn(this)],
      credentialAccessKeyId: store.credentialAccessKeyId,
    });
    // The store is created over a working endpoint service, and disconnected before it goes.
    if (this.endpointService && this.keyStore.resource) this.keyStore.resource.node.addDependency(this.endpointService);
    if (this.keyStore.customKeyStoreId) {
      this.alarms = new ExternalKeyStoreAlarms(this, 'Alarms', {
        keyStoreName: name,
        customKeyStoreId: this.keyStore.customKeyStoreId,
        operationsKey: operationsKey.key,
      });
      new AlarmRecipients(this, 'AlarmRecipients', { topic: this.alarms.topic, emails: props.notifications?.emails });
      const existingTopic = props.notifications?.topicArn;
      if (existingTopic) {
        for (const alarm of this.alarms.alarms) {
          alarm.alarmActions = [...(alarm.alarmActions ?? []), existingTopic];
          alarm.okActions = [...(alarm.okActions ?? []), existingTopic];
        }
      }
      new CfnOutput(this, 'CustomKeyStoreId', { value: this.keyStore.customKeyStoreId, description: `KMS external key store ${name}` });
      new CfnOutput(this, 'AlarmTopic', {
        value: this.alarms.topic.topicArn,
        description: "Subscribe the customer's on-call to the external key store's alarms",
      });
    }
    this.provisioners = [
      ...props.tenants.map(
        (tenant) =>
          new KeyProvisionerRole(this, `KeyProvisioner-${tenant.id}`, {
            clusterName: store.id,
            tenantId: tenant.id,
            tenantAccount: tenant.account,
            keyStore: 'external-key-store',
          }),
      ),
      ...(props.replicaTenants ?? []).map(
        (tenant) =>
          new KeyProvisionerRole(this, `ReplicaKeyProvisioner-${tenant.id}`, {
            clusterName: store.id,
            tenantId: tenant.id,
            tenantAccount: tenant.account,
            keyStore: 'external-key-store',
            replica: true,
          }),
      ),
    ];

    new CfnOutput(this, 'ProxyCredentialSecret', {
      value: this.keyStore.proxyCredential.secretArn,
      description: 'Secret the crypto officer puts the proxy credential in (docs/xks-runbook.md, step 5)',
    });
    if (this.endpointService) {
      new CfnOutput(this, 'VpcEndpointServiceName', {
        value: this.endpointService.serviceName,
        description: 'The endpoint service KMS connects to the proxy through',
      });
    }
    acknowledge(
      provider.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Only for actions IAM cannot scope to a resource: the KMS custom key store actions (no resource type before the store exists) and, with VPC endpoint service connectivity, ec2:DescribeVpcEndpointServiceConfigurations and ec2:DescribeVpcEndpointServices, which KMS has its caller make and which have no resource type.',
    );
    Tags.of(this).add(KEY_CUSTODY_TAGS.externalKeyStore, store.id);
  }
}
