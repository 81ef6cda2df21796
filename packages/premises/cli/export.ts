import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { KEY_OPTIONS, resolveKeys, resolveRecoveryPrivateKey } from './key-options';
import { failSoftly, progressReporter } from './transfer-feedback';
import { ExportError } from '../export/export-tenant';
import { MANIFEST_FILE, SUMMARY_FILE } from '../export/manifest';

/*
 * `suveren export`: a tenant's accepted objects out of its bucket, as its reader, into a
 * directory with a manifest, SHA256SUMS and a summary; `suveren export verify <dir>`
 * checks one offline (docs/exit.md). Exit 0: complete and verified; 1: something was not
 * exported or does not verify (what is written stays); 2: a usage error.
 */

export async function exportCommand(args: string[], io: CliIo, isTty: boolean): Promise<number> {
  if (args[0] === 'verify') return verifyCommand(args.slice(1), io);
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      bucket: { type: 'string' },
      'quarantine-bucket': { type: 'string' },
      out: { type: 'string' },
      'all-versions': { type: 'boolean', default: false },
      decrypt: { type: 'boolean', default: false },
      ...KEY_OPTIONS,
      'recovery-key': { type: 'string' },
      config: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const bucket = values.bucket ?? process.env.SUVEREN_BUCKET;
  if (!values.tenant || !bucket || !values.out) {
    io.err('suveren export: --tenant, --bucket (or SUVEREN_BUCKET: the DataBucket output of the tenant stack) and --out <dir> are required\n');
    return 2;
  }
  const keyFlags = [values.key, values['key-label'], values['recovery-key']].some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0));
  if (values.decrypt !== keyFlags) {
    io.err(
      values.decrypt
        ? 'suveren export: --decrypt needs the keys: --key <file>, --pkcs11-module with --token and --key-label, or --recovery-key <pem>\n'
        : 'suveren export: keys are only used with --decrypt: add --decrypt, or leave the keys out to export the ciphertext as stored\n',
    );
    return 2;
  }
  return failSoftly(io, 'export', async () => {
    let noncurrentExpirationDays: number | undefined;
    if (values.config) {
      // Loaded only here: an export without --config carries no config code.
      const { loadConfig } = require('@suveren/core/config/load') as typeof import('@suveren/core/config/load');
      const tenant = loadConfig(values.config).tenants.find((t) => t.id === values.tenant);
      if (!tenant) throw new ExportError(`${values.config} has no tenant "${values.tenant}"`);
      noncurrentExpirationDays = tenant.noncurrentVersionExpirationDays;
    }
    const keys = values.decrypt ? await resolveKeys(values) : undefined;
    try {
      if (values['recovery-key']) keys!.keyrings.push(await resolveRecoveryPrivateKey(values['recovery-key']));
      const { exportTenant } = require('../export/export-tenant') as typeof import('../export/export-tenant');
      const { summary, failures } = await exportTenant({
        tenantId: values.tenant!,
        bucket,
        quarantineBucket: values['quarantine-bucket'],
        out: values.out!,
        allVersions: values['all-versions'],
        decryptKeys: keys?.keyrings,
        noncurrentExpirationDays,
        onProgress: progressReporter(io, values.quiet, isTty),
      });
      for (const failure of failures) io.err(`suveren export: ${failure}\n`);
      const c = summary.counts;
      io.out(
        `${failures.length === 0 ? 'exported' : 'INCOMPLETE:'} ${c.exported} versions (${summary.exportedBytes} bytes${summary.plaintextFiles > 0 ? `, ${summary.plaintextFiles} decrypted` : ''}), ` +
          `${c['delete-marker']} delete markers, ${c.skipped} skipped (pending or not accepted), ${c.quarantined} quarantined listed apart\n` +
          `listed at ${summary.listedAt}; ${MANIFEST_FILE} SHA-256 ${summary.manifestSha256} (in ${SUMMARY_FILE}: keep it with the exit record)\n`,
      );
      if (failures.length > 0) {
        io.err(`suveren export: ${failures.length} version(s) not exported; nothing written was deleted: fix the cause and run the same command again\n`);
        return 1;
      }
      return 0;
    } finally {
      keys?.close();
    }
  });
}

async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) {
    io.err('suveren export verify: name the export directory: suveren export verify <dir>\n');
    return 2;
  }
  const { verifyExport } = require('../export/export-tenant') as typeof import('../export/export-tenant');
  const problems = await verifyExport(positionals[0]);
  for (const problem of problems) io.err(`suveren export verify: ${problem}\n`);
  if (problems.length > 0) return 1;
  io.out(`${positionals[0]}: every file matches the manifest, SHA256SUMS and the summary\n`);
  return 0;
}
