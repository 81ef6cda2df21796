import { XKS_ACCESS_KEY_ID_PATTERN, XKS_SECRET_ACCESS_KEY_PATTERN } from '../../lib/contracts/xks';
import type { ObservedKeyStore } from './key-store-state';

/*
 * Custom::SuverenExternalKeyStore: a KMS external key store (XKS). Create adopts a store of
 * the same name (a retried create) or creates one with the proxy credential read from
 * Secrets Manager at run time; then connects and waits for CONNECTED. Settings KMS lets
 * change while connected (the credential, the URI path) are updated in place; the others
 * (endpoint, connectivity, endpoint service) need the store disconnected, which makes every
 * tenant key in it unusable, so the handler refuses and says how to do it deliberately.
 * Connection failures reuse key-store-state's wait, with the XKS error codes' advice here.
 */

/** The proxy settings KMS holds for an external key store, as DescribeCustomKeyStores reports them. */
export interface XksProxySettings {
  readonly connectivity: string;
  readonly uriEndpoint: string;
  readonly uriPath: string;
  /** Empty for a public endpoint. */
  readonly vpcEndpointServiceName: string;
}

/** What KMS says about a store's proxy, besides the settings: which credential it signs with. */
export interface ObservedXksProxy extends XksProxySettings {
  readonly accessKeyId?: string;
}

/** What each ConnectionErrorCode means for an external key store, and the fix (KMS developer guide, xks-troubleshooting). */
export const XKS_CONNECTION_ERROR_ADVICE: Readonly<Record<string, string>> = {
  INVALID_CREDENTIALS:
    "the proxy refused the credential KMS signs with: put the credential the proxy's config lists in the store's secret, set credentialAccessKeyId to its access key id, and redeploy (docs/xks-runbook.md, rotating the credential)",
  INTERNAL_ERROR: 'an internal KMS error: retry the deployment; if it persists, contact AWS Support',
  NETWORK_ERRORS:
    'KMS cannot reach the proxy: check the Direct Connect or VPN link, the load balancer target health, and that the proxy listens on the configured addresses and port',
  XKS_PROXY_ACCESS_DENIED:
    "the proxy's authorization refused KMS's GetHealthStatus: check the proxy's audit log for the refused request and its allow policy (docs/xks-proxy.md)",
  XKS_PROXY_INVALID_CONFIGURATION: "KMS found no XKS API at the URI path: make proxy.uriPath in this config equal uriPath in the proxy's config",
  XKS_PROXY_INVALID_RESPONSE: "KMS cannot parse the proxy's answers: check the proxy's version and its log; suveren xks-proxy implements API version 1",
  XKS_PROXY_INVALID_TLS_CONFIGURATION:
    "the proxy's TLS is not acceptable to KMS: it needs TLS 1.2 or 1.3 and an unexpired certificate from a public CA that KMS trusts, whose name matches the uriEndpoint host (docs/xks-runbook.md, renewing the certificate)",
  XKS_PROXY_NOT_REACHABLE:
    'KMS got no answer from the proxy, or every HSM behind it reports UNAVAILABLE: check the proxy is running and unsealed (suveren xks-proxy unseal), its HSM is reachable, and the network path (load balancer targets healthy)',
  XKS_PROXY_TIMED_OUT:
    'the proxy did not answer within 250 ms: check its latency to the HSM and its load, and keep the round trip from the AWS region to the proxy at or under 35 ms',
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
    "the VPC endpoint service does not meet KMS's requirements: its private DNS name must be verified (add the TXT record from the stack's outputs, docs/xks-runbook.md step 4), equal to the uriEndpoint host, with acceptance off and cks.kms.<region>.amazonaws.com allowed",
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND:
    'KMS cannot find the VPC endpoint service, or may not connect to it: check the key-custody stack deployed its endpoint service and that cks.kms.<region>.amazonaws.com is an allowed principal',
};

/** Why CreateCustomKeyStore or UpdateCustomKeyStore refused, by the exception's name, with the fix. */
export const XKS_STORE_EXCEPTION_ADVICE: Readonly<Record<string, string>> = {
  CustomKeyStoreNameInUseException:
    'another custom key store in this account and region has this name: it is not one suveren made for this store; rename or delete it',
  XksProxyUriEndpointInUseException: 'another external key store in this region already uses this uriEndpoint: give this store its own host name',
  XksProxyUriInUseException:
    'another external key store in this account and region already uses this uriEndpoint and uriPath: give this store its own uriPath prefix',
  XksProxyVpcEndpointServiceInUseException:
    'another external key store already uses this VPC endpoint service: each store needs its own (its own key-custody stack)',
  XksProxyVpcEndpointServiceNotFoundException:
    'KMS cannot find the VPC endpoint service, or may not use it: deploy the key-custody stack, and check cks.kms.<region>.amazonaws.com is an allowed principal of the service',
  XksProxyVpcEndpointServiceInvalidConfigurationException:
    "the VPC endpoint service does not meet KMS's requirements: most often its private DNS name is not verified yet (add the TXT record from the stack's outputs, docs/xks-runbook.md step 4)",
  XksProxyIncorrectAuthenticationCredentialException:
    "the proxy refused the credential in the store's secret: the proxy's config must list the same access key id and secret (docs/xks-runbook.md step 5)",
  XksProxyInvalidConfigurationException:
    "KMS found no XKS API at the URI path, or the proxy's answer was not acceptable: make proxy.uriPath equal the proxy's uriPath",
  XksProxyInvalidResponseException: "KMS cannot parse the proxy's answer: check the proxy's version and log",
};

/** A store's advice for a connection error code, with the code verbatim so an operator can look it up. */
export function xksConnectionFailure(store: ObservedKeyStore): string {
  const code = store.connectionErrorCode ?? 'no error code';
  const advice = XKS_CONNECTION_ERROR_ADVICE[code] ?? 'see "Troubleshooting external key stores" in the KMS developer guide for this code';
  return `external key store ${store.name} (${store.id}) failed to connect: ConnectionErrorCode ${code}: ${advice}`;
}

/** KMS's refusal of a store operation, verbatim, with the fix when the exception is known. */
export function xksStoreRefusal(operation: string, storeName: string, exceptionName: string, message: string): string {
  const advice = XKS_STORE_EXCEPTION_ADVICE[exceptionName];
  return `${operation} of external key store ${storeName} failed: ${exceptionName}: ${message}${advice ? `: ${advice}` : ''}`;
}

export type CredentialCheck =
  { readonly ok: true; readonly accessKeyId: string; readonly secretAccessKey: string } | { readonly ok: false; readonly reason: string };

/**
 * Reads the proxy credential from the secret's text. The reasons never include the
 * secret: the secret access key is in no message, log or attribute.
 */
export function checkProxyCredential(secretText: string | undefined, secretArn: string, expectedAccessKeyId: string): CredentialCheck {
  const put = `put it there as {"accessKeyId": "...", "secretAccessKey": "..."} with the crypto officer role (docs/xks-runbook.md step 5)`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretText ?? '');
  } catch {
    return { ok: false, reason: `secret ${secretArn} does not hold the proxy credential as JSON: ${put}` };
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const { accessKeyId, secretAccessKey } = record;
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') {
    return { ok: false, reason: `secret ${secretArn} does not hold the proxy credential yet (no accessKeyId and secretAccessKey): ${put}` };
  }
  if (!XKS_ACCESS_KEY_ID_PATTERN.test(accessKeyId)) {
    return {
      ok: false,
      reason: `the accessKeyId in secret ${secretArn} is not 20-30 characters of A-Z and 2-7: use the one \`suveren xks-proxy credential\` printed`,
    };
  }
  if (!XKS_SECRET_ACCESS_KEY_PATTERN.test(secretAccessKey)) {
    return {
      ok: false,
      reason: `the secretAccessKey in secret ${secretArn} is not 43-64 Base64 characters: use the content of the file \`suveren xks-proxy credential\` wrote`,
    };
  }
  if (accessKeyId !== expectedAccessKeyId) {
    return {
      ok: false,
      reason: `secret ${secretArn} holds access key id ${accessKeyId}, but the config's credentialAccessKeyId is ${expectedAccessKeyId}: put the credential the config names in the secret, or correct credentialAccessKeyId`,
    };
  }
  return { ok: true, accessKeyId, secretAccessKey };
}

export type ExternalKeyStoreAction =
  | { readonly action: 'create' }
  /** Adopt the store and send these settings (empty: nothing to change); `credential` when KMS signs with another. */
  | { readonly action: 'adopt'; readonly id: string; readonly settings: Partial<XksProxySettings>; readonly credential: boolean }
  | { readonly action: 'fail'; readonly reason: string };

/** Settings KMS changes only in a disconnected store (UpdateCustomKeyStore). */
const NEED_DISCONNECTED: readonly (keyof XksProxySettings)[] = ['connectivity', 'uriEndpoint', 'vpcEndpointServiceName'];

export function decideExternalKeyStore(
  existing: (ObservedKeyStore & { readonly type?: string; readonly xks?: ObservedXksProxy }) | undefined,
  declared: XksProxySettings,
  accessKeyId: string,
): ExternalKeyStoreAction {
  if (!existing) return { action: 'create' };
  if (existing.type !== 'EXTERNAL_KEY_STORE' || !existing.xks) {
    return {
      action: 'fail',
      reason: `a custom key store named ${existing.name} already exists and is not an external key store (${existing.type ?? 'unknown type'}): choose another store id`,
    };
  }
  const observed = existing.xks;
  const settings: Partial<Record<keyof XksProxySettings, string>> = {};
  for (const field of ['connectivity', 'uriEndpoint', 'uriPath', 'vpcEndpointServiceName'] as const) {
    if ((observed[field] ?? '') !== declared[field]) settings[field] = declared[field];
  }
  const blocked = NEED_DISCONNECTED.filter((field) => field in settings);
  if (blocked.length > 0 && existing.connectionState !== 'DISCONNECTED') {
    const changes = blocked.map((field) => `${field} ${observed[field] || '(none)'} -> ${declared[field] || '(none)'}`).join(', ');
    return {
      action: 'fail',
      reason: `external key store ${existing.name} is ${existing.connectionState}, and KMS changes ${changes} only in a disconnected store. Disconnecting makes every tenant key in it unusable until it reconnects, so suveren never does it on its own: announce the outage, disconnect it (aws kms disconnect-custom-key-store --custom-key-store-id ${existing.id}), wait for DISCONNECTED, then redeploy (docs/xks-runbook.md, changing the endpoint)`,
    };
  }
  return { action: 'adopt', id: existing.id, settings, credential: observed.accessKeyId !== accessKeyId };
}
