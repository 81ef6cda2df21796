import {
  BatchGetResourceConfigCommand,
  type ConfigServiceClient,
  type Evaluation,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  PutEvaluationsCommand,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import { GetKeyPolicyCommand, type KMSClient, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { DescribeSecretCommand, GetResourcePolicyCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type ConfigurationItem, objectOf, subjectOf, UnreadableItem } from '../../lib/compliance/conformance/configuration-item';
import type { CustomConformanceRule } from '../../lib/compliance/conformance/conformance-rules';
import { type ConfigCompliance, type EvaluationSettings, evaluate, ruleOf, type Verdict, ANNOTATION_LIMIT } from '../../lib/compliance/conformance/evaluate';
import type { Json } from '../../lib/compliance/cfn-inspect';

/*
 * One invocation of a suveren custom Config rule: which resources the event is about,
 * their configuration items (from the event, or from Config's history for an oversized
 * item, or listed for a periodic run), the key policies Config does not record, the
 * verdicts, and PutEvaluations. The AWS clients are given, so tests run it against moto
 * or stubbed clients.
 */

/** The event AWS Config invokes a custom Lambda rule with. */
export interface ConfigRuleEvent {
  readonly invokingEvent: string;
  readonly ruleParameters?: string;
  readonly resultToken: string;
  readonly eventLeftScope?: boolean;
  readonly accountId?: string;
  readonly configRuleName?: string;
}

export interface RuleClients {
  readonly config: ConfigServiceClient;
  readonly kms: KMSClient;
  readonly secrets: SecretsManagerClient;
}

/** The evaluations an invocation reported. */
export interface Reported {
  readonly rule: string;
  readonly evaluations: readonly Evaluation[];
}

/** PutEvaluations takes at most 100 evaluations per call. */
const PUT_EVALUATIONS_BATCH = 100;
/** BatchGetResourceConfig takes at most 100 resource keys per call. */
const BATCH_GET_LIMIT = 100;

/** Tags of suveren's resources start with this: anything else in the account is not judged. */
const SUVEREN_TAG_PREFIX = 'suveren:';

const DELETED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);

function verdictOf(compliance: ConfigCompliance, annotation?: string): Verdict {
  return annotation === undefined ? { compliance } : { compliance, annotation: annotation.slice(0, ANNOTATION_LIMIT) };
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'Error');

/** A key's policy, or the verdict that reading it was refused or failed. */
async function keyPolicy(kms: KMSClient, keyId: string): Promise<Json | Verdict> {
  try {
    const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
    const parsed = objectOf(Policy);
    return parsed ?? verdictOf('NOT_APPLICABLE', 'GetKeyPolicy returned no policy document.');
  } catch (error) {
    // suveren's key policies grant the rule's role this read: a refusal means the policy changed.
    if (errorName(error) === 'AccessDeniedException') {
      return verdictOf('NON_COMPLIANT', 'The key policy no longer lets the conformance rule read it (GetKeyPolicy was denied).');
    }
    return verdictOf('NOT_APPLICABLE', `GetKeyPolicy failed: ${errorName(error)}.`);
  }
}

/** A secret's resource policy (undefined if it has none), or the verdict that reading it was refused or failed. */
async function secretPolicy(secrets: SecretsManagerClient, secretId: string): Promise<Json | undefined | Verdict> {
  try {
    const { ResourcePolicy } = await secrets.send(new GetResourcePolicyCommand({ SecretId: secretId }));
    if (ResourcePolicy === undefined) return undefined;
    return objectOf(ResourcePolicy) ?? verdictOf('NOT_APPLICABLE', 'GetResourcePolicy returned a policy that is not JSON.');
  } catch (error) {
    if (errorName(error) === 'AccessDeniedException') {
      return verdictOf('NON_COMPLIANT', "The secret's policy no longer lets the conformance rule read it (GetResourcePolicy was denied).");
    }
    return verdictOf('NOT_APPLICABLE', `GetResourcePolicy failed: ${errorName(error)}.`);
  }
}

const isVerdict = (value: Json | Verdict): value is Verdict => typeof value === 'object' && value !== null && 'compliance' in value && !Array.isArray(value);

/** The verdict of `rule` on one configuration item, never an exception. */
export async function judge(item: ConfigurationItem, rule: CustomConformanceRule, settings: EvaluationSettings, clients: RuleClients): Promise<Verdict> {
  try {
    if (item.configurationItemStatus && DELETED.has(item.configurationItemStatus)) return verdictOf('NOT_APPLICABLE', 'The resource was deleted.');
    const tags = item.tags ?? {};
    if (!Object.keys(tags).some((key) => key.startsWith(SUVEREN_TAG_PREFIX))) return verdictOf('NOT_APPLICABLE', 'Not a suveren resource (no suveren: tag).');
    let policy: Json | undefined;
    if (item.resourceType === 'AWS::KMS::Key' && rule.trigger === 'periodic') {
      const read = await keyPolicy(clients.kms, item.resourceId);
      if (isVerdict(read)) return read;
      policy = read;
    }
    if (item.resourceType === 'AWS::SecretsManager::Secret' && rule.trigger === 'periodic') {
      const read = await secretPolicy(clients.secrets, item.ARN ?? item.resourceId);
      if (read !== undefined && isVerdict(read)) return read;
      policy = read;
    }
    return evaluate(rule, subjectOf(item, policy), settings);
  } catch (error) {
    if (error instanceof UnreadableItem) return verdictOf('NOT_APPLICABLE', error.message);
    return verdictOf('NOT_APPLICABLE', `The configuration item could not be judged: ${errorName(error)}.`);
  }
}

/** A configuration item as Config's read APIs return it (history and batch reads share these fields). */
interface RecordedItem {
  readonly configurationItemStatus?: string;
  readonly resourceName?: string;
  readonly arn?: string;
  readonly awsRegion?: string;
  readonly accountId?: string;
  readonly configuration?: string;
  readonly supplementaryConfiguration?: Record<string, string>;
}

/** A recorded item in the shape a rule's invoking event has. */
function asEventItem(item: RecordedItem, resourceType: string, resourceId: string, tags: Record<string, string> | undefined): ConfigurationItem {
  return {
    configurationItemStatus: item.configurationItemStatus,
    resourceType,
    resourceId,
    resourceName: item.resourceName,
    ARN: item.arn,
    awsRegion: item.awsRegion ?? '',
    awsAccountId: item.accountId ?? '',
    configuration: item.configuration,
    supplementaryConfiguration: item.supplementaryConfiguration,
    tags,
  };
}

/** The newest recorded configuration item of a resource, for an item too large for the event. */
async function fromHistory(config: ConfigServiceClient, resourceType: string, resourceId: string): Promise<ConfigurationItem | undefined> {
  const { configurationItems } = await config.send(new GetResourceConfigHistoryCommand({ resourceType: resourceType as ResourceType, resourceId, limit: 1 }));
  const item = configurationItems?.[0];
  return item ? asEventItem(item, resourceType, resourceId, item.tags) : undefined;
}

/** A resource's tags from its own service: Config's batch read carries none for keys and secrets. */
async function tagsOf(clients: RuleClients, resourceType: string, resourceId: string, arn: string | undefined): Promise<Record<string, string>> {
  try {
    if (resourceType === 'AWS::KMS::Key') {
      const { Tags } = await clients.kms.send(new ListResourceTagsCommand({ KeyId: resourceId }));
      return Object.fromEntries((Tags ?? []).map((t) => [t.TagKey ?? '', t.TagValue ?? '']));
    }
    if (resourceType === 'AWS::SecretsManager::Secret') {
      const { Tags } = await clients.secrets.send(new DescribeSecretCommand({ SecretId: arn ?? resourceId }));
      return Object.fromEntries((Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
    }
  } catch {
    // Untagged as far as the rule can tell: judged NOT_APPLICABLE, as a resource that is not suveren's.
  }
  return {};
}

/** Every recorded resource of `resourceType`, with its tags (from KMS and Secrets Manager: Config's batch read carries none). */
async function listed(clients: RuleClients, resourceType: string): Promise<ConfigurationItem[]> {
  const keys: { resourceType: ResourceType; resourceId: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.config.send(new ListDiscoveredResourcesCommand({ resourceType: resourceType as ResourceType, nextToken }));
    for (const r of page.resourceIdentifiers ?? []) if (r.resourceId) keys.push({ resourceType: resourceType as ResourceType, resourceId: r.resourceId });
    nextToken = page.nextToken;
  } while (nextToken);
  const items: ConfigurationItem[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    const { baseConfigurationItems } = await clients.config.send(new BatchGetResourceConfigCommand({ resourceKeys: keys.slice(i, i + BATCH_GET_LIMIT) }));
    for (const item of baseConfigurationItems ?? []) {
      if (!item.resourceId) continue;
      items.push(asEventItem(item, resourceType, item.resourceId, await tagsOf(clients, resourceType, item.resourceId, item.arn)));
    }
  }
  return items;
}

/** Handles one Config rule event: judges what it names and reports the verdicts. */
export async function handleRuleEvent(event: ConfigRuleEvent, clients: RuleClients, now: () => Date = () => new Date()): Promise<Reported> {
  const { rule, settings } = ruleOf(objectOf(event.ruleParameters ?? '{}') ?? {});
  const invoking = objectOf(event.invokingEvent) ?? {};
  const messageType = invoking.messageType;
  const timestamp = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : now());
  const evaluations: Evaluation[] = [];
  const add = (item: ConfigurationItem, verdict: Verdict, at: Date) =>
    evaluations.push({
      ComplianceResourceType: item.resourceType,
      ComplianceResourceId: item.resourceId,
      ComplianceType: verdict.compliance,
      ...(verdict.annotation ? { Annotation: verdict.annotation } : {}),
      OrderingTimestamp: at,
    });

  if (messageType === 'ScheduledNotification') {
    for (const resourceType of rule.resourceTypes) {
      for (const item of await listed(clients, resourceType))
        add(item, await judge(item, rule, settings, clients), timestamp(invoking.notificationCreationTime));
    }
  } else if (messageType === 'ConfigurationItemChangeNotification' || messageType === 'OversizedConfigurationItemChangeNotification') {
    const summary = objectOf(messageType === 'ConfigurationItemChangeNotification' ? invoking.configurationItem : invoking.configurationItemSummary);
    if (!summary || typeof summary.resourceType !== 'string' || typeof summary.resourceId !== 'string') {
      throw new Error(`the invoking event (${String(messageType)}) names no resource`);
    }
    const item =
      messageType === 'ConfigurationItemChangeNotification'
        ? (summary as unknown as ConfigurationItem)
        : ((await fromHistory(clients.config, summary.resourceType, summary.resourceId)) ?? (summary as unknown as ConfigurationItem));
    const verdict = event.eventLeftScope ? verdictOf('NOT_APPLICABLE', "The resource left the rule's scope.") : await judge(item, rule, settings, clients);
    add(item, verdict, timestamp(summary.configurationItemCaptureTime));
  } else {
    throw new Error(`unknown messageType ${JSON.stringify(messageType)} in the invoking event`);
  }

  for (let i = 0; i < evaluations.length; i += PUT_EVALUATIONS_BATCH) {
    const { FailedEvaluations } = await clients.config.send(
      new PutEvaluationsCommand({ Evaluations: evaluations.slice(i, i + PUT_EVALUATIONS_BATCH), ResultToken: event.resultToken }),
    );
    if (FailedEvaluations && FailedEvaluations.length > 0) throw new Error(`Config refused ${FailedEvaluations.length} evaluations of ${rule.name}`);
  }
  return { rule: rule.name, evaluations };
}
