import type { ObservedKeyStore } from './key-store-state';

/*
 * The connection error codes of an external key store, with their fixes: read by the
 * key-store wait (key-store-state) and the external store's own state machine.
 */

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

/** A store's advice for a connection error code, with the code verbatim so an operator can look it up. */
export function xksConnectionFailure(store: ObservedKeyStore): string {
  const code = store.connectionErrorCode ?? 'no error code';
  const advice = XKS_CONNECTION_ERROR_ADVICE[code] ?? 'see "Troubleshooting external key stores" in the KMS developer guide for this code';
  return `external key store ${store.name} (${store.id}) failed to connect: ConnectionErrorCode ${code}: ${advice}`;
}
