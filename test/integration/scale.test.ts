import { aws_kms as kms } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SovereigntyRuleIds } from '../../lib/compliance/rule-ids';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { addLandingZone } from '../../lib/landing-zone';
import { SelectionError, selectStacks } from '../../lib/selection';
import { generatedTenants, hsmClustersFor } from '../support/generated-tenants';
import { exampleConfig, exampleConfigDocument, parseDocument, testApp } from '../helpers';
import { tenantStackId } from '@suveren/core/contracts/names';

const REGIONS = ['eu-north-1', 'eu-west-1'];

/** A valid config with `count` tenants of every classification across two regions. */
function configWithTenants(count: number): SuverenConfig {
  const document = exampleConfigDocument();
  return parseDocument({
    ...document,
    keyCustody: { hsmClusters: hsmClustersFor(REGIONS) },
    tenants: generatedTenants(count, REGIONS),
  });
}

describe('scale', () => {
  test('120 tenants (more than 100 stacks) synthesize with every pack, and no stack lost its key, buckets or upload API', () => {
    const config = configWithTenants(120);
    const app = testApp();
    const zone = addLandingZone(app, config);
    // Every plugin runs in app.synth(); a finding anywhere would throw here.
    const assembly = app.synth();
    // Guardrails, audit, the pipeline and its bootstrap, the conformance baseline and a pack per allowed region,
    // one key-custody stack per HSM cluster, Suveren-People (360 assignments: one stack), and the tenants.
    expect(assembly.stacks).toHaveLength(6 + config.organization.allowedRegions.length + config.keyCustody.hsmClusters.length + 120);
    expect(zone.keyCustodyStacks).toHaveLength(config.keyCustody.hsmClusters.length);
    for (const tenant of config.tenants) {
      const template = Template.fromJSON(assembly.getStackByName(tenantStackId(tenant.id)).template);
      // A data key (in AWS KMS, or HSM-backed through the key-custody account) and an operations key.
      template.resourceCountIs('AWS::KMS::Key', tenant.tier === 'hsm' ? 1 : 2);
      template.resourceCountIs('Custom::SuverenHsmBackedKey', tenant.tier === 'hsm' ? 1 : 0);
      template.resourceCountIs('AWS::S3::Bucket', 3); // data, quarantine, access logs
      template.resourceCountIs('AWS::S3::BucketPolicy', 3);
      template.resourceCountIs('AWS::Lambda::Url', 1); // the upload API
      template.resourceCountIs('Custom::S3BucketNotifications', 1); // the inspection trigger
      expect(
        Object.keys(
          template.findResources('AWS::Lambda::Function', {
            Properties: { Description: `suveren inspect: checks and quarantines new objects of tenant ${tenant.id}` },
          }),
        ),
      ).toHaveLength(1);
    }
    expect(zone.tenantStacks).toHaveLength(120);
  });

  test('with 120 tenants, a violation in the last stack is still found: no check was dropped at scale', () => {
    const app = testApp();
    const zone = addLandingZone(app, configWithTenants(120));
    // The last tenant whose data key is an AWS::KMS::Key (an HSM-backed key has no rotation setting).
    const last = [...zone.tenantStacks].reverse().find((stack) => stack.encryptionKey.custody === 'aws-kms')!;
    expect(zone.tenantStacks.indexOf(last)).toBeGreaterThan(115);
    (last.encryptionKey.key.node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', false);
    expect(() => app.synth()).toThrow(new RegExp(`${last.stackName}/DataKey/Key/Resource[\\s\\S]*${SovereigntyRuleIds.KmsRotation}`));
  });
});

describe('stack selection for fanning out over runners', () => {
  const config = configWithTenants(10);
  const ids = config.tenants.map((t) => t.id);

  test('no selection: every tenant and the organization stacks', () => {
    expect(selectStacks(config, undefined, undefined)).toEqual({ tenantIds: ids, includeOrganization: true });
  });

  test('shards partition the tenants, and only shard 1 carries the organization stacks', () => {
    const shards = [1, 2, 3].map((i) => selectStacks(config, undefined, `${i}/3`));
    expect(shards.flatMap((s) => s.tenantIds).sort()).toEqual([...ids].sort());
    expect(new Set(shards.flatMap((s) => s.tenantIds)).size).toBe(ids.length);
    expect(shards.map((s) => s.includeOrganization)).toEqual([true, false, false]);
  });

  test('-c tenants= picks named tenants only', () => {
    expect(selectStacks(config, 'kommun-003, kommun-001', undefined)).toEqual({ tenantIds: ['kommun-001', 'kommun-003'], includeOrganization: false });
    // A list, as cdk.json's context may hold it.
    expect(selectStacks(config, ['kommun-003', 'kommun-001'], undefined)).toEqual({ tenantIds: ['kommun-001', 'kommun-003'], includeOrganization: false });
  });

  test.each([
    [undefined, '0/3', /expected i\/n with 1 <= i <= n/],
    [undefined, '4/3', /expected i\/n/],
    [undefined, 'half', /expected i\/n/],
    ['kommun-001,nowhere', undefined, /no tenant "nowhere" in the config/],
    ['kommun-001', '1/2', /two different ways/],
  ])('bad selection tenants=%s shard=%s is refused', (tenants, shard, message) => {
    expect(() => selectStacks(config, tenants, shard)).toThrow(SelectionError);
    expect(() => selectStacks(config, tenants, shard)).toThrow(message);
  });

  test('a selected synth holds only the selected stacks', () => {
    const app = testApp();
    const zone = addLandingZone(app, exampleConfig(), selectStacks(exampleConfig(), 'malmo-stad', undefined));
    expect(zone.guardrails).toBeUndefined();
    expect(app.synth().stacks.map((s) => s.stackName)).toEqual([tenantStackId('malmo-stad')]);
  });
});

describe('one HSM cluster for many tenants', () => {
  /** `count` hsm tenants, all on the example's one cluster. */
  function hsmTenants(count: number): SuverenConfig {
    const document = exampleConfigDocument();
    const [first] = document.tenants as Record<string, unknown>[];
    const malmo = (document.tenants as Record<string, unknown>[]).find((t) => t.id === 'malmo-stad')!;
    return parseDocument({
      ...document,
      tenants: [
        first,
        ...Array.from({ length: count }, (_, i) => ({
          ...structuredClone(malmo),
          // Each controller's key administrators are its own: a clone keeps none of malmo's groups.
          people: undefined,
          id: `kommun-${String(i).padStart(4, '0')}`,
          displayName: `Kommun ${i}`,
          account: `5${String(i).padStart(11, '0')}`,
          // The first 200 fill the cluster's own stack; the config names the shard of the rest.
          ...(i >= 200 ? { provisionerShard: 2 } : {}),
        })),
      ],
    });
  }

  test('400 hsm tenants on one cluster: every stack stays under 500 resources, each tenant has exactly one provisioner role, and the gate passes', () => {
    const config = hsmTenants(400);
    const app = testApp();
    // The organization and custody stacks, and one tenant stack to check the dependency; the other tenant stacks do not change the custody side.
    const zone = addLandingZone(app, config, { tenantIds: ['kommun-0399'], includeOrganization: true });
    const assembly = app.synth();
    const custody = [...zone.keyCustodyStacks, ...zone.keyCustodyProvisionerStacks].map((s) => assembly.getStackByName(s.stackName));
    expect(custody.map((s) => s.stackName)).toEqual(['Suveren-KeyCustody-nordic', 'Suveren-KeyCustody-nordic-Provisioners-2']);
    for (const stack of assembly.stacks) expect([stack.stackName, Object.keys(stack.template.Resources).length < 500]).toEqual([stack.stackName, true]);
    const roleNames = custody.flatMap((s) =>
      Object.values(s.template.Resources as Record<string, { Type: string; Properties: { RoleName?: string } }>)
        .filter((r) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName?.endsWith('-hsm-key-provisioner'))
        .map((r) => r.Properties.RoleName),
    );
    expect(roleNames).toHaveLength(400);
    expect(new Set(roleNames).size).toBe(400);
    // The last tenant's stack deploys after the shard that holds its provisioner role.
    expect(assembly.getStackByName('Suveren-Tenant-kommun-0399').dependencies.map((d) => d.id)).toEqual(
      expect.arrayContaining(['Suveren-KeyCustody-nordic', 'Suveren-KeyCustody-nordic-Provisioners-2']),
    );
  });
});
