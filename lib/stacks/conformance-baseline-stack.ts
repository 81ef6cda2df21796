import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ServiceManagedStackSet } from '../constructs/pipeline/service-managed-stack-set';
import { CONFORMANCE_BASELINE_STACK_SET_NAME } from '@suveren/core/contracts/names';
import { type ConfigDeliveryTarget, conformanceBaselineTemplate, recordedResourceTypes } from '../compliance/conformance/conformance-templates';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { partitionOf } from '../regions';
import { inlineFunctionCode, SUVEREN_NODE_RUNTIME } from '../constructs/shared/lambda-bundle';

export interface ConformanceBaselineStackProps extends StackProps {
  /** The OUs (or root) whose accounts get a recorder and the custom rules, now and when they join. */
  readonly organizationalUnitIds: readonly string[];
  /** The allowed regions: each account gets the baseline in each. */
  readonly regions: readonly string[];
  /** Who the recorders are and what they record. */
  readonly conformance: SuverenConfig['conformance'];
  /** The audit account's Config bucket and key. */
  readonly delivery: ConfigDeliveryTarget;
  /**
   * The StackSets administrator this stack deploys in.
   * @default 'DELEGATED_ADMIN' (the deployment account); 'SELF' in the management account
   */
  readonly callAs?: 'DELEGATED_ADMIN' | 'SELF';
}

/**
 * Suveren-ConformanceBaseline: one service-managed StackSet that gives every account of
 * the landing zone's OUs, in every allowed region, AWS Config's recorder and delivery
 * channel (or leaves the existing ones, under Control Tower or another tool) and
 * suveren's custom rules with their function and role (docs/conformance.md). Recorders
 * live here, never in a tenant stack, so deleting or rolling back a tenant stack never
 * meets the guardrail SCP that protects them. Deployed after Suveren-Audit (the delivery
 * channel checks its bucket) and Suveren-Guardrails (whose SCP lets the StackSet's
 * execution role manage them).
 */
export class ConformanceBaselineStack extends Stack {
  public readonly baseline: ServiceManagedStackSet;

  constructor(scope: Construct, id: string, props: ConformanceBaselineStackProps) {
    super(scope, id, { description: 'suveren conformance baseline: AWS Config recorders and custom rules in every account and allowed region', ...props });
    const template = conformanceBaselineTemplate({
      // A literal: the StackSet's template is text, deployed in other accounts.
      partition: partitionOf(props.delivery.auditRegion),
      recorders: props.conformance.recorders,
      recordingFrequency: props.conformance.recordingFrequency,
      resourceTypes: recordedResourceTypes(props.conformance.additionalResourceTypes, props.conformance.recordResourceCompliance),
      delivery: props.delivery,
      allowedRegions: props.regions,
      functionCode: inlineFunctionCode('conformance-rule'),
      runtime: SUVEREN_NODE_RUNTIME.name,
    });
    this.baseline = new ServiceManagedStackSet(this, 'Baseline', {
      stackSetName: CONFORMANCE_BASELINE_STACK_SET_NAME,
      description: 'suveren: AWS Config recorder, delivery channel and custom rules in every account and allowed region',
      templateBody: JSON.stringify(template),
      parameters: {},
      organizationalUnitIds: props.organizationalUnitIds,
      regions: props.regions,
      callAs: props.callAs,
    });
  }
}
