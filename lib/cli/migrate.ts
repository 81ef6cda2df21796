import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from '@suveren/premises/cli/io';

/*
 * `suveren migrate`: after a tier raise, re-keys every object version of a tenant's data
 * and quarantine buckets from the kept standard key onto the new one, as the tenant's
 * migration role. Exit 0: nothing left but versions that expire (listed with their
 * dates); 2: versions still to do (pending inspection, or failed); 1: bad input.
 */

export const MIGRATE_USAGE =
  'suveren migrate --tenant <id> --bucket <data bucket> --quarantine-bucket <bucket> --from-key <old key ARN> --to-key <new key ARN> [--method auto|update|copy] [--config file.yaml] [--out report.json] [--dry-run] [--quiet]';

const modules = () => ({
  config: require('@suveren/core/config/load') as typeof import('@suveren/core/config/load'),
  tiers: require('@suveren/core/contracts/tiers') as typeof import('@suveren/core/contracts/tiers'),
  layout: require('@suveren/core/contracts/upload-layout') as typeof import('@suveren/core/contracts/upload-layout'),
  migrate: require('../migration/migrate') as typeof import('../migration/migrate'),
  plan: require('../migration/rekey-plan') as typeof import('../migration/rekey-plan'),
  s3: require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3'),
});

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:(\d{12}):key\/[A-Za-z0-9-]+$/;

export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.err(`suveren migrate: ${message}\n`);
    return 1;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        tenant: { type: 'string' },
        bucket: { type: 'string' },
        'quarantine-bucket': { type: 'string' },
        'from-key': { type: 'string' },
        'to-key': { type: 'string' },
        method: { type: 'string', default: 'auto' },
        config: { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    return fail(`${(e as Error).message}; usage: ${MIGRATE_USAGE}`);
  }
  for (const name of ['tenant', 'bucket', 'quarantine-bucket', 'from-key', 'to-key'] as const) {
    if (!values[name])
      return fail(`--${name} is required (the stack's outputs and docs/plan.md#tier-raise say where each comes from); usage: ${MIGRATE_USAGE}`);
  }
  const fromKey = values['from-key']!;
  const toKey = values['to-key']!;
  for (const [flag, arn] of [
    ['--from-key', fromKey],
    ['--to-key', toKey],
  ] as const) {
    if (!KEY_ARN.test(arn))
      return fail(`${flag} ${arn} is not a KMS key ARN: give the full arn:aws:kms:<region>:<account>:key/<id> (S3 records the ARN, not an alias)`);
  }
  if (fromKey === toKey) return fail('--from-key and --to-key are the same key: nothing to migrate');
  if (!['auto', 'update', 'copy'].includes(values.method)) return fail(`--method ${values.method} is not a method: use auto, update or copy`);

  const m = modules();
  const configFile = values.config || process.env.SUVEREN_CONFIG || m.config.DEFAULT_CONFIG_FILE;
  let config;
  try {
    config = m.config.loadConfig(configFile);
  } catch (e) {
    if (e instanceof m.config.ConfigError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const label = path.relative(process.cwd(), configFile) || configFile;
  const tenant = config.tenants.find((t) => t.id === values.tenant);
  if (!tenant) return fail(`${label} has no tenant "${values.tenant}": use one of ${config.tenants.map((t) => t.id).join(', ')}`);
  if (!tenant.migration) {
    return fail(
      `${label}: tenant ${tenant.id} has no migration role: set tenants[].migration: true (with keepStandardKey: true) and deploy its stack first (docs/plan.md#tier-raise)`,
    );
  }
  const bucketAccount = tenant.account;
  const toKeyAccount = KEY_ARN.exec(toKey)![1];
  // UpdateObjectEncryption takes keys of the bucket owner's account unless AWS Support has
  // enabled keys of other accounts in the organization (S3 API reference); a tier-hsm or
  // tier-external key lives in the key-custody account, so auto copies.
  const method = values.method === 'auto' ? (toKeyAccount === bucketAccount ? 'update' : 'copy') : (values.method as 'update' | 'copy');

  const client = new m.s3.S3Client({ region: tenant.region });
  const done = new Map<string, number>();
  const results = await m.migrate.migrateBuckets(client, {
    buckets: [
      { name: values.bucket!, prefix: m.layout.OBJECT_PREFIX, verdictRequired: true },
      { name: values['quarantine-bucket']!, prefix: m.layout.QUARANTINE_PREFIX, verdictRequired: false },
    ],
    fromKeyArn: fromKey,
    toKeyArn: toKey,
    method,
    bucketKeyEnabled: m.tiers.usesBucketKeys(tenant.tier),
    noncurrentDays: tenant.noncurrentVersionExpirationDays,
    dryRun: values['dry-run'],
    onVersion: (r) => {
      done.set(r.outcome, (done.get(r.outcome) ?? 0) + 1);
      if (!values.quiet && r.outcome === 'failed') io.err(`  failed: s3://${r.bucket}/${r.key} version ${r.versionId}: ${r.detail ?? ''}\n`);
    },
  });
  const summary = m.plan.summarize(results);
  const report = { tenant: tenant.id, method, dryRun: values['dry-run'], fromKeyArn: fromKey, toKeyArn: toKey, summary, versions: results };
  if (values.out) {
    fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (!values.quiet) io.out(renderMigrationSummary(report));
  return summary.complete ? 0 : 2;
}

type Report = {
  tenant: string;
  method: string;
  dryRun: boolean;
  fromKeyArn: string;
  toKeyArn: string;
  summary: import('../migration/rekey-plan').MigrationSummary;
  versions: readonly import('../migration/rekey-plan').VersionResult[];
};

export function renderMigrationSummary(report: Report): string {
  const c = report.summary.counts;
  const lines = [
    `suveren migrate ${report.tenant}${report.dryRun ? ' (dry run: nothing changed)' : ''}: method ${report.method}, ${report.versions.length} versions`,
    `  re-keyed in place ${c.rekeyed}, copied ${c.copied}, copied and awaiting inspection ${c['copied-awaiting-inspection']}, already under the new key ${c.already}`,
    `  left under the old key until they expire ${c.remains + c.copied + c['copied-awaiting-inspection']}, pending inspection ${c.pending}, under another key ${c['other-key']}, failed ${c.failed}`,
  ];
  for (const v of report.versions.filter((r) => r.expires !== undefined))
    lines.push(`  expires ${v.expires!.slice(0, 10)}: s3://${v.bucket}/${v.key} version ${v.versionId} (under ${report.fromKeyArn})`);
  for (const v of report.versions.filter((r) => r.outcome === 'pending' || r.outcome === 'failed' || r.outcome === 'other-key'))
    lines.push(`  ${v.outcome}: s3://${v.bucket}/${v.key} version ${v.versionId}${v.detail ? ` (${v.detail})` : ''}`);
  lines.push(
    report.summary.complete
      ? report.summary.lastExpiry
        ? `done: the old key holds only versions that expire, the last on ${report.summary.lastExpiry.slice(0, 10)}; keep it until then (docs/plan.md#tier-raise)`
        : 'done: nothing is left under the old key; a later change may retire it (docs/plan.md#tier-raise)'
      : 'not done: run again once the inspection has decided the pending versions and the failures are fixed',
  );
  return `${lines.join('\n')}\n`;
}
