/*
 * NIST 800-53 rev 5 control ids the cdk-nag NIST pack checks for the resources that
 * implement every tier's measures (S3 default encryption with KMS, SSL-only bucket
 * policies, KMS key rotation, CloudTrail log validation and encryption); each tier adds
 * the controls of its own key custody.
 */
export const COMMON_NIST_CONTROLS = ['AC-3', 'AC-6', 'AU-9(3)', 'SC-8', 'SC-8(1)', 'SC-12', 'SC-13a', 'SC-28(1)'] as const;
