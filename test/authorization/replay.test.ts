import type { AssemblyStack } from '../../lib/assembly/cloud-assembly';
import * as path from 'node:path';
import { loadConfig } from '@suveren/core/config/load';
import { REPO_ROOT, exampleConfig, exampleConfigDocument, parseDocument } from '../helpers';
import { ENGINE_GAPS, allRows, evaluatorFor, replay, unexpected } from '../support/replay';
import { synthesizedStacks } from '../support/authorized-moto';
import { type Statement, bucketPolicyStatements, mutated, withIfExistsPinning } from '../support/mutations';

/*
 * The replay table (test/support/replay.ts) on the freshly synthesized templates of the
 * example: every run-time, deploy-time and audit-delivery call allowed, every attack
 * denied, by a real IAM evaluator (@cloud-copilot/iam-simulate).
 */

const config = exampleConfig();
const stacks = synthesizedStacks(config);

test('every row of the replay table is decided as expected on the example', async () => {
  const evaluator = evaluatorFor(stacks, config);
  const results = await replay(evaluator, allRows(evaluator, config));
  expect(unexpected(results)).toEqual([]);
  // At least 50 rows per tier, and the key-custody, audit and deploy-time groups.
  for (const tenant of config.tenants) expect(results.filter((r) => r.row.group.startsWith(`tenant ${tenant.id}`)).length).toBeGreaterThanOrEqual(50);
  for (const group of ['key custody', 'audit delivery', 'deploy time']) expect(results.some((r) => r.row.group.startsWith(group))).toBe(true);
  // Each tenant with a replica (docs/continuity.md): its replication role, readers and attacks.
  for (const tenant of config.tenants.filter((t) => t.continuity))
    expect(results.filter((r) => r.row.group.startsWith(`replica ${tenant.id}`)).length).toBeGreaterThanOrEqual(35);
  expect(results.filter((r) => r.row.expected === 'deny').length).toBeGreaterThan(100);
});

test('the known engine gap still exists, and the template carries the condition the engine cannot evaluate', async () => {
  const evaluator = evaluatorFor(stacks, config);
  const results = await replay(evaluator, allRows(evaluator, config));
  for (const name of Object.keys(ENGINE_GAPS)) {
    const result = results.find((r) => `${r.row.group}: ${r.row.name}` === name)!;
    // If this starts passing, the engine closed the gap: drop the entry from ENGINE_GAPS.
    expect(result.allowed).toBe(false);
  }
  const audit = stacks.find((s) => s.id === 'Suveren-Audit')!;
  const trailKey = Object.values(audit.resources).find((r) => r.Type === 'AWS::KMS::Key')!;
  const statement = (trailKey.Properties!.KeyPolicy as { Statement: { Sid?: string; Condition?: unknown }[] }).Statement.find(
    (s) => s.Sid === 'CloudTrailEncryptsOrganizationLogs',
  )!;
  expect(statement.Condition).toEqual({
    StringLike: {
      'kms:EncryptionContext:aws:cloudtrail:arn': ['111111111111', '222222222222'].map((a) => `arn:aws:cloudtrail:*:${a}:trail/suveren-organization-trail`),
    },
    StringEquals: { 'aws:SourceArn': ['111111111111', '222222222222'].map((a) => `arn:aws:cloudtrail:eu-north-1:${a}:trail/suveren-organization-trail`) },
  });
});

test('the same table holds on a second config: other regions, accounts, organization and tenants', async () => {
  type Document = {
    organization: Record<string, unknown>;
    identityCenter: Record<string, unknown>;
    audit: Record<string, unknown>;
    keyCustody: { hsmClusters: Record<string, unknown>[] };
    deployment: Record<string, unknown>;
    tenants: Record<string, unknown>[];
  };
  const document = exampleConfigDocument() as unknown as Document;
  document.organization = {
    ...document.organization,
    organizationId: 'o-z9y8x7w6v5',
    managementAccount: '710000000001',
    homeRegion: 'eu-central-1',
    allowedRegions: ['eu-central-1', 'eu-west-3'],
  };
  document.audit = { ...document.audit, account: '710000000002', region: 'eu-central-1' };
  document.identityCenter = { ...document.identityCenter, homeRegion: 'eu-central-1', delegatedAdministrator: '710000000006' };
  document.deployment = {
    ...document.deployment,
    account: '710000000005',
    region: 'eu-central-1',
    source: { s3: { objectKey: 'releases/suveren.zip', releasePrincipals: ['arn:aws:iam::710000000005:role/release-publisher'] } },
  };
  document.keyCustody.hsmClusters[0] = { ...document.keyCustody.hsmClusters[0], id: 'central', account: '710000000003', region: 'eu-west-3' };
  document.tenants = document.tenants.map((t: Record<string, unknown>, i: number) => ({
    ...t,
    id: `${String(t.id)}-2`,
    account: `71000000001${i}`,
    region: i === 2 ? 'eu-central-1' : 'eu-west-3',
    ...(t.hsmCluster ? { hsmCluster: 'central' } : {}),
    // The replica in the second config's other region and a replica account of the tenant's, under GOVERNANCE-mode Object Lock.
    ...(t.continuity ? { continuity: { replicaRegion: 'eu-central-1', replicaAccount: `71000000002${i}`, objectLock: { mode: 'GOVERNANCE', days: 30 } } } : {}),
  }));
  // An organization on Control Tower: its recorders stay, and its execution role manages them.
  (document as unknown as { conformance: object }).conformance = { recorders: 'existing', recorderManagerRoleNames: ['AWSControlTowerExecution'] };
  const second = parseDocument(document);
  const evaluator = evaluatorFor(synthesizedStacks(second), second);
  const results = await replay(evaluator, allRows(evaluator, second));
  expect(unexpected(results)).toEqual([]);
  expect(results.length).toBeGreaterThan(200);
  expect(results.filter((r) => r.row.name.includes("replica's Object Lock")).length).toBe(4);
  expect(results.filter((r) => r.row.name.startsWith('replica account administrator')).length).toBe(2);
});

test('the same table holds on the sovereign-cloud example (aws-eusc: no RCP, endpoints under amazonaws.eu)', async () => {
  const sovereign = loadConfig(path.join(REPO_ROOT, 'config', 'examples', 'sovereign-cloud.yaml'));
  const evaluator = evaluatorFor(synthesizedStacks(sovereign), sovereign);
  const results = await replay(evaluator, allRows(evaluator, sovereign));
  expect(unexpected(results)).toEqual([]);
  expect(results.length).toBeGreaterThan(250);
});

test('the same table holds on the external-key-store example: tier external, its store account and the key-origin SCP', async () => {
  const withStore = loadConfig(path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml'));
  const evaluator = evaluatorFor(synthesizedStacks(withStore), withStore);
  const results = await replay(evaluator, allRows(evaluator, withStore));
  expect(unexpected(results)).toEqual([]);
  const names = results.map((r) => `${r.row.group}: ${r.row.name}`);
  expect(names.filter((n) => n.startsWith('tenant riksarkivet (external)')).length).toBeGreaterThanOrEqual(50);
  expect(names.filter((n) => n.startsWith('external key store riksarkivet-xks:')).length).toBe(11);
  expect(names.filter((n) => n.startsWith('external key store riksarkivet-xks-west:')).length).toBe(11);
  // The replicas whose keys are in the replica region's custody places, replayed like any replica: the same rows for either tier.
  const replicaRows = (group: string) => names.filter((n) => n.startsWith(`${group}: `)).length;
  expect(replicaRows('replica riksarkivet (external)')).toBeGreaterThanOrEqual(30);
  expect(replicaRows('replica malmo-stad (hsm)')).toBe(replicaRows('replica riksarkivet (external)'));
  expect(names).toContain("external key store riksarkivet-xks: the store account's administrator reads the proxy credential");
});

/*
 * Mutation checks: each restores one defect in the synthesized templates and shows that
 * the replay catches it, naming the deciding statement where there is one.
 */
async function resultOf(mutatedStacks: AssemblyStack[], name: string) {
  const evaluator = evaluatorFor(mutatedStacks, config);
  const rows = allRows(evaluator, config).filter((r) => `${r.group}: ${r.name}` === name);
  expect(rows).toHaveLength(1);
  const [result] = await replay(evaluator, rows);
  return result;
}

/** Removes the statement `sid` from every organization policy of the stacks. */
function dropStatement(resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>, sid: string): void {
  for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::Organizations::Policy')) {
    const content = r.Properties!.Content as { Statement: Statement[] };
    content.Statement = content.Statement.filter((st) => st.Sid !== sid);
  }
}

describe('mutation checks', () => {
  const lund = 'tenant lund-kommun (standard)';

  test("widening the bootstrap deploy roles' trust to the whole deployment account: the RCP still keeps its administrator out; without the RCP statement it deploys", async () => {
    const row = "pipeline: the deployment account's administrator assumes a tenant's bootstrap deploy role (only the deploy project is trusted)";
    expect((await resultOf(stacks, row)).allowed).toBe(false);
    const widenTrust = (resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>) => {
      for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::CloudFormation::StackSet')) {
        for (const p of (r.Properties!.Parameters ?? []) as { ParameterKey: string; ParameterValue: string }[])
          if (p.ParameterKey === 'TrustedAccounts') p.ParameterValue = config.deployment!.account;
      }
    };
    const widened = await resultOf(mutated(stacks, widenTrust), row);
    expect(widened.allowed).toBe(false);
    expect(widened.deciding.join()).toContain('OnlyPipelineAssumesDeployRoles');
    const result = await resultOf(
      mutated(stacks, (resources) => {
        widenTrust(resources);
        dropStatement(resources, 'OnlyPipelineAssumesDeployRoles');
      }),
      row,
    );
    expect(result.allowed).toBe(true);
  });

  test("removing the deploy-path SCP's stack statement lets a tenant administrator update a suveren stack as its execution role", async () => {
    const row = `deploy path: a tenant account's administrator calls cloudformation:UpdateStack on Suveren-Tenant-${config.tenants[0].id} (CloudFormation would act as the stack's execution role)`;
    expect((await resultOf(stacks, row)).allowed).toBe(false);
    const result = await resultOf(
      mutated(stacks, (resources) => dropStatement(resources, 'DenyStackChangesOutsidePipeline')),
      row,
    );
    expect(result.allowed).toBe(true);
  });

  test('removing the Associate/DisassociateResourceTypes actions lets a tenant administrator blind the recorder', async () => {
    const row = "deploy path: a tenant account's administrator drops resource types from the recorder";
    const result = await resultOf(
      mutated(stacks, (resources) => {
        for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::Organizations::Policy')) {
          for (const st of (r.Properties!.Content as { Statement: Statement[] }).Statement.filter((st) => st.Sid === 'ProtectConfigRecorderSettings'))
            st.Action = (st.Action as string[]).filter((a) => !/ResourceTypes$/.test(a));
        }
      }),
      row,
    );
    expect(result.allowed).toBe(true);
  });

  test("widening the deploy project's reach (no organization condition) lets it assume a role outside the organization", async () => {
    const row = 'pipeline: the deploy project assumes a same-named role in an account outside the organization';
    expect((await resultOf(stacks, row)).allowed).toBe(false);
    const result = await resultOf(
      mutated(stacks, (resources) => {
        for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy')) {
          for (const st of (r.Properties!.PolicyDocument as { Statement: Statement[] }).Statement.filter((st) => st.Sid === 'AssumeBootstrapDeployRoles'))
            delete st.Condition;
        }
      }),
      row,
    );
    expect(result.allowed).toBe(true);
  });

  test('restoring the StringNotEqualsIfExists pinning denies every multipart part, naming DenyPutWithoutSseKms', async () => {
    const result = await resultOf(withIfExistsPinning(stacks), `${lund}: multipart: a part (no SSE headers)`);
    expect(result.allowed).toBe(false);
    expect(result.deciding.join()).toContain('DenyPutWithoutSseKms');
  });

  test('removing the SSE-C deny lets the SSE-C attack through', async () => {
    const result = await resultOf(
      mutated(stacks, (resources) => {
        for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::S3::BucketPolicy')) {
          const document = r.Properties!.PolicyDocument as { Statement: Statement[] };
          document.Statement = document.Statement.filter((s) => s.Sid !== 'DenySseC');
        }
      }),
      `${lund}: SSE-C upload`,
    );
    expect(result.allowed).toBe(true);
  });

  test('removing the DLQ key grant makes dead-letter delivery fail', async () => {
    const result = await resultOf(
      mutated(stacks, (resources) => {
        for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy')) {
          const document = r.Properties!.PolicyDocument as { Statement: Statement[] };
          document.Statement = document.Statement.filter((s) => !JSON.stringify(s.Condition ?? {}).includes('sqs.'));
        }
      }),
      `${lund}: DLQ: SQS generates the data key for the inspect role`,
    );
    expect(result.allowed).toBe(false);
  });

  test('giving the reader back an unconditioned GetObject (and no bucket-policy backstop) lets it read before acceptance', async () => {
    const result = await resultOf(
      mutated(stacks, (resources) => {
        for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::S3::BucketPolicy')) {
          const document = r.Properties!.PolicyDocument as { Statement: Statement[] };
          document.Statement = document.Statement.filter((s) => s.Sid !== 'DenyReadBeforeAcceptance');
        }
        for (const r of Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy')) {
          for (const s of (r.Properties!.PolicyDocument as { Statement: Statement[] }).Statement) {
            if (JSON.stringify(s.Condition ?? {}).includes('ExistingObjectTag')) delete s.Condition;
          }
        }
      }),
      `${lund}: reader reads before acceptance (pending)`,
    );
    expect(result.allowed).toBe(true);
  });

  test('giving the provisioner back the full administrative key-policy statement lets a tenant take over its HSM key', async () => {
    const result = await resultOf(
      mutated(stacks, (resources) => {
        for (const r of Object.values(resources).filter((r) => r.Type === 'Custom::SuverenHsmBackedKey')) {
          // The policy is JSON text inside an Fn::Join; the provisioner's statement comes first.
          const parts = (r.Properties!.KeyPolicy as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
          const first = parts.findIndex((p) => typeof p === 'string' && p.includes('"kms:CreateAlias",'));
          parts[first] = (parts[first] as string).replace('"kms:CreateAlias",', '"kms:CreateAlias","kms:DisableKey","kms:ScheduleKeyDeletion",');
        }
      }),
      'tenant malmo-stad (hsm): key custody: a tenant that took over its handler: provisioner schedules key deletion',
    );
    expect(result.allowed).toBe(true);
  });

  test('removing the digest exemption makes CloudTrail digest delivery fail', async () => {
    const result = await resultOf(
      mutated(stacks, (resources, stackId) => {
        if (stackId !== 'Suveren-Audit') return;
        for (const s of bucketPolicyStatements(resources).filter((s) => s.Sid === 'DenyPutWithoutSseKms')) {
          const exempt = s as Statement & { NotResource?: unknown; Resource?: unknown };
          exempt.Resource = {
            'Fn::Join': [
              '',
              [
                { 'Fn::GetAtt': [Object.keys(resources).find((id) => id.startsWith('ArchiveBucket') && resources[id].Type === 'AWS::S3::Bucket')!, 'Arn'] },
                '/*',
              ],
            ],
          };
          delete exempt.NotResource;
        }
      }),
      'audit delivery: CloudTrail writes a digest file (always SSE-S3)',
    );
    expect(result.allowed).toBe(false);
    expect(result.deciding.join()).toContain('DenyPutWithoutSseKms');
  });
});
