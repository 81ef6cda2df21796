import { CustomResource } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  XKS_RESOURCE_TYPES,
  externalKeyHandlerRoleName,
  externalKeyProvisionerRoleName,
  keyStoreName,
  replicaKeyHandlerRoleName,
  replicaKeyProvisionerRoleName,
  type ExternalKeyProperties,
} from '@suveren/core/contracts/custom-resources';
import { TENANT_TAGS } from '@suveren/core/contracts/names';
import { CustomKeyStoreKey, type CustomKeyStoreKeyProps } from './custom-key-store-key';

export interface ExternalKeyProps extends CustomKeyStoreKeyProps {
  /** The external key store's id in the suveren config. */
  readonly keyStoreId: string;
  /**
   * The key's id at the proxy (`XksKeyId`): the label of an enabled AES-256 key in the
   * customer's HSM, listed under `keys[].externalKeyId` in the proxy's config. KMS never
   * changes it for a key.
   */
  readonly xksKeyId: string;
}

/**
 * A tenant's KMS key in its key-custody account's external key store (tier `external`),
 * as a `Custom::SuverenExternalKey`: a single-Region symmetric key with origin
 * EXTERNAL_KEY_STORE over the HSM key `xksKeyId`, alias `alias/suveren/<tenant>`. Every
 * encrypt and decrypt under it is performed by the customer's HSM through its proxy;
 * sealing the proxy stops them all. The key material is rotated in the HSM, behind the
 * same label (docs/xks-runbook.md).
 */
export class ExternalKey extends CustomKeyStoreKey {
  constructor(scope: Construct, id: string, props: ExternalKeyProps) {
    super(scope, id, props, {
      handlerRoleName: props.replica ? replicaKeyHandlerRoleName(props.tenantId, 'xks') : externalKeyHandlerRoleName(props.tenantId),
      provisionerRoleName: props.replica ? replicaKeyProvisionerRoleName(props.tenantId, 'xks') : externalKeyProvisionerRoleName(props.tenantId),
      handlerDescription: `suveren: creates tenant ${props.tenantId}'s ${props.replica ? 'replica key' : 'external key'} through the key-custody account`,
      custody: 'external-key-store',
      declareKeys: (key, { serviceToken, keyPolicy, provisionerRoleArn }) => [
        new CustomResource(key, 'Resource', {
          serviceToken,
          resourceType: XKS_RESOURCE_TYPES.key,
          properties: {
            KeyStoreName: keyStoreName(props.keyStoreId),
            XksKeyId: props.xksKeyId,
            AliasName: `alias/suveren/${props.tenantId}`,
            Description: `suveren ${props.replica ? 'replica key' : 'data key'} of tenant ${props.tenantId}, over external key ${props.xksKeyId} in external key store ${props.keyStoreId}`,
            KeyPolicy: keyPolicy,
            Tags: JSON.stringify([
              { TagKey: TENANT_TAGS.tenant, TagValue: props.tenantId },
              { TagKey: TENANT_TAGS.keyCustody, TagValue: 'external-key-store' },
            ]),
            ProvisionerRoleArn: provisionerRoleArn,
          } satisfies ExternalKeyProperties,
        }),
      ],
    });
  }
}
