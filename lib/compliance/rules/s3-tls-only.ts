import { Compliance, Level } from '../rule-verdict-values';
import { type PolicyStatementJson, bucketPolicyStatements, deniesToEveryone, sameValue } from '../cfn-inspect';
import { SovereigntyRuleIds } from '../rule-ids';
import type { SovereigntyRule } from '../sovereignty-rule';
import type { TemplateResource } from '../synthesized-templates';

/** The statement covers the bucket and every object in it, under no further condition. */
function coversWholeBucket(statement: PolicyStatementJson, logicalId: string): boolean {
  const resources = [statement.Resource].flat();
  const bucketArn = { 'Fn::GetAtt': [logicalId, 'Arn'] };
  const objectsArn = { 'Fn::Join': ['', [bucketArn, '/*']] };
  return resources.some((r) => sameValue(r, bucketArn)) && resources.some((r) => sameValue(r, objectsArn));
}

/**
 * What the bucket policy enforces in transit, as Suveren-S2 judges it: a deny of
 * requests without TLS, and the TLS floor below which requests are denied, each in a
 * statement that denies reads and writes to everyone on the whole bucket under that one
 * condition. The evidence report states the same.
 */
export function tlsControls(
  resources: Record<string, TemplateResource>,
  bucketLogicalId: string,
): { readonly deniesPlaintext: boolean; readonly tlsFloor: number | null } {
  const statements = bucketPolicyStatements(resources, bucketLogicalId).filter(
    (s) => deniesToEveryone(s, 's3:GetObject') && deniesToEveryone(s, 's3:PutObject') && coversWholeBucket(s, bucketLogicalId),
  );
  // Exactly one condition each: another condition ANDed in would narrow the deny.
  const only = (s: PolicyStatementJson, operator: string, key: string) =>
    Object.keys(s.Condition ?? {}).length === 1 && Object.keys(s.Condition?.[operator] ?? {}).length === 1 ? s.Condition?.[operator]?.[key] : undefined;
  const deniesPlaintext = statements.some((s) => {
    const value = only(s, 'Bool', 'aws:SecureTransport');
    return value === 'false' || value === false;
  });
  const floors = statements
    .map((s) => only(s, 'NumericLessThan', 's3:TlsVersion'))
    .filter((v) => v !== undefined && v !== null)
    .map(Number);
  return { deniesPlaintext, tlsFloor: floors.length > 0 ? Math.max(...floors) : null };
}

export const s3TlsOnly: SovereigntyRule = {
  id: SovereigntyRuleIds.S3TlsOnly,
  info: 'The S3 bucket policy does not deny requests without TLS and requests with TLS older than 1.2.',
  explanation:
    'Personal data must be protected in transit (GDPR Art. 32). The bucket policy is the control that holds whatever client or role makes the request: it must deny aws:SecureTransport=false and s3:TlsVersion < 1.2 for every principal, on the bucket and all its objects.',
  level: Level.ERROR,
  check(resource, { logicalId, template }) {
    if (resource.Type !== 'AWS::S3::Bucket') return Compliance.NOT_APPLICABLE;
    const { deniesPlaintext, tlsFloor } = tlsControls(template.resources, logicalId);
    return deniesPlaintext && tlsFloor !== null && tlsFloor >= 1.2 ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
