/*
 * The identity policy of the custom rules' role (conformanceRuleRoleName) in each
 * account: what the rule's function reads and reports, nothing else. CDK-free; the access
 * matrix and the replay table evaluate with it, and the conformance baseline StackSet
 * attaches it to the role it creates.
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
      // Secret policies and tags, never values: the key-custody credentials' policies deny value reads to all but two roles anyway.
      {
        Sid: 'ReadSecretPolicies',
        Effect: 'Allow',
        Action: ['secretsmanager:GetResourcePolicy', 'secretsmanager:DescribeSecret'],
        Resource: `arn:${partition}:secretsmanager:*:*:secret:*`,
      },
      {
        Sid: 'ReadConfigAndReport',
        Effect: 'Allow',
        Action: ['config:PutEvaluations', 'config:GetResourceConfigHistory', 'config:ListDiscoveredResources', 'config:BatchGetResourceConfig'],
        Resource: '*',
      },
    ],
  };
}
