import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolatingResource, PolicyViolation } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { type Json, type JsonObject, asArray, renderLiteral } from './cfn-inspect';
import { REGION_GUARD_PLUGIN_NAME, RegionGuardRuleIds } from './rule-ids';
import { isMultiRegionKey } from './rules/kms-single-region';
import { type SynthesizedTemplate, SynthesizedTemplates, type TemplateResource } from './synthesized-templates';

export interface SovereignRegionGuardProps {
  /** The organization's allowed regions (from the config, itself bounded by the EU list). */
  readonly allowedRegions: readonly string[];
}

/**
 * Where a resource type sends copies of data, as the regions its properties name.
 * A value that is not a literal region is reported: it cannot be proven allowed.
 */
const REPLICATING_TYPES: Record<string, { readonly what: string; readonly location: string; regions(props: JsonObject): (Json | undefined)[] }> = {
  'AWS::SecretsManager::Secret': {
    what: 'A Secrets Manager secret replicates',
    location: 'Properties/ReplicaRegions',
    regions: (props) => (asArray(props.ReplicaRegions as Json[] | undefined) as JsonObject[]).map((r) => r.Region),
  },
  'AWS::DynamoDB::GlobalTable': {
    what: 'A DynamoDB global table replicates',
    location: 'Properties/Replicas',
    regions: (props) => (asArray(props.Replicas as Json[] | undefined) as JsonObject[]).map((r) => r.Region),
  },
  'AWS::EFS::FileSystem': {
    what: 'An EFS file system replicates',
    location: 'Properties/ReplicationConfiguration',
    regions: (props) =>
      (asArray((props.ReplicationConfiguration as JsonObject | undefined)?.Destinations as Json[] | undefined) as JsonObject[]).map((d) => d.Region),
  },
  'AWS::ECR::ReplicationConfiguration': {
    what: 'ECR replicates images',
    location: 'Properties/ReplicationConfiguration',
    regions: (props) =>
      (asArray((props.ReplicationConfiguration as JsonObject | undefined)?.Rules as Json[] | undefined) as JsonObject[]).flatMap((rule) =>
        (asArray(rule.Destinations as Json[] | undefined) as JsonObject[]).map((d) => d.Region),
      ),
  },
};

/**
 * Fails synth for anything that would put data or key material outside the allowed
 * regions: a stack whose region is unresolved or not allowed; a multi-Region or replica
 * KMS key; replication (S3, DynamoDB global tables, Secrets Manager, EFS, ECR) and
 * AWS Backup copies to a region outside the list, or to a destination whose region
 * cannot be proven at synth time.
 *
 * It reads the synthesized templates, nested stacks included, not construct
 * properties, so escape hatches cannot hide anything from it. Registered on the app, it
 * also sees stacks a platform team adds by hand. Its findings are `fatal`: CDK refuses
 * to acknowledge fatal findings, so no reason can silence them.
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

    for (const stack of context.stackTemplates) {
      if (stack.region === undefined || !this.allowed.has(stack.region)) {
        report(
          RegionGuardRuleIds.StackRegion,
          stack.region === undefined
            ? `Stack ${stack.stackConstructPath} has no resolved region; suveren deploys only to ${this.allowedList}.`
            : `Stack ${stack.stackConstructPath} is in ${stack.region}, outside the allowed regions (${this.allowedList}).`,
          `Give the stack an explicit env: { account, region } with a region from organization.allowedRegions (${this.allowedList}).`,
          { constructPath: stack.stackConstructPath, templatePath: stack.templatePath, locations: [] },
        );
      }
    }

    const templates = new SynthesizedTemplates(context);
    const namedBuckets = namedBucketRegions(templates.all);
    for (const template of templates.all) {
      for (const [logicalId, resource] of Object.entries(template.resources)) {
        const at = (...locations: string[]): PolicyViolatingResource => ({ resourceLogicalId: logicalId, templatePath: template.templatePath, locations });
        for (const finding of this.findings(resource, template, namedBuckets)) {
          report(finding.rule, finding.description, finding.fix, at(finding.location));
        }
      }
    }
    return { success: violations.size === 0, violations: [...violations.values()] };
  }

  private findings(resource: TemplateResource, template: SynthesizedTemplate, namedBuckets: Map<string, string>) {
    const props = resource.Properties ?? {};
    const found: { rule: string; description: string; fix: string; location: string }[] = [];
    const outside = (region: Json | undefined) => (typeof region === 'string' ? region : 'an unresolved region');

    if (isMultiRegionKey(resource)) {
      found.push({
        rule: RegionGuardRuleIds.MultiRegionKey,
        description:
          'A multi-Region or replica KMS key (or one whose MultiRegion is not a literal false): its key material can be copied to regions outside the allow-list.',
        fix: 'Create a single-Region key (multiRegion: false) in each region that needs one.',
        location: resource.Type === 'AWS::KMS::Key' ? 'Properties/MultiRegion' : 'Type',
      });
    }
    if (resource.Type === 'AWS::S3::Bucket') {
      for (const problem of this.s3ReplicationProblems(props, template, namedBuckets)) {
        found.push({
          rule: RegionGuardRuleIds.Replication,
          description: problem,
          fix: `Replicate only to buckets defined in this app, in ${this.allowedList}.`,
          location: 'Properties/ReplicationConfiguration',
        });
      }
    }
    const replicating = REPLICATING_TYPES[resource.Type];
    if (replicating) {
      for (const region of replicating.regions(props)) {
        if (typeof region === 'string' && this.allowed.has(region)) continue;
        found.push({
          rule: RegionGuardRuleIds.Replication,
          description: `${replicating.what} to ${outside(region)}, outside the allowed regions (${this.allowedList}).`,
          fix: `Keep replicas in ${this.allowedList}.`,
          location: replicating.location,
        });
      }
    }
    if (resource.Type === 'AWS::Backup::BackupPlan') {
      const rules = asArray((props.BackupPlan as JsonObject | undefined)?.BackupPlanRule as Json[] | undefined) as JsonObject[];
      for (const copy of rules.flatMap((rule) => asArray(rule.CopyActions as Json[] | undefined) as JsonObject[])) {
        const arn = renderLiteral(copy.DestinationBackupVaultArn, template);
        const region = arn?.split(':')[3];
        if (region !== undefined && this.allowed.has(region)) continue;
        found.push({
          rule: RegionGuardRuleIds.Replication,
          description: `An AWS Backup plan copies recovery points to ${region ?? 'a vault whose region cannot be proven'}, outside the allowed regions (${this.allowedList}).`,
          fix: `Copy only to vaults in ${this.allowedList}, named by a literal ARN.`,
          location: 'Properties/BackupPlan',
        });
      }
    }
    return found;
  }

  /** Why each replication destination of a bucket is not provably inside the allowed regions. */
  private s3ReplicationProblems(props: JsonObject, template: SynthesizedTemplate, namedBuckets: Map<string, string>): string[] {
    const config = props.ReplicationConfiguration as JsonObject | undefined;
    const problems: string[] = [];
    for (const rule of asArray(config?.Rules as Json[] | undefined) as JsonObject[]) {
      const destination = (rule.Destination as JsonObject | undefined)?.Bucket;
      let region: string | undefined;
      if (isLocalBucket(destination, template.resources)) {
        // A bucket of this very template lives in the template's region.
        region = template.region;
      } else {
        const arn = renderLiteral(destination, template);
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

/**
 * A reference that can only name a bucket in the same region: `Ref`/`Fn::GetAtt` of an
 * `AWS::S3::Bucket` in this template. An import or a parameter could hold any ARN.
 */
function isLocalBucket(value: Json | undefined, resources: Record<string, TemplateResource>): boolean {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return false;
  const ref = value.Ref;
  const getAtt = value['Fn::GetAtt'];
  const target = typeof ref === 'string' ? ref : Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
  return target !== undefined && resources[target]?.Type === 'AWS::S3::Bucket';
}

/** Buckets defined in this app with a literal name, by the ARN a replication rule names them with. */
function namedBucketRegions(templates: readonly SynthesizedTemplate[]): Map<string, string> {
  const regions = new Map<string, string>();
  for (const template of templates) {
    if (template.region === undefined) continue;
    const partition = RegionInfo.get(template.region).partition;
    if (!partition) continue;
    for (const resource of Object.values(template.resources)) {
      const name = resource.Properties?.BucketName;
      if (resource.Type === 'AWS::S3::Bucket' && typeof name === 'string') {
        regions.set(`arn:${partition}:s3:::${name}`, template.region);
      }
    }
  }
  return regions;
}
