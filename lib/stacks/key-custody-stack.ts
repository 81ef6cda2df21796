import { CfnCondition, CfnOutput, CfnParameter, type CfnResource, Fn, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { acknowledgeKeyCustodyStack } from '../compliance/acknowledgments';
import type { HsmClusterConfig, TenantConfig } from '../config/schema';
import { ClusterInitialization } from '../constructs/cluster-initialization';
import { CustodyVpc } from '../constructs/custody-vpc';
import { HsmCluster } from '../constructs/hsm-cluster';
import { HsmKeyProvisionerRole } from '../constructs/hsm-key-provisioner-role';
import { HsmKeyStore } from '../constructs/hsm-key-store';
import { KeyCustodyProvider } from '../constructs/key-custody-provider';
import { OperationsKey } from '../constructs/operations-key';
import { keyStoreName } from '../hsm/resource-types';

export interface KeyCustodyStackProps extends StackProps {
  /** The cluster this stack builds (validated config entry). */
  readonly cluster: HsmClusterConfig;
  /** The `hsm`-tier tenants whose keys live in this cluster. */
  readonly tenants: readonly TenantConfig[];
}

/** Every key-custody stack's id starts with this. */
export const KEY_CUSTODY_STACK_PREFIX = 'Suveren-KeyCustody-';

export function keyCustodyStackId(clusterName: string): string {
  return `${KEY_CUSTODY_STACK_PREFIX}${clusterName}`;
}

/** The stack parameters that move a cluster through the manual steps of docs/hsm-runbook.md. */
export const KEY_CUSTODY_PARAMETERS = {
  signedCertificate: 'SignedClusterCertificate',
  trustAnchor: 'TrustAnchorCertificate',
  kmsUserReady: 'KmsUserReady',
} as const;

/**
 * One CloudHSM cluster and its KMS custom key store, in the key-custody account: an
 * isolated VPC, the cluster with one HSM per Availability Zone, its initialization
 * with the customer's offline-signed certificate, the key store, and the role tenant
 * stacks assume to create their HSM-backed keys. Deployed in stages, each a
 * `cdk deploy` with more parameters filled in (docs/hsm-runbook.md):
 * 1. no parameters: VPC, cluster, first HSM, CSR and the kmsuser password secret;
 * 2. `SignedClusterCertificate` and `TrustAnchorCertificate`: initialization, the other HSMs;
 * 3. after activation and kmsuser by hand, `KmsUserReady=true`: the key store, connected.
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
  /** Absent while no tenant's key lives in this cluster. */
  public readonly provisioner?: HsmKeyProvisionerRole;
  private readonly zoneNames: string[];

  constructor(scope: Construct, id: string, props: KeyCustodyStackProps) {
    super(scope, id, { description: `suveren key custody: CloudHSM cluster ${props.cluster.id} and its KMS custom key store`, ...props });
    const { cluster: config } = props;
    // The account's first zones, resolved by CloudFormation at deploy time (Fn::GetAZs), so
    // nothing names a zone that another account maps differently.
    this.zoneNames = Array.from({ length: config.availabilityZones }, (_, i) => Fn.select(i, Fn.getAzs()));

    // Certificates are public material; CloudFormation takes up to 4,096 bytes per value, which a PEM certificate fits.
    const signedCertificate = new CfnParameter(this, KEY_CUSTODY_PARAMETERS.signedCertificate, {
      type: 'String',
      default: '',
      description: 'The cluster certificate signed with `suveren hsm sign-csr` (PEM). Empty until the offline signing step.',
    });
    const trustAnchor = new CfnParameter(this, KEY_CUSTODY_PARAMETERS.trustAnchor, {
      type: 'String',
      default: '',
      description: "The offline CA's certificate (PEM) from `suveren hsm create-ca`. Empty until the offline signing step.",
    });
    const kmsUserReady = new CfnParameter(this, KEY_CUSTODY_PARAMETERS.kmsUserReady, {
      type: 'String',
      default: 'false',
      allowedValues: ['false', 'true'],
      description: 'true once a crypto officer has activated the cluster and created kmsuser with the password in the KmsUserPassword secret.',
    });
    const certificateSupplied = new CfnCondition(this, 'CertificateSupplied', { expression: Fn.conditionNot(Fn.conditionEquals(signedCertificate.valueAsString, '')) });
    const keyStoreEnabled = new CfnCondition(this, 'KeyStoreEnabled', {
      expression: Fn.conditionAnd(certificateSupplied, Fn.conditionEquals(kmsUserReady.valueAsString, 'true')),
    });

    const operationsKey = new OperationsKey(this, 'OperationsKey', { ownerId: `key-custody/${config.id}` });
    const network = new CustodyVpc(this, 'Network', { availabilityZones: this.zoneNames, operationsKey: operationsKey.key });
    const provider = new KeyCustodyProvider(this, 'Provider', { operationsKey: operationsKey.key });

    this.cluster = new HsmCluster(this, 'Cluster', { clusterName: config.id, vpc: network.vpc, provider, hsmType: config.hsmType });
    this.initialization = new ClusterInitialization(this, 'Initialization', {
      cluster: this.cluster,
      provider,
      signedCertificate: signedCertificate.valueAsString,
      trustAnchor: trustAnchor.valueAsString,
    });
    // A cluster takes HSMs beyond its first only once initialized.
    this.cluster.addHsmsAfter(this.initialization);
    for (const hsm of this.cluster.hsms.slice(1)) (hsm.node.defaultChild as CfnResource).cfnOptions.condition = certificateSupplied;

    this.keyStore = new HsmKeyStore(this, 'KeyStore', {
      keyStoreName: keyStoreName(config.id),
      cluster: this.cluster,
      initialization: this.initialization,
      provider,
      trustAnchor: trustAnchor.valueAsString,
      operationsKey: operationsKey.key,
      condition: keyStoreEnabled,
    });
    if (props.tenants.length > 0) {
      this.provisioner = new HsmKeyProvisionerRole(this, 'KeyProvisioner', {
        clusterName: config.id,
        tenants: props.tenants.map((t) => ({ tenantId: t.id, account: t.account })),
      });
    }

    new CfnOutput(this, 'KmsUserPasswordSecret', { value: this.keyStore.kmsUserPassword.secretArn, description: 'Secret holding the password to give kmsuser (runbook step 7)' });
    const storeId = new CfnOutput(this, 'CustomKeyStoreId', { value: this.keyStore.customKeyStoreId, description: `KMS custom key store ${keyStoreName(config.id)}` });
    storeId.condition = keyStoreEnabled;

    acknowledgeKeyCustodyStack(network, provider, this.keyStore, this.provisioner, props.tenants.map((t) => t.id));
    Tags.of(this).add('suveren:key-custody-cluster', config.id);
  }
}
