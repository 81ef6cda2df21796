import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import type { DrillReport } from '@suveren/core/config/drill-report';
import type { OrganisationType, TenantCountry } from '@suveren/core/contracts/jurisdictions';
import { custodyOf, custodyPlaces, replicaCustodyOf, tierDefinition } from '@suveren/core/tiers';
import { keyStoreName } from '@suveren/core/contracts/custom-resources';
import type { ReachPath, TerminalClass } from '../reach/reach-model';
import { type Json, type JsonObject, asArray } from '../compliance/cfn-inspect';
import type { AssemblyStack } from '../assembly/cloud-assembly';
import { type Text, text } from '../i18n/translate';
import { type SourceId, sourcesFor } from './mapping/sources';
import type { KeyEvidence, OrganizationEvidence, TenantEvidence } from './report-model';

/*
 * The controller's annex: the facts a data protection officer puts into a DPIA, in the
 * order of GDPR Art. 35(7), for one tenant. Everything here is either read from the
 * synthesized templates, computed by the reach graph, or given by the controller in the
 * config (and then printed as given, or as "not provided"). The wording is the
 * renderers' (./render-annex.ts), from the catalogues; this model stays language-neutral.
 */

/** The kinds of data the location table has a row for, in its order. */
export const LOCATION_KINDS = [
  'content',
  'object-names',
  'access-logs',
  'cloudtrail',
  'config-items',
  'dead-letters',
  'function-logs',
  'replicas',
  'exports',
] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export interface LocationRow {
  readonly kind: LocationKind;
  /** The AWS region it is stored in; null where it is not in AWS (exports) or there is none (replicas). */
  readonly region: string | null;
  readonly account: string | null;
  readonly encryption: Text;
  /** Who holds the key it is encrypted under. */
  readonly keyHolder: Text;
}

/** A party that can reach the tenant's plaintext, from the reach graph: every path, not only direct grants. */
export interface PlaintextParty {
  readonly principal: string;
  readonly label: Text;
  /** How its shortest path ends. */
  readonly end: TerminalClass;
  /** The steps before that end: 0 when the party reaches plaintext itself. */
  readonly steps: number;
  /** What stands in its way (approval, break-glass alarm, boundary, MFA, the XKS proxy, the next release), by kind. */
  readonly gates: readonly string[];
}

export interface ProviderFact {
  readonly fact: 'contractingEntity' | 'subProcessors' | 'dataProcessingTerms';
  /** As the controller read it; null: not provided. */
  readonly value: string | null;
  readonly source: string | null;
  readonly checkedOn: string | null;
}

export interface ControllerAnnex {
  readonly country: TenantCountry | null;
  readonly organisationType: OrganisationType | null;
  /** Art. 35(7)(a), as the controller gave it in `tenants[].processing`; null: not provided. */
  readonly processing: {
    readonly purposes: readonly string[] | null;
    readonly dataCategories: readonly string[] | null;
    readonly dataSubjects: readonly string[] | null;
    readonly recipients: readonly string[] | null;
  };
  readonly locations: readonly LocationRow[];
  /** Art. 35(7)(c): every party that can reach plaintext, from the reach graph; null when it was not computed. */
  readonly plaintextParties: readonly PlaintextParty[] | null;
  readonly integrity: readonly Text[];
  readonly availability: readonly Text[];
  readonly processorChain: {
    readonly operator: { readonly name: string; readonly contact: string | null } | null;
    readonly provider: readonly ProviderFact[];
  };
  readonly retention: {
    readonly noncurrentVersionDays: number | null;
    readonly quarantineNoncurrentDays: number | null;
    readonly accessLogDays: number | null;
    /** Object Lock on the data bucket, if any. */
    readonly dataObjectLock: Text | null;
    /** The audit archive's Object Lock (CloudTrail records). */
    readonly auditArchiveLock: Text | null;
    /** The pending windows of the tenant's keys, in days (KMS's waiting period before a key is deleted). */
    readonly keyDeletionWindowDays: readonly number[];
    /** Keys whose template sets no window: KMS then waits its default, 30 days (ScheduleKeyDeletion, PendingWindowInDays). */
    readonly keysWithDefaultWindow: number;
  };
  readonly breach: {
    /** Whether the country's incident-reporting law covers the organisation; null without a country. */
    readonly nationalLaw: 'applies' | 'does-not-apply' | null;
    /** True when nationalLaw is the country's default, not the controller's statement. */
    readonly nationalLawDefaulted: boolean;
    readonly controllerContact: string | null;
    readonly operatorContact: string | null;
  };
  /** The sources the annex may cite: EU/EEA, the US law its risks are about, and the tenant's country's, for its kind of organisation. */
  readonly sources: readonly SourceId[];
}

/** Whether a country's incident-reporting law covers a public body, when the controller has not said. */
const NATIONAL_INCIDENT_LAW_DEFAULT: Readonly<Record<TenantCountry, 'applies' | 'does-not-apply'>> = {
  // Cybersäkerhetslagen (2025:1506) covers state agencies, regions and municipalities as public administration.
  SE: 'applies',
  // Digitalsikkerhetsloven covers listed sectors and digital service providers, not a kommune or an agency as such.
  NO: 'does-not-apply',
};

function referencedId(value: Json | undefined): string | undefined {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

/** A bucket's lifecycle, as its template declares it: noncurrent-version and current-version expiry, in days. */
function lifecycleDays(stack: AssemblyStack | undefined, bucketId: string | undefined): { noncurrent: number | null; current: number | null } {
  const rules = asArray(
    ((stack?.resources[bucketId ?? '']?.Properties?.LifecycleConfiguration as JsonObject | undefined)?.Rules as Json[] | undefined) ?? [],
  ) as JsonObject[];
  const enabled = rules.filter((r) => r.Status === 'Enabled');
  const noncurrent = enabled.map((r) => (r.NoncurrentVersionExpiration as JsonObject | undefined)?.NoncurrentDays).find((d) => typeof d === 'number');
  const current = enabled.map((r) => r.ExpirationInDays).find((d) => typeof d === 'number');
  return { noncurrent: typeof noncurrent === 'number' ? noncurrent : null, current: typeof current === 'number' ? current : null };
}

/** Who holds the key a tenant's content is encrypted under, from its tier and the key's custody. */
function contentKeyHolder(tenant: TenantConfig, evidence: TenantEvidence, config: SuverenConfig): Text {
  if (!tierDefinition(evidence.tier).description.providerSeesPlaintext) return text('annex.keyHolder.premises');
  const key = evidence.keys[0] as KeyEvidence | undefined;
  switch (key?.custody) {
    case 'cloudhsm': {
      const clusterId = (tenant as unknown as { hsmCluster?: string }).hsmCluster ?? '?';
      const cluster = config.keyCustody.hsmClusters.find((c) => c.id === clusterId);
      const sharing = config.tenants.filter((t) => (t as unknown as { hsmCluster?: string }).hsmCluster === clusterId).map((t) => t.id);
      return text('annex.keyHolder.cloudhsm', { cluster: clusterId, account: cluster?.account ?? '?', count: sharing.length, tenants: sharing.join(', ') });
    }
    case 'external-key-store':
      return text('annex.keyHolder.external', { store: evidence.externalKeyStore?.keyStoreName ?? '?' });
    case 'aws-kms':
      return text('annex.keyHolder.kms');
    default:
      return text('annex.keyHolder.unknown');
  }
}

/** Who holds the replica's key: a KMS key of the tenant's account, or the replica region's custody place (tiers hsm and external). */
function replicaKeyHolder(tenant: TenantConfig, config: SuverenConfig): Text {
  const places = custodyPlaces(config.keyCustody);
  const place = replicaCustodyOf(tenant, places);
  if (!place) return text('annex.keyHolder.replicaKms');
  if (tierDefinition(tenant.tier).replicaKeyStore === 'external-key-store') return text('annex.keyHolder.external', { store: keyStoreName(place.placeId) });
  // Every tenant whose data key or replica key is in the cluster shares it.
  const sharing = config.tenants
    .filter((t) => custodyOf(t, places)?.placeId === place.placeId || replicaCustodyOf(t, places)?.placeId === place.placeId)
    .map((t) => t.id);
  return text('annex.keyHolder.cloudhsm', { cluster: place.placeId, account: place.account ?? '?', count: sharing.length, tenants: sharing.join(', ') });
}

/** The KMS key a resource property names, described by its stack and logical id. */
function kmsKeyOf(stack: AssemblyStack, value: Json | undefined): string | null {
  const id = referencedId(value);
  return id && stack.resources[id]?.Type === 'AWS::KMS::Key' ? id : null;
}

function tenantLocations(
  tenant: TenantConfig,
  evidence: TenantEvidence,
  stack: AssemblyStack,
  audit: AssemblyStack | undefined,
  config: SuverenConfig,
  replica: AssemblyStack | undefined,
): LocationRow[] {
  const region = evidence.region;
  const account = evidence.account;
  const providerSees = tierDefinition(evidence.tier).description.providerSeesPlaintext;
  const resources = Object.entries(stack.resources);
  const rows: LocationRow[] = [];
  const contentEncryption = providerSees ? text('annex.encryption.sseKms') : text('annex.encryption.clientSide');
  rows.push({ kind: 'content', region, account, encryption: contentEncryption, keyHolder: contentKeyHolder(tenant, evidence, config) });
  // S3 encrypts object data only: keys (names) and metadata are not under the tenant's key.
  rows.push({ kind: 'object-names', region, account, encryption: text('annex.encryption.metadata'), keyHolder: text('annex.keyHolder.aws') });
  const logBucket = evidence.logBuckets[0];
  rows.push({
    kind: 'access-logs',
    region,
    account,
    encryption: !logBucket
      ? text('annex.encryption.none')
      : logBucket.encryption.id === 'encryption.sseS3'
        ? text('annex.encryption.sseS3')
        : logBucket.encryption,
    keyHolder: logBucket?.encryption.id === 'encryption.sseKms' ? text('annex.keyHolder.accountKms') : text('annex.keyHolder.aws'),
  });
  const auditResources = Object.entries(audit?.resources ?? {});
  const trail = auditResources.find(([, r]) => r.Type === 'AWS::CloudTrail::Trail')?.[1];
  const trailKey = audit && trail ? kmsKeyOf(audit, trail.Properties?.KMSKeyId) : null;
  rows.push({
    kind: 'cloudtrail',
    region: trail ? (audit?.region ?? null) : null,
    account: trail ? (audit?.account ?? null) : null,
    encryption: trail
      ? trailKey
        ? text('annex.encryption.trail', { logs: audit && kmsKeyOfLogGroup(audit, trail.Properties?.CloudWatchLogsLogGroupArn) ? 'kms' : 'service' })
        : text('annex.encryption.sseS3')
      : text('annex.encryption.notDeclared'),
    keyHolder: trail ? (trailKey ? text('annex.keyHolder.operator') : text('annex.keyHolder.aws')) : text('annex.keyHolder.none'),
  });
  const configBucketEntry = auditResources.find(([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('ConfigDeliveryBucket'));
  const configKey = audit && configBucketEntry ? kmsKeyOfBucket(audit, configBucketEntry[1].Properties) : null;
  rows.push({
    kind: 'config-items',
    region: configBucketEntry ? (audit?.region ?? null) : null,
    account: configBucketEntry ? (audit?.account ?? null) : null,
    encryption: configBucketEntry
      ? configKey
        ? text('annex.encryption.configDelivery')
        : text('annex.encryption.sseS3')
      : text('annex.encryption.notDeclared'),
    keyHolder: configBucketEntry ? (configKey ? text('annex.keyHolder.operator') : text('annex.keyHolder.aws')) : text('annex.keyHolder.none'),
  });
  const queues = resources.filter(([, r]) => r.Type === 'AWS::SQS::Queue');
  const queueKeys = [...new Set(queues.map(([, r]) => kmsKeyOf(stack, r.Properties?.KmsMasterKeyId)))];
  rows.push({
    kind: 'dead-letters',
    region: queues.length > 0 ? region : null,
    account: queues.length > 0 ? account : null,
    encryption:
      queues.length === 0
        ? text('annex.encryption.notDeclared')
        : queueKeys.length === 1 && queueKeys[0] !== null
          ? text('annex.encryption.accountKms')
          : text('annex.encryption.sqsManaged'),
    keyHolder:
      queues.length === 0
        ? text('annex.keyHolder.none')
        : queueKeys.every((k) => k !== null)
          ? text('annex.keyHolder.accountKms')
          : text('annex.keyHolder.aws'),
  });
  const logGroups = resources.filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
  const logKeys = [...new Set(logGroups.map(([, r]) => kmsKeyOf(stack, r.Properties?.KmsKeyId)))];
  // A function without a log group of its own writes to one Lambda creates, under CloudWatch Logs' own encryption.
  const undeclared = resources.filter(
    ([, r]) => r.Type === 'AWS::Lambda::Function' && (r.Properties?.LoggingConfig as JsonObject | undefined)?.LogGroup === undefined,
  ).length;
  const logRetention = logGroups.map(([, r]) => r.Properties?.RetentionInDays).find((d) => typeof d === 'number');
  rows.push({
    kind: 'function-logs',
    region,
    account,
    encryption: text(undeclared > 0 ? 'annex.encryption.functionLogsUndeclared' : 'annex.encryption.functionLogs', {
      key: logKeys.length > 0 && logKeys.every((k) => k !== null) ? 'kms' : 'service',
      days: typeof logRetention === 'number' ? logRetention : 0,
      ...(undeclared > 0 ? { undeclared } : {}),
    }),
    keyHolder: text('annex.keyHolder.accountKms'),
  });
  const copy = replicaOf(stack, replica);
  rows.push(
    copy
      ? {
          kind: 'replicas',
          region: copy.region,
          account: copy.account,
          encryption: text('annex.encryption.replica', { clientSide: providerSees ? 'no' : 'yes', rtc: copy.timeControl ? 'on' : 'off' }),
          // Client-side content stays ciphertext under the premises key; SSE-KMS there is the replica region's own key.
          keyHolder: providerSees ? replicaKeyHolder(tenant, config) : contentKeyHolder(tenant, evidence, config),
        }
      : {
          kind: 'replicas',
          region: null,
          account: null,
          encryption: replicationDeclared(stack) ? text('annex.encryption.replicated') : text('annex.encryption.noReplica'),
          keyHolder: text('annex.keyHolder.none'),
        },
  );
  rows.push({
    kind: 'exports',
    region: null,
    account: null,
    encryption: providerSees ? text('annex.encryption.exportPlaintext') : text('annex.encryption.exportCiphertext'),
    keyHolder: text('annex.keyHolder.exportHolder'),
  });
  return rows;
}

/** The KMS key of the log group a trail delivers to, when the template declares one. */
function kmsKeyOfLogGroup(stack: AssemblyStack, logGroupArn: Json | undefined): string | null {
  const id = referencedId(logGroupArn);
  return id ? kmsKeyOf(stack, stack.resources[id]?.Properties?.KmsKeyId) : null;
}

function kmsKeyOfBucket(stack: AssemblyStack, props: JsonObject | undefined): string | null {
  const rules = asArray(((props?.BucketEncryption as JsonObject | undefined)?.ServerSideEncryptionConfiguration as Json[] | undefined) ?? []) as JsonObject[];
  for (const rule of rules) {
    const key = kmsKeyOf(stack, (rule.ServerSideEncryptionByDefault as JsonObject | undefined)?.KMSMasterKeyID);
    if (key) return key;
  }
  return null;
}

export interface ControllerAnnexInput {
  readonly config: SuverenConfig;
  readonly tenant: TenantConfig;
  readonly evidence: TenantEvidence;
  readonly stack: AssemblyStack;
  readonly audit: AssemblyStack | undefined;
  readonly organization: OrganizationEvidence;
  /** The tenant's replica stack, when the assembly has one (docs/continuity.md). */
  readonly replica?: AssemblyStack;
  /** The tenant's last drill report, when its config names one (`continuity.drillReport`). */
  readonly drill?: DrillReport;
}

export function controllerAnnex({ config, tenant, evidence, stack, audit, organization, replica, drill }: ControllerAnnexInput): ControllerAnnex {
  const country = tenant.country ?? null;
  const organisationType = tenant.organisationType ?? null;
  const dataBucket = evidence.dataBuckets[0];
  const quarantine = evidence.quarantineBuckets[0];
  const logBucket = evidence.logBuckets[0];
  const data = lifecycleDays(stack, dataBucket?.logicalId);
  const copy = replicaOf(stack, replica);
  const inspected = !(evidence.uploadInspection.length === 1 && evidence.uploadInspection[0].id === 'upload.none');
  const provider = config.organization.provider;
  const facts = (['contractingEntity', 'subProcessors', 'dataProcessingTerms'] as const).map((fact) => ({
    fact,
    value: provider?.[fact]?.value ?? null,
    source: provider?.[fact]?.source ?? null,
    checkedOn: provider?.[fact]?.checkedOn ?? null,
  }));
  const nationalLawGiven = tenant.incidentReporting?.nationalLaw;
  return {
    country,
    organisationType,
    processing: {
      purposes: tenant.processing?.purposes ?? null,
      dataCategories: tenant.processing?.dataCategories ?? null,
      dataSubjects: tenant.processing?.dataSubjects ?? null,
      recipients: tenant.processing?.recipients ?? null,
    },
    locations: tenantLocations(tenant, evidence, stack, audit, config, replica),
    plaintextParties:
      evidence.reach === null || evidence.reach === undefined ? null : plaintextParties([...evidence.reach.paths, ...(evidence.reach.replica?.paths ?? [])]),
    integrity: [
      text(dataBucket?.versioning ? 'annex.integrity.versioning' : 'annex.integrity.noVersioning'),
      text(inspected ? 'annex.integrity.inspection' : 'annex.integrity.noInspection'),
      dataBucket?.objectLock ? text('annex.integrity.objectLock') : text('annex.integrity.noObjectLock'),
      organization.trail?.logFileValidation && organization.trail.archiveObjectLock
        ? text('annex.integrity.trailValidated')
        : text('annex.integrity.trailPartial', {
            validation: organization.trail?.logFileValidation ? 'on' : 'off',
            lock: organization.trail?.archiveObjectLock ? 'on' : 'off',
          }),
    ],
    availability: [
      ...[
        copy
          ? text('annex.availability.replicated', {
              region: evidence.region ?? '?',
              replicaRegion: copy.region,
              rtc: copy.timeControl ? 'on' : 'off',
              deletes: copy.deleteMarkers ? 'on' : 'off',
            })
          : text('annex.availability.oneRegion', { region: evidence.region ?? '?' }),
      ],
      text(dataBucket?.versioning ? 'annex.availability.versions' : 'annex.availability.noVersions', { days: data.noncurrent ?? 0 }),
      text('annex.availability.suspension'),
      text(tierDefinition(evidence.tier).description.providerSeesPlaintext ? 'annex.availability.keyAvailability' : 'annex.availability.premisesKey'),
      ...(copy ? [drillText(drill)] : []),
    ],
    processorChain: {
      operator: config.organization.operator ? { name: config.organization.operator.name, contact: config.organization.operator.contact ?? null } : null,
      provider: facts,
    },
    retention: {
      noncurrentVersionDays: data.noncurrent,
      quarantineNoncurrentDays: lifecycleDays(stack, quarantine?.logicalId).noncurrent,
      accessLogDays: lifecycleDays(stack, logBucket?.logicalId).current,
      dataObjectLock: dataBucket?.objectLock ?? null,
      auditArchiveLock: organization.trail?.archiveObjectLock ?? null,
      keyDeletionWindowDays: [...new Set(evidence.keys.map((k) => k.deletionWindowDays).filter((d): d is number => d !== null))].sort((a, b) => a - b),
      keysWithDefaultWindow: evidence.keys.filter((k) => k.deletionWindowDays === null).length,
    },
    breach: {
      nationalLaw: nationalLawGiven ?? (country ? NATIONAL_INCIDENT_LAW_DEFAULT[country] : null),
      nationalLawDefaulted: nationalLawGiven === undefined && country !== null,
      controllerContact: tenant.incidentReporting?.controllerContact ?? null,
      operatorContact: config.organization.operator?.contact ?? null,
    },
    sources: sourcesFor(country, organisationType).map((s) => s.id),
  };
}

/** Every party with a path to plaintext in the data bucket or its replica, each once, by its shortest path. */
function plaintextParties(paths: readonly ReachPath[]): PlaintextParty[] {
  const shortest = new Map<string, ReachPath>();
  for (const path of paths) {
    const known = shortest.get(path.principal);
    if (!known || path.steps.length < known.steps.length) shortest.set(path.principal, path);
  }
  return [...shortest.values()]
    .sort((a, b) => a.steps.length - b.steps.length || a.principal.localeCompare(b.principal))
    .map((p) => ({ principal: p.principal, label: p.label, end: p.terminal.kind, steps: p.steps.length, gates: [...new Set(p.gates.map((g) => g.kind))] }));
}

/** Whether any bucket of the tenant's stack declares replication. */
function replicationDeclared(stack: AssemblyStack): boolean {
  return Object.values(stack.resources).some((r) => r.Type === 'AWS::S3::Bucket' && r.Properties?.ReplicationConfiguration !== undefined);
}

/**
 * The tenant's replica as the templates declare it: the data bucket's replication rule
 * into a bucket of the replica stack. Undefined when either half is missing (a shard
 * without the replica stack says only that a rule is declared).
 */
/** What the tenant's last drill found (Art. 32(1)(d): testing the measures), or that none is on record. */
function drillText(drill: DrillReport | undefined): Text {
  if (!drill) return text('annex.availability.noDrill');
  return text('annex.availability.drill', {
    date: drill.completedAt.slice(0, 10),
    sampled: drill.sample.objects.length,
    verified: drill.sample.verified,
    failed: drill.replication.failed.length,
    rpo: drill.replication.observedRpoSeconds === null ? 'none' : String(drill.replication.observedRpoSeconds),
    passed: drill.passed ? 'yes' : 'no',
  });
}

function replicaOf(
  stack: AssemblyStack,
  replica: AssemblyStack | undefined,
): { readonly region: string; readonly account: string; readonly timeControl: boolean; readonly deleteMarkers: boolean } | undefined {
  if (!replica) return undefined;
  const names = new Set(
    Object.values(replica.resources).flatMap((r) => {
      const name = r.Properties?.BucketName;
      return r.Type === 'AWS::S3::Bucket' && typeof name === 'string' ? [name] : [];
    }),
  );
  for (const resource of Object.values(stack.resources)) {
    const rules = ((resource.Properties?.ReplicationConfiguration as JsonObject | undefined)?.Rules ?? []) as JsonObject[];
    for (const rule of rules) {
      const destination = rule.Destination as JsonObject | undefined;
      const bucket = typeof destination?.Bucket === 'string' ? destination.Bucket.split(':::')[1] : undefined;
      if (resource.Type === 'AWS::S3::Bucket' && bucket !== undefined && names.has(bucket) && replica.region && replica.account)
        return {
          region: replica.region,
          account: replica.account,
          timeControl: (destination?.ReplicationTime as JsonObject | undefined)?.Status === 'Enabled',
          deleteMarkers: (rule.DeleteMarkerReplication as JsonObject | undefined)?.Status === 'Enabled',
        };
    }
  }
  return undefined;
}
