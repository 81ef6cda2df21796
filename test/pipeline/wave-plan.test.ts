import {
  CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES,
  CODEPIPELINE_MAX_ACTIONS_PER_STAGE,
  CODEPIPELINE_MAX_STAGES,
} from '@suveren/core/contracts/pipeline-limits';
import {
  AUDIT_STACK_ID,
  GUARDRAILS_STACK_ID,
  PIPELINE_STACK_ID,
  keyCustodyProvisionersStackId,
  keyCustodyStackId,
  tenantStackId,
} from '@suveren/core/contracts/names';
import { MAX_TENANT_WAVES, STAGES_BEFORE_DEPLOY } from '@suveren/core/contracts/pipeline-limits';
import { type PlannedStack, WavePlanError, planDeployStages } from '../../lib/pipeline/wave-plan';

/**
 * A landing zone's stacks as addLandingZone creates them: every fourth tenant `hsm` on one
 * of two clusters (200 provisioner roles per stack, the rest in shards), every fourth
 * `external` on one of two stores, the others in their own accounts.
 */
function landingZone(tenants: number): PlannedStack[] {
  const stacks: PlannedStack[] = [
    { id: PIPELINE_STACK_ID, role: 'pipeline', dependsOn: [] },
    { id: AUDIT_STACK_ID, role: 'audit', dependsOn: [] },
    { id: GUARDRAILS_STACK_ID, role: 'guardrails', dependsOn: [] },
  ];
  const clusters = ['nordic', 'central'];
  const stores = ['riksarkivet-xks', 'digdir-xks'];
  for (const c of clusters) stacks.push({ id: keyCustodyStackId(c), role: 'key-custody', dependsOn: [] });
  for (const s of stores) stacks.push({ id: keyCustodyStackId(s), role: 'key-custody', dependsOn: [] });
  const hsmCount = new Map<string, number>();
  const shards = new Set<string>();
  for (let i = 0; i < tenants; i++) {
    const id = tenantStackId(`kommun-${String(i).padStart(4, '0')}`);
    if (i % 4 === 1) {
      const cluster = clusters[i % 8 === 1 ? 0 : 1];
      const n = hsmCount.get(cluster) ?? 0;
      hsmCount.set(cluster, n + 1);
      const shard = 1 + Math.floor(n / 200);
      const dependsOn = [keyCustodyStackId(cluster)];
      if (shard > 1) {
        const shardId = keyCustodyProvisionersStackId(cluster, shard);
        if (!shards.has(shardId)) stacks.push({ id: shardId, role: 'provisioners', dependsOn: [] });
        shards.add(shardId);
        dependsOn.push(shardId);
      }
      stacks.push({ id, role: 'tenant', dependsOn });
    } else if (i % 4 === 3) {
      stacks.push({ id, role: 'tenant', dependsOn: [keyCustodyStackId(stores[i % 8 === 3 ? 0 : 1])] });
    } else {
      stacks.push({ id, role: 'tenant', dependsOn: [] });
    }
  }
  return stacks;
}

const deployed = (stages: ReturnType<typeof planDeployStages>) => stages.flatMap((s) => s.actions.flatMap((a) => a.stacks));

describe('the wave planner (pure)', () => {
  test.each([
    [1, 25, 10],
    [290, 25, 10],
    [1100, 25, 10],
    [1100, 10, 5],
    [1100, 240, 10],
  ])('%i tenants in waves of %i, %i at a time: every stack once, in order, within every limit', (tenants, waveSize, concurrency) => {
    const stacks = landingZone(tenants);
    const stages = planDeployStages(stacks, { waveSize, concurrency });
    // Every stack exactly once.
    expect(deployed(stages).sort()).toEqual(stacks.map((s) => s.id).sort());
    // The order: audit after the change approval, guardrails after the organization's, custody before any tenant.
    expect(stages.slice(0, 4).map((s) => [s.name, s.approval])).toEqual([
      ['Pipeline', 'changes'],
      ['Audit', undefined],
      ['Guardrails', 'organization'],
      ['KeyCustody', undefined],
    ]);
    const custody = stages[3].actions;
    expect(custody.filter((a) => a.stacks[0].includes('-Provisioners-')).every((a) => a.runOrder === 2)).toBe(true);
    expect(custody.filter((a) => !a.stacks[0].includes('-Provisioners-')).every((a) => a.runOrder === 1)).toBe(true);
    // The limits, each cited in packages/core/contracts/pipeline-limits.ts.
    expect(stages.length + STAGES_BEFORE_DEPLOY).toBeLessThanOrEqual(CODEPIPELINE_MAX_STAGES);
    for (const stage of stages) {
      expect(stage.actions.length).toBeLessThanOrEqual(CODEPIPELINE_MAX_ACTIONS_PER_STAGE);
      for (const action of stage.actions) {
        expect(action.budgetMinutes).toBeLessThanOrEqual(CODEPIPELINE_CODEBUILD_ACTION_TIMEOUT_MINUTES);
        expect(action.stacks.length).toBeLessThanOrEqual(stage.name.startsWith('Tenants') ? waveSize : 1);
        expect(action.name.length).toBeLessThanOrEqual(100);
      }
      expect(new Set(stage.actions.map((a) => a.name)).size).toBe(stage.actions.length);
    }
    const waves = stages.filter((s) => s.name.startsWith('Tenants')).flatMap((s) => s.actions);
    expect(waves).toHaveLength(Math.ceil(tenants / waveSize));
  });

  test('1,100 tenants in waves of 10 need 110 waves: three tenant stages of at most 50 sequential actions', () => {
    const stages = planDeployStages(landingZone(1100), { waveSize: 10, concurrency: 5 });
    expect(stages.filter((s) => s.name.startsWith('Tenants')).map((s) => [s.name, s.actions.length])).toEqual([
      ['Tenants-1', 50],
      ['Tenants-2', 50],
      ['Tenants-3', 10],
    ]);
  });

  test('a stack whose dependency is not deployed, or deployed later, is refused', () => {
    const stacks = landingZone(3);
    expect(() =>
      planDeployStages([...stacks, { id: tenantStackId('orphan'), role: 'tenant', dependsOn: ['Suveren-KeyCustody-gone'] }], { waveSize: 5, concurrency: 2 }),
    ).toThrow('depends on Suveren-KeyCustody-gone, which the assembly does not deploy');
    // A tenant that depends on another tenant of the same wave would deploy beside it, not after it.
    const a = tenantStackId('a-first');
    expect(() =>
      planDeployStages([...stacks, { id: a, role: 'tenant', dependsOn: [] }, { id: tenantStackId('b-second'), role: 'tenant', dependsOn: [a] }], {
        waveSize: 10,
        concurrency: 2,
      }),
    ).toThrow(/would deploy before Suveren-Tenant-a-first/);
  });

  test('limits are refused with the reason: a wave that outlasts the action timeout, too many waves, a bad concurrency', () => {
    expect(() => planDeployStages(landingZone(2), { waveSize: 500, concurrency: 10 })).toThrow(WavePlanError);
    expect(() => planDeployStages(landingZone(2), { waveSize: 500, concurrency: 10 })).toThrow(/over CodePipeline's 480 for a CodeBuild action/);
    expect(() => planDeployStages(landingZone(MAX_TENANT_WAVES + 1), { waveSize: 1, concurrency: 1 })).toThrow(/exceed the 2200 one pipeline holds/);
    expect(() => planDeployStages(landingZone(2), { waveSize: 5, concurrency: 0 })).toThrow(/concurrency 0/);
  });
});
