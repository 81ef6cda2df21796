import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Verifies the AWS Signature Version 4 with which KMS signs every XKS proxy request
 * (service kms-xks-proxy). Pure: the caller passes the request as received, the
 * credentials it accepts (two at once during rotation) and the clock.
 */

export const XKS_SIGNING_SERVICE = 'kms-xks-proxy';

/** KMS signs with the current time; a request signed more than this far from now is refused (replay). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface SignedRequest {
  readonly method: string;
  /** The path and query exactly as received, e.g. /kms/xks/v1/keys/k/encrypt. */
  readonly url: string;
  /** Header names in lower case, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export type Verification = { readonly ok: true; readonly accessKeyId: string } | { readonly ok: false; readonly reason: string };

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(search: string): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of new URLSearchParams(search)) pairs.push([encode(key), encode(value)]);
  return pairs
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
}

/** The signing time from x-amz-date (YYYYMMDD'T'HHMMSS'Z'). */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

/** The host name a Host header names, without its port, lower-cased (an IPv6 literal keeps its brackets). */
export function hostNameOf(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.replace(/:\d+$/, '');
}

/** `name` as a certificate names a host: exactly, or a `*.` wildcard for one leftmost label. */
export function hostMatches(name: string, host: string): boolean {
  const n = name.toLowerCase();
  if (n.startsWith('*.')) {
    const dot = host.indexOf('.');
    return dot > 0 && host.slice(dot) === n.slice(1);
  }
  return n === host;
}

/**
 * Verifies a KMS request's SigV4 signature. With `hostNames`, the signed Host must be one
 * of them: a request signed for another proxy's name (replayed here within the clock skew)
 * is refused before its signature is even computed.
 */
export function verifySigV4(
  request: SignedRequest,
  secrets: ReadonlyMap<string, string>,
  region: string,
  now: Date,
  hostNames: readonly string[] = [],
): Verification {
  const fail = (reason: string): Verification => ({ ok: false, reason });
  const authorization = headerValue(request.headers.authorization);
  const m = AUTHORIZATION.exec(authorization);
  if (!m) return fail('no AWS4-HMAC-SHA256 Authorization header');
  const [, accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaderList, signature] = m;
  const secret = secrets.get(accessKeyId);
  if (secret === undefined) return fail(`access key id ${accessKeyId} is not configured`);
  if (scopeService !== XKS_SIGNING_SERVICE) return fail(`signed for service ${scopeService}, not ${XKS_SIGNING_SERVICE}`);
  if (scopeRegion !== region) return fail(`signed for region ${scopeRegion}, not ${region}`);
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) return fail('host and x-amz-date must be signed');
  if (hostNames.length > 0) {
    const host = hostNameOf(headerValue(request.headers.host));
    if (!hostNames.some((name) => hostMatches(name, host))) return fail(`signed for host ${host.slice(0, 255) || '(none)'}, not this proxy`);
  }
  const amzDate = headerValue(request.headers['x-amz-date']);
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt || amzDate.slice(0, 8) !== scopeDate) return fail('x-amz-date is missing or does not match the credential scope');
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS)
    return fail(`signed at ${signedAt.toISOString()}, more than 5 minutes from the proxy's clock`);
  const queryAt = request.url.indexOf('?');
  const pathname = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const canonicalRequest = [
    request.method,
    pathname,
    canonicalQuery(queryAt < 0 ? '' : request.url.slice(queryAt + 1)),
    ...signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}`),
    '',
    signedHeaderList,
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), scopeRegion), scopeService), 'aws4_request');
  const expected = hmac(signingKey, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('signature does not match');
  return { ok: true, accessKeyId };
}
