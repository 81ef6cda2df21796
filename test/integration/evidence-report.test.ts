import { EN } from '../../lib/i18n/catalogue-en';
import { type Worded, worded } from '../support/worded-report';
import { CATALOGUES, english, say, translator } from '../../lib/i18n/translate';
import type { DrillReport } from '@suveren/core/config/drill-report';
import { buildEvidenceReport } from '../../lib/evidence/build-report';
import { readCloudAssembly } from '../../lib/assembly/cloud-assembly';
import { EVIDENCE_LANGUAGES } from '@suveren/core/contracts/evidence-languages';
import { CONTROLS } from '../../lib/evidence/mapping/controls';
import { SOURCES, SOURCE_IDS, sourceShort, sourceTitle, sourceVersion } from '../../lib/evidence/mapping/sources';
import { citation } from '../../lib/evidence/render-common';
import { evidence as evidenceCommand } from '../../lib/cli/evidence';
import type { CliIo } from '@suveren/premises/cli/io';
import { checkRecoveryPublicKey } from '@suveren/core/contracts/recovery-key';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { writeEvidence } from '../../lib/evidence/write-evidence';
import type { AccessCapability } from '../../lib/authorization/access-capabilities';
import type { EvidenceReport } from '../../lib/evidence/report-model';
import { addLandingZone } from '../../lib/landing-zone';
import { synthesizedAssemblyDir } from '../support/authorized-moto';
import { REPO_ROOT, exampleConfig, exampleConfigDocument, parseDocument, testApp, withField } from '../helpers';
import { tenantStackId } from '@suveren/core/contracts/names';
import { LOCATION_KINDS } from '../../lib/evidence/controller-annex';
import { renderAnnexMarkdown } from '../../lib/evidence/render-annex';
import { sourcesFor } from '../../lib/evidence/mapping/sources';
import { REGION_COUNTRIES } from '@suveren/core/contracts/jurisdictions';
import type { EuRegion } from '@suveren/core/contracts/regions';

/*
 * `suveren evidence` on the embedded example, end to end: the run's synthesized assembly,
 * the access matrix and the reach graph decided by the IAM evaluator for every principal
 * (about 4,900 simulations), and the report written in English, Swedish and Norwegian
 * bokmål. It is an integration suite for that reason: it costs about 20 s of a worker.
 */

type Report = Worded<EvidenceReport>;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-evidence-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Synthesizes `config` into a fresh assembly and writes its evidence; returns the assembly dir and the report. */
async function synthesizeWithEvidence(
  name: string,
  config: SuverenConfig,
  accessMatrix = true,
  shared = false,
): Promise<{ dir: string; report: Report; raw: EvidenceReport }> {
  const dir = path.join(tmp, name);
  if (shared) {
    // The run's one synthesis of this config (test/support/authorized-moto.ts), copied: the evidence is written beside it.
    fs.cpSync(synthesizedAssemblyDir(config), dir, { recursive: true });
  } else {
    const app = testApp({ outdir: dir });
    addLandingZone(app, config);
    app.synth();
  }
  const raw = (await writeEvidence({ assemblyDir: dir, config, configFile: `${name}.yaml`, accessMatrix })).report;
  return { dir, report: worded(raw), raw };
}

let example: { dir: string; report: Report; raw: EvidenceReport };
beforeAll(async () => {
  example = await synthesizeWithEvidence('example', exampleConfig(), true, true);
}, 120_000);

describe('evidence report of the example landing zone', () => {
  let report: Report;
  let dir: string;
  beforeAll(() => ({ report, dir } = example));

  test('writes report.md, report.json and report.html into <assembly>/evidence', () => {
    for (const file of ['report.md', 'report.json', 'report.html']) expect(fs.existsSync(path.join(dir, 'evidence', file))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'evidence', 'report.json'), 'utf8'))).toEqual(example.raw);
  });

  test('summary: tenants, allowed regions (from config and from the SCP itself), gates', () => {
    expect(report.schema).toBe('suveren.evidence');
    expect(report.schemaVersion).toMatch(/^2\.\d+\.\d+$/);
    expect(report.summary).toMatchObject({ allowedRegions: ['eu-north-1', 'eu-west-1'], tenantCount: 3, gatesPassed: true, findingCount: 0 });
    expect(report.organization.scpAllowedRegions).toEqual(['eu-north-1', 'eu-west-1']);
    expect(report.tenants.map((t) => [t.id, t.classification, t.tier, t.region, t.providerSeesPlaintext])).toEqual([
      ['lund-kommun', 'internal', 'standard', 'eu-north-1', true],
      ['malmo-stad', 'confidential', 'hsm', 'eu-north-1', true],
      ['skatteetaten-arkiv', 'secret', 'client-side', 'eu-west-1', false],
    ]);
  });

  test('a CI gate can assert on report.json: every secret tenant is client-side', () => {
    expect(report.tenants.filter((t) => t.classification === 'secret' && t.tier !== 'client-side')).toEqual([]);
  });

  test('per tenant: key users and administrators read from the key policy, with their S3 restriction', () => {
    const lund = report.tenants.find((t) => t.id === 'lund-kommun')!;
    expect(lund.keys).toHaveLength(1);
    const key = lund.keys[0];
    expect(key).toMatchObject({ custody: 'aws-kms', rotationEnabled: true, multiRegion: false, deletionWindowDays: 30, trustsAccountRoot: false });
    expect(key.users.map((u) => [u.principal, u.actions])).toEqual([
      ['arn:aws:iam::333333333331:role/suveren-lund-kommun-inspect-fn', ['kms:Decrypt', 'kms:GenerateDataKey']],
      ['arn:aws:iam::333333333331:role/suveren-lund-kommun-presign-fn', ['kms:Decrypt', 'kms:GenerateDataKey']],
      ['arn:aws:iam::333333333331:role/suveren-lund-kommun-reader', ['kms:Decrypt']],
      // The tenant's replica (docs/continuity.md): S3 decrypts the source as this role, in the source region only.
      ['arn:aws:iam::333333333331:role/suveren-lund-kommun-replication', ['kms:Decrypt']],
      // suveren restore: S3 decrypts an older version as the copy's source, and encrypts the copy.
      ['arn:aws:iam::333333333331:role/suveren-lund-kommun-restorer', ['kms:Decrypt', 'kms:GenerateDataKey']],
    ]);
    expect(key.users[0].viaServices).toEqual(['s3.eu-north-1.amazonaws.com', 's3.eu-west-1.amazonaws.com']);
    expect(key.users[3].viaServices).toEqual(['s3.eu-north-1.amazonaws.com']);
    expect(key.administrators.map((a) => a.principal)).toEqual([
      'arn:aws:iam::333333333331:role/cdk-hnb659fds-cfn-exec-role-333333333331-eu-north-1',
      'arn:aws:iam::333333333331:role/suveren-break-glass',
      'arn:aws:iam::333333333331:role/suveren-conformance-rule-eu-north-1',
      'arn:aws:iam::333333333331:role/suveren-lund-kommun-key-admin',
    ]);
  });

  test('per tenant: what the bucket policy enforces', () => {
    const bucket = report.tenants[0].dataBuckets[0];
    expect(bucket).toMatchObject({
      encryption: 'SSE-KMS (AES-256-GCM under a KMS key)',
      bucketKey: true,
      versioning: true,
      publicAccessBlocked: true,
      aclsDisabled: true,
      accessLogging: true,
    });
    expect(bucket.policy).toEqual({
      denyWithoutTls: true,
      tlsFloor: '1.2',
      keyPinned: true,
      dataPrincipals: [
        // Admitted to delete, never to read (its identity policy lists and deletes versions, nothing else).
        'arn:aws:iam::333333333331:role/suveren-lund-kommun-eraser',
        'arn:aws:iam::333333333331:role/suveren-lund-kommun-inspect-fn',
        'arn:aws:iam::333333333331:role/suveren-lund-kommun-presign-fn',
        'arn:aws:iam::333333333331:role/suveren-lund-kommun-reader',
        // Admitted to read versions for replication (GetObjectVersionForReplication), never GetObject.
        'arn:aws:iam::333333333331:role/suveren-lund-kommun-replication',
        'arn:aws:iam::333333333331:role/suveren-lund-kommun-restorer',
      ],
      configurationPrincipals: ['arn:aws:iam::333333333331:role/cdk-hnb659fds-cfn-exec-role-333333333331-eu-north-1'],
    });
    expect(report.tenants[0].logBuckets[0]).toMatchObject({ encryption: 'SSE-S3 (AES-256, S3-managed key)', policy: { keyPinned: null } });
  });

  test("reads the hsm tier's key from its custom resource: custody, key policy, and that it cannot rotate automatically", () => {
    const malmo = report.tenants.find((t) => t.id === 'malmo-stad')!;
    expect(malmo.keys).toHaveLength(1);
    expect(malmo.keys[0]).toMatchObject({ custody: 'cloudhsm', trustsAccountRoot: false, multiRegion: false, rotationEnabled: false });
    expect(malmo.keys[0].custodyDescription).toMatch(
      /KMS custom key store \(`suveren-nordic`\) on a CloudHSM cluster that no other AWS customer uses, dedicated to the key-custody account and shared by its hsm tenants.*cannot rotate automatically/,
    );
    expect(malmo.keys[0].users.map((u) => u.principal)).toEqual(expect.arrayContaining(['arn:aws:iam::333333333332:role/suveren-malmo-stad-presign-fn']));
    expect(malmo.keys[0].users.every((u) => u.viaServices.length > 0)).toBe(true);
    expect(malmo.keys[0].administrators.map((a) => a.principal)).toEqual([
      'arn:aws:iam::333333333332:role/suveren-malmo-stad-key-admin',
      'arn:aws:iam::444444444444:role/suveren-break-glass',
      'arn:aws:iam::444444444444:role/suveren-conformance-rule-eu-north-1',
      'arn:aws:iam::444444444444:role/suveren-malmo-stad-hsm-key-provisioner',
    ]);
    // From the tenant's account only what KMS allows across accounts.
    expect(malmo.keys[0].administrators[0].actions).toEqual(['kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:ListGrants', 'kms:RevokeGrant']);
  });

  test('describes the upload inspection as the template configures it, per tier', () => {
    const arkiv = report.tenants.find((t) => t.id === 'skatteetaten-arkiv')!;
    expect(arkiv.uploadInspection.join(' ')).toMatch(
      /^Every new object is checked by an inspection function: SSE-KMS under the tenant key\. For this tier it also reads an AWS Encryption SDK message/,
    );
    expect(arkiv.uploadInspection.join(' ')).toMatch(/Failed inspections retry, then go to a dead-letter queue\.$/);
    expect(report.tenants.find((t) => t.id === 'lund-kommun')!.uploadInspection.join(' ')).not.toMatch(/Encryption SDK/);
    expect(arkiv.quarantineBuckets).toHaveLength(1);
    expect(arkiv.quarantineBuckets[0].policy.keyPinned).toBe(true);
  });

  test("states each client-side tenant's recovery key and its fingerprint, as the inspection function enforces it", () => {
    const arkiv = report.tenants.find((t) => t.id === 'skatteetaten-arkiv')!;
    const configured = checkRecoveryPublicKey(exampleConfig().tenants.find((t) => t.id === 'skatteetaten-arkiv')!.clientSide!.recoveryPublicKey);
    if (!configured.ok) throw new Error(configured.reason);
    expect(arkiv.recovery).toEqual({
      configured: true,
      fingerprint: configured.fingerprint,
      statement: expect.stringMatching(
        /wrapped \(RSA-OAEP-SHA-256\) for the tenant's offline recovery key sha256:[0-9a-f]{64}.*quarantines any object that is not/,
      ),
    });
    expect(report.tenants.filter((t) => t.tier !== 'client-side').map((t) => t.recovery)).toEqual([null, null]);
    expect(fs.readFileSync(path.join(dir, 'evidence', 'report.md'), 'utf8')).toContain(
      `**Recovery key.** Every object is also wrapped (RSA-OAEP-SHA-256) for the tenant's offline recovery key ${configured.fingerprint}`,
    );
  });

  test('guardrails and the audit trail come from their templates', () => {
    expect(report.organization.policies.map((p) => [p.name, p.type, p.targets])).toEqual([
      ['suveren-data-perimeter', 'RESOURCE_CONTROL_POLICY', ['ou-abcd-11111111']],
      ['suveren-deploy-path', 'SERVICE_CONTROL_POLICY', ['ou-abcd-11111111']],
      ['suveren-guardrail-protection', 'SERVICE_CONTROL_POLICY', ['ou-abcd-11111111']],
      ['suveren-region-guard', 'SERVICE_CONTROL_POLICY', ['ou-abcd-11111111']],
    ]);
    expect(report.organization.trail).toEqual({
      multiRegion: true,
      logFileValidation: true,
      encrypted: true,
      organizationTrail: true,
      archiveObjectLock: 'COMPLIANCE for 2555 days',
    });
  });

  test('who the outside-region and break-glass alarms reach, read from the e-mail subscriptions in the template', async () => {
    expect(report.organization.alarms).toEqual([
      { name: 'suveren-activity-outside-allowed-regions-eu-north-1', recipients: ['informationssakerhet@example.se'] },
      { name: 'suveren-break-glass-activity-eu-north-1', recipients: ['informationssakerhet@example.se'] },
    ]);
    expect(fs.readFileSync(path.join(example.dir, 'evidence', 'report.md'), 'utf8')).toContain(
      '- Alarm `suveren-break-glass-activity-eu-north-1` reaches informationssakerhet@example.se.',
    );
    const document = exampleConfigDocument() as Record<string, unknown>;
    delete document.notifications;
    const app = testApp();
    const zone = addLandingZone(app, parseDocument(document));
    const { Template } = await import('aws-cdk-lib/assertions');
    expect(Template.fromStack(zone.audit!).findResources('AWS::SNS::Subscription')).toEqual({});
    const forwarded = parseDocument(
      withField(exampleConfigDocument(), 'notifications', { audit: { topicArn: 'arn:aws:sns:eu-north-1:222222222222:soc-alerts' } }),
    );
    const alarms = Template.fromStack(addLandingZone(testApp(), forwarded).audit!).findResources('AWS::CloudWatch::Alarm');
    for (const alarm of Object.values(alarms)) expect(alarm.Properties.AlarmActions).toContain('arn:aws:sns:eu-north-1:222222222222:soc-alerts');
    expect(() =>
      parseDocument(withField(exampleConfigDocument(), 'notifications', { audit: { topicArn: 'arn:aws:sns:eu-west-1:999999999999:elsewhere' } })),
    ).toThrow(/notifications\.audit\.topicArn: is in 999999999999\/eu-west-1, but the audit alarms are in 222222222222\/eu-north-1/);
  });

  test('every acknowledgment is listed with its rule, construct, pack and reason, in a stable order', () => {
    expect(report.acknowledgments.length).toBeGreaterThan(10);
    expect(report.acknowledgments).toContainEqual({
      pack: 'SovereigntyChecks',
      ruleId: 'Suveren-S1',
      stack: 'Suveren-Tenant-lund-kommun',
      constructPath: 'Suveren-Tenant-lund-kommun/AccessLogs/Bucket',
      reason: expect.stringMatching(/only SSE-S3/),
    });
    const byFields = (a: (typeof report.acknowledgments)[number], b: (typeof report.acknowledgments)[number]) =>
      a.stack.localeCompare(b.stack) || a.constructPath.localeCompare(b.constructPath) || a.ruleId.localeCompare(b.ruleId);
    expect(report.acknowledgments).toEqual([...report.acknowledgments].sort(byFields));
  });

  test('legal mapping states which tiers leave plaintext with the provider, with the instruments reviewers cite', () => {
    expect(report.legalMapping.map((m) => [m.tier, m.providerSeesPlaintext])).toEqual([
      ['standard', true],
      ['hsm', true],
      ['external', true],
      ['client-side', false],
    ]);
    // The external tier's residual risk is stated honestly: no extraction, but compelled use while connected.
    const external = report.legalMapping.find((m) => m.tier === 'external')!;
    expect(external.technicallyPossible).toMatch(/XKS prevents extraction of the key, not compelled use/);
    expect(external.technicallyPossible).toMatch(/kill switch/);
    expect(external.edpbAssessment).toMatch(/use case 6/);
    expect(external.edpbAssessment).toMatch(/is the controller's assessment/);
    const text = JSON.stringify(report.legalMapping);
    for (const reference of [
      'Art. 5(1)(f)',
      'Art. 25',
      'Art. 28',
      'Art. 32',
      'Art. 44-49',
      'EDPB Recommendations 01/2020',
      'EDPB Guidelines 05/2021',
      'SC-28(1)',
    ])
      expect(text).toContain(reference);
    expect(report.limitations.join(' ')).toMatch(/contract/);
    expect(report.limitations.join(' ')).toMatch(/Manual CloudHSM steps/);
  });

  test('facts, not conclusions: the report leaves transfers, sufficiency and suitability to the controller, and says it is supporting material', () => {
    for (const file of ['report.md', 'report.html', 'report.json']) {
      const text = fs.readFileSync(path.join(dir, 'evidence', file), 'utf8');
      // Sentences that read as legal conclusions the platform cannot draw (issue 28).
      for (const conclusion of [
        /no transfer by storage location/i,
        /\bsuitable (where|for)\b/i,
        /is an effective supplementary measure/i,
        /not (an effective|a complete) supplementary measure/i,
      ])
        expect([file, conclusion.test(text)]).toEqual([file, false]);
      if (file !== 'report.json') {
        for (const standing of [EN['report.standing'], EN['report.classifications']])
          expect(text).toContain(file === 'report.html' ? escapeHtml(standing) : standing);
      }
    }
    // A suveren classification is never shown bare, as if it were a security-protection level.
    const md = fs.readFileSync(path.join(dir, 'evidence', 'report.md'), 'utf8');
    expect(md).toContain('| malmo-stad | Malmö stad | `confidential` (suveren data class, not security-classified) | hsm |');
    expect(md).not.toMatch(/\| `?(confidential|secret)`? \|/);
  });

  test('report.md carries the same facts for people', () => {
    const md = fs.readFileSync(path.join(dir, 'evidence', 'report.md'), 'utf8');
    expect(md).toContain(
      '| skatteetaten-arkiv | Skatteetaten arkiv | `secret` (suveren data class, not security-classified) | client-side | eu-west-1 | 333333333333 | no |',
    );
    expect(md).toContain('## What this report cannot tell you');
    expect(md).toContain('`arn:aws:iam::333333333332:role/suveren-malmo-stad-presign-fn`: kms:Decrypt, kms:GenerateDataKey');
  });
});

describe('who can reach plaintext: the reach graph in the report', () => {
  const lund = () => example.raw.tenants.find((t) => t.id === 'lund-kommun')!;
  test('lund-kommun: the key administrator, the CloudFormation execution role and break-glass reach plaintext, each with its path and gate', () => {
    const paths = lund().reach!.paths;
    const of = (suffix: string) => paths.find((p) => p.principal.endsWith(suffix));
    expect(of(':role/suveren-lund-kommun-key-admin')).toMatchObject({ steps: [], terminal: { kind: 'rewrite-key-policy' }, gates: [] });
    expect(of(':role/cdk-hnb659fds-cfn-exec-role-333333333331-eu-north-1')).toMatchObject({
      steps: [],
      terminal: { kind: 'rewrite-key-policy' },
      gates: [{ kind: 'boundary', policy: 'suveren-cfn-execution-boundary' }],
    });
    expect(of(':role/suveren-break-glass')).toMatchObject({ gates: [{ kind: 'break-glass', alarm: 'suveren-break-glass-activity-eu-north-1' }] });
    // The pipeline reaches it in steps, behind the change approval.
    expect(of(':role/suveren-pipeline-deploy')).toMatchObject({
      steps: [{ edge: 'assume' }, { edge: 'pass-and-run' }],
      gates: expect.arrayContaining([{ kind: 'approval', approvers: ['plattformsteam@example.se'] }]),
    });
    // Nobody outside the organization, and no other tenant's administrator.
    expect(paths.map((p) => p.principal)).not.toContain('arn:aws:iam::999999999999:role/Admin');
    expect(paths.map((p) => p.principal)).not.toContain('arn:aws:iam::333333333332:role/Admin');
    const md = fs.readFileSync(path.join(example.dir, 'evidence', 'report.md'), 'utf8');
    expect(md).toContain(
      '- **tenant role suveren-lund-kommun-key-admin `arn:aws:iam::333333333331:role/suveren-lund-kommun-key-admin`**: rewrites the key policy to let itself decrypt (through S3, or a copy of the ciphertext). Gates: **none**.',
    );
    expect(md).toContain('Gates: break-glass, which raises the alarm `suveren-break-glass-activity-eu-north-1`.');
    // The direct matrix stays, said to be direct calls only; "decrypt: nobody" is gone.
    expect(md).toContain('The table below shows **direct calls only**');
    expect(md).not.toMatch(/Only these may \*\*decrypt\*\*/);
  });

  test.each([
    ['sv', 'skriver om nyckelpolicyn så att den själv får dekryptera', 'break-glass, som utlöser larmet `suveren-break-glass-activity-eu-north-1`'],
    ['nb', 'skriver om nøkkelpolicyen slik at den selv får dekryptere', 'break-glass, som utløser alarmen `suveren-break-glass-activity-eu-north-1`'],
  ])('the %s report says the same from its catalogue', (language, keyPolicy, breakGlass) => {
    const md = fs.readFileSync(path.join(example.dir, 'evidence', `report.${language}.md`), 'utf8');
    expect(md).toContain(`\`arn:aws:iam::333333333331:role/suveren-lund-kommun-key-admin\`**: ${keyPolicy}`);
    expect(md).toContain(breakGlass);
  });

  test('the client-side tenant: no AWS path to plaintext, and the key holders on the premises named', () => {
    const arkiv = example.raw.tenants.find((t) => t.id === 'skatteetaten-arkiv')!;
    expect(arkiv.reach!.paths).toEqual([]);
    expect(arkiv.reach!.outsideTheGraph.map((o) => o.id)).toContain('reach.clientSide');
  });

  test("the identity provider's group owners are named outside the graph, and no platform group reaches plaintext", () => {
    const owners = { id: 'reach.groupOwners', params: { owners: exampleConfig().identityCenter!.groupOwners! } };
    for (const id of ['lund-kommun', 'malmo-stad']) {
      const tenant = example.raw.tenants.find((t) => t.id === id)!;
      expect(tenant.reach!.outsideTheGraph).toContainEqual(owners);
      // Operators, approvers and auditors are start nodes of the graph: the evaluator finds no path from them.
      expect(tenant.reach!.paths.filter((p) => /AWSReservedSSO_suveren-(operator|change-approver|organization-approver|auditor)_/.test(p.principal))).toEqual(
        [],
      );
    }
  });

  test('the hsm tenant: the crypto-user credential holders are named outside IAM', () => {
    const malmo = example.raw.tenants.find((t) => t.id === 'malmo-stad')!;
    expect(malmo.reach!.outsideTheGraph).toContainEqual({ id: 'reach.cryptoUsers', params: { cluster: 'nordic' } });
  });
});

describe('the access matrix, computed by the IAM evaluator', () => {
  const allowed = (t: Report['tenants'][number], capability: AccessCapability) =>
    t.accessMatrix!.filter((r) => r.cells[capability].allowed).map((r) => r.principal.split('/').pop());

  test('is computed for every tenant, over its roles, the platform, break-glass and two administrators', () => {
    expect(example.report.summary.accessMatrix).toBe('computed');
    for (const t of example.report.tenants) {
      const labels = t.accessMatrix!.map((r) => r.label);
      expect(labels).toEqual(
        expect.arrayContaining([
          'platform deployment role (CloudFormation execution)',
          'break-glass role',
          'tenant account administrator',
          expect.stringMatching(/^another tenant's administrator/),
        ]),
      );
      expect(labels.filter((l) => l.startsWith('tenant role')).length).toBeGreaterThanOrEqual(5);
    }
  });

  test('erasure: who may delete by a direct call, as the matrix decided (not a claim about every path), and the group holding the eraser role, or that none is assigned', () => {
    const lund = example.report.tenants.find((t) => t.id === 'lund-kommun')!;
    expect(lund.erasure).toBe(
      'suveren-lund-kommun-eraser, suveren-lund-kommun-inspect-fn may delete object versions by a direct call, as the IAM evaluator decided for the principals of the access matrix. A person erases as suveren-lund-kommun-eraser, with suveren erase, which deletes every version and quarantine copy of an object and writes a record of it; IAM Identity Center group 9067a1b2c3-11111111-1111-4111-8111-111111111105 holds that role.',
    );
    const malmo = example.report.tenants.find((t) => t.id === 'malmo-stad')!;
    expect(malmo.erasure).toMatch(
      /^suveren-malmo-stad-eraser, suveren-malmo-stad-inspect-fn may delete .* no IAM Identity Center group is assigned that role: assign one before an erasure request comes\.$/,
    );
    expect(fs.readFileSync(path.join(example.dir, 'evidence', 'report.sv.md'), 'utf8')).toContain(
      '**Radering (GDPR art. 17).** suveren-lund-kommun-eraser, suveren-lund-kommun-inspect-fn får radera',
    );
  });

  test.each(['lund-kommun', 'malmo-stad', 'skatteetaten-arkiv'])(
    '%s: only presign writes, only reader and inspection read, only inspection and the eraser delete, nobody decrypts directly, administrators get nothing',
    (id) => {
      const t = example.report.tenants.find((x) => x.id === id)!;
      // Lund has a replica, and so a restorer: it copies accepted versions back (docs/continuity.md).
      const restorer = id === 'lund-kommun' ? [`suveren-${id}-restorer`] : [];
      expect(allowed(t, 'write')).toEqual([`suveren-${id}-presign-fn`, ...restorer]);
      expect(allowed(t, 'read').sort()).toEqual([`suveren-${id}-inspect-fn`, `suveren-${id}-reader`, ...restorer]);
      expect(allowed(t, 'decrypt')).toEqual([]);
      expect(allowed(t, 'delete').sort()).toEqual([`suveren-${id}-eraser`, `suveren-${id}-inspect-fn`]);
      for (const admin of t.accessMatrix!.filter((r) => r.label.includes('administrator'))) {
        expect([admin.label, Object.values(admin.cells).some((c) => c.allowed)]).toEqual([admin.label, false]);
      }
      // Reconfiguration is the deployment's and the key administrators'; never a data role's.
      expect(allowed(t, 'reconfigure')).toEqual(expect.arrayContaining([`cdk-hnb659fds-cfn-exec-role-${t.account}-${t.region}`]));
      expect(allowed(t, 'reconfigure')).not.toEqual(expect.arrayContaining([`suveren-${id}-reader`]));
    },
  );

  test("an HSM tenant's matrix includes the key-custody account, where only break-glass and the provisioner may change the key policy", () => {
    const malmo = example.report.tenants.find((t) => t.id === 'malmo-stad')!;
    const custody = malmo.accessMatrix!.filter((r) => r.label.startsWith('key-custody'));
    expect(custody.map((r) => [r.label, r.cells.reconfigure.allowed, r.cells.decrypt.allowed])).toEqual([
      ['key-custody account: HSM key provisioner role', true, false],
      ['key-custody account: break-glass role', true, false],
      ['key-custody account administrator', false, false],
    ]);
  });

  test('each cell names the statement that decided it, and the report says so when the matrix is switched off', async () => {
    const lund = example.report.tenants.find((t) => t.id === 'lund-kommun')!;
    const admin = lund.accessMatrix!.find((r) => r.label === 'tenant account administrator')!;
    expect(admin.cells.read.decidedBy).toMatch(/DenyDataAccessOutsideTenant/);
    const dir = path.join(tmp, 'no-matrix');
    fs.cpSync(example.dir, dir, { recursive: true });
    const report = worded(
      (await writeEvidence({ assemblyDir: dir, config: exampleConfig(), configFile: 'example.yaml', formats: ['md'], accessMatrix: false })).report,
    );
    expect(report.summary.accessMatrix).toMatch(/^not computed: switched off/);
    expect(report.tenants.every((t) => t.accessMatrix === null)).toBe(true);
  });
});

describe('report.html', () => {
  type Node = DefaultTreeAdapterMap['node'];
  type Element = DefaultTreeAdapterMap['element'];
  let html: string;
  const elements: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) elements.push(node);
    for (const child of ('childNodes' in node ? node.childNodes : []) as Node[]) walk(child);
    if ('content' in node && node.content) walk(node.content as Node);
  };
  beforeAll(() => {
    html = fs.readFileSync(path.join(example.dir, 'evidence', 'report.html'), 'utf8');
    walk(parse(html));
  });
  const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
  const text = (node: Node): string =>
    'value' in node && typeof node.value === 'string' ? node.value : ('childNodes' in node ? (node.childNodes as Node[]) : []).map(text).join('');

  test('has a tenant table with one row per tenant', () => {
    const table = elements.find((el) => el.tagName === 'table' && attr(el, 'id') === 'tenants')!;
    expect(table).toBeDefined();
    const rows: Element[] = [];
    const collect = (node: Node) => {
      if ('tagName' in node && node.tagName === 'tr' && attr(node, 'data-tenant')) rows.push(node);
      for (const child of ('childNodes' in node ? node.childNodes : []) as Node[]) collect(child);
    };
    collect(table);
    expect(rows.map((r) => attr(r, 'data-tenant'))).toEqual(['lund-kommun', 'malmo-stad', 'skatteetaten-arkiv']);
    expect(text(rows[1])).toContain('Malmö stad');
  });

  test('has the guardrails, deployment, run-time, findings, acknowledgments, legal and limitations sections and one section per tenant', () => {
    const ids = elements.filter((el) => el.tagName === 'section').map((el) => attr(el, 'id'));
    expect(ids).toEqual([
      'summary',
      'annexes',
      'annex-lund-kommun',
      'annex-malmo-stad',
      'annex-skatteetaten-arkiv',
      'tenant-lund-kommun',
      'tenant-malmo-stad',
      'tenant-skatteetaten-arkiv',
      'guardrails',
      'deployment',
      'runtime',
      'findings',
      'legal',
      'controls',
      'limitations',
    ]);
    // Without `suveren conformance`, the run-time section says it was not read.
    expect(html).toContain('Not read in this report: <code>suveren conformance</code>');
    expect(elements.filter((el) => el.tagName === 'table' && attr(el, 'class') === 'access')).toHaveLength(3);
    expect(elements.some((el) => el.tagName === 'table' && attr(el, 'id') === 'acknowledgments')).toBe(true);
  });

  test('is self-contained: no scripts, no linked resources, no external URLs', () => {
    expect(elements.filter((el) => ['script', 'link', 'img', 'iframe', 'object', 'embed'].includes(el.tagName))).toEqual([]);
    const urls = elements.flatMap((el) => el.attrs.filter((a) => ['href', 'src', 'action'].includes(a.name)).map((a) => a.value));
    expect(urls.filter((u) => !u.startsWith('#'))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//);
  });

  test('escapes what it prints', async () => {
    const config = withField(exampleConfigDocument(), 'tenants.0.displayName', 'Lund <script>alert(1)</script> & co');
    // The display name is in the tenant section; the evaluator has nothing to add to it.
    const { dir } = await synthesizeWithEvidence('escaping', parseDocument(config), false);
    const escaped = fs.readFileSync(path.join(dir, 'evidence', 'report.html'), 'utf8');
    expect(escaped).toContain('Lund &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(escaped).not.toContain('<script>');
  });
});

describe('the report follows the templates, not the config', () => {
  test('a second config with other tenants, regions and accounts', async () => {
    const document = exampleConfigDocument();
    const second = parseDocument({
      ...withField(document, 'organization.allowedRegions', ['eu-central-1', 'eu-west-3']),
      organization: { ...(document.organization as object), allowedRegions: ['eu-central-1', 'eu-west-3'], homeRegion: 'eu-central-1' },
      identityCenter: { ...(document.identityCenter as object), homeRegion: 'eu-central-1' },
      audit: { account: '222222222222', region: 'eu-central-1', retentionDays: 3650 },
      keyCustody: { hsmClusters: [] },
      deployment: { ...(document.deployment as object), region: 'eu-central-1' },
      tenants: [
        {
          id: 'nav-arkiv',
          displayName: 'NAV arkiv',
          account: '555555555551',
          region: 'eu-west-3',
          classification: 'open',
          uploads: { maxObjectBytes: 1024, allowedContentTypes: ['text/csv'] },
        },
        {
          id: 'altinn-skjema',
          displayName: 'Altinn skjema',
          account: '555555555552',
          region: 'eu-central-1',
          classification: 'internal',
          tier: 'client-side',
          uploads: { maxObjectBytes: 1024, allowedContentTypes: ['application/xml'] },
        },
      ],
    });
    // What the templates say of tenants, regions and accounts; the evaluator's part is the example's tests'.
    const { report } = await synthesizeWithEvidence('second', second, false);
    expect(report.tenants.map((t) => [t.id, t.tier, t.region, t.account])).toEqual([
      ['altinn-skjema', 'client-side', 'eu-central-1', '555555555552'],
      ['nav-arkiv', 'standard', 'eu-west-3', '555555555551'],
    ]);
    expect(report.organization.scpAllowedRegions).toEqual(['eu-central-1', 'eu-west-3']);
    expect(report.organization.trail?.archiveObjectLock).toBe('COMPLIANCE for 3650 days');
    expect(report.tenants[0].keys[0].users[0].viaServices).toEqual(['s3.eu-central-1.amazonaws.com', 's3.eu-west-3.amazonaws.com']);
    // A client-side tenant without a recovery key is named as the single point of loss it is.
    expect(report.tenants[0].recovery).toEqual({
      configured: false,
      fingerprint: null,
      statement: expect.stringMatching(/^\*\*No recovery key is configured\.\*\* .*every object encrypted under it is lost/),
    });
  });

  test('changing a key policy and a bucket policy in the template changes the report', async () => {
    const dir = path.join(tmp, 'tampered');
    fs.cpSync(example.dir, dir, { recursive: true });
    const templatePath = path.join(dir, `${tenantStackId('lund-kommun')}.template.json`);
    const template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
    const [keyId] = Object.entries(template.Resources).find(
      ([, r]) =>
        (r as { Type: string; Metadata?: Record<string, string> }).Type === 'AWS::KMS::Key' &&
        /\/DataKey\//.test(String((r as { Metadata?: Record<string, string> }).Metadata?.['aws:cdk:path'])),
    )!;
    template.Resources[keyId].Properties.KeyPolicy.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::333333333331:root' },
      Action: 'kms:*',
      Resource: '*',
    });
    const [, policy] = Object.entries(template.Resources).find(
      ([, r]) => (r as { Type: string }).Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r).includes('DenyDataAccessOutsideTenant'),
    )! as [string, { Properties: { PolicyDocument: { Statement: { Condition?: Record<string, unknown> }[] } } }];
    policy.Properties.PolicyDocument.Statement = policy.Properties.PolicyDocument.Statement.filter((s) => !s.Condition?.NumericLessThan);
    fs.writeFileSync(templatePath, JSON.stringify(template));

    const report = worded((await writeEvidence({ assemblyDir: dir, config: exampleConfig(), configFile: 'example.yaml' })).report);
    const lund = report.tenants.find((t) => t.id === 'lund-kommun')!;
    expect(lund.keys[0].trustsAccountRoot).toBe(true);
    expect(lund.keys[0].users.map((u) => u.principal)).toContain('arn:aws:iam::333333333331:root');
    expect(lund.dataBuckets[0].policy.tlsFloor).toBeNull();
    // The untouched tenants read the same as before.
    expect(report.tenants.find((t) => t.id === 'malmo-stad')).toEqual(example.report.tenants.find((t) => t.id === 'malmo-stad'));
  });

  test('an assembly whose gates failed says so', async () => {
    const dir = path.join(tmp, 'failed');
    fs.cpSync(example.dir, dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'policy-validation-report.json'),
      JSON.stringify({
        title: 'Validation Report',
        pluginReports: [
          {
            summary: { pluginName: 'SovereigntyChecks', status: 'failure' },
            violations: [{ ruleName: 'Suveren-S1', description: 'no CMK', severity: 'error', violatingResources: [{ constructPath: 'X/Bucket/Resource' }] }],
          },
        ],
      }),
    );
    const { report, files } = await writeEvidence({
      assemblyDir: dir,
      config: exampleConfig(),
      configFile: 'example.yaml',
      formats: ['md'],
      languages: ['en'],
      accessMatrix: false,
    });
    expect(report.summary.gatesPassed).toBe(false);
    expect(report.findings).toEqual([
      { pack: 'SovereigntyChecks', ruleId: 'Suveren-S1', severity: 'error', description: 'no CMK', resources: ['X/Bucket/Resource'] },
    ]);
    expect(files.map((f) => path.basename(f))).toEqual([
      'report.md',
      ...['lund-kommun', 'malmo-stad', 'skatteetaten-arkiv'].flatMap((id) => [`annex.${id}.en.md`, `sheet.${id}.en.md`]),
    ]);
    expect(fs.readFileSync(files[0], 'utf8')).toContain('Checks at synth: **failed**. Open findings: 1;');
  });
});

describe('deployment evidence (Suveren-Pipeline)', () => {
  test('names the pipeline, its execution mode, each approval with who is notified, and where the last deployed assembly is kept', () => {
    const deployment = example.report.deployment!;
    expect(deployment).toMatchObject({ stack: 'Suveren-Pipeline', account: '555555555555', region: 'eu-north-1', executionMode: 'QUEUED', pipelineType: 'V2' });
    expect(deployment.approvals).toEqual([
      { stage: 'Pipeline', action: 'ApproveChanges', approvers: ['plattformsteam@example.se'] },
      { stage: 'Guardrails', action: 'ApproveOrganization', approvers: ['informationssakerhet@example.se'] },
    ]);
    expect(deployment.stages.map((s) => s.name)).toEqual(['Source', 'Synth', 'Pipeline', 'Audit', 'Guardrails', 'KeyCustody', 'People', 'Replicas', 'Tenants']);
    expect(deployment.source).toMatch(/releases\/suveren\.zip/);
    expect(deployment.lastDeployed).toMatch(/baseline bucket \(StoreBaselineBucket[0-9A-F]{8}\), under deployed\//);
    const markdown = fs.readFileSync(path.join(example.dir, 'evidence', 'report.md'), 'utf8');
    expect(markdown).toMatch(/## Deployment\n\n`Suveren-Pipeline` in account 555555555555, eu-north-1: CodePipeline V2, execution mode QUEUED/);
    expect(markdown).toContain('- Approval `ApproveOrganization` opens stage Guardrails; notified: informationssakerhet@example.se');
    expect(fs.readFileSync(path.join(example.dir, 'evidence', 'report.html'), 'utf8')).toContain('<h2>Deployment</h2>');
  });
});

/** The HTML renderer's escaping of text, for comparing a sentence with the page. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

describe("the technical annex per tenant, for the controller's own assessment", () => {
  test('per tier, who can reach plaintext, keys or metadata under US law enforcement, US intelligence and hostile-state threats, kept apart; no risk figures', () => {
    for (const tenant of example.report.tenants) {
      expect(tenant.technicalAnnex!.map((e) => e.kind)).toEqual(['us-law-enforcement', 'us-intelligence', 'hostile-state']);
    }
    const reach = (id: string, kind: string) =>
      example.report.tenants
        .find((t) => t.id === id)!
        .technicalAnnex!.find((e) => e.kind === kind)!
        .reach.join(' ');
    expect(reach('lund-kommun', 'us-law-enforcement')).toMatch(/can technically reach plaintext/);
    expect(reach('skatteetaten-arkiv', 'us-law-enforcement')).toMatch(/ciphertext and metadata, not content/);
    const md = fs.readFileSync(path.join(example.dir, 'evidence', 'report.md'), 'utf8');
    for (const law of ['Stored Communications Act', 'CLOUD Act', 'FISA section 702', 'Executive Order 12333', 'Executive Order 14086'])
      expect(md).toContain(law);
    // Likelihood and acceptance are the controller's: none is generated.
    expect(md).not.toMatch(/\b(likelihood|probability|risk level)\s*:/i);
  });

  test("the controller's assessment reference is shown as not provided until the config has it, then as filed; provider facts are never filled in", async () => {
    const md = fs.readFileSync(path.join(example.dir, 'evidence', 'report.md'), 'utf8');
    expect(md.match(/\*\*Controller's assessment:\*\* not provided/g)?.length).toBe(example.report.tenants.length);
    expect(md).toContain('The data processing addendum: version and date: not provided. Source:');
    const filed = parseDocument(
      withField(exampleConfigDocument(), 'tenants.0.assessment', { reference: 'KS 2026/123', date: '2026-11-20', decisionMakerRole: 'kommundirektör' }),
    );
    const out = path.join(tmp, 'with-assessment');
    const { report } = await writeEvidence({ assemblyDir: example.dir, config: filed, configFile: 'filed.yaml', outDir: out, accessMatrix: false });
    expect(report.tenants[0].assessment).toEqual({ reference: 'KS 2026/123', date: '2026-11-20', decisionMakerRole: 'kommundirektör' });
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toContain(
      "**Controller's assessment:** case KS 2026/123, decided 2026-11-20 by the kommundirektör.",
    );
    expect(() =>
      parseDocument(withField(exampleConfigDocument(), 'tenants.0.assessment', { reference: 'KS 2026/123', date: '2026-02-30', decisionMakerRole: 'x' })),
    ).toThrow(/test\.yaml:\d+:\d+: tenants\[0\]\.assessment\.date: is not a calendar date/);
  });
});

describe('the report in Swedish and Norwegian bokmål', () => {
  const out = path.join(tmp, 'languages');
  let files: string[];
  let raw: EvidenceReport;
  beforeAll(async () => {
    ({ files, report: raw } = await writeEvidence({
      assemblyDir: example.dir,
      config: exampleConfig(),
      configFile: 'example.yaml',
      outDir: out,
      languages: ['en', 'sv', 'nb'],
    }));
  }, 60_000);
  const read = (name: string) => fs.readFileSync(path.join(out, name), 'utf8');
  /** The English catalogue's fixed text: each message cut at its parameters, the parts of four words or more. */
  const englishSentences = Object.values(EN).flatMap((message) =>
    message
      .split(/\{[A-Za-z][A-Za-z0-9]*\}/)
      .map((part) => part.trim())
      .filter((part) => part.split(/\s+/).length >= 4),
  );

  test('writes report.md and report.html per language beside one language-neutral report.json', () => {
    const annexes = ['lund-kommun', 'malmo-stad', 'skatteetaten-arkiv'].flatMap((id) =>
      ['en', 'nb', 'sv'].flatMap((language) => [`annex.${id}.${language}.html`, `annex.${id}.${language}.md`]),
    );
    const sheets = annexes.map((name) => name.replace(/^annex\./, 'sheet.'));
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      ...annexes,
      'report.html',
      'report.json',
      'report.md',
      'report.nb.html',
      'report.nb.md',
      'report.sv.html',
      'report.sv.md',
      ...sheets,
    ]);
    // The JSON is the same whatever the languages, and holds ids and parameters, never a catalogue sentence.
    expect(read('report.json')).toBe(fs.readFileSync(path.join(example.dir, 'evidence', 'report.json'), 'utf8'));
    const json = read('report.json');
    expect(englishSentences.filter((sentence) => json.includes(sentence))).toEqual([]);
    expect(raw.tenants[0].uploadInspection[0]).toEqual({ id: 'upload.triggered' });
  });

  test.each(['sv', 'nb'] as const)('report.%s.md and .html contain none of the English catalogue text', (language) => {
    // The same search finds the English text in the English report: it is not vacuous.
    const english = read('report.md').replace(/\*\*|`/g, '');
    expect(englishSentences.filter((sentence) => english.includes(sentence.replace(/\*\*|`/g, ''))).length).toBeGreaterThan(englishSentences.length / 2);
    for (const file of [`report.${language}.md`, `report.${language}.html`]) {
      const text = file.endsWith('.html')
        ? read(file)
            .replace(/&#39;/g, "'")
            .replace(/<\/?(strong|code)>/g, '')
        : read(file).replace(/\*\*|`/g, '');
      const plain = englishSentences.map((s) => s.replace(/\*\*|`/g, ''));
      expect([file, plain.filter((sentence) => text.includes(sentence))]).toEqual([file, []]);
    }
  });

  test.each([
    [
      'sv',
      /\b(konfidentiell\w*|hemlig|hemliga|hemligt|kvalificerat hemlig)\b/i,
      '`confidential` (suverens dataklass, ej säkerhetsskyddsklassificerad)',
      'Kund malmo-stad: Malmö stad',
    ],
    ['nb', /\b(konfidensiel\w*|hemmelig\w*)\b/i, '`confidential` (suverens dataklasse, ikke sikkerhetsgradert)', 'Kunde malmo-stad: Malmö stad'],
  ] as const)('%s: confidential and secret keep their ids, glossed, never a security-classification level', (language, levels, gloss, heading) => {
    const md = read(`report.${language}.md`);
    expect(md).not.toMatch(levels);
    expect(read(`report.${language}.html`)).not.toMatch(levels);
    expect(md).toContain(`| malmo-stad | Malmö stad | ${gloss} | hsm |`);
    expect(md).toContain(`## ${heading}`);
    expect(md).toContain(CATALOGUES[language]['report.classifications']);
    expect(md).toContain(CATALOGUES[language]['report.standing']);
  });

  test.each(EVIDENCE_LANGUAGES)('%s: every control is listed with its mapping, and every source with issuer, version, date and checked-on', (language) => {
    const t = translator(language);
    const md = read(language === 'en' ? 'report.md' : `report.${language}.md`);
    for (const control of CONTROLS) {
      const row = md.split('\n').find((line) => line.startsWith(`| \`${control.id}\` `));
      expect([control.id, row !== undefined]).toEqual([control.id, true]);
      for (const entry of control.mapping) expect([control.id, row!.includes(citation(entry, language, t).replace(/\|/g, '\\|'))]).toEqual([control.id, true]);
    }
    for (const id of SOURCE_IDS) {
      const row = md.split('\n').find((line) => line.startsWith(`| **${sourceShort(SOURCES[id], language)}**: ${sourceTitle(SOURCES[id], language)} (`));
      expect([
        id,
        row?.includes(`| ${SOURCES[id].issuer} | ${sourceVersion(SOURCES[id], language)} | ${SOURCES[id].date} | ${SOURCES[id].checkedOn} |`),
      ]).toEqual([id, true]);
    }
  });

  test('the HTML of each language declares it and its title', () => {
    for (const language of ['sv', 'nb'] as const) {
      const html = read(`report.${language}.html`);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(`<title>${CATALOGUES[language]['report.title']}</title>`);
    }
  });

  describe("the controller's annex", () => {
    const TENANTS = ['lund-kommun', 'malmo-stad', 'skatteetaten-arkiv'] as const;
    const annexText = (id: string, language: string) => read(`annex.${id}.${language}.md`);
    const annexOf = (id: string) => raw.tenants.find((t) => t.id === id)!.controllerAnnex!;

    test('the location table has every kind of data, each with country, region, account and key holder', () => {
      for (const id of TENANTS) {
        const rows = annexOf(id).locations;
        expect(rows.map((r) => r.kind)).toEqual([...LOCATION_KINDS]);
        // Stored in AWS: a region and an account; replicas (none yet) and exports (outside AWS) have neither.
        for (const row of rows.filter((r) => r.kind !== 'replicas' && r.kind !== 'exports')) {
          expect([id, row.kind, row.region !== null, /^\d{12}$/.test(row.account ?? '')]).toEqual([id, row.kind, true, true]);
          expect(english(row.keyHolder).length).toBeGreaterThan(0);
        }
        for (const language of EVIDENCE_LANGUAGES) {
          const md = annexText(id, language);
          const t = translator(language);
          for (const kind of LOCATION_KINDS) expect([id, language, md.includes(`| ${t(`ca.location.${kind}`)} |`)]).toEqual([id, language, true]);
          const country = t(REGION_COUNTRIES[raw.tenants.find((x) => x.id === id)!.region as EuRegion] === 'SE' ? 'country.SE' : 'country.IE');
          expect(md).toContain(`${country} (${raw.tenants.find((x) => x.id === id)!.region})`);
        }
      }
      // The access logs say plainly that their key is S3's, in every tier.
      for (const id of TENANTS) expect(annexOf(id).locations.find((r) => r.kind === 'access-logs')!.encryption).toEqual({ id: 'annex.encryption.sseS3' });
      expect(english(annexOf('malmo-stad').locations[0].keyHolder)).toMatch(
        /dedicated to the key-custody account 444444444444 and shared by 1 tenant \(malmo-stad\)/,
      );
      expect(english(annexOf('malmo-stad').locations[0].keyHolder)).not.toMatch(/single-tenant|its own cluster/);
    });

    test("the replica is a location of Lund's data: its region, account and key holder, and what a region's loss means; Malmö has none", () => {
      const replicas = (id: string) => annexOf(id).locations.find((r) => r.kind === 'replicas')!;
      expect(replicas('lund-kommun')).toEqual({
        kind: 'replicas',
        region: 'eu-west-1',
        account: '333333333331',
        encryption: { id: 'annex.encryption.replica', params: { clientSide: 'no', rtc: 'off' } },
        keyHolder: { id: 'annex.keyHolder.replicaKms' },
      });
      expect(replicas('malmo-stad')).toMatchObject({ region: null, account: null, encryption: { id: 'annex.encryption.noReplica' } });
      expect(annexOf('lund-kommun').availability[0]).toEqual({
        id: 'annex.availability.replicated',
        params: { region: 'eu-north-1', replicaRegion: 'eu-west-1', rtc: 'off', deletes: 'off' },
      });
      expect(annexOf('malmo-stad').availability[0]).toMatchObject({ id: 'annex.availability.oneRegion' });
      expect(annexText('lund-kommun', 'en')).toContain('The data has a second copy in eu-west-1');
      expect(annexText('lund-kommun', 'sv')).toContain('Uppgifterna har en andra kopia i eu-west-1');
      expect(annexText('lund-kommun', 'nb')).toContain('Opplysningene har en andre kopi i eu-west-1');
      // The report prints the replica's search beside the data bucket's.
      expect(read('report.md')).toMatch(/The replica in eu-west-1 \(bucket `suveren-tenant-lund-kommun-replica-[0-9a-f]{6}`\)/);
    });

    test('the last restore drill: none on record in the example; a drill report the config names is stated in en, sv and nb', () => {
      const lund = annexOf('lund-kommun').availability;
      expect(lund[lund.length - 1]).toEqual({ id: 'annex.availability.noDrill' });
      // Malmö has no replica, so no drill to speak of.
      expect(annexOf('malmo-stad').availability.some((t) => t.id.startsWith('annex.availability.') && /drill/i.test(t.id))).toBe(false);
      const drill: DrillReport = {
        schemaVersion: '1.0.0',
        tenant: 'lund-kommun',
        bucket: 'data',
        replicaBucket: 'replica',
        startedAt: '2026-12-06T08:00:00.000Z',
        completedAt: '2026-12-06T08:00:03.000Z',
        sample: {
          requested: 2,
          verified: 1,
          objects: [
            { key: 'objects/a', versionId: 'v1', replicaVersionId: 'v1', matchedBy: 'version-id', bytes: 10, ok: true, detail: 'CRC64NVME' },
            { key: 'objects/b', versionId: 'v2', replicaVersionId: 'v2', matchedBy: 'version-id', bytes: 10, ok: false, detail: 'differs' },
          ],
        },
        replication: { current: 3, replicated: 2, notYetReplicated: 1, observedRpoSeconds: 42, failed: [], notAccepted: 0 },
        readBack: { objects: 2, bytes: 20, seconds: 0.1, bytesPerSecond: 200 },
        passed: false,
        failures: ['objects/b (replica version v2): differs'],
      };
      const built = buildEvidenceReport(
        readCloudAssembly(example.dir),
        exampleConfig(),
        'example.yaml',
        undefined,
        undefined,
        new Map([['lund-kommun', drill]]),
      );
      const availability = built.tenants.find((t) => t.id === 'lund-kommun')!.controllerAnnex!.availability;
      const said = availability[availability.length - 1];
      expect(said).toMatchObject({
        id: 'annex.availability.drill',
        params: { date: '2026-12-06', sampled: 2, verified: 1, failed: 0, rpo: '42', passed: 'no' },
      });
      expect(say(translator('en'), said)).toBe(
        "The last restore drill (2026-12-06) read back 2 sampled copies from the replica as the reader would after a loss and verified 1 against the data bucket's checksums; 0 objects had failed to replicate, and the copy lagged 42 s behind (the observed recovery point): it did not pass.",
      );
      expect(say(translator('sv'), said)).toMatch(
        /^Den senaste återställningsövningen \(2026-12-06\) läste tillbaka 2 stickprovskopior .* 42 s efter .*: den godkändes inte\.$/,
      );
      expect(say(translator('nb'), said)).toMatch(
        /^Den siste gjenopprettingsøvelsen \(2026-12-06\) leste tilbake 2 stikkprøvekopier .* 42 s etter .*: den ble ikke bestått\.$/,
      );
    });

    test("every party that reaches plaintext is the reach graph's, the operator's roles included", () => {
      for (const id of TENANTS) {
        const tenant = raw.tenants.find((t) => t.id === id)!;
        // The data bucket's search and the replica's (docs/continuity.md): each party once, with its shorter path.
        const paths = [...tenant.reach!.paths, ...(tenant.reach!.replica?.paths ?? [])];
        const parties = annexOf(id).plaintextParties!;
        expect(parties.map((p) => p.principal).sort()).toEqual([...new Set(paths.map((p) => p.principal))].sort());
        for (const party of parties) expect(party.steps).toBe(Math.min(...paths.filter((p) => p.principal === party.principal).map((p) => p.steps.length)));
        // In the reach graph's order: fewest steps first, then by principal.
        expect(parties.map((p) => p.principal)).toEqual(
          [...parties].sort((a, b) => a.steps - b.steps || a.principal.localeCompare(b.principal)).map((p) => p.principal),
        );
      }
      // Lund's replica is searched: its reader reaches the replica's plaintext, its key administrator does not (no grant on that key).
      const lundReplica = raw.tenants.find((t) => t.id === 'lund-kommun')!.reach!.replica!;
      expect(lundReplica).toMatchObject({ region: 'eu-west-1', bucket: expect.stringMatching(/^suveren-tenant-lund-kommun-replica-[0-9a-f]{6}$/) });
      expect(lundReplica.paths.find((p) => p.principal.endsWith(':role/suveren-lund-kommun-reader'))?.steps).toEqual([]);
      expect(lundReplica.paths.some((p) => p.principal.endsWith(':role/suveren-lund-kommun-key-admin'))).toBe(false);
      expect(raw.tenants.find((t) => t.id === 'malmo-stad')!.reach!.replica).toBeUndefined();
      expect(annexOf('lund-kommun').plaintextParties!.some((p) => p.label.id === 'principal.cfnExec')).toBe(true);
      expect(annexOf('skatteetaten-arkiv').plaintextParties).toEqual([]);
      // Client-side: the graph is not searched, and the annex says why, not that the evaluator found nothing.
      expect(annexText('skatteetaten-arkiv', 'en')).toContain(EN['ca.parties.ciphertextOnly']);
      expect(annexText('skatteetaten-arkiv', 'en')).not.toContain(EN['ca.parties.none']);
    });

    const GLOSSARY = {
      sv: {
        forbidden: [/hyresgäst/i, /datahink/i, /\bhink/i, /kvittering/i, /litar på/i],
        required: ['personuppgiftsansvarig', 'personuppgiftsbiträde', 'underbiträde', 'Integritetsskyddsmyndigheten'],
      },
      nb: {
        forbidden: [/leietaker/i, /databøtte/i, /bøtte/i, /kvittering/i, /stoler på/i],
        required: ['behandlingsansvarlig', 'databehandler', 'underdatabehandler', 'Datatilsynet'],
      },
    } as const;
    test.each(['sv', 'nb'] as const)('%s: the glossary holds on the rendered report and every annex', (language) => {
      const { forbidden, required } = GLOSSARY[language];
      const documents = TENANTS.flatMap((id) => ['annex', 'sheet'].flatMap((kind) => [`${kind}.${id}.${language}.md`, `${kind}.${id}.${language}.html`]));
      for (const file of [`report.${language}.md`, `report.${language}.html`, ...documents])
        expect([file, forbidden.filter((term) => term.test(read(file))).map(String)]).toEqual([file, []]);
      // The tenant's own supervisory authority: IMY for the Swedish tenants, Datatilsynet for Skatteetaten.
      const authority = { 'lund-kommun': 'Integritetsskyddsmyndigheten', 'malmo-stad': 'Integritetsskyddsmyndigheten', 'skatteetaten-arkiv': 'Datatilsynet' };
      for (const id of TENANTS) {
        const md = annexText(id, language);
        for (const term of required.filter((r) => r !== 'Integritetsskyddsmyndigheten' && r !== 'Datatilsynet'))
          expect([id, term, md.includes(term)]).toEqual([id, term, true]);
        expect(md).toContain(authority[id]);
      }
    });

    test.each(['sv', 'nb'] as const)('%s: no English catalogue text and no repository path in the annexes and sheets', (language) => {
      for (const id of TENANTS.flatMap((tenant) => [tenant, `sheet:${tenant}`])) {
        const md = (id.startsWith('sheet:') ? read(`sheet.${id.slice(6)}.${language}.md`) : annexText(id, language)).replace(/\*\*|`/g, '');
        expect([id, englishSentences.map((x) => x.replace(/\*\*|`/g, '')).filter((sentence) => md.includes(sentence))]).toEqual([id, []]);
        expect([id, md.match(/\b(?:docs|lib|config|scripts|test|bin|lambda|baselines|packages)\/[\w./#-]+/g)]).toEqual([id, null]);
      }
    });

    test('sources by country and kind of organisation: the Swedish tenants cite no Norwegian source, Skatteetaten no Swedish one', () => {
      for (const id of ['lund-kommun', 'malmo-stad']) {
        expect(annexOf(id).sources.filter((s) => SOURCES[s].jurisdiction === 'no')).toEqual([]);
        expect(annexOf(id).sources).toEqual(expect.arrayContaining(['se-arkivlag-1990-782', 'se-cybersakerhetslag-2025-1506']));
        // MSBFS 2020:6 and 2020:7 bind state agencies: not a municipality.
        expect(annexOf(id).sources.filter((s) => s.startsWith('se-msbfs'))).toEqual([]);
        for (const language of EVIDENCE_LANGUAGES)
          expect([id, language, annexText(id, language).match(/arkivlova|digitalsikkerhetsloven|sikkerhetsloven|NSM|DFØ|Datatilsynet/g)]).toEqual([
            id,
            language,
            null,
          ]);
      }
      expect(annexOf('skatteetaten-arkiv').sources.filter((s) => SOURCES[s].jurisdiction === 'se')).toEqual([]);
      expect(annexOf('skatteetaten-arkiv').sources).toEqual(expect.arrayContaining(['no-arkivlova', 'no-digitalsikkerhetsloven']));
      for (const language of EVIDENCE_LANGUAGES)
        expect([
          language,
          annexText('skatteetaten-arkiv', language).match(/arkivlagen|cybersäkerhetslag|OSL|MSBFS|IMY|Integritetsskyddsmyndigheten|säkerhetsskyddslag/g),
        ]).toEqual([language, null]);
      // A Swedish state agency is bound by both MSBFS; a tenant with no country cites EU and US sources only.
      expect(sourcesFor('SE', 'state-agency').map((s) => s.id)).toEqual(expect.arrayContaining(['se-msbfs-2020-6', 'se-msbfs-2020-7']));
      expect(new Set(sourcesFor(null, null).map((s) => s.jurisdiction))).toEqual(new Set(['eu', 'us']));
    });

    test("the Official Journal in each language's own form", () => {
      expect(read('report.md')).toContain('OJ L 119, 4.5.2016, p. 1');
      for (const language of ['sv', 'nb'] as const) {
        const md = read(`report.${language}.md`);
        expect(md).toContain('EUT L 119, 4.5.2016, s. 1');
        expect([language, md.match(/\bOJ [LC][ /]|, p\. \d/g)]).toEqual([language, null]);
      }
      expect(read('report.nb.md')).toContain('EØS-komiteens beslutning nr. 154/2018');
    });

    test('retention, erasure, the breach path and the processor chain, as the templates and the config give them', () => {
      const lund = annexOf('lund-kommun');
      expect(lund.retention).toMatchObject({ noncurrentVersionDays: 365, accessLogDays: 730, keyDeletionWindowDays: [30], dataObjectLock: null });
      expect(annexOf('skatteetaten-arkiv').retention.noncurrentVersionDays).toBe(2555);
      expect(english(lund.retention.auditArchiveLock!)).toBe('COMPLIANCE for 2555 days');
      // The HSM key's custom resource sets no window: the annex says whoever schedules chooses.
      expect(annexOf('malmo-stad').retention).toMatchObject({ keyDeletionWindowDays: [], keysWithDefaultWindow: 1 });
      expect(lund.breach).toEqual({
        nationalLaw: 'applies',
        nationalLawDefaulted: true,
        controllerContact: 'dataskyddsombud@lund.example.se',
        operatorContact: 'incident@drift.example.se',
      });
      expect(annexOf('skatteetaten-arkiv').breach).toMatchObject({ nationalLaw: 'does-not-apply', nationalLawDefaulted: true });
      expect(annexText('lund-kommun', 'sv')).toContain('Exempelförbundets it-drift: personuppgiftsbiträde');
      expect(annexText('skatteetaten-arkiv', 'nb')).toContain('Exempelförbundets it-drift: databehandler');
      expect(annexText('lund-kommun', 'en')).toContain('- **Purposes:** arkivering av allmänna handlingar enligt arkivlagen');
      expect(annexText('malmo-stad', 'en')).toContain('- **Purposes:** *not provided*');
    });

    test('provider facts are printed as the config gives them, with source and date, and "not provided" until then', () => {
      const tenant = raw.tenants.find((t) => t.id === 'lund-kommun')!;
      expect(annexText('lund-kommun', 'en')).toContain(
        "Amazon Web Services: sub-processor. Contracting entity, AWS's own sub-processors, Data processing terms: not provided",
      );
      const annex = tenant.controllerAnnex!;
      const given: EvidenceReport = {
        ...raw,
        tenants: [
          {
            ...tenant,
            controllerAnnex: {
              ...annex,
              processorChain: {
                ...annex.processorChain,
                provider: annex.processorChain.provider.map((f) =>
                  f.fact === 'contractingEntity'
                    ? { ...f, value: 'Example Contracting Entity', source: 'https://example.com/agreement', checkedOn: '2026-12-01' }
                    : f,
                ),
              },
            },
          },
        ],
      };
      const md = renderAnnexMarkdown(given, given.tenants[0], 'sv');
      expect(md).toContain('Amazon Web Services: underbiträde. Avtalspart: Example Contracting Entity (läst på https://example.com/agreement den 2026-12-01).');
      expect(md).toContain('AWS egna underbiträden, Villkor för personuppgiftsbehandling: ej angivet');
    });

    test("each tenant's country has its fill-in sheet: OSL 10 kap. 2 a § for the Swedish tenants, a ROS analysis for Skatteetaten; every judgement left blank", () => {
      for (const language of EVIDENCE_LANGUAGES) {
        const t = translator(language);
        for (const id of ['lund-kommun', 'malmo-stad']) {
          const md = read(`sheet.${id}.${language}.md`);
          expect(md).toContain(`# ${t('sheet.se.title', { name: raw.tenants.find((x) => x.id === id)!.displayName })}`);
          // Each row: the circumstance, the fact from the templates, and an empty cell for the controller's assessment.
          const rows = md.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith(`| ${t('sheet.column.factor')}`));
          expect(rows).toHaveLength(8);
          for (const row of rows) expect([id, language, row.endsWith(' |  |')]).toEqual([id, language, true]);
          expect(md).toContain(t('sheet.plaintext.yes', { tier: raw.tenants.find((x) => x.id === id)!.tier }));
        }
        const ros = read(`sheet.skatteetaten-arkiv.${language}.md`);
        expect(ros).toContain(t('sheet.no.title', { name: 'Skatteetaten arkiv' }));
        const rows = ros.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith(`| ${t('sheet.column.threat')}`));
        expect(rows).toHaveLength(7);
        // Likelihood and consequence are the controller's: both cells empty in every row.
        for (const row of rows) expect([language, row.endsWith(' |  |  |')]).toEqual([language, true]);
        expect(ros).toContain(t('sheet.plaintext.no', { tier: 'client-side' }));
        expect(ros).toContain(t('ca.parties.ciphertextOnly'));
      }
    });

    test('the report holds each annex, ahead of the technical appendix', () => {
      for (const language of EVIDENCE_LANGUAGES) {
        const t = translator(language);
        const md = read(language === 'en' ? 'report.md' : `report.${language}.md`);
        const annexes = md.indexOf(`## ${t('report.annexes.heading')}`);
        const technical = md.indexOf(`## ${t('report.technical.heading')}`);
        expect([language, annexes > 0, technical > annexes]).toEqual([language, true, true]);
        for (const id of TENANTS)
          expect(md).toContain(
            renderAnnexMarkdown(
              raw,
              raw.tenants.find((x) => x.id === id)!,
              language,
              3,
            ),
          );
      }
    });
  });
});

describe('suveren evidence --lang', () => {
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t) };
    const code = await evidenceCommand(['--assembly', example.dir, '--config', path.join(REPO_ROOT, 'config', 'example.yaml'), ...args], io);
    return { code, out, err };
  };

  test.each(['sv', 'nb'] as const)('--lang %s writes the complete report in that language, and the language-neutral JSON', async (language) => {
    const out = path.join(tmp, `cli-${language}`);
    const result = await run('--lang', language, '--out', out);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(fs.readdirSync(out).sort()).toEqual([
      ...['lund-kommun', 'malmo-stad', 'skatteetaten-arkiv'].flatMap((id) => [`annex.${id}.${language}.html`, `annex.${id}.${language}.md`]),
      'report.json',
      `report.${language}.html`,
      `report.${language}.md`,
      ...['lund-kommun', 'malmo-stad', 'skatteetaten-arkiv'].flatMap((id) => [`sheet.${id}.${language}.html`, `sheet.${id}.${language}.md`]),
    ]);
    const md = fs.readFileSync(path.join(out, `report.${language}.md`), 'utf8');
    // Every section, every tenant and the annex per tenant.
    const t = translator(language);
    for (const heading of [
      'summary.heading',
      'org.heading',
      'deploy.heading',
      'runtime.heading',
      'findings.heading',
      'legal.heading',
      'controls.heading',
      'limits.heading',
    ] as const)
      expect(md).toContain(`## ${t(heading)}`);
    expect(md.split(`### ${t('annex.heading')}`).length - 1).toBe(3);
  });

  test('an unknown language is a usage error naming the languages there are', async () => {
    const result = await run('--lang', 'sv,de');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'suveren evidence: unknown language de in --lang; use one or more of en, sv, nb (English, Swedish, Norwegian bokmål), e.g. --lang sv,en\n',
    );
  });

  test('evidence.languages in the config: an unknown one names the file, the field and the fix', () => {
    expect(() => parseDocument(withField(exampleConfigDocument(), 'evidence.languages', ['sv', 'fi']))).toThrow(
      /test\.yaml:\d+:\d+: evidence\.languages\[1\]: expected one of en, sv, nb \(English, Swedish, Norwegian bokmål\)/,
    );
    expect(parseDocument(withField(exampleConfigDocument(), 'evidence', {})).evidence.languages).toEqual(['en']);
  });
});
