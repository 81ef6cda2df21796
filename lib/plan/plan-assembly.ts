import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Json, JsonObject } from '../compliance/cfn-inspect';
import type { AssemblyStack } from '../assembly/cloud-assembly';
import type { TemplateResource } from '../compliance/synthesized-templates';
import { ORGANIZATION_METADATA_KEY } from '@suveren/core/contracts/names';

/*
 * One side of a plan: the stacks of a cloud assembly, each with its whole template. A
 * baseline may be a full `cdk.out` or a normalized one (manifest and templates only,
 * asset hashes blanked), as the repository keeps the example's last release.
 */

/** What an asset hash is replaced with in a normalized assembly. */
export const BLANKED_ASSET_HASH = '<asset-hash>';

export interface CloudFormationTemplate {
  readonly Resources?: Record<string, TemplateResource & { DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
  readonly Metadata?: JsonObject;
  readonly [section: string]: Json | undefined | Record<string, TemplateResource>;
}

export interface PlanStack {
  readonly id: string;
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly template: CloudFormationTemplate;
}

export interface PlanAssembly {
  readonly directory: string;
  readonly stacks: ReadonlyMap<string, PlanStack>;
  /** The organization id the templates were synthesized for, if they say. */
  readonly organizationId: string | undefined;
  /** Whether the assembly's asset hashes are blanked (a normalized baseline). */
  readonly normalized: boolean;
}

/** A baseline or assembly that cannot be read; its message names the argument and the fix. */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly properties?: { readonly templateFile?: string };
}

const ASSET_HASH = /[0-9a-f]{64}/g;

/** The template with every asset hash (64 hex digits) blanked, as a normalized baseline holds it. */
export function blankAssetHashes<T extends Json | CloudFormationTemplate>(template: T): T {
  return JSON.parse(JSON.stringify(template).replace(ASSET_HASH, BLANKED_ASSET_HASH)) as T;
}

/** Reads the stacks of the assembly in `directory`; `argument` names the flag in errors. */
/** The baseline of a first deployment (`--baseline none`): nothing deployed yet, every stack an addition. */
export function emptyPlanAssembly(): PlanAssembly {
  return { directory: '(none)', stacks: new Map(), organizationId: undefined, normalized: false };
}

export function readPlanAssembly(directory: string, argument: string): PlanAssembly {
  const manifestPath = path.join(directory, 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    throw new PlanInputError(
      `${argument} ${directory} is not a cloud assembly (no manifest.json): pass a cdk.out directory${argument === '--baseline' ? ' or a git ref' : ' (run `npx cdk synth` first)'}`,
    );
  }
  let manifest: { artifacts?: Record<string, ManifestArtifact> };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch (e) {
    throw new PlanInputError(`${argument} ${manifestPath} is not valid JSON (${(e as Error).message}): synthesize the assembly again`);
  }
  const stacks = new Map<string, PlanStack>();
  const organizations = new Set<string>();
  let normalized = false;
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const templatePath = path.join(directory, artifact.properties.templateFile);
    let text: string;
    try {
      text = fs.readFileSync(templatePath, 'utf8');
    } catch {
      throw new PlanInputError(
        `${argument} ${directory}: the manifest names ${artifact.properties.templateFile} for stack ${id}, which is missing: synthesize the assembly again`,
      );
    }
    normalized ||= text.includes(BLANKED_ASSET_HASH);
    const template = JSON.parse(text) as CloudFormationTemplate;
    const organizationId = template.Metadata?.[ORGANIZATION_METADATA_KEY];
    if (typeof organizationId === 'string') organizations.add(organizationId);
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
    stacks.set(id, {
      id,
      account: account === undefined || account === 'unknown-account' ? undefined : account,
      region: region === undefined || region === 'unknown-region' ? undefined : region,
      template,
    });
  }
  if (stacks.size === 0) throw new PlanInputError(`${argument} ${directory} has no stacks: synthesize the landing zone into it first`);
  if (organizations.size > 1) {
    throw new PlanInputError(`${argument} ${directory} mixes organizations (${[...organizations].sort().join(', ')}): it is not one landing zone's assembly`);
  }
  return { directory, stacks, organizationId: [...organizations][0], normalized };
}

/** The assembly's stacks in the form the authorization model reads. */
export function assemblyStacks(assembly: PlanAssembly): AssemblyStack[] {
  return [...assembly.stacks.values()]
    .filter((s) => s.account !== undefined && s.region !== undefined)
    .map((s) => ({
      id: s.id,
      account: s.account,
      region: s.region,
      templatePath: path.join(assembly.directory, `${s.id}.template.json`),
      resources: s.template.Resources ?? {},
      tags: {},
      acknowledgments: [],
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
