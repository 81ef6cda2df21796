import * as fs from 'node:fs';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { STACK_LIMITS_PLUGIN_NAME, StackLimitRuleIds } from './rule-ids';

/** CloudFormation's quotas a synthesized template can break. */
export const CLOUDFORMATION_LIMITS = {
  /** Resources per stack. */
  resources: 500,
  /** Bytes of a template uploaded through S3 (as `cdk deploy` does). */
  templateBytes: 1_000_000,
} as const;

/**
 * Fails synth for a stack CloudFormation would refuse on deploy: more than 500
 * resources, or a template over 1 MB. It names the stack and what to change, so a
 * growing landing zone learns it at synth, not from TooManyResourcesInStack halfway
 * through a rollout. Findings are fatal: no acknowledgment can lift a quota.
 */
export class CloudFormationLimits implements IPolicyValidationPlugin {
  public readonly name = STACK_LIMITS_PLUGIN_NAME;
  public readonly ruleIds = Object.values(StackLimitRuleIds);

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    for (const stack of context.stackTemplates) {
      const text = fs.readFileSync(stack.templatePath, 'utf8');
      const resources = Object.keys((JSON.parse(text) as { Resources?: Record<string, unknown> }).Resources ?? {}).length;
      const where = { constructPath: stack.stackConstructPath, templatePath: stack.templatePath, locations: [] };
      if (resources > CLOUDFORMATION_LIMITS.resources) {
        violations.push({
          ruleName: StackLimitRuleIds.Resources,
          description: `Stack ${stack.stackConstructPath} has ${resources} resources; CloudFormation accepts at most ${CLOUDFORMATION_LIMITS.resources} per stack.`,
          fix: `Split ${stack.stackConstructPath}: a key-custody stack moves provisioner roles into its -Provisioners-<n> stacks by itself, so this is a stack that grew by hand or by a construct added to it; move resources into another stack.`,
          severity: 'fatal',
          violatingResources: [where],
        });
      }
      const bytes = Buffer.byteLength(text);
      if (bytes > CLOUDFORMATION_LIMITS.templateBytes) {
        violations.push({
          ruleName: StackLimitRuleIds.TemplateSize,
          description: `The template of ${stack.stackConstructPath} is ${bytes} bytes; CloudFormation accepts at most ${CLOUDFORMATION_LIMITS.templateBytes} bytes.`,
          fix: `Split ${stack.stackConstructPath} into smaller stacks, or shorten what it repeats (long policies, inline code).`,
          severity: 'fatal',
          violatingResources: [where],
        });
      }
    }
    return { success: violations.length === 0, violations };
  }
}
