import { aws_iam as iam } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TenantKey } from '../../constructs/tenant/tenant-key';
import { standardTier } from '@suveren/core/tiers/standard';
import type { DataKeyProps, TierModule } from './tier-custody';

/** A customer-managed KMS key of the tenant's own account: tiers standard and client-side. */
export function tenantKmsKey(scope: Construct, id: string, props: DataKeyProps): TenantKey {
  return new TenantKey(scope, id, {
    tenantId: props.tenant.id,
    allowedRegions: props.allowedRegions,
    administrators: [props.keyAdministrator, new iam.ArnPrincipal(props.deploymentRoleArn)],
    recoveryRoleName: props.breakGlassRoleName,
  });
}

export const standardTierModule: TierModule = {
  definition: standardTier,
  createDataKey: tenantKmsKey,
};
