import type { App, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import type { ITenantEncryptionKey } from '../../constructs/tenant/tenant-encryption-key';
import type { TierDefinition } from '@suveren/core/tiers';

/*
 * The CDK half of a tier's module: the tenant's data key and the key-custody stacks the
 * tier adds to the app. Its CDK-free half, the `TierDefinition` in packages/core/tiers/, is what the
 * config schema, the evidence and the reach graph read. The app and the tenant stack
 * iterate the registered modules (./index.ts); no construct asks which tier a tenant is.
 */

/** Where a tenant's key lives when its tier keeps it in a key-custody account. */
export interface CustodyPlaceProps {
  /** The config id of the cluster or key store. */
  readonly id: string;
  /** The key-custody account. */
  readonly account: string;
  /** The key-custody account's role that retires keys (the break-glass role). */
  readonly administratorRoleName: string;
}

/** What a tier's data key is made of, in the tenant's stack. */
export interface DataKeyProps {
  /** The tenant (validated config entry). */
  readonly tenant: TenantConfig;
  /** The organization's allowed regions, which bound where the key may be used. */
  readonly allowedRegions: SuverenConfig['organization']['allowedRegions'];
  /** The organization's break-glass role: it can always recover administration of the key, never use it. */
  readonly breakGlassRoleName: string;
  /** The tenant's key administrator role. */
  readonly keyAdministrator: iam.IRole;
  /** The platform's deployment role in the tenant's account. */
  readonly deploymentRoleArn: string;
  /** The tenant's operations key, which encrypts the custom resources' logs and queues. */
  readonly operationsKey: kms.IKey;
  /**
   * The key-custody place the tenant's key is in.
   * @default none: the tier keeps the key in the tenant's own account
   */
  readonly custodyPlace?: CustodyPlaceProps;
}

/** What a tier's replica key is made of, in the tenant's replica stack (docs/continuity.md). */
export interface ReplicaKeyProps {
  /** The tenant (validated config entry). */
  readonly tenant: TenantConfig;
  /** The organization's break-glass role: it can always recover administration of the key, never use it. */
  readonly breakGlassRoleName: string;
  /**
   * The platform's deployment role in the replica's account and region: with the
   * break-glass role, the replica key's only administrator. The tenant's key
   * administrator has no IAM grant on a key whose ARN its stack cannot know.
   */
  readonly deploymentRoleArn: string;
  /**
   * The key-custody place of the replica region the replica's key is in (`continuity.replicaKeyCustody`).
   * @default none: the tier keeps the replica's key in the tenant's own account
   */
  readonly custodyPlace?: CustodyPlaceProps;
}

/** A replica's key: it names the tenant's roles by name, since their stack deploys after it. */
export interface IReplicaKey extends ITenantEncryptionKey {
  /** Lets the role `roleName` of `account` (the key's stack's by default) read objects under the key through S3 in the key's region. */
  grantS3ReadByRoleName(roleName: string, account?: string): void;
  /** Lets the replication role `roleName` of `account` (the key's stack's by default) have S3 encrypt replicas under the key in the key's region. */
  grantS3ReplicaWriteByRoleName(roleName: string, account?: string): void;
}

/** The stacks a tier adds to the app besides the tenants'. */
export interface TierCustodyStacks {
  /** One stack per key-custody place (cluster, key store), named `keyCustodyStackId(place id)`. */
  readonly places: readonly Stack[];
  /** The stack holding a tenant's provisioner role where it is not its place's stack, by tenant id. */
  readonly provisioners: ReadonlyMap<string, Stack>;
}

/** A tier's module: its definition and its CDK half. */
export interface TierModule {
  /** The CDK-free half: config fields and checks, evidence and reach facts. */
  readonly definition: TierDefinition;
  /** Creates the tenant's data key in its stack, with construct id `id`. */
  createDataKey(scope: Construct, id: string, props: DataKeyProps): ITenantEncryptionKey;
  /**
   * Creates the key of the tenant's replica in its replica stack, with construct id `id`;
   * for the tiers whose definition names a `replicaKeyStore`.
   * @default none: the tier offers no replica
   */
  createReplicaKey?(scope: Construct, id: string, props: ReplicaKeyProps): IReplicaKey;
  /**
   * Adds the stacks of the tier's key-custody places, one per place of the config.
   * @default none: the tier keeps its keys in the tenants' accounts
   */
  addCustodyPlaces?(app: App, config: SuverenConfig): readonly Stack[];
  /**
   * Adds the stacks that hold provisioner roles beyond what a place's own stack holds
   * (after every tier's places).
   * @default none
   */
  addProvisionerShards?(app: App, config: SuverenConfig): ReadonlyMap<string, Stack>;
  /**
   * Why a tenant's stack deploys after its place's stack (the stack dependency's reason).
   * @default "the tenant's key is created in this key-custody place"
   */
  readonly placeDependencyReason?: string;
}
