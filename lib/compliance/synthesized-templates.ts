import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CfnResource, type IPolicyValidationContext, NestedStack, Stack } from 'aws-cdk-lib';
import { partitionOf } from '../regions';
import type { JsonObject } from './cfn-inspect';

/** A resource as CloudFormation will receive it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: JsonObject;
}

/** One synthesized template: a top-level stack's or a nested stack's. */
export interface SynthesizedTemplate {
  readonly stackConstructPath: string;
  readonly templatePath: string;
  /** The region of the stack, or of the top-level stack a nested stack deploys with. */
  readonly region: string | undefined;
  /** The partition of that region. */
  readonly partition: string | undefined;
  readonly resources: Record<string, TemplateResource>;
}

/**
 * The templates a synth produced, nested stacks included, read once per validation.
 * Checks read resources from here rather than from construct properties, so escape
 * hatches (`addPropertyOverride`, raw `CfnResource`s) are seen exactly as deployed.
 */
export class SynthesizedTemplates {
  public readonly all: readonly SynthesizedTemplate[];
  private readonly byStackPath: Map<string, SynthesizedTemplate>;

  constructor(context: IPolicyValidationContext) {
    const templates: SynthesizedTemplate[] = context.stackTemplates.map((stack) => ({
      stackConstructPath: stack.stackConstructPath,
      templatePath: stack.templatePath,
      region: stack.region,
      partition: stack.region === undefined ? undefined : partitionOf(stack.region),
      resources: readResources(stack.templatePath),
    }));
    const topLevel = new Map(templates.map((t) => [t.stackConstructPath, t]));
    for (const node of context.appConstruct.node.findAll()) {
      if (!NestedStack.isNestedStack(node)) continue;
      let root: Stack = node;
      while (root.nestedStackParent) root = root.nestedStackParent;
      const parent = topLevel.get(root.node.path);
      if (!parent) continue;
      const templatePath = path.join(path.dirname(parent.templatePath), node.templateFile);
      if (!fs.existsSync(templatePath)) continue;
      templates.push({
        stackConstructPath: node.node.path,
        templatePath,
        region: parent.region,
        partition: parent.partition,
        resources: readResources(templatePath),
      });
    }
    this.all = templates;
    this.byStackPath = new Map(templates.map((t) => [t.stackConstructPath, t]));
  }

  /** The resource `node` became in its stack's template, if that template was synthesized. */
  public resourceOf(node: CfnResource): TemplateResource | undefined {
    const stack = Stack.of(node);
    return this.byStackPath.get(stack.node.path)?.resources[stack.getLogicalId(node)];
  }

  /** The template of the stack `node` is in. */
  public templateOf(node: CfnResource): SynthesizedTemplate | undefined {
    return this.byStackPath.get(Stack.of(node).node.path);
  }
}

function readResources(templatePath: string): Record<string, TemplateResource> {
  const template = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as { Resources?: Record<string, TemplateResource> };
  return template.Resources ?? {};
}
