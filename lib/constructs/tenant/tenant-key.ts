import { Duration, RemovalPolicy, Stack, Tags, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CONFORMANCE_RULE_KEY_ACTIONS, TENANT_DATA_KEY_PURPOSE, TENANT_TAGS } from '@suveren/core/contracts/names';
import { viaServiceName } from '../../regions';
import { tenantKeyAliasName } from '@suveren/core/contracts/continuity';
import type { ITenantEncryptionKey, KeyCustody } from './tenant-encryption-key';
import { keepFormerLogicalIds } from '../shared/former-logical-ids';

/**
 * Key administration without any cryptographic use: administrators can change the
 * policy, rotation and lifecycle of the key but never decrypt with it. Listed
 * action by action (no `Describe*`-style wildcards) so a reviewer sees exactly what
 * an administrator can do.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:ListKeyRotations',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
] as const;

const S3_WRITE_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];
const S3_READ_ACTIONS = ['kms:Decrypt'];
/** What S3 asks of a replica's key for the replication role (S3 User Guide, replicating objects encrypted with SSE-KMS). */
export const REPLICA_KEY_ACTIONS = ['kms:Encrypt'];

/** A statement id from a role name: letters and digits only. */
export function sidOf(roleName: string): string {
  return roleName.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase());
}
/** What a re-key through S3 asks of the old key and of the new one (S3 API reference, UpdateObjectEncryption and CopyObject). */
export const S3_RE_ENCRYPT_FROM_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'];
export const S3_RE_ENCRYPT_TO_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt', 'kms:ReEncryptTo'];

export interface TenantKeyProps {
  /** The tenant this key belongs to; names the alias and the description. */
  readonly tenantId: string;
  /**
   * Regions whose S3 endpoints may use the key (`kms:ViaService`). Every other path to
   * the key (direct KMS calls, other services) is refused by the key policy.
   */
  readonly allowedRegions: readonly string[];
  /**
   * Principals that administer the key (policy, rotation, deletion) but cannot use it.
   * The platform's CloudFormation execution role must be among them, or CloudFormation
   * cannot update or delete the key.
   */
  readonly administrators: readonly iam.IPrincipal[];
  /**
   * A role in the key's account that can always recover administration of the key (never
   * use it): the break-glass role. It is named through the account root with an
   * `aws:PrincipalArn` condition, so it need not exist when the key is created, and the
   * key stays manageable when the administrators it names are deleted and recreated
   * (KMS binds a named role to its unique id).
   * @default none: only the named administrators manage the key
   */
  readonly recoveryRoleName?: string;
  /**
   * Days KMS waits before deleting the key once deletion is scheduled.
   * @default Duration.days(30), the maximum: the longest window to notice a mistake
   */
  readonly pendingWindow?: Duration;
  /**
   * What happens to the key when it is removed from the stack.
   * @default RemovalPolicy.RETAIN: deleting a key makes every object under it unreadable
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The construct id this key had when it was the tenant's data key (`DataKey`): its key
   * and alias keep the logical ids they had there, so CloudFormation keeps the deployed
   * key instead of orphaning it and creating another. Used for the standard key a tenant
   * keeps after a tier raise, until `suveren migrate` has re-keyed what it stores.
   * @default none: logical ids follow this construct's own id
   */
  readonly formerConstructId?: string;
}

/**
 * A tenant's customer-managed KMS key (tier `standard`, and the second layer under
 * tier `client-side`). Automatic rotation on, never multi-Region, an alias per tenant,
 * administrators separate from users, and use restricted to S3 in the allowed regions.
 *
 * The key policy does not delegate to the account root: IAM policies alone can grant
 * nobody use of this key. Every user and administrator is named in the key policy by
 * the `grantXxx()` methods.
 */
/**
 * A key-policy statement for the account root, bound to one role of `account` by
 * `aws:PrincipalArn`: KMS accepts it before the role exists and keeps it when the role
 * is recreated, and IAM can grant nobody else anything through it.
 */
export function boundRootStatement(scope: Construct, sid: string, actions: readonly string[], roleName: string, account?: string): iam.PolicyStatement {
  const stack = Stack.of(scope);
  return new iam.PolicyStatement({
    sid,
    principals: [account ? new iam.AccountPrincipal(account) : new iam.AccountRootPrincipal()],
    actions: [...actions],
    resources: ['*'],
    conditions: { ArnEquals: { 'aws:PrincipalArn': stack.formatArn({ service: 'iam', region: '', account, resource: 'role', resourceName: roleName }) } },
  });
}

export class TenantKey extends Construct implements ITenantEncryptionKey {
  public readonly key: kms.Key;
  public readonly keyArn: string;
  public readonly alias: kms.Alias;
  public readonly custody: KeyCustody = 'aws-kms';
  private readonly allowedRegions: readonly string[];

  constructor(scope: Construct, id: string, props: TenantKeyProps) {
    super(scope, id);
    if (props.administrators.length === 0) {
      throw new Error(`TenantKey ${this.node.path}: at least one administrator is needed, or nobody can manage the key`);
    }
    this.allowedRegions = props.allowedRegions;
    this.key = new kms.Key(this, 'Key', {
      description: `suveren data key of tenant ${props.tenantId}`,
      enableKeyRotation: true,
      multiRegion: false,
      pendingWindow: props.pendingWindow ?? Duration.days(30),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      // An explicit, initially empty policy: no root-account statement, so only the
      // principals granted below can administer or use the key.
      policy: new iam.PolicyDocument(),
    });
    Tags.of(this.key).add(TENANT_TAGS.keyPurpose, TENANT_DATA_KEY_PURPOSE);
    this.keyArn = this.key.keyArn;
    this.alias = this.key.addAlias(tenantKeyAliasName(props.tenantId));
    for (const admin of props.administrators) {
      this.grantAdminister({ grantPrincipal: admin });
    }
    if (props.recoveryRoleName) {
      this.key.addToResourcePolicy(boundRootStatement(this, 'RecoveryByBreakGlassRole', KEY_ADMIN_ACTIONS, props.recoveryRoleName));
    }
    if (props.formerConstructId) keepFormerLogicalIds(this, props.formerConstructId);
  }

  public grantS3Write(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_WRITE_ACTIONS);
  }

  public grantS3Read(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_READ_ACTIONS);
  }

  public grantS3ReEncryptFrom(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_RE_ENCRYPT_FROM_ACTIONS);
  }

  public grantS3ReEncryptTo(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_RE_ENCRYPT_TO_ACTIONS);
  }

  public grantS3ReplicationSource(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    return iam.Grant.addToPrincipalAndResource({
      grantee,
      actions: S3_READ_ACTIONS,
      resourceArns: [this.keyArn],
      resourceSelfArns: ['*'],
      resource: this.key,
      conditions: {
        StringEquals: { 'kms:ViaService': viaServiceName('s3', stack.region), 'kms:CallerAccount': stack.account },
      },
    });
  }

  public grantAdminister(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipalAndResource({
      grantee,
      actions: [...KEY_ADMIN_ACTIONS],
      resourceArns: [this.keyArn],
      resourceSelfArns: ['*'],
      resource: this.key,
    });
  }

  /**
   * Lets the role `roleName` of the key's account read objects through S3 in the key's own
   * region (kms:Decrypt), named through a bound account-root statement. The role's IAM
   * policy must allow it too. No encryption-context condition: the IAM evaluator the
   * proofs use cannot evaluate `kms:EncryptionContext:*` keys, and a condition the proof
   * cannot evaluate would leave its "nobody else" unproven (docs/continuity.md).
   */
  public grantS3ReadByRoleName(roleName: string, account?: string): void {
    this.key.addToResourcePolicy(this.boundViaS3(`S3ReadBy${sidOf(roleName)}`, S3_READ_ACTIONS, roleName, account));
  }

  /**
   * Lets the role `roleName` of the key's account have S3 encrypt replicas in the key's own
   * region (kms:Encrypt, the one action the S3 User Guide lists for a replica's key), named
   * through a bound account-root statement. The role's IAM policy must allow it too.
   */
  public grantS3ReplicaWriteByRoleName(roleName: string, account?: string): void {
    this.key.addToResourcePolicy(this.boundViaS3(`S3ReplicaWriteBy${sidOf(roleName)}`, REPLICA_KEY_ACTIONS, roleName, account));
  }

  /** A statement for the role `roleName` of `account` (the key's by default), through S3 in the key's region. */
  private boundViaS3(sid: string, actions: readonly string[], roleName: string, account?: string): iam.PolicyStatement {
    const stack = Stack.of(this);
    const statement = boundRootStatement(this, sid, actions, roleName, account);
    statement.addCondition('StringEquals', { 'kms:ViaService': viaServiceName('s3', stack.region), 'kms:CallerAccount': account ?? stack.account });
    return statement;
  }

  public grantPolicyRead(roleName: string): void {
    this.key.addToResourcePolicy(boundRootStatement(this, 'ConformanceRuleReadsPolicy', CONFORMANCE_RULE_KEY_ACTIONS, roleName));
  }

  private grantViaS3(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipalAndResource({
      grantee,
      actions,
      resourceArns: [this.keyArn],
      resourceSelfArns: ['*'],
      resource: this.key,
      conditions: {
        StringEquals: {
          'kms:ViaService': this.allowedRegions.map((region) => viaServiceName('s3', region)),
          'kms:CallerAccount': Stack.of(this).account,
        },
      },
    });
  }
}
