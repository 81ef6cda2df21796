import { Duration, RemovalPolicy, aws_codebuild as codebuild, aws_iam as iam, type aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INLINE_POLICY_REASON, acknowledge } from '../../compliance/acknowledge';
import { type BuildPhases, buildSpecObject } from '../../pipeline/buildspecs';

export interface PipelineBuildProjectProps {
  /** What the builds do, for the project's description. */
  readonly description: string;
  /** The commands (lib/pipeline/buildspecs.ts). */
  readonly phases: BuildPhases;
  /** Files the build passes on as its output artifact. @default none */
  readonly outputFiles?: readonly string[];
  /** Variables the build exports to the pipeline (`#{namespace.NAME}`). @default none */
  readonly exportedVariables?: readonly string[];
  /** Encrypts the build's artifacts, logs and environment. */
  readonly encryptionKey: kms.IKey;
  /**
   * The longest a build may run; CodePipeline fails a CodeBuild action after 8 hours anyway.
   * @default Duration.hours(1)
   */
  readonly timeout?: Duration;
  /**
   * A fixed name for the build's role, for principals elsewhere that trust it by ARN.
   * @default a name CloudFormation generates
   */
  readonly roleName?: string;
  /**
   * Days the build logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A CodeBuild project of Suveren-Pipeline: the standard Linux image, never privileged (no
 * Docker: Lambda bundles are built with esbuild), logs in an encrypted log group of its
 * own, artifacts under the pipeline's key. Its role starts with only what CodeBuild and
 * the pipeline grant it; the stack grants the rest (assuming the bootstrap deploy roles,
 * reading or writing baselines).
 */
export class PipelineBuildProject extends Construct {
  public readonly project: codebuild.PipelineProject;
  public readonly role: iam.IRole;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineBuildProjectProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const spec = buildSpecObject(props.phases, props.outputFiles ? { files: props.outputFiles } : undefined);
    if (props.exportedVariables) (spec.env as Record<string, unknown>)['exported-variables'] = [...props.exportedVariables];
    this.project = new codebuild.PipelineProject(this, 'Project', {
      description: props.description,
      buildSpec: codebuild.BuildSpec.fromObject(spec),
      environment: {
        buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
        computeType: codebuild.ComputeType.MEDIUM,
        privileged: false,
      },
      encryptionKey: props.encryptionKey,
      timeout: props.timeout ?? Duration.hours(1),
      logging: { cloudWatch: { logGroup: this.logGroup } },
      ...(props.roleName
        ? {
            role: new iam.Role(this, 'Role', {
              roleName: props.roleName,
              assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
              description: props.description.slice(0, 1000),
            }),
          }
        : {}),
    });
    this.role = this.project.role!;
    acknowledge(this.role, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
  }
}
