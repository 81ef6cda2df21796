import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { CliIo } from '@suveren/premises/cli/io';

/*
 * `suveren organization prepare --config file.yaml`: the organization-level prerequisites,
 * with management-account credentials (lib/organization/prepare-organization.ts).
 */

export const ORGANIZATION_USAGE =
  'suveren organization prepare --config file.yaml [--assembly cdk.out] [--dry-run] [--enable-all-features] [--region <allowed region>]';

export async function organizationCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        config: { type: 'string' },
        assembly: { type: 'string', default: 'cdk.out' },
        'dry-run': { type: 'boolean' },
        'enable-all-features': { type: 'boolean' },
        region: { type: 'string' },
      },
    }));
  } catch (e) {
    io.err(`suveren organization: ${(e as Error).message}; usage: ${ORGANIZATION_USAGE}\n`);
    return 2;
  }
  const file = values.config || process.env.SUVEREN_CONFIG;
  if (sub !== 'prepare' || !file) {
    io.err(`suveren organization: usage: ${ORGANIZATION_USAGE}\n`);
    return 2;
  }
  const load = require('@suveren/core/config/load') as typeof import('@suveren/core/config/load');
  const session = require('../organization/management-session') as typeof import('../organization/management-session');
  const prepare = require('../organization/prepare-organization') as typeof import('../organization/prepare-organization');
  const sdk = {
    organizations: require('@aws-sdk/client-organizations') as typeof import('@aws-sdk/client-organizations'),
    cloudtrail: require('@aws-sdk/client-cloudtrail') as typeof import('@aws-sdk/client-cloudtrail'),
    cloudformation: require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation'),
    config: require('@aws-sdk/client-config-service') as typeof import('@aws-sdk/client-config-service'),
    iam: require('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam'),
    s3: require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3'),
    sts: require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts'),
  };
  try {
    const config = load.loadConfig(file);
    const region = session.sessionRegion(config, values.region ?? process.env.AWS_REGION);
    const organizations = new sdk.organizations.OrganizationsClient({ region });
    await session.assertManagementAccount(new sdk.sts.STSClient({ region }), config);
    await session.assertOrganization(organizations, config);
    const cloudformation = new Map<string, import('@aws-sdk/client-cloudformation').CloudFormationClient>();
    const configClients = new Map<string, import('@aws-sdk/client-config-service').ConfigServiceClient>();
    const result = await prepare.prepareOrganization({
      config,
      assemblyDir: values.assembly,
      dryRun: values['dry-run'],
      enableAllFeatures: values['enable-all-features'],
      log: (line) => io.out(`${line}\n`),
      clients: {
        organizations,
        cloudtrail: new sdk.cloudtrail.CloudTrailClient({ region }),
        stackSets: new sdk.cloudformation.CloudFormationClient({ region }),
        iam: new sdk.iam.IAMClient({ region }),
        s3: new sdk.s3.S3Client({ region: config.organization.homeRegion }),
        cloudformation: (r) => cloudformation.get(r) ?? cloudformation.set(r, new sdk.cloudformation.CloudFormationClient({ region: r })).get(r)!,
        config: (r) => configClients.get(r) ?? configClients.set(r, new sdk.config.ConfigServiceClient({ region: r })).get(r)!,
        cdkBootstrap: (cdkArgs) =>
          new Promise((resolve) => {
            // The pinned CLI, without synthesizing the app: the environment is named.
            const child = spawn(process.execPath, [require.resolve('aws-cdk/bin/cdk'), ...cdkArgs, '--app', ''], { stdio: ['ignore', 'inherit', 'inherit'] });
            child.on('exit', (code) => resolve(code ?? 1));
          }),
      },
    });
    io.out(
      values['dry-run']
        ? `suveren organization prepare: dry run: ${result.called} call(s) would be made, ${result.skipped} step(s) already done\n`
        : `suveren organization prepare: ${result.called} call(s) made, ${result.skipped} step(s) already done\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof load.ConfigError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    if (e instanceof session.ManagementSessionError || e instanceof prepare.PrepareError) {
      io.err(`suveren organization prepare: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
