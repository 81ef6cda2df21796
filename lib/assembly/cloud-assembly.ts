import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Json, textOf } from '../compliance/cfn-inspect';
import type { TemplateResource } from '../compliance/synthesized-templates';

/*
 * Reads a synthesized cloud assembly (`cdk.out`) as files: manifest, templates,
 * construct metadata and the policy-validation report. The evidence report is built
 * only from what is read here (plus names from the config), so it describes what
 * `cdk deploy` would create, not what the code intended.
 */

export interface AssemblyStack {
  readonly id: string;
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly templatePath: string;
  readonly resources: Record<string, TemplateResource>;
  /** The template's outputs: what another stack of the assembly imports (Fn::ImportValue) by export name. */
  readonly outputs?: Record<string, TemplateOutput>;
  /** Tags CDK applies to the whole stack. */
  readonly tags: Record<string, string>;
  /** Acknowledged rules, by construct path. */
  readonly acknowledgments: readonly Acknowledgment[];
}

/** One output of a template, exported where another stack imports it. */
export interface TemplateOutput {
  readonly Value: unknown;
  readonly Export?: { readonly Name: unknown };
}

export interface Acknowledgment {
  readonly stackId: string;
  readonly constructPath: string;
  /** The rule id as acknowledged, e.g. `AwsSolutions-IAM5[Resource::...]` or `Suveren-S1`. */
  readonly ruleId: string;
  readonly reason: string;
}

export interface ValidationFinding {
  readonly plugin: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly description: string;
  readonly constructPaths: readonly string[];
}

export interface CloudAssembly {
  readonly directory: string;
  readonly stacks: readonly AssemblyStack[];
  /** Unacknowledged findings of every validation plugin; empty when every gate passed. */
  readonly findings: readonly ValidationFinding[];
  /** False if the assembly has no policy-validation report (validation did not run). */
  readonly validationReportFound: boolean;
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly properties?: { readonly templateFile?: string; readonly tags?: Record<string, string> };
  readonly metadata?: Record<string, { type: string; data?: Json }[]>;
}

const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

/** Reads the assembly in `directory`; throws with the path and the fix when it is not one. */
export function readCloudAssembly(directory: string): CloudAssembly {
  const manifestPath = path.join(directory, 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    throw new Error(`${directory} is not a cloud assembly (no manifest.json); run \`npx cdk synth\` first or pass --assembly <dir>`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { artifacts?: Record<string, ManifestArtifact> };
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const templatePath = path.join(directory, artifact.properties.templateFile);
    const template = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as {
      Resources?: Record<string, TemplateResource>;
      Outputs?: Record<string, TemplateOutput>;
    };
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
    stacks.push({
      id,
      account: account === 'unknown-account' ? undefined : account,
      region: region === 'unknown-region' ? undefined : region,
      templatePath,
      resources: template.Resources ?? {},
      outputs: template.Outputs ?? {},
      tags: artifact.properties.tags ?? {},
      acknowledgments: readAcknowledgments(id, directory, artifact),
    });
  }
  const reportPath = path.join(directory, 'policy-validation-report.json');
  const validationReportFound = fs.existsSync(reportPath);
  return {
    directory,
    stacks: stacks.sort((a, b) => a.id.localeCompare(b.id)),
    findings: validationReportFound ? readFindings(reportPath) : [],
    validationReportFound,
  };
}

/** Construct metadata lives inline in the manifest or in `<stack>.metadata.json`, depending on the CDK version. */
function readAcknowledgments(stackId: string, directory: string, artifact: ManifestArtifact): Acknowledgment[] {
  let metadata = artifact.metadata ?? {};
  const metadataFile = path.join(directory, `${stackId}.metadata.json`);
  if (fs.existsSync(metadataFile)) {
    metadata = { ...metadata, ...(JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as typeof metadata) };
  }
  const acknowledgments: Acknowledgment[] = [];
  for (const [constructPath, entries] of Object.entries(metadata)) {
    for (const entry of entries) {
      if (entry.type !== ACKNOWLEDGED_RULES || entry.data === null || typeof entry.data !== 'object' || Array.isArray(entry.data)) continue;
      for (const [qualifiedId, reason] of Object.entries(entry.data)) {
        acknowledgments.push({
          stackId,
          constructPath: constructPath.replace(/^\//, ''),
          ruleId: qualifiedId.replace(/^annotation::/i, ''),
          reason: textOf(reason),
        });
      }
    }
  }
  return acknowledgments;
}

interface LegacyReport {
  pluginReports?: {
    summary?: { pluginName?: string };
    violations?: {
      ruleName?: string;
      description?: string;
      severity?: string;
      violatingResources?: { constructPath?: string; resourceLogicalId?: string }[];
    }[];
  }[];
}

function readFindings(reportPath: string): ValidationFinding[] {
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as LegacyReport;
  const findings: ValidationFinding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    const pluginName = plugin.summary?.pluginName ?? 'unknown';
    for (const violation of plugin.violations ?? []) {
      findings.push({
        plugin: pluginName,
        ruleId: (violation.ruleName ?? 'unknown').replace(/^[\w.-]+::/, ''),
        severity: violation.severity ?? 'error',
        description: violation.description ?? '',
        constructPaths: (violation.violatingResources ?? []).map((r) => r.constructPath ?? r.resourceLogicalId ?? 'unknown').sort(),
      });
    }
  }
  return findings;
}
