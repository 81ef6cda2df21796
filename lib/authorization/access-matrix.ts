import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import { custodyOf } from '@suveren/core/tiers';
import { partitionOf } from '../regions';
import { INSPECTION_TAGS, INSPECTION_VERDICTS, OBJECT_PREFIX } from '@suveren/core/contracts/upload-layout';
import type { AccessCell, AccessMatrixRow } from './access-capabilities';
import type { NamedPolicy, PolicyDocumentJson } from './deployed-model';
import { conformanceRuleRolePolicy } from '../compliance/conformance/rule-role-policy';
import { ADMINISTRATOR_ACCESS, type AccessDecision, type AccessEvaluator } from './evaluate';
import { decideS3Call } from './s3-calls';
import { conformanceRuleRoleName, tenantStackId } from '@suveren/core/contracts/names';
import { type Text, text, textOfKey } from '../i18n/translate';

/*
 * Who can do what to a tenant's data, decided by the IAM evaluator over the synthesized
 * templates rather than read from policy text: for a fixed set of principals (the
 * tenant stack's roles, the platform's deployment role, break-glass, the tenant
 * account's administrator and another tenant's administrator), whether each may write,
 * read, decrypt, delete and reconfigure. Administrators are modelled with
 * AdministratorAccess, the strongest identity policy an account can hand out, so a
 * "no" for them is a "no" for anyone in their account.
 */

interface Subject {
  readonly label: Text;
  readonly principal: string;
  readonly identityPolicies?: readonly NamedPolicy[];
}

const ADMIN = [ADMINISTRATOR_ACCESS];
const SAMPLE_OBJECT = `${OBJECT_PREFIX}00000000-0000-4000-8000-000000000000`;

function cellOf(decisions: readonly AccessDecision[], denied: AccessDecision | undefined): AccessCell {
  const deciding = denied ?? decisions[decisions.length - 1];
  return { allowed: denied === undefined, decidedBy: deciding ? `${deciding.request.action}: ${deciding.deciding[0] ?? ''}` : '' };
}

function subjectsFor(evaluator: AccessEvaluator, config: SuverenConfig, tenant: TenantConfig, keyArn: string): Subject[] {
  const partition = partitionOf(tenant.region);
  const role = (account: string, name: string) => `arn:${partition}:iam::${account}:role/${name}`;
  const stackId = tenantStackId(tenant.id);
  const tenantRoles = [...evaluator.deployed.roles.values()]
    .filter((r) => r.stackId === stackId && r.account === tenant.account)
    .map((r) => r.arn)
    .sort()
    .map((arn) => ({ label: text('principal.tenantRole', { name: arn.split('/').pop() ?? arn }), principal: arn }));
  const other = config.tenants.find((t) => t.account !== tenant.account);
  const qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  // A key in a custom key store lives in the key-custody account: its administrators and the tenant's provisioner role there count too.
  const keyAccount = keyArn.split(':')[4];
  const provisioner = custodyOf(tenant)?.provisioner;
  const custody =
    keyAccount && keyAccount !== tenant.account
      ? [
          ...(provisioner ? [{ label: textOfKey(provisioner.label), principal: role(keyAccount, provisioner.roleName) }] : []),
          { label: text('principal.custodyBreakGlass'), principal: role(keyAccount, config.organization.breakGlassRoleName), identityPolicies: ADMIN },
          { label: text('principal.custodyAdministrator'), principal: role(keyAccount, 'Admin'), identityPolicies: ADMIN },
        ]
      : [];
  return [
    ...tenantRoles,
    {
      label: text('principal.deployment'),
      principal: role(tenant.account, `cdk-${qualifier}-cfn-exec-role-${tenant.account}-${tenant.region}`),
      identityPolicies: ADMIN,
    },
    {
      // In the account of the key it reads (the key-custody account for hsm and external).
      label: text('principal.conformanceRule'),
      principal: role(keyAccount || tenant.account, conformanceRuleRoleName(tenant.region)),
      identityPolicies: [{ name: conformanceRuleRoleName(tenant.region), policy: conformanceRuleRolePolicy(partition) as unknown as PolicyDocumentJson }],
    },
    { label: text('principal.breakGlass'), principal: role(tenant.account, config.organization.breakGlassRoleName), identityPolicies: ADMIN },
    { label: text('principal.tenantAdministrator'), principal: role(tenant.account, 'Admin'), identityPolicies: ADMIN },
    ...(other
      ? [{ label: text('principal.otherTenantAdministrator', { tenant: other.id }), principal: role(other.account, 'Admin'), identityPolicies: ADMIN }]
      : []),
    ...custody,
  ];
}

/** The matrix for one tenant, or undefined when its stack is not in the templates. */
export async function tenantAccessMatrix(evaluator: AccessEvaluator, config: SuverenConfig, tenant: TenantConfig): Promise<AccessMatrixRow[] | undefined> {
  const stackId = tenantStackId(tenant.id);
  const data = [...evaluator.deployed.buckets.values()].find((b) => b.stackId === stackId && b.logicalId.startsWith('DataBucket'));
  if (!data?.defaultKeyArn) return undefined;
  const keyArn = data.defaultKeyArn;
  const rows: AccessMatrixRow[] = [];
  for (const subject of subjectsFor(evaluator, config, tenant, keyArn)) {
    const base = { principal: subject.principal, bucket: data.name, identityPolicies: subject.identityPolicies };
    const s3 = async (call: Parameters<typeof decideS3Call>[1]) => {
      const decision = await decideS3Call(evaluator, call);
      return cellOf(decision.decisions, decision.denied);
    };
    const kms = async (action: string) => {
      const decision = await evaluator.decide({
        principal: subject.principal,
        action,
        resource: keyArn,
        region: tenant.region,
        identityPolicies: subject.identityPolicies,
      });
      return cellOf([decision], decision.allowed ? undefined : decision);
    };
    const write = await s3({
      ...base,
      operation: 'PutObject',
      key: SAMPLE_OBJECT,
      encryption: { algorithm: 'aws:kms', keyId: keyArn },
      requestTags: { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.pending },
    });
    const read = await s3({ ...base, operation: 'GetObject', key: SAMPLE_OBJECT, existingTags: { [INSPECTION_TAGS.verdict]: INSPECTION_VERDICTS.accepted } });
    const listVersions = await s3({ ...base, operation: 'ListObjectVersions', prefix: OBJECT_PREFIX });
    const decrypt = await kms('kms:Decrypt');
    const remove = await s3({ ...base, operation: 'DeleteObject', key: SAMPLE_OBJECT, versionId: 'v1' });
    const bucketPolicy = await s3({ ...base, operation: 'PutBucketPolicy' });
    const keyPolicy = await kms('kms:PutKeyPolicy');
    const reconfigure = bucketPolicy.allowed
      ? bucketPolicy
      : keyPolicy.allowed
        ? keyPolicy
        : { allowed: false, decidedBy: `${bucketPolicy.decidedBy}; ${keyPolicy.decidedBy}` };
    rows.push({
      label: subject.label,
      principal: subject.principal,
      cells: { write, read, 'list-versions': listVersions, decrypt, delete: remove, reconfigure },
    });
  }
  return rows;
}
