import { CfnResource, type IPolicyValidationContext, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type IApplyRule, NIST80053R5Checks, type NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { type NagRule, RuleVerdicts } from './rule-verdicts';
import { type NagShapeOptions, ShapeDeduplicatedNagValidation } from './shape-deduplicated-nag';

/*
 * cdk-nag's own packs, unchanged but for where a rule's verdict comes from: the packs
 * of one app share a RuleVerdicts, so a rule both packs apply to a resource runs once.
 * Rule ids, levels, texts and acknowledgments are cdk-nag's.
 */

/**
 * A stand-in resource for learning which rules a pack applies: cdk-nag's packs apply
 * every rule to every resource, and no rule runs while they are learned. Not a
 * construct, so it creates no app (and no temporary directory).
 */
const RULE_PROBE = Object.create(CfnResource.prototype) as CfnResource;

/** A pack's side of verdict sharing: learning its rules, then handing each rule over from the shared verdicts. */
class VerdictSharing {
  private learned?: NagRule[];

  constructor(
    private readonly pack: NagPack,
    private readonly verdicts: RuleVerdicts,
  ) {}

  /** Registers the rules `checkResource` applies with the shared verdicts, evaluating none. */
  public learnRules(checkResource: (node: CfnResource) => void): void {
    this.learned = [];
    try {
      checkResource(RULE_PROBE);
      this.verdicts.register(this.pack, this.learned);
    } catch {
      // A pack that reads the resource before applying its rules shares nothing: slower, never different.
      this.verdicts.register(this.pack, []);
    } finally {
      this.learned = undefined;
    }
  }

  /** Runs a validation; verdicts belong to one validation of one tree, and a later synth may follow changes. */
  public validate(validateScope: () => PolicyValidationPluginReport): PolicyValidationPluginReport {
    this.verdicts.beginValidation(this.pack);
    return validateScope();
  }

  public applyRule(params: IApplyRule, apply: (params: IApplyRule) => void): void {
    // cdk-nag declares `rule` as a method, but every rule is a standalone function of the node.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const { rule } = params;
    if (this.learned) this.learned.push(rule);
    else apply({ ...params, rule: this.verdicts.of(rule) });
  }
}

/** cdk-nag's AwsSolutions pack, taking shared verdicts from `verdicts`. */
export class AwsSolutionsPack extends AwsSolutionsChecks {
  /** Shape deduplication of this pack's validations; its `lastRun` has the statistics. */
  public readonly shapes: ShapeDeduplicatedNagValidation;
  private readonly sharing: VerdictSharing;

  constructor(scope: IConstruct, verdicts: RuleVerdicts, props?: NagPackProps, shapes?: NagShapeOptions) {
    super(scope, props);
    this.sharing = new VerdictSharing(this, verdicts);
    this.sharing.learnRules((node) => this.checkResource(node));
    this.shapes = new ShapeDeduplicatedNagValidation(shapes);
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.sharing.validate(() => this.shapes.validate(context, (scope) => super.validateScope(scope)));
  }

  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.sharing.validate(() => super.validateScope(scope));
  }

  protected applyRule(params: IApplyRule): void {
    this.sharing.applyRule(params, (shared) => super.applyRule(shared));
  }
}

/** cdk-nag's NIST 800-53 rev 5 pack, taking shared verdicts from `verdicts`. */
export class Nist80053R5Pack extends NIST80053R5Checks {
  /** Shape deduplication of this pack's validations; its `lastRun` has the statistics. */
  public readonly shapes: ShapeDeduplicatedNagValidation;
  private readonly sharing: VerdictSharing;

  constructor(scope: IConstruct, verdicts: RuleVerdicts, props?: NagPackProps, shapes?: NagShapeOptions) {
    super(scope, props);
    this.sharing = new VerdictSharing(this, verdicts);
    this.sharing.learnRules((node) => this.checkResource(node));
    this.shapes = new ShapeDeduplicatedNagValidation(shapes);
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.sharing.validate(() => this.shapes.validate(context, (scope) => super.validateScope(scope)));
  }

  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.sharing.validate(() => super.validateScope(scope));
  }

  protected applyRule(params: IApplyRule): void {
    this.sharing.applyRule(params, (shared) => super.applyRule(shared));
  }
}

/**
 * AwsSolutions and NIST 800-53 rev 5 for one app, sharing the verdicts of the rules they
 * have in common in `verdicts` (a new RuleVerdicts unless given), and run once per shape
 * of tenant stack as `shapes` identifies them (every stack on its own unless given).
 */
export function cdkNagPacks(
  scope: IConstruct,
  props?: NagPackProps,
  verdicts: RuleVerdicts = new RuleVerdicts(),
  shapes?: NagShapeOptions,
): [AwsSolutionsPack, Nist80053R5Pack] {
  return [new AwsSolutionsPack(scope, verdicts, props, shapes), new Nist80053R5Pack(scope, verdicts, props, shapes)];
}
