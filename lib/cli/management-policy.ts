import { parseArgs } from 'node:util';
import type { CliIo } from '@suveren/premises/cli/io';

/*
 * `suveren management-policy`: the execution policy for the management account's CDK
 * bootstrap (lib/guardrails/management-execution-policy.ts), for the config, as JSON that
 * `aws iam create-policy --policy-document` takes (docs/deploying.md).
 */
export async function managementPolicyCommand(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { config: { type: 'string' } } }));
  } catch (e) {
    io.err(`suveren management-policy: ${(e as Error).message}; usage: suveren management-policy --config file.yaml\n`);
    return 1;
  }
  const load = require('@suveren/core/config/load') as typeof import('@suveren/core/config/load');
  const policy = require('../guardrails/management-execution-policy') as typeof import('../guardrails/management-execution-policy');
  const regions = require('@suveren/core/contracts/regions') as typeof import('@suveren/core/contracts/regions');
  // Never the example by default: its placeholder organization and OU in a real account's policy would attach nothing, or the wrong thing.
  const file = values.config || process.env.SUVEREN_CONFIG;
  if (!file) {
    io.err(
      'suveren management-policy: name your config: --config config/<yours>.yaml (or SUVEREN_CONFIG); the policy is bound to its organization, management account and guardrail targets\n',
    );
    return 2;
  }
  try {
    const config = load.loadConfig(file);
    const home = config.organization.homeRegion ?? config.organization.allowedRegions[0];
    const document = policy.managementExecutionPolicy({
      partition: regions.EU_REGION_PARTITIONS[home],
      managementAccount: config.organization.managementAccount,
      organizationId: config.organization.organizationId,
      guardrailTargets: config.organization.guardrailTargets,
    });
    io.out(`${JSON.stringify(document, null, 2)}\n`);
    // On stderr, so the JSON on stdout stays what `aws iam create-policy` reads.
    io.err(
      `suveren management-policy: for ${file}: organization ${config.organization.organizationId}, management account ${config.organization.managementAccount}, guardrail targets ${config.organization.guardrailTargets.join(', ')}\n`,
    );
    return await Promise.resolve(0);
  } catch (e) {
    if (e instanceof load.ConfigError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
