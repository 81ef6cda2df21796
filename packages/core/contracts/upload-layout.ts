/*
 * Where uploads live in a tenant's buckets, shared by the constructs, the Lambdas and
 * the CLI. No CDK imports here: the Lambda bundles import it.
 */

/** Every tenant object lives under this prefix of the data bucket; tenant roles are scoped to it. */
export const OBJECT_PREFIX = 'objects/';

/** Rejected objects are moved under this prefix of the quarantine bucket. */
export const QUARANTINE_PREFIX = 'quarantine/';

/** Tags the inspection writes. */
export const INSPECTION_TAGS = { verdict: 'suveren:inspection', reason: 'suveren:inspection-reason' } as const;

/** Values of the verdict tag; only `accepted` objects are readable by the tenant's reader. */
export const INSPECTION_VERDICTS = { accepted: 'accepted', quarantined: 'quarantined', pending: 'pending' } as const;

/** Object metadata the presigned POST pins (S3 stores it as x-amz-meta-*). */
export const UPLOAD_METADATA = {
  fileName: 'original-filename',
  contentType: 'plaintext-content-type',
  sha256: 'plaintext-sha256',
  /** The most bytes the upload slot allowed; the inspection quarantines anything larger. */
  maxLength: 'max-object-length',
} as const;

/** The largest object S3 stores (5 TiB). */
export const S3_MAX_OBJECT_BYTES = 5 * 1024 ** 4;

/** How long a presigned POST slot is valid. */
export const PRESIGN_EXPIRY_SECONDS = 300;

/**
 * Objects above this size go up as multipart uploads: a failed part is retried alone,
 * and a presigned POST, one request, stops at 5 GiB anyway.
 */
export const MULTIPART_THRESHOLD_BYTES = 100 * 1024 ** 2;

/** Smallest part suveren plans (S3's own minimum is 5 MiB for every part but the last). */
export const MULTIPART_MIN_PART_BYTES = 16 * 1024 ** 2;

/** S3's largest part. */
export const MULTIPART_MAX_PART_BYTES = 5 * 1024 ** 3;

/**
 * Most parts suveren plans. Every part's presigned URL is in the presign answer, which a
 * function URL caps at 6 MB; 1,024 URLs of about 2 KB each stay well under it, and
 * 1,024 parts of 5 GiB reach S3's 5 TiB object limit.
 */
export const MULTIPART_MAX_PARTS = 1024;

/**
 * How long a multipart slot's URLs are valid. Longer than a POST's: a large upload's
 * last part starts hours after its first. S3 also stops honouring them when the presign
 * function's session credentials expire.
 */
export const MULTIPART_EXPIRY_SECONDS = 6 * 3600;

/**
 * A multipart upload slot as the presign function answers it and the CLI reads it: one
 * presigned URL per part (with the part's exact length where the plan fixes it), and
 * presigned URLs to complete or abort the upload.
 */
export interface MultipartSlot {
  readonly uploadId: string;
  readonly partSize: number;
  readonly parts: readonly { readonly partNumber: number; readonly length?: number; readonly url: string }[];
  readonly completeUrl: string;
  readonly abortUrl: string;
}
