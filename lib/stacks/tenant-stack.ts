import { Stack, Tags, aws_iam as iam, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import { AccessLogBucket } from '../constructs/shared/access-log-bucket';
import { TenantDataBucket } from '../constructs/tenant/tenant-data-bucket';
import type { ITenantEncryptionKey } from '../constructs/tenant/tenant-encryption-key';
import { TenantKey } from '../constructs/tenant/tenant-key';
import { TenantRoles } from '../constructs/tenant/tenant-roles';
import { TenantRestorerRole } from '../constructs/tenant/tenant-restorer-role';
import { TenantMigrationRole } from '../constructs/tenant/tenant-migration-role';
import type { IdentityCenterTrust } from '../constructs/people/permission-set-principal';
import { platformDeploymentRoleArn } from '../platform-principals';
import { OperationsKey } from '../constructs/shared/operations-key';
import { UploadApi } from '../constructs/tenant/upload-api';
import { TenantReplication } from '../constructs/tenant/tenant-replication';
import { batchReplicationRoleName, replicaBucketName, replicationRoleName, tenantKeyAliasName } from '@suveren/core/contracts/continuity';
import { INSPECTION_TAGS, INSPECTION_VERDICTS, QUARANTINE_PREFIX } from '@suveren/core/contracts/upload-layout';
import { TENANT_TAGS, conformanceRuleRoleName } from '@suveren/core/contracts/names';
import { tierDefinition } from '@suveren/core/tiers';
import { type CustodyPlaceProps, tierModule } from './tiers';

export interface TenantStackProps extends StackProps {
  /** The tenant this stack belongs to (validated config entry). */
  readonly tenant: TenantConfig;
  /** The organization's allowed regions, which bound where the tenant key may be used. */
  readonly allowedRegions: SuverenConfig['organization']['allowedRegions'];
  /** The organization's break-glass role: it can always recover administration of the tenant key, never use it. */
  readonly breakGlassRoleName: string;
  /**
   * The key-custody place (HSM cluster, external key store) that holds the tenant's key,
   * for a tier that keeps its keys in a key-custody account.
   * @default none: the tenant's key is a KMS key of its own account
   */
  readonly custodyPlace?: CustodyPlaceProps;
  /**
   * The key-custody account that holds the replica's key (`continuity.replicaKeyCustody`,
   * tiers hsm and external): the replication rule and the roles name the key there.
   * @default the tenant's own account: the replica's key is a KMS key of the tenant's account
   */
  readonly replicaKeyAccount?: string;
  /**
   * The organization's IAM Identity Center: the tenant's person-facing roles trust only its
   * permission-set roles in the tenant's account.
   * @default none: the roles trust the tenant's account
   */
  readonly identityCenter?: IdentityCenterTrust;
}

/**
 * Everything one tenant (a data controller) owns: its key, its data bucket with access
 * logs, and its roles. Deployed into the tenant's own account and region.
 */
export class TenantStack extends Stack {
  public readonly roles: TenantRoles;
  public readonly encryptionKey: ITenantEncryptionKey;
  public readonly dataBucket: TenantDataBucket;
  public readonly quarantineBucket: TenantDataBucket;
  public readonly operationsKey: OperationsKey;
  public readonly uploadApi: UploadApi;
  /** The tier-standard key kept after a tier raise (`keepStandardKey`), decrypt-only. */
  public readonly standardKey?: TenantKey;
  /** Replication into the tenant's replica (`continuity`). */
  public readonly replication?: TenantReplication;
  /** The role `suveren migrate` runs as (`migration: true`). */
  public readonly migrationRole?: iam.Role;
  /** `suveren restore`'s role, for a tenant with continuity. */
  public readonly restorerRole?: iam.Role;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id, {
      description: `suveren tenant ${props.tenant.id} (${props.tenant.displayName}): ${props.tenant.classification} data, tier ${props.tenant.tier}`,
      ...props,
    });
    const { tenant } = props;
    const deploymentRoleArn = platformDeploymentRoleArn(this);

    this.roles = new TenantRoles(this, 'Roles', { tenantId: tenant.id, identityCenter: props.identityCenter });
    this.operationsKey = new OperationsKey(this, 'OperationsKey', { ownerId: tenant.id });

    this.encryptionKey = tierModule(tenant.tier).createDataKey(this, 'DataKey', {
      tenant,
      allowedRegions: props.allowedRegions,
      breakGlassRoleName: props.breakGlassRoleName,
      keyAdministrator: this.roles.keyAdmin,
      deploymentRoleArn,
      operationsKey: this.operationsKey.key,
      custodyPlace: props.custodyPlace,
    });

    // AWS Config's custom rule in the key's region reads the deployed key policy (docs/conformance.md).
    this.encryptionKey.grantPolicyRead(conformanceRuleRoleName(tenant.region));

    if (tenant.keepStandardKey) {
      // The key it had before its tier was raised, at the logical ids it had as DataKey:
      // objects written before the raise stay readable under it until `suveren migrate`
      // has re-keyed them. Nothing encrypts under it any more (the buckets pin the new key).
      this.standardKey = new TenantKey(this, 'StandardKey', {
        tenantId: tenant.id,
        allowedRegions: props.allowedRegions,
        administrators: [this.roles.keyAdmin, new iam.ArnPrincipal(deploymentRoleArn)],
        recoveryRoleName: props.breakGlassRoleName,
        formerConstructId: 'DataKey',
      });
    }

    const accessLogs = new AccessLogBucket(this, 'AccessLogs');
    const bucketKey = tierDefinition(tenant.tier).bucketKeys;
    this.dataBucket = new TenantDataBucket(this, 'Data', {
      encryptionKey: this.encryptionKey,
      bucketKey,
      accessLogBucket: accessLogs.bucket,
      // Only the tenant's reader and, admitted by the upload API, its functions. The
      // uploader writes through presigned requests, which S3 authorizes as the presign
      // function's role, so it needs no access of its own. The key administrator and the
      // platform's deployment role manage resources, never data; AWS Config reads bucket
      // configuration, which this deny does not cover.
      allowedPrincipalArns: [this.roles.reader.roleArn],
      configurationPrincipalArns: [deploymentRoleArn],
      noncurrentVersionExpirationDays: tenant.noncurrentVersionExpirationDays,
      // Nothing is readable before the inspection has accepted it.
      readableOnlyWithTag: { key: INSPECTION_TAGS.verdict, value: INSPECTION_VERDICTS.accepted },
      ...(tenant.continuity ? { continuity: 'source' as const } : {}),
    });
    this.dataBucket.grantRead(this.roles.reader);
    // `suveren export`: every version and its verdict, so the newest accepted one is fetched by id (docs/exit.md).
    this.dataBucket.grantListVersions(this.roles.reader);

    // Rejected uploads are kept, under the same protections, for the tenant to review.
    this.quarantineBucket = new TenantDataBucket(this, 'Quarantine', {
      encryptionKey: this.encryptionKey,
      bucketKey,
      accessLogBucket: accessLogs.bucket,
      accessLogPrefix: 'quarantine-bucket/',
      objectPrefix: QUARANTINE_PREFIX,
      allowedPrincipalArns: [this.roles.reader.roleArn],
      configurationPrincipalArns: [deploymentRoleArn],
      noncurrentVersionExpirationDays: tenant.noncurrentVersionExpirationDays,
    });
    this.quarantineBucket.grantRead(this.roles.reader);
    // An erasure takes every version of the object, and its quarantine copies (docs/people.md).
    this.dataBucket.grantErase(this.roles.eraser);
    this.quarantineBucket.grantErase(this.roles.eraser);
    this.quarantineBucket.grantListVersions(this.roles.reader);
    this.standardKey?.grantS3Read(this.roles.reader);
    if (tenant.migration) {
      if (!this.standardKey) throw new Error(`TenantStack ${id}: tenant ${tenant.id} has migration: true but keeps no standard key to migrate from`);
      this.migrationRole = new TenantMigrationRole(this, 'Migration', {
        tenantId: tenant.id,
        buckets: [this.dataBucket, this.quarantineBucket],
        fromKey: this.standardKey,
        toKey: this.encryptionKey,
        assumedBy: TenantRoles.trustOf(this, 'migration', { identityCenter: props.identityCenter }),
      }).role;
    }

    if (tenant.continuity) {
      // The replica stack deployed first; it is found by names (docs/continuity.md).
      const { replicaRegion } = tenant.continuity;
      this.replication = new TenantReplication(this, 'Replication', {
        source: this.dataBucket,
        sourceKey: this.encryptionKey,
        roleName: replicationRoleName(tenant.id),
        batchRoleName: batchReplicationRoleName(tenant.id),
        destination: {
          bucketName: replicaBucketName(tenant.id, tenant.continuity.replicaAccount ?? this.account, replicaRegion),
          region: replicaRegion,
          ...(tenant.continuity.replicaAccount ? { account: tenant.continuity.replicaAccount } : {}),
          keyAccount: props.replicaKeyAccount ?? this.account,
          // The replica key's alias ARN: its key ARN is another region's stack's. An alias ARN names
          // its account, so KMS resolves it there, a key-custody account included (KMS Encrypt, KeyId).
          kmsKeyId: this.formatArn({
            service: 'kms',
            region: replicaRegion,
            account: props.replicaKeyAccount ?? this.account,
            resource: 'alias',
            resourceName: tenantKeyAliasName(tenant.id).replace(/^alias\//, ''),
          }),
        },
        replicateDeleteMarkers: tenant.continuity.replicateDeleteMarkers,
        replicationTimeControl: tenant.continuity.replicationTimeControl,
        ...(tenant.continuity.objectLock ? { replicaObjectLockMode: tenant.continuity.objectLock.mode } : {}),
      });
      this.replication.grantReplicaRead(this.roles.reader, { key: INSPECTION_TAGS.verdict, value: INSPECTION_VERDICTS.accepted });
      this.replication.grantReplicaErase(this.roles.eraser);
      this.restorerRole = new TenantRestorerRole(this, 'Restorer', {
        tenantId: tenant.id,
        dataBucket: this.dataBucket,
        encryptionKey: this.encryptionKey,
        replication: this.replication,
        readableOnlyWithTag: { key: INSPECTION_TAGS.verdict, value: INSPECTION_VERDICTS.accepted },
        assumedBy: TenantRoles.trustOf(this, 'restorer', { identityCenter: props.identityCenter }),
      }).role;
    }

    this.uploadApi = new UploadApi(this, 'UploadApi', {
      tenant,
      dataBucket: this.dataBucket,
      quarantineBucket: this.quarantineBucket,
      encryptionKey: this.encryptionKey,
      operationsKey: this.operationsKey.key,
      uploader: this.roles.uploader,
      presignConcurrency: tenant.uploads.reservedConcurrency?.presign,
      inspectConcurrency: tenant.uploads.reservedConcurrency?.inspect,
    });

    Tags.of(this).add(TENANT_TAGS.tenant, tenant.id);
    Tags.of(this).add(TENANT_TAGS.classification, tenant.classification);
    Tags.of(this).add(TENANT_TAGS.tier, tenant.tier);
    Tags.of(this).add(TENANT_TAGS.keyCustody, this.encryptionKey.custody);
  }
}
