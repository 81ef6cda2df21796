import { ArnFormat, Duration, RemovalPolicy, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface OperationsKeyProps {
  /** The tenant (or `key-custody/<cluster id>`) the key serves; names the alias. */
  readonly ownerId: string;
  /**
   * The only principals that may decrypt through Secrets Manager (read a secret under
   * this key). The key policy's account statement would otherwise let any administrator
   * with an IAM allow read every secret under it.
   * @default no restriction beyond IAM
   */
  readonly secretReaderArns?: readonly string[];
}

/**
 * A second KMS key, for the platform's operational data: a tenant's upload functions'
 * log groups, environment variables and dead-letter queue, or a key-custody stack's
 * handler logs, environment and kmsuser secret. Kept apart from the data keys, whose
 * policies allow nothing but S3 on the tenant's behalf.
 */
export class OperationsKey extends Construct {
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: OperationsKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: `suveren operations key of ${props.ownerId}: logs, function environment, dead letters`,
      enableKeyRotation: true,
      multiRegion: false,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
      alias: `alias/suveren/${props.ownerId}/operations`,
    });
    // CloudWatch Logs encrypts the tenant's log groups, and only those of this account and region.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.secretReaderArns) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'OnlyNamedPrincipalsReadSecrets',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: {
            StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` },
            ArnNotEquals: { 'aws:PrincipalArn': [...props.secretReaderArns] },
          },
        }),
      );
    }
  }
}
