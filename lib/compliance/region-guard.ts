import * as fs from 'node:fs';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolatingResource,
  PolicyViolation,
} from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { type Json, type JsonObject, asArray } from './cfn-inspect';
import { REGION_GUARD_PLUGIN_NAME, RegionGuardRuleIds } from './rule-ids';

export interface SovereignRegionGuardProps {
  /** The organization's allowed regions (from the config, itself bounded by the EU list). */
  readonly allowedRegions: readonly string[];
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: JsonObject;
}

interface LoadedStack {
  readonly constructPath: string;
  readonly templatePath: string;
  readonly region: string | undefined;
  readonly resources: Record<string, TemplateResource>;
}

/**
 * Fails synth for anything that would put data or key material outside the allowed
 * regions: a stack whose region is unresolved or not allowed, a multi-Region or replica
 * KMS key, and replication (S3, DynamoDB global tables) to a region outside the list or
 * to a destination whose region cannot be proven at synth time.
 *
 * It reads the synthesized templates, not construct properties, so escape hatches
 * (`addPropertyOverride`, raw `CfnResource`s) cannot hide anything from it. Registered
 * on the app, it also sees stacks a platform team adds by hand. Its findings are
 * `fatal`: CDK refuses to acknowledge fatal findings, so no reason can silence them.
 */
export class SovereignRegionGuard implements IPolicyValidationPlugin {
  public readonly name = REGION_GUARD_PLUGIN_NAME;
  public readonly ruleIds = Object.values(RegionGuardRuleIds);
  private readonly allowed: ReadonlySet<string>;
  private readonly allowedList: string;

  constructor(props: SovereignRegionGuardProps) {
    this.allowed = new Set(props.allowedRegions);
    this.allowedList = props.allowedRegions.join(', ');
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations = new Map<string, PolicyViolation & { violatingResources: PolicyViolatingResource[] }>();
    const report = (ruleName: string, description: string, fix: string, resource: PolicyViolatingResource) => {
      const key = `${ruleName}\u0000${description}`;
      const existing = violations.get(key);
      if (existing) existing.violatingResources.push(resource);
      else violations.set(key, { ruleName, description, fix, severity: 'fatal', violatingResources: [resource] });
    };

    const stacks: LoadedStack[] = context.stackTemplates.map((stack) => ({
      constructPath: stack.stackConstructPath,
      templatePath: stack.templatePath,
      region: stack.region,
      resources: (JSON.parse(fs.readFileSync(stack.templatePath, 'utf8')) as { Resources?: Record<string, TemplateResource> }).Resources ?? {},
    }));
    const namedBuckets = namedBucketRegions(stacks);

    for (const stack of stacks) {
      if (stack.region === undefined || !this.allowed.has(stack.region)) {
        report(
          RegionGuardRuleIds.StackRegion,
          stack.region === undefined
            ? `Stack ${stack.constructPath} has no resolved region; suveren deploys only to ${this.allowedList}.`
            : `Stack ${stack.constructPath} is in ${stack.region}, outside the allowed regions (${this.allowedList}).`,
          `Give the stack an explicit env: { account, region } with a region from organization.allowedRegions (${this.allowedList}).`,
          { constructPath: stack.constructPath, templatePath: stack.templatePath, locations: [] },
        );
      }
      for (const [logicalId, resource] of Object.entries(stack.resources)) {
        const at = (...locations: string[]): PolicyViolatingResource => ({
          resourceLogicalId: logicalId,
          templatePath: stack.templatePath,
          locations,
        });
        const props = resource.Properties ?? {};
        // Anything but a literal false (a parameter, a condition) could be true at deploy time.
        const multiRegion = props.MultiRegion;
        if (resource.Type === 'AWS::KMS::ReplicaKey' || (resource.Type === 'AWS::KMS::Key' && multiRegion !== undefined && multiRegion !== false && multiRegion !== 'false')) {
          report(
            RegionGuardRuleIds.MultiRegionKey,
            'A multi-Region or replica KMS key: its key material can be copied to regions outside the allow-list.',
            'Create a single-Region key (multiRegion: false) in each region that needs one.',
            at(resource.Type === 'AWS::KMS::Key' ? 'Properties/MultiRegion' : 'Type'),
          );
        }
        if (resource.Type === 'AWS::S3::Bucket') {
          for (const problem of this.s3ReplicationProblems(props, stack.region, stack.resources, namedBuckets)) {
            report(
              RegionGuardRuleIds.Replication,
              problem,
              `Replicate only to buckets defined in this app, in ${this.allowedList}.`,
              at('Properties/ReplicationConfiguration'),
            );
          }
        }
        const replicas = REPLICATING_TYPES[resource.Type];
        if (replicas) {
          for (const replica of asArray(props[replicas.property] as Json[] | undefined) as JsonObject[]) {
            const region = replica.Region;
            if (typeof region !== 'string' || !this.allowed.has(region)) {
              report(
                RegionGuardRuleIds.Replication,
                `${replicas.what} replicates to ${typeof region === 'string' ? region : 'an unresolved region'}, outside the allowed regions (${this.allowedList}).`,
                `Keep replicas in ${this.allowedList}.`,
                at(`Properties/${replicas.property}`),
              );
            }
          }
        }
      }
    }
    return { success: violations.size === 0, violations: [...violations.values()] };
  }

  /** Why each replication destination of a bucket is not provably inside the allowed regions. */
  private s3ReplicationProblems(
    props: JsonObject,
    sourceRegion: string | undefined,
    resources: Record<string, TemplateResource>,
    namedBuckets: Map<string, string>,
  ): string[] {
    const config = props.ReplicationConfiguration as JsonObject | undefined;
    const problems: string[] = [];
    for (const rule of asArray(config?.Rules as Json[] | undefined) as JsonObject[]) {
      const destination = (rule.Destination as JsonObject | undefined)?.Bucket;
      const localReference = isLocalReference(destination, resources);
      const arn = localReference ? undefined : renderArn(destination, sourceRegion);
      let region: string | undefined;
      if (localReference) {
        // A bucket of this very template lives in the source stack's region.
        region = sourceRegion;
      } else {
        region = arn === undefined ? undefined : namedBuckets.get(arn);
        if (region === undefined) {
          problems.push(
            `S3 replication to ${arn ?? JSON.stringify(destination)}, a bucket this app does not define: its region cannot be proven to be in ${this.allowedList}.`,
          );
          continue;
        }
      }
      if (region === undefined || !this.allowed.has(region)) {
        problems.push(`S3 replication to a bucket in ${region ?? 'an unresolved region'}, outside the allowed regions (${this.allowedList}).`);
      }
    }
    return problems;
  }
}

/** Resource types whose replicas are listed as `{ Region }` objects under one property. */
const REPLICATING_TYPES: Record<string, { readonly property: string; readonly what: string }> = {
  'AWS::SecretsManager::Secret': { property: 'ReplicaRegions', what: 'A Secrets Manager secret' },
  'AWS::DynamoDB::GlobalTable': { property: 'Replicas', what: 'A DynamoDB global table' },
};

/**
 * A reference that can only name a bucket in the same region: `Ref`/`Fn::GetAtt` of an
 * `AWS::S3::Bucket` in this template. An import or a parameter could hold any ARN.
 */
function isLocalReference(value: Json | undefined, resources: Record<string, TemplateResource>): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const ref = value.Ref;
  const getAtt = value['Fn::GetAtt'];
  const target = typeof ref === 'string' ? ref : Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
  return target !== undefined && resources[target]?.Type === 'AWS::S3::Bucket';
}

/** Renders a literal or `Fn::Join`-of-literals ARN (with `AWS::Partition`) to a string, if it is one. */
function renderArn(value: Json | undefined, region: string | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (value.Ref === 'AWS::Partition') return region === undefined ? undefined : RegionInfo.get(region).partition;
  const join = value['Fn::Join'];
  if (!Array.isArray(join) || join.length !== 2 || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
  const parts = join[1].map((part) => renderArn(part, region));
  return parts.every((part): part is string => part !== undefined) ? parts.join(join[0]) : undefined;
}


/** Buckets defined in this app with a literal name, by the ARN a replication rule names them with. */
function namedBucketRegions(stacks: readonly LoadedStack[]): Map<string, string> {
  const regions = new Map<string, string>();
  for (const stack of stacks) {
    if (stack.region === undefined) continue;
    const partition = RegionInfo.get(stack.region).partition;
    if (!partition) continue;
    for (const resource of Object.values(stack.resources)) {
      const name = resource.Properties?.BucketName;
      if (resource.Type === 'AWS::S3::Bucket' && typeof name === 'string') {
        regions.set(`arn:${partition}:s3:::${name}`, stack.region);
      }
    }
  }
  return regions;
}
