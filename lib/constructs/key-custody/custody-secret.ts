import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Stack, aws_iam as iam, aws_kms as kms, aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import { acknowledge } from '../../compliance/acknowledge';

export interface CustodySecretProtection {
  /** The key-custody handler's role: it reads the secret at run time. */
  readonly reader: iam.IRole;
  /** The crypto officer's role: the only other principal that reads or writes the secret. */
  readonly cryptoOfficerArn: string;
  /** The only principals that may change the secret's policy, settings or existence: the platform's deployment role. */
  readonly platformPrincipalArns: readonly string[];
  /** The operations key the secret is encrypted with. */
  readonly operationsKey: kms.IKey;
  /** Why the secret has no rotation function, for the two rules that ask for one. */
  readonly whyNoRotation: string;
}

/**
 * Locks down a key-custody credential (the kmsuser password, the XKS proxy credential):
 * the handler and the crypto officer read it, nobody else, account administrators
 * included; only the platform changes its policy or deletes it.
 */
export function protectCustodySecret(secret: secretsmanager.Secret, options: CustodySecretProtection): void {
  secret.grantRead(options.reader);
  // aws-cdk-lib's Secret conditions its key grants on kms:ViaService
  // secretsmanager.<region>.amazonaws.com. In a partition whose endpoints have another
  // domain (amazonaws.eu in aws-eusc) that never matches: the same grants, under the
  // endpoint name the partition uses.
  const stack = Stack.of(secret);
  const domain = RegionInfo.get(stack.region).domainSuffix;
  if (domain && domain !== 'amazonaws.com') {
    const viaSecretsManager = `secretsmanager.${stack.region}.${domain}`;
    options.operationsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SecretsManagerUsesKeyForAccountSecrets',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': viaSecretsManager, 'kms:CallerAccount': stack.account } },
      }),
    );
    options.operationsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'HandlerReadsKmsUserPassword',
        principals: [new iam.ArnPrincipal(options.reader.roleArn)],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': viaSecretsManager } },
      }),
    );
  }
  // A live key-custody credential: outside KMS, it would use the tenants' keys unseen by
  // key policies. Only the handler and the crypto officer.
  secret.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'OnlyTheHandlerAndTheCryptoOfficer',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
      resources: ['*'],
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': [options.reader.roleArn, options.cryptoOfficerArn] } },
    }),
  );
  // Without this, an administrator could replace or drop the deny above, or the secret.
  secret.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'OnlyThePlatformChangesTheSecret',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [
        'secretsmanager:PutResourcePolicy',
        'secretsmanager:DeleteResourcePolicy',
        'secretsmanager:DeleteSecret',
        'secretsmanager:UpdateSecret',
        'secretsmanager:RotateSecret',
        'secretsmanager:CancelRotateSecret',
        'secretsmanager:ReplicateSecretToRegions',
        'secretsmanager:RemoveRegionsFromReplication',
        'secretsmanager:StopReplicationToReplica',
        'secretsmanager:UpdateSecretVersionStage',
      ],
      resources: ['*'],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': [...options.platformPrincipalArns] } },
    }),
  );

  acknowledge(secret, 'AwsSolutions-SMG4', options.whyNoRotation);
  acknowledge(secret, 'NIST.800.53.R5-SecretsManagerRotationEnabled', options.whyNoRotation);
}
