import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { KeyFileError, generateKeyFile } from '../client-side/tenant-key-file';
import type { EvidenceFormat } from '../evidence/write-evidence';

// Command modules load on demand: `evidence` needs aws-cdk-lib, `check-config` zod and
// yaml; a 200 MB download should carry neither.
const configModule = () => require('../config/load') as typeof import('../config/load');
const evidenceModule = () => require('../evidence/write-evidence') as typeof import('../evidence/write-evidence');
import { TIER_TABLE } from '../contracts/tiers';

/*
 * `suveren`: the commands that run on the customer's premises or in a pipeline, not in
 * AWS. Each command returns an exit code; only `main` touches the process.
 */

const USAGE = `usage: suveren <command> [options]

commands:
  check-config <file.yaml>   validate a landing-zone config and summarize its tenants
  upload --tenant <id> --file <path> [--key tenant.key] [--endpoint url] [--content-type type] [--quiet]
                             ask the tenant's upload endpoint for a slot, encrypt on this machine if the
                             tenant's tier says so, and upload
  download --tenant <id> --bucket <name> --key-id <object key> [--key tenant.key] --out <path> [--quiet]
                             download, and decrypt with --key; no partial plaintext is ever left behind
  keygen --out <file> [--name <key name>]
                             create a tenant's AES-256 wrapping key (file mode 0600); keep it on premises
  hsm create-ca | sign-csr    the crypto officer's offline CA steps for an HSM cluster (suveren hsm for details)
  evidence [--assembly cdk.out] [--config file.yaml] [--format md,json,html] [--out dir]
                             write the evidence report of a synthesized assembly
  help                       show this text
`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function checkConfig(args: string[], io: CliIo): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) {
    io.err(`suveren check-config: expected exactly one config file\n\n${USAGE}`);
    return 2;
  }
  const file = positionals[0];
  const { ConfigError, loadConfig } = configModule();
  try {
    const config = loadConfig(file);
    io.out(`${file}: OK, ${config.tenants.length} tenant${config.tenants.length === 1 ? '' : 's'} in ${config.organization.allowedRegions.join(', ')}\n`);
    for (const tenant of config.tenants) {
      io.out(`  ${tenant.id}  ${tenant.region}  ${tenant.classification} -> ${tenant.tier} (${TIER_TABLE[tenant.tier].keyCustody})\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export async function evidence(args: string[], io: CliIo): Promise<number> {
  const { EVIDENCE_FORMATS, writeEvidence } = evidenceModule();
  const { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } = configModule();
  const { values } = parseArgs({
    args,
    options: {
      assembly: { type: 'string', default: 'cdk.out' },
      config: { type: 'string' },
      format: { type: 'string', default: EVIDENCE_FORMATS.join(',') },
      out: { type: 'string' },
    },
  });
  const formats = values.format.split(',').map((f) => f.trim());
  const unknown = formats.filter((f) => !(EVIDENCE_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) {
    io.err(`suveren evidence: unknown format ${unknown.join(', ')}; use one or more of ${EVIDENCE_FORMATS.join(', ')}\n`);
    return 2;
  }
  const configFile = values.config || process.env.SUVEREN_CONFIG || DEFAULT_CONFIG_FILE;
  try {
    const { report, files } = await writeEvidence({
      assemblyDir: values.assembly,
      config: loadConfig(configFile),
      configFile,
      formats: formats as EvidenceFormat[],
      outDir: values.out,
    });
    for (const file of files) io.out(`wrote ${file}\n`);
    io.out(`${report.summary.tenantCount} tenants; compliance gates ${report.summary.gatesPassed ? 'passed' : 'FAILED'}; access matrix ${report.summary.accessMatrix}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    if (e instanceof Error && /is not a cloud assembly/.test(e.message)) {
      io.err(`suveren evidence: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export function keygen(args: string[], io: CliIo): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, name: { type: 'string' } } });
  if (!values.out) {
    io.err('suveren keygen: --out <file> is required, e.g. suveren keygen --out tenant.key\n');
    return 2;
  }
  const keyName = values.name ?? `${path.basename(values.out).replace(/\.[^.]*$/, '').replace(/[^\w.:-]/g, '-')}-${new Date().toISOString().slice(0, 10)}`;
  try {
    generateKeyFile(values.out, keyName);
  } catch (e) {
    if (e instanceof KeyFileError) {
      io.err(`suveren keygen: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  io.out(`wrote ${values.out} (AES-256, key name ${keyName}, mode 0600). Back it up offline: objects encrypted under it cannot be read without it.\n`);
  return 0;
}

export async function run(argv: string[], io: CliIo = processIo, isTty = Boolean(process.stderr.isTTY)): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'upload':
        // Loaded on demand: a transfer does not need the config or CDK modules.
        return await (require('./transfer-commands') as typeof import('./transfer-commands')).uploadCommand(rest, io, isTty);
      case 'download':
        return await (require('./transfer-commands') as typeof import('./transfer-commands')).downloadCommand(rest, io, isTty);
      case 'check-config':
        return checkConfig(rest, io);
      case 'evidence':
        return await evidence(rest, io);
      case 'keygen':
        return keygen(rest, io);
      case 'hsm':
        return (require('./hsm-commands') as typeof import('./hsm-commands')).hsmCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`suveren: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    // Bad flags (parseArgs) are the user's to fix: say so, no stack trace.
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`suveren ${command}: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

export function main(): void {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    },
  );
}
