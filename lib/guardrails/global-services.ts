/**
 * Actions the region-deny SCP must not deny, because their services have no regional
 * endpoint (their requests arrive with aws:RequestedRegion us-east-1, or another single
 * region). Built from AWS's published examples and kept as small as a landing zone can
 * live with:
 * - AWS Organizations, "Deny access to AWS based on the requested AWS Region":
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html
 * - AWS Control Tower, the Region deny control (GRREGIONDENY):
 *   https://docs.aws.amazon.com/controltower/latest/userguide/primary-region-deny-policy.html
 *
 * `cloudfront:*` stays (the control plane lives in us-east-1); the Sovereignty pack
 * refuses CloudFront in the app, and the outside-region alarm sees its use elsewhere.
 *
 * Deliberately absent, unlike those examples:
 * - `kms:*` and `acm:*`: they are exempted there only so CloudFront can use keys and
 *   certificates in us-east-1; exempting them would let anyone create keys in every
 *   region. No suveren tenant uses CloudFront.
 * - `globalaccelerator:*`, `wafv2:*`, `s3` Multi-Region Access Points: edge and
 *   multi-region data paths, refused by the Sovereignty pack too.
 * - `config:*`, `cloudtrail:*`, `logs:*`, `sso:*`: regional services.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'account:*',
  'aws-portal:*',
  'billing:*',
  'budgets:*',
  'ce:*',
  'cloudfront:*',
  'cloudtrail:LookupEvents',
  'cur:*',
  'ec2:DescribeRegions',
  'health:*',
  'iam:*',
  'notifications:*',
  'invoicing:*',
  'organizations:*',
  'payments:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  'savingsplans:*',
  's3:GetAccountPublicAccessBlock',
  's3:GetBucketLocation',
  's3:ListAllMyBuckets',
  'shield:*',
  'sts:*',
  'support:*',
  'supportapp:*',
  'tax:*',
  'trustedadvisor:*',
  'waf:*',
];

/**
 * Single read-only actions of regional services that the console calls in us-east-1
 * whatever region it shows (listing buckets and regions): the SCP allows them, so the
 * detective control does not alarm on them either.
 */
export const GLOBAL_READ_EVENTS: readonly { readonly eventSource: string; readonly eventName: string }[] = [
  { eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' },
  { eventSource: 'ec2.amazonaws.com', eventName: 'DescribeRegions' },
];

/**
 * CloudTrail event sources of the global services above that record events in
 * us-east-1 during normal operation, plus console sign-in. The detective control ignores
 * them when it alarms on activity outside the allowed regions. (A metric filter pattern
 * is limited to 1,024 characters, so this lists event sources, not every action.)
 */
export const GLOBAL_EVENT_SOURCES: readonly string[] = [
  'account.amazonaws.com',
  'billingconsole.amazonaws.com',
  'budgets.amazonaws.com',
  'ce.amazonaws.com',
  'cloudfront.amazonaws.com',
  'health.amazonaws.com',
  'iam.amazonaws.com',
  'organizations.amazonaws.com',
  'route53.amazonaws.com',
  'route53domains.amazonaws.com',
  'shield.amazonaws.com',
  'signin.amazonaws.com',
  'sts.amazonaws.com',
  'support.amazonaws.com',
  'trustedadvisor.amazonaws.com',
  'waf.amazonaws.com',
];
