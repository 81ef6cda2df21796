import { CustomResource, Lazy, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { viaServiceName } from '../../regions';
import { KeyCustodyProvider } from './key-custody-provider';
import { CONFORMANCE_RULE_KEY_ACTIONS } from '@suveren/core/contracts/names';
import type { ITenantEncryptionKey, KeyCustody } from '../tenant/tenant-encryption-key';
import { KEY_ADMIN_ACTIONS, REPLICA_KEY_ACTIONS, S3_RE_ENCRYPT_FROM_ACTIONS, S3_RE_ENCRYPT_TO_ACTIONS, boundRootStatement, sidOf } from '../tenant/tenant-key';

/** Rotation is not available for keys in a custom key store: administrators rotate by hand (runbook). */
const ROTATION_ACTIONS = new Set(['kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:RotateKeyOnDemand']);
/** Lifecycle administration, for principals in the key's own (key-custody) account. */
export const HSM_KEY_ADMIN_ACTIONS = KEY_ADMIN_ACTIONS.filter((action) => !ROTATION_ACTIONS.has(action));
/**
 * The administrative actions KMS allows across accounts (the others, such as
 * PutKeyPolicy, DisableKey and ScheduleKeyDeletion, only work in the key's account): what
 * the tenant's own key administrator gets. Retiring a key is done in the key-custody
 * account (the runbooks).
 */
export const CROSS_ACCOUNT_ADMIN_ACTIONS = ['kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:ListGrants', 'kms:RevokeGrant'];

/**
 * What the provisioner role may do to a key it created, in the key policy: create and
 * update it (PutKeyPolicy satisfies KMS's lockout check), alias and tag it. Nothing that
 * disables, deletes or uses the key.
 */
export const PROVISIONER_KEY_ACTIONS = ['kms:DescribeKey', 'kms:PutKeyPolicy', 'kms:CreateAlias', 'kms:TagResource', 'kms:UpdateKeyDescription'];

const S3_WRITE_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];
const S3_READ_ACTIONS = ['kms:Decrypt'];

export interface CustomKeyStoreKeyProps {
  /** The tenant the key belongs to; names the alias and the handler role. */
  readonly tenantId: string;
  /** The account the key store and this key live in. */
  readonly custodyAccount: string;
  /**
   * A role in the key-custody account that may administer (never use) the key: disable
   * it, schedule its deletion, repair its policy. Named by condition on the account root,
   * so it need not exist when the key is created, and a recreated role still matches.
   */
  readonly custodyAdministratorRoleName: string;
  /** Regions whose S3 endpoints may use the key (`kms:ViaService`). */
  readonly allowedRegions: readonly string[];
  /**
   * Principals in the tenant's account that oversee the key (describe it, list and
   * revoke grants) but cannot use it; KMS keeps every other administrative action
   * inside the key's own account.
   */
  readonly administrators: readonly iam.IPrincipal[];
  /** Encrypts the handler's logs and environment. */
  readonly operationsKey: kms.IKey;
  /**
   * Whether this is the key of the tenant's replica, in the replica region (docs/continuity.md):
   * its handler and provisioner roles have the replica's names.
   * @default false
   */
  readonly replica?: boolean;
}

/** What a kind of custom key store gives the shared key construct. */
export interface CustomKeyStoreKeySpec {
  /** The tenant handler role's name, in the tenant's account. */
  readonly handlerRoleName: string;
  /** The provisioner role's name, in the key-custody account. */
  readonly provisionerRoleName: string;
  /** What the handler role is for, in its description. */
  readonly handlerDescription: string;
  /** Where the key material lives. */
  readonly custody: KeyCustody;
  /**
   * Declares the key's custom resources, oldest generation first; the last one encrypts
   * new objects. Each must return the key's ARN as attribute `Arn`.
   */
  readonly declareKeys: (scope: Construct, inputs: { serviceToken: string; keyPolicy: string; provisionerRoleArn: string }) => CustomResource[];
}

/**
 * A tenant's KMS key in a custom key store of its key-custody account, as a custom
 * resource: the handler, in the tenant's account, assumes the store's provisioner role
 * for this tenant and creates a single-Region symmetric key with the key policy rendered
 * here. The same key-policy rules as `TenantKey`: no root statement, administrators
 * cannot use the key, users only through S3 in the allowed regions from the tenant's
 * account. Removing the resource keeps the key. `HsmBackedKey` and `ExternalKey` are the
 * two kinds.
 */
export abstract class CustomKeyStoreKey extends Construct implements ITenantEncryptionKey {
  public readonly key: kms.IKey;
  public readonly keyArn: string;
  public readonly custody: KeyCustody;
  /** The current generation's key resource: it encrypts new objects. */
  public readonly resource: CustomResource;
  /** Every generation's key ARN, oldest first; the last is `keyArn`. */
  public readonly generationArns: readonly string[];
  public readonly provider: KeyCustodyProvider;
  /** The key policy, as the grants build it; rendered into the resource at synth. */
  public readonly policy: iam.PolicyDocument;
  /** The key-custody account, where the key and its conformance rule are. */
  private readonly custodyAccount: string;
  private readonly allowedRegions: readonly string[];

  protected constructor(scope: Construct, id: string, props: CustomKeyStoreKeyProps, spec: CustomKeyStoreKeySpec) {
    super(scope, id);
    if (props.administrators.length === 0)
      throw new Error(`${new.target.name} ${this.node.path}: at least one administrator is needed, or nobody can manage the key`);
    const stack = Stack.of(this);
    this.allowedRegions = props.allowedRegions;
    this.custody = spec.custody;
    const roleInCustody = (name: string) =>
      stack.formatArn({ service: 'iam', region: '', account: props.custodyAccount, resource: 'role', resourceName: name });
    const provisionerRoleArn = roleInCustody(spec.provisionerRoleName);

    const handlerRole = new iam.Role(this, 'HandlerRole', {
      roleName: spec.handlerRoleName,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: spec.handlerDescription,
    });
    handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [provisionerRoleArn] }));
    this.provider = new KeyCustodyProvider(this, 'Provider', { operationsKey: props.operationsKey, waitForCompletion: false, role: handlerRole });

    // The provisioner gets only what creating and updating the key needs: PutKeyPolicy
    // because KMS refuses a policy that would lock its creator out. Never disable,
    // delete or use: a tenant account that took over its handler would otherwise own the
    // key. The break-glass role of the key-custody account retires keys; it is named
    // through the account root with a condition, which survives the role being deleted
    // and recreated (KMS binds a named role to its unique id) and lets IAM grant nothing.
    this.policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'KeyCustodyProvisionerManages',
          principals: [new iam.ArnPrincipal(provisionerRoleArn)],
          actions: [...PROVISIONER_KEY_ACTIONS],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'KeyCustodyAdministratorRetires',
          principals: [new iam.AccountPrincipal(props.custodyAccount)],
          actions: [...HSM_KEY_ADMIN_ACTIONS],
          resources: ['*'],
          conditions: { ArnEquals: { 'aws:PrincipalArn': roleInCustody(props.custodyAdministratorRoleName) } },
        }),
      ],
    });

    const keyPolicy = Lazy.string({ produce: () => stack.toJsonString(this.policy) });
    const resources = spec.declareKeys(this, { serviceToken: this.provider.serviceToken, keyPolicy, provisionerRoleArn });
    this.resource = resources[resources.length - 1];
    this.generationArns = resources.map((r) => r.getAttString('Arn'));
    this.keyArn = this.generationArns[this.generationArns.length - 1];
    this.key = kms.Key.fromKeyArn(this, 'Key', this.keyArn);
    this.custodyAccount = props.custodyAccount;
    for (const admin of props.administrators) this.grantAdminister({ grantPrincipal: admin });
  }

  /** Writes go to the current generation only; S3 pins uploads to it anyway. */
  public grantS3Write(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_WRITE_ACTIONS, [this.keyArn]);
  }

  /** Reads reach every generation: an object stays under the key that encrypted it. */
  public grantS3Read(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_READ_ACTIONS, this.generationArns);
  }

  /** Away from every generation: a re-key may start from any of them. */
  public grantS3ReEncryptFrom(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_RE_ENCRYPT_FROM_ACTIONS, this.generationArns);
  }

  /** Onto the current generation only, the one new objects are written under. */
  public grantS3ReEncryptTo(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_RE_ENCRYPT_TO_ACTIONS, [this.keyArn]);
  }

  /** Replication reads reach every generation, like reads; only through S3 in the bucket's region. */
  public grantS3ReplicationSource(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    return this.grant(grantee, S3_READ_ACTIONS, this.generationArns, {
      StringEquals: { 'kms:ViaService': viaServiceName('s3', stack.region), 'kms:CallerAccount': stack.account },
    });
  }

  /**
   * Lets the tenant's role `roleName` read objects through S3 in the key's region
   * (kms:Decrypt), named through a bound statement on the tenant's account: a replica key
   * deploys before the tenant's roles exist (docs/continuity.md). The role's IAM policy
   * must allow it too, as for any key of another account.
   */
  public grantS3ReadByRoleName(roleName: string, account?: string): void {
    this.policy.addStatements(this.boundViaS3(`S3ReadBy${sidOf(roleName)}`, S3_READ_ACTIONS, roleName, account));
  }

  /** Lets the tenant's replication role `roleName` have S3 encrypt replicas in the key's region (kms:Encrypt). */
  public grantS3ReplicaWriteByRoleName(roleName: string, account?: string): void {
    this.policy.addStatements(this.boundViaS3(`S3ReplicaWriteBy${sidOf(roleName)}`, REPLICA_KEY_ACTIONS, roleName, account));
  }

  /** A statement for the role `roleName` of `account` (the stack's, the tenant's, by default), through S3 in the key's region. */
  private boundViaS3(sid: string, actions: readonly string[], roleName: string, account?: string): iam.PolicyStatement {
    const stack = Stack.of(this);
    const roleAccount = account ?? stack.account;
    const statement = boundRootStatement(this, sid, actions, roleName, roleAccount);
    statement.addCondition('StringEquals', { 'kms:ViaService': viaServiceName('s3', stack.region), 'kms:CallerAccount': roleAccount });
    return statement;
  }

  /** Oversight only from the tenant's account: see `CROSS_ACCOUNT_ADMIN_ACTIONS`. */
  public grantAdminister(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, CROSS_ACCOUNT_ADMIN_ACTIONS, this.generationArns);
  }

  /** The rule runs in the key-custody account, where the key is. */
  public grantPolicyRead(roleName: string): void {
    this.policy.addStatements(boundRootStatement(this, 'ConformanceRuleReadsPolicy', CONFORMANCE_RULE_KEY_ACTIONS, roleName, this.custodyAccount));
  }

  private grantViaS3(grantee: iam.IGrantable, actions: string[], keyArns: readonly string[]): iam.Grant {
    return this.grant(grantee, actions, keyArns, {
      StringEquals: {
        'kms:ViaService': this.allowedRegions.map((region) => viaServiceName('s3', region)),
        'kms:CallerAccount': Stack.of(this).account,
      },
    });
  }

  /**
   * Cross-account use needs both halves: the key policy (shared by every generation)
   * names the principal, and its identity policy names the keys.
   */
  private grant(grantee: iam.IGrantable, actions: string[], keyArns: readonly string[], conditions?: Record<string, Record<string, unknown>>): iam.Grant {
    this.policy.addStatements(
      new iam.PolicyStatement({ principals: [grantee.grantPrincipal], actions, resources: ['*'], ...(conditions ? { conditions } : {}) }),
    );
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [...keyArns], ...(conditions ? { conditions } : {}) });
  }
}
