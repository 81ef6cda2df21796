import { type Tier, encryptsOnClient } from '@suveren/core/contracts/tiers';
import { S3_MAX_OBJECT_BYTES } from '@suveren/core/contracts/upload-layout';
import { ciphertextLengthBound } from '@suveren/core/contracts/message-format';

/*
 * The presign Lambda's pure core: validates an upload request against the tenant's
 * upload rules and tier. Every refusal is a 4xx with a reason; nothing here can throw
 * on bad input.
 */

export interface TenantUploadRules {
  readonly tenantId: string;
  readonly tier: Tier;
  readonly maxObjectBytes: number;
  readonly allowedContentTypes: readonly string[];
}

export interface UploadRequest {
  /** The file name as the user gave it, checked and normalized (NFC); stored as metadata, never as the key. */
  readonly fileName: string;
  /** The plaintext's media type, from the allow-list. */
  readonly contentType: string;
  /** Bytes of the plaintext. */
  readonly contentLength: number;
  /** Bytes the object will have in S3: the plaintext, or the Encryption SDK message for tier client-side. */
  readonly objectLength: number;
  /** SHA-256 of the plaintext, lower-case hex, when the client sent one. */
  readonly sha256?: string;
}

export type Refusal = { readonly ok: false; readonly status: 400 | 403 | 404 | 413 | 415; readonly reason: string };
export type Validated = { readonly ok: true; readonly request: UploadRequest };

/** Request bodies larger than this are refused before parsing. */
export const MAX_REQUEST_BODY_BYTES = 4096;

const FIELDS = ['fileName', 'contentType', 'contentLength', 'sha256', 'tenant'];
// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators and bidi overrides.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused in file names.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function refuse(status: Refusal['status'], reason: string): Refusal {
  return { ok: false, status, reason };
}

export function validateUploadRequest(body: string | undefined, rules: TenantUploadRules): Validated | Refusal {
  if (body === undefined || body === '') return refuse(400, 'the request needs a JSON body: {"fileName", "contentType", "contentLength"}');
  if (Buffer.byteLength(body, 'utf8') > MAX_REQUEST_BODY_BYTES) return refuse(413, `the request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return refuse(400, 'the request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return refuse(400, 'the request body must be a JSON object');
  const input = parsed as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0)
    return refuse(
      400,
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; allowed: fileName, contentType, contentLength, sha256`,
    );

  if (input.tenant !== undefined && input.tenant !== rules.tenantId)
    return refuse(404, `unknown tenant ${JSON.stringify(input.tenant)}: this endpoint serves ${rules.tenantId}`);

  const { fileName, contentType, contentLength, sha256 } = input;
  if (fileName === undefined) return refuse(400, 'fileName is required');
  if (typeof fileName !== 'string') return refuse(400, 'fileName must be a string');
  const name = fileName.normalize('NFC');
  if (name.length === 0 || Buffer.byteLength(name, 'utf8') > 255) return refuse(400, 'fileName must be 1-255 bytes');
  if (CONTROL.test(name)) return refuse(400, 'fileName contains control or bidirectional-override characters');
  if (/[/\\]/.test(name) || name === '.' || name === '..') return refuse(400, 'fileName must be a plain file name, without / or \\ or . / ..');
  if (name.trim() !== name) return refuse(400, 'fileName must not start or end with white space');

  if (contentType === undefined) return refuse(400, 'contentType is required');
  if (typeof contentType !== 'string') return refuse(400, 'contentType must be a string');
  if (!rules.allowedContentTypes.includes(contentType)) {
    return refuse(415, `content type ${JSON.stringify(contentType.slice(0, 100))} is not accepted; use one of ${rules.allowedContentTypes.join(', ')}`);
  }

  if (contentLength === undefined) return refuse(400, 'contentLength is required');
  if (typeof contentLength !== 'number' || !Number.isSafeInteger(contentLength)) return refuse(400, 'contentLength must be a whole number of bytes');
  if (contentLength <= 0) return refuse(400, 'contentLength must be at least 1 byte');
  if (contentLength > rules.maxObjectBytes) return refuse(413, `contentLength ${contentLength} is over this tenant's limit of ${rules.maxObjectBytes} bytes`);
  const objectLength = encryptsOnClient(rules.tier) ? ciphertextLengthBound(contentLength) : contentLength;
  if (objectLength > S3_MAX_OBJECT_BYTES) {
    return refuse(
      413,
      `encrypted on the client, ${contentLength} bytes need up to ${objectLength} bytes in S3, over its ${S3_MAX_OBJECT_BYTES}-byte object limit`,
    );
  }

  if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))) return refuse(400, 'sha256 must be 64 lower-case hex characters');

  return { ok: true, request: { fileName: name, contentType, contentLength, objectLength, ...(sha256 !== undefined ? { sha256: sha256 } : {}) } };
}
