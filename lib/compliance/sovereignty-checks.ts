import type { CfnResource } from 'aws-cdk-lib';
import { NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { SOVEREIGNTY_PACK_NAME } from './rule-ids';
import { SOVEREIGNTY_RULES } from './rules';

/**
 * suveren's own cdk-nag pack: the controls that make a landing zone sovereign, on top
 * of AwsSolutions and NIST 800-53 rev 5. Register it like any cdk-nag 3 pack:
 * `Validations.of(app).addPlugins(new SovereigntyChecks(app))`.
 */
export class SovereigntyChecks extends NagPack {
  public readonly name = 'SovereigntyChecks';
  public readonly ruleIds = SOVEREIGNTY_RULES.map((rule) => rule.id);

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = SOVEREIGNTY_PACK_NAME;
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of SOVEREIGNTY_RULES) {
      this.applyRule({
        ruleSuffixOverride: rule.id.slice(SOVEREIGNTY_PACK_NAME.length + 1),
        info: rule.info,
        explanation: rule.explanation,
        level: rule.level,
        rule: (resource) => rule.check(resource),
        node,
      });
    }
  }
}
