import { isEuRegion } from '../../contracts/regions';
import { MAX_TENANT_WAVES, maxWaveSize } from '../../contracts/pipeline-limits';
import { CAPABILITIES, PIPELINE_REQUIREMENTS, REGIONS_WITHOUT_CODECONNECTIONS, isUsable, partitionName } from '../../partitions';
import { type CrossFieldContext, partitionOf } from './context';

/** Suveren-Pipeline: an account of its own, the services its partition offers, a connection of its own region, waves the pipeline holds. */
export function deploymentIssues(context: CrossFieldContext): void {
  const { config, issue, mustBeAllowed } = context;
  const deployment = config.deployment;
  if (deployment) {
    mustBeAllowed(['deployment', 'region'], deployment.region);
    const account = deployment.account;
    const clash =
      account === config.organization.managementAccount
        ? 'the management account: the pipeline would hold the organization\'s keys'
        : account === config.audit.account
          ? 'the audit account: whoever deploys could then reach the evidence of what was deployed'
          : config.tenants.some((t) => t.account === account)
            ? `the account of tenant ${config.tenants.find((t) => t.account === account)!.id}: a tenant's administrators would control every tenant's deployment`
            : [...config.keyCustody.hsmClusters, ...config.keyCustody.externalKeyStores].some((c) => c.account === account)
              ? 'a key-custody account: the keys and the pipeline that changes their policies would share one administrator'
              : undefined;
    if (clash) issue(['deployment', 'account'], `is ${clash}; give the pipeline an account of its own (docs/deploying.md)`);
    const connection = 'codeConnections' in deployment.source ? deployment.source.codeConnections : undefined;
    if (isEuRegion(deployment.region)) {
      const partition = partitionOf(deployment.region);
      const missing = PIPELINE_REQUIREMENTS[connection ? 'codeConnections' : 's3'].filter((c) => !isUsable(partition, c, config.organization.assumeAvailable));
      if (missing.length > 0) {
        issue(
          ['deployment'],
          `needs ${missing.map((c) => `${c} (${CAPABILITIES[c]})`).join(', ')}, which ${partitionName(partition)} is not known to offer (lib/partitions.ts); check the partition's service list, then add ${missing.join(', ')} to organization.assumeAvailable, or deploy by hand (docs/deploying.md)`,
        );
      }
      if (connection && REGIONS_WITHOUT_CODECONNECTIONS.includes(deployment.region)) {
        issue(
          ['deployment', 'source', 'codeConnections'],
          `AWS CodeConnections is not offered in ${deployment.region}: use the s3 release source there, or run the pipeline in another allowed region`,
        );
      }
    }
    if (connection && isEuRegion(deployment.region)) {
      const [, arnPartition, , connectionRegion] = connection.connectionArn.split(':');
      const expected = partitionOf(deployment.region);
      if (arnPartition !== expected) {
        issue(
          ['deployment', 'source', 'codeConnections', 'connectionArn'],
          `is a connection of partition ${arnPartition}, but the pipeline deploys in ${deployment.region} (partition ${expected}): create the connection in ${deployment.region}`,
        );
      } else if (connectionRegion !== deployment.region) {
        issue(
          ['deployment', 'source', 'codeConnections', 'connectionArn'],
          `is a connection in ${connectionRegion}, but the pipeline runs in ${deployment.region}; a pipeline uses connections of its own region: create one in ${deployment.region}`,
        );
      }
    }
    if (!deployment.bootstrapTargets && !config.organization.guardrailTargets.some((t) => /^(ou-|r-)/.test(t))) {
      issue(
        ['deployment', 'bootstrapTargets'],
        'is needed: organization.guardrailTargets names no OU, and the bootstrap StackSet deploys to OUs; list the OUs that hold the tenant, key-custody and audit accounts',
      );
    }
    const limit = maxWaveSize(deployment.concurrency);
    if (deployment.waveSize > limit) {
      issue(
        ['deployment', 'waveSize'],
        `${deployment.waveSize} stacks at ${deployment.concurrency} at a time would outlast CodePipeline's 8-hour limit for a CodeBuild action; use at most ${limit}, or raise concurrency (lib/contracts/pipeline-limits.ts)`,
      );
    }
    const waves = Math.ceil(config.tenants.length / deployment.waveSize);
    if (waves > MAX_TENANT_WAVES) {
      issue(
        ['deployment', 'waveSize'],
        `${config.tenants.length} tenants in waves of ${deployment.waveSize} make ${waves} waves, more than the ${MAX_TENANT_WAVES} one pipeline holds (CodePipeline's stage and action quotas): raise waveSize to at least ${Math.ceil(config.tenants.length / MAX_TENANT_WAVES)}`,
      );
    }
  }
}
