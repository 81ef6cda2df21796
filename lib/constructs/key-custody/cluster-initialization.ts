import { CustomResource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HSM_RESOURCE_TYPES, type ClusterInitializationProperties } from '@suveren/core/contracts/custom-resources';
import type { HsmCluster } from './hsm-cluster';
import type { KeyCustodyProvider } from './key-custody-provider';

export interface ClusterInitializationProps {
  /** The cluster to initialize. */
  readonly cluster: HsmCluster;
  /** The handler that calls InitializeCluster and waits. */
  readonly provider: KeyCustodyProvider;
  /**
   * The cluster certificate signed by the customer's offline CA (PEM), or an empty
   * string until the crypto officer has signed the CSR. Public material only: the
   * handler refuses anything containing a private key.
   */
  readonly signedCertificate: string;
  /** The offline CA's certificate (PEM), the cluster's trust anchor; empty until signed. */
  readonly trustAnchor: string;
}

/**
 * `Custom::SuverenClusterInitialization`: once the signed certificate and trust anchor
 * are supplied, calls InitializeCluster and waits for INITIALIZED; until then it
 * succeeds without doing anything, so the stack deploys before the offline step.
 * Activation and the kmsuser crypto user follow by hand with cloudhsm-cli: no AWS API
 * does them (docs/hsm-runbook.md).
 */
export class ClusterInitialization extends Construct {
  public readonly resource: CustomResource;
  /** AWAITING_CERTIFICATE, INITIALIZED or ACTIVE. */
  public readonly clusterState: string;

  constructor(scope: Construct, id: string, props: ClusterInitializationProps) {
    super(scope, id);
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: props.provider.serviceToken,
      resourceType: HSM_RESOURCE_TYPES.clusterInitialization,
      properties: {
        ClusterId: props.cluster.clusterId,
        SignedCertificate: props.signedCertificate,
        TrustAnchor: props.trustAnchor,
      } satisfies ClusterInitializationProperties,
    });
    // The CSR comes from the first HSM; initialization needs it ACTIVE.
    this.resource.node.addDependency(props.cluster.hsms[0]);
    this.clusterState = this.resource.getAttString('ClusterState');
  }
}
