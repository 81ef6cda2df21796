import { KEY_CUSTODY_TAGS } from '@suveren/core/contracts/names';
import { CfnOutput, Fn, Stack, Tags, aws_iam as iam, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { HsmClusterConfig, TenantConfig } from '@suveren/core/config/schema';
import { ClusterInitialization } from '../constructs/key-custody/cluster-initialization';
import { CustodyVpc } from '../constructs/key-custody/custody-vpc';
import { HsmCluster } from '../constructs/key-custody/hsm-cluster';
import { KeyProvisionerRole } from '../constructs/key-custody/key-provisioner-role';
import { HsmKeyStore } from '../constructs/key-custody/hsm-key-store';
import { KeyCustodyProvider } from '../constructs/key-custody/key-custody-provider';
import { OperationsKey } from '../constructs/shared/operations-key';
import { keyCustodyHandlerRoleName, keyStoreName } from '@suveren/core/contracts/custom-resources';
import { platformDeploymentRoleArn } from '../platform-principals';
import { acknowledge } from '../compliance/acknowledge';
import { type Capability, isUsable } from '@suveren/core/partitions';
import { partitionOf } from '../regions';

export interface KeyCustodyStackProps extends StackProps {
  /** The cluster this stack builds (validated config entry). */
  readonly cluster: HsmClusterConfig;
  /**
   * The `hsm`-tier tenants whose provisioner roles this stack holds: those without a
   * provisionerShard; the others are in the cluster's -Provisioners-<n> stacks.
   */
  readonly tenants: readonly TenantConfig[];
  /**
   * The `hsm`-tier tenants whose replica's key is in this cluster (`continuity.replicaKeyCustody`):
   * their replica provisioner roles, always in the cluster's own stack.
   * @default none
   */
  readonly replicaTenants?: readonly TenantConfig[];
  /**
   * Capabilities the config assumes available in the cluster's partition (`organization.assumeAvailable`).
   * @default none: only what packages/core/partitions.ts marks available
   */
  readonly assumeAvailable?: readonly Capability[];
}

/**
 * One CloudHSM cluster and its KMS custom key store, in the key-custody account: an
 * isolated VPC, the cluster with one HSM per Availability Zone, its initialization
 * with the customer's offline-signed certificate, the key store, and the role tenant
 * stacks assume to create their HSM-backed keys. Deployed in stages, each a
 * `cdk deploy` after a config change that is reviewed like any other (docs/hsm-runbook.md):
 * 1. the cluster entry alone: VPC, cluster, first HSM, CSR and the kmsuser password secret;
 * 2. `initialization` (signed certificate and trust anchor, public PEM): initialization, the other HSMs;
 * 3. after activation and kmsuser by hand, `kmsUserReady: true`: the key store, connected.
 * The stages live in the config, not in stack parameters, so a pipeline that redeploys
 * can never fall back to an earlier stage by forgetting a parameter.
 */
export class KeyCustodyStack extends Stack {
  /**
   * Zones as deploy-time tokens: synth never looks them up in the account (it must run
   * offline, without credentials).
   */
  public override get availabilityZones(): string[] {
    return this.zoneNames;
  }

  public readonly cluster: HsmCluster;
  public readonly initialization: ClusterInitialization;
  public readonly keyStore: HsmKeyStore;
  /** One per tenant whose keys live in this cluster. */
  public readonly provisioners: readonly KeyProvisionerRole[];
  private readonly zoneNames: string[];

  constructor(scope: Construct, id: string, props: KeyCustodyStackProps) {
    super(scope, id, { description: `suveren key custody: CloudHSM cluster ${props.cluster.id} and its KMS custom key store`, ...props });
    const { cluster: config } = props;
    // The account's first zones, resolved by CloudFormation at deploy time (Fn::GetAZs), so
    // nothing names a zone that another account maps differently.
    this.zoneNames = Array.from({ length: config.availabilityZones }, (_, i) => Fn.select(i, Fn.getAzs()));

    // Named, so the operations key and the guardrail SCP can name it without a reference.
    const handlerRoleName = keyCustodyHandlerRoleName(config.id);
    const handlerRoleArn = this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: handlerRoleName });
    const operationsKey = new OperationsKey(this, 'OperationsKey', {
      ownerId: `key-custody/${config.id}`,
      // The kmsuser password: the handler and the crypto officer, nobody else.
      secretReaderArns: [handlerRoleArn, HsmKeyStore.cryptoOfficerArn(this, config.cryptoOfficerRoleName)],
    });
    const partition = partitionOf(config.region);
    const network = new CustodyVpc(this, 'Network', {
      availabilityZones: this.zoneNames,
      operationsKey: operationsKey.key,
      isUsable: (capability) => isUsable(partition, capability, props.assumeAvailable),
    });
    const handlerRole = new iam.Role(this, 'HandlerRole', {
      roleName: handlerRoleName,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `suveren key-custody custom resource handler of cluster ${config.id}`,
    });
    const provider = new KeyCustodyProvider(this, 'Provider', { operationsKey: operationsKey.key, role: handlerRole });

    this.cluster = new HsmCluster(this, 'Cluster', {
      clusterName: config.id,
      vpc: network.vpc,
      provider,
      hsmType: config.hsmType,
      hsmInEveryZone: config.initialization !== undefined,
    });
    this.initialization = new ClusterInitialization(this, 'Initialization', {
      cluster: this.cluster,
      provider,
      signedCertificate: config.initialization?.signedCertificate ?? '',
      trustAnchor: config.initialization?.trustAnchor ?? '',
    });
    // A cluster takes HSMs beyond its first only once initialized.
    this.cluster.addHsmsAfter(this.initialization);

    this.keyStore = new HsmKeyStore(this, 'KeyStore', {
      keyStoreName: keyStoreName(config.id),
      cluster: this.cluster,
      initialization: this.initialization,
      provider,
      trustAnchor: config.initialization?.trustAnchor ?? '',
      operationsKey: operationsKey.key,
      cryptoOfficerRoleName: config.cryptoOfficerRoleName,
      platformPrincipalArns: [platformDeploymentRoleArn(this)],
      createStore: config.kmsUserReady,
    });
    this.provisioners = [
      ...props.tenants.map(
        (tenant) => new KeyProvisionerRole(this, `KeyProvisioner-${tenant.id}`, { clusterName: config.id, tenantId: tenant.id, tenantAccount: tenant.account }),
      ),
      ...(props.replicaTenants ?? []).map(
        (tenant) =>
          new KeyProvisionerRole(this, `ReplicaKeyProvisioner-${tenant.id}`, {
            clusterName: config.id,
            tenantId: tenant.id,
            tenantAccount: tenant.account,
            replica: true,
          }),
      ),
    ];

    new CfnOutput(this, 'KmsUserPasswordSecret', {
      value: this.keyStore.kmsUserPassword.secretArn,
      description: 'Secret holding the password to give kmsuser (runbook step 7)',
    });
    if (this.keyStore.customKeyStoreId) {
      new CfnOutput(this, 'CustomKeyStoreId', { value: this.keyStore.customKeyStoreId, description: `KMS custom key store ${keyStoreName(config.id)}` });
    }

    // Spans constructs: the cluster and the key store each add actions IAM cannot scope to the handler's role.
    acknowledge(
      provider.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Only for actions IAM cannot scope to a resource: cloudhsm:DescribeClusters and cloudhsm:DeleteHsm (no resource type in the Service Authorization Reference), the KMS custom key store actions (no resource type before the store exists), and the EC2 network-interface and security-group actions CreateHsm needs. CreateHsm and InitializeCluster are scoped to the cluster ARN.',
    );
    Tags.of(this).add(KEY_CUSTODY_TAGS.cluster, config.id);
  }
}
