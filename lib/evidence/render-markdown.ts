import { ACCESS_CAPABILITIES, type AccessMatrixRow, CAPABILITY_MEANING } from '../authorization/access-capabilities';
import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import { type Text, type Translate, say, translator } from '../i18n/translate';
import { CONTROLS } from './mapping/controls';
import { SOURCES, sourceShort, sourceTitle, sourceVersion } from './mapping/sources';
import { TENANT_COLUMNS, citation, deploymentSentences, reachPathText, tenantIntro } from './render-common';
import type { TenantReach } from '../reach/reach-model';
import { ACCESS_KINDS, PROVIDER_FACTS } from './technical-annex';
import { renderAnnexMarkdown } from './render-annex';
import type { BucketEvidence, EvidenceReport, ExternalKeyStoreEvidence, KeyEvidence, TenantEvidence } from './report-model';

/*
 * The evidence report as Markdown: for reviewers reading it in a merge request, and
 * diff-friendly (stable order, no timestamps), so a change to a control shows up as a
 * change to the report. Every sentence comes from the language's catalogue.
 */

const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** A list of facts as a sentence: its first letter upper case, in every language. */
const sentence = (value: string) => value.charAt(0).toLocaleUpperCase() + value.slice(1);

export function renderMarkdown(report: EvidenceReport, language: EvidenceLanguage = 'en'): string {
  const t = translator(language);
  const s = (value: Text) => say(t, value);
  const yesNo = (value: boolean) => (value ? t('common.yes') : `**${t('common.no')}**`);
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const { summary } = report;
  push(`# ${t('report.title')}`, '');
  push(t('report.generated', { configFile: summary.configFile, schema: report.schema, version: report.schemaVersion }), '');
  push(`**${t('report.standing.label')}** ${t('report.standing')}`, '');
  push(`**${t('report.classifications.label')}** ${t('report.classifications')}`, '');
  push(t('report.quoted'), '');
  push(`## ${t('summary.heading')}`, '');
  push(`- ${t('summary.allowedRegions', { regions: summary.allowedRegions.join(', ') })}`);
  push(`- ${t('summary.scpRegions', { regions: report.organization.scpAllowedRegions.join(', ') || t('summary.noRegionGuard') })}`);
  const gates = summary.gatesPassed ? t('summary.gates.passed') : summary.validationReportFound ? t('summary.gates.failed') : t('summary.gates.notRun');
  push(
    `- ${t('summary.gates', { state: gates, findings: summary.findingCount, acknowledgments: summary.acknowledgmentCount, where: t('acknowledgments.heading') })}`,
  );
  push(`- ${t('summary.accessMatrix', { state: summary.accessMatrix ? s(summary.accessMatrix) : t('accessMatrix.notRequested') })}`);
  push(`- ${t('summary.tenants', { count: summary.tenantCount })}`, '');
  const columns = TENANT_COLUMNS;
  push(`| ${columns.map((c) => t(c)).join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`);
  for (const tenant of report.tenants) {
    push(
      `| ${tenant.id} | ${cell(tenant.displayName)} | ${t('classification.label', { classification: tenant.classification })} | ${tenant.tier} | ${tenant.region ?? t('common.unresolved')} | ${tenant.account ?? t('common.unresolved')} | ${tenant.providerSeesPlaintext ? t('common.yes') : t('common.no')} |`,
    );
  }
  push('');
  // The controller's annexes first (for the data protection officer), then the technical appendix (for reviewers).
  if (report.tenants.some((x) => x.controllerAnnex)) {
    push(`## ${t('report.annexes.heading')}`, '');
    for (const tenant of report.tenants) if (tenant.controllerAnnex) push(renderAnnexMarkdown(report, tenant, language, 3));
  }
  push(`## ${t('report.technical.heading')}`, '', t('report.technical.intro'), '');
  for (const tenant of report.tenants) push(...tenantSection(tenant, t, yesNo));
  push(`## ${t('org.heading')}`, '');
  const partition = report.organization.partition;
  if (partition) {
    push(t('org.partition', { name: partition.name, rcp: yesNo(partition.resourceControlPolicy) }), '');
    if (partition.assumedAvailable.length > 0) {
      push(t('org.assumed'), '');
      for (const a of partition.assumedAvailable)
        push(`- ${t('org.assumedItem', { capability: a.capability, description: a.description, table: a.table, source: a.source })}`);
      push('');
    }
    if (!partition.resourceControlPolicy) {
      push(t('org.noRcp'), '');
      for (const c of partition.compensatingControls) push(`- ${s(c)}`);
      push('', `**${t('org.residualGap.label')}** ${partition.residualGap ? s(partition.residualGap) : ''}`, '');
    }
  }
  if (report.organization.policies.length === 0) push(t('org.noPolicies'), '');
  else {
    push(`| ${t('org.column.policy')} | ${t('org.column.type')} | ${t('org.column.attachedTo')} | ${t('org.column.purpose')} |`, '|---|---|---|---|');
    for (const p of report.organization.policies)
      push(`| ${p.name} | ${p.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'} | ${p.targets.join(', ')} | ${cell(p.description)} |`);
    push('');
  }
  const trail = report.organization.trail;
  push(
    trail
      ? t('org.trail', {
          organization: yesNo(trail.organizationTrail),
          allRegions: yesNo(trail.multiRegion),
          validation: yesNo(trail.logFileValidation),
          encrypted: yesNo(trail.encrypted),
          objectLock: trail.archiveObjectLock ? s(trail.archiveObjectLock) : `**${t('common.none')}**`,
        })
      : t('org.noTrail'),
    '',
  );
  for (const alarm of report.organization.alarms ?? [])
    push(
      `- ${alarm.recipients.length > 0 ? t('org.alarm', { name: alarm.name, recipients: alarm.recipients.join(', ') }) : t('org.alarmNobody', { name: alarm.name })}`,
    );
  if ((report.organization.alarms ?? []).length > 0) push('');
  const deployment = report.deployment;
  push(`## ${t('deploy.heading')}`, '');
  if (!deployment) push(t('deploy.none'), '');
  else {
    const sentences = deploymentSentences(deployment, t);
    push(sentences.pipeline, '', sentences.stages, '');
    for (const a of deployment.approvals)
      push(`- ${t('deploy.approval', { action: a.action, stage: a.stage, approvers: a.approvers.join(', ') || `**${t('common.nobody')}**` })}`);
    push('', t('deploy.lastDeployed', { where: s(deployment.lastDeployed) }), '');
  }
  push(`## ${t('runtime.heading')}`, '');
  const runtime = report.runtime;
  if (!runtime) push(t('runtime.notRead'), '');
  else {
    const counts = Object.entries(runtime.counts)
      .map(([state, n]) => `${n} ${state}`)
      .join(', ');
    push(t('runtime.read', { aggregator: runtime.aggregator, region: runtime.region, readAt: runtime.readAt, counts }), '');
    if (runtime.tenantsWithoutResults.length > 0) push(t('runtime.noResult', { tenants: runtime.tenantsWithoutResults.join(', ') }), '');
    const accounts = [
      ...runtime.tenants.map((x) => ({ who: `${x.tenantId} (${x.account})`, rules: x.rules })),
      ...runtime.otherAccounts.map((a) => ({ who: a.account, rules: a.rules })),
    ];
    push(
      `| ${t('runtime.column.who')} | ${t('runtime.column.rule')} | ${t('runtime.column.controls')} | ${t('column.region')} | ${t('runtime.column.compliance')} | ${t('runtime.column.noncompliant')} |`,
      '|---|---|---|---|---|---|',
    );
    for (const { who, rules } of accounts) {
      for (const r of rules) {
        const resources = r.noncompliantResources.map(
          (n) =>
            `${n.resourceType} ${n.resourceId}${n.recordedAt ? ` ${t('runtime.since', { time: n.recordedAt })}` : ''}${n.annotation ? `: ${n.annotation}` : ''}`,
        );
        push(
          `| ${cell(who)} | ${r.rule} | ${r.controls.join(', ')} | ${r.region} | ${r.compliance === 'NON_COMPLIANT' ? '**NON_COMPLIANT**' : r.compliance} | ${cell(resources.join('; '))} |`,
        );
      }
    }
    push('');
  }
  push(`## ${t('findings.heading')}`, '');
  if (report.findings.length === 0) push(t('findings.none'), '');
  else {
    push(
      `| ${t('findings.column.pack')} | ${t('findings.column.rule')} | ${t('findings.column.severity')} | ${t('findings.column.resources')} | ${t('findings.column.description')} |`,
      '|---|---|---|---|---|',
    );
    for (const f of report.findings) push(`| ${f.pack} | ${f.ruleId} | ${f.severity} | ${cell(f.resources.join(', '))} | ${cell(f.description)} |`);
    push('');
  }
  push(`## ${t('acknowledgments.heading')}`, '');
  push(
    `| ${t('findings.column.pack')} | ${t('findings.column.rule')} | ${t('acknowledgments.column.stack')} | ${t('acknowledgments.column.construct')} | ${t('acknowledgments.column.reason')} |`,
    '|---|---|---|---|---|',
  );
  for (const a of report.acknowledgments) push(`| ${a.pack} | ${cell(a.ruleId)} | ${a.stack} | ${cell(a.constructPath)} | ${cell(a.reason)} |`);
  push('');
  push(`## ${t('legal.heading')}`, '');
  for (const m of report.legalMapping) {
    push(`### ${t(m.providerSeesPlaintext ? 'legal.tier.plaintext' : 'legal.tier.noPlaintext', { tier: m.tier })}`, '');
    push(t('legal.keyCustody', { custody: s(m.keyCustody) }), '');
    push(`**${t('legal.technicallyPossible.label')}** ${s(m.technicallyPossible)}`, '');
    push(`**${t('legal.measures.label')}**`, '', ...m.measures.map((x) => `- ${s(x)}`), '');
    push(`**${t('legal.edpb.label')}** ${s(m.edpbAssessment)}`, '');
    push(`**${t('legal.nist.label')}** ${m.nistControls.join(', ')}`, '');
  }
  push(...controlLines(report, language, t));
  push(`## ${t('limits.heading')}`, '', ...report.limitations.map((l) => `- ${s(l)}`), '');
  return lines.join('\n');
}

/** Every control with what it checks and the provisions it is relevant to, then the sources with issuer, version, date and checked-on. */
function controlLines(report: EvidenceReport, language: EvidenceLanguage, t: Translate): string[] {
  const controls = report.controls ?? CONTROLS;
  const sources = report.sources ?? Object.values(SOURCES);
  return [
    `## ${t('controls.heading')}`,
    '',
    t('controls.intro'),
    '',
    `| ${t('controls.column.control')} | ${t('controls.column.checks')} | ${t('controls.column.relevantTo')} |`,
    '|---|---|---|',
    ...controls.map(
      (c) =>
        `| \`${c.id}\` (${t(`controls.kind.${c.kind}`)}) | ${cell(t(`control.${c.id}`))} | ${cell(c.mapping.map((entry) => citation(entry, language, t)).join('; '))} |`,
    ),
    '',
    `### ${t('sources.heading')}`,
    '',
    t('sources.intro'),
    '',
    `| ${t('sources.column.source')} | ${t('sources.column.issuer')} | ${t('sources.column.version')} | ${t('sources.column.date')} | ${t('sources.column.checked')} | ${t('sources.column.status')} |`,
    '|---|---|---|---|---|---|',
    ...sources.map(
      (source) =>
        `| **${cell(sourceShort(source, language))}**: ${cell(sourceTitle(source, language))} (${t(`jurisdiction.${source.jurisdiction}`)})${source.url ? ` (${source.url.replace(/^https:\/\//, '')})` : ''} | ${cell(source.issuer)} | ${cell(sourceVersion(source, language))} | ${source.date} | ${source.checkedOn} | ${cell(
          `${t(`sources.${source.status}`)}${source.note ? ` ${t(source.note)}` : ''}`,
        )} |`,
    ),
    '',
  ];
}

function tenantSection(tenant: TenantEvidence, t: Translate, yesNo: (value: boolean) => string): string[] {
  const s = (value: Text) => say(t, value);
  const lines = [`## ${t('tenant.heading', { id: tenant.id, name: tenant.displayName })}`, ''];
  lines.push(tenantIntro(tenant, t), '');
  for (const b of tenant.dataBuckets) lines.push(...bucketLines(t('bucket.data'), b, t, yesNo));
  for (const k of tenant.keys) lines.push(...keyLines(k, t, yesNo));
  if (tenant.reach) lines.push(...reachLines(tenant.reach, t));
  if (tenant.accessMatrix) lines.push(...accessLines(tenant.accessMatrix, t));
  for (const b of tenant.quarantineBuckets) lines.push(...bucketLines(t('bucket.quarantine'), b, t, yesNo));
  for (const b of tenant.logBuckets) lines.push(...bucketLines(t('bucket.accessLog'), b, t, yesNo));
  lines.push(`**${t('tenant.uploadInspection')}** ${tenant.uploadInspection.map(s).join(' ')}`, '');
  if (tenant.recovery) lines.push(`**${t('tenant.recovery')}** ${s(tenant.recovery.statement)}`, '');
  if (tenant.erasure) lines.push(`**${t('tenant.erasure')}** ${s(tenant.erasure)}`, '');
  if (tenant.externalKeyStore) lines.push(...externalKeyStoreLines(tenant.externalKeyStore, t));
  lines.push(t('tenant.guardrails'), '', ...tenant.guardrails.map((g) => `- ${s(g)}`), '');
  lines.push(...annexLines(tenant, t));
  return lines;
}

/** The technical annex and where the controller's own assessment is filed: facts for the controller's case file, no risk figures. */
function annexLines(tenant: TenantEvidence, t: Translate): string[] {
  const a = tenant.assessment;
  return [
    `### ${t('annex.heading')}`,
    '',
    t('annex.intro'),
    '',
    ...(tenant.technicalAnnex ?? []).map(
      (e) =>
        `- **${(ACCESS_KINDS as readonly string[]).includes(e.kind) ? t(`annex.kind.${e.kind as (typeof ACCESS_KINDS)[number]}`) : e.kind}.** ${e.reach.map((r) => say(t, r)).join(' ')}`,
    ),
    '',
    `**${t('annex.assessment.label')}** ${a ? t('annex.assessment.provided', { reference: a.reference, date: a.date, role: a.decisionMakerRole }) : t('annex.assessment.missing')}.`,
    '',
    t('annex.providerFacts'),
    '',
    ...PROVIDER_FACTS.map((f) => `- ${t('annex.providerFact', { fact: t(`providerFact.${f}`), source: t(`providerFact.${f}.source`) })}`),
    '',
  ];
}

function externalKeyStoreLines(x: ExternalKeyStoreEvidence, t: Translate): string[] {
  const endpoint = `${x.uriEndpoint ?? ''}${x.uriPath ?? ''}`;
  const reach = !x.storeDeclared ? t('xks.notDeclared') : t(x.connectivity === 'VPC_ENDPOINT_SERVICE' ? 'xks.reach.vpc' : 'xks.reach.public', { endpoint });
  return [
    `${t('xks.store', {
      name: x.keyStoreName,
      where: x.stack ? t('xks.where', { stack: x.stack, account: x.account ?? t('common.unresolved') }) : '',
      reach,
      keyId: x.xksKeyId ?? t('common.unknown'),
    })} ${t(x.keyOriginScp ? 'xks.keyOriginScp' : 'xks.noKeyOriginScp')}`,
    '',
    `**${t('xks.killSwitch')}** ${say(t, x.killSwitch)}`,
    '',
    ...(x.alarms.length > 0 ? [t('xks.alarms'), '', ...x.alarms.map((a) => `- ${a}`), ''] : [t('xks.noAlarms'), '']),
  ];
}

function reachLines(reach: TenantReach, t: Translate): string[] {
  const code = (name: string) => `\`${name}\``;
  return [
    `### ${t('reach.heading')}`,
    '',
    t('reach.explain', { principals: reach.principals, evaluations: reach.evaluations }),
    '',
    ...(reach.paths.length === 0
      ? [t('reach.none')]
      : reach.paths.map((p) => {
          const worded = reachPathText(p, t, code);
          return `- ${t('reach.path', { who: `**${worded.who}**`, steps: worded.steps })} ${worded.gates}`;
        })),
    '',
    ...(reach.replica
      ? [
          t('reach.replica', { region: reach.replica.region, bucket: code(reach.replica.bucket), evaluations: reach.replica.evaluations }),
          '',
          ...(reach.replica.paths.length === 0
            ? [t('reach.replicaNone')]
            : reach.replica.paths.map((p) => {
                const worded = reachPathText(p, t, code);
                return `- ${t('reach.path', { who: `**${worded.who}**`, steps: worded.steps })} ${worded.gates}`;
              })),
          '',
        ]
      : []),
    ...reach.outsideTheGraph.map((o) => `- ${say(t, o)}`),
    '',
  ];
}

function accessLines(rows: readonly AccessMatrixRow[], t: Translate): string[] {
  return [
    `### ${t('access.heading')}`,
    '',
    t('access.explain'),
    '',
    `| ${t('access.principal')} | ${ACCESS_CAPABILITIES.map((c) => t(`capability.${c}`)).join(' | ')} |`,
    `|---|${ACCESS_CAPABILITIES.map(() => '---').join('|')}|`,
    ...rows.map(
      (r) =>
        `| ${cell(say(t, r.label))} \`${r.principal}\` | ${ACCESS_CAPABILITIES.map((c) => (r.cells[c].allowed ? t('common.yes') : t('common.no'))).join(' | ')} |`,
    ),
    '',
    t('access.directOnly'),
    '',
    ...ACCESS_CAPABILITIES.map((c) => `- **${t(`capability.${c}`)}**: ${say(t, CAPABILITY_MEANING[c])}`),
    '',
  ];
}

function bucketLines(title: string, b: BucketEvidence, t: Translate, yesNo: (value: boolean) => string): string[] {
  const p = b.policy;
  const facts = [
    `${t('bucket.encryption')} ${say(t, b.encryption)}${b.bucketKey ? `, ${t('bucket.bucketKeys')}` : ''}`,
    `${t('bucket.versioning')} ${yesNo(b.versioning)}`,
    `${t('bucket.publicAccessBlocked')} ${yesNo(b.publicAccessBlocked)}`,
    `${t('bucket.aclsDisabled')} ${yesNo(b.aclsDisabled)}`,
    `${t('bucket.accessLogging')} ${yesNo(b.accessLogging)}`,
    ...(b.objectLock ? [`${t('bucket.objectLock')} ${say(t, b.objectLock)}`] : []),
  ];
  const policy = [
    `${t('bucket.denyWithoutTls')} ${yesNo(p.denyWithoutTls)}`,
    `${t('bucket.tlsFloor')} ${p.tlsFloor ?? `**${t('common.none')}**`}`,
    `${t('bucket.keyPinned')} ${p.keyPinned === null ? t('bucket.keyPinned.notApplicable') : yesNo(p.keyPinned)}`,
  ];
  return [
    `**${title}** \`${b.logicalId}\` (${b.region ?? t('common.unresolved')}): ${facts.join('; ')}.`,
    '',
    `${sentence(policy.join('; '))}.`,
    ...(p.dataPrincipals.length > 0 ? ['', `${sentence(t('bucket.dataPrincipals'))}: ${p.dataPrincipals.map((x) => `\`${x}\``).join(', ')}.`] : []),
    ...(p.configurationPrincipals.length > 0
      ? ['', `${sentence(t('bucket.configurationPrincipals'))}: ${p.configurationPrincipals.map((x) => `\`${x}\``).join(', ')}.`]
      : []),
    '',
  ];
}

function keyLines(k: KeyEvidence, t: Translate, yesNo: (value: boolean) => string): string[] {
  const grant = (g: KeyEvidence['users'][number]) =>
    `\`${g.principal}\`: ${g.actions.join(', ')}${g.viaServices.length > 0 ? ` ${t('key.via', { services: g.viaServices.join(', ') })}` : ''}`;
  const facts = [
    `${t('key.rotation')} ${yesNo(k.rotationEnabled)}`,
    `${t('key.multiRegion')} ${k.multiRegion ? `**${t('common.yes')}**` : t('common.no')}`,
    `${t('key.deletionWindow')} ${k.deletionWindowDays === null ? t('key.deletionDefault') : t('key.deletionDays', { days: k.deletionWindowDays })}`,
    `${t('key.trustsRoot')} ${k.trustsAccountRoot ? `**${t('common.yes')}**` : t('common.no')}`,
  ];
  return [
    `**${t('key.heading', { id: k.logicalId })}.** ${t('key.heldIn', { custody: say(t, k.custodyDescription) })} ${sentence(facts.join('; '))}.`,
    '',
    t('key.users'),
    '',
    ...(k.users.length > 0 ? k.users.map((g) => `- ${grant(g)}`) : [`- ${t('common.nobody')}`]),
    '',
    t('key.administrators'),
    '',
    ...(k.administrators.length > 0 ? k.administrators.map((g) => `- ${grant(g)}`) : [`- ${t('common.nobody')}`]),
    '',
  ];
}
