import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type NagRuleResult, NagRules, rules } from 'cdk-nag';

/** A cdk-nag rule: a verdict on one CloudFormation resource, read from the construct tree. */
export type NagRule = (node: CfnResource) => NagRuleResult;

/** A rule's verdict that was an exception: thrown again to every pack that asks. */
class Thrown {
  constructor(public readonly error: unknown) {}
}

type Verdict = NagRuleResult | Thrown;

/**
 * A rule whose verdict is known to depend on less than the whole resource, so that
 * resources equal in that part share one evaluation.
 */
interface NarrowRule {
  readonly rule: NagRule;
  /** The rule's source file, from the package root, as audited. */
  readonly source: string;
  /** sha256 of that file when it was audited: another version of the rule is not narrowed. */
  readonly auditedSha256: string;
  /** The part of the resource the verdict depends on, or undefined to evaluate the rule on the resource itself. */
  readonly key: (node: CfnResource) => string | undefined;
}

/*
 * LambdaLatestVersion (AwsSolutions-L1) sorts every runtime aws-cdk-lib knows with a
 * collator built per comparison, for each function: 4 s of a 1,100-tenant synth, for
 * three functions per tenant that share two runtimes. Its verdict (cdk-nag 3.0.2,
 * audited) reads the resource's class, its runtime resolved to a primitive, and
 * aws-cdk-lib's list of runtimes (`Runtime.ALL`, which grows with every `new Runtime`):
 * not the code, the role, the stack or the path. Functions with the same runtime, while
 * the list is the same, therefore get the same verdict.
 */
const NARROW_RULES: readonly NarrowRule[] = [
  {
    rule: rules.lambda.LambdaLatestVersion,
    source: 'lib/rules/lambda/LambdaLatestVersion.js',
    auditedSha256: 'e32833905970d362f783a1c86667dfa401519cc18118ca5512068076a34ecbb8',
    key: (node) => {
      if (!(node instanceof CfnFunction)) return undefined;
      try {
        const runtime: unknown = NagRules.resolveIfPrimitive(node, node.runtime);
        return typeof runtime === 'string' ? `${Runtime.ALL.length}:${runtime}` : undefined;
      } catch {
        // A runtime that does not resolve to a primitive: the rule itself decides, on this resource.
        return undefined;
      }
    },
  },
];

/**
 * The verdicts of cdk-nag rules that more than one pack applies (AwsSolutions and NIST
 * 800-53 R5 have 26 in common, among them S3BucketSSLRequestsOnly, which resolves the
 * bucket policies of the stack for every bucket), computed once per resource and given
 * to each pack.
 *
 * A rule is a function of the construct tree, which does not change while it is
 * validated: the same rule on the same resource gives the same verdict, or throws the
 * same error, so sharing it changes no finding. (That takes token resolution to give the
 * same value twice, as aws-cdk-lib's own rendering of a template also assumes.) Verdicts
 * last one validation: when a pack starts validating again, for a later synth of a
 * changed tree, they are forgotten. Rules in NARROW_RULES share a verdict also between
 * resources equal in the part the rule reads. Every other rule runs as the pack calls
 * it: remembering a verdict costs more than most rules, which return "not applicable" on
 * the first line.
 */
export class RuleVerdicts {
  private readonly rulesOf = new Map<object, ReadonlySet<NagRule>>();
  /** The packs that have started validating since the verdicts were last forgotten. */
  private readonly validating = new Set<object>();
  /** Each shared rule's slot in a resource's verdicts. */
  private slots = new Map<NagRule, number>();
  private byResource = new WeakMap<CfnResource, Verdict[]>();
  private byKey = new Map<NagRule, Map<string, Verdict>>();
  private readonly narrow: ReadonlyMap<NagRule, NarrowRule>;
  private readonly wrapped = new Map<NagRule, NagRule>();

  /**
   * @param packageRoot cdk-nag's installed directory, whose rule sources are checked against the audited ones.
   * @default the cdk-nag this module resolves
   */
  constructor(packageRoot: string | undefined = cdkNagRoot()) {
    this.narrow = new Map(NARROW_RULES.filter((n) => packageRoot !== undefined && sourceMatches(packageRoot, n)).map((n) => [n.rule, n]));
  }

  /** Records the rules `pack` applies; a rule two packs apply has its verdicts shared. */
  public register(pack: object, packRules: Iterable<NagRule>): void {
    this.rulesOf.set(pack, new Set(packRules));
    const count = new Map<NagRule, number>();
    for (const applied of this.rulesOf.values()) for (const rule of applied) count.set(rule, (count.get(rule) ?? 0) + 1);
    this.slots = new Map([...count].filter(([, n]) => n > 1).map(([rule], index) => [rule, index]));
    this.forget();
  }

  /** Called by a pack as it starts validating: a pack starting again begins a new validation, with no verdicts. */
  public beginValidation(pack: object): void {
    if (this.validating.has(pack)) this.forget();
    this.validating.add(pack);
  }

  /** The rules whose verdicts are shared between packs. */
  public sharedRules(): NagRule[] {
    return [...this.slots.keys()];
  }

  /** Whether `rule`'s verdicts are shared between resources equal in what it reads (its installed source is the audited one). */
  public isNarrowed(rule: NagRule): boolean {
    return this.narrow.has(rule);
  }

  /**
   * `rule` as a pack should apply it: answering from the shared verdicts where it is
   * shared or narrowed, itself otherwise. It keeps the rule's name, the finding's rule id.
   */
  public of(rule: NagRule): NagRule {
    const slot = this.slots.get(rule);
    const narrow = this.narrow.get(rule);
    if (slot === undefined && !narrow) return rule;
    let shared = this.wrapped.get(rule);
    if (!shared) {
      const evaluate = (node: CfnResource) => unwrap(this.verdict(rule, node, this.slots.get(rule), narrow));
      shared = Object.defineProperty<NagRule>(evaluate, 'name', { value: rule.name });
      this.wrapped.set(rule, shared);
    }
    return shared;
  }

  private forget(): void {
    this.byResource = new WeakMap();
    this.byKey = new Map();
    this.validating.clear();
  }

  private verdict(rule: NagRule, node: CfnResource, slot: number | undefined, narrow: NarrowRule | undefined): Verdict {
    const key = narrow?.key(node);
    if (key !== undefined) {
      const byKey = this.byKey.get(rule) ?? new Map<string, Verdict>();
      this.byKey.set(rule, byKey);
      let verdict = byKey.get(key);
      if (verdict === undefined) byKey.set(key, (verdict = evaluate(rule, node)));
      return verdict;
    }
    if (slot === undefined) return evaluate(rule, node);
    let verdicts = this.byResource.get(node);
    if (!verdicts) this.byResource.set(node, (verdicts = new Array<Verdict>(this.slots.size)));
    let verdict = verdicts[slot];
    if (verdict === undefined) verdicts[slot] = verdict = evaluate(rule, node);
    return verdict;
  }
}

function evaluate(rule: NagRule, node: CfnResource): Verdict {
  try {
    return rule(node);
  } catch (error) {
    return new Thrown(error);
  }
}

function unwrap(verdict: Verdict): NagRuleResult {
  if (verdict instanceof Thrown) throw verdict.error;
  // A list of findings is an array: each pack gets its own copy.
  return Array.isArray(verdict) ? [...verdict] : verdict;
}

/** cdk-nag's installed directory, or undefined where it cannot be found (a bundled app): then no rule is narrowed. */
function cdkNagRoot(): string | undefined {
  try {
    return require.resolve('cdk-nag/package.json').replace(/package\.json$/, '');
  } catch {
    return undefined;
  }
}

function sourceMatches(packageRoot: string, narrow: NarrowRule): boolean {
  try {
    const sha256 = createHash('sha256')
      .update(fs.readFileSync(`${packageRoot}/${narrow.source}`))
      .digest('hex');
    return sha256 === narrow.auditedSha256;
  } catch {
    return false;
  }
}
