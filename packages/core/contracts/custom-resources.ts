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

/**
 * The provisioner and handler roles of a tenant's replica key in a custom key store
 * (docs/continuity.md): IAM names are global, so the replica region's roles need their own.
 * Short enough for IAM's 64 characters with the longest tenant id (32).
 */
export const replicaKeyProvisionerRoleName = (tenantId: string, kind: 'hsm' | 'xks'): string => `suveren-${tenantId}-${kind}-replica-provisioner`;
export const replicaKeyHandlerRoleName = (tenantId: string, kind: 'hsm' | 'xks'): string => `suveren-${tenantId}-${kind}-replica-handler`;

/** The role the key-custody stack's handler (HSMs, initialization, key store) runs as. */
export const keyCustodyHandlerRoleName = (clusterId: string): string => `suveren-key-custody-${clusterId}-handler`;

/** The SSM parameter that holds a cluster's CSR for the offline signing step. */
export const clusterCsrParameterName = (clusterId: string): string => `/suveren/key-custody/${clusterId}/cluster-csr`;

/*
 * The properties each custom resource type is declared with. CloudFormation passes every
 * property to the handler as a string.
 */

/** `Custom::SuverenHsm`: one HSM of a cluster, in one Availability Zone. */
export interface HsmProperties {
  readonly ClusterId: string;
  readonly AvailabilityZone: string;
}

/** `Custom::SuverenClusterInitialization`: the cluster certificate signed offline, and the CA that signed it. */
export interface ClusterInitializationProperties {
  readonly ClusterId: string;
  readonly SignedCertificate: string;
  readonly TrustAnchor: string;
}

/** `Custom::SuverenHsmKeyStore`: the KMS custom key store over a cluster. */
export interface KeyStoreProperties {
  readonly ClusterId: string;
  readonly KeyStoreName: string;
  readonly TrustAnchor: string;
  /** The Secrets Manager secret holding the kmsuser password. */
  readonly PasswordSecretArn: string;
}

/** `Custom::SuverenHsmBackedKey`: one generation of a tenant's key in the custom key store. */
export interface BackedKeyProperties {
  readonly KeyStoreName: string;
  readonly AliasName: string;
  readonly Description: string;
  /** The key policy, as JSON text. */
  readonly KeyPolicy: string;
  /** The key's tags, as JSON text of `{ TagKey, TagValue }[]`. */
  readonly Tags: string;
  /** The role in the key-custody account the handler assumes to create the key. */
  readonly ProvisionerRoleArn: string;
}

/** The external-key-store custom resources (tier `external`), served by the same key-custody handler. */
export const XKS_RESOURCE_TYPES = {
  keyStore: 'Custom::SuverenExternalKeyStore',
  key: 'Custom::SuverenExternalKey',
} as const;

/** The role in the key-custody account that one `external`-tier tenant's key handler assumes to create its key. */
export const externalKeyProvisionerRoleName = (tenantId: string): string => `suveren-${tenantId}-external-key-provisioner`;

/** The role the external key custom resource's handler runs as in a tenant account. */
export const externalKeyHandlerRoleName = (tenantId: string): string => `suveren-${tenantId}-external-key-handler`;

/**
 * `Custom::SuverenExternalKeyStore`: a KMS external key store, created and connected once
 * the proxy serves the credential held in `CredentialSecretArn`.
 */
export interface ExternalKeyStoreProperties {
  readonly KeyStoreName: string;
  /** `VPC_ENDPOINT_SERVICE` or `PUBLIC_ENDPOINT`. */
  readonly Connectivity: string;
  /** `https://<host>`: the endpoint service's private DNS name, or the public endpoint. */
  readonly UriEndpoint: string;
  readonly UriPath: string;
  /** The VPC endpoint service's name; empty for a public endpoint. */
  readonly VpcEndpointServiceName: string;
  /**
   * The Secrets Manager secret holding the proxy credential as JSON
   * `{ "accessKeyId": ..., "secretAccessKey": ... }`, put there by the crypto officer.
   */
  readonly CredentialSecretArn: string;
  /**
   * The access key id the config says the secret holds: a change is a credential rotation,
   * and the handler refuses a secret that holds another.
   */
  readonly CredentialAccessKeyId: string;
}

/** `Custom::SuverenExternalKey`: a tenant's KMS key over one key in the customer's HSM. */
export interface ExternalKeyProperties {
  readonly KeyStoreName: string;
  /** The external key's id at the proxy (the HSM key's label). */
  readonly XksKeyId: string;
  readonly AliasName: string;
  readonly Description: string;
  /** The key policy, as JSON text. */
  readonly KeyPolicy: string;
  /** The key's tags, as JSON text of `{ TagKey, TagValue }[]`. */
  readonly Tags: string;
  /** The role in the key-custody account the handler assumes to create the key. */
  readonly ProvisionerRoleArn: string;
}

/**
 * How each suveren custom resource lives through a change, as its handler implements it.
 * CloudFormation's resource specification knows nothing of custom resources, so
 * `suveren plan` reads replacement, refusal and deletion behaviour from here; a test per
 * type drives the handler through each declared property to prove the declaration.
 */
export interface CustomResourceLifecycle {
  /** Whether losing it loses data or access to data (a key, a key store, an HSM). */
  readonly stateful: boolean;
  /** Properties whose change makes the handler answer a new physical id: CloudFormation then deletes the old one. */
  readonly replacedBy: readonly string[];
  /** Properties whose change the handler refuses, failing the deployment, with why. */
  readonly refusedChanges: Readonly<Record<string, string>>;
  /** The property holding a name unique in the account and region, if any. */
  readonly nameProperty?: string;
  /** What the handler does when CloudFormation deletes the resource. */
  readonly onDelete: 'kept' | 'deleted';
  /** Properties that hold a policy as JSON text (the plan parses them). */
  readonly policyProperties: readonly string[];
}

/**
 * Either kind of KMS custom key store: found by its name, so a new name is a new store;
 * never deleted by CloudFormation (it holds keys).
 */
const KEY_STORE_LIFECYCLE: CustomResourceLifecycle = {
  stateful: true,
  replacedBy: ['KeyStoreName'],
  refusedChanges: {},
  nameProperty: 'KeyStoreName',
  onDelete: 'kept',
  policyProperties: [],
};

export const CUSTOM_RESOURCE_LIFECYCLE: Readonly<Record<string, CustomResourceLifecycle>> = {
  // An HSM's keys are synchronized across the cluster and backed up: replacing one loses nothing.
  [HSM_RESOURCE_TYPES.hsm]: {
    stateful: false,
    replacedBy: ['ClusterId', 'AvailabilityZone'],
    refusedChanges: {},
    onDelete: 'deleted',
    policyProperties: [],
  },
  [HSM_RESOURCE_TYPES.clusterInitialization]: {
    stateful: false,
    replacedBy: ['ClusterId'],
    refusedChanges: {},
    onDelete: 'kept',
    policyProperties: [],
  },
  [HSM_RESOURCE_TYPES.keyStore]: KEY_STORE_LIFECYCLE,
  [HSM_RESOURCE_TYPES.backedKey]: {
    stateful: true,
    replacedBy: [],
    refusedChanges: { KeyStoreName: 'a KMS key cannot move to another custom key store' },
    nameProperty: 'AliasName',
    onDelete: 'kept',
    policyProperties: ['KeyPolicy'],
  },
  [XKS_RESOURCE_TYPES.keyStore]: KEY_STORE_LIFECYCLE,
  [XKS_RESOURCE_TYPES.key]: {
    stateful: true,
    replacedBy: [],
    refusedChanges: {
      KeyStoreName: 'a KMS key cannot move to another external key store',
      XksKeyId: "KMS never changes a key's external key",
    },
    nameProperty: 'AliasName',
    onDelete: 'kept',
    policyProperties: ['KeyPolicy'],
  },
};
