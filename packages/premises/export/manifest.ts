import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * An export's records, as files a controller keeps for its exit record and anyone can
 * check without suveren: manifest.jsonl (one JSON object per line, appended only after the
 * file it names is on disk), SHA256SUMS (`sha256sum -c` reads it) and summary.json.
 */

export const MANIFEST_FILE = 'manifest.jsonl';
export const SHA256SUMS_FILE = 'SHA256SUMS';
export const SUMMARY_FILE = 'summary.json';
/** A file being written: renamed into place once complete and on disk. */
export const PART_SUFFIX = '.part';

/** S3's full-object checksum of a version, as HeadObject returned it, and what the export found. */
export interface ChecksumRecord {
  readonly algorithm: 'CRC64NVME';
  readonly type: 'FULL_OBJECT';
  /** Base64, as S3 returns it. */
  readonly value: string;
  /** The same checksum, recomputed over the written file. */
  readonly computed: string;
}

/** A version written to the export. */
export interface ExportedLine {
  readonly status: 'exported';
  readonly key: string;
  readonly versionId: string;
  /** The newest accepted version of its key at listing time (false: an older one, with --all-versions). */
  readonly current: boolean;
  /** Relative to the export directory. */
  readonly file: string;
  readonly size: number;
  readonly sha256: string;
  /** S3's full-object CRC64NVME, recomputed and equal; null when S3 holds none for the version. */
  readonly checksum: ChecksumRecord | null;
  /** Other checksums S3 holds for the version (composite, or another algorithm), not recomputed. */
  readonly otherChecksums?: Readonly<Record<string, string>>;
  readonly contentType?: string;
  readonly lastModified: string;
  /** The SSE-KMS key S3 encrypted the version under. */
  readonly sseKmsKeyId?: string;
  /** For client-side messages: the keys each data key is wrapped for (provider id and info). */
  readonly wrappingKeys?: readonly { readonly providerId: string; readonly providerInfo: string }[];
  /** When the bucket's lifecycle deletes this version, if it is noncurrent and the expiry is known. */
  readonly expires?: string;
  /** With --decrypt: the plaintext written beside the ciphertext. */
  readonly plaintext?: { readonly file: string; readonly size: number; readonly sha256: string; readonly matchesUploadHash: boolean | null };
}

/** A delete marker: the key's object was deleted (the marker is the newest entry) or an older one. */
export interface DeleteMarkerLine {
  readonly status: 'delete-marker';
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: string;
  readonly newest: boolean;
}

/** A version not exported, with why: pending, not accepted, hidden by a delete marker. */
export interface SkippedLine {
  readonly status: 'skipped';
  readonly key: string;
  readonly versionId: string;
  readonly reason: 'pending' | 'not-accepted' | 'hidden-by-delete-marker';
  readonly lastModified: string;
}

/** An object in the quarantine bucket: listed, never fetched or mixed with accepted ones. */
export interface QuarantinedLine {
  readonly status: 'quarantined';
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly size: number;
  readonly lastModified: string;
}

export type ManifestLine = ExportedLine | DeleteMarkerLine | SkippedLine | QuarantinedLine;

export interface ExportSummary {
  readonly schemaVersion: '1.0.0';
  readonly tenant: string;
  readonly bucket: string;
  readonly quarantineBucket?: string;
  readonly allVersions: boolean;
  /** When the versions were listed (the export is of the bucket as it was then). */
  readonly listedAt: string;
  readonly completedAt: string;
  readonly counts: Readonly<Record<ManifestLine['status'], number>>;
  readonly exportedBytes: number;
  readonly plaintextFiles: number;
  readonly manifestSha256: string;
}

/** The manifest's lines; a last line cut short by an interruption is dropped (and the file truncated to the last whole line when `repair`). */
export function readManifest(dir: string, repair = false): ManifestLine[] {
  return readJsonLines<ManifestLine>(path.join(dir, MANIFEST_FILE), repair);
}

/** Appends one line and fsyncs it: a line is in the manifest only once it is on disk. */
export function appendManifestLine(dir: string, line: ManifestLine): void {
  appendJsonLine(path.join(dir, MANIFEST_FILE), line);
}

/** The JSON lines of `file` (none if it does not exist); a last line cut short is dropped, and with `repair` cut from the file. */
export function readJsonLines<T>(file: string, repair = false): T[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  if (repair && complete.length !== text.length) fs.truncateSync(file, Buffer.byteLength(complete));
  return complete
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Appends `value` to `file` (created 0600) as one JSON line, fsynced before it returns. */
export function appendJsonLine(file: string, value: unknown): void {
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(value)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    for (let n = fs.readSync(fd, buffer); n > 0; n = fs.readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** SHA256SUMS in the format `sha256sum -c` reads: every exported file and plaintext. */
export function sha256SumsOf(lines: readonly ManifestLine[]): string {
  return lines
    .filter((l): l is ExportedLine => l.status === 'exported')
    .flatMap((l) => [`${l.sha256}  ${l.file}`, ...(l.plaintext ? [`${l.plaintext.sha256}  ${l.plaintext.file}`] : [])])
    .map((line) => `${line}\n`)
    .join('');
}

/** Writes `text` to `file` through a temporary file, fsynced and renamed. */
export function writeDurably(file: string, text: string): void {
  const temporary = `${file}${PART_SUFFIX}`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}
