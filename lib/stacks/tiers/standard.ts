import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TenantKey } from '../../constructs/tenant/tenant-key';
import { standardTier } from '@suveren/core/tiers/standard';
import type { DataKeyProps, ReplicaKeyProps, TierModule } from './tier-custody';

/** A customer-managed KMS key of the tenant's own account: tiers standard and client-side. */
export function tenantKmsKey(scope: Construct, id: string, props: DataKeyProps): TenantKey {
  return new TenantKey(scope, id, {
    tenantId: props.tenant.id,
    allowedRegions: props.allowedRegions,
    administrators: [props.keyAdministrator, new iam.ArnPrincipal(props.deploymentRoleArn)],
    recoveryRoleName: props.breakGlassRoleName,
  });
}

/** The replica's key of tiers standard and client-side: a single-Region KMS key of the tenant's account in the replica region. */
export function tenantReplicaKmsKey(scope: Construct, id: string, props: ReplicaKeyProps): TenantKey {
  return new TenantKey(scope, id, {
    tenantId: props.tenant.id,
    allowedRegions: [Stack.of(scope).region],
    administrators: [new iam.ArnPrincipal(props.deploymentRoleArn)],
    recoveryRoleName: props.breakGlassRoleName,
  });
}

export const standardTierModule: TierModule = {
  definition: standardTier,
  createDataKey: tenantKmsKey,
  createReplicaKey: tenantReplicaKmsKey,
};
