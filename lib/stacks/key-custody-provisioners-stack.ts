import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { HsmClusterConfig, TenantConfig } from '@suveren/core/config/schema';
import { KeyProvisionerRole } from '../constructs/key-custody/key-provisioner-role';
import { KEY_CUSTODY_TAGS } from '@suveren/core/contracts/names';

export interface KeyCustodyProvisionersStackProps extends StackProps {
  /** The cluster whose tenants these are. */
  readonly cluster: HsmClusterConfig;
  /** The `hsm`-tier tenants whose provisioner roles this stack holds. */
  readonly tenants: readonly TenantConfig[];
}

/**
 * Provisioner roles of a cluster's tenants beyond the first PROVISIONERS_PER_STACK, in
 * the key-custody account: the cluster's own stack would otherwise outgrow
 * CloudFormation's 500 resources. Each role is still one tenant's, named for it and
 * trusted only by that tenant's key handler; nothing here references the cluster's
 * stack, so the shard deploys on its own.
 */
export class KeyCustodyProvisionersStack extends Stack {
  public readonly provisioners: readonly KeyProvisionerRole[];

  constructor(scope: Construct, id: string, props: KeyCustodyProvisionersStackProps) {
    super(scope, id, { description: `suveren key custody: HSM key provisioner roles of cluster ${props.cluster.id}`, ...props });
    this.provisioners = props.tenants.map(
      (tenant) =>
        new KeyProvisionerRole(this, `KeyProvisioner-${tenant.id}`, { clusterName: props.cluster.id, tenantId: tenant.id, tenantAccount: tenant.account }),
    );
    Tags.of(this).add(KEY_CUSTODY_TAGS.cluster, props.cluster.id);
  }
}
