import {
  Duration,
  RemovalPolicy,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_stepfunctions as sfn,
  custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SUVEREN_NODE_RUNTIME, lambdaBundle } from '../shared/lambda-bundle';
import { INLINE_POLICY_REASON, UNRESERVED_CONCURRENCY_REASON, acknowledge, functionVersionsFinding } from '../../compliance/acknowledge';

export interface KeyCustodyProviderProps {
  /** Encrypts the handlers' and the framework's log groups and function environments. */
  readonly operationsKey: kms.IKey;
  /**
   * Whether resources poll until done (HSMs, initialization, the key store): adds the
   * `isComplete` handler and the Provider framework's waiter state machine.
   * @default true
   */
  readonly waitForCompletion?: boolean;
  /**
   * The role the handlers run as. Named roles let other accounts' trust policies and
   * key policies refer to it.
   * @default a new role, unnamed
   */
  readonly role?: iam.Role;
  /**
   * How often `isComplete` polls.
   * @default Duration.minutes(1)
   */
  readonly queryInterval?: Duration;
  /**
   * How long the framework waits in all. The framework's own ceiling is one hour, and
   * the handlers fail five minutes earlier with what they were waiting for.
   * @default Duration.hours(1)
   */
  readonly totalTimeout?: Duration;
  /**
   * How long handler and framework logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The CDK Provider framework over suveren's key-custody handler (`lambda/hsm-custody`,
 * bundled by the local esbuild): `onEvent` starts work, `isComplete` polls it. Logs and
 * environments are encrypted with the operations key and kept a year.
 */
export class KeyCustodyProvider extends Construct {
  public readonly serviceToken: string;
  public readonly role: iam.Role;
  public readonly onEventHandler: lambda.Function;
  public readonly isCompleteHandler?: lambda.Function;
  public readonly logGroup: logs.LogGroup;
  /** aws-cdk-lib's Provider framework: its own functions, roles and waiter state machine. */
  public readonly framework: cr.Provider;

  constructor(scope: Construct, id: string, props: KeyCustodyProviderProps) {
    super(scope, id);
    const waitForCompletion = props.waitForCompletion ?? true;
    this.role =
      props.role ??
      new iam.Role(this, 'HandlerRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: 'suveren key-custody custom resource handler',
      });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.operationsKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup.grantWrite(this.role);
    const handler = (name: string, entry: string, timeout: Duration) =>
      new lambda.Function(this, name, {
        runtime: SUVEREN_NODE_RUNTIME,
        architecture: lambda.Architecture.ARM_64,
        code: lambdaBundle('hsm-custody'),
        handler: `index.${entry}`,
        role: this.role,
        timeout,
        memorySize: 256,
        logGroup: this.logGroup,
        environment: { NODE_OPTIONS: '--enable-source-maps' },
        environmentEncryption: props.operationsKey,
        description: `suveren key custody: ${entry}`,
      });
    this.onEventHandler = handler('OnEvent', 'onEvent', Duration.minutes(2));
    this.isCompleteHandler = waitForCompletion ? handler('IsComplete', 'isComplete', Duration.minutes(1)) : undefined;

    const provider = (this.framework = new cr.Provider(this, 'Provider', {
      onEventHandler: this.onEventHandler,
      isCompleteHandler: this.isCompleteHandler,
      queryInterval: waitForCompletion ? (props.queryInterval ?? Duration.minutes(1)) : undefined,
      totalTimeout: waitForCompletion ? (props.totalTimeout ?? Duration.hours(1)) : undefined,
      logGroup: this.logGroup,
      providerFunctionEnvEncryption: props.operationsKey,
      // The framework leaves its waiter unlogged unless told otherwise.
      ...(waitForCompletion
        ? {
            disableWaiterStateMachineLogging: false,
            waiterStateMachineLogOptions: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
          }
        : {}),
    }));
    this.serviceToken = provider.serviceToken;
    this.acknowledgeFindings();
  }

  /** Our handler functions, and aws-cdk-lib's Provider framework around them. */
  private acknowledgeFindings(): void {
    const handlers = [this.onEventHandler, this.isCompleteHandler].filter((f) => f !== undefined);
    const deployTime =
      'Invoked by CloudFormation through the Provider framework during a deployment only; it calls the CloudHSM, KMS and Secrets Manager APIs over TLS under its role, which admits nothing else.';
    for (const fn of handlers) {
      acknowledge(fn, 'NIST.800.53.R5-LambdaInsideVPC', `${deployTime} Putting it in a VPC would not narrow which APIs it reaches.`);
      acknowledge(
        fn,
        'NIST.800.53.R5-LambdaDLQ',
        "Invoked synchronously by the Provider framework, which reports every error to CloudFormation as the resource's failure: there is nothing for a dead-letter queue to hold.",
      );
      acknowledge(fn, 'NIST.800.53.R5-LambdaConcurrency', UNRESERVED_CONCURRENCY_REASON);
    }
    acknowledge(this.role, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    // aws-cdk-lib's framework: built by the library, not configurable beyond what this construct sets.
    const framework = this.framework;
    const frameworkReason =
      "aws-cdk-lib's Provider framework function: it only relays CloudFormation's request to our handler and the answer back, during deployments.";
    acknowledge(
      framework,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `${frameworkReason} The AWS-managed policy lets it write its own logs and nothing else.`,
    );
    acknowledge(framework, 'NIST.800.53.R5-IAMNoInlinePolicy', INLINE_POLICY_REASON);
    acknowledge(framework, 'NIST.800.53.R5-LambdaInsideVPC', frameworkReason);
    acknowledge(framework, 'NIST.800.53.R5-LambdaDLQ', `${frameworkReason} Failures go back to CloudFormation, not to a queue.`);
    acknowledge(
      framework,
      'NIST.800.53.R5-LambdaConcurrency',
      `${frameworkReason} Its concurrency follows CloudFormation's requests, a handful per deployment.`,
    );
    const invokeVersions = 'Invoking a function includes its versions and aliases (`:*`); the pattern is bounded to this one suveren handler function.';
    for (const fn of handlers) acknowledge(framework, functionVersionsFinding(fn), invokeVersions);
    for (const name of ['framework-isComplete', 'framework-onTimeout']) {
      const fn = framework.node.tryFindChild(name);
      if (fn) acknowledge(framework, functionVersionsFinding(fn), invokeVersions);
    }
    const waiter = framework.node.tryFindChild('waiter-state-machine');
    if (waiter) {
      acknowledge(
        waiter,
        'AwsSolutions-IAM5[Resource::*]',
        'Step Functions log delivery to CloudWatch Logs needs its logs:*Delivery and resource-policy actions on "*" (they have no resource type); the role belongs to the waiter state machine alone.',
      );
      acknowledge(
        waiter,
        'AwsSolutions-SF2',
        'The waiter only loops over our isComplete function on a timer; its executions are logged in full to the encrypted log group, and X-Ray traces would show the same one call per minute.',
      );
    }
  }
}
