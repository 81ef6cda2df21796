import type { CfnResource } from 'aws-cdk-lib';
import type { NagMessageLevel, NagRuleResult } from 'cdk-nag';
import type { SovereigntyRuleId } from './rule-ids';

/** One rule of the SovereigntyChecks pack: one per file under `rules/`. */
export interface SovereigntyRule {
  readonly id: SovereigntyRuleId;
  /** Why the rule was triggered, shown in the validation report. */
  readonly info: string;
  /** Why the rule exists, shown with `verbose`. */
  readonly explanation: string;
  readonly level: NagMessageLevel;
  /** Returns COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE for one resource. */
  check(node: CfnResource): NagRuleResult;
}
