import { MANAGED_POLICY_TAG } from '@suveren/core/contracts/names';
import { type ManagementExecutionPolicyInputs, organizationTargetArn } from './management-execution-policy';
import type { PolicyDocument } from './policy-documents';

/*
 * The identity policy of the management-account role that runs `suveren accounts create`
 * (docs/deploying.md). A separate role, not a wider management execution policy: no
 * deployment ever needs to create or move an account, so the CloudFormation execution
 * role that deploys Suveren-Guardrails keeps "no accounts". This one may create accounts
 * tagged as suveren's and move such accounts from the root into the OUs the config names,
 * and nothing else: no closing, removing or inviting accounts, no policies.
 */

export interface AccountCreatorPolicyInputs extends ManagementExecutionPolicyInputs {
  /** The OUs and roots the config's `create` entries name (packages/core/config/account-lock.ts). */
  readonly destinationUnits: readonly string[];
}

export function accountCreatorPolicy(inputs: AccountCreatorPolicyInputs): PolicyDocument {
  const tag = MANAGED_POLICY_TAG;
  const accounts = `arn:${inputs.partition}:organizations::${inputs.managementAccount}:account/${inputs.organizationId}/*`;
  const roots = `arn:${inputs.partition}:organizations::${inputs.managementAccount}:root/${inputs.organizationId}/*`;
  const requestTag = { [`aws:RequestTag/${tag.key}`]: tag.value };
  const units = [...new Set(inputs.destinationUnits)].filter((u) => u.startsWith('ou-')).map((u) => organizationTargetArn(inputs, u));
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadTheOrganization',
        Effect: 'Allow',
        Action: ['organizations:DescribeOrganization', 'organizations:ListAccounts', 'organizations:ListParents', 'organizations:DescribeCreateAccountStatus'],
        Resource: '*',
      },
      {
        Sid: 'CreateSuverenAccounts',
        Effect: 'Allow',
        Action: ['organizations:CreateAccount'],
        Resource: '*',
        Condition: { StringEquals: requestTag, 'ForAllValues:StringEquals': { 'aws:TagKeys': [tag.key] } },
      },
      // CreateAccount with tags also needs TagResource on the new account, which has no tag yet.
      {
        Sid: 'TagOnlySuverenAccounts',
        Effect: 'Allow',
        Action: ['organizations:TagResource'],
        Resource: accounts,
        Condition: {
          StringEquals: requestTag,
          StringEqualsIfExists: { [`aws:ResourceTag/${tag.key}`]: tag.value },
          'ForAllValues:StringEquals': { 'aws:TagKeys': [tag.key] },
        },
      },
      // MoveAccount is authorized on the account, its source and its destination (Service
      // Authorization Reference, AWS Organizations): the account must be suveren's, and
      // the destination one of the config's OUs (a new account starts in the root). IAM
      // checks each resource on its own, so the role could also move a suveren account
      // back to the root: it still cannot close it or take it out of the organization.
      {
        Sid: 'MoveSuverenAccounts',
        Effect: 'Allow',
        Action: ['organizations:MoveAccount'],
        Resource: accounts,
        Condition: { StringEquals: { [`aws:ResourceTag/${tag.key}`]: tag.value } },
      },
      {
        Sid: 'MoveFromTheRootIntoConfiguredUnits',
        Effect: 'Allow',
        Action: ['organizations:MoveAccount'],
        Resource: [roots, ...units],
      },
    ],
  };
}
