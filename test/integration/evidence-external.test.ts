import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@suveren/core/config/load';
import type { AccessCapability } from '../../lib/authorization/access-capabilities';
import type { EvidenceReport } from '../../lib/evidence/report-model';
import { writeEvidence } from '../../lib/evidence/write-evidence';
import { REPO_ROOT } from '../helpers';
import { synthesizedAssemblyDir } from '../support/authorized-moto';
import { type Worded, worded } from '../support/worded-report';

/*
 * The evidence of config/examples/external-key-store.yaml: a second example synthesized and
 * evaluated whole (its own access matrix and reach graph), so in the integration project;
 * test/integration/evidence-report.test.ts covers the embedded example.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-evidence-xks-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('evidence of tier external (config/examples/external-key-store.yaml)', () => {
  let report: Worded<EvidenceReport>;
  const dir = path.join(tmp, 'xks');
  beforeAll(async () => {
    const config = loadConfig(path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml'));
    // The example's assembly as the run's other files read it (synthesized once per run); the evidence is written beside it.
    report = worded(
      (await writeEvidence({ assemblyDir: synthesizedAssemblyDir(config), outDir: path.join(dir, 'evidence'), config, configFile: 'xks.yaml' })).report,
    );
  }, 120_000);

  test('every path to an external-tier tenant holds only while its XKS proxy serves, its replica behind the replica store', () => {
    const external = report.tenants.filter((t) => t.tier === 'external');
    expect(external.length).toBeGreaterThan(0);
    for (const tenant of external) {
      expect(tenant.reach!.paths.length).toBeGreaterThan(0);
      for (const p of tenant.reach!.paths) expect(p.gates).toContainEqual({ kind: 'proxy', keyStore: 'riksarkivet-xks' });
      expect(tenant.reach!.replica!.paths.length).toBeGreaterThan(0);
      for (const p of tenant.reach!.replica!.paths) expect(p.gates).toContainEqual({ kind: 'proxy', keyStore: 'riksarkivet-xks-west' });
    }
  });

  test("the controller's annex names the replica's key holder: the replica region's external key store, and the replica cluster", () => {
    const replicaRow = (id: string) => report.tenants.find((t) => t.id === id)!.controllerAnnex!.locations.find((l) => l.kind === 'replicas')!;
    expect(replicaRow('riksarkivet')).toMatchObject({ region: 'eu-west-1', account: '333333333334' });
    expect(replicaRow('riksarkivet').keyHolder).toBe(
      "the customer's HSM behind its XKS proxy (external key store `suveren-riksarkivet-xks-west`); sealing the proxy stops every use",
    );
    expect(replicaRow('malmo-stad').keyHolder).toMatch(
      /^KMS custom key store on CloudHSM cluster `nordic-west`, dedicated to the key-custody account 444444444444 and shared by 1 tenant \(malmo-stad\)/,
    );
  });

  test('the tier, the key store, the key in the HSM, the kill switch and the alarms', () => {
    expect(report.summary).toMatchObject({ gatesPassed: true, findingCount: 0, tenantCount: 4 });
    const archive = report.tenants.find((t) => t.id === 'riksarkivet')!;
    expect([archive.tier, archive.providerSeesPlaintext]).toEqual(['external', true]);
    expect(archive.keys.map((k) => k.custody)).toEqual(['external-key-store']);
    expect(archive.keys[0].custodyDescription).toMatch(/KMS external key store \(`suveren-riksarkivet-xks`\).*HSM key `riksarkivet-data-1`/);
    expect(archive.externalKeyStore).toMatchObject({
      keyStoreName: 'suveren-riksarkivet-xks',
      stack: 'Suveren-KeyCustody-riksarkivet-xks',
      account: '555555555555',
      connectivity: 'VPC_ENDPOINT_SERVICE',
      uriEndpoint: 'https://xks.riksarkivet.example.se',
      uriPath: '/kms/xks/v1',
      xksKeyId: 'riksarkivet-data-1',
      storeDeclared: true,
      keyOriginScp: true,
      bucketKeys: false,
    });
    expect(archive.externalKeyStore!.alarms).toHaveLength(7);
    expect(archive.externalKeyStore!.killSwitch).toMatch(/S3 Bucket Keys are off for this tier/);
    expect(archive.dataBuckets.every((b) => !b.bucketKey)).toBe(true);
    // The other tiers have no external key store; the key-origin SCP is not listed for tenants outside its account.
    expect(report.tenants.filter((t) => t.id !== 'riksarkivet').map((t) => t.externalKeyStore)).toEqual([null, null, null]);
    expect(report.tenants.flatMap((t) => t.guardrails).some((g) => g.startsWith('suveren-external-key-origin'))).toBe(false);
    const md = fs.readFileSync(path.join(dir, 'evidence', 'report.md'), 'utf8');
    expect(md).toContain('**External key store** `suveren-riksarkivet-xks`');
    expect(md).toContain('**Kill switch.**');
    const html = fs.readFileSync(path.join(dir, 'evidence', 'report.html'), 'utf8');
    expect(html).toContain('<strong>Kill switch.</strong>');
  });

  test('the bucket policy pins the external key, as the access matrix computes it', () => {
    const archive = report.tenants.find((t) => t.id === 'riksarkivet')!;
    expect(archive.dataBuckets.map((b) => b.policy.keyPinned)).toEqual([true]);
    // The key is used only through S3: the reader, the restorer (the tenant has a replica) and the inspection read accepted
    // objects; nobody, the provisioner included, calls Decrypt directly.
    const can = (capability: AccessCapability) => archive.accessMatrix!.filter((r) => r.cells[capability].allowed).map((r) => r.principal.split('/').pop());
    expect(can('read')).toEqual(['suveren-riksarkivet-inspect-fn', 'suveren-riksarkivet-reader', 'suveren-riksarkivet-restorer']);
    expect(can('decrypt')).toEqual([]);
    expect(archive.accessMatrix!.some((r) => r.principal.endsWith('/suveren-riksarkivet-external-key-provisioner'))).toBe(true);
  });
});
