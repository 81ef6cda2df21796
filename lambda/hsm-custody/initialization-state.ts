import { X509Certificate } from 'node:crypto';
import { type Decision, complete, fail, outOfTime, wait } from './decision';
import type { ObservedCluster } from './hsm-state';

/*
 * Custom::SuverenClusterInitialization: does nothing until the crypto officer's signed
 * cluster certificate and trust anchor are supplied (public material only), then calls
 * InitializeCluster once and waits for INITIALIZED. Activation and the kmsuser crypto
 * user follow by hand with cloudhsm-cli (docs/hsm-runbook.md): no API does them.
 */

export interface CertificateMaterial {
  /** The cluster certificate signed by the offline CA (PEM), or empty. */
  readonly signedCertificate: string;
  /** The offline CA's certificate (PEM), or empty. */
  readonly trustAnchor: string;
}

export type MaterialCheck = { readonly ok: true; readonly supplied: boolean } | { readonly ok: false; readonly reason: string };

/** Checks what the stack parameters supplied, without any AWS call. */
export function checkCertificateMaterial(material: CertificateMaterial): MaterialCheck {
  const signed = material.signedCertificate.trim();
  const anchor = material.trustAnchor.trim();
  if (signed === '' && anchor === '') return { ok: true, supplied: false };
  if (signed === '' || anchor === '') return { ok: false, reason: 'supply both the signed cluster certificate and the trust anchor, or neither' };
  if (/PRIVATE KEY/.test(signed) || /PRIVATE KEY/.test(anchor)) {
    return {
      ok: false,
      reason: 'a private key was supplied where a certificate belongs; it must never leave the offline CA. Rotate that CA key: it is no longer private',
    };
  }
  let cert: X509Certificate;
  let ca: X509Certificate;
  try {
    cert = new X509Certificate(signed);
    ca = new X509Certificate(anchor);
  } catch {
    return { ok: false, reason: 'the signed certificate and the trust anchor must both be PEM X.509 certificates (-----BEGIN CERTIFICATE-----)' };
  }
  if (!ca.ca) return { ok: false, reason: 'the trust anchor is not a CA certificate (basicConstraints CA:TRUE is missing)' };
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey))
    return { ok: false, reason: 'the signed cluster certificate was not issued by the trust anchor; sign the CSR with `suveren hsm sign-csr` and that CA' };
  return { ok: true, supplied: true };
}

export type InitializeAction = { readonly action: 'initialize' } | { readonly action: 'none' } | { readonly action: 'fail'; readonly reason: string };

export function decideInitialize(cluster: ObservedCluster | undefined): InitializeAction {
  if (!cluster) return { action: 'fail', reason: 'the CloudHSM cluster does not exist' };
  switch (cluster.state) {
    case 'UNINITIALIZED':
      if (!cluster.hsms.some((hsm) => hsm.state === 'ACTIVE'))
        return { action: 'fail', reason: `cluster ${cluster.clusterId} has no ACTIVE HSM yet; InitializeCluster needs one` };
      return { action: 'initialize' };
    // A retry after InitializeCluster was already accepted: nothing to call again.
    case 'INITIALIZE_IN_PROGRESS':
    case 'INITIALIZED':
    case 'ACTIVE':
      return { action: 'none' };
    default:
      return { action: 'fail', reason: `cluster ${cluster.clusterId} is ${cluster.state}; it can be initialized only when UNINITIALIZED` };
  }
}

export function decideInitialized(cluster: ObservedCluster | undefined, startedAt: string | undefined, now: Date): Decision {
  if (!cluster) return fail('the CloudHSM cluster no longer exists');
  switch (cluster.state) {
    case 'INITIALIZED':
    case 'ACTIVE':
      return complete({ ClusterState: cluster.state });
    case 'UNINITIALIZED':
    case 'INITIALIZE_IN_PROGRESS':
      return outOfTime(startedAt, now, `cluster ${cluster.clusterId} is still ${cluster.state}`) ?? wait(`cluster ${cluster.clusterId} is ${cluster.state}`);
    default:
      return fail(`cluster ${cluster.clusterId} went to ${cluster.state} during initialization`);
  }
}
