import { CfnResource, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type IApplyRule, NIST80053R5Checks, type NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { type NagRule, RuleVerdicts } from './rule-verdicts';

/*
 * cdk-nag's own packs, unchanged but for where a rule's verdict comes from: the packs
 * of one app share a RuleVerdicts, so a rule both packs apply to a resource runs once.
 * Rule ids, levels, texts and acknowledgments are cdk-nag's.
 */

let probe: CfnResource | undefined;

/** A resource in an app of its own, to learn which rules a pack applies (it applies every rule to every resource). */
function ruleProbe(): CfnResource {
  probe ??= new CfnResource(new Stack(undefined, 'SuverenRuleProbe'), 'Probe', { type: 'Custom::SuverenRuleProbe' });
  return probe;
}

/** A pack's side of verdict sharing: learning its rules, then handing each rule over from the shared verdicts. */
class VerdictSharing {
  private probed?: NagRule[];

  constructor(
    private readonly pack: NagPack,
    private readonly verdicts: RuleVerdicts,
  ) {}

  /** Registers the rules `checkResource` applies with the shared verdicts, without evaluating any. */
  public learnRules(checkResource: (node: CfnResource) => void): void {
    this.probed = [];
    try {
      checkResource(ruleProbe());
      this.verdicts.register(this.pack, this.probed);
    } finally {
      this.probed = undefined;
    }
  }

  public applyRule(params: IApplyRule, apply: (params: IApplyRule) => void): void {
    if (this.probed) this.probed.push(params.rule);
    else apply({ ...params, rule: this.verdicts.of(params.rule) });
  }
}

/** cdk-nag's AwsSolutions pack, reading shared verdicts from `verdicts`. */
export class AwsSolutionsPack extends AwsSolutionsChecks {
  private readonly sharing: VerdictSharing;

  constructor(scope: IConstruct, verdicts: RuleVerdicts, props?: NagPackProps) {
    super(scope, props);
    this.sharing = new VerdictSharing(this, verdicts);
    this.sharing.learnRules((node) => this.checkResource(node));
  }

  protected applyRule(params: IApplyRule): void {
    this.sharing.applyRule(params, (shared) => super.applyRule(shared));
  }
}

/** cdk-nag's NIST 800-53 rev 5 pack, reading shared verdicts from `verdicts`. */
export class Nist80053R5Pack extends NIST80053R5Checks {
  private readonly sharing: VerdictSharing;

  constructor(scope: IConstruct, verdicts: RuleVerdicts, props?: NagPackProps) {
    super(scope, props);
    this.sharing = new VerdictSharing(this, verdicts);
    this.sharing.learnRules((node) => this.checkResource(node));
  }

  protected applyRule(params: IApplyRule): void {
    this.sharing.applyRule(params, (shared) => super.applyRule(shared));
  }
}

/**
 * AwsSolutions and NIST 800-53 rev 5 for one app, sharing the verdicts of the rules they
 * have in common in `verdicts` (a new RuleVerdicts unless given).
 */
export function cdkNagPacks(scope: IConstruct, props?: NagPackProps, verdicts: RuleVerdicts = new RuleVerdicts()): [AwsSolutionsPack, Nist80053R5Pack] {
  return [new AwsSolutionsPack(scope, verdicts, props), new Nist80053R5Pack(scope, verdicts, props)];
}
