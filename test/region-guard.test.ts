import {
  CfnParameter,
  Fn,
  NestedStack,
  Stack,
  Validations,
  aws_backup as backup,
  aws_ecr as ecr,
  aws_efs as efs,
  aws_dynamodb as dynamodb,
  aws_kms as kms,
  aws_s3 as s3,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { REGION_GUARD_PLUGIN_NAME, RegionGuardRuleIds } from '../lib/compliance/rule-ids';
import { ConfigError } from '@suveren/core/config/load';
import { addLandingZone, registerComplianceGate } from '../lib/landing-zone';
import { exampleConfig, exampleConfigDocument, parseDocument, testApp, withField } from './helpers';

/**
 * Synthesizes what `extend` adds under the example's compliance gate (the guard sees every
 * stack of the app, so the landing zone's own stacks add nothing to these cases; the
 * example itself is checked on its own below); returns the error text, or '' on success.
 */
function synthError(extend: (app: ReturnType<typeof testApp>) => void): string {
  const app = testApp();
  registerComplianceGate(app, exampleConfig().organization.allowedRegions);
  extend(app);
  try {
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

const EU_NORTH = { account: '333333333331', region: 'eu-north-1' };

describe('region guard, layer 1: the config', () => {
  test.each([
    ['us-east-1', /tenants\[0\]\.region: us-east-1 is not an EU region/],
    ['eu-west-2', /tenants\[0\]\.region: eu-west-2 \(London, UK\) is outside the EU/],
  ])('a tenant in %s is refused, naming the region and the field', (region, message) => {
    const document = withField(exampleConfigDocument(), 'tenants.0.region', region);
    expect(() => parseDocument(document)).toThrow(ConfigError);
    expect(() => parseDocument(document)).toThrow(message);
  });
});

describe('region guard, layer 2: synth', () => {
  test('the example landing zone passes', () => {
    const app = testApp();
    addLandingZone(app, exampleConfig());
    expect(() => app.synth()).not.toThrow();
  });

  test('a hand-made stack in a non-EU region fails synth', () => {
    const error = synthError((app) => {
      const stack = new Stack(app, 'HandMade', { env: { account: '333333333331', region: 'us-east-1' } });
      new s3.Bucket(stack, 'Bucket');
    });
    expect(error).toContain(RegionGuardRuleIds.StackRegion);
    expect(error).toContain('Stack HandMade is in us-east-1, outside the allowed regions (eu-north-1, eu-west-1)');
  });

  test('a hand-made stack in an EU region outside the allow-list fails synth', () => {
    const error = synthError((app) => new Stack(app, 'Frankfurt', { env: { account: '333333333331', region: 'eu-central-1' } }));
    expect(error).toContain('Stack Frankfurt is in eu-central-1, outside the allowed regions');
  });

  test('an environment-agnostic stack fails synth', () => {
    const error = synthError((app) => new Stack(app, 'Anywhere'));
    expect(error).toContain('Stack Anywhere has no resolved region');
  });

  test('a multi-Region key fails synth', () => {
    const error = synthError((app) => {
      const stack = new Stack(app, 'Keys', { env: EU_NORTH });
      new kms.Key(stack, 'Global', { enableKeyRotation: true, multiRegion: true });
    });
    expect(error).toContain(RegionGuardRuleIds.MultiRegionKey);
  });

  test('a multi-Region key made through an escape hatch still fails synth', () => {
    const error = synthError((app) => {
      const stack = new Stack(app, 'Keys', { env: EU_NORTH });
      const key = new kms.Key(stack, 'Sneaky', { enableKeyRotation: true });
      (key.node.defaultChild as kms.CfnKey).addPropertyOverride('MultiRegion', true);
    });
    expect(error).toContain(RegionGuardRuleIds.MultiRegionKey);
  });

  test('a key whose MultiRegion comes from a parameter fails synth: it could be true at deploy time', () => {
    const error = synthError((app) => {
      const stack = new Stack(app, 'Keys', { env: EU_NORTH });
      const flag = new CfnParameter(stack, 'MultiRegion', { type: 'String', allowedValues: ['true', 'false'], default: 'false' });
      const key = new kms.Key(stack, 'Maybe', { enableKeyRotation: true });
      (key.node.defaultChild as kms.CfnKey).addPropertyOverride('MultiRegion', flag.valueAsString);
    });
    expect(error).toContain(RegionGuardRuleIds.MultiRegionKey);
  });

  test('a Secrets Manager replica outside the allow-list fails synth', () => {
    const error = synthError((app) => {
      const stack = new Stack(app, 'Secrets', { env: EU_NORTH });
      new secretsmanager.Secret(stack, 'Secret', { replicaRegions: [{ region: 'us-east-1' }] });
    });
    expect(error).toContain(RegionGuardRuleIds.Replication);
    expect(error).toContain('A Secrets Manager secret replicates to us-east-1');
  });

  test.each([
    ['a bucket the app does not define', (stack: Stack) => s3.Bucket.fromBucketName(stack, 'Elsewhere', 'bucket-in-virginia')],
    ['an imported bucket ARN (an export can hold any region)', (stack: Stack) => s3.Bucket.fromBucketArn(stack, 'Imported', Fn.importValue('SomeBucketArn'))],
  ])('S3 replication to %s fails synth', (_what, destination) => {
    const error = synthError((app) => {
      const stack = new Stack(app, 'Replicating', { env: EU_NORTH });
      new s3.Bucket(stack, 'Source', { versioned: true, replicationRules: [{ destination: destination(stack), priority: 1 }] });
    });
    expect(error).toContain(RegionGuardRuleIds.Replication);
    expect(error).toContain('a bucket this app does not define: its region cannot be proven');
  });

  test('a DynamoDB global table with a replica outside the allow-list fails synth', () => {
    const error = synthError((app) => {
      const stack = new Stack(app, 'Tables', { env: EU_NORTH });
      new dynamodb.TableV2(stack, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        replicas: [{ region: 'us-west-2' }],
      });
    });
    expect(error).toContain(RegionGuardRuleIds.Replication);
    expect(error).toContain('replicates to us-west-2');
  });

  test('region guard findings cannot be acknowledged', () => {
    const error = synthError((app) => {
      const stack = new Stack(app, 'Acknowledged', { env: { account: '333333333331', region: 'us-east-1' } });
      Validations.of(stack).acknowledge({ id: RegionGuardRuleIds.StackRegion, reason: 'trying to get around the guard' });
      Validations.of(app).acknowledge({ id: `${REGION_GUARD_PLUGIN_NAME}::${RegionGuardRuleIds.StackRegion}`, reason: 'trying harder' });
    });
    expect(error).toContain(RegionGuardRuleIds.StackRegion);
  });
});

describe('region guard: replication inside the app', () => {
  function replicateTo(destinationRegion: string): string {
    return synthError((app) => {
      const target = new Stack(app, 'Target', { env: { account: '333333333331', region: destinationRegion } });
      new s3.Bucket(target, 'Replica', { bucketName: 'suveren-replica-test', versioned: true });
      const source = new Stack(app, 'Source', { env: EU_NORTH });
      new s3.Bucket(source, 'Bucket', {
        versioned: true,
        replicationRules: [{ destination: s3.Bucket.fromBucketName(source, 'Dest', 'suveren-replica-test'), priority: 1 }],
      });
    });
  }

  test('to an app-defined bucket in an allowed region, the guard has nothing to say', () => {
    const error = replicateTo('eu-west-1');
    // Synth still fails (the fixture buckets lack logging and a CMK): the nag packs ran, the guard stayed silent.
    expect(error).toContain('AwsSolutions-S1');
    expect(error).not.toContain(RegionGuardRuleIds.Replication);
  });

  test('to an app-defined bucket in a non-allowed region, synth fails naming the region', () => {
    const error = replicateTo('us-east-2');
    expect(error).toContain(RegionGuardRuleIds.Replication);
    expect(error).toContain('S3 replication to a bucket in us-east-2');
  });
});

describe('region guard: beyond top-level stacks, S3 and DynamoDB', () => {
  test('a multi-Region key in a nested stack fails synth', () => {
    const error = synthError((app) => {
      const parent = new Stack(app, 'Parent', { env: EU_NORTH });
      const nested = new NestedStack(parent, 'Nested');
      new kms.Key(nested, 'Global', { enableKeyRotation: true, multiRegion: true });
    });
    expect(error).toContain(RegionGuardRuleIds.MultiRegionKey);
  });

  test.each([
    [
      'EFS replication',
      (stack: Stack) => {
        const fs = new efs.CfnFileSystem(stack, 'Files', { encrypted: true });
        fs.replicationConfiguration = { destinations: [{ region: 'us-east-1' }] };
      },
      'An EFS file system replicates to us-east-1',
    ],
    [
      'ECR replication',
      (stack: Stack) =>
        new ecr.CfnReplicationConfiguration(stack, 'Images', {
          replicationConfiguration: { rules: [{ destinations: [{ region: 'ap-southeast-1', registryId: '333333333331' }] }] },
        }),
      'ECR replicates images to ap-southeast-1',
    ],
    [
      'an AWS Backup copy action',
      (stack: Stack) =>
        new backup.CfnBackupPlan(stack, 'Plan', {
          backupPlan: {
            backupPlanName: 'copy-out',
            backupPlanRule: [
              {
                ruleName: 'daily',
                targetBackupVault: 'local',
                copyActions: [{ destinationBackupVaultArn: 'arn:aws:backup:us-east-1:333333333331:backup-vault:elsewhere' }],
              },
            ],
          },
        }),
      'An AWS Backup plan copies recovery points to us-east-1',
    ],
  ])('%s outside the allow-list fails synth', (_what, build, message) => {
    const error = synthError((app) => build(new Stack(app, 'Replicas', { env: EU_NORTH })));
    expect(error).toContain(RegionGuardRuleIds.Replication);
    expect(error).toContain(message);
  });

  test('an EFS replica inside the allow-list is accepted by the guard', () => {
    const error = synthError((app) => {
      const fs = new efs.CfnFileSystem(new Stack(app, 'Replicas', { env: EU_NORTH }), 'Files', { encrypted: true });
      fs.replicationConfiguration = { destinations: [{ region: 'eu-west-1' }] };
    });
    // The nag packs ran (and flag the bare fixture), so the guard ran too and stayed silent.
    expect(error).toMatch(/Acknowledge with/);
    expect(error).not.toContain(RegionGuardRuleIds.Replication);
  });
});
