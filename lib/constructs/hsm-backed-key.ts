import { CustomResource, Lazy, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HSM_RESOURCE_TYPES, hsmKeyHandlerRoleName, hsmKeyProvisionerRoleName, keyStoreName } from '../hsm/resource-types';
import { viaServiceName } from '../regions';
import { KeyCustodyProvider } from './key-custody-provider';
import type { ITenantEncryptionKey, KeyCustody } from './tenant-encryption-key';
import { KEY_ADMIN_ACTIONS } from './tenant-key';

/** Rotation is not available for keys in a custom key store: administrators rotate by hand (runbook). */
const ROTATION_ACTIONS = new Set(['kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:RotateKeyOnDemand']);
export const HSM_KEY_ADMIN_ACTIONS = KEY_ADMIN_ACTIONS.filter((action) => !ROTATION_ACTIONS.has(action));

const S3_WRITE_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];
const S3_READ_ACTIONS = ['kms:Decrypt'];

export interface HsmBackedKeyProps {
  /** The tenant the key belongs to; names the alias and the handler role. */
  readonly tenantId: string;
  /** The key-custody cluster's id in the suveren config. */
  readonly clusterName: string;
  /** The account the cluster, its key store and this key live in. */
  readonly custodyAccount: string;
  /** Regions whose S3 endpoints may use the key (`kms:ViaService`). */
  readonly allowedRegions: readonly string[];
  /** Principals in the tenant's account that administer the key but cannot use it. */
  readonly administrators: readonly iam.IPrincipal[];
  /** Encrypts the handler's logs and environment. */
  readonly operationsKey: kms.IKey;
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
  public readonly resource: CustomResource;
  public readonly provider: KeyCustodyProvider;
  /** The key policy, as the grants build it; rendered into the resource at synth. */
  public readonly policy: iam.PolicyDocument;
  private readonly allowedRegions: readonly string[];

  constructor(scope: Construct, id: string, props: HsmBackedKeyProps) {
    super(scope, id);
    if (props.administrators.length === 0) throw new Error(`HsmBackedKey ${this.node.path}: at least one administrator is needed, or nobody can manage the key`);
    const stack = Stack.of(this);
    this.allowedRegions = props.allowedRegions;
    const provisionerRoleArn = stack.formatArn({ service: 'iam', region: '', account: props.custodyAccount, resource: 'role', resourceName: hsmKeyProvisionerRoleName(props.clusterName) });

    const handlerRole = new iam.Role(this, 'HandlerRole', {
      roleName: hsmKeyHandlerRoleName(props.tenantId),
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `suveren: creates tenant ${props.tenantId}'s HSM-backed key through the key-custody account`,
    });
    handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [provisionerRoleArn] }));
    this.provider = new KeyCustodyProvider(this, 'Provider', { operationsKey: props.operationsKey, waitForCompletion: false, role: handlerRole });

    // The provisioner creates the key and must stay able to update its policy (KMS refuses
    // a policy that locks its creator out); it cannot use the key.
    this.policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'KeyCustodyProvisionerManages',
          principals: [new iam.ArnPrincipal(provisionerRoleArn)],
          actions: [...HSM_KEY_ADMIN_ACTIONS],
          resources: ['*'],
        }),
      ],
    });

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.serviceToken,
      resourceType: HSM_RESOURCE_TYPES.backedKey,
      properties: {
        KeyStoreName: keyStoreName(props.clusterName),
        AliasName: `alias/suveren/${props.tenantId}`,
        Description: `suveren data key of tenant ${props.tenantId}, in CloudHSM cluster ${props.clusterName}`,
        KeyPolicy: Lazy.string({ produce: () => stack.toJsonString(this.policy) }),
        Tags: JSON.stringify([
          { TagKey: 'suveren:tenant', TagValue: props.tenantId },
          { TagKey: 'suveren:key-custody', TagValue: 'cloudhsm' },
        ]),
        ProvisionerRoleArn: provisionerRoleArn,
      },
    });
    this.keyArn = this.resource.getAttString('Arn');
    this.key = kms.Key.fromKeyArn(this, 'Key', this.keyArn);
    for (const admin of props.administrators) this.grantAdminister({ grantPrincipal: admin });
  }

  public grantS3Write(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_WRITE_ACTIONS);
  }

  public grantS3Read(grantee: iam.IGrantable): iam.Grant {
    return this.grantViaS3(grantee, S3_READ_ACTIONS);
  }

  public grantAdminister(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, [...HSM_KEY_ADMIN_ACTIONS]);
  }

  private grantViaS3(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    return this.grant(grantee, actions, {
      StringEquals: {
        'kms:ViaService': this.allowedRegions.map((region) => viaServiceName('s3', region)),
        'kms:CallerAccount': Stack.of(this).account,
      },
    });
  }

  /** Cross-account use needs both halves: the key policy names the principal, its identity policy names the key. */
  private grant(grantee: iam.IGrantable, actions: string[], conditions?: Record<string, Record<string, unknown>>): iam.Grant {
    this.policy.addStatements(new iam.PolicyStatement({ principals: [grantee.grantPrincipal], actions, resources: ['*'], ...(conditions ? { conditions } : {}) }));
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.keyArn], ...(conditions ? { conditions } : {}) });
  }
}
