import { MANAGED_POLICY_TAG } from '@suveren/core/contracts/names';
import { aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ORGANIZATION_POLICY_MAX_CHARS, type PolicyDocument, organizationPolicySize } from '../../guardrails/policy-documents';

/** The kinds of organization policy suveren deploys. */
export type OrganizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export interface OrganizationPolicyProps {
  /** Name of the policy in AWS Organizations; also names it in size errors. */
  readonly policyName: string;
  /** What the policy protects against, shown in the Organizations console. */
  readonly description: string;
  /** SCP or RCP. */
  readonly type: OrganizationPolicyType;
  /** The policy document, as a plain object (no tokens), so its size is known at synth. */
  readonly document: PolicyDocument;
  /** OU, root or account ids the policy attaches to. */
  readonly targetIds: readonly string[];
}

/**
 * An SCP or RCP (`AWS::Organizations::Policy`) that refuses to synthesize when its
 * document exceeds the Organizations size limit (5,120 characters without whitespace),
 * so an oversized policy fails at `cdk synth` with its name and size, not halfway
 * through a deployment.
 */
export class OrganizationPolicy extends Construct {
  public readonly policy: organizations.CfnPolicy;
  /** Characters the document counts against the limit. */
  public readonly size: number;

  constructor(scope: Construct, id: string, props: OrganizationPolicyProps) {
    super(scope, id);
    this.size = organizationPolicySize(props.document);
    this.policy = new organizations.CfnPolicy(this, 'Resource', {
      name: props.policyName,
      description: props.description,
      type: props.type,
      content: props.document,
      targetIds: [...props.targetIds],
      // The management account's execution policy acts only on policies with this tag.
      tags: [{ key: MANAGED_POLICY_TAG.key, value: MANAGED_POLICY_TAG.value }],
    });
    this.node.addValidation({
      validate: () =>
        this.size > ORGANIZATION_POLICY_MAX_CHARS
          ? [
              `${props.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'} "${props.policyName}" is ${this.size} characters without whitespace; AWS Organizations accepts at most ${ORGANIZATION_POLICY_MAX_CHARS}. Shorten organization.allowedRegions or the exempted services, or split the policy.`,
            ]
          : [],
    });
  }
}
