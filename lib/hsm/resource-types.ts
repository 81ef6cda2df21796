/*
 * The key-custody custom resources: their CloudFormation types and properties, shared
 * by the constructs that declare them and the handler that serves them. No CDK imports:
 * the Lambda bundle imports this file.
 */

export const HSM_RESOURCE_TYPES = {
  hsm: 'Custom::SuverenHsm',
  clusterInitialization: 'Custom::SuverenClusterInitialization',
  keyStore: 'Custom::SuverenHsmKeyStore',
  backedKey: 'Custom::SuverenHsmBackedKey',
} as const;

/** The name of the custom key store over cluster `clusterId`: fixed, so tenant stacks find it by name. */
export const keyStoreName = (clusterId: string): string => `suveren-${clusterId}`;

/** The role in the key-custody account that one tenant's key handler assumes to create its HSM-backed keys. */
export const hsmKeyProvisionerRoleName = (tenantId: string): string => `suveren-${tenantId}-hsm-key-provisioner`;

/** The role the HSM-backed key custom resource's handler runs as in a tenant account. */
export const hsmKeyHandlerRoleName = (tenantId: string): string => `suveren-${tenantId}-hsm-key-handler`;

/** The role the key-custody stack's handler (HSMs, initialization, key store) runs as. */
export const keyCustodyHandlerRoleName = (clusterId: string): string => `suveren-key-custody-${clusterId}-handler`;

/** The SSM parameter that holds a cluster's CSR for the offline signing step. */
export const clusterCsrParameterName = (clusterId: string): string => `/suveren/key-custody/${clusterId}/cluster-csr`;
