import { createHash } from 'node:crypto';
import { Crc32, Crc32c, Crc64NvmeJs } from '@aws-sdk/checksums/crc';

/*
 * The whole-object checksum S3 keeps with a version, and the same checksum computed over
 * bytes: what `suveren restore` and `suveren continuity drill` compare a copy with its
 * source by. S3 stores one of five algorithms; a multipart upload's CRC32, CRC32C, SHA-1
 * or SHA-256 is a checksum of part checksums (COMPOSITE, its value ends in -<parts>) and
 * says nothing comparable about the whole object, so it is not one of these. CRC64NVME is
 * always whole-object (S3 User Guide, checking object integrity).
 */

export const CHECKSUM_ALGORITHMS = ['CRC64NVME', 'SHA256', 'CRC32C', 'CRC32', 'SHA1'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface WholeObjectChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Base64, as S3 returns it. */
  readonly value: string;
}

/** The checksum fields of HeadObject's or CopyObject's answer. */
export interface ChecksumFields {
  readonly ChecksumCRC64NVME?: string;
  readonly ChecksumSHA256?: string;
  readonly ChecksumCRC32C?: string;
  readonly ChecksumCRC32?: string;
  readonly ChecksumSHA1?: string;
  readonly ChecksumType?: string;
}

/** The whole-object checksum a version carries, the strongest first, or undefined if it carries none. */
export function wholeObjectChecksumOf(fields: ChecksumFields): WholeObjectChecksum | undefined {
  if (fields.ChecksumType === 'COMPOSITE') return undefined;
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = fields[`Checksum${algorithm}`];
    if (value && !value.includes('-')) return { algorithm, value };
  }
  return undefined;
}

/** A running checksum of `algorithm`: update it with the bytes, then `digest()` gives S3's base64. */
export function checksumHasher(algorithm: ChecksumAlgorithm): { update(chunk: Uint8Array): void; digest(): Promise<string> } {
  if (algorithm === 'SHA256' || algorithm === 'SHA1') {
    const hash = createHash(algorithm === 'SHA256' ? 'sha256' : 'sha1');
    return { update: (chunk) => hash.update(chunk), digest: () => Promise.resolve(hash.digest('base64')) };
  }
  const crc: { update(chunk: Uint8Array): void; digest(): Promise<Uint8Array> } =
    algorithm === 'CRC64NVME' ? new Crc64NvmeJs() : algorithm === 'CRC32C' ? new Crc32c() : new Crc32();
  return { update: (chunk) => crc.update(chunk), digest: async () => Buffer.from(await crc.digest()).toString('base64') };
}
