import { Stack, aws_iam as iam, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  externalKeyHandlerRoleName,
  externalKeyProvisionerRoleName,
  hsmKeyHandlerRoleName,
  hsmKeyProvisionerRoleName,
  replicaKeyHandlerRoleName,
  replicaKeyProvisionerRoleName,
} from '@suveren/core/contracts/custom-resources';
import { INLINE_POLICY_REASON, acknowledge } from '../../compliance/acknowledge';

/** The custom key stores a provisioner creates keys in, with what differs between them. */
const KINDS = {
  cloudhsm: {
    origin: 'AWS_CLOUDHSM',
    sid: 'CreateHsmBackedKeysOnly',
    roleName: hsmKeyProvisionerRoleName,
    handlerRoleName: hsmKeyHandlerRoleName,
    short: 'hsm',
    store: (name: string) => `the custom key store of cluster ${name}`,
  },
  'external-key-store': {
    origin: 'EXTERNAL_KEY_STORE',
    sid: 'CreateExternalKeysOnly',
    roleName: externalKeyProvisionerRoleName,
    handlerRoleName: externalKeyHandlerRoleName,
    short: 'xks',
    store: (name: string) => `external key store ${name}`,
  },
} as const;

export interface KeyProvisionerRoleProps {
  /** The cluster's or external key store's id in the suveren config. */
  readonly clusterName: string;
  /**
   * Which kind of custom key store the role creates keys in: the only key origin it may create.
   * @default 'cloudhsm'
   */
  readonly keyStore?: keyof typeof KINDS;
  /** The tenant whose keys this role creates. */
  readonly tenantId: string;
  /** The tenant's account, where its key handler runs. */
  readonly tenantAccount: string;
  /**
   * Whether the role creates the key of the tenant's replica (docs/continuity.md), with the
   * replica's own role names: IAM names are global, and the tenant's data key has the others.
   * @default false
   */
  readonly replica?: boolean;
}

/** What the handler may do to its tenant's keys: no use, no disabling or deletion of any key, no deletion of a store. */
const KEY_LIFECYCLE_ACTIONS = ['kms:DescribeKey', 'kms:PutKeyPolicy', 'kms:UpdateKeyDescription', 'kms:TagResource'];

/**
 * The role in the key-custody account that one `hsm`- or `external`-tier tenant's key
 * handler assumes to create that tenant's keys in the custom key store. One role per
 * tenant: only that tenant's handler role, from its own account, can assume it, and
 * only that tenant's keys name it in their policies, so no tenant can reach another's
 * key through it. It can create keys only with its store's origin (AWS_CLOUDHSM or
 * EXTERNAL_KEY_STORE) and never multi-Region, alias them only as
 * `alias/suveren/<tenant>[/...]`, and use none.
 */
export class KeyProvisionerRole extends Construct {
  public readonly role: iam.Role;
  public readonly tenantId: string;

  constructor(scope: Construct, id: string, props: KeyProvisionerRoleProps) {
    super(scope, id);
    this.tenantId = props.tenantId;
    const kind = KINDS[props.keyStore ?? 'cloudhsm'];
    const roleName = props.replica ? replicaKeyProvisionerRoleName(props.tenantId, kind.short) : kind.roleName(props.tenantId);
    const handlerRoleName = props.replica ? replicaKeyHandlerRoleName(props.tenantId, kind.short) : kind.handlerRoleName(props.tenantId);
    const stack = Stack.of(this);
    const handlerArn = stack.formatArn({
      service: 'iam',
      region: '',
      account: props.tenantAccount,
      resource: 'role',
      resourceName: handlerRoleName,
    });
    this.role = new iam.Role(this, 'Role', {
      roleName,
      description: `suveren: creates tenant ${props.tenantId}'s ${props.replica ? 'replica key' : 'keys'} in ${kind.store(props.clusterName)}`,
      // The account principal with a PrincipalArn condition: naming the handler role
      // directly would fail until the tenant stack exists.
      assumedBy: new iam.PrincipalWithConditions(new iam.AccountPrincipal(props.tenantAccount), { ArnEquals: { 'aws:PrincipalArn': handlerArn } }),
    });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'FindTheStore', actions: ['kms:DescribeCustomKeyStores'], resources: ['*'] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: kind.sid,
        actions: ['kms:CreateKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:KeyOrigin': kind.origin }, Bool: { 'kms:MultiRegion': 'false' } },
      }),
    );
    const keys = stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AliasThisTenantsKeys',
        actions: ['kms:CreateAlias'],
        // The tenant's alias and its later generations' (alias/suveren/<tenant>/generation-<n>).
        resources: [
          keys,
          ...[`suveren/${props.tenantId}`, `suveren/${props.tenantId}/*`].map((name) =>
            stack.formatArn({ service: 'kms', resource: 'alias', resourceName: name }),
          ),
        ],
      }),
    );
    // Key ids are KMS's choice at creation; only this tenant's keys name this role in their policies.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ManageThisTenantsKeys', actions: KEY_LIFECYCLE_ACTIONS, resources: [keys] }));

    acknowledge(this.role, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    // cdk-nag names the partition as the template holds it: a literal where the region is known.
    const partitionInFinding = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      `kms:DescribeCustomKeyStores has no resource type, and kms:CreateKey acts before the key exists; CreateKey is limited to origin ${kind.origin} and single-Region keys by conditions.`,
    );
    acknowledge(
      this.role,
      `AwsSolutions-IAM5[Resource::arn:${partitionInFinding}:kms:${stack.region}:${stack.account}:key/*]`,
      "Key ids are chosen by KMS when the tenant's key is created; KMS also requires the key policy to allow each action, and only this tenant's keys name this role, so it reaches no other tenant's key and uses none.",
    );
    acknowledge(
      this.role,
      `AwsSolutions-IAM5[Resource::arn:${partitionInFinding}:kms:${stack.region}:${stack.account}:alias/suveren/${props.tenantId}/*]`,
      `The aliases of tenant ${props.tenantId}'s later key generations (alias/suveren/${props.tenantId}/generation-<n>), created when its key is rotated by hand; no other tenant's aliases.`,
    );
  }
}
