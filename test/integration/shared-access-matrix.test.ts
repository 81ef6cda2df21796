import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tenantAccessMatrix } from '../../lib/authorization/access-matrix';
import { buildDeployedModel } from '../../lib/authorization/deployed-model';
import { AccessEvaluator, loadEvaluator } from '../../lib/authorization/evaluate';
import { sharedAccessMatrices, type SharedMatrixStatistics } from '../../lib/authorization/shared-access-matrices';
import { readCloudAssembly } from '../../lib/assembly/cloud-assembly';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfigDocument, parseDocument, testApp } from '../helpers';
import { generatedTenants, hsmClustersFor } from '../support/generated-tenants';

/*
 * The access matrix evaluated once per tenant shape must be exactly the matrix evaluated
 * for each tenant. The landing zone here has shapes that differ (tiers, regions, a second
 * HSM key generation, a longer noncurrent-version expiry, reserved concurrency), tenants
 * that share a shape, and ids too short to share.
 */

test('the shared access matrix equals the per-tenant one, tenant by tenant, on a landing zone whose shapes differ', async () => {
  const regions = ['eu-north-1', 'eu-west-1'];
  const tenants: Record<string, unknown>[] = generatedTenants(14, regions);
  tenants[2] = { ...tenants[2], hsmKeyGeneration: 2 };
  tenants[5] = { ...tenants[5], noncurrentVersionExpirationDays: 30 };
  tenants[9] = { ...tenants[9], uploads: { maxObjectBytes: 1024, allowedContentTypes: ['text/csv'], reservedConcurrency: { presign: 2, inspect: 2 } } };
  // Too short to be exchanged in the matrix's text: evaluated itself.
  tenants[12] = { ...tenants[12], id: 'ab' };
  const document = { ...exampleConfigDocument(), keyCustody: { hsmClusters: hsmClustersFor(regions) }, tenants };
  const config = parseDocument(document);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-shared-matrix-'));
  try {
    const app = testApp({ outdir });
    addLandingZone(app, config);
    app.synth();
    const assembly = readCloudAssembly(outdir);
    const engine = loadEvaluator()!;
    const evaluator = new AccessEvaluator(
      buildDeployedModel(assembly.stacks),
      { organizationId: config.organization.organizationId, managementAccount: config.organization.managementAccount },
      engine,
    );
    let statistics: SharedMatrixStatistics | undefined;
    const shared = await sharedAccessMatrices(evaluator, config, assembly.stacks, config.tenants, (s) => (statistics = s));
    for (const tenant of config.tenants) {
      const own = await tenantAccessMatrix(evaluator, config, tenant);
      expect({ tenant: tenant.id, rows: shared.get(tenant.id) }).toEqual({ tenant: tenant.id, rows: own });
    }
    // Tenant i has classification i % 4 in region i % 2: four shapes, plus the three
    // changed tenants and the short id, each evaluated itself.
    expect(statistics).toEqual({ tenants: 14, evaluated: 8 });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
