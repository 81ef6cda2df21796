import { XKS_ACCESS_KEY_ID_PATTERN, XKS_SECRET_ACCESS_KEY_PATTERN } from '@suveren/core/contracts/xks';
import { fail, outOfTime, wait } from './decision';
import { type KeyStoreStep, type ObservedKeyStore, decideKeyStoreConnected } from './key-store-state';

export { XKS_CONNECTION_ERROR_ADVICE, xksConnectionFailure } from './xks-connection-errors';

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
  /**
   * Adopt the store and send these settings now (empty: nothing to change); `credential`
   * when KMS signs with another. With `disconnectFirst`, the settings KMS changes only in a
   * disconnected store are applied by the poll once the store is DISCONNECTED.
   */
  | {
      readonly action: 'adopt';
      readonly id: string;
      readonly settings: Partial<XksProxySettings>;
      readonly credential: boolean;
      readonly disconnectFirst: boolean;
    }
  | { readonly action: 'fail'; readonly reason: string };

type ObservedExternalKeyStore = ObservedKeyStore & { readonly type?: string; readonly xks?: ObservedXksProxy };

/** Settings KMS changes only in a disconnected store (UpdateCustomKeyStore). */
const NEED_DISCONNECTED: readonly (keyof XksProxySettings)[] = ['connectivity', 'uriEndpoint', 'vpcEndpointServiceName'];

/** The declared settings that differ from what KMS holds. */
export function settingsDiff(observed: ObservedXksProxy, declared: XksProxySettings): Partial<XksProxySettings> {
  const diff: Partial<Record<keyof XksProxySettings, string>> = {};
  for (const field of ['connectivity', 'uriEndpoint', 'uriPath', 'vpcEndpointServiceName'] as const) {
    if ((observed[field] ?? '') !== declared[field]) diff[field] = declared[field];
  }
  return diff;
}

export function decideExternalKeyStore(
  existing: ObservedExternalKeyStore | undefined,
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
  const settings = settingsDiff(observed, declared);
  const credential = observed.accessKeyId !== accessKeyId;
  const changing = credential || Object.keys(settings).length > 0;
  if (changing && (existing.connectionState === 'CONNECTING' || existing.connectionState === 'DISCONNECTING')) {
    return {
      action: 'fail',
      reason: `external key store ${existing.name} is ${existing.connectionState}: KMS would apply the change to a store in motion. Wait until it is CONNECTED, DISCONNECTED or FAILED (aws kms describe-custom-key-stores --custom-key-store-name ${existing.name}), then redeploy`,
    };
  }
  const blocked = NEED_DISCONNECTED.filter((field) => field in settings);
  if (blocked.length > 0 && existing.connectionState === 'CONNECTED') {
    const changes = blocked.map((field) => `${field} ${observed[field] || '(none)'} -> ${declared[field] || '(none)'}`).join(', ');
    return {
      action: 'fail',
      reason: `external key store ${existing.name} is CONNECTED, and KMS changes ${changes} only in a disconnected store. Disconnecting makes every tenant key in it unusable until it reconnects, so suveren never does it on its own: announce the outage, disconnect it (aws kms disconnect-custom-key-store --custom-key-store-id ${existing.id}), wait for DISCONNECTED, then redeploy (docs/xks-runbook.md, changing the endpoint)`,
    };
  }
  // A FAILED store's keys are unusable already: disconnecting it to apply the fix costs nothing.
  const disconnectFirst = blocked.length > 0 && existing.connectionState === 'FAILED';
  return { action: 'adopt', id: existing.id, settings, credential, disconnectFirst };
}

/** While the handler polls a store it changed: may ask the adapter to apply the remaining settings, then connect. */
export type ExternalKeyStorePollStep =
  KeyStoreStep | { readonly kind: 'update-then-connect'; readonly settings: Partial<XksProxySettings>; readonly credential: boolean };

/**
 * One poll of an external key store after onEvent. Settings that still differ are the ones
 * that wait for a disconnect (onEvent applies the others at once): they are applied once
 * the store is DISCONNECTED, then it connects. Otherwise the store waits for CONNECTED as
 * a CloudHSM key store does.
 */
export function decideExternalKeyStorePoll(
  store: ObservedExternalKeyStore | undefined,
  declared: XksProxySettings,
  accessKeyId: string,
  startedAt: string | undefined,
  now: Date,
): ExternalKeyStorePollStep {
  if (!store?.xks) return decideKeyStoreConnected(store, startedAt, now, true);
  const settings = settingsDiff(store.xks, declared);
  const credential = store.xks.accessKeyId !== accessKeyId;
  if (Object.keys(settings).length === 0 && !credential) return decideKeyStoreConnected(store, startedAt, now, true);
  switch (store.connectionState) {
    case 'DISCONNECTED':
      return { kind: 'update-then-connect', settings, credential };
    case 'FAILED':
    case 'DISCONNECTING':
      return (
        outOfTime(startedAt, now, `external key store ${store.name} is still ${store.connectionState} before its update`) ??
        wait(`external key store ${store.name} is ${store.connectionState}; its settings change once it is DISCONNECTED`)
      );
    default:
      return fail(
        `external key store ${store.name} is ${store.connectionState} but its settings (${Object.keys(settings).join(', ') || 'credential'}) differ from the deployment's: something else changed the store during the deployment; redeploy`,
      );
  }
}
