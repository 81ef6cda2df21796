import { type CfnResource, type IPolicyValidationContext, type PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import { NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { SOVEREIGNTY_PACK_NAME } from './rule-ids';
import { SOVEREIGNTY_RULES } from './rules';
import { type NagShapeOptions, ShapeDeduplicatedNagValidation } from './shape-deduplicated-nag';
import { SynthesizedTemplates } from './synthesized-templates';

/**
 * suveren's own cdk-nag pack: the controls that make a landing zone sovereign, on top
 * of AwsSolutions and NIST 800-53 rev 5. Register it like any cdk-nag 3 pack:
 * `Validations.of(app).addPlugins(new SovereigntyChecks(app))`.
 *
 * Unlike most cdk-nag rules, these read each resource from the synthesized template,
 * so `addPropertyOverride` and raw `CfnResource`s cannot make a resource look
 * compliant. Acknowledgments work as for any cdk-nag pack.
 */
export class SovereigntyChecks extends NagPack {
  public readonly name = 'SovereigntyChecks';
  public readonly ruleIds = SOVEREIGNTY_RULES.map((rule) => rule.id);
  /** Shape deduplication of this pack's validations; its `lastRun` has the statistics. */
  public readonly shapes: ShapeDeduplicatedNagValidation;
  private templates: SynthesizedTemplates | undefined;

  /**
   * @param shapes how to tell tenant stacks of one shape, which are then checked once
   *   (default: every stack is checked on its own)
   */
  constructor(scope?: IConstruct, props?: NagPackProps, shapes?: NagShapeOptions) {
    super(scope, props);
    this.packName = SOVEREIGNTY_PACK_NAME;
    this.shapes = new ShapeDeduplicatedNagValidation(shapes);
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.templates = new SynthesizedTemplates(context);
    try {
      return this.shapes.validate(context, (scope) => this.validateScope(scope));
    } finally {
      this.templates = undefined;
    }
  }

  protected checkResource(node: CfnResource): void {
    if (!this.templates) {
      throw new Error('SovereigntyChecks reads synthesized templates: register it with Validations.of(app).addPlugins(...) and synthesize');
    }
    const resource = this.templates.resourceOf(node);
    const template = this.templates.templateOf(node);
    // Resources CDK omits from the template (none today) have nothing to check.
    if (!resource || !template) return;
    const context = { logicalId: Stack.of(node).getLogicalId(node), template };
    for (const rule of SOVEREIGNTY_RULES) {
      this.applyRule({
        ruleSuffixOverride: rule.id.slice(SOVEREIGNTY_PACK_NAME.length + 1),
        info: rule.info,
        explanation: rule.explanation,
        level: rule.level,
        rule: () => rule.check(resource, context),
        node,
      });
    }
  }
}
