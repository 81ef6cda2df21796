import { viaServiceMatches } from '@suveren/core/contracts/xks';
import type { ExternalKeyConfig } from './proxy-config';

/*
 * The proxy's own authorization, on the request metadata KMS sends: a second gate
 * behind the key policy, under the customer's control. Only S3 in the allowed regions,
 * for the tenant's roles, is served; the platform's deployment may create and describe
 * the key. Pure.
 */

export interface RequestMetadata {
  readonly awsPrincipalArn?: string;
  readonly kmsViaService?: string;
  readonly kmsOperation?: string;
  readonly kmsKeyArn?: string;
  readonly kmsRequestId?: string;
  readonly awsSourceVpc?: string;
  readonly awsSourceVpce?: string;
}

export type PolicyDecision = { readonly allowed: true; readonly rule: string } | { readonly allowed: false; readonly reason: string };

/** IAM-style ARN pattern: `*` matches any run of characters, `?` one. */
function arnMatches(pattern: string, arn: string): boolean {
  const expression = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${expression}$`).test(arn);
}

/** Which KMS operations may reach each XKS operation: a DescribeKey never encrypts, a Decrypt never reads metadata. */
export const KMS_OPERATIONS_BY_XKS_OPERATION = {
  GetKeyMetadata: ['CreateKey', 'DescribeKey'],
  Encrypt: ['Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncrypt'],
  Decrypt: ['Decrypt', 'ReEncrypt'],
} as const;

/**
 * `region` is the region KMS calls from (the proxy's SigV4 scope): a short via-service
 * (`s3`) stands for the service there.
 */
export function decide(
  key: ExternalKeyConfig,
  xksOperation: keyof typeof KMS_OPERATIONS_BY_XKS_OPERATION,
  metadata: RequestMetadata,
  region: string,
): PolicyDecision {
  const { allow } = key;
  const principal = metadata.awsPrincipalArn ?? '';
  const operation = metadata.kmsOperation ?? '';
  const via = metadata.kmsViaService;
  if (!(KMS_OPERATIONS_BY_XKS_OPERATION[xksOperation] as readonly string[]).includes(operation)) {
    return {
      allowed: false,
      reason: `kmsOperation ${operation || '(none)'} never calls ${xksOperation} (only ${KMS_OPERATIONS_BY_XKS_OPERATION[xksOperation].join(', ')})`,
    };
  }
  const matched = allow.principals.find((pattern) => arnMatches(pattern, principal));
  if (!matched) return { allowed: false, reason: `principal ${principal || '(none)'} is not in keys[${key.externalKeyId}].allow.principals` };
  if (via === undefined) {
    // Encrypt and Decrypt come through a service (S3), never from a principal calling KMS directly.
    if (xksOperation === 'GetKeyMetadata' && (allow.directOperations as readonly string[]).includes(operation))
      return { allowed: true, rule: `principal ${matched}, direct ${operation}` };
    return {
      allowed: false,
      reason: `${operation || '(no operation)'} without kmsViaService: only ${allow.directOperations.join(', ')} may be called directly; data operations must come through ${allow.viaServices.join(', ')}`,
    };
  }
  if (!allow.viaServices.some((allowed) => viaServiceMatches(allowed, via, region)))
    return { allowed: false, reason: `kmsViaService ${via} is not in keys[${key.externalKeyId}].allow.viaServices (${allow.viaServices.join(', ')})` };
  // Pinned to named KMS keys: the spec lets a proxy authorize on the calling key's ARN (its region and account).
  if (allow.kmsKeyArns !== undefined && xksOperation !== 'GetKeyMetadata' && !allow.kmsKeyArns.includes(metadata.kmsKeyArn ?? ''))
    return { allowed: false, reason: `kmsKeyArn ${metadata.kmsKeyArn ?? '(none)'} is not in keys[${key.externalKeyId}].allow.kmsKeyArns` };
  if (!(allow.kmsOperations as readonly string[]).includes(operation))
    return { allowed: false, reason: `kmsOperation ${operation || '(none)'} is not in keys[${key.externalKeyId}].allow.kmsOperations` };
  return { allowed: true, rule: `principal ${matched} via ${via}, ${operation}` };
}
