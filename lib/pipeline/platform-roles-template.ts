/*
 * The template of Suveren-Bootstrap's `suveren-platform-roles` StackSet: the roles a
 * member account needs before anything else, made by the StackSet execution role, so
 * that nobody creates them by hand inside a guarded OU (the deploy-path SCP's
 * ProtectBreakGlassRole and the guardrails' ProtectSuverenRoles let only the StackSet and
 * break-glass create or change them).
 * - The break-glass role, in every account of the OUs: AdministratorAccess within the
 *   guardrails' break-glass exemptions, trusted only by the principals the config names.
 * - The crypto officer's role, in key-custody accounts only: reading everything, and the
 *   few calls docs/hsm-runbook.md and docs/xks-runbook.md give the crypto officer.
 */

export interface PlatformRolesTemplateInputs {
  readonly partition: string;
  readonly breakGlassRoleName: string;
  /** Who may assume the break-glass role (role ARNs of the customer's emergency access). */
  readonly breakGlassTrust: readonly string[];
  /** The key-custody accounts and the name of their crypto officer's role. */
  readonly cryptoOfficers: readonly { readonly account: string; readonly roleName: string }[];
  /** Who may assume a crypto officer's role. */
  readonly cryptoOfficerTrust: readonly string[];
}

type Json = string | number | boolean | Json[] | { [key: string]: Json };

const trust = (principals: readonly string[]): Json => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: [...principals] }, Action: 'sts:AssumeRole' }],
});

/** Fn::Or takes 2 to 10 conditions: nested for more, a lone Fn::Equals for one. */
function anyOf(conditions: Json[]): Json {
  if (conditions.length === 1) return conditions[0];
  if (conditions.length <= 10) return { 'Fn::Or': conditions };
  return anyOf([anyOf(conditions.slice(0, 10)), anyOf(conditions.slice(10))].filter((c) => c !== undefined));
}

export function platformRolesTemplate(inputs: PlatformRolesTemplateInputs): Record<string, Json> {
  const p = inputs.partition;
  const resources: Record<string, Json> = {
    BreakGlassRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: inputs.breakGlassRoleName,
        Description: 'suveren break-glass: repair guardrails, re-bootstrap, act during an incident; every call is in the organization trail',
        AssumeRolePolicyDocument: trust(inputs.breakGlassTrust),
        ManagedPolicyArns: [`arn:${p}:iam::aws:policy/AdministratorAccess`],
        MaxSessionDuration: 3600,
        Tags: [{ Key: 'suveren:managed-by', Value: 'suveren' }],
      },
    },
  };
  const conditions: Record<string, Json> = {};
  // One role per distinct name; each only in the accounts that name it.
  const byName = new Map<string, string[]>();
  for (const officer of inputs.cryptoOfficers) byName.set(officer.roleName, [...new Set([...(byName.get(officer.roleName) ?? []), officer.account])]);
  [...byName.entries()].forEach(([roleName, accounts], i) => {
    const condition = `IsKeyCustodyAccount${i + 1}`;
    conditions[condition] = anyOf(accounts.sort().map((account) => ({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, account] })));
    resources[`CryptoOfficerRole${i + 1}`] = {
      Type: 'AWS::IAM::Role',
      Condition: condition,
      Properties: {
        RoleName: roleName,
        Description: "suveren crypto officer: the HSM cluster's and the key stores' custody steps (docs/hsm-runbook.md, docs/xks-runbook.md)",
        AssumeRolePolicyDocument: trust(inputs.cryptoOfficerTrust),
        ManagedPolicyArns: [`arn:${p}:iam::aws:policy/ReadOnlyAccess`],
        MaxSessionDuration: 3600,
        Policies: [
          {
            PolicyName: 'custody-steps',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'InitializeTheCluster',
                  Effect: 'Allow',
                  Action: ['cloudhsm:InitializeCluster'],
                  Resource: { 'Fn::Sub': `arn:${p}:cloudhsm:*:\${AWS::AccountId}:cluster/*` },
                },
                {
                  Sid: 'ConnectAndDisconnectKeyStores',
                  Effect: 'Allow',
                  Action: ['kms:ConnectCustomKeyStore', 'kms:DisconnectCustomKeyStore', 'kms:UpdateCustomKeyStore'],
                  Resource: '*',
                },
                // The custody secrets' own policies let nobody else but their handler read or write them.
                {
                  Sid: 'CustodyCredentials',
                  Effect: 'Allow',
                  Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
                  Resource: { 'Fn::Sub': `arn:${p}:secretsmanager:*:\${AWS::AccountId}:secret:*` },
                },
              ],
            },
          },
        ],
        Tags: [{ Key: 'suveren:managed-by', Value: 'suveren' }],
      },
    };
  });
  return {
    Description: 'suveren: the platform roles of a member account (break-glass; the crypto officer in key-custody accounts)',
    ...(Object.keys(conditions).length > 0 ? { Conditions: conditions } : {}),
    Resources: resources,
  };
}
