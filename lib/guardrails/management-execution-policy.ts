import { MANAGED_POLICY_TAG } from '@suveren/core/contracts/names';
import type { PolicyDocument } from './policy-documents';

/*
 * The CloudFormation execution policy of the management account's CDK bootstrap, which
 * service-managed StackSets never reach and a platform team bootstraps by hand
 * (docs/deploying.md). Suveren-Guardrails holds only AWS Organizations policies, so the
 * execution role gets only what creating, changing and attaching those takes: on policies
 * tagged as suveren's, and attached only to the config's guardrail targets. Whoever can
 * deploy through the management account's bootstrap (the pipeline's deploy project) can
 * then change suveren's own SCPs and RCPs on those targets, and nothing else in the
 * organization: no accounts, no other policies, no delegated administrators.
 */

export interface ManagementExecutionPolicyInputs {
  readonly partition: string;
  readonly managementAccount: string;
  readonly organizationId: string;
  /** organization.guardrailTargets: OU, root or account ids. */
  readonly guardrailTargets: readonly string[];
}

/** The ARN of an organization root, OU or account, as AWS Organizations names it. */
export function organizationTargetArn(inputs: ManagementExecutionPolicyInputs, target: string): string {
  const base = `arn:${inputs.partition}:organizations::${inputs.managementAccount}`;
  if (target.startsWith('r-')) return `${base}:root/${inputs.organizationId}/${target}`;
  if (target.startsWith('ou-')) return `${base}:ou/${inputs.organizationId}/${target}`;
  return `${base}:account/${inputs.organizationId}/${target}`;
}

export function managementExecutionPolicy(inputs: ManagementExecutionPolicyInputs): PolicyDocument {
  const tag = MANAGED_POLICY_TAG;
  const policies = `arn:${inputs.partition}:organizations::${inputs.managementAccount}:policy/${inputs.organizationId}/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadTheOrganization', Effect: 'Allow', Action: ['organizations:Describe*', 'organizations:List*'], Resource: '*' },
      {
        Sid: 'CreateSuverenPolicies',
        Effect: 'Allow',
        Action: ['organizations:CreatePolicy'],
        Resource: '*',
        Condition: { StringEquals: { [`aws:RequestTag/${tag.key}`]: tag.value } },
      },
      // CreatePolicy with tags also needs TagResource (CreatePolicy API reference), on a
      // policy that has no tag yet. On a policy that exists, the tag must already be
      // suveren's: otherwise the role could tag another team's SCP as its own and then
      // change, detach or delete it through the statements below. A policy without the
      // key at all cannot be told from a new one, so other teams' SCPs carry the key with
      // their own value (docs/deploying.md).
      {
        Sid: 'TagOnlySuverenPolicies',
        Effect: 'Allow',
        Action: ['organizations:TagResource'],
        Resource: policies,
        Condition: {
          StringEquals: { [`aws:RequestTag/${tag.key}`]: tag.value },
          StringEqualsIfExists: { [`aws:ResourceTag/${tag.key}`]: tag.value },
          'ForAllValues:StringEquals': { 'aws:TagKeys': [tag.key] },
        },
      },
      {
        Sid: 'ChangeSuverenPolicies',
        Effect: 'Allow',
        Action: ['organizations:UpdatePolicy', 'organizations:DeletePolicy', 'organizations:AttachPolicy', 'organizations:DetachPolicy'],
        Resource: policies,
        Condition: { StringEquals: { [`aws:ResourceTag/${tag.key}`]: tag.value } },
      },
      {
        Sid: 'AttachToGuardrailTargetsOnly',
        Effect: 'Allow',
        Action: ['organizations:AttachPolicy', 'organizations:DetachPolicy'],
        Resource: inputs.guardrailTargets.map((t) => organizationTargetArn(inputs, t)),
      },
    ],
  };
}
