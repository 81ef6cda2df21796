import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { loadConfig } from '@suveren/core/config/load';
import { CUSTODY_ENDPOINTS } from '../lib/constructs/key-custody/custody-vpc';
import { GUARDRAILS_STACK_ID, keyCustodyStackId } from '@suveren/core/contracts/names';
import { buildEvidenceReport } from '../lib/evidence/build-report';
import { english } from '../lib/i18n/translate';
import { readCloudAssembly } from '../lib/assembly/cloud-assembly';
import { addLandingZone } from '../lib/landing-zone';
import { PARTITION_CAPABILITIES, isUsable } from '@suveren/core/partitions';
import { partitionOf } from '../lib/regions';
import { REPO_ROOT, exampleConfig, testApp } from './helpers';

/*
 * Synthesis follows the partition capability table (packages/core/partitions.ts): these tests
 * read the table, so a change to it changes what they expect of the templates.
 */

const SOVEREIGN = path.join(REPO_ROOT, 'config', 'examples', 'sovereign-cloud.yaml');
type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

const synthesized = new Map<SuverenConfig, ReturnType<typeof synthesizeOnce>>();
/** Each config is synthesized once for the whole file. */
function synthesize(config: SuverenConfig) {
  if (!synthesized.has(config)) synthesized.set(config, synthesizeOnce(config));
  return synthesized.get(config)!;
}

function synthesizeOnce(config: SuverenConfig) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-partition-'));
  const app = testApp({ outdir });
  addLandingZone(app, config);
  app.synth();
  const assembly = readCloudAssembly(outdir);
  fs.rmSync(outdir, { recursive: true, force: true });
  const resources = (id: string) => assembly.stacks.find((s) => s.id === id)!.resources as Resources;
  return { assembly, resources };
}

const endpointServices = (resources: Resources) =>
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::EC2::VPCEndpoint' && r.Properties?.VpcEndpointType === 'Interface')
    .map((r) => String(r.Properties!.ServiceName).split('.').pop())
    .sort();

const sovereign = loadConfig(SOVEREIGN);

describe.each([
  ['the sovereign-cloud example (aws-eusc)', () => sovereign],
  ['the commercial example (aws)', () => exampleConfig()],
])('%s', (_name, load) => {
  const config = load();
  const partition = partitionOf(config.organization.homeRegion);
  const { assembly, resources } = synthesize(config);
  const usable = (capability: Parameters<typeof isUsable>[1]) => isUsable(partition, capability, config.organization.assumeAvailable);

  test('has a resource control policy exactly when the table says the partition has them', () => {
    const rcps = Object.values(resources(GUARDRAILS_STACK_ID)).filter(
      (r) => r.Type === 'AWS::Organizations::Policy' && r.Properties?.Type === 'RESOURCE_CONTROL_POLICY',
    );
    expect(rcps).toHaveLength(usable('organizations:rcp') ? 1 : 0);
  });

  test('creates exactly the custody interface endpoints the table lets it', () => {
    const cluster = config.keyCustody.hsmClusters[0];
    const expected = Object.values(CUSTODY_ENDPOINTS)
      .filter((e) => usable(e.capability))
      .map((e) => String((e.service as unknown as { shortName: string }).shortName))
      .sort();
    expect(endpointServices(resources(keyCustodyStackId(cluster.id)))).toEqual(expected);
    for (const entry of Object.values(CUSTODY_ENDPOINTS).filter((e) => !usable(e.capability))) {
      expect(PARTITION_CAPABILITIES[partition as 'aws' | 'aws-eusc'][entry.capability].availability).not.toBe('available');
    }
  });

  test('passes every gate: no finding', () => {
    expect(assembly.findings).toEqual([]);
  });

  test('the evidence report names the partition, every override and, without an RCP, the compensating controls and the residual gap', () => {
    const report = buildEvidenceReport(assembly, config, 'config.yaml');
    const evidence = report.organization.partition!;
    expect(evidence.name).toBe(partition);
    expect(evidence.assumedAvailable.map((a) => a.capability)).toEqual(config.organization.assumeAvailable);
    if (usable('organizations:rcp')) {
      expect(evidence).toMatchObject({ resourceControlPolicy: true, compensatingControls: [], residualGap: null });
    } else {
      expect(evidence.resourceControlPolicy).toBe(false);
      expect(evidence.compensatingControls.map(english).join('\n')).toMatch(
        /6 of 6 tenant data and quarantine buckets deny data access to every principal but the tenant's own roles/,
      );
      expect(english(evidence.residualGap!)).toMatch(
        /An RCP would deny, in one place for every member account, any request from a principal outside the organization/,
      );
    }
  });
});

test('the sovereign-cloud example really differs: no RCP, no ec2messages endpoint, and an override of CloudHSM', () => {
  const config = sovereign;
  const { resources } = synthesize(config);
  expect(JSON.stringify(resources(GUARDRAILS_STACK_ID))).not.toContain('RESOURCE_CONTROL_POLICY');
  expect(endpointServices(resources(keyCustodyStackId('brandenburg')))).not.toContain('ec2messages');
  expect(config.organization.assumeAvailable).toEqual(['cloudhsm', 'kms:cloudhsm-key-store']);
  // aws-cdk-lib's Secret names secretsmanager.<region>.amazonaws.com; the custody key also grants the partition's endpoint name.
  expect(JSON.stringify(resources(keyCustodyStackId('brandenburg')))).toContain('secretsmanager.eusc-de-east-1.amazonaws.eu');
});

test('a tenant-only synth (no organization policies in it) makes no claim about the partition', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-partition-tenant-'));
  try {
    const app = testApp({ outdir });
    addLandingZone(app, sovereign, { tenantIds: ['bund-register'], includeOrganization: false });
    app.synth();
    expect(buildEvidenceReport(readCloudAssembly(outdir), sovereign, 'config.yaml').organization.partition).toBeUndefined();
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
