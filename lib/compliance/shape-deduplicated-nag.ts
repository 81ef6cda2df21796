import {
  CfnResource,
  type IPolicyValidationContext,
  NestedStack,
  type PolicyValidationPluginReport,
  type PolicyViolatingResource,
  type PolicyViolation,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import {
  representatives,
  type ShapeStatistics,
  templateFileShape,
  type TemplateIdentity,
  templateShape,
  VALIDATE_EVERY_TEMPLATE_SWITCH,
  withIdentity,
} from './shape-deduplicated-validate';

/*
 * cdk-nag packs run once per distinct tenant-stack shape instead of once per stack: at
 * 1,100 tenants the rules were a fifth of synth, evaluating the same resources 1,100
 * times over.
 *
 * A rule's verdict is a function of the construct tree; for the rules suveren runs
 * (cdk-nag's AwsSolutions and NIST 800-53 rev 5, and SovereigntyChecks) that means the
 * resource's resolved properties, the other resources of its stack (a bucket's policy),
 * the stack's region, and the acknowledgments on the resource and its ancestors. Two
 * tenant stacks are one shape here when all of that is the same up to their identities:
 *   - their templates have the same shape as ShapeDeduplicatedCloudFormationValidate
 *     defines it (equal text once tenant id, account, display name and the logical ids
 *     derived from the stack name are replaced by placeholders), in the same region;
 *   - the same resources at the same construct paths, and the same acknowledgments at the
 *     same paths (acknowledgments live in construct metadata, not in the template);
 *   - no nested stack (its template is not part of the parent's text).
 * Representatives of a shape (shortest and longest tenant id and display name) are
 * validated; if they disagree, every member of the shape is validated itself. Otherwise
 * each member gets the first representative's findings on its own resource at the same
 * position, with its identities in the text. Anything that is not a tenant stack with
 * an identity is validated as cdk-nag would. An equivalence test compares this with
 * validating every stack.
 */

/** Options of shape deduplication. */
export interface NagShapeOptions {
  /**
   * The identity of the stack whose template is at `templatePath`, or undefined for a
   * stack validated on its own.
   * @default every stack is validated on its own
   */
  readonly identityOf?: (templatePath: string) => TemplateIdentity | undefined;
  /**
   * Validate every stack, as cdk-nag does: for the equivalence test's reference run.
   * @default false, unless SUVEREN_VALIDATE_EVERY_TEMPLATE=1
   */
  readonly validateEveryTemplate?: boolean;
}

/** A tenant stack taking part in shape deduplication. */
interface Member {
  readonly stack: Stack;
  readonly identity: TemplateIdentity;
  /** The stack's CfnResources in cdk-nag's walk order. */
  readonly resources: readonly CfnResource[];
  /** Position of each resource's construct path in `resources`. */
  readonly positionOf: ReadonlyMap<string, number>;
}

/** One top-level construct in the app's order, and the stack it is as a member, if any. */
interface Unit {
  readonly scope: IConstruct;
  readonly member?: Member;
}

type Report = PolicyValidationPluginReport;

/** Runs a cdk-nag pack's tree validation once per stack shape, for one pack. */
export class ShapeDeduplicatedNagValidation {
  /** Statistics of the last validation, for the bench and for tests. */
  public lastRun?: ShapeStatistics;

  constructor(private readonly options: NagShapeOptions = {}) {}

  /**
   * Validates the app of `context` with `validateScope` (cdk-nag's tree walk from a
   * scope), once per shape of tenant stack and once for everything else.
   */
  public validate(context: IPolicyValidationContext, validateScope: (scope: IConstruct) => Report): Report {
    const app = context.appConstruct;
    const identityOf = this.options.identityOf;
    if (!identityOf || (this.options.validateEveryTemplate ?? process.env[VALIDATE_EVERY_TEMPLATE_SWITCH] === '1')) {
      const report = validateScope(app);
      this.lastRun = { templates: context.stackTemplates.length, shapes: context.stackTemplates.length, validated: context.stackTemplates.length };
      return report;
    }
    const templateOf = new Map(context.stackTemplates.map((s) => [s.stackConstructPath, s]));
    const units: Unit[] = [];
    const shapes = new Map<string, Member[]>();
    for (const child of app.node.children) {
      const template = Stack.isStack(child) ? templateOf.get(child.node.path) : undefined;
      const identity = template && identityOf(template.templatePath);
      const walked = identity && walkStack(child as Stack, identity);
      if (!template || !identity || !walked) {
        units.push({ scope: child });
        continue;
      }
      const member: Member = { stack: child as Stack, identity, resources: walked.resources, positionOf: walked.positionOf };
      units.push({ scope: child, member });
      const key = [template.region ?? '', walked.signature, templateFileShape(template.templatePath, identity).digest].join('\u0002');
      const members = shapes.get(key) ?? [];
      members.push(member);
      shapes.set(key, members);
    }

    const reports = new Map<IConstruct, Report>();
    const memberScopes = new Set(units.filter((u) => u.member).map((u) => u.scope));
    let validatedMembers = 0;
    const reportOf = (scope: IConstruct): Report => {
      let report = reports.get(scope);
      if (!report) {
        report = validateScope(scope);
        reports.set(scope, report);
        if (memberScopes.has(scope)) validatedMembers++;
      }
      return report;
    };
    for (const members of shapes.values()) {
      const picked = representatives(members);
      const signatures = picked.map((m) => findingSignature(reportOf(m.stack), m));
      // Where representatives disagree, or a finding is not on a resource of the stack's own, none speaks for the rest.
      if (signatures.some((s) => s === undefined || s !== signatures[0])) {
        for (const m of members) reportOf(m.stack);
        continue;
      }
      const source = picked[0];
      for (const m of members) if (!reports.has(m.stack)) reports.set(m.stack, translate(reportOf(source.stack), source, m));
    }

    // cdk-nag groups findings by rule, in the order the walk meets them; walking unit by unit keeps that order.
    const merged = new Map<string, PolicyViolation & { violatingResources: PolicyViolatingResource[] }>();
    for (const unit of units) {
      for (const violation of reportOf(unit.scope).violations) {
        const entry = merged.get(violation.ruleName) ?? { ...violation, violatingResources: [] };
        entry.violatingResources.push(...violation.violatingResources);
        merged.set(violation.ruleName, entry);
      }
    }
    this.lastRun = { templates: memberScopes.size, shapes: shapes.size, validated: validatedMembers };
    const violations = [...merged.values()];
    return { success: violations.length === 0, violations };
  }
}

/**
 * The stack's CfnResources in cdk-nag's walk order (preorder, children in order), and a
 * signature of what a rule can read beyond the template: construct paths and
 * acknowledgments, relative to the stack, with the identity replaced. Undefined when
 * the stack has a nested stack.
 */
function walkStack(stack: Stack, identity: TemplateIdentity): { resources: CfnResource[]; positionOf: Map<string, number>; signature: string } | undefined {
  const resources: CfnResource[] = [];
  const positionOf = new Map<string, number>();
  const lines: string[] = [];
  const prefix = stack.node.path.length;
  const visit = (node: IConstruct): boolean => {
    if (node !== stack && NestedStack.isNestedStack(node)) return false;
    const relative = node.node.path.slice(prefix);
    if (CfnResource.isCfnResource(node)) {
      positionOf.set(node.node.path, resources.push(node) - 1);
      lines.push(`R${relative}`);
    }
    for (const entry of node.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) lines.push(`A${relative}\u0003${JSON.stringify(entry.data)}`);
    }
    return node.node.children.every(visit);
  };
  if (!visit(stack)) return undefined;
  // Construct ids derived from the stack's name (a bucket notification's permission) are numbered, as in the template.
  return { resources, positionOf, signature: templateShape(lines.join('\n'), identity).shape };
}

/** Text of a finding in its shape's terms (identities replaced; stack-derived tokens kept literal). */
const inShape = (text: string, member: Member) => templateShape(text, member.identity, []).shape;

/** A member's findings by rule and resource position, or undefined if one is not on a resource of its own. */
function findingSignature(report: Report, member: Member): string | undefined {
  const rows: string[] = [];
  for (const violation of report.violations) {
    for (const resource of violation.violatingResources) {
      const position = resource.constructPath === undefined ? undefined : member.positionOf.get(resource.constructPath);
      if (position === undefined) return undefined;
      rows.push(JSON.stringify([violation.ruleName, violation.severity, inShape(violation.description, member), violation.fix, position, resource.locations]));
    }
  }
  return JSON.stringify(rows.sort());
}

/** `source`'s findings as `member`'s: its resource at the same position, its identities in the text. */
function translate(report: Report, source: Member, member: Member): Report {
  const text = (value: string) => withIdentity(inShape(value, source), member.identity, []);
  const violations = report.violations.map((violation) => ({
    ...violation,
    description: text(violation.description),
    violatingResources: violation.violatingResources.map((resource) => ({
      ...resource,
      constructPath: member.resources[source.positionOf.get(resource.constructPath!)!].node.path,
    })),
  }));
  return { ...report, violations };
}
