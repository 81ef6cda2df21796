import { aws_cloudformation as cloudformation } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface ServiceManagedStackSetProps {
  /** The StackSet's name in CloudFormation. */
  readonly stackSetName: string;
  /** What it deploys, for its description. */
  readonly description: string;
  /** The template, JSON or YAML text (at most 51,200 bytes: CloudFormation's TemplateBody limit). */
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
   * Share of accounts deployed at once, per region.
   * @default 25
   */
  readonly maxConcurrentPercentage?: number;
}

/**
 * A CloudFormation StackSet with service-managed permissions, created by the deployment
 * account as the organization's delegated administrator for StackSets: automatic
 * deployment to every account of the target OUs, the stacks kept when an account leaves
 * an OU (RetainStacksOnAccountRemoval: the roles its key policies name stay), managed
 * execution (non-conflicting operations queued), and no failure tolerated (one failed
 * account stops the operation, which names it).
 */
export class ServiceManagedStackSet extends Construct {
  public readonly stackSet: cloudformation.CfnStackSet;

  constructor(scope: Construct, id: string, props: ServiceManagedStackSetProps) {
    super(scope, id);
    const bytes = Buffer.byteLength(props.templateBody, 'utf8');
    if (bytes > 51_200)
      throw new Error(`ServiceManagedStackSet ${this.node.path}: the template is ${bytes} bytes, over CloudFormation's 51,200 for TemplateBody`);
    if (props.organizationalUnitIds.length === 0 || props.regions.length === 0)
      throw new Error(`ServiceManagedStackSet ${this.node.path}: name at least one OU and one region`);
    this.stackSet = new cloudformation.CfnStackSet(this, 'Resource', {
      stackSetName: props.stackSetName,
      description: props.description,
      permissionModel: 'SERVICE_MANAGED',
      callAs: 'DELEGATED_ADMIN',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true },
      managedExecution: { Active: true },
      capabilities: [...(props.capabilities ?? ['CAPABILITY_NAMED_IAM'])],
      operationPreferences: {
        regionConcurrencyType: 'PARALLEL',
        maxConcurrentPercentage: props.maxConcurrentPercentage ?? 25,
        failureToleranceCount: 0,
      },
      templateBody: props.templateBody,
      parameters: Object.entries(props.parameters)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([parameterKey, parameterValue]) => ({ parameterKey, parameterValue })),
      stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: [...props.organizationalUnitIds] }, regions: [...props.regions] }],
    });
  }
}
