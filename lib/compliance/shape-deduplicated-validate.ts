import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import {
  CloudFormationValidatePlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyViolatingResource,
  type PolicyViolation,
} from 'aws-cdk-lib';

/*
 * aws-cdk-lib's CloudFormation schema validation, run once per distinct template shape
 * instead of once per template: at 1,100 tenants it was 30 % of synth.
 *
 * Two tenant templates have the same shape when they are equal once each one's own
 * identity strings (tenant id, account id, display name) are replaced by placeholders:
 * text equality of the substituted templates, nothing assumed. The substitution is
 * reversible (the placeholders are control characters, which raw JSON text cannot
 * contain), so each member is exactly its shape's text with its own identities put back.
 * Schema checks on those strings can still depend on their values, through length,
 * pattern or character class. So:
 *   - tenant and account ids come from the config's closed alphabets ([a-z0-9-], digits);
 *   - a display name takes part only if it is printable Latin-1, the widest class any
 *     description field admits; any other is kept literal, which makes its template a
 *     shape of its own;
 *   - each shape is validated on its members with the shortest and the longest tenant
 *     id and display name (up to four templates), so length limits are met at both ends.
 * A finding on a validated member is reported for every member of the shape, with that
 * member's identities in the text. A template with any other difference, a changed
 * property, an extra resource, is a different shape and is validated itself.
 */

/** The strings that make one template differ from its shape. */
export interface TemplateIdentity {
  readonly tenantId: string;
  readonly account: string;
  readonly displayName: string;
  /**
   * The stack's name: logical ids derived from a construct path outside the stack (a
   * bucket notification's permission names its function by its full path) contain it
   * without punctuation, followed by a hash.
   */
  readonly stackName: string;
}

const PLACEHOLDERS = { displayName: '\u0001N\u0001', tenantId: '\u0001T\u0001', account: '\u0001A\u0001' } as const;
const logicalIdPlaceholder = (index: number) => `\u0001L${index}\u0001`;

/** Printable Latin-1: the widest character class of any CloudFormation description pattern. */
const LATIN1_PRINTABLE = /^[\x20-\x7e\xa0-\xff]*$/;

/** JSON.stringify's escaping of a string's content, which is how it appears in template text. */
const asJsonText = (value: string) => JSON.stringify(value).slice(1, -1);

/** Substitutions for one identity, longest first so that a string inside another is replaced after it. */
function substitutions(identity: TemplateIdentity): [string, string][] {
  const pairs: [string, string][] = [
    [asJsonText(identity.tenantId), PLACEHOLDERS.tenantId],
    [asJsonText(identity.account), PLACEHOLDERS.account],
  ];
  // Only where the name's JSON text is the name itself (no quote or backslash to escape), so that finding texts translate too.
  if (LATIN1_PRINTABLE.test(identity.displayName) && asJsonText(identity.displayName) === identity.displayName) {
    pairs.push([identity.displayName, PLACEHOLDERS.displayName]);
  }
  return pairs.filter(([from]) => from.length > 0).sort(([a], [b]) => b.length - a.length);
}

/** A template's shape, and the stack-derived logical ids it replaced, in order of first appearance. */
export interface TemplateShape {
  readonly shape: string;
  readonly logicalIds: readonly string[];
}

/**
 * The template's shape: its text with its identities replaced, and every token that
 * contains the stack's compact name (a logical id) replaced by a numbered placeholder.
 * With `logicalIds` given, those tokens are numbered as listed (for texts of a finding).
 */
export function templateShape(text: string, identity: TemplateIdentity, logicalIds?: readonly string[]): TemplateShape {
  const compact = identity.stackName.replace(/[^A-Za-z0-9]/g, '');
  const seen = logicalIds ? [...logicalIds] : [];
  // For a finding's text, only the template's own logical ids are numbered; any other token stays as it is.
  const extend = logicalIds === undefined;
  // Each occurrence of the compact name, widened to the alphanumeric token around it
  // (scanned, not a regular expression: one with a leading [A-Za-z0-9]* backtracks at every character).
  const parts: string[] = [];
  let done = 0;
  for (let at = text.indexOf(compact); at >= 0; at = text.indexOf(compact, done)) {
    let start = at;
    while (start > done && isAlphanumeric(text.charCodeAt(start - 1))) start--;
    let end = at + compact.length;
    while (end < text.length && isAlphanumeric(text.charCodeAt(end))) end++;
    const token = text.slice(start, end);
    let index = seen.indexOf(token);
    if (index < 0 && extend) index = seen.push(token) - 1;
    parts.push(text.slice(done, start), index < 0 ? token : logicalIdPlaceholder(index));
    done = end;
  }
  parts.push(text.slice(done));
  return { shape: substitutions(identity).reduce((shape, [from, to]) => shape.split(from).join(to), parts.join('')), logicalIds: seen };
}

/** A template file's shape, as a digest, and its stack-derived logical ids. */
export interface TemplateFileShape {
  /** SHA-256 of the shape: equal digests, equal shapes. */
  readonly digest: string;
  readonly logicalIds: readonly string[];
}

/**
 * The shape of each template file, read once for every plugin of a validation that
 * groups by shape (the CloudFormation schema validation and three cdk-nag packs). An
 * entry is used again only for the same file, unchanged (modification time and size),
 * and the same identity; a later synth writes the files anew.
 */
const fileShapes = new Map<string, { readonly stamp: string; readonly shape: TemplateFileShape }>();

/** The shape of the template at `templatePath`, for `identity`. */
export function templateFileShape(templatePath: string, identity: TemplateIdentity): TemplateFileShape {
  const stat = fs.statSync(templatePath);
  // A later synth writes the file anew: a new inode or change time even within one millisecond.
  const stamp = JSON.stringify([stat.ino, stat.ctimeMs, stat.mtimeMs, stat.size, identity]);
  const cached = fileShapes.get(templatePath);
  if (cached?.stamp === stamp) return cached.shape;
  const { shape, logicalIds } = templateShape(fs.readFileSync(templatePath, 'utf8'), identity);
  const result = { digest: createHash('sha256').update(shape).digest('hex'), logicalIds };
  fileShapes.set(templatePath, { stamp, shape: result });
  return result;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The shape with a member's identity and logical ids put back: the inverse of templateShape. */
export function withIdentity(shape: string, identity: TemplateIdentity, logicalIds: readonly string[]): string {
  let text = shape;
  for (const [key, placeholder] of Object.entries(PLACEHOLDERS) as [keyof typeof PLACEHOLDERS, string][])
    text = text.split(placeholder).join(asJsonText(identity[key]));
  return logicalIds.reduce((result, logicalId, index) => result.split(logicalIdPlaceholder(index)).join(logicalId), text);
}

interface Member {
  readonly templatePath: string;
  readonly identity?: TemplateIdentity;
  readonly logicalIds: readonly string[];
}

/** The members to validate: shortest and longest tenant id and display name. */
export function representatives<T extends { identity?: TemplateIdentity }>(members: readonly T[]): T[] {
  if (members.length <= 2) return [...members];
  const by = (key: keyof TemplateIdentity) => [...members].sort((a, b) => (a.identity?.[key].length ?? 0) - (b.identity?.[key].length ?? 0));
  const picked = new Set<T>();
  for (const key of ['tenantId', 'displayName'] as const) {
    const sorted = by(key);
    picked.add(sorted[0]);
    picked.add(sorted[sorted.length - 1]);
  }
  return members.filter((m) => picked.has(m));
}

export interface ShapeDeduplicatedValidateProps {
  /** The identity of the stack whose template is at `templatePath`, or undefined for a stack validated on its own. */
  readonly identityOf: (templatePath: string) => TemplateIdentity | undefined;
  /**
   * Validate every template, as aws-cdk-lib's own instance does: for the test that
   * proves the shapes equivalent, and for anyone who wants the slow path.
   * @default false, unless SUVEREN_VALIDATE_EVERY_TEMPLATE=1
   */
  readonly validateEveryTemplate?: boolean;
}

/** Set to 1 to validate every template (the equivalence test's reference run). */
export const VALIDATE_EVERY_TEMPLATE_SWITCH = 'SUVEREN_VALIDATE_EVERY_TEMPLATE';

/** Statistics of the last run, for the bench and for tests. */
export interface ShapeStatistics {
  readonly templates: number;
  readonly shapes: number;
  readonly validated: number;
}

/**
 * A CloudFormationValidatePlugin to aws-cdk-lib: registered on the app it replaces the
 * built-in instance, is trusted like it, and reports under its name. It validates with
 * aws-cdk-lib's process-wide engine.
 */
export class ShapeDeduplicatedCloudFormationValidate extends CloudFormationValidatePlugin {
  public lastRun?: ShapeStatistics;

  constructor(private readonly shapeProps: ShapeDeduplicatedValidateProps) {
    super();
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // The engine is aws-cdk-lib's process-wide one: starting a WebAssembly engine per app costs seconds and memory.
    const engine = CloudFormationValidatePlugin._singletonInstance();
    // Its WebAssembly memory (about 180 MB, never returned) comes on top of the heap: with
    // cdk.json's --expose-gc, the heap's garbage is returned first (the synth's peak, 1,100 tenants).
    (globalThis as { gc?: () => void }).gc?.();
    if (this.shapeProps.validateEveryTemplate ?? process.env[VALIDATE_EVERY_TEMPLATE_SWITCH] === '1') {
      this.lastRun = { templates: context.templatePaths.length, shapes: context.templatePaths.length, validated: context.templatePaths.length };
      return engine.validate(context);
    }
    const validateOnly = (paths: ReadonlySet<string>) =>
      engine.validate({
        ...context,
        templatePaths: context.templatePaths.filter((p) => paths.has(p)),
        stackTemplates: context.stackTemplates.filter((s) => paths.has(s.templatePath)),
      });
    // The engine validates each stack with its own account and region as pseudo parameters: the region is part of the shape.
    const regionOf = new Map(context.stackTemplates.map((s) => [s.templatePath, s.region ?? '']));
    const shapes = new Map<string, Member[]>();
    for (const templatePath of context.templatePaths) {
      const identity = this.shapeProps.identityOf(templatePath);
      // A template without an identity is a shape of its own: its path is its key.
      const shaped = identity ? templateFileShape(templatePath, identity) : { digest: `\u0002${templatePath}`, logicalIds: [] };
      const key = `${regionOf.get(templatePath) ?? ''}\u0002${shaped.digest}`;
      const members = shapes.get(key) ?? [];
      members.push({ templatePath, identity, logicalIds: shaped.logicalIds });
      shapes.set(key, members);
    }
    const shapeOf = new Map<string, Member[]>();
    const representativesOf = new Map<Member[], Member[]>();
    for (const members of shapes.values()) {
      const picked = representatives(members);
      representativesOf.set(members, picked);
      for (const member of members) shapeOf.set(member.templatePath, members);
    }
    const first = validateOnly(new Set([...representativesOf.values()].flat().map((m) => m.templatePath)));
    // Where a shape's representatives disagree (a length limit met by one and not the
    // other), none speaks for the rest: every member of that shape is validated itself.
    const disagreeing = [...representativesOf.entries()]
      .filter(([, picked]) => new Set(picked.map((m) => findingSignature(first.violations, m))).size > 1)
      .map(([members]) => members);
    const alone = new Set(disagreeing.flat().map((m) => m.templatePath));
    const second = alone.size > 0 ? validateOnly(alone) : undefined;
    const representativePaths = [...representativesOf.values()].flat().map((m) => m.templatePath);
    this.lastRun = { templates: context.templatePaths.length, shapes: shapes.size, validated: new Set([...representativePaths, ...alone]).size };
    const expanded = expandToShapes(
      first.violations
        .map((v) => ({ ...v, violatingResources: v.violatingResources.filter((r) => !r.templatePath || !alone.has(r.templatePath)) }))
        .filter((v) => v.violatingResources.length > 0),
      shapeOf,
      alone,
    );
    return { ...first, success: first.success && (second?.success ?? true), violations: [...expanded, ...(second?.violations ?? [])] };
  }
}

/** A validated member's findings in its shape's terms, for comparing representatives. */
function findingSignature(violations: readonly PolicyViolation[], member: Member): string {
  const inShape = (text: string | undefined) => (text === undefined || !member.identity ? text : templateShape(text, member.identity, member.logicalIds).shape);
  return JSON.stringify(
    violations
      .flatMap((v) =>
        v.violatingResources
          .filter((r) => r.templatePath === member.templatePath)
          .map((r) => JSON.stringify([v.ruleName, v.severity, inShape(v.description), inShape(v.fix), inShape(r.resourceLogicalId), r.locations])),
      )
      .sort(),
  );
}

/**
 * Each finding on a validated template, reported for every member of its shape: the
 * member's own template path, and the member's identities in every text of the finding.
 * Findings that come out the same (from two validated members of a shape) are merged.
 */
function expandToShapes(
  violations: readonly PolicyViolation[],
  shapeOf: ReadonlyMap<string, readonly Member[]>,
  validatedAlone: ReadonlySet<string>,
): PolicyViolation[] {
  const merged = new Map<string, { violation: PolicyViolation; resources: Map<string, PolicyViolatingResource> }>();
  for (const violation of violations) {
    for (const resource of violation.violatingResources) {
      const members = ((resource.templatePath && shapeOf.get(resource.templatePath)) || [undefined]).filter((m) => !m || !validatedAlone.has(m.templatePath));
      const source = members.find((m) => m?.templatePath === resource.templatePath);
      for (const member of members) {
        // Text of the validated member, with the member's identities in place of the source's.
        const translate = (text: string | undefined) =>
          text === undefined || !source?.identity || !member?.identity
            ? text
            : withIdentity(templateShape(text, source.identity, source.logicalIds).shape, member.identity, member.logicalIds);
        const copy: PolicyViolation = {
          ...violation,
          description: translate(violation.description)!,
          fix: translate(violation.fix),
          violatingResources: [],
        };
        const key = JSON.stringify([copy.ruleName, copy.description, copy.fix, copy.severity]);
        const entry = merged.get(key) ?? { violation: copy, resources: new Map<string, PolicyViolatingResource>() };
        const moved: PolicyViolatingResource = {
          ...resource,
          resourceLogicalId: translate(resource.resourceLogicalId),
          templatePath: member?.templatePath ?? resource.templatePath,
          // The construct path is the validated member's; aws-cdk-lib derives the member's from the logical id.
          constructPath: member && member.templatePath !== resource.templatePath ? undefined : resource.constructPath,
        };
        entry.resources.set(JSON.stringify([moved.templatePath, moved.resourceLogicalId, moved.constructPath, moved.locations]), moved);
        merged.set(key, entry);
      }
    }
  }
  return [...merged.values()].map(({ violation, resources }) => ({ ...violation, violatingResources: [...resources.values()] }));
}
