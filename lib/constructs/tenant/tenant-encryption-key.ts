import type { aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

import type { KeyStoreKind } from '@suveren/core/contracts/tiers';

/** Where the key material that protects a tenant's data lives: the tier table's key store. */
export type KeyCustody = KeyStoreKind;

/**
 * A tenant's data key, wherever it lives. `TenantDataBucket` and the tenant roles
 * depend on this, not on a concrete key, so a KMS key in AWS-managed HSMs and a KMS
 * key in the key-custody account's CloudHSM cluster are interchangeable for them.
 */
export interface ITenantEncryptionKey extends IConstruct {
  /** The KMS key, for S3 default encryption. */
  readonly key: kms.IKey;
  /** Full key ARN: bucket policies pin it, since S3 compares the header literally. */
  readonly keyArn: string;
  /** Where the key material lives, for tags and the evidence report. */
  readonly custody: KeyCustody;
  /** Lets `grantee` write SSE-KMS objects through S3 (GenerateDataKey, and Decrypt for multipart uploads). */
  grantS3Write(grantee: iam.IGrantable): iam.Grant;
  /** Lets `grantee` read SSE-KMS objects through S3 (Decrypt). */
  grantS3Read(grantee: iam.IGrantable): iam.Grant;
  /**
   * Lets `grantee` have S3 re-key objects away from this key: Decrypt (a copy reads the
   * source) and ReEncryptFrom (UpdateObjectEncryption re-wraps the object's data key).
   */
  grantS3ReEncryptFrom(grantee: iam.IGrantable): iam.Grant;
  /**
   * Lets `grantee` have S3 re-key objects onto this key: GenerateDataKey and Decrypt for
   * copies (a multipart copy decrypts its parts), Encrypt and ReEncryptTo for
   * UpdateObjectEncryption, which the S3 API reference lists as needed by its caller.
   */
  grantS3ReEncryptTo(grantee: iam.IGrantable): iam.Grant;
  /**
   * Lets `grantee`, the role S3 replicates with (docs/continuity.md), have S3 decrypt the
   * source objects: kms:Decrypt only through S3 in the key's own region. The key policy
   * cannot name the source bucket's encryption context: the bucket's generated name refers
   * to the key, and CloudFormation would see a cycle. The role's S3 permissions bound it
   * to the source bucket.
   */
  grantS3ReplicationSource(grantee: iam.IGrantable): iam.Grant;
  /** Lets `grantee` administer the key (policy, rotation, deletion) without any cryptographic use. */
  grantAdminister(grantee: iam.IGrantable): iam.Grant;
  /**
   * Lets the role named `roleName` in the key's own account read the key's policy and
   * tags (CONFORMANCE_RULE_KEY_ACTIONS) and nothing else: AWS Config's custom rule, which
   * checks the deployed policy. Written as an account-root statement bound to that role
   * by `aws:PrincipalArn`, which KMS accepts before the role exists and through which IAM
   * can grant nobody else anything.
   */
  grantPolicyRead(roleName: string): void;
}
