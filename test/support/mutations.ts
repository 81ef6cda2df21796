import type { TemplateResource } from '../../lib/compliance/synthesized-templates';
import type { AssemblyStack } from '../../lib/assembly/cloud-assembly';

/*
 * Mutation checks restore one defect in synthesized templates and show that a test
 * catches it. The templates are copied; the originals stay as synthesized.
 */

export type Statement = { Sid?: string; Action?: unknown; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown; Effect?: string };

export function mutated(stacks: readonly AssemblyStack[], change: (resources: Record<string, TemplateResource>, stackId: string) => void): AssemblyStack[] {
  const copy = structuredClone(stacks) as AssemblyStack[];
  for (const stack of copy) change(stack.resources as Record<string, TemplateResource>, stack.id);
  return copy;
}

export function bucketPolicyStatements(resources: Record<string, TemplateResource>): Statement[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::S3::BucketPolicy')
    .flatMap((r) => (r.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The SSE pinning as it was before the authorization review: `StringNotEqualsIfExists`, which denies every multipart part. */
export function withIfExistsPinning(stacks: readonly AssemblyStack[]): AssemblyStack[] {
  return mutated(stacks, (resources) => {
    for (const s of bucketPolicyStatements(resources).filter((s) => s.Sid === 'DenyPutWithoutSseKms'))
      s.Condition = { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } };
  });
}
