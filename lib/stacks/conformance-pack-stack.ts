import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OrganizationConformancePack } from '../constructs/organization/organization-conformance-pack';

/**
 * Suveren-ConformancePack-<region>, in the audit account: the organization conformance
 * pack of AWS managed rules for one allowed region (a pack is regional). Deployed after
 * the conformance baseline, whose recorders the pack needs in every member account.
 */
export class ConformancePackStack extends Stack {
  public readonly pack: OrganizationConformancePack;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { description: 'suveren conformance pack: AWS managed Config rules in every account of the organization, in this region', ...props });
    this.pack = new OrganizationConformancePack(this, 'ConformancePack');
  }
}
