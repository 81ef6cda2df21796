import { CustomResource, Lazy, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HSM_RESOURCE_TYPES, hsmKeyHandlerRoleName, hsmKeyProvisionerRoleName, keyStoreName, type BackedKeyProperties } from '../../contracts/custom-resources';
import { viaServiceName } from '../../regions';
import { KeyCustodyProvider } from './key-custody-provider';
import type { ITenantEncryptionKey, KeyCustody } from '../tenant/tenant-encryption-key';
import { KEY_ADMIN_ACTIONS } from '../tenant/tenant-key';
import { TENANT_TAGS } from '../../contracts/names';

/** Rotation is not available for keys in a custom key store: administrators rotate by hand (runbook). */
const ROTATION_ACTIONS = new Set(['kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:RotateKeyOnDemand']);
/** Lifecycle administration, for principals in the key's own (key-custody) account. */
export const HSM_KEY_ADMIN_ACTIONS = KEY_ADMIN_ACTIONS.filter((action) => !ROTATION_ACTIONS.has(action));
/**
 * The administrative actions KMS allows across accounts (the others, such as
 * PutKeyPolicy, DisableKey and ScheduleKeyDeletion, only work in the key's account): what
 * the tenant's own key administrator gets. Retiring a key is done in the key-custody
 * account (docs/hsm-runbook.md).
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

export interface HsmBackedKeyProps {
  /** The tenant the key belongs to; names the alias and the handler role. */
  readonly tenantId: string;
  /** The key-custody cluster's id in the suveren config. */
  readonly clusterName: string;
  /** The account the cluster, its key store and this key live in. */
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
   * How many keys the tenant has had: each generation is a key of its own, the last one
   * encrypts new objects, every one of them still decrypts the objects it encrypted.
   * Raising it is how an HSM-backed key is rotated (docs/hsm-runbook.md).
   * @default 1
   */
  readonly generations?: number;
}

/**
 * A tenant's KMS key whose material lives in its key-custody account's CloudHSM
 * cluster (tier `hsm`), as a `Custom::SuverenHsmBackedKey`: the handler, in the tenant's
 * account, assumes the cluster's provisioner role and creates a single-Region symmetric
 * key with origin AWS_CLOUDHSM in the store, with the key policy rendered here and the
 * alias `alias/suveren/<tenant>`. The same key-policy rules as `TenantKey`: no root
 * statement, administrators cannot use the key, users only through S3 in the allowed
 * regions from the tenant's account. Keys in a custom key store do not rotate
 * automatically; the runbook says how to rotate by hand. Removing the resource keeps
 * the key.
 */
export class HsmBackedKey extends Construct implements ITenantEncryptionKey {
  public readonly key: kms.IKey;
  public readonly keyArn: string;
  public readonly custody: KeyCustody = 'cloudhsm';
  /** The current generation's key resource: it encrypts new objects. */
  public readonly resource: CustomResource;
  /** Every generation's key ARN, oldest first; the last is `keyArn`. */
  public readonly generationArns: readonly string[];
  public readonly provider: KeyCustodyProvider;
  /** The key policy, as the grants build it; rendered into the resource at synth. */
  public readonly policy: iam.PolicyDocument;
  private readonly allowedRegions: readonly string[];

  constructor(scope: Construct, id: string, props: HsmBackedKeyProps) {
    super(scope, id);
    if (props.administrators.length === 0)
      throw new Error(`HsmBackedKey ${this.node.path}: at least one administrator is needed, or nobody can manage the key`);
    const stack = Stack.of(this);
    this.allowedRegions = props.allowedRegions;
    const roleInCustody = (name: string) =>
      stack.formatArn({ service: 'iam', region: '', account: props.custodyAccount, resource: 'role', resourceName: name });
    const provisionerRoleArn = roleInCustody(hsmKeyProvisionerRoleName(props.tenantId));

    const handlerRole = new iam.Role(this, 'HandlerRole', {
      roleName: hsmKeyHandlerRoleName(props.tenantId),
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `suveren: creates tenant ${props.tenantId}'s HSM-backed key through the key-custody account`,
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

    const generations = props.generations ?? 1;
    if (!Number.isInteger(generations) || generations < 1)
      throw new Error(`HsmBackedKey ${this.node.path}: generations must be a whole number from 1, not ${generations}`);
    const keyPolicy = Lazy.string({ produce: () => stack.toJsonString(this.policy) });
    // Generation 1 keeps the plain alias (and construct id) it had before any rotation.
    const resources = Array.from({ length: generations }, (_, i) => {
      const generation = i + 1;
      return new CustomResource(this, generation === 1 ? 'Resource' : `Generation${generation}`, {
        serviceToken: this.provider.serviceToken,
        resourceType: HSM_RESOURCE_TYPES.backedKey,
        properties: {
          KeyStoreName: keyStoreName(props.clusterName),
          AliasName: generation === 1 ? `alias/suveren/${props.tenantId}` : `alias/suveren/${props.tenantId}/generation-${generation}`,
          Description: `suveren data key of tenant ${props.tenantId}, generation ${generation}, in CloudHSM cluster ${props.clusterName}`,
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
    this.resource = resources[resources.length - 1];
    this.generationArns = resources.map((r) => r.getAttString('Arn'));
    this.keyArn = this.generationArns[this.generationArns.length - 1];
    this.key = kms.Key.fromKeyArn(this, 'Key', this.keyArn);
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

  /** Oversight only from the tenant's account: see `CROSS_ACCOUNT_ADMIN_ACTIONS`. */
  public grantAdminister(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, CROSS_ACCOUNT_ADMIN_ACTIONS, this.generationArns);
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
