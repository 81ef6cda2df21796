import { randomUUID } from 'node:crypto';
import { INSPECTION_TAGS, INSPECTION_VERDICTS, OBJECT_PREFIX, PRESIGN_EXPIRY_SECONDS, UPLOAD_METADATA } from '@suveren/core/contracts/upload-layout';
import type { TenantUploadRules, UploadRequest } from './upload-request';
import { encryptsOnClient } from '@suveren/core/contracts/tiers';

/*
 * The presigned POST's fields and conditions, as pure data: which key, how big, which
 * encryption and key, which metadata. The adapter only signs them.
 */

export interface PostPlan {
  readonly key: string;
  readonly fields: Record<string, string>;
  /** Same shapes as @aws-sdk/s3-presigned-post's Conditions. */
  readonly conditions: (['eq', string, string] | ['content-length-range', number, number])[];
  readonly expiresSeconds: number;
}

export function planPresignedPost(request: UploadRequest, rules: TenantUploadRules, keyArn: string, newId: () => string = randomUUID): PostPlan {
  // The key is the server's choice: a client can neither overwrite nor address another object.
  const key = `${OBJECT_PREFIX}${newId()}`;
  const fields: Record<string, string> = {
    'Content-Type': encryptsOnClient(rules.tier) ? 'application/octet-stream' : request.contentType,
    'x-amz-server-side-encryption': 'aws:kms',
    'x-amz-server-side-encryption-aws-kms-key-id': keyArn,
    [`x-amz-meta-${UPLOAD_METADATA.fileName}`]: encodeURIComponent(request.fileName),
    [`x-amz-meta-${UPLOAD_METADATA.contentType}`]: request.contentType,
    [`x-amz-meta-${UPLOAD_METADATA.maxLength}`]: String(request.objectLength),
    ...(request.sha256 ? { [`x-amz-meta-${UPLOAD_METADATA.sha256}`]: request.sha256 } : {}),
    tagging: `<Tagging><TagSet><Tag><Key>${INSPECTION_TAGS.verdict}</Key><Value>${INSPECTION_VERDICTS.pending}</Value></Tag></TagSet></Tagging>`,
  };
  // Every field is pinned exactly; the size range allows the declared size and nothing else.
  const conditions: PostPlan['conditions'] = [
    ['content-length-range', request.objectLength === request.contentLength ? request.contentLength : 1, request.objectLength],
    ...Object.entries(fields).map(([name, value]): ['eq', string, string] => ['eq', `$${name}`, value]),
  ];
  return { key, fields, conditions, expiresSeconds: PRESIGN_EXPIRY_SECONDS };
}
