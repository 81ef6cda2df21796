import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { CustomKeyStoreKeyProps } from '../../constructs/key-custody/custom-key-store-key';
import { OperationsKey } from '../../constructs/shared/operations-key';
import type { CustodyPlaceProps, ReplicaKeyProps } from './tier-custody';

/**
 * What a replica key in a custom key store of the replica region has in common, whichever
 * the store (tiers hsm and external, docs/continuity.md): usable only through S3 in the
 * replica region, administered from the tenant's side by the platform's deployment role
 * there, its handler's logs under an operations key of the replica stack, and the replica's
 * own role names.
 */
export function replicaKeyInCustody(
  scope: Construct,
  id: string,
  props: ReplicaKeyProps & { readonly custodyPlace: CustodyPlaceProps },
): CustomKeyStoreKeyProps & { readonly replica: true } {
  return {
    tenantId: props.tenant.id,
    custodyAccount: props.custodyPlace.account,
    custodyAdministratorRoleName: props.custodyPlace.administratorRoleName,
    allowedRegions: [Stack.of(scope).region],
    administrators: [new iam.ArnPrincipal(props.deploymentRoleArn)],
    operationsKey: new OperationsKey(scope, `${id}Operations`, { ownerId: `${props.tenant.id}/replica` }).key,
    replica: true,
  };
}
