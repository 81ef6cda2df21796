import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import type { AssemblyStack } from '../assembly/cloud-assembly';
import type { AccessEvaluator } from '../authorization/evaluate';
import { type SharedMatrixStatistics, sharedPerShape } from '../authorization/shared-access-matrices';
import { tenantReach } from './reach-graph';
import type { TenantReach } from './reach-model';

/** The reach of each of `tenants`, computed once per tenant shape as the access matrix is. */
export function sharedTenantReach(
  evaluator: AccessEvaluator,
  config: SuverenConfig,
  stacks: readonly AssemblyStack[],
  tenants: readonly TenantConfig[] = config.tenants,
  statistics?: (s: SharedMatrixStatistics) => void,
): Promise<Map<string, TenantReach>> {
  return sharedPerShape(config, stacks, (tenant) => tenantReach(evaluator, config, tenant), tenants, statistics);
}
