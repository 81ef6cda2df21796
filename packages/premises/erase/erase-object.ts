import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { listObjectVersions } from '../s3/object-versions';
import { OBJECT_PREFIX, QUARANTINE_PREFIX } from '@suveren/core/contracts/upload-layout';

/*
 * `suveren erase`: an erasure request (GDPR Art. 17) carried out on one object of a
 * tenant, as its eraser role. Versioning keeps every overwritten or deleted version for
 * `noncurrentVersionExpirationDays`, so deleting the object is not erasing it: every
 * version and delete marker of the key is deleted by its version id, and every copy the
 * inspection put in the quarantine bucket (`quarantine/<key>/<version id>`), and every
 * version in the tenant's replica, where a delete by version id never replicates.
 * CloudTrail's data events keep the record of each deletion; the data is gone.
 */

export class EraseError extends Error {
  public readonly name = 'EraseError';
}

/** One version (or delete marker) of an object in one bucket. */
export interface ObjectVersion {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly deleteMarker: boolean;
}

export interface EraseRequest {
  readonly s3: S3Client;
  readonly tenantId: string;
  /** The object's key in the data bucket, `objects/...`. */
  readonly key: string;
  readonly bucket: string;
  /** The tenant's quarantine bucket, whose copies of the object's rejected versions are erased too. */
  readonly quarantineBucket?: string;
  /**
   * The tenant's replica (docs/continuity.md): its bucket, and a client of its region. A
   * delete of a specific version never replicates, so the replica's versions of the key
   * are deleted here too.
   */
  readonly replica?: { readonly s3: S3Client; readonly bucket: string };
  /** Why, in the requester's words: kept in the record, never sent to AWS. */
  readonly reason?: string;
  /** Called once per deleted version, for the command to print it as it goes. */
  readonly onDeleted?: (version: ObjectVersion) => void;
}

export interface EraseRecord {
  readonly tenantId: string;
  readonly key: string;
  readonly reason: string | null;
  readonly erasedAt: string;
  readonly deleted: readonly ObjectVersion[];
  readonly failed: readonly (ObjectVersion & { readonly error: string })[];
  /** Versions of the key, or quarantine copies, still listed after the run: none when the erasure is complete. */
  readonly remaining: readonly ObjectVersion[];
}

/** Why `key` is not an object key suveren stores, or undefined when it is. */
export function invalidKey(key: string): string | undefined {
  if (!key.startsWith(OBJECT_PREFIX) || key.length === OBJECT_PREFIX.length) return `${key} is not an object key: objects are stored under ${OBJECT_PREFIX}`;
  if (key.endsWith('/')) return `${key} ends in "/": name one object, not a prefix`;
  return undefined;
}

/**
 * What to delete of a listing: the versions of exactly `key` (a prefix listing also returns
 * `key` followed by more characters), or in the quarantine bucket every copy under
 * `quarantine/<key>/`.
 */
export function versionsOfKey(listed: readonly ObjectVersion[], key: string, quarantine: boolean): ObjectVersion[] {
  const copies = `${QUARANTINE_PREFIX}${key}/`;
  return listed.filter((v) => (quarantine ? v.key.startsWith(copies) : v.key === key));
}

async function listed(s3: S3Client, bucket: string, prefix: string): Promise<ObjectVersion[]> {
  try {
    return (await listObjectVersions(s3, bucket, prefix)).map((v) => ({ bucket, key: v.key, versionId: v.versionId, deleteMarker: v.deleteMarker }));
  } catch (e) {
    const name = e instanceof Error ? e.name : String(e);
    if (name === 'NoSuchBucket') throw new EraseError(`there is no bucket ${bucket}: check --bucket and --quarantine-bucket (the tenant stack's outputs)`);
    if (name === 'AccessDenied' || name === 'Forbidden')
      throw new EraseError(`S3 refused to list the versions in ${bucket} (${name}): are these the tenant eraser's credentials?`);
    throw e;
  }
}

/** Every version of the object, and its quarantine copies, each deleted by version id; then listed again. */
export async function eraseObject(request: EraseRequest): Promise<EraseRecord> {
  const problem = invalidKey(request.key);
  if (problem) throw new EraseError(problem);
  const { replica } = request;
  const targets = async () => [
    ...versionsOfKey(await listed(request.s3, request.bucket, request.key), request.key, false),
    ...(request.quarantineBucket
      ? versionsOfKey(await listed(request.s3, request.quarantineBucket, `${QUARANTINE_PREFIX}${request.key}/`), request.key, true)
      : []),
    ...(replica ? versionsOfKey(await listed(replica.s3, replica.bucket, request.key), request.key, false) : []),
  ];
  const clientOf = (version: ObjectVersion) => (replica && version.bucket === replica.bucket ? replica.s3 : request.s3);
  const deleted: ObjectVersion[] = [];
  const failed: (ObjectVersion & { error: string })[] = [];
  const remove = (version: ObjectVersion, bypassGovernance: boolean) =>
    clientOf(version).send(
      new DeleteObjectCommand({
        Bucket: version.bucket,
        Key: version.key,
        VersionId: version.versionId,
        ...(bypassGovernance ? { BypassGovernanceRetention: true } : {}),
      }),
    );
  for (const version of await targets()) {
    try {
      try {
        await remove(version, false);
      } catch (e) {
        // A replica under Object Lock in GOVERNANCE mode (docs/continuity.md): S3 refuses the delete
        // of a version still retained unless it asks to bypass, which the replica's bucket policy
        // allows the tenant's eraser alone. COMPLIANCE refuses this too, and the version is failed. Any
        // AccessDenied is tried once more so (S3 names no lock in the error): a refused bypass is in CloudTrail.
        if (!(replica && version.bucket === replica.bucket && e instanceof Error && e.name === 'AccessDenied')) throw e;
        await remove(version, true);
      }
      deleted.push(version);
      request.onDeleted?.(version);
    } catch (e) {
      failed.push({ ...version, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
  return {
    tenantId: request.tenantId,
    key: request.key,
    reason: request.reason ?? null,
    erasedAt: new Date().toISOString(),
    deleted,
    failed,
    remaining: await targets(),
  };
}
