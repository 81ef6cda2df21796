/**
 * Every rule id suveren defines, in one place. The rule files, the region guard, the
 * acknowledgments, the tests and the evidence report import them from here.
 */
export const SOVEREIGNTY_PACK_NAME = 'Suveren';

export const SovereigntyRuleIds = {
  /** S3 bucket default encryption is SSE-KMS with a customer-managed key. */
  S3CmkEncryption: 'Suveren-S1',
  /** S3 bucket policy denies requests without TLS, and TLS older than 1.2. */
  S3TlsOnly: 'Suveren-S2',
  /** S3 bucket policy refuses PutObject without SSE-KMS or with any key but the bucket's key. */
  S3KeyPinned: 'Suveren-S3',
  /** KMS keys with AWS_KMS key material rotate automatically. */
  KmsRotation: 'Suveren-KMS1',
  /** KMS keys are single-Region. */
  KmsSingleRegion: 'Suveren-KMS2',
  /** CloudWatch Logs log groups are encrypted with a customer-managed key and have a retention. */
  LogsCmkAndRetention: 'Suveren-CWL1',
  /** Lambda functions with environment variables encrypt them with a customer-managed key. */
  LambdaEnvironmentCmk: 'Suveren-L1',
  /** Lambda functions S3 invokes asynchronously have a dead-letter queue or an on-failure destination. */
  LambdaAsyncDlq: 'Suveren-L2',
  /** CloudTrail trails validate log files, encrypt with a CMK and record every region. */
  TrailIntegrity: 'Suveren-CT1',
  /** A trail's archive bucket has S3 Object Lock in compliance mode with a default retention. */
  TrailArchiveLocked: 'Suveren-CT2',
  /** No edge or global data-processing resources (CloudFront, Global Accelerator, Multi-Region Access Points, edge-optimized API Gateway, S3 Transfer Acceleration). */
  NoEdgeProcessing: 'Suveren-EDGE1',
} as const;

export type SovereigntyRuleId = (typeof SovereigntyRuleIds)[keyof typeof SovereigntyRuleIds];

/**
 * Controls AWS Config checks on what is deployed that have no synth-time rule of their
 * own: the constructs build them, and only a change made outside the pipeline can break
 * them. The conformance rules (conformance/conformance-rules.ts) name them.
 */
export const RuntimeRuleIds = {
  /** Every suveren bucket and key is in an allowed region. */
  AllowedRegion: 'Suveren-RT-REGION',
  /** The bucket policy refuses PutObject with a customer-provided key (SSE-C). */
  SseCRefused: 'Suveren-RT-S3-SSEC',
  /** S3 Bucket Keys as the tier says: on, except for the external tier. */
  BucketKeysByTier: 'Suveren-RT-S3-BUCKETKEY',
  /** Versioning is on. */
  BucketVersioning: 'Suveren-RT-S3-VERSIONING',
  /** A tenant with continuity replicates its data bucket into another region. */
  BucketReplication: 'Suveren-RT-S3-REPLICATION',
  /** The public access block is on. */
  BucketNotPublic: 'Suveren-RT-S3-PUBLIC',
  /** No key policy grants kms:* to an account root. */
  NoRootKmsWildcard: 'Suveren-RT-KMS-ROOT',
  /** No key is scheduled for deletion. */
  KeyNotScheduledForDeletion: 'Suveren-RT-KMS-DELETION',
  /** A key-custody credential's policy still lets only its handler and crypto officer read it, and only the platform change it. */
  CustodySecretProtected: 'Suveren-RT-CUSTODY-SECRET',
} as const;

export type RuntimeRuleId = (typeof RuntimeRuleIds)[keyof typeof RuntimeRuleIds];

/** Findings of the region guard. They are fatal: no acknowledgment can silence them. */
export const RegionGuardRuleIds = {
  /** A stack's region is unresolved or outside the allowed regions. */
  StackRegion: 'Suveren-REGION1',
  /** A multi-Region KMS key, or a replica key. */
  MultiRegionKey: 'Suveren-REGION2',
  /** Replication (S3, DynamoDB global tables) to a region outside the allow-list, or one that cannot be proven. */
  Replication: 'Suveren-REGION3',
} as const;

export const REGION_GUARD_PLUGIN_NAME = 'SuverenRegionGuard';

/** Findings of the CloudFormation-limits check: fatal, a stack over a limit cannot deploy. */
export const STACK_LIMITS_PLUGIN_NAME = 'CloudFormationLimits';

export const StackLimitRuleIds = {
  /** A stack with more resources than CloudFormation accepts (500). */
  Resources: 'Suveren-LIMIT1',
  /** A template larger than CloudFormation accepts from S3 (1 MB). */
  TemplateSize: 'Suveren-LIMIT2',
} as const;
