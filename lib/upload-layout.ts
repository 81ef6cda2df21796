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

/** Object metadata the presigned POST pins (S3 stores it as x-amz-meta-*). */
export const UPLOAD_METADATA = { fileName: 'original-filename', contentType: 'plaintext-content-type', sha256: 'plaintext-sha256' } as const;

/** Presigned POST uploads are single requests, which S3 caps at 5 GiB. */
export const PRESIGNED_POST_MAX_BYTES = 5 * 1024 ** 3;

/** How long a presigned upload slot is valid. */
export const PRESIGN_EXPIRY_SECONDS = 300;
