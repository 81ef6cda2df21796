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
import { generatedTenants, groupId, hsmClustersFor } from '../support/generated-tenants';
import { sharedTenantReach } from '../../lib/reach/shared-reach';
import { tenantReach } from '../../lib/reach/reach-graph';
import { PERSON_ROLE_KINDS } from '@suveren/core/contracts/people';

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

test("the shared reach names each tenant's own groups, and a tenant whose groups sit differently is evaluated itself", async () => {
  const region = ['eu-north-1'];
  const tenants: Record<string, unknown>[] = generatedTenants(9, region).filter((_, i) => i % 4 === 0);
  // The third holds a second reader group: another pattern of groups, so another shape.
  const third = tenants[2] as { people: { reader: string[] } };
  tenants[2] = { ...third, people: { ...third.people, reader: [...third.people.reader, groupId(900, 1)] } };
  const config = parseDocument({ ...exampleConfigDocument(), keyCustody: { hsmClusters: hsmClustersFor(region) }, tenants });
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-shared-reach-'));
  try {
    const app = testApp({ outdir });
    addLandingZone(app, config);
    app.synth();
    const assembly = readCloudAssembly(outdir);
    const evaluator = new AccessEvaluator(
      buildDeployedModel(assembly.stacks),
      { organizationId: config.organization.organizationId, managementAccount: config.organization.managementAccount },
      loadEvaluator()!,
    );
    let statistics: SharedMatrixStatistics | undefined;
    const shared = await sharedTenantReach(evaluator, config, assembly.stacks, config.tenants, (s) => (statistics = s));
    for (const tenant of config.tenants) {
      const own = await tenantReach(evaluator, config, tenant);
      expect({ tenant: tenant.id, paths: shared.get(tenant.id)?.paths }).toEqual({ tenant: tenant.id, paths: own?.paths });
      // Each group of its own that reaches plaintext is named, and no other tenant's.
      const named = (shared.get(tenant.id)?.paths ?? []).map((p) => p.principal).filter((p) => p.includes(':identitystore:'));
      expect(named).toContain(`arn:aws:identitystore:::group/${tenant.people!.reader[0]}`);
      expect(named.every((p) => PERSON_ROLE_KINDS.some((kind) => (tenant.people?.[kind] ?? []).some((g) => p.endsWith(g))))).toBe(true);
    }
    expect(statistics).toEqual({ tenants: 3, evaluated: 2 });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
