/*
 * `npm run bench`: the performance table. Not a test: it measures and prints, and
 * writes bench/results.json so figures can be compared across commits.
 *
 * Measured today:
 * - the default synth (what `npx cdk synth` runs: every validation plugin, the evidence
 *   report with its access matrix) of configs with 1, 50 and 290 tenants (mixed tiers,
 *   several regions and HSM clusters) and 1,100 in the example's shape, each with the
 *   example's deployment section (Suveren-Pipeline and Suveren-Bootstrap) and in a fresh
 *   process: wall time, peak RSS, templates written, resources per tenant stack;
 * - the example's default synth, and 1,100 tenants as a multiple of it;
 * - `suveren plan` of the example against baselines/example, as a multiple of its synth;
 * - the evidence report's share of the example's synth time (synth with SUVEREN_EVIDENCE=off);
 * - each Lambda bundle's size and cold init time;
 * - client-side encryption throughput against raw AES-256-GCM.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONFIG_FILE, loadConfig } from '@suveren/core/config/load';
import { writeEvidence } from '../lib/evidence/write-evidence';
import { generatedTenants, hsmClustersFor } from '../test/support/generated-tenants';
import { packAndInstallPremises } from '../test/support/premises-artifact';
import type { encryptionThroughput } from './encryption-throughput';
import type { xksLatency } from './xks-latency';
import type { exportThroughput } from './export-throughput';
import type { drillThroughput } from './drill-throughput';
import { appNodeOptions } from './app-command';
import { lambdaBundles } from './lambda-bundles';

const ROOT = path.join(__dirname, '..');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-bench-'));
const REGIONS = ['eu-north-1', 'eu-west-1', 'eu-central-1'];

interface SynthRun {
  wallMs: number;
  maxRssMb: number;
  templates: number;
  outdir: string;
}

/** One synth in a fresh Node process, as `cdk synth` runs the app. */
function synth(configFile: string, label: string, env: Record<string, string> = {}): SynthRun {
  const outdir = path.join(TMP, `${label}-${Math.random().toString(36).slice(2, 8)}`);
  const rusage = path.join(TMP, `${path.basename(outdir)}.rusage.json`);
  const start = performance.now();
  // As cdk.json runs the app: its Node.js options, and TypeScript through scripts/register-ts.js.
  const child = spawnSync(process.execPath, [...appNodeOptions(), '-r', path.join(ROOT, 'scripts', 'register-ts.js'), path.join(__dirname, 'synth-child.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_OUTDIR: outdir, SUVEREN_CONFIG: configFile, BENCH_RUSAGE_FILE: rusage, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`synth of ${label} failed (exit ${child.status}):\n${child.stderr.slice(-4000)}`);
  const { maxRssKb } = JSON.parse(fs.readFileSync(rusage, 'utf8')) as { maxRssKb: number };
  const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).length;
  return { wallMs, maxRssMb: maxRssKb / 1024, templates, outdir };
}

/** The example config's deployment section, as written in config/example.yaml. */
const EXAMPLE = parse(fs.readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as { deployment: object; identityCenter: object };
const EXAMPLE_DEPLOYMENT = EXAMPLE.deployment;
/** The example's IAM Identity Center: the generated tenants' groups are assigned through it, as in the default synth. */
const EXAMPLE_IDENTITY_CENTER = EXAMPLE.identityCenter;

/** Writes a config of these clusters and tenants under the bench's organization; returns its path. */
function writeConfig(name: string, hsmClusters: readonly object[], tenants: readonly object[]): string {
  const file = path.join(TMP, `${name}.yaml`);
  fs.writeFileSync(
    file,
    stringify({
      organization: {
        organizationId: 'o-a1b2c3d4e5',
        managementAccount: '111111111111',
        allowedRegions: REGIONS,
        guardrailTargets: ['ou-abcd-11111111'],
        breakGlassRoleName: 'suveren-break-glass',
      },
      identityCenter: EXAMPLE_IDENTITY_CENTER,
      audit: { account: '222222222222', region: 'eu-north-1', retentionDays: 2555 },
      keyCustody: { hsmClusters },
      // The example's pipeline: an organization deploys through it, so the default synth has it.
      deployment: EXAMPLE_DEPLOYMENT,
      tenants,
    }),
  );
  return file;
}

/** A config with `count` tenants across three regions, every classification, an HSM cluster per region. */
function generatedConfig(count: number): string {
  return writeConfig(`tenants-${count}`, hsmClustersFor(REGIONS), generatedTenants(count, REGIONS));
}

/**
 * The example's shape at `count` tenants: every classification in turn over three
 * regions, and every `hsm` tenant on one cluster in eu-north-1, as the example's
 * single `nordic` cluster serves them.
 */
function exampleShapedConfig(count: number): string {
  let hsmTenants = 0;
  const tenants = generatedTenants(count, REGIONS).map((tenant) => {
    if (tenant.classification !== 'confidential') return tenant;
    // The cluster's own stack holds 200 provisioner roles; the config names the shard of the rest.
    const shard = 1 + Math.floor(hsmTenants++ / 200);
    return { ...tenant, region: 'eu-north-1', hsmCluster: 'nordic', ...(shard > 1 ? { provisionerShard: shard } : {}) };
  });
  const nordic = { id: 'nordic', account: '444444444444', region: 'eu-north-1', hsmType: 'hsm2m.medium', availabilityZones: 2 };
  return writeConfig(`example-shaped-${count}`, [nordic], tenants);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function resourcesPerTenant(outdir: string): number {
  const template = fs.readdirSync(outdir).find((f) => f.startsWith('Suveren-Tenant-') && f.endsWith('.template.json'));
  if (!template) return 0;
  return Object.keys((JSON.parse(fs.readFileSync(path.join(outdir, template), 'utf8')) as { Resources: Record<string, unknown> }).Resources).length;
}

/** Runs `bench/<module>.ts`'s `fn()` in a fresh Node process and returns what it resolves to (written as JSON). */
function measureInChild<T>(module: string, fn: string, what: string, env: Record<string, string> = {}): T {
  const run = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-e', `require('./bench/${module}').${fn}().then((r) => process.stdout.write(JSON.stringify(r)))`],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } },
  );
  if (run.status !== 0) throw new Error(`${what} benchmark failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_TENANTS ?? '1,50,290').split(',').map(Number);
  const scale = sizes.map((tenants) => {
    // The default synth: no switch, so the evidence report and its access matrix are on.
    const run = synth(generatedConfig(tenants), `tenants-${tenants}`);
    console.error(`  synthesized ${tenants} tenants in ${(run.wallMs / 1000).toFixed(1)} s`);
    return { tenants, wallS: run.wallMs / 1000, maxRssMb: run.maxRssMb, templates: run.templates, resourcesPerTenant: resourcesPerTenant(run.outdir) };
  });
  // Every Nordic municipality: 1,100 tenants in the example's shape (BENCH_LARGE=0 skips it).
  const large =
    process.env.BENCH_LARGE === '0'
      ? undefined
      : (() => {
          const tenants = 1100;
          const run = synth(exampleShapedConfig(tenants), `example-shaped-${tenants}`);
          console.error(`  synthesized ${tenants} tenants (example's shape) in ${(run.wallMs / 1000).toFixed(1)} s`);
          return { tenants, wallS: run.wallMs / 1000, maxRssMb: run.maxRssMb, templates: run.templates, resourcesPerTenant: resourcesPerTenant(run.outdir) };
        })();
  const marginal = scale.length >= 2 ? ((scale[scale.length - 1].wallS - scale[0].wallS) * 1000) / (scale[scale.length - 1].tenants - scale[0].tenants) : null;

  // The example's default synth (3 runs), and the plan of it against the committed baseline (3 runs).
  const defaultRuns = [0, 1, 2].map(() => synth(DEFAULT_CONFIG_FILE, 'example-default'));
  const defaultSynthMs = median(defaultRuns.map((r) => r.wallMs));
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.js')], { stdio: 'inherit' });
  const planMs = median(
    defaultRuns.map((run) => {
      const start = performance.now();
      const plan = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'bin', 'suveren-cli.js'),
          'plan',
          '--baseline',
          path.join(ROOT, 'baselines', 'example'),
          '--assembly',
          run.outdir,
          '--config',
          DEFAULT_CONFIG_FILE,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      if (plan.status !== 0) throw new Error(`suveren plan of the example exited ${plan.status}: ${plan.stderr}`);
      return performance.now() - start;
    }),
  );

  // The evidence report's share of the example's synth: synth without it (3 runs), then
  // generating it from one of those assemblies (5 runs, in this process).
  const exampleRuns = [0, 1, 2].map(() => synth(DEFAULT_CONFIG_FILE, 'example', { SUVEREN_EVIDENCE: 'off' }));
  const synthMs = median(exampleRuns.map((r) => r.wallMs));
  const config = loadConfig(DEFAULT_CONFIG_FILE);
  const evidenceTimes = async (accessMatrix: boolean) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await writeEvidence({ assemblyDir: exampleRuns[0].outdir, config, configFile: 'config/example.yaml', outDir: path.join(TMP, 'evidence'), accessMatrix });
      runs.push(performance.now() - start);
    }
    return runs;
  };
  const evidenceRuns = await evidenceTimes(false);
  const matrixMs = median(await evidenceTimes(true)) - median(evidenceRuns);
  const evidenceMs = median(evidenceRuns);

  // Each in a fresh process: this one holds the CDK libraries and hundreds of MB of synth
  // garbage, which slowed the (JavaScript-heavy) Encryption SDK side by half.
  const encryption = measureInChild<Awaited<ReturnType<typeof encryptionThroughput>>>('encryption-throughput', 'encryptionThroughput', 'encryption');
  // The proxy runs from the premises release artifact, installed as a key host installs it and run as systemd runs it.
  const premises = packAndInstallPremises();
  let xks: Awaited<ReturnType<typeof xksLatency>>;
  try {
    xks = measureInChild('xks-latency', 'xksLatency', 'XKS proxy', { BENCH_XKS_BIN: premises.bin });
  } finally {
    premises.remove();
  }
  const bundles = lambdaBundles();
  const exported = measureInChild<Awaited<ReturnType<typeof exportThroughput>>>('export-throughput', 'exportThroughput', 'export');
  const drilled = measureInChild<Awaited<ReturnType<typeof drillThroughput>>>('drill-throughput', 'drillThroughput', 'drill');

  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`suveren bench on ${machine}\n`);
  console.log('| tenants | synth wall (s) | peak RSS (MB) | templates | resources per tenant stack |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const s of scale) console.log(`| ${s.tenants} | ${s.wallS.toFixed(1)} | ${s.maxRssMb.toFixed(0)} | ${s.templates} | ${s.resourcesPerTenant} |`);
  if (large) {
    console.log(
      `| ${large.tenants} (example's shape: every hsm tenant on one cluster) | ${large.wallS.toFixed(1)} | ${large.maxRssMb.toFixed(0)} | ${large.templates} | ${large.resourcesPerTenant} |`,
    );
  }
  if (marginal !== null) console.log(`\nmarginal cost per tenant: ${marginal.toFixed(0)} ms`);
  console.log('\n| example: default synth (median of 3) | 1,100 tenants / example | suveren plan of the example (median of 3) | plan / example synth |');
  console.log('|---:|---:|---:|---:|');
  console.log(
    `| ${(defaultSynthMs / 1000).toFixed(2)} s | ${large ? `${((large.wallS * 1000) / defaultSynthMs).toFixed(1)}x` : '-'} | ${(planMs / 1000).toFixed(2)} s | ${(planMs / defaultSynthMs).toFixed(2)}x |`,
  );
  console.log(`\n| example synth (median of 3, SUVEREN_EVIDENCE=off) | evidence report (median of 5) | share | access matrix (IAM evaluator) per tenant |`);
  console.log('|---:|---:|---:|---:|');
  console.log(
    `| ${(synthMs / 1000).toFixed(2)} s | ${evidenceMs.toFixed(0)} ms | ${((evidenceMs / synthMs) * 100).toFixed(1)} % | ${(matrixMs / config.tenants.length).toFixed(0)} ms |`,
  );

  console.log('\n| Lambda function | bundle (KB) | cold init (ms, require in a fresh process) |');
  console.log('|---|---:|---:|');
  for (const b of bundles) console.log(`| ${b.functionType} | ${b.bundleKb.toFixed(0)} | ${b.initMs.toFixed(0)} |`);
  console.log(
    `\n| client-side encryption of a ${encryption.fileMiB} MiB file (suveren upload stage) | MiB/s | vs raw AES-256-GCM (${encryption.rawMiBs.toFixed(0)} MiB/s, same run) | HSM calls per message | ms per HSM call |`,
  );
  console.log('|---|---:|---:|---:|---:|');
  for (const row of encryption.rows) {
    console.log(
      `| ${row.variant} | ${row.miBs.toFixed(0)} | ${row.ratio.toFixed(2)}x | ${row.hsmCallsPerMessage?.toFixed(0) ?? '-'} | ${row.msPerHsmCall?.toFixed(3) ?? '-'} |`,
    );
  }

  console.log('\n| XKS proxy on SoftHSM (TLS, SigV4), from the installed premises artifact | concurrent clients | p50 (ms) | p99 (ms) | requests/s |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of xks.rows)
    console.log(`| ${row.operation} | ${row.concurrency} | ${row.p50Ms.toFixed(2)} | ${row.p99Ms.toFixed(2)} | ${row.requestsPerSecond.toFixed(0)} |`);
  const k = xks.killSwitch;
  console.log(
    '\n| XKS kill switch under load (32 clients decrypting) | seal command (ms) | first refusal after it returned (ms) | served during the command | served after it returned | refused in the next second |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(
    `| suveren xks-proxy seal, another process | ${k.sealCommandMs.toFixed(0)} | ${k.firstRefusalMs.toFixed(1)} | ${k.servedDuringSeal} | ${k.servedAfterSeal} | ${k.refused} |`,
  );

  console.log(
    `\n| suveren export, the built CLI (${exported.objects} objects of ${exported.objectMiB} MiB, moto_server) | MiB/s | plain GetObject to a file, same moto, same run (MiB/s) | export / plain |`,
  );
  console.log('|---|---:|---:|---:|');
  console.log(
    `| listing, tag and HeadObject per version, SHA-256 and CRC64NVME, fsync, manifest | ${exported.exportMiBs.toFixed(0)} | ${exported.plainGetMiBs.toFixed(0)} | ${exported.ratio.toFixed(2)}x |`,
  );

  console.log(
    `\n| suveren continuity drill, the built CLI (${drilled.objects} objects of ${drilled.objectKiB} KiB, every one sampled, moto_server) | objects verified per second | MiB/s read back | wall (s) |`,
  );
  console.log('|---|---:|---:|---:|');
  console.log(
    `| two listings, HeadObject of the source and the replica read whole per object, SHA-256 and CRC64NVME | ${drilled.objectsPerSecond.toFixed(0)} | ${drilled.miBs.toFixed(1)} | ${drilled.seconds.toFixed(2)} |`,
  );

  const results = {
    machine,
    scale,
    exampleShaped: large ?? null,
    marginalMsPerTenant: marginal,
    exampleDefault: { synthMs: defaultSynthMs, planMs, largeRatio: large ? (large.wallS * 1000) / defaultSynthMs : null, planRatio: planMs / defaultSynthMs },
    example: { synthMs, evidenceMs, evidenceShare: evidenceMs / synthMs, accessMatrixMsPerTenant: matrixMs / config.tenants.length },
    encryption,
    xks,
    bundles,
    export: exported,
    drill: drilled,
  };
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.rmSync(TMP, { recursive: true, force: true });
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
