import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { hsmKeyHandlerRoleName, hsmKeyProvisionerRoleName } from '../hsm/resource-types';

export interface HsmKeyProvisionerRoleProps {
  /** The cluster's id in the suveren config; names the role. */
  readonly clusterName: string;
  /** The tenants whose keys live in this cluster, and their accounts. */
  readonly tenants: readonly { readonly tenantId: string; readonly account: string }[];
}

/** What a tenant's key handler may do to keys in the store (no use of any key, no deletion of a store). */
const KEY_LIFECYCLE_ACTIONS = ['kms:DescribeKey', 'kms:PutKeyPolicy', 'kms:UpdateKeyDescription', 'kms:TagResource', 'kms:ScheduleKeyDeletion'];

/**
 * The role in the key-custody account that each `hsm`-tier tenant's key handler assumes
 * to create its HSM-backed key in the cluster's key store. Only those handler roles,
 * from their own tenant accounts, can assume it; it can create keys only with origin
 * AWS_CLOUDHSM and never multi-Region, alias them only as `alias/suveren/<tenant>[/...]`,
 * and use none of them: each key's policy names the tenant's roles as its users.
 */
export class HsmKeyProvisionerRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: HsmKeyProvisionerRoleProps) {
    super(scope, id);
    if (props.tenants.length === 0) throw new Error(`HsmKeyProvisionerRole ${this.node.path}: no tenant uses cluster ${props.clusterName}`);
    const stack = Stack.of(this);
    const handlerArns = props.tenants.map((t) => stack.formatArn({ service: 'iam', region: '', account: t.account, resource: 'role', resourceName: hsmKeyHandlerRoleName(t.tenantId) }));
    const accounts = [...new Set(props.tenants.map((t) => t.account))];
    this.role = new iam.Role(this, 'Role', {
      roleName: hsmKeyProvisionerRoleName(props.clusterName),
      description: `suveren: creates hsm-tier tenants' keys in custom key store of cluster ${props.clusterName}`,
      // The account principal with a PrincipalArn condition: naming the handler roles
      // directly would fail until every tenant stack exists.
      assumedBy: new iam.PrincipalWithConditions(new iam.CompositePrincipal(...accounts.map((a) => new iam.AccountPrincipal(a))), {
        ArnEquals: { 'aws:PrincipalArn': handlerArns },
      }),
    });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'FindTheStore', actions: ['kms:DescribeCustomKeyStores'], resources: ['*'] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CreateHsmBackedKeysOnly',
        actions: ['kms:CreateKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:KeyOrigin': 'AWS_CLOUDHSM' }, Bool: { 'kms:MultiRegion': 'false' } },
      }),
    );
    const keys = stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AliasTenantKeys',
        actions: ['kms:CreateAlias'],
        // The tenant's alias and its later generations' (alias/suveren/<tenant>/generation-<n>).
        resources: [
          keys,
          ...props.tenants.flatMap((t) => [`suveren/${t.tenantId}`, `suveren/${t.tenantId}/*`].map((name) => stack.formatArn({ service: 'kms', resource: 'alias', resourceName: name }))),
        ],
      }),
    );
    // Key ids are KMS's choice at creation; each key's own policy narrows this to its tenant's key.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ManageTenantKeys', actions: KEY_LIFECYCLE_ACTIONS, resources: [keys] }));
  }
}
