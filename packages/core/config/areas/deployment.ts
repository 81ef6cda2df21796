import { z } from 'zod';
import { DEPLOY_MAX_CONCURRENCY } from '../../contracts/pipeline-limits';
import { accountId, euRegion, iamPrincipalArn } from '../../fields/config-fields';
import { isEuRegion } from '../../contracts/regions';
import { MAX_TENANT_WAVES, maxWaveSize } from '../../contracts/pipeline-limits';
import { CAPABILITIES, PIPELINE_REQUIREMENTS, REGIONS_WITHOUT_CODECONNECTIONS, isUsable, partitionName } from '../../partitions';
import { type CrossFieldContext, partitionOf } from './context';

export const approverEmail = z
  .string({ error: 'expected an e-mail address of an approver, e.g. "plattform@lund.se"' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an e-mail address, e.g. "plattform@lund.se"');

export const deploymentSchema = z.strictObject({
  account: accountId.meta({ description: 'Suveren-Pipeline\'s own account, none of the organization\'s other accounts.' }),
  region: euRegion.meta({ description: 'Where the pipeline runs: one of the allowed EU regions.' }),
  source: z.union(
    [
      z.strictObject({
        s3: z.strictObject({
          objectKey: z
            .string({ error: 'expected the release object key, e.g. "releases/suveren.zip"' })
            .regex(/^[A-Za-z0-9!_.*'()/-]{1,1024}$/, 'expected an S3 object key such as "releases/suveren.zip" (letters, digits and !_.*\'()/-)').meta({ description: 'The release object\'s key in the pipeline\'s source bucket, e.g. "releases/suveren.zip".' }),
          releasePrincipals: z
            .array(iamPrincipalArn, { error: 'expected a list of role ARNs that upload releases' })
            .min(1, 'name at least one role that uploads releases: nobody else may put objects in the source bucket').meta({ description: 'The roles that may upload releases to the source bucket.' }),
          // Who may assume the role Suveren-Pipeline creates to upload releases (suveren-release-publisher).
          releasePublisherTrust: z.array(iamPrincipalArn, { error: 'expected a list of role ARNs, e.g. your CI\'s role' }).min(1, 'list at least one role').optional().meta({ description: 'Who may assume suveren-release-publisher, the role Suveren-Pipeline creates to upload releases.' }),
        }).meta({ description: 'Releases come as an object in the pipeline\'s own S3 bucket.' }),
      }),
      z.strictObject({
        codeConnections: z.strictObject({
          connectionArn: z
            .string({ error: 'expected a CodeConnections connection ARN' })
            .regex(
              /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/,
              'expected arn:<partition>:codeconnections:<region>:<account>:connection/<uuid> (aws codeconnections list-connections)',
            ).meta({ description: 'The CodeConnections connection ARN (aws codeconnections list-connections).' }),
          repository: z
            .string({ error: 'expected the repository as owner/name' })
            .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected the repository as owner/name, e.g. "lund-kommun/suveren-config"').meta({ description: 'The repository as owner/name.' }),
          branch: z.string({ error: 'expected a branch name, e.g. "main"' }).min(1).max(255).meta({ description: 'The branch the pipeline follows.' }),
        }).meta({ description: 'Releases come from a repository through AWS CodeConnections.' }),
      }),
    ],
    { error: 'expected either s3: { objectKey, releasePrincipals } or codeConnections: { connectionArn, repository, branch }' },
  ).meta({ description: 'Where the pipeline gets releases: s3 or codeConnections.' }),
  approvers: z.strictObject({
    changes: z.array(approverEmail, { error: 'expected a list of e-mail addresses' }).min(1, 'name at least one approver of changes').meta({ description: 'E-mail addresses of the approvers of every change.' }),
    organization: z
      .array(approverEmail, { error: 'expected a list of e-mail addresses' })
      .min(1, 'name at least one approver for the organization stage (guardrails): it may not be left to the change approvers alone').meta({ description: 'E-mail addresses of the approvers of the organization stage (guardrails), besides the change approvers.' }),
  }).meta({ description: 'Who approves in the pipeline.' }),
  bootstrapTargets: z
    .array(
      z
        .string({ error: 'expected an OU id (ou-xxxx-xxxxxxxx) or the root id (r-xxxx)' })
        .regex(/^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/, 'expected an OU id (ou-xxxx-xxxxxxxx) or the root id (r-xxxx): service-managed StackSets deploy to OUs'),
      { error: 'expected a list of OU ids' },
    )
    .min(1, 'name at least one OU whose accounts receive the bootstrap')
    .optional().meta({ description: 'The OUs whose accounts Suveren-Bootstrap\'s StackSets reach; the default is organization.guardrailTargets.' }),
  configFile: z
    .string({ error: 'expected the path of this config in the repository, e.g. config/lund.yaml' })
    .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_./-]+\.ya?ml$/, 'expected a path inside the repository, relative to its root, e.g. config/lund.yaml')
    .optional().meta({ description: 'This config\'s path in the repository, relative to its root, e.g. config/lund.yaml.' }),
  waveSize: z
    .number({ error: 'expected a whole number of tenant stacks per wave, e.g. 25' })
    .int('expected a whole number of tenant stacks per wave')
    .min(1, 'a wave holds at least one tenant stack')
    .default(25).meta({ description: 'Tenant stacks per deployment wave.' }),
  concurrency: z
    .number({ error: 'expected a whole number of stacks deployed at once, e.g. 10' })
    .int('expected a whole number of stacks deployed at once')
    .min(1, 'deploy at least one stack at a time')
    .max(DEPLOY_MAX_CONCURRENCY, `at most ${DEPLOY_MAX_CONCURRENCY} stacks at once (packages/core/contracts/pipeline-limits.ts says why)`)
    .default(10).meta({ description: 'Stacks deployed at once within a wave.' }),
});

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
          `needs ${missing.map((c) => `${c} (${CAPABILITIES[c]})`).join(', ')}, which ${partitionName(partition)} is not known to offer (packages/core/partitions.ts); check the partition's service list, then add ${missing.join(', ')} to organization.assumeAvailable, or deploy by hand (docs/deploying.md)`,
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
        `${deployment.waveSize} stacks at ${deployment.concurrency} at a time would outlast CodePipeline's 8-hour limit for a CodeBuild action; use at most ${limit}, or raise concurrency (packages/core/contracts/pipeline-limits.ts)`,
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
