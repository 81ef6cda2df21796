import { Duration, RemovalPolicy, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs, aws_stepfunctions as sfn, custom_resources as cr } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SUVEREN_NODE_RUNTIME, lambdaBundle } from './lambda-bundle';

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
    this.role = props.role ?? new iam.Role(this, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: 'suveren key-custody custom resource handler' });
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
        ? { disableWaiterStateMachineLogging: false, waiterStateMachineLogOptions: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false } }
        : {}),
    }));
    this.serviceToken = provider.serviceToken;
  }
}
