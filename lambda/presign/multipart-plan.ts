import { randomUUID } from 'node:crypto';
import { CIPHERTEXT_BOUND_SLACK_BYTES } from '@suveren/core/contracts/message-format';
import {
  INSPECTION_TAGS,
  INSPECTION_VERDICTS,
  MULTIPART_EXPIRY_SECONDS,
  MULTIPART_MAX_PARTS,
  MULTIPART_MAX_PART_BYTES,
  MULTIPART_MIN_PART_BYTES,
  MULTIPART_THRESHOLD_BYTES,
  OBJECT_PREFIX,
  UPLOAD_METADATA,
} from '@suveren/core/contracts/upload-layout';
import type { TenantUploadRules, UploadRequest } from './upload-request';
import { encryptsOnClient } from '@suveren/core/contracts/tiers';

/*
 * A multipart upload slot as pure data: the key, the part size, and which part gets
 * which exact length. The presign adapter creates the upload with these settings and
 * signs one URL per part with its Content-Length, so a client cannot send more than it
 * declared. For tier client-side only the last part's length is left open: the
 * Encryption SDK message's exact size depends on its header, which the client builds;
 * the plan guarantees the last part holds more than the header's uncertainty, so the
 * message never ends one part early, and the declared maximum goes into the object's
 * metadata, where the inspection checks it.
 */

export interface MultipartLimits {
  /** Objects larger than this use a multipart upload. */
  readonly thresholdBytes: number;
  /** Smallest part planned. */
  readonly minPartBytes: number;
  /** Largest part planned. */
  readonly maxPartBytes: number;
  /** Most parts planned. */
  readonly maxParts: number;
}

export const DEFAULT_MULTIPART_LIMITS: MultipartLimits = {
  thresholdBytes: MULTIPART_THRESHOLD_BYTES,
  minPartBytes: MULTIPART_MIN_PART_BYTES,
  maxPartBytes: MULTIPART_MAX_PART_BYTES,
  maxParts: MULTIPART_MAX_PARTS,
};

export interface PlannedPart {
  readonly partNumber: number;
  /** Exact bytes of the part; absent only for the last part of a client-side message. */
  readonly length?: number;
}

export interface MultipartPlan {
  readonly key: string;
  readonly partSize: number;
  readonly parts: readonly PlannedPart[];
  /** Set by the adapter on CreateMultipartUpload: the client never chooses them. */
  readonly contentType: string;
  readonly metadata: Record<string, string>;
  /** URL-encoded, as CreateMultipartUpload's Tagging takes it. */
  readonly tagging: string;
  readonly expiresSeconds: number;
}

export function needsMultipart(request: UploadRequest, limits: MultipartLimits = DEFAULT_MULTIPART_LIMITS): boolean {
  return request.objectLength > limits.thresholdBytes;
}

const MIB = 1024 ** 2;

/** The part size: the smallest whole MiB that fits the object in `maxParts` parts. */
function partSizeFor(objectLength: number, limits: MultipartLimits): number {
  return Math.max(limits.minPartBytes, Math.ceil(objectLength / limits.maxParts / MIB) * MIB);
}

/**
 * Plans the parts, or says why the object cannot be planned (only for sizes no tenant
 * limit allows: more than `maxParts` parts of `maxPartBytes`).
 */
export function planMultipartUpload(
  request: UploadRequest,
  rules: TenantUploadRules,
  newId: () => string = randomUUID,
  limits: MultipartLimits = DEFAULT_MULTIPART_LIMITS,
): MultipartPlan | { readonly refused: string } {
  const exact = !encryptsOnClient(rules.tier);
  const length = request.objectLength;
  let partSize = partSizeFor(length, limits);
  // For a client-side message, `length` is an upper bound that may exceed the real size
  // by up to the slack; a last part no larger than the slack could then be empty.
  while (!exact && length % partSize !== 0 && length % partSize <= CIPHERTEXT_BOUND_SLACK_BYTES) partSize += MIB;
  const count = Math.ceil(length / partSize);
  if (partSize > limits.maxPartBytes || count > limits.maxParts) {
    return { refused: `${length} bytes do not fit a multipart upload of at most ${limits.maxParts} parts of ${limits.maxPartBytes} bytes` };
  }
  const parts: PlannedPart[] = [];
  for (let partNumber = 1; partNumber <= count; partNumber++) {
    const last = partNumber === count;
    if (!last) parts.push({ partNumber, length: partSize });
    else parts.push(exact ? { partNumber, length: length - partSize * (count - 1) } : { partNumber });
  }
  return {
    key: `${OBJECT_PREFIX}${newId()}`,
    partSize,
    parts,
    contentType: encryptsOnClient(rules.tier) ? 'application/octet-stream' : request.contentType,
    metadata: {
      [UPLOAD_METADATA.fileName]: encodeURIComponent(request.fileName),
      [UPLOAD_METADATA.contentType]: request.contentType,
      [UPLOAD_METADATA.maxLength]: String(length),
      ...(request.sha256 ? { [UPLOAD_METADATA.sha256]: request.sha256 } : {}),
    },
    tagging: `${encodeURIComponent(INSPECTION_TAGS.verdict)}=${INSPECTION_VERDICTS.pending}`,
    expiresSeconds: MULTIPART_EXPIRY_SECONDS,
  };
}
