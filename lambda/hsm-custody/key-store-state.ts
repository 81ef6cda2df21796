import { type Decision, complete, fail, outOfTime, wait } from './decision';
import type { ObservedXksProxy } from './external-key-store-state';
import { xksConnectionFailure } from './xks-connection-errors';

/*
 * Custom::SuverenHsmKeyStore: the KMS custom key store over a cluster. Create adopts a
 * store of the same name (a retried create), or creates one with the kmsuser password
 * read from Secrets Manager at run time; then connects and waits for CONNECTED, which
 * can take 20 minutes. A failed connection fails the deployment with KMS's error code
 * verbatim and what to do about it. Delete only disconnects: a store that holds keys
 * is never deleted by a stack operation (deleting it would orphan every key in it).
 */

export interface ObservedKeyStore {
  readonly id: string;
  readonly name: string;
  readonly clusterId?: string;
  readonly connectionState: string;
  readonly connectionErrorCode?: string;
  /** `AWS_CLOUDHSM` or `EXTERNAL_KEY_STORE`. */
  readonly type?: string;
  /** An external key store's proxy settings and credential id. */
  readonly xks?: ObservedXksProxy;
}

/** What each CloudHSM-related ConnectionErrorCode means here, and the fix. */
export const CONNECTION_ERROR_ADVICE: Readonly<Record<string, string>> = {
  INVALID_CREDENTIALS:
    "the kmsuser password in the key store's Secrets Manager secret does not match the kmsuser crypto user: set the same password in both (runbook step 7)",
  CLUSTER_NOT_FOUND: 'KMS cannot find the CloudHSM cluster: check the cluster id and that it was not deleted',
  INSUFFICIENT_CLOUDHSM_HSMS: 'the cluster needs at least two ACTIVE HSMs in different Availability Zones',
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: 'a cluster subnet has no free IP addresses (KMS needs one per subnet): free some or enlarge the subnets',
  INTERNAL_ERROR: 'an internal KMS error: retry the deployment; if it persists, contact AWS Support',
  NETWORK_ERRORS: "KMS cannot reach the HSMs: check the cluster's security group allows TCP 2223-2225 within itself and that no NACL blocks it",
  SUBNET_NOT_FOUND: 'a subnet of the cluster was deleted: restore the subnets the cluster was created in',
  USER_LOCKED_OUT: 'kmsuser is locked out after too many failed logins: reset its password with cloudhsm-cli and update the secret (runbook step 7)',
  USER_LOGGED_IN: 'kmsuser is logged in to the cluster (for example in a cloudhsm-cli session): log it out, then redeploy',
  USER_NOT_FOUND: 'the cluster has no kmsuser crypto user: create it with cloudhsm-cli (runbook step 7)',
};

export function connectionFailure(store: ObservedKeyStore): string {
  if (store.type === 'EXTERNAL_KEY_STORE') return xksConnectionFailure(store);
  const code = store.connectionErrorCode ?? 'no error code';
  const advice =
    CONNECTION_ERROR_ADVICE[code] ??
    (code.startsWith('XKS_') ? 'an external-key-store error on a CloudHSM key store: the store is misconfigured' : 'see the KMS documentation for this code');
  return `custom key store ${store.name} (${store.id}) failed to connect: ConnectionErrorCode ${code}: ${advice}`;
}

export type KeyStoreCreateAction =
  { readonly action: 'adopt'; readonly id: string } | { readonly action: 'create' } | { readonly action: 'fail'; readonly reason: string };

export function decideKeyStoreCreate(existing: ObservedKeyStore | undefined, clusterId: string): KeyStoreCreateAction {
  if (!existing) return { action: 'create' };
  if (existing.clusterId !== undefined && existing.clusterId !== clusterId) {
    return { action: 'fail', reason: `a custom key store named ${existing.name} already exists for cluster ${existing.clusterId}, not ${clusterId}` };
  }
  return { action: 'adopt', id: existing.id };
}

/** While waiting for CONNECTED: may ask the adapter to (re)connect, or to disconnect a FAILED store first. */
export type KeyStoreStep = Decision | { readonly kind: 'act'; readonly call: 'connect' | 'disconnect'; readonly why: string };

export function decideKeyStoreConnected(
  store: ObservedKeyStore | undefined,
  startedAt: string | undefined,
  now: Date,
  connectAttempted: boolean,
): KeyStoreStep {
  if (!store) return fail('the custom key store no longer exists');
  switch (store.connectionState) {
    case 'CONNECTED':
      return complete({ CustomKeyStoreId: store.id, ConnectionState: 'CONNECTED' });
    case 'CONNECTING':
      return (
        outOfTime(startedAt, now, `custom key store ${store.name} is still CONNECTING`) ??
        wait(`custom key store ${store.name} is CONNECTING (up to 20 minutes)`)
      );
    case 'DISCONNECTING':
      return (
        outOfTime(startedAt, now, `custom key store ${store.name} is still DISCONNECTING`) ??
        wait(`custom key store ${store.name} is DISCONNECTING before it can connect`)
      );
    case 'DISCONNECTED':
      return { kind: 'act', call: 'connect', why: `custom key store ${store.name} is DISCONNECTED` };
    case 'FAILED':
      // A store left FAILED by an earlier deployment is disconnected and retried once; a failure of our own attempt is reported.
      return connectAttempted
        ? fail(connectionFailure(store))
        : {
            kind: 'act',
            call: 'disconnect',
            why: `custom key store ${store.name} is FAILED from an earlier attempt (${store.connectionErrorCode ?? 'no code'})`,
          };
    default:
      return fail(`custom key store ${store.name} is in an unknown state ${store.connectionState}`);
  }
}

export function decideKeyStoreDisconnected(store: ObservedKeyStore | undefined, startedAt: string | undefined, now: Date): KeyStoreStep {
  if (!store || store.connectionState === 'DISCONNECTED') return complete();
  if (store.connectionState === 'DISCONNECTING')
    return outOfTime(startedAt, now, `custom key store ${store.name} is still DISCONNECTING`) ?? wait(`custom key store ${store.name} is DISCONNECTING`);
  return { kind: 'act', call: 'disconnect', why: `custom key store ${store.name} is ${store.connectionState}` };
}
