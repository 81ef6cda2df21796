import { CustomResource } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  HSM_RESOURCE_TYPES,
  hsmKeyHandlerRoleName,
  hsmKeyProvisionerRoleName,
  keyStoreName,
  replicaKeyHandlerRoleName,
  replicaKeyProvisionerRoleName,
  type BackedKeyProperties,
} from '@suveren/core/contracts/custom-resources';
import { TENANT_TAGS } from '@suveren/core/contracts/names';
import { CustomKeyStoreKey, type CustomKeyStoreKeyProps } from './custom-key-store-key';

export { CROSS_ACCOUNT_ADMIN_ACTIONS, HSM_KEY_ADMIN_ACTIONS, PROVISIONER_KEY_ACTIONS } from './custom-key-store-key';

export interface HsmBackedKeyProps extends CustomKeyStoreKeyProps {
  /** The key-custody cluster's id in the suveren config. */
  readonly clusterName: string;
  /**
   * How many keys the tenant has had: each generation is a key of its own, the last one
   * encrypts new objects, every one of them still decrypts the objects it encrypted.
   * Raising it is how an HSM-backed key is rotated (docs/hsm-runbook.md).
   * @default 1
   */
  readonly generations?: number;
}

/**
 * A tenant's KMS key whose material lives in its key-custody account's CloudHSM
 * cluster (tier `hsm`), as a `Custom::SuverenHsmBackedKey`: a single-Region symmetric key
 * with origin AWS_CLOUDHSM in the cluster's store, alias `alias/suveren/<tenant>`. Keys in
 * a custom key store do not rotate automatically; the runbook says how to rotate by hand,
 * as a new generation.
 */
export class HsmBackedKey extends CustomKeyStoreKey {
  constructor(scope: Construct, id: string, props: HsmBackedKeyProps) {
    const generations = props.generations ?? 1;
    super(scope, id, props, {
      handlerRoleName: props.replica ? replicaKeyHandlerRoleName(props.tenantId, 'hsm') : hsmKeyHandlerRoleName(props.tenantId),
      provisionerRoleName: props.replica ? replicaKeyProvisionerRoleName(props.tenantId, 'hsm') : hsmKeyProvisionerRoleName(props.tenantId),
      handlerDescription: `suveren: creates tenant ${props.tenantId}'s ${props.replica ? 'replica key' : 'HSM-backed key'} through the key-custody account`,
      custody: 'cloudhsm',
      declareKeys: (key, { serviceToken, keyPolicy, provisionerRoleArn }) => {
        if (!Number.isInteger(generations) || generations < 1)
          throw new Error(`HsmBackedKey ${key.node.path}: generations must be a whole number from 1, not ${generations}`);
        // Generation 1 keeps the plain alias (and construct id) it had before any rotation.
        return Array.from({ length: generations }, (_, i) => {
          const generation = i + 1;
          return new CustomResource(key, generation === 1 ? 'Resource' : `Generation${generation}`, {
            serviceToken,
            resourceType: HSM_RESOURCE_TYPES.backedKey,
            properties: {
              KeyStoreName: keyStoreName(props.clusterName),
              AliasName: generation === 1 ? `alias/suveren/${props.tenantId}` : `alias/suveren/${props.tenantId}/generation-${generation}`,
              Description: `suveren ${props.replica ? 'replica key' : 'data key'} of tenant ${props.tenantId}, generation ${generation}, in CloudHSM cluster ${props.clusterName}`,
              KeyPolicy: keyPolicy,
              Tags: JSON.stringify([
                { TagKey: TENANT_TAGS.tenant, TagValue: props.tenantId },
                { TagKey: TENANT_TAGS.keyCustody, TagValue: 'cloudhsm' },
                { TagKey: TENANT_TAGS.keyGeneration, TagValue: String(generation) },
              ]),
              ProvisionerRoleArn: provisionerRoleArn,
            } satisfies BackedKeyProperties,
          });
        });
      },
    });
  }
}
