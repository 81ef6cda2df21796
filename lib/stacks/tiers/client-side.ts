import { clientSideTier } from '@suveren/core/tiers/client-side';
import { tenantKmsKey, tenantReplicaKmsKey } from './standard';
import type { TierModule } from './tier-custody';

// The objects are ciphertext before they reach S3; SSE-KMS under the tenant's own key is a second layer.
export const clientSideTierModule: TierModule = {
  definition: clientSideTier,
  createDataKey: tenantKmsKey,
  // The replica holds the same ciphertext; the premises keys recover it in any region.
  createReplicaKey: tenantReplicaKmsKey,
};
