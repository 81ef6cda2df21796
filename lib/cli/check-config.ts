import { parseArgs } from 'node:util';
import { tierDefinition } from '@suveren/core/tiers';
import type { CliIo } from '@suveren/premises/cli/io';
import { USAGE } from './usage';

/* `suveren check-config <file.yaml>`: validates a landing-zone config and summarizes its tenants. */

// Loaded on demand: zod and yaml are not needed by the other commands.
const configModule = () => require('@suveren/core/config/load') as typeof import('@suveren/core/config/load');

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
      io.out(`  ${tenant.id}  ${tenant.region}  ${tenant.classification} -> ${tenant.tier} (${tierDefinition(tenant.tier).description.keyCustody})\n`);
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
