import { Compliance, Level } from '../rule-verdict-values';
import type { JsonObject } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const trailArchiveLocked: SovereigntyRule = {
  id: SovereigntyRuleIds.TrailArchiveLocked,
  info: "The CloudTrail trail's bucket is not in this template, or lacks S3 Object Lock in compliance mode with a default retention.",
  explanation:
    'An archive that an administrator (or an attacker with administrator rights) can empty is no evidence. Object Lock in compliance mode makes every log object undeletable, by anyone including the root user, until its retention ends. The bucket must be defined next to the trail so this can be verified at synth.',
  level: Level.ERROR,
  check(resource, { template }) {
    if (resource.Type !== 'AWS::CloudTrail::Trail') return Compliance.NOT_APPLICABLE;
    const name = resource.Properties?.S3BucketName;
    const ref = typeof name === 'object' && name !== null && !Array.isArray(name) ? name.Ref : undefined;
    const bucket = typeof ref === 'string' ? template.resources[ref] : undefined;
    if (!bucket || bucket.Type !== 'AWS::S3::Bucket') return Compliance.NON_COMPLIANT;
    const props = bucket.Properties ?? {};
    const retention = ((props.ObjectLockConfiguration as JsonObject | undefined)?.Rule as JsonObject | undefined)?.DefaultRetention as JsonObject | undefined;
    const locked =
      (props.ObjectLockEnabled === true || props.ObjectLockEnabled === 'true') &&
      retention?.Mode === 'COMPLIANCE' &&
      (typeof retention.Days === 'number' || typeof retention.Years === 'number');
    return locked ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
