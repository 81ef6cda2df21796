import type { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';

/*
 * cdk-nag's verdict and level values, for the Sovereignty rules without loading cdk-nag
 * (and with it aws-cdk-lib) at run time: AWS Config's custom rules bundle the same rule
 * functions into a Lambda. Types only come from cdk-nag; a unit test proves each value
 * equal to cdk-nag's own enum member.
 */

/** A Sovereignty rule's verdict on one resource: cdk-nag's NagRuleCompliance. */
export const Compliance = {
  COMPLIANT: 'Compliant' as NagRuleCompliance.COMPLIANT,
  NON_COMPLIANT: 'Non-Compliant' as NagRuleCompliance.NON_COMPLIANT,
  NOT_APPLICABLE: 'N/A' as NagRuleCompliance.NOT_APPLICABLE,
} as const;

/** A Sovereignty rule's level: cdk-nag's NagMessageLevel. */
export const Level = {
  ERROR: 'Error' as NagMessageLevel.ERROR,
  WARN: 'Warning' as NagMessageLevel.WARN,
} as const;
