import { aws_config as config } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ORGANIZATION_CONFORMANCE_PACK_NAME } from '@suveren/core/contracts/names';
import { organizationConformancePackTemplate } from '../../compliance/conformance/conformance-templates';

export interface OrganizationConformancePackProps {
  /**
   * The pack's name, the same in every region.
   * @default ORGANIZATION_CONFORMANCE_PACK_NAME ('suveren')
   */
  readonly packName?: string;
  /**
   * Accounts the pack leaves out, e.g. one whose recorder does not exist yet.
   * @default none: every account of the organization
   */
  readonly excludedAccounts?: readonly string[];
}

/**
 * An AWS Config organization conformance pack of suveren's AWS managed rules, created by
 * the delegated administrator for `config-multiaccountsetup.amazonaws.com` (the audit
 * account). Config creates its rules in every member account through the
 * AWSServiceRoleForConfigConforms service-linked role, which member accounts' IAM
 * policies and SCPs do not bind, and member accounts cannot change or delete them
 * (Config API reference, PutOrganizationConformancePack). Every member account needs a
 * recorder first: the conformance baseline StackSet gives it one. Remediation is manual
 * (docs/conformance.md, per rule): nothing here changes a resource.
 */
export class OrganizationConformancePack extends Construct {
  public readonly pack: config.CfnOrganizationConformancePack;

  constructor(scope: Construct, id: string, props: OrganizationConformancePackProps = {}) {
    super(scope, id);
    const templateBody = JSON.stringify(organizationConformancePackTemplate());
    // PutOrganizationConformancePack's limit for TemplateBody.
    if (Buffer.byteLength(templateBody, 'utf8') > 51_200) throw new Error(`OrganizationConformancePack ${this.node.path}: the template is over 51,200 bytes`);
    this.pack = new config.CfnOrganizationConformancePack(this, 'Resource', {
      organizationConformancePackName: props.packName ?? ORGANIZATION_CONFORMANCE_PACK_NAME,
      templateBody,
      ...(props.excludedAccounts && props.excludedAccounts.length > 0 ? { excludedAccounts: [...props.excludedAccounts] } : {}),
    });
  }
}
