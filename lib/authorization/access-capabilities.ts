import { INSPECTION_VERDICTS, OBJECT_PREFIX } from '../contracts/upload-layout';

/*
 * The access matrix's vocabulary, apart from its computation so that the report's
 * renderers need no CDK or evaluator code.
 */

export const ACCESS_CAPABILITIES = ['write', 'read', 'list-versions', 'decrypt', 'delete', 'reconfigure'] as const;
export type AccessCapability = (typeof ACCESS_CAPABILITIES)[number];

/** What each capability is evaluated as, for the report's legend. */
export const CAPABILITY_MEANING: Record<AccessCapability, string> = {
  write: `PutObject of a new object under ${OBJECT_PREFIX} with SSE-KMS under the tenant key and the inspection tag "${INSPECTION_VERDICTS.pending}" (with the KMS call S3 makes as the caller)`,
  read: `GetObject of an object the inspection accepted (with the Decrypt S3 makes as the caller)`,
  'list-versions': `ListObjectVersions under ${OBJECT_PREFIX}: every version's key, size and date, pending and deleted ones included, no content (what suveren export needs)`,
  decrypt: 'kms:Decrypt on the tenant key called directly, as with a copied ciphertext',
  delete: 'DeleteObjectVersion: permanent deletion of an object version',
  reconfigure: 'PutBucketPolicy on the data bucket or PutKeyPolicy on the tenant key',
};

export interface AccessCell {
  readonly allowed: boolean;
  /** The statement that decided it: the first denying one, or the allowing one. */
  readonly decidedBy: string;
}

export interface AccessMatrixRow {
  /** What the principal is, in words: "uploader role", "tenant account administrator". */
  readonly label: string;
  readonly principal: string;
  readonly cells: Readonly<Record<AccessCapability, AccessCell>>;
}
