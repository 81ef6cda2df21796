import { aws_iam as iam, type aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { protectedBucketProps } from '../shared/protected-bucket-props';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeBucketNotifications } from '../../compliance/acknowledge';
import { pinSseKms } from '../shared/sse-kms-pinning';

export interface ReleaseSourceBucketProps {
  /** The roles that upload releases; nobody else may write to the bucket. */
  readonly releasePrincipalArns: readonly string[];
  /** Encrypts the releases. */
  readonly encryptionKey: kms.IKey;
  /** Receives the bucket's server access logs. */
  readonly accessLogBucket: s3.IBucket;
}

/**
 * The bucket a release of the landing zone (the repository with its config, zipped) is
 * uploaded to; each new version starts Suveren-Pipeline through EventBridge. Versioned, as
 * CodePipeline's S3 source requires, encrypted, TLS only, and writable by the named
 * release principals alone, whatever other IAM policies say.
 */
export class ReleaseSourceBucket extends Construct {
  public readonly bucket: s3.Bucket;
  private readonly encryptionKey: ReleaseSourceBucketProps['encryptionKey'];

  /**
   * Lets `grantee` upload a release to `objectKey`, under the bucket's key. The bucket's
   * policy still refuses it unless it is one of the release principals.
   */
  public grantPublish(grantee: iam.IGrantable, objectKey: string): iam.Grant {
    const grant = iam.Grant.addToPrincipal({ grantee, actions: ['s3:PutObject'], resourceArns: [this.bucket.arnForObjects(objectKey)] });
    this.encryptionKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Encrypt');
    return grant;
  }

  constructor(scope: Construct, id: string, props: ReleaseSourceBucketProps) {
    super(scope, id);
    if (props.releasePrincipalArns.length === 0) throw new Error(`ReleaseSourceBucket ${this.node.path}: name at least one release principal`);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...protectedBucketProps({ encryptionKey: props.encryptionKey, accessLogBucket: props.accessLogBucket, accessLogPrefix: 'releases/' }),
      eventBridgeEnabled: true,
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyWritesOutsideReleasePrincipals',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl', 's3:PutObjectTagging', 's3:RestoreObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': [...props.releasePrincipalArns] } },
      }),
    );
    pinSseKms(this.bucket, [props.encryptionKey.keyArn]);
    this.encryptionKey = props.encryptionKey;
    acknowledgeBucketNotifications(this.bucket);
    acknowledge(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'A release is a copy of a repository the organization keeps elsewhere; replicating it would only widen where it is stored.',
    );
  }
}
