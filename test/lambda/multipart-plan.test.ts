import { DEFAULT_MULTIPART_LIMITS, type MultipartPlan, needsMultipart, planMultipartUpload } from '../../lambda/presign/multipart-plan';
import { type TenantUploadRules, validateUploadRequest } from '../../lambda/presign/upload-request';
import { CIPHERTEXT_BOUND_SLACK_BYTES, ciphertextLengthBound } from '@suveren/core/contracts/message-format';
import { MULTIPART_MAX_PARTS, MULTIPART_MAX_PART_BYTES, MULTIPART_MIN_PART_BYTES, S3_MAX_OBJECT_BYTES } from '@suveren/core/contracts/upload-layout';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
const rules = (tier: TenantUploadRules['tier']): TenantUploadRules => ({
  tenantId: 'malmo-stad',
  tier,
  maxObjectBytes: S3_MAX_OBJECT_BYTES,
  allowedContentTypes: ['application/pdf'],
});

function plan(tier: TenantUploadRules['tier'], contentLength: number): MultipartPlan {
  const validated = validateUploadRequest(JSON.stringify({ fileName: 'arkiv.pdf', contentType: 'application/pdf', contentLength }), rules(tier));
  if (!validated.ok) throw new Error(validated.reason);
  const planned = planMultipartUpload(validated.request, rules(tier), () => '00000000-0000-4000-8000-000000000000');
  if ('refused' in planned) throw new Error(planned.refused);
  return planned;
}

/** Deterministic pseudo-random sizes, so a failure names a reproducible size. */
function* sizes(count: number, from: number, to: number): Generator<number> {
  let x = 0x2545f491;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield from + Math.floor((x / 2 ** 31) * (to - from));
  }
}

describe('multipart plan (pure)', () => {
  test('objects up to 100 MiB use a POST slot, larger ones a multipart upload', () => {
    const request = (objectLength: number) => ({ fileName: 'a.pdf', contentType: 'application/pdf', contentLength: objectLength, objectLength });
    expect(needsMultipart(request(100 * MIB))).toBe(false);
    expect(needsMultipart(request(100 * MIB + 1))).toBe(true);
  });

  test('standard tier: every part has an exact length, the lengths add up to the file, parts are 16 MiB at least', () => {
    for (const size of [100 * MIB + 1, 200 * MIB, 50 * GIB, ...sizes(200, 100 * MIB, 5 * 1024 * GIB)]) {
      const p = plan('standard', size);
      expect(p.parts.every((part) => part.length !== undefined && part.length > 0)).toBe(true);
      expect(p.parts.reduce((sum, part) => sum + part.length!, 0)).toBe(size);
      expect(p.partSize).toBeGreaterThanOrEqual(MULTIPART_MIN_PART_BYTES);
      expect(p.partSize).toBeLessThanOrEqual(MULTIPART_MAX_PART_BYTES);
      expect(p.parts.length).toBeLessThanOrEqual(MULTIPART_MAX_PARTS);
      expect(p.parts.map((part) => part.partNumber)).toEqual(p.parts.map((_, i) => i + 1));
    }
  });

  test('5 TiB, the largest object S3 stores, is 1,024 parts of 5 GiB', () => {
    const p = plan('standard', S3_MAX_OBJECT_BYTES);
    expect(p.parts).toHaveLength(1024);
    expect(p.partSize).toBe(5 * GIB);
  });

  test('client-side tier: only the last part is open, and any real message size fills exactly the planned parts', () => {
    for (const size of [100 * MIB, 200 * MIB, ...sizes(300, 100 * MIB, 4 * 1024 * GIB)]) {
      const p = plan('client-side', size);
      const bound = ciphertextLengthBound(size);
      expect(p.parts.slice(0, -1).every((part) => part.length === p.partSize)).toBe(true);
      expect(p.parts[p.parts.length - 1].length).toBeUndefined();
      // The real message is between bound - slack and bound; both ends give the same part count.
      for (const real of [bound, bound - CIPHERTEXT_BOUND_SLACK_BYTES]) expect(Math.ceil(real / p.partSize)).toBe(p.parts.length);
      expect(p.metadata['max-object-length']).toBe(String(bound));
    }
  });

  test('client-side tier: a bound whose last part would be within the slack gets a larger part size', () => {
    // 200 MiB of ciphertext bound plus a few bytes: with 16 MiB parts the last part would be tiny.
    const contentLength = 13 * 16 * MIB + 100 - (ciphertextLengthBound(13 * 16 * MIB + 100) - (13 * 16 * MIB + 100));
    const bound = ciphertextLengthBound(contentLength);
    expect(bound % (16 * MIB)).toBeLessThanOrEqual(CIPHERTEXT_BOUND_SLACK_BYTES);
    const p = plan('client-side', contentLength);
    expect(p.partSize).toBeGreaterThan(16 * MIB);
    expect(bound % p.partSize).toBeGreaterThan(CIPHERTEXT_BOUND_SLACK_BYTES);
  });

  test("metadata and tag are the server's: file name (encoded), plaintext type, declared size, pending verdict", () => {
    const p = plan('standard', 200 * MIB);
    expect(p.key).toBe('objects/00000000-0000-4000-8000-000000000000');
    expect(p.contentType).toBe('application/pdf');
    expect(p.metadata).toEqual({ 'original-filename': 'arkiv.pdf', 'plaintext-content-type': 'application/pdf', 'max-object-length': String(200 * MIB) });
    expect(p.tagging).toBe('suveren%3Ainspection=pending');
    expect(plan('client-side', 200 * MIB).contentType).toBe('application/octet-stream');
  });

  test('a client-side file whose ciphertext would pass 5 TiB is refused with 413 before any upload exists', () => {
    const validated = validateUploadRequest(
      JSON.stringify({ fileName: 'a.pdf', contentType: 'application/pdf', contentLength: S3_MAX_OBJECT_BYTES }),
      rules('client-side'),
    );
    expect(validated).toMatchObject({ ok: false, status: 413, reason: expect.stringMatching(/over its 5497558138880-byte object limit/) });
  });

  test('limits that cannot hold the object are refused, not truncated', () => {
    const request = { fileName: 'a.pdf', contentType: 'application/pdf', contentLength: 11 * MIB, objectLength: 11 * MIB };
    const tight = { ...DEFAULT_MULTIPART_LIMITS, thresholdBytes: MIB, minPartBytes: MIB, maxPartBytes: 2 * MIB, maxParts: 5 };
    expect(planMultipartUpload(request, rules('standard'), undefined, tight)).toEqual({ refused: expect.stringMatching(/at most 5 parts of 2097152 bytes/) });
  });
});
