import { Fn, Stack, aws_cloudwatch as cloudwatch, aws_iam as iam, aws_kms as kms, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface ExternalKeyStoreAlarmsProps {
  /** The store's name in KMS, for alarm names and descriptions. */
  readonly keyStoreName: string;
  /** KMS's id of the store (`cks-...`): every XKS metric carries it as a dimension. */
  readonly customKeyStoreId: string;
  /** Encrypts the alarm topic. */
  readonly operationsKey: kms.IKey;
  /**
   * Days before the proxy's TLS certificate expires at which to alarm. AWS suggests 10;
   * a public CA certificate for a public body often takes longer to procure.
   * @default 30
   */
  readonly certificateDaysToExpire?: number;
  /**
   * Age in days of the proxy credential at which to alarm, as a reminder to rotate it.
   * @default 365
   */
  readonly credentialMaxAgeDays?: number;
}

interface XksAlarm {
  readonly id: string;
  readonly what: string;
  readonly query: (storeId: string) => string;
  readonly comparison: string;
  readonly threshold: number;
  readonly periodSeconds: number;
  /** Whether no data is itself the alarm. @default false: no data means no traffic */
  readonly missingDataBreaches?: boolean;
}

/**
 * CloudWatch alarms on the metrics KMS publishes for an external key store (namespace
 * AWS/KMS, dimension CustomKeyStoreId), after the KMS developer guide's "Create CloudWatch
 * alarms for external key stores", into an encrypted topic the customer's on-call
 * subscribes to. The XKS error and latency metrics carry further dimensions (operation,
 * key spec, error type) that an alarm on a single metric would have to fix, so each alarm
 * is a Metrics Insights query over the store's every series.
 */
export class ExternalKeyStoreAlarms extends Construct {
  public readonly topic: sns.Topic;
  public readonly alarms: readonly cloudwatch.CfnAlarm[];

  constructor(scope: Construct, id: string, props: ExternalKeyStoreAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `suveren external key store ${props.keyStoreName}`,
      masterKey: props.operationsKey,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one: CloudWatch of this account may publish.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    props.operationsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );

    const inStore = (storeId: string) => `CustomKeyStoreId = '${storeId}'`;
    const definitions: XksAlarm[] = [
      {
        // No active key manager, or no health data at all (KMS cannot reach the proxy, or
        // the store is disconnected): either way nothing under the store decrypts.
        id: 'ProxyUnavailable',
        what: 'no HSM behind the proxy reports itself active (the proxy is sealed by its kill switch, its HSM is down, KMS cannot reach it, or the store is disconnected): every encrypt and decrypt under the store fails',
        query: (s) => `SELECT MAX(XksExternalKeyManagerStates) FROM "AWS/KMS" WHERE ${inStore(s)} AND XksExternalKeyManagerState = 'Active'`,
        comparison: 'LessThanThreshold',
        threshold: 1,
        periodSeconds: 60,
        missingDataBreaches: true,
      },
      {
        id: 'NonRetryableErrors',
        what: 'more than 5 non-retryable proxy errors in a minute (refused authorization, unknown key, invalid state): requests are failing for a reason a retry does not fix',
        query: (s) => `SELECT SUM(XksProxyErrors) FROM "AWS/KMS" WHERE ${inStore(s)} AND ErrorType = 'Non-retryable'`,
        comparison: 'GreaterThanThreshold',
        threshold: 5,
        periodSeconds: 60,
      },
      {
        id: 'RetryableErrors',
        what: 'more than 5 retryable proxy errors (timeouts, throttling, network) in a minute',
        query: (s) => `SELECT SUM(XksProxyErrors) FROM "AWS/KMS" WHERE ${inStore(s)} AND ErrorType = 'Retryable'`,
        comparison: 'GreaterThanThreshold',
        threshold: 5,
        periodSeconds: 60,
      },
      {
        id: 'Latency',
        what: 'the proxy answers in more than 200 ms on average over 5 minutes; KMS gives it 250 ms',
        query: (s) => `SELECT AVG(XksProxyLatency) FROM "AWS/KMS" WHERE ${inStore(s)}`,
        comparison: 'GreaterThanThreshold',
        threshold: 200,
        periodSeconds: 300,
      },
      {
        id: 'Throttled',
        what: 'KMS throttled requests to the store (its request quota, 1,800 per second by default)',
        query: (s) => `SELECT SUM(ExternalKeyStoreThrottle) FROM "AWS/KMS" WHERE ${inStore(s)}`,
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        periodSeconds: 300,
      },
      {
        id: 'CertificateExpiring',
        what: `the proxy's TLS certificate expires in fewer than ${props.certificateDaysToExpire ?? 30} days: renew it (docs/xks-runbook.md)`,
        query: (s) => `SELECT MIN(XksProxyCertificateDaysToExpire) FROM "AWS/KMS" WHERE ${inStore(s)}`,
        comparison: 'LessThanThreshold',
        threshold: props.certificateDaysToExpire ?? 30,
        periodSeconds: 300,
      },
      {
        id: 'CredentialOld',
        what: `the proxy credential is older than ${props.credentialMaxAgeDays ?? 365} days: rotate it (docs/xks-runbook.md)`,
        query: (s) => `SELECT MAX(XksProxyCredentialAge) FROM "AWS/KMS" WHERE ${inStore(s)}`,
        comparison: 'GreaterThanThreshold',
        threshold: props.credentialMaxAgeDays ?? 365,
        periodSeconds: 3600,
      },
    ];
    // The store id is known at deploy time only: the query is joined around it.
    const queryFor = (definition: XksAlarm) => {
      const [before, after] = definition.query('\u0000').split('\u0000');
      return Fn.join('', [before, props.customKeyStoreId, after]);
    };
    this.alarms = definitions.map(
      (definition) =>
        new cloudwatch.CfnAlarm(this, definition.id, {
          alarmDescription: `suveren external key store ${props.keyStoreName}: ${definition.what}`,
          comparisonOperator: definition.comparison,
          threshold: definition.threshold,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          // No data means no traffic, except for the health state, which KMS reports while it reaches the proxy.
          treatMissingData: definition.missingDataBreaches ? 'breaching' : 'notBreaching',
          metrics: [{ id: 'q', expression: queryFor(definition), period: definition.periodSeconds, returnData: true }],
          alarmActions: [this.topic.topicArn],
          okActions: [this.topic.topicArn],
        }),
    );
  }
}
