import { Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TenantConfig } from '@suveren/core/config/schema';
import { replicaBucketName, replicationRoleName } from '@suveren/core/contracts/continuity';
import { TENANT_TAGS } from '@suveren/core/contracts/names';
import { INSPECTION_TAGS, INSPECTION_VERDICTS } from '@suveren/core/contracts/upload-layout';
import { tierDefinition } from '@suveren/core/tiers';
import { AccessLogBucket } from '../constructs/shared/access-log-bucket';
import { TenantDataBucket } from '../constructs/tenant/tenant-data-bucket';
import { TenantRoles } from '../constructs/tenant/tenant-roles';
import { platformDeploymentRoleArn } from '../platform-principals';
import { type CustodyPlaceProps, type IReplicaKey, tierModule } from './tiers';

/** How long a replica that the source's inspection never accepted is kept: a rejected upload's copy. */
export const NEVER_ACCEPTED_REPLICA_DAYS = 2;

export interface TenantReplicaStackProps extends StackProps {
  /** The tenant whose data bucket this stack holds the copy of (validated config entry). */
  readonly tenant: TenantConfig;
  /** The organization's break-glass role: it can always recover administration of the replica key, never use it. */
  readonly breakGlassRoleName: string;
  /**
   * The key-custody place of the replica region that holds the replica's key (tiers hsm and external).
   * @default none: a KMS key of the tenant's account in the replica region
   */
  readonly custodyPlace?: CustodyPlaceProps;
}

/**
 * The second copy of a tenant's data (docs/continuity.md), in another allowed region of
 * the tenant's account: a bucket with every protection of the data bucket under a
 * single-Region KMS key of that region, and its access logs. S3 replication writes it as
 * the tenant's replication role; the tenant's reader reads what the source's inspection
 * accepted. It deploys before the tenant's stack, whose bucket names it as the
 * destination: so it names the tenant's roles by name (bound account-root statements and
 * `aws:PrincipalArn` conditions), never as principals that must already exist.
 */
export class TenantReplicaStack extends Stack {
  public readonly replicaKey: IReplicaKey;
  public readonly replicaBucket: TenantDataBucket;

  constructor(scope: Construct, id: string, props: TenantReplicaStackProps) {
    super(scope, id, {
      description: `suveren tenant ${props.tenant.id} (${props.tenant.displayName}): the replica of its data, tier ${props.tenant.tier}`,
      ...props,
    });
    const { tenant } = props;
    const deploymentRoleArn = platformDeploymentRoleArn(this);
    // The tenant's roles are in the tenant's account, this stack in the replica account (the same one by default).
    const roleArn = (name: string) => this.formatArn({ service: 'iam', region: '', account: tenant.account, resource: 'role', resourceName: name });
    const crossAccount = tenant.account !== this.account;
    const readerRoleName = TenantRoles.roleName(tenant.id, 'reader');
    const replicationRole = replicationRoleName(tenant.id);

    const module = tierModule(tenant.tier);
    if (!module.createReplicaKey) throw new Error(`TenantReplicaStack ${id}: tier ${tenant.tier} offers no replica (its definition names no replicaKeyStore)`);
    this.replicaKey = module.createReplicaKey(this, 'ReplicaKey', {
      tenant,
      breakGlassRoleName: props.breakGlassRoleName,
      deploymentRoleArn,
      ...(props.custodyPlace ? { custodyPlace: props.custodyPlace } : {}),
    });

    const bucketName = replicaBucketName(tenant.id, this.account, this.region);
    const accessLogs = new AccessLogBucket(this, 'AccessLogs');
    this.replicaBucket = new TenantDataBucket(this, 'Replica', {
      bucketName,
      encryptionKey: this.replicaKey,
      bucketKey: tierDefinition(tenant.tier).bucketKeys,
      accessLogBucket: accessLogs.bucket,
      accessLogPrefix: 'replica-bucket/',
      allowedPrincipalArns: [roleArn(readerRoleName)],
      configurationPrincipalArns: [deploymentRoleArn],
      noncurrentVersionExpirationDays: tenant.noncurrentVersionExpirationDays,
      readableOnlyWithTag: { key: INSPECTION_TAGS.verdict, value: INSPECTION_VERDICTS.accepted },
      continuity: 'replica',
      ...(tenant.continuity?.objectLock ? { objectLock: tenant.continuity.objectLock } : {}),
    });
    this.replicaBucket.admitReplication(roleArn(replicationRole));
    const eraserArn = roleArn(TenantRoles.roleName(tenant.id, 'eraser'));
    this.replicaBucket.admitPrincipal(eraserArn);
    // Under GOVERNANCE-mode Object Lock, an erasure deletes a retained version by bypassing it; nobody else may.
    const governance = tenant.continuity?.objectLock?.mode === 'GOVERNANCE';
    if (governance) this.replicaBucket.admitGovernanceBypass(eraserArn);
    // `suveren restore` copies accepted replicas back into the data bucket (TenantRestorerRole).
    const restorerRoleName = TenantRoles.roleName(tenant.id, 'restorer');
    this.replicaBucket.admitPrincipal(roleArn(restorerRoleName));
    // The replica key serves this bucket alone.
    this.replicaKey.grantS3ReadByRoleName(readerRoleName, tenant.account);
    this.replicaKey.grantS3ReadByRoleName(restorerRoleName, tenant.account);
    this.replicaKey.grantS3ReplicaWriteByRoleName(replicationRole, tenant.account);
    if (crossAccount) {
      // In a replica account the bucket policy must allow what the roles' own policies allow
      // (S3 User Guide, replication between accounts; cross-account bucket access).
      const read = {
        bucket: ['s3:ListBucket', 's3:ListBucketVersions'],
        objects: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging'],
      };
      this.replicaBucket.allowRoleOfAnotherAccount('TenantReaderReads', roleArn(readerRoleName), read);
      this.replicaBucket.allowRoleOfAnotherAccount('TenantRestorerReads', roleArn(restorerRoleName), read);
      this.replicaBucket.allowRoleOfAnotherAccount('TenantEraserErases', eraserArn, {
        bucket: ['s3:ListBucketVersions'],
        objects: ['s3:DeleteObject', 's3:DeleteObjectVersion', ...(governance ? ['s3:BypassGovernanceRetention'] : [])],
      });
      this.replicaBucket.allowRoleOfAnotherAccount('TenantReplicationWrites', roleArn(replicationRole), {
        bucket: ['s3:GetBucketVersioning'],
        objects: [
          's3:ReplicateObject',
          's3:ReplicateTags',
          's3:ObjectOwnerOverrideToBucketOwner',
          ...(tenant.continuity?.replicateDeleteMarkers ? ['s3:ReplicateDelete'] : []),
        ],
      });
    }
    // Every upload replicates as `pending`; the accepted verdict follows as a tag change. A
    // rejected upload's version is deleted at the source by version id, which S3 never
    // replicates: its copy stays pending, and this rule removes it.
    this.replicaBucket.bucket.addLifecycleRule({
      id: 'expire-never-accepted',
      tagFilters: { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.pending },
      expiration: Duration.days(NEVER_ACCEPTED_REPLICA_DAYS),
      noncurrentVersionExpiration: Duration.days(1),
    });

    Tags.of(this).add(TENANT_TAGS.tenant, tenant.id);
    Tags.of(this).add(TENANT_TAGS.classification, tenant.classification);
    Tags.of(this).add(TENANT_TAGS.tier, tenant.tier);
    Tags.of(this).add(TENANT_TAGS.keyCustody, this.replicaKey.custody);
  }
}
