import { Compliance, Level } from '../rule-verdict-values';
import type { JsonObject } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const lambdaEnvironmentCmk: SovereigntyRule = {
  id: SovereigntyRuleIds.LambdaEnvironmentCmk,
  info: 'The Lambda function has environment variables but no customer-managed key to encrypt them.',
  explanation:
    "Function environments name buckets, keys and tenants, and are where secrets end up by mistake. Encrypting them with a customer-managed key keeps them under the platform's key policy and out of reach of anyone who can only read function configuration.",
  level: Level.ERROR,
  check(resource) {
    if (resource.Type !== 'AWS::Lambda::Function') return Compliance.NOT_APPLICABLE;
    const variables = ((resource.Properties?.Environment as JsonObject | undefined)?.Variables ?? {}) as JsonObject;
    if (Object.keys(variables).length === 0) return Compliance.NOT_APPLICABLE;
    const key = resource.Properties?.KmsKeyArn;
    return key !== undefined && key !== null && key !== '' ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
