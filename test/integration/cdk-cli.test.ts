import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { Template } from 'aws-cdk-lib/assertions';
import { addLandingZone } from '../../lib/landing-zone';
import { REPO_ROOT, exampleConfig, exampleConfigDocument, testApp, withField } from '../helpers';
import { tenantStackId } from '@suveren/core/contracts/names';
import { tenantReplicaStackId } from '@suveren/core/contracts/continuity';

/**
 * The quick start as a user runs it: the pinned CDK CLI, no AWS credentials, the
 * embedded example, and a bad config given through SUVEREN_CONFIG.
 */
function cdkSynth(outdir: string, env: Record<string, string> = {}, extraArgs: string[] = []) {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_') && name !== 'SUVEREN_CONFIG'),
  );
  return spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '-q', ...extraArgs, '--output', outdir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...cleanEnv, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', ...env },
  });
}

describe('npx cdk synth', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-cli-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('synthesizes the embedded example offline: guardrails, audit and one template per tenant, with a clean gate', () => {
    const outdir = path.join(tmp, 'example');
    const result = cdkSynth(outdir);
    // Nothing at all from the validation plugins, warnings of CloudFormation's own checks included.
    expect(result.stderr).not.toMatch(/ERROR|WARNING|Error:/);
    // cdk.json sets the recommended feature flags: no notice about unconfigured ones.
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/feature flags? (is|are) not configured/);
    expect(result.status).toBe(0);
    const templates = fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .sort();
    expect(templates).toEqual(
      [
        'Suveren-Audit',
        'Suveren-Bootstrap',
        'Suveren-ConformanceBaseline',
        ...exampleConfig().organization.allowedRegions.map((r) => `Suveren-ConformancePack-${r}`),
        'Suveren-Guardrails',
        'Suveren-KeyCustody-nordic',
        'Suveren-People',
        'Suveren-Pipeline',
        ...exampleConfig().tenants.map((t) => tenantStackId(t.id)),
        // Each tenant with continuity has its replica's stack, in the replica region (docs/continuity.md).
        ...exampleConfig()
          .tenants.filter((t) => t.continuity)
          .map((t) => tenantReplicaStackId(t.id)),
      ]
        .map((id) => `${id}.template.json`)
        .sort(),
    );
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
    // The evidence report is written at the end of synth, after the gates ran.
    const evidence = JSON.parse(fs.readFileSync(path.join(outdir, 'evidence', 'report.json'), 'utf8'));
    expect(evidence.summary).toMatchObject({ configFile: 'config/example.yaml', gatesPassed: true, tenantCount: 3 });
    // In each of the example's evidence.languages.
    for (const file of ['report.md', 'report.html', 'report.sv.md', 'report.sv.html', 'report.nb.md', 'report.nb.html'])
      expect(fs.existsSync(path.join(outdir, 'evidence', file))).toBe(true);
  });

  test('no secret is in cdk.out: no private key, no password, no secret value, in any template, output, manifest or report', () => {
    const outdir = path.join(tmp, 'example');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else files.push(file);
      }
    };
    walk(outdir);
    expect(files.length).toBeGreaterThan(10);
    const privateKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
    // Field names a secret would travel in; Lambda bundles (asset.*) name them as SDK code, so only the private-key check applies there.
    const secretFields = [/KeyStorePassword/, /"SecretString"/, /"NoEcho"/, /"(kmsuser|KmsUser)?Password"\s*:\s*"/];
    for (const file of files) {
      const text = fs.readFileSync(file, 'latin1');
      const relative = path.relative(outdir, file);
      const leaks = relative.startsWith('asset.') ? [privateKey] : [privateKey, ...secretFields];
      for (const leak of leaks) expect({ file: relative, leak: leak.test(text) ? String(leak) : null }).toEqual({ file: relative, leak: null });
    }
    expect(files.filter((f) => f.endsWith('.template.json')).length).toBe(13);
    // The kmsuser password exists only as a secret Secrets Manager generates at deploy time (the key store, at stage 3, gets its ARN).
    const custody = JSON.parse(fs.readFileSync(path.join(outdir, 'Suveren-KeyCustody-nordic.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const secrets = Object.values(custody.Resources).filter((r) => r.Type === 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    expect(secrets[0].Properties).toHaveProperty('GenerateSecretString');
  });

  test('a bad config fails synth with the file, the field and the fix, and no stack trace', () => {
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, stringify(withField(exampleConfigDocument(), 'tenants.0.region', 'us-east-1')));
    const result = cdkSynth(path.join(tmp, 'bad'), { SUVEREN_CONFIG: file });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`${file}:`);
    expect(result.stderr).toContain('tenants[0].region: us-east-1 is not an EU region; use one of the EU regions');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('-c config= selects another config', () => {
    const file = path.join(tmp, 'one-tenant.yaml');
    const document = exampleConfigDocument();
    fs.writeFileSync(file, stringify({ ...document, tenants: [(document.tenants as unknown[])[0]] }));
    const outdir = path.join(tmp, 'one');
    // The selection is under test here, not the evidence report or the schema validation (the first test holds both).
    const result = cdkSynth(outdir, { SUVEREN_EVIDENCE: 'off', CDK_VALIDATION: 'false' }, ['-c', `config=${file}`]);
    expect(result.status).toBe(0);
    expect(
      fs
        .readdirSync(outdir)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual(
      // The config still lists the HSM cluster: its stack is built even while no tenant uses it.
      [
        'Suveren-Audit',
        'Suveren-Bootstrap',
        'Suveren-ConformanceBaseline',
        'Suveren-ConformancePack-eu-north-1',
        'Suveren-ConformancePack-eu-west-1',
        'Suveren-Guardrails',
        'Suveren-KeyCustody-nordic',
        'Suveren-People',
        'Suveren-Pipeline',
        tenantStackId('lund-kommun'),
        tenantReplicaStackId('lund-kommun'),
      ].map((id) => `${id}.template.json`),
    );
  });

  test('-c shard= synthesizes one shard; a malformed shard is refused with the fix', () => {
    const outdir = path.join(tmp, 'shard');
    expect(cdkSynth(outdir, { SUVEREN_EVIDENCE: 'off', CDK_VALIDATION: 'false' }, ['-c', 'shard=2/2']).status).toBe(0);
    const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
    expect(templates).toEqual([`${tenantStackId('malmo-stad')}.template.json`]);
    const bad = cdkSynth(path.join(tmp, 'bad-shard'), {}, ['-c', 'shard=3/2']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('-c shard=3/2: expected i/n with 1 <= i <= n, e.g. -c shard=1/4');
    expect(bad.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('npx cdk bootstrap --show-template', () => {
  test("is the template Suveren-Bootstrap deploys as its StackSet: the same document (the CLI prints it without the file's comments)", () => {
    const shown = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk'), ['bootstrap', '--show-template'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: os.tmpdir(),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    });
    expect(shown.status).toBe(0);
    const zone = addLandingZone(testApp(), exampleConfig());
    const stackSet = Object.values(Template.fromStack(zone.bootstrap!).findResources('AWS::CloudFormation::StackSet')).find(
      (r) => r.Properties.StackSetName === 'suveren-bootstrap',
    )!;
    expect(parse(String(stackSet.Properties.TemplateBody))).toEqual(parse(shown.stdout));
    expect(parse(shown.stdout)).toHaveProperty('Outputs.BootstrapVersion');
  });
});
