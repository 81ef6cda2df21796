import { z } from 'zod';
import { iamRoleName } from '../../fields/config-fields';
import type { CrossFieldContext } from './context';

/** Resource types AWS Config records, as its ResourceType names them. */
export const configResourceType = z
  .string({ error: 'expected an AWS Config resource type, e.g. "AWS::DynamoDB::Table"' })
  .regex(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'expected a resource type as AWS Config names it, e.g. "AWS::DynamoDB::Table"');

export const conformanceSchema = z.strictObject({
  recorders: z
    .enum(['create', 'existing'], {
      error:
        'expected "create" (suveren\'s baseline StackSet creates a recorder and delivery channel in every account and allowed region) or "existing" (Control Tower, Landing Zone Accelerator or another tool already has them)',
    })
    .default('create').meta({ description: 'create: suveren\'s baseline StackSet creates AWS Config recorders; existing: another tool already has them.' }),
  recorderManagerRoleNames: z
    .array(iamRoleName, { error: 'expected a list of role names, e.g. [AWSControlTowerExecution]' })
    .default([]).meta({ description: 'With recorders: existing, the roles of the tool that manages the recorders, e.g. [AWSControlTowerExecution].' }),
  recordingFrequency: z
    .enum(['CONTINUOUS', 'DAILY'], { error: 'expected CONTINUOUS (every change, as it happens) or DAILY (one item per resource and day, cheaper)' })
    .default('CONTINUOUS').meta({ description: 'CONTINUOUS (every change, as it happens) or DAILY (one item per resource and day).' }),
  additionalResourceTypes: z.array(configResourceType, { error: 'expected a list of resource types' }).default([]).meta({ description: 'Resource types to record besides suveren\'s, as AWS Config names them, e.g. "AWS::DynamoDB::Table".' }),
  recordResourceCompliance: z.boolean({ error: 'expected true or false' }).default(true).meta({ description: 'Whether the recorders record AWS::Config::ResourceCompliance.' }),
});


// AWS Config in every account: who owns the recorders, what they record (docs/conformance.md).
export const conformanceSectionSchema = conformanceSchema.default({
    recorders: 'create',
    recorderManagerRoleNames: [],
    recordingFrequency: 'CONTINUOUS',
    additionalResourceTypes: [],
    recordResourceCompliance: true,
  }).meta({ description: 'AWS Config in every account: who owns the recorders and what they record (docs/conformance.md).' });

/** AWS Config: who manages the recorders. */
export function conformanceIssues(context: CrossFieldContext): void {
  const { config, issue } = context;
  const conformance = config.conformance;
  if (conformance.recorders === 'existing' && conformance.recorderManagerRoleNames.length === 0) {
    issue(
      ['conformance', 'recorderManagerRoleNames'],
      'name the role that manages the existing recorders, e.g. [AWSControlTowerExecution] under Control Tower: the guardrail SCP lets only it, the platform and the break-glass role change them',
    );
  }
  if (conformance.recorders === 'create' && conformance.recorderManagerRoleNames.length > 0) {
    issue(
      ['conformance', 'recorderManagerRoleNames'],
      'is only for recorders: existing; with recorders: create, suveren\'s own StackSet manages them: remove the list, or set recorders: existing',
    );
  }
}
