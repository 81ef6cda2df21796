import { ConfigError, formatPath, loadConfig, parseConfig } from '@suveren/core/config/load';
import { knownKeysAt } from '@suveren/core/config/schema';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { EXAMPLE_CONFIG_FILE, REPO_ROOT, type ConfigDocument, exampleConfig, exampleConfigDocument, parseDocument, withField } from './helpers';
import { example, malformed, sovereign, withoutOverride } from './support/malformed-configs';
import { pipelineConfigFile } from '../lib/landing-zone';

function configError(document: ConfigDocument | string): ConfigError {
  try {
    if (typeof document === 'string') parseConfig(document, 'bad.yaml');
    else parseDocument(document, 'bad.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

describe('the example config', () => {
  test('loads, with tiers derived from classification', () => {
    const config = loadConfig(EXAMPLE_CONFIG_FILE);
    expect(config.tenants.map((t) => [t.id, t.classification, t.tier])).toEqual([
      ['lund-kommun', 'internal', 'standard'],
      ['malmo-stad', 'confidential', 'hsm'],
      ['skatteetaten-arkiv', 'secret', 'client-side'],
    ]);
  });

  test('the external-key-store example loads: a confidential tenant raised to external, beside the other tiers', () => {
    const config = loadConfig(path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml'));
    expect(config.tenants.map((t) => t.tier)).toEqual(['standard', 'hsm', 'external', 'client-side']);
    expect(config.keyCustody.externalKeyStores[0]).toMatchObject({
      id: 'riksarkivet-xks',
      proxy: { connectivity: 'vpc-endpoint-service', uriPath: '/kms/xks/v1' },
    });
  });

  test('a tier may be raised above its default', () => {
    const raised = withField(example, 'tenants.0.tier', 'client-side');
    expect(parseDocument(raised).tenants[0].tier).toBe('client-side');
  });
});

describe('malformed configs are refused with the file, the field and the fix', () => {
  test.each(malformed)('$name', ({ document, field, fix }) => {
    const error = configError(document);
    const line = error.message.split('\n').find((l) => l.includes(` ${field}: `));
    expect(line).toBeDefined();
    expect(line).toMatch(/^ {2}bad\.yaml:\d+:\d+: /);
    expect(line).toMatch(fix);
    expect(error.issues.some((issue) => formatPath(issue.path) === field)).toBe(true);
  });

  test('every problem is reported, not only the first', () => {
    const document = withField(withField(example, 'tenants.0.region', 'us-east-1'), 'audit.account', 'x');
    expect(
      configError(document)
        .issues.map((i) => formatPath(i.path))
        .sort(),
    ).toEqual(['audit.account', 'tenants[0].region']);
  });

  test('a YAML syntax error names the line', () => {
    const error = configError('organization:\n  managementAccount: "1\n  allowedRegions: [eu-north-1\n');
    expect(error.message).toMatch(/bad\.yaml:\d+:\d+: \(top level\): not valid YAML/);
  });

  test('a duplicate YAML key is an error, not a silent override', () => {
    const error = configError('organization: {}\norganization: {}\n');
    expect(error.message).toMatch(/not valid YAML: Map keys must be unique/);
  });

  test('a missing file names the file and the fix', () => {
    expect(() => loadConfig('/nonexistent/suveren.yaml')).toThrow(
      /\/nonexistent\/suveren\.yaml: \(top level\): cannot read the config \(file not found\); set SUVEREN_CONFIG/,
    );
  });

  test('the reported line points at the offending field', () => {
    const error = configError(withField(example, 'tenants.2.region', 'ap-southeast-1'));
    const issue = error.issues.find((i) => formatPath(i.path) === 'tenants[2].region');
    const text = stringify(withField(example, 'tenants.2.region', 'ap-southeast-1')) as string;
    expect(text.split('\n')[issue!.line! - 1]).toContain('region: ap-southeast-1');
  });
});

describe('YAML anchors', () => {
  test('hundreds of tenants sharing an anchor load (the alias-bomb bound is far above them)', () => {
    const tenant = (i: number, uploads: string) =>
      `  - id: kommun-${i}\n    displayName: Kommun ${i}\n    account: "${String(500000000000 + i)}"\n    region: eu-north-1\n    classification: internal\n    uploads: ${uploads}`;
    const first = tenant(0, '&uploads\n      maxObjectBytes: 1024\n      allowedContentTypes: [application/pdf, text/csv]');
    const rest = Array.from({ length: 399 }, (_, i) => tenant(i + 1, '*uploads'));
    const text = `${stringify({ ...example, tenants: undefined }).trimEnd()}\ntenants:\n${[first, ...rest].join('\n')}\n`;
    const config = parseConfig(text, 'anchors.yaml');
    expect(config.tenants).toHaveLength(400);
    expect(config.tenants[399].uploads.allowedContentTypes).toEqual(['application/pdf', 'text/csv']);
  });
});

describe('provisioner shards and clusters follow their limits', () => {
  const malmo = (example.tenants as Record<string, unknown>[]).find((t) => t.id === 'malmo-stad')!;
  const hsmTenants = (count: number, shard?: (i: number) => number | undefined) =>
    Array.from({ length: count }, (_, i) => ({
      ...structuredClone(malmo),
      // Each controller's key administrators are its own: a clone keeps none of malmo's groups.
      people: undefined,
      id: `kommun-${i}`,
      account: String(500000000000 + i),
      ...(shard?.(i) !== undefined ? { provisionerShard: shard(i) } : {}),
    }));

  test("the 201st tenant in a cluster's own stack is refused, naming provisionerShard and the fix", () => {
    const error = configError({ ...example, tenants: hsmTenants(201) });
    expect(error.issues.map((i) => [formatPath(i.path), i.message])).toEqual([
      [
        'tenants[200].provisionerShard',
        expect.stringMatching(
          /cluster "nordic" already holds 200 provisioner roles in its own stack.*set provisionerShard: 2.*never change a deployed tenant's shard/,
        ),
      ],
    ]);
  });

  test('with the shard recorded, 201 tenants are fine, and a full shard names the next one', () => {
    expect(() => parseDocument({ ...example, tenants: hsmTenants(201, (i) => (i >= 200 ? 2 : undefined)) })).not.toThrow();
    const error = configError({ ...example, tenants: hsmTenants(401, (i) => (i >= 200 ? 2 : undefined)) });
    expect(error.message).toMatch(/tenants\[400\]\.provisionerShard: provisioner stack 2 of cluster "nordic" already holds 200 roles: use provisionerShard: 3/);
  });

  test("replica provisioners count in their cluster's own stack: the 201st replica there is refused, naming another cluster", () => {
    const keyCustody = example.keyCustody as { hsmClusters: Record<string, unknown>[] };
    const withWest = {
      ...example,
      keyCustody: { ...keyCustody, hsmClusters: [...keyCustody.hsmClusters, { ...keyCustody.hsmClusters[0], id: 'nordic-west', region: 'eu-west-1' }] },
    };
    const replicated = hsmTenants(201, (i) => (i >= 200 ? 2 : undefined)).map((t) => ({
      ...t,
      continuity: { replicaRegion: 'eu-west-1', replicaKeyCustody: 'nordic-west' },
    }));
    expect(() => parseDocument({ ...withWest, tenants: replicated.slice(0, 200) })).not.toThrow();
    const error = configError({ ...withWest, tenants: replicated });
    expect(error.issues.map((i) => [formatPath(i.path), i.message])).toEqual([
      [
        'tenants[200].continuity.replicaKeyCustody',
        expect.stringMatching(
          /^cluster "nordic-west" already holds 200 provisioner roles in its own stack, where replica provisioners are.*name another cluster of the replica region/,
        ),
      ],
    ]);
  });

  test('provisionerShard on a tenant without an HSM key is refused', () => {
    expect(configError(withField(example, 'tenants.0.provisionerShard', 2)).message).toMatch(
      /tenants\[0\]\.provisionerShard: tier "standard" has no provisioner role/,
    );
  });

  test('a CloudHSM cluster in aws-eusc needs the override even without hsm tenants', () => {
    const document = {
      ...sovereign,
      organization: withoutOverride,
      tenants: (sovereign.tenants as Record<string, unknown>[]).filter((t) => t.classification !== 'confidential'),
    };
    expect(configError(document).message).toMatch(
      /keyCustody\.hsmClusters\[0\]\.region: a CloudHSM cluster needs cloudhsm, kms:cloudhsm-key-store.*add organization\.assumeAvailable: \[cloudhsm, kms:cloudhsm-key-store\]/,
    );
  });
});

describe('deployment.configFile: the pipeline synthesizes the config it was synthesized from', () => {
  const deployment = exampleConfig().deployment!;
  test('by default the file this synth read, relative to the repository root', () => {
    expect(pipelineConfigFile(deployment, { configFile: path.join(REPO_ROOT, 'config', 'lund.yaml') })).toBe('config/lund.yaml');
    expect(pipelineConfigFile(deployment, {})).toBeUndefined();
    // A file outside the repository is nothing the pipeline can read: the synth build refuses to run.
    expect(pipelineConfigFile(deployment, { configFile: '/tmp/elsewhere.yaml' })).toBeUndefined();
  });

  test('deployment.configFile names it when the synth read it from elsewhere, and two different names stop synth', () => {
    const named = { ...deployment, configFile: 'config/lund.yaml' };
    expect(pipelineConfigFile(named, {})).toBe('config/lund.yaml');
    expect(pipelineConfigFile(named, { configFile: 'config/lund.yaml' })).toBe('config/lund.yaml');
    expect(() => pipelineConfigFile(named, { configFile: 'config/example.yaml' })).toThrow(
      /deployment\.configFile: names config\/lund\.yaml, but this synth read config\/example\.yaml: the pipeline would deploy another config than this one; set it to config\/example\.yaml/,
    );
  });

  test('a path outside the repository or not a YAML file is refused with the fix', () => {
    for (const bad of ['../lund.yaml', '/etc/lund.yaml', 'config/lund.json'])
      expect(() => parseDocument(withField(exampleConfigDocument(), 'deployment.configFile', bad))).toThrow(
        /deployment\.configFile: expected a path inside the repository, relative to its root, e\.g\. config\/lund\.yaml/,
      );
  });
});

describe('unknown keys are named with the keys the schema allows at that place', () => {
  test('the allowed keys come from the schema along the whole path, not from the last key name', () => {
    expect(knownKeysAt([])).toContain('tenants');
    expect(knownKeysAt(['tenants', 0, 'uploads'])).toEqual(['maxObjectBytes', 'allowedContentTypes', 'reservedConcurrency']);
    // notifications.audit is an alarm target, not the audit section: a name alone would confuse them.
    expect(knownKeysAt(['notifications', 'audit'])).toEqual(['emails', 'topicArn']);
    expect(knownKeysAt(['audit'])).toEqual(['account', 'region', 'retentionDays']);
    // Through a union: either source's keys.
    expect(knownKeysAt(['deployment', 'source'])).toEqual(['s3', 'codeConnections']);
    expect(knownKeysAt(['tenants', 0, 'region'])).toBeUndefined();
  });

  test('a misspelt alarm target key is matched against the target, not the audit section', () => {
    const error = configError(withField(example, 'notifications', { audit: { emial: ['soc@example.se'] } }));
    expect(error.message).toMatch(/notifications\.audit\.emial: unknown key "emial": remove it or correct its spelling; allowed keys here: emails, topicArn$/m);
  });
});
