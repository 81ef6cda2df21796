import { createHash } from 'node:crypto';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { type Json, type JsonObject, textOf } from '../compliance/cfn-inspect';
import { HSM_RESOURCE_TYPES, XKS_RESOURCE_TYPES } from '@suveren/core/contracts/custom-resources';

/** Tenant keys in a custom key store: custom resources whose `Arn` is a key in the key-custody account, with the key policy as JSON text. */
const CUSTOM_KEY_TYPES: ReadonlySet<string> = new Set([HSM_RESOURCE_TYPES.backedKey, XKS_RESOURCE_TYPES.key]);
import type { AssemblyStack } from '../assembly/cloud-assembly';

/*
 * The synthesized templates as AWS would hold them once deployed: every intrinsic
 * resolved to a concrete name or ARN, every policy gathered by what it protects or whom
 * it is attached to. Physical names CloudFormation would choose are replaced by
 * deterministic stand-ins (`<stack>-<logical id>`, lower-cased for buckets), so a test
 * or a report can name a resource the way the policies name it.
 */

export type PolicyDocumentJson = { Version?: string; Statement: JsonObject[] | JsonObject };

export interface NamedPolicy {
  /** Where it came from, for the deciding statement in a denial: `<stack>/<logical id>`. */
  readonly name: string;
  readonly policy: PolicyDocumentJson;
}

export interface DeployedRole {
  readonly arn: string;
  readonly account: string;
  readonly stackId: string;
  readonly identityPolicies: NamedPolicy[];
  readonly trustPolicy?: NamedPolicy;
  /** The ARN of the role's permissions boundary, when the template sets one. */
  readonly permissionsBoundaryArn?: string;
  /** The customer managed policies of the templates attached to it: a new version of one changes the role. */
  readonly managedPolicyArns?: string[];
}

export interface DeployedFunction {
  readonly arn: string;
  /** The execution role's ARN. */
  readonly roleArn: string;
  readonly stackId: string;
  readonly logicalId: string;
}

export interface DeployedBucket {
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly stackId: string;
  readonly logicalId: string;
  /** The default-encryption KMS key ARN, if SSE-KMS. */
  readonly defaultKeyArn?: string;
}

export interface OrganizationPolicyAttachment {
  readonly name: string;
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  readonly policy: PolicyDocumentJson;
  readonly targets: readonly string[];
}

export interface DeployedModel {
  readonly roles: ReadonlyMap<string, DeployedRole>;
  readonly buckets: ReadonlyMap<string, DeployedBucket>;
  /** Resource policies by the ARN of what they protect (bucket, key, queue, secret, function, topic). */
  readonly resourcePolicies: ReadonlyMap<string, NamedPolicy>;
  readonly organizationPolicies: readonly OrganizationPolicyAttachment[];
  /** Every account that has a stack: the organization's members in this app. */
  readonly accounts: ReadonlySet<string>;
  /** Logical id → resolved ARN (or name), per stack, for tests and reports to find things. */
  readonly physicalIds: ReadonlyMap<string, string>;
  /**
   * The parameters of each StackSet, by its name: what the stacks it deploys into member
   * accounts are given (the bootstrap roles' trust comes from them).
   */
  readonly stackSetParameters: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Every Lambda function, by ARN, with the role it runs as. */
  readonly functions: ReadonlyMap<string, DeployedFunction>;
  /** Every CodeBuild project, by ARN, with its service role: a build runs as it. */
  readonly projects: ReadonlyMap<string, DeployedProject>;
  /** Every CodePipeline pipeline, by ARN, with its role and the projects of its stack. */
  readonly pipelines: ReadonlyMap<string, DeployedPipeline>;
  /** IAM Identity Center permission sets, by ARN (a stand-in: Identity Center chooses the real one). */
  readonly permissionSets: ReadonlyMap<string, DeployedPermissionSet>;
  /** IAM Identity Center assignments: which group gets which permission set in which account. */
  readonly assignments: readonly DeployedAssignment[];
}

export interface DeployedPermissionSet {
  readonly arn: string;
  /** The set's name: the role it becomes in an account is `AWSReservedSSO_<name>_<suffix>`. */
  readonly name: string;
  /** Its inline policy: the identity policy of every role it becomes. */
  readonly inlinePolicy?: NamedPolicy;
  readonly stackId: string;
}

export interface DeployedAssignment {
  readonly permissionSetArn: string;
  readonly principalType: 'GROUP' | 'USER';
  /** The identity-store group (or user) id. */
  readonly principalId: string;
  /** The account the permission set is provisioned to. */
  readonly account: string;
  readonly stackId: string;
  readonly logicalId: string;
}

export interface DeployedProject {
  readonly arn: string;
  /** The service role every build of the project runs as. */
  readonly roleArn: string;
  readonly stackId: string;
}

export interface DeployedPipeline {
  readonly arn: string;
  /** The role CodePipeline acts as (it starts the builds). */
  readonly roleArn: string;
  readonly stackId: string;
}

const partitionOf = (region: string) => RegionInfo.get(region).partition ?? 'aws';
const urlSuffixOf = (region: string) => RegionInfo.get(region).domainSuffix ?? 'amazonaws.com';

/** A stand-in UUID KMS would have chosen, stable per stack and logical id. */
function keyIdFor(stackId: string, logicalId: string): string {
  const h = createHash('sha256').update(`${stackId}/${logicalId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

class StackResolver {
  readonly partition: string;
  readonly account: string;
  readonly region: string;

  constructor(
    readonly stack: AssemblyStack,
    /** Every export of the assembly by name, resolved in its own stack: what Fn::ImportValue gives. */
    private readonly exports: ReadonlyMap<string, Json> = new Map(),
  ) {
    if (!stack.account || !stack.region) throw new Error(`stack ${stack.id} has no concrete account and region; the authorization model needs both`);
    this.account = stack.account;
    this.region = stack.region;
    this.partition = partitionOf(stack.region);
  }

  private props(logicalId: string): JsonObject {
    return this.stack.resources[logicalId]?.Properties ?? {};
  }

  private generatedName(logicalId: string, max: number): string {
    return `${this.stack.id}-${logicalId}`.slice(0, max);
  }

  /** What `Ref` gives for a resource. */
  ref(logicalId: string): string {
    const resource = this.stack.resources[logicalId];
    if (!resource) {
      const pseudo: Record<string, string> = {
        'AWS::Partition': this.partition,
        'AWS::Region': this.region,
        'AWS::AccountId': this.account,
        'AWS::URLSuffix': urlSuffixOf(this.region),
        'AWS::StackName': this.stack.id,
      };
      if (pseudo[logicalId] !== undefined) return pseudo[logicalId];
      throw new Error(`${this.stack.id}: Ref to unknown ${logicalId}`);
    }
    const p = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return typeof p.BucketName === 'string' ? p.BucketName : this.generatedName(logicalId, 63).toLowerCase();
      case 'AWS::IAM::Role':
        return typeof p.RoleName === 'string' ? p.RoleName : this.generatedName(logicalId, 64);
      case 'AWS::Lambda::Function':
        return typeof p.FunctionName === 'string' ? p.FunctionName : this.generatedName(logicalId, 64);
      case 'AWS::KMS::Key':
        return keyIdFor(this.stack.id, logicalId);
      case 'AWS::IAM::ManagedPolicy':
        return `arn:${this.partition}:iam::${this.account}:policy/${typeof p.ManagedPolicyName === 'string' ? p.ManagedPolicyName : this.generatedName(logicalId, 128)}`;
      case 'AWS::SQS::Queue':
        return `https://sqs.${this.region}.${urlSuffixOf(this.region)}/${this.account}/${this.generatedName(logicalId, 80)}`;
      case 'AWS::SecretsManager::Secret':
      case 'AWS::SNS::Topic':
        return this.getAtt(logicalId, 'Arn');
      default:
        return typeof p.Name === 'string' ? p.Name : this.generatedName(logicalId, 64);
    }
  }

  getAtt(logicalId: string, attribute: string): string {
    const resource = this.stack.resources[logicalId];
    if (!resource) throw new Error(`${this.stack.id}: GetAtt of unknown ${logicalId}`);
    const { partition, region, account } = this;
    const arnOf = (service: string, resourcePart: string, inRegion = region) => `arn:${partition}:${service}:${inRegion}:${account}:${resourcePart}`;
    switch (`${resource.Type}.${attribute}`) {
      case 'AWS::S3::Bucket.Arn':
        return `arn:${partition}:s3:::${this.ref(logicalId)}`;
      case 'AWS::IAM::Role.Arn':
        return `arn:${partition}:iam::${account}:role/${this.ref(logicalId)}`;
      case 'AWS::KMS::Key.Arn':
        return arnOf('kms', `key/${this.ref(logicalId)}`);
      case 'AWS::Lambda::Function.Arn':
        return arnOf('lambda', `function:${this.ref(logicalId)}`);
      case 'AWS::SQS::Queue.Arn':
        return arnOf('sqs', this.generatedName(logicalId, 80));
      case 'AWS::SecretsManager::Secret.Arn':
        return arnOf('secretsmanager', `secret:${this.generatedName(logicalId, 64)}-AbCdEf`);
      case 'AWS::SNS::Topic.TopicArn':
      case 'AWS::SNS::Topic.Arn':
        return arnOf('sns', typeof this.props(logicalId).TopicName === 'string' ? textOf(this.props(logicalId).TopicName) : this.generatedName(logicalId, 256));
      case 'AWS::Logs::LogGroup.Arn':
        return arnOf('logs', `log-group:${this.ref(logicalId)}:*`);
      case 'AWS::Lambda::Url.FunctionUrl':
        return `https://${keyIdFor(this.stack.id, logicalId).slice(0, 8)}.lambda-url.${region}.on.aws/`;
      case 'AWS::SSO::PermissionSet.PermissionSetArn': {
        // Identity Center picks the id; a stand-in, stable per stack and logical id, in the instance's format.
        const instance = textOf(this.resolve(this.props(logicalId).InstanceArn))
          .split('/')
          .pop();
        const id = createHash('sha256').update(`${this.stack.id}/${logicalId}`).digest('hex').slice(0, 16);
        return `arn:${partition}:sso:::permissionSet/${instance}/ps-${id}`;
      }
      case 'AWS::CodeBuild::Project.Arn':
        return arnOf('codebuild', `project/${this.ref(logicalId)}`);
      case 'AWS::CloudTrail::Trail.Arn':
        return arnOf('cloudtrail', `trail/${this.ref(logicalId)}`);
      default:
        if (CUSTOM_KEY_TYPES.has(resource.Type) && attribute === 'Arn') {
          // Created in the key-custody account (the provisioner role's), in this region.
          const provisioner = this.resolve(resource.Properties?.ProvisionerRoleArn);
          const custodyAccount = typeof provisioner === 'string' ? provisioner.split(':')[4] : account;
          return `arn:${partition}:kms:${region}:${custodyAccount}:key/${keyIdFor(this.stack.id, logicalId)}`;
        }
        return `${this.stack.id}.${logicalId}.${attribute}`;
    }
  }

  /** Resolves every intrinsic in `value` to what CloudFormation would put there. */
  resolve(value: Json | undefined): Json | undefined {
    if (value === null || value === undefined || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(v) ?? null);
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [fn] = keys;
      const arg = value[fn];
      switch (fn) {
        case 'Ref':
          return this.ref(textOf(arg));
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = Array.isArray(arg) ? arg.map(textOf) : textOf(arg).split('.');
          return this.getAtt(logicalId, attribute);
        }
        case 'Fn::Join': {
          const [separator, parts] = arg as [string, Json[]];
          return (this.resolve(parts) as Json[]).flat().map(String).join(separator);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [Json, Json];
          return (this.resolve(list) as Json[])[Number(this.resolve(index))];
        }
        case 'Fn::Split': {
          const [separator, source] = arg as [string, Json];
          return textOf(this.resolve(source)).split(separator);
        }
        case 'Fn::ImportValue': {
          const exportName = textOf(this.resolve(arg));
          const exported = this.exports.get(exportName);
          if (exported === undefined) throw new Error(`${this.stack.id}: Fn::ImportValue of ${exportName}, which no stack of the assembly exports`);
          return exported;
        }
        case 'Fn::GetAZs':
          return ['a', 'b', 'c'].map((zone) => `${this.region}${zone}`);
        case 'Fn::Sub': {
          const [template, variables] = Array.isArray(arg) ? (arg as [string, JsonObject]) : [textOf(arg), {}];
          return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
            if (variables[name] !== undefined) return textOf(this.resolve(variables[name]));
            const [logicalId, attribute] = name.split('.');
            return attribute ? this.getAtt(logicalId, attribute) : this.ref(logicalId);
          });
        }
        default:
          break;
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(value[k]) ?? null]));
  }
}

/** `value` with every intrinsic resolved as `stack`'s deployment would resolve it. */
export function resolveInStack(stack: AssemblyStack, value: Json | undefined): Json | undefined {
  return new StackResolver(stack).resolve(value);
}

function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Builds the deployed model of every stack with a concrete environment. */
export function buildDeployedModel(stacks: readonly AssemblyStack[]): DeployedModel {
  const roles = new Map<string, DeployedRole>();
  const buckets = new Map<string, DeployedBucket>();
  const resourcePolicies = new Map<string, NamedPolicy>();
  const organizationPolicies: OrganizationPolicyAttachment[] = [];
  const accounts = new Set<string>();
  const physicalIds = new Map<string, string>();
  const stackSetParameters = new Map<string, Record<string, string>>();
  const functions = new Map<string, DeployedFunction>();
  const projects = new Map<string, DeployedProject>();
  const pipelines = new Map<string, DeployedPipeline>();
  const permissionSets = new Map<string, DeployedPermissionSet>();
  const assignments: DeployedAssignment[] = [];
  // Exports first: a stack may import what a later one in the list exports.
  const exports = new Map<string, Json>();
  for (const stack of stacks) {
    const r = new StackResolver(stack);
    for (const output of Object.values(stack.outputs ?? {})) {
      if (output.Export) exports.set(textOf(r.resolve(output.Export.Name as Json)), r.resolve(output.Value as Json) ?? null);
    }
  }
  const addResourcePolicy = (arn: string, name: string, policy: PolicyDocumentJson) => {
    const existing = resourcePolicies.get(arn);
    // Several policy resources can target one resource (a bucket has one policy; a queue or
    // a function can gather several statements): merge them.
    const statements = [...asList(existing?.policy.Statement), ...asList(policy.Statement)];
    resourcePolicies.set(arn, { name: existing ? `${existing.name}+${name}` : name, policy: { Version: '2012-10-17', Statement: statements } });
  };

  for (const stack of stacks) {
    const r = new StackResolver(stack, exports);
    accounts.add(r.account);
    const role = (arn: string): DeployedRole => {
      let found = roles.get(arn);
      if (!found) {
        found = { arn, account: arn.split(':')[4], stackId: stack.id, identityPolicies: [] };
        roles.set(arn, found);
      }
      return found;
    };
    for (const [logicalId, resource] of Object.entries(stack.resources)) {
      const props = (r.resolve(resource.Properties ?? {}) ?? {}) as JsonObject;
      const name = `${stack.id}/${logicalId}`;
      switch (resource.Type) {
        case 'AWS::IAM::Role': {
          const arn = r.getAtt(logicalId, 'Arn');
          physicalIds.set(name, arn);
          const deployed = role(arn);
          (deployed as { trustPolicy?: NamedPolicy }).trustPolicy = {
            name: `${name} (trust policy)`,
            policy: props.AssumeRolePolicyDocument as PolicyDocumentJson,
          };
          if (typeof props.PermissionsBoundary === 'string')
            (deployed as { permissionsBoundaryArn?: string }).permissionsBoundaryArn = props.PermissionsBoundary;
          for (const inline of asList(props.Policies as JsonObject[] | undefined)) {
            deployed.identityPolicies.push({ name: `${name}/${textOf(inline.PolicyName)}`, policy: inline.PolicyDocument as PolicyDocumentJson });
          }
          // AWS managed policies (arn:…:iam::aws:policy/…) change only with AWS; the customer's own are the ones a caller could version.
          for (const managed of asList(props.ManagedPolicyArns as string[] | undefined).map(String)) {
            if (!/:iam::aws:policy\//.test(managed)) attachManaged(deployed, managed);
          }
          break;
        }
        case 'AWS::IAM::Policy':
        case 'AWS::IAM::ManagedPolicy':
          for (const roleName of asList(props.Roles as string[] | undefined)) {
            const attached = role(`arn:${r.partition}:iam::${r.account}:role/${roleName}`);
            attached.identityPolicies.push({ name, policy: props.PolicyDocument as PolicyDocumentJson });
            if (resource.Type === 'AWS::IAM::ManagedPolicy') attachManaged(attached, r.ref(logicalId));
          }
          break;
        case 'AWS::CodeBuild::Project': {
          const arn = r.getAtt(logicalId, 'Arn');
          physicalIds.set(name, arn);
          if (typeof props.ServiceRole === 'string') projects.set(arn, { arn, roleArn: roleArnOf(r, props.ServiceRole), stackId: stack.id });
          break;
        }
        case 'AWS::CodePipeline::Pipeline': {
          const arn = `arn:${r.partition}:codepipeline:${r.region}:${r.account}:${r.ref(logicalId)}`;
          physicalIds.set(name, arn);
          if (typeof props.RoleArn === 'string') pipelines.set(arn, { arn, roleArn: props.RoleArn, stackId: stack.id });
          break;
        }
        case 'AWS::S3::Bucket': {
          const bucketName = r.ref(logicalId);
          const encryption = asList((props.BucketEncryption as JsonObject | undefined)?.ServerSideEncryptionConfiguration as JsonObject[] | undefined)[0];
          const byDefault = encryption?.ServerSideEncryptionByDefault as JsonObject | undefined;
          buckets.set(bucketName, {
            name: bucketName,
            arn: `arn:${r.partition}:s3:::${bucketName}`,
            account: r.account,
            region: r.region,
            stackId: stack.id,
            logicalId,
            ...(byDefault?.SSEAlgorithm === 'aws:kms' && typeof byDefault.KMSMasterKeyID === 'string' ? { defaultKeyArn: byDefault.KMSMasterKeyID } : {}),
          });
          physicalIds.set(name, `arn:${r.partition}:s3:::${bucketName}`);
          break;
        }
        case 'AWS::S3::BucketPolicy':
          addResourcePolicy(`arn:${r.partition}:s3:::${textOf(props.Bucket)}`, name, props.PolicyDocument as PolicyDocumentJson);
          break;
        case 'AWS::KMS::Key': {
          const arn = r.getAtt(logicalId, 'Arn');
          physicalIds.set(name, arn);
          addResourcePolicy(arn, name, props.KeyPolicy as PolicyDocumentJson);
          break;
        }
        case HSM_RESOURCE_TYPES.backedKey:
        case XKS_RESOURCE_TYPES.key: {
          const arn = r.getAtt(logicalId, 'Arn');
          physicalIds.set(name, arn);
          addResourcePolicy(arn, name, JSON.parse(textOf(props.KeyPolicy)) as PolicyDocumentJson);
          break;
        }
        case 'AWS::SQS::Queue':
          physicalIds.set(name, r.getAtt(logicalId, 'Arn'));
          break;
        case 'AWS::SQS::QueuePolicy':
          for (const queueUrl of asList(props.Queues as string[] | undefined)) {
            const queueName = String(queueUrl).split('/').pop();
            addResourcePolicy(`arn:${r.partition}:sqs:${r.region}:${r.account}:${queueName}`, name, props.PolicyDocument as PolicyDocumentJson);
          }
          break;
        case 'AWS::SecretsManager::Secret':
          physicalIds.set(name, r.getAtt(logicalId, 'Arn'));
          break;
        case 'AWS::SecretsManager::ResourcePolicy':
          addResourcePolicy(textOf(props.SecretId), name, props.ResourcePolicy as PolicyDocumentJson);
          break;
        case 'AWS::SNS::TopicPolicy':
          for (const topic of asList(props.Topics as string[] | undefined)) addResourcePolicy(String(topic), name, props.PolicyDocument as PolicyDocumentJson);
          break;
        case 'AWS::Lambda::Function': {
          const arn = r.getAtt(logicalId, 'Arn');
          physicalIds.set(name, arn);
          if (typeof props.Role === 'string') functions.set(arn, { arn, roleArn: props.Role, stackId: stack.id, logicalId });
          break;
        }
        case 'AWS::Lambda::Permission': {
          const functionArn = textOf(props.FunctionName).startsWith('arn:')
            ? textOf(props.FunctionName)
            : `arn:${r.partition}:lambda:${r.region}:${r.account}:function:${textOf(props.FunctionName)}`;
          const principal = textOf(props.Principal);
          const condition: JsonObject = {};
          if (props.SourceArn !== undefined) condition.ArnLike = { 'aws:SourceArn': props.SourceArn };
          if (props.SourceAccount !== undefined) condition.StringEquals = { 'aws:SourceAccount': props.SourceAccount };
          addResourcePolicy(functionArn, name, {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal },
                Action: props.Action,
                Resource: functionArn,
                ...(Object.keys(condition).length ? { Condition: condition } : {}),
              },
            ],
          });
          break;
        }
        case 'AWS::CloudFormation::StackSet':
          stackSetParameters.set(
            textOf(props.StackSetName),
            Object.fromEntries(asList(props.Parameters as JsonObject[] | undefined).map((p) => [textOf(p.ParameterKey), textOf(p.ParameterValue)])),
          );
          break;
        case 'AWS::SSO::PermissionSet': {
          const arn = r.getAtt(logicalId, 'PermissionSetArn');
          physicalIds.set(name, arn);
          const inline = props.InlinePolicy;
          permissionSets.set(arn, {
            arn,
            name: textOf(props.Name),
            stackId: stack.id,
            ...(inline
              ? { inlinePolicy: { name: `${name} (inline policy)`, policy: (typeof inline === 'string' ? JSON.parse(inline) : inline) as PolicyDocumentJson } }
              : {}),
          });
          break;
        }
        case 'AWS::SSO::Assignment':
          assignments.push({
            permissionSetArn: textOf(props.PermissionSetArn),
            principalType: textOf(props.PrincipalType) as DeployedAssignment['principalType'],
            principalId: textOf(props.PrincipalId),
            account: textOf(props.TargetId),
            stackId: stack.id,
            logicalId,
          });
          break;
        case 'AWS::Organizations::Policy':
          organizationPolicies.push({
            name: textOf(props.Name),
            type: props.Type as OrganizationPolicyAttachment['type'],
            policy: props.Content as PolicyDocumentJson,
            targets: asList(props.TargetIds as string[] | undefined),
          });
          break;
        default:
          break;
      }
    }
  }
  return {
    roles,
    buckets,
    resourcePolicies,
    organizationPolicies,
    accounts,
    physicalIds,
    stackSetParameters,
    functions,
    projects,
    pipelines,
    permissionSets,
    assignments,
  };
}

function attachManaged(role: DeployedRole, policyArn: string): void {
  const list = ((role as { managedPolicyArns?: string[] }).managedPolicyArns ??= []);
  if (!list.includes(policyArn)) list.push(policyArn);
}

/** A project's ServiceRole may be a role's name or its ARN (CodeBuild accepts either). */
function roleArnOf(r: StackResolver, nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : `arn:${r.partition}:iam::${r.account}:role/${nameOrArn}`;
}
