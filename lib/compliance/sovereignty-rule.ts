import type { NagMessageLevel, NagRuleResult } from 'cdk-nag';
import type { SovereigntyRuleId } from './rule-ids';
import type { SynthesizedTemplate, TemplateResource } from './synthesized-templates';

/** Where a checked resource sits: its logical id and its whole template. */
export interface RuleContext {
  readonly logicalId: string;
  readonly template: SynthesizedTemplate;
}

/** One rule of the SovereigntyChecks pack: one per file under `rules/`. */
export interface SovereigntyRule {
  readonly id: SovereigntyRuleId;
  /** Why the rule was triggered, shown in the validation report. */
  readonly info: string;
  /** Why the rule exists, shown with `verbose`. */
  readonly explanation: string;
  readonly level: NagMessageLevel;
  /**
   * Returns COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE for one resource, as it stands in
   * the synthesized template (so property overrides are seen).
   */
  check(resource: TemplateResource, context: RuleContext): NagRuleResult;
}
