/*
 * The identity policy of the custom rules' role (CONFORMANCE_RULE_ROLE_NAME) in each
 * account: what the rule's function reads and reports, nothing else. CDK-free; the access
 * matrix and the replay table evaluate with it, and the account baseline that creates the
 * role is to attach it.
 */

/** An IAM policy document, as JSON. */
export interface RuleRolePolicy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly { Sid: string; Effect: 'Allow'; Action: readonly string[]; Resource: string }[];
}

export function conformanceRuleRolePolicy(partition: string): RuleRolePolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      // Key policies and tags: the key policy must also name the role (grantPolicyRead).
      { Sid: 'ReadKeyPolicies', Effect: 'Allow', Action: ['kms:GetKeyPolicy', 'kms:ListResourceTags'], Resource: `arn:${partition}:kms:*:*:key/*` },
      {
        Sid: 'ReadConfigAndReport',
        Effect: 'Allow',
        Action: ['config:PutEvaluations', 'config:GetResourceConfigHistory', 'config:ListDiscoveredResources', 'config:BatchGetResourceConfig'],
        Resource: '*',
      },
    ],
  };
}
