import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { aws_cloudformation as cloudformation, aws_s3_assets as s3assets } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface ServiceManagedStackSetProps {
  /** The StackSet's name in CloudFormation. */
  readonly stackSetName: string;
  /** What it deploys, for its description. */
  readonly description: string;
  /**
   * The template, JSON or YAML text. Up to CloudFormation's 51,200 bytes for TemplateBody
   * it is inline; a larger one is a file asset the StackSet reads by TemplateURL (up to
   * 1 MB), which the administrator account's own deployment publishes.
   */
  readonly templateBody: string;
  /** Every parameter of the template, by name: none is left to the template's default. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The organizational units (or the root) whose accounts receive a stack instance, now and when they join. */
  readonly organizationalUnitIds: readonly string[];
  /** The regions each account receives an instance in. */
  readonly regions: readonly string[];
  /**
   * Capabilities the template needs.
   * @default ['CAPABILITY_NAMED_IAM']
   */
  readonly capabilities?: readonly string[];
  /**
   * Who creates the StackSet: the organization's delegated administrator for StackSets,
   * or the management account itself.
   * @default 'DELEGATED_ADMIN'
   */
  readonly callAs?: 'DELEGATED_ADMIN' | 'SELF';
  /**
   * Share of accounts deployed at once, per region.
   * @default 25
   */
  readonly maxConcurrentPercentage?: number;
}

/**
 * A CloudFormation StackSet with service-managed permissions, created by the deployment
 * account as the organization's delegated administrator for StackSets (or by the
 * management account): automatic
 * deployment to every account of the target OUs, the stacks kept when an account leaves
 * an OU (RetainStacksOnAccountRemoval: the roles its key policies name stay), managed
 * execution (non-conflicting operations queued), and no failure tolerated (one failed
 * account stops the operation, which names it).
 */
/** CloudFormation's limit for a template given inline (TemplateBody). */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;
/** CloudFormation's limit for a template read from S3 (TemplateURL). */
export const TEMPLATE_URL_MAX_BYTES = 1_000_000;

export class ServiceManagedStackSet extends Construct {
  public readonly stackSet: cloudformation.CfnStackSet;

  constructor(scope: Construct, id: string, props: ServiceManagedStackSetProps) {
    super(scope, id);
    const bytes = Buffer.byteLength(props.templateBody, 'utf8');
    if (bytes > TEMPLATE_URL_MAX_BYTES)
      throw new Error(
        `ServiceManagedStackSet ${this.node.path}: the template is ${bytes} bytes, over CloudFormation's ${TEMPLATE_URL_MAX_BYTES} for a template in S3`,
      );
    if (props.organizationalUnitIds.length === 0 || props.regions.length === 0)
      throw new Error(`ServiceManagedStackSet ${this.node.path}: name at least one OU and one region`);
    this.stackSet = new cloudformation.CfnStackSet(this, 'Resource', {
      stackSetName: props.stackSetName,
      description: props.description,
      permissionModel: 'SERVICE_MANAGED',
      callAs: props.callAs ?? 'DELEGATED_ADMIN',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true },
      managedExecution: { Active: true },
      capabilities: [...(props.capabilities ?? ['CAPABILITY_NAMED_IAM'])],
      operationPreferences: {
        regionConcurrencyType: 'PARALLEL',
        maxConcurrentPercentage: props.maxConcurrentPercentage ?? 25,
        failureToleranceCount: 0,
      },
      ...(bytes <= TEMPLATE_BODY_MAX_BYTES ? { templateBody: props.templateBody } : { templateUrl: this.templateAsset(props.templateBody).httpUrl }),
      parameters: Object.entries(props.parameters)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([parameterKey, parameterValue]) => ({ parameterKey, parameterValue })),
      stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: [...props.organizationalUnitIds] }, regions: [...props.regions] }],
    });
  }

  /** The template as a file asset, named by its hash, so the asset is the same for the same text. */
  private templateAsset(templateBody: string): s3assets.Asset {
    const hash = createHash('sha256').update(templateBody).digest('hex');
    const dir = path.join(os.tmpdir(), 'suveren-stackset-templates');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${hash}.json`);
    if (!fs.existsSync(file)) fs.writeFileSync(file, templateBody);
    return new s3assets.Asset(this, 'Template', { path: file });
  }
}
