import { CfnResource, aws_s3 as s3 } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { bucketPolicyStatements, deniesToEveryone } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';

export const s3TlsOnly: SovereigntyRule = {
  id: SovereigntyRuleIds.S3TlsOnly,
  info: 'The S3 bucket policy does not deny requests without TLS and requests with TLS older than 1.2.',
  explanation:
    'Personal data must be protected in transit (GDPR Art. 32). The bucket policy is the control that holds whatever client or role makes the request: it must deny aws:SecureTransport=false and s3:TlsVersion < 1.2 for every principal.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof s3.CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const statements = bucketPolicyStatements(node).filter((s) => deniesToEveryone(s, 's3:GetObject') && deniesToEveryone(s, 's3:PutObject'));
    const deniesPlaintext = statements.some((s) => {
      const value = s.Condition?.Bool?.['aws:SecureTransport'];
      return value === 'false' || value === false;
    });
    const deniesOldTls = statements.some((s) => {
      const floor = s.Condition?.NumericLessThan?.['s3:TlsVersion'];
      return floor !== undefined && Number(floor) >= 1.2;
    });
    return deniesPlaintext && deniesOldTls ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
