/*
 * The formats KMS and the XKS Proxy API specification give external key stores, defined
 * once: the landing-zone config, the proxy's config and the key-custody handler all
 * check against these. No CDK imports: the proxy and the Lambda bundle read this file.
 */

/** An XKS access key id: 20-30 characters of A-Z and 2-7 (KMS's XksProxyAuthenticationCredential). */
export const XKS_ACCESS_KEY_ID_PATTERN = /^[A-Z2-7]{20,30}$/;

/** An XKS secret access key: 43-64 Base64 characters (KMS's RawSecretAccessKey). */
export const XKS_SECRET_ACCESS_KEY_PATTERN = /^[A-Za-z0-9+/=]{43,64}$/;

/** The spec's `externalKeyId` alphabet, KMS's `XksKeyId`: suveren's proxy uses the HSM key's label. */
export const XKS_KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** KMS's XksProxyUriPath for API version 1: `[/<prefix>]/kms/xks/v1`, at most 128 characters. */
export const XKS_URI_PATH_PATTERN = /^(\/[A-Za-z0-9_-]+)*\/kms\/xks\/v1$/;
export const XKS_URI_PATH_MAX_LENGTH = 128;
export const XKS_DEFAULT_URI_PATH = '/kms/xks/v1';

/**
 * KMS's XksProxyUriEndpoint: `https://` and a DNS name, no port or path (KMS always calls
 * port 443). For VPC endpoint service connectivity it is the service's private DNS name.
 */
export const XKS_URI_ENDPOINT_PATTERN = /^https:\/\/(?=.{4,120}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The two ways KMS reaches a proxy, as the config names them and as KMS's API does. */
export const XKS_CONNECTIVITY = {
  'vpc-endpoint-service': 'VPC_ENDPOINT_SERVICE',
  'public-endpoint': 'PUBLIC_ENDPOINT',
} as const;
export type XksConnectivity = keyof typeof XKS_CONNECTIVITY;

/**
 * A `kmsViaService` value in either spelling the XKS world uses: the short service name
 * (`ebs`, `s3`: the spec's examples and AWS's XKS test client) or the `kms:ViaService`
 * form (`s3.eu-north-1.amazonaws.com`, which the spec points to).
 */
export const XKS_VIA_SERVICE_PATTERN = /^([a-z0-9][a-z0-9-]{0,62})(?:\.([a-z]{2,4}(?:-[a-z]+)+-\d+)\.amazonaws\.com)?$/;

export interface ViaService {
  readonly service: string;
  /** Absent for the short form: the service in the region of the KMS that calls. */
  readonly region?: string;
}

/** Parses a via-service value, or undefined when it is neither spelling. */
export function parseViaService(value: string): ViaService | undefined {
  const m = XKS_VIA_SERVICE_PATTERN.exec(value);
  return m ? { service: m[1], ...(m[2] ? { region: m[2] } : {}) } : undefined;
}

/**
 * Whether a request's via-service is an allowed one: the same service, in the same region,
 * either spelling standing for the region KMS calls from (`callerRegion`, a KMS key and the
 * service that uses it are always in one region). Never a substring match.
 */
export function viaServiceMatches(allowed: string, requested: string, callerRegion: string): boolean {
  const a = parseViaService(allowed);
  const r = parseViaService(requested);
  if (!a || !r) return false;
  return a.service === r.service && (a.region ?? callerRegion) === (r.region ?? callerRegion);
}
