import { ACCESS_CAPABILITIES, type AccessMatrixRow, CAPABILITY_MEANING } from '../authorization/access-capabilities';
import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import { type Text, type Translate, say, translator } from '../i18n/translate';
import { CONTROLS } from './mapping/controls';
import { SOURCES, sourceShort, sourceTitle, sourceVersion } from './mapping/sources';
import { ANNEX_STYLE, renderAnnexSection } from './render-annex';
import { citation, deploymentSentences, escape, inline, reachPathText, TENANT_COLUMNS, tenantIntro } from './render-common';
import type { TenantReach } from '../reach/reach-model';
import { ACCESS_KINDS, PROVIDER_FACTS } from './technical-annex';
import type { BucketEvidence, EvidenceReport, ExternalKeyStoreEvidence, KeyEvidence, PartitionEvidence, TenantEvidence } from './report-model';

/*
 * The evidence report as one self-contained HTML file: inline CSS, no scripts, no
 * external assets, readable offline and printable (each tenant starts on a new page).
 * Every sentence comes from the language's catalogue; its `**bold**` and `` `code` ``
 * become <strong> and <code> after escaping.
 */

const STYLE = `
  body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
  h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; } h3 { margin-top: 1.4rem; }
  table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; } th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; } code { font-size: .92em; background: #f6f8fa; padding: 0 .2rem; word-break: break-all; }
  .ok { color: #116329; font-weight: 600; } .bad { color: #a40e26; font-weight: 600; } .muted { color: #57606a; }
  .badge { display: inline-block; padding: .05rem .45rem; border-radius: .6rem; font-size: .85em; border: 1px solid currentColor; }
  section.tenant { border: 1px solid #d0d7de; border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; }
  @media print { body { margin: 0; max-width: none; } section.tenant { break-before: page; } a { color: inherit; text-decoration: none; } }
`;

const code = (value: string) => `<code>${escape(value)}</code>`;

/** The renderer's vocabulary in one language: the translator, and yes/no flags coloured by whether the value is the safe one. */
interface Words {
  readonly t: Translate;
  /** A sentence as HTML. */
  readonly h: (value: Text) => string;
  readonly flag: (value: boolean, good?: boolean) => string;
}

export function renderHtml(report: EvidenceReport, language: EvidenceLanguage = 'en'): string {
  const t = translator(language);
  const w: Words = {
    t,
    h: (value) => inline(say(t, value)),
    flag: (value, good = true) => `<span class="${value === good ? 'ok' : 'bad'}">${escape(t(value ? 'common.yes' : 'common.no'))}</span>`,
  };
  const { summary, organization } = report;
  const gates = summary.gatesPassed
    ? `<span class="badge ok">${inline(t('summary.gates.passed'))}</span>`
    : `<span class="badge bad">${inline(t(summary.validationReportFound ? 'summary.gates.failed' : 'summary.gates.notRun'))}</span>`;
  const columns = TENANT_COLUMNS;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t('report.title'))}</title>
<style>${STYLE}${ANNEX_STYLE}</style>
</head>
<body>
<header>
<h1>${escape(t('report.title'))}</h1>
<p class="muted">${inline(t('report.generated', { configFile: summary.configFile, schema: report.schema, version: report.schemaVersion }))}</p>
<p class="standing"><strong>${escape(t('report.standing.label'))}</strong> ${inline(t('report.standing'))}</p>
<p class="standing"><strong>${escape(t('report.classifications.label'))}</strong> ${inline(t('report.classifications'))}</p>
<p class="muted">${inline(t('report.quoted'))}</p>
</header>
<main>
<section id="summary">
<h2>${escape(t('summary.heading'))}</h2>
<ul>
<li>${inline(t('summary.allowedRegions', { regions: summary.allowedRegions.join(', ') }))}</li>
<li>${inline(t('summary.scpRegions', { regions: organization.scpAllowedRegions.join(', ') || t('summary.noRegionGuard') }))}</li>
<li>${inline(t('summary.gates', { state: '\u0000', findings: summary.findingCount, acknowledgments: summary.acknowledgmentCount, where: t('acknowledgments.heading') })).replace('\u0000', gates)}</li>
<li>${inline(t('summary.accessMatrix', { state: summary.accessMatrix ? say(t, summary.accessMatrix) : t('accessMatrix.notRequested') }))}</li>
</ul>
<table id="tenants">
<caption class="muted">${inline(t('summary.tenants', { count: summary.tenantCount }))}</caption>
<thead><tr>${columns.map((c) => `<th>${escape(t(c))}</th>`).join('')}</tr></thead>
<tbody>
${report.tenants
  .map(
    (x) =>
      `<tr data-tenant="${escape(x.id)}"><td><a href="#tenant-${escape(x.id)}">${escape(x.id)}</a></td><td>${escape(x.displayName)}</td><td>${inline(t('classification.label', { classification: x.classification }))}</td><td>${escape(x.tier)}</td><td>${escape(x.region ?? t('common.unresolved'))}</td><td>${escape(x.account ?? t('common.unresolved'))}</td><td>${w.flag(x.providerSeesPlaintext, false)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>`);
  // The controller's annexes first (for the data protection officer), then the technical appendix (for reviewers).
  if (report.tenants.some((x) => x.controllerAnnex))
    parts.push(
      `<section id="annexes">\n<h2>${escape(t('report.annexes.heading'))}</h2>\n${report.tenants.map((x) => renderAnnexSection(report, x, language, 3)).join('\n')}\n</section>`,
    );
  parts.push(`<h2 id="technical">${escape(t('report.technical.heading'))}</h2>\n<p>${inline(t('report.technical.intro'))}</p>`);
  for (const tenant of report.tenants) parts.push(tenantSection(tenant, w));
  const trail = organization.trail;
  parts.push(`<section id="guardrails">
<h2>${escape(t('org.heading'))}</h2>
${organization.partition ? partitionHtml(organization.partition, w) : ''}
${
  organization.policies.length === 0
    ? `<p class="bad">${inline(t('org.noPolicies'))}</p>`
    : `<table><thead><tr><th>${escape(t('org.column.policy'))}</th><th>${escape(t('org.column.type'))}</th><th>${escape(t('org.column.attachedTo'))}</th><th>${escape(t('org.column.purpose'))}</th></tr></thead><tbody>
${organization.policies.map((p) => `<tr><td>${code(p.name)}</td><td>${p.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'}</td><td>${escape(p.targets.join(', '))}</td><td>${escape(p.description)}</td></tr>`).join('\n')}
</tbody></table>`
}
<p>${
    trail
      ? fill(
          inline(
            t('org.trail', {
              organization: '\u0001',
              allRegions: '\u0002',
              validation: '\u0003',
              encrypted: '\u0004',
              objectLock: trail.archiveObjectLock ? say(t, trail.archiveObjectLock) : t('common.none'),
            }),
          ),
          [w.flag(trail.organizationTrail), w.flag(trail.multiRegion), w.flag(trail.logFileValidation), w.flag(trail.encrypted)],
        )
      : `<span class="bad">${inline(t('org.noTrail'))}</span>`
  }</p>
${
  (organization.alarms ?? []).length > 0
    ? `<ul>${(organization.alarms ?? [])
        .map((a) =>
          a.recipients.length > 0
            ? `<li>${inline(t('org.alarm', { name: a.name, recipients: a.recipients.join(', ') }))}</li>`
            : `<li class="bad">${inline(t('org.alarmNobody', { name: a.name }))}</li>`,
        )
        .join('')}</ul>`
    : ''
}
</section>
${deploymentHtml(report.deployment ?? null, w)}
${runtimeHtml(report.runtime, w)}
<section id="findings">
<h2>${escape(t('findings.heading'))}</h2>
${
  report.findings.length === 0
    ? `<p class="ok">${inline(t('findings.none'))}</p>`
    : `<table><thead><tr>${(['findings.column.pack', 'findings.column.rule', 'findings.column.severity', 'findings.column.resources', 'findings.column.description'] as const).map((c) => `<th>${escape(t(c))}</th>`).join('')}</tr></thead><tbody>
${report.findings.map((f) => `<tr><td>${escape(f.pack)}</td><td>${code(f.ruleId)}</td><td class="bad">${escape(f.severity)}</td><td>${f.resources.map(code).join('<br>')}</td><td>${escape(f.description)}</td></tr>`).join('\n')}
</tbody></table>`
}
<h3>${escape(t('acknowledgments.heading'))}</h3>
<table id="acknowledgments"><thead><tr>${(['findings.column.pack', 'findings.column.rule', 'acknowledgments.column.stack', 'acknowledgments.column.construct', 'acknowledgments.column.reason'] as const).map((c) => `<th>${escape(t(c))}</th>`).join('')}</tr></thead><tbody>
${report.acknowledgments.map((a) => `<tr><td>${escape(a.pack)}</td><td>${code(a.ruleId)}</td><td>${escape(a.stack)}</td><td>${code(a.constructPath)}</td><td>${escape(a.reason)}</td></tr>`).join('\n')}
</tbody></table>
</section>
<section id="legal">
<h2>${escape(t('legal.heading'))}</h2>
${report.legalMapping
  .map(
    (
      m,
    ) => `<h3>${m.providerSeesPlaintext ? `<span class="bad">${inline(t('legal.tier.plaintext', { tier: m.tier }))}</span>` : `<span class="ok">${inline(t('legal.tier.noPlaintext', { tier: m.tier }))}</span>`}</h3>
<p>${inline(t('legal.keyCustody', { custody: say(t, m.keyCustody) }))}</p>
<p><strong>${escape(t('legal.technicallyPossible.label'))}</strong> ${w.h(m.technicallyPossible)}</p>
<p><strong>${escape(t('legal.measures.label'))}</strong></p><ul>${m.measures.map((x) => `<li>${w.h(x)}</li>`).join('')}</ul>
<p><strong>${escape(t('legal.edpb.label'))}</strong> ${w.h(m.edpbAssessment)}</p>
<p><strong>${escape(t('legal.nist.label'))}</strong> ${escape(m.nistControls.join(', '))}</p>`,
  )
  .join('\n')}
</section>
${controlsHtml(report, language, w)}
<section id="limitations">
<h2>${escape(t('limits.heading'))}</h2>
<ul>${report.limitations.map((l) => `<li>${w.h(l)}</li>`).join('')}</ul>
</section>
</main>
</body>
</html>
`);
  return parts.join('\n');
}

/** Puts HTML fragments where a sentence has the placeholders \u0001, \u0002, ...: flags keep their markup inside a translated sentence. */
function fill(html: string, fragments: readonly string[]): string {
  return fragments.reduce((out, fragment, i) => out.replace(String.fromCharCode(i + 1), fragment), html);
}

function controlsHtml(report: EvidenceReport, language: EvidenceLanguage, w: Words): string {
  const { t } = w;
  const controls = report.controls ?? CONTROLS;
  const sources = report.sources ?? Object.values(SOURCES);
  return `<section id="controls">
<h2>${escape(t('controls.heading'))}</h2>
<p>${inline(t('controls.intro'))}</p>
<table id="control-mapping"><thead><tr><th>${escape(t('controls.column.control'))}</th><th>${escape(t('controls.column.checks'))}</th><th>${escape(t('controls.column.relevantTo'))}</th></tr></thead><tbody>
${controls
  .map(
    (c) =>
      `<tr data-control="${escape(c.id)}"><td>${code(c.id)}<br><span class="muted">${escape(t(`controls.kind.${c.kind}`))}</span></td><td>${inline(t(`control.${c.id}`))}</td><td><ul>${c.mapping.map((entry) => `<li>${inline(citation(entry, language, t))}</li>`).join('')}</ul></td></tr>`,
  )
  .join('\n')}
</tbody></table>
<h3>${escape(t('sources.heading'))}</h3>
<p>${inline(t('sources.intro'))}</p>
<table id="sources"><thead><tr>${(['sources.column.source', 'sources.column.issuer', 'sources.column.version', 'sources.column.date', 'sources.column.checked', 'sources.column.status'] as const).map((c) => `<th>${escape(t(c))}</th>`).join('')}</tr></thead><tbody>
${sources
  .map(
    (source) =>
      `<tr data-source="${escape(source.id)}"><td><strong>${escape(sourceShort(source, language))}</strong>: ${escape(sourceTitle(source, language))} <span class="muted">(${escape(t(`jurisdiction.${source.jurisdiction}`))})</span>${source.url ? `<br><span class="muted">${escape(source.url.replace(/^https:\/\//, ''))}</span>` : ''}</td><td>${escape(source.issuer)}</td><td>${escape(sourceVersion(source, language))}</td><td>${escape(source.date)}</td><td>${escape(source.checkedOn)}</td><td class="${{ verified: 'ok', unverified: 'bad', guidance: 'muted' }[source.status]}">${inline(t(`sources.${source.status}`))}${source.note ? `<br><span class="muted">${inline(t(source.note))}</span>` : ''}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
</section>`;
}

function externalKeyStoreHtml(x: ExternalKeyStoreEvidence, w: Words): string {
  const { t } = w;
  const endpoint = `${x.uriEndpoint ?? ''}${x.uriPath ?? ''}`;
  const reach = !x.storeDeclared ? t('xks.notDeclared') : t(x.connectivity === 'VPC_ENDPOINT_SERVICE' ? 'xks.reach.vpc' : 'xks.reach.public', { endpoint });
  return `<p>${inline(
    t('xks.store', {
      name: x.keyStoreName,
      where: x.stack ? t('xks.where', { stack: x.stack, account: x.account ?? t('common.unresolved') }) : '',
      reach,
      keyId: x.xksKeyId ?? t('common.unknown'),
    }),
  )} ${inline(t(x.keyOriginScp ? 'xks.keyOriginScp' : 'xks.noKeyOriginScp'))}</p>
<p><strong>${escape(t('xks.killSwitch'))}</strong> ${w.h(x.killSwitch)}</p>
${x.alarms.length > 0 ? `<p>${inline(t('xks.alarms'))}</p><ul>${x.alarms.map((a) => `<li>${escape(a)}</li>`).join('')}</ul>` : `<p>${inline(t('xks.noAlarms'))}</p>`}`;
}

function tenantSection(tenant: TenantEvidence, w: Words): string {
  const { t } = w;
  return `<section class="tenant" id="tenant-${escape(tenant.id)}">
<h2>${escape(t('tenant.heading', { id: tenant.id, name: tenant.displayName }))}</h2>
<p>${inline(tenantIntro(tenant, t))}</p>
${tenant.dataBuckets.map((b) => bucketHtml(t('bucket.data'), b, w)).join('\n')}
${tenant.keys.map((k) => keyHtml(k, w)).join('\n')}
${tenant.reach ? reachHtml(tenant.reach, w) : ''}
${tenant.accessMatrix ? accessHtml(tenant.accessMatrix, w) : ''}
${tenant.quarantineBuckets.map((b) => bucketHtml(t('bucket.quarantine'), b, w)).join('\n')}
${tenant.logBuckets.map((b) => bucketHtml(t('bucket.accessLog'), b, w)).join('\n')}
<p><strong>${escape(t('tenant.uploadInspection'))}</strong> ${tenant.uploadInspection.map(w.h).join(' ')}</p>
${tenant.recovery ? `<p><strong>${escape(t('tenant.recovery'))}</strong> ${w.h(tenant.recovery.statement)}</p>` : ''}
${tenant.erasure ? `<p><strong>${escape(t('tenant.erasure'))}</strong> ${w.h(tenant.erasure)}</p>` : ''}
${tenant.externalKeyStore ? externalKeyStoreHtml(tenant.externalKeyStore, w) : ''}
<p>${inline(t('tenant.guardrails'))}</p>
<ul>${tenant.guardrails.map((g) => `<li>${w.h(g)}</li>`).join('')}</ul>
${annexHtml(tenant, w)}
</section>`;
}

/** The technical annex and where the controller's own assessment is filed. */
function annexHtml(tenant: TenantEvidence, w: Words): string {
  const { t } = w;
  const a = tenant.assessment;
  return `<h3>${escape(t('annex.heading'))}</h3>
<p>${inline(t('annex.intro'))}</p>
<ul class="annex">${(tenant.technicalAnnex ?? [])
    .map(
      (e) =>
        `<li data-access="${escape(e.kind)}"><strong>${escape((ACCESS_KINDS as readonly string[]).includes(e.kind) ? t(`annex.kind.${e.kind as (typeof ACCESS_KINDS)[number]}`) : e.kind)}.</strong> ${e.reach.map(w.h).join(' ')}</li>`,
    )
    .join('')}</ul>
<p><strong>${escape(t('annex.assessment.label'))}</strong> ${inline(a ? t('annex.assessment.provided', { reference: a.reference, date: a.date, role: a.decisionMakerRole }) : t('annex.assessment.missing'))}.</p>
<p>${inline(t('annex.providerFacts'))}</p>
<ul>${PROVIDER_FACTS.map((f) => `<li>${inline(t('annex.providerFact', { fact: t(`providerFact.${f}`), source: t(`providerFact.${f}.source`) }))}</li>`).join('')}</ul>`;
}

function partitionHtml(p: PartitionEvidence, w: Words): string {
  const { t } = w;
  const assumed = p.assumedAvailable.length
    ? `<p>${inline(t('org.assumed'))}</p>
<ul>${p.assumedAvailable.map((a) => `<li>${inline(t('org.assumedItem', { capability: a.capability, description: a.description, table: a.table, source: a.source }))}</li>`).join('')}</ul>`
    : '';
  const perimeter = p.resourceControlPolicy
    ? ''
    : `<p>${inline(t('org.noRcp'))}</p>
<ul>${p.compensatingControls.map((c) => `<li>${w.h(c)}</li>`).join('')}</ul>
<p><strong>${escape(t('org.residualGap.label'))}</strong> ${p.residualGap ? w.h(p.residualGap) : ''}</p>`;
  return `<p>${fill(inline(t('org.partition', { name: p.name, rcp: '\u0001' })), [w.flag(p.resourceControlPolicy)])}</p>
${assumed}
${perimeter}`;
}

function reachHtml(reach: TenantReach, w: Words): string {
  const { t } = w;
  // Names are marked with brackets no catalogue uses, then set as code once the sentence is escaped.
  const html = (s: string) => escape(s).replace(/\u27e6([^\u27e7]*)\u27e7/g, (_, name: string) => code(name));
  const items = (paths: TenantReach['paths']) =>
    paths.map((p) => {
      const worded = reachPathText(p, t, (name) => `\u27e6${name}\u27e7`);
      return `<li class="bad">${html(t('reach.path', { who: worded.who, steps: worded.steps }))} ${inline(worded.gates)}</li>`;
    });
  const list = (paths: TenantReach['paths'], none: 'reach.none' | 'reach.replicaNone') =>
    paths.length === 0 ? `<p class="ok">${inline(t(none))}</p>` : `<ul>${items(paths).join('\n')}</ul>`;
  const replica = reach.replica
    ? `<p>${html(t('reach.replica', { region: reach.replica.region, bucket: `\u27e6${reach.replica.bucket}\u27e7`, evaluations: reach.replica.evaluations }))}</p>
${list(reach.replica.paths, 'reach.replicaNone')}
`
    : '';
  return `<h3>${escape(t('reach.heading'))}</h3>
<p class="muted">${inline(t('reach.explain', { principals: reach.principals, evaluations: reach.evaluations }))}</p>
${list(reach.paths, 'reach.none')}
${replica}<ul>${reach.outsideTheGraph.map((o) => `<li>${inline(say(t, o))}</li>`).join('')}</ul>`;
}

function accessHtml(rows: readonly AccessMatrixRow[], w: Words): string {
  const { t } = w;
  return `<h3>${escape(t('access.heading'))}</h3>
<p class="muted">${inline(t('access.explain'))} ${inline(t('access.hover'))}</p>
<table class="access"><thead><tr><th>${escape(t('access.principal'))}</th>${ACCESS_CAPABILITIES.map((c) => `<th title="${escape(say(t, CAPABILITY_MEANING[c]))}">${escape(t(`capability.${c}`))}</th>`).join('')}</tr></thead><tbody>
${rows
  .map(
    (r) =>
      `<tr><td>${escape(say(t, r.label))}<br>${code(r.principal)}</td>${ACCESS_CAPABILITIES.map((c) => `<td title="${escape(r.cells[c].decidedBy)}">${r.cells[c].allowed ? `<span class="bad">${escape(t('common.yes'))}</span>` : `<span class="ok">${escape(t('common.no'))}</span>`}</td>`).join('')}</tr>`,
  )
  .join('\n')}
</tbody></table>
<p>${inline(t('access.directOnly'))}</p>
<ul>${ACCESS_CAPABILITIES.map((c) => `<li><strong>${escape(t(`capability.${c}`))}</strong>: ${escape(say(t, CAPABILITY_MEANING[c]))}</li>`).join('')}</ul>`;
}

function bucketHtml(title: string, b: BucketEvidence, w: Words): string {
  const { t, flag } = w;
  const p = b.policy;
  const row = (label: string, value: string) => `<tr><th>${escape(label)}</th><td>${value}</td></tr>`;
  return `<h3>${escape(title)} ${code(b.logicalId)}</h3>
<table class="controls"><tbody>
${row(t('bucket.region'), escape(b.region ?? t('common.unresolved')))}
${row(t('bucket.encryption'), `${w.h(b.encryption)}${b.bucketKey ? `, ${escape(t('bucket.bucketKeys'))}` : ''}`)}
${row(t('bucket.versioning'), flag(b.versioning))}
${row(t('bucket.publicAccessBlocked'), flag(b.publicAccessBlocked))}
${row(t('bucket.aclsDisabled'), flag(b.aclsDisabled))}
${row(t('bucket.accessLogging'), flag(b.accessLogging))}
${b.objectLock ? row(t('bucket.objectLock'), w.h(b.objectLock)) : ''}
${row(t('bucket.denyWithoutTls'), flag(p.denyWithoutTls))}
${row(t('bucket.tlsFloor'), escape(p.tlsFloor ?? t('common.none')))}
${row(t('bucket.keyPinned'), p.keyPinned === null ? escape(t('bucket.keyPinned.notApplicable')) : flag(p.keyPinned))}
${p.dataPrincipals.length > 0 ? row(t('bucket.dataPrincipals'), p.dataPrincipals.map(code).join('<br>')) : ''}
${p.configurationPrincipals.length > 0 ? row(t('bucket.configurationPrincipals'), p.configurationPrincipals.map(code).join('<br>')) : ''}
</tbody></table>`;
}

function keyHtml(k: KeyEvidence, w: Words): string {
  const { t, flag } = w;
  const grants = (list: KeyEvidence['users']) =>
    list.length === 0
      ? `<p>${escape(t('common.nobody'))}</p>`
      : `<ul>${list.map((g) => `<li>${code(g.principal)}: ${escape(g.actions.join(', '))}${g.viaServices.length > 0 ? ` <span class="muted">${escape(t('key.via', { services: g.viaServices.join(', ') }))}</span>` : ''}</li>`).join('')}</ul>`;
  const facts = [
    `${escape(t('key.rotation').charAt(0).toLocaleUpperCase() + t('key.rotation').slice(1))} ${flag(k.rotationEnabled)}`,
    `${escape(t('key.multiRegion'))} ${flag(k.multiRegion, false)}`,
    `${escape(t('key.deletionWindow'))} ${escape(k.deletionWindowDays === null ? t('key.deletionDefault') : t('key.deletionDays', { days: k.deletionWindowDays }))}`,
    `${escape(t('key.trustsRoot'))} ${flag(k.trustsAccountRoot, false)}`,
  ];
  return `<h3>${inline(t('key.heading', { id: k.logicalId }))}</h3>
<p>${inline(t('key.heldIn', { custody: say(t, k.custodyDescription) }))} ${facts.join('; ')}.</p>
<p>${escape(t('key.users'))}</p>${grants(k.users)}
<p>${escape(t('key.administrators'))}</p>${grants(k.administrators)}`;
}

function runtimeHtml(runtime: EvidenceReport['runtime'], w: Words): string {
  const { t } = w;
  if (!runtime) return `<section id="runtime">\n<h2>${escape(t('runtime.heading'))}</h2>\n<p>${inline(t('runtime.notRead'))}</p>\n</section>`;
  const accounts = [
    ...runtime.tenants.map((x) => ({ who: `${x.tenantId} (${x.account})`, rules: x.rules })),
    ...runtime.otherAccounts.map((a) => ({ who: a.account, rules: a.rules })),
  ];
  const rows = accounts.flatMap(({ who, rules }) =>
    rules.map(
      (r) =>
        `<tr><td>${escape(who)}</td><td>${code(r.rule)}</td><td>${escape(r.controls.join(', '))}</td><td>${escape(r.region)}</td><td class="${r.compliance === 'NON_COMPLIANT' ? 'bad' : r.compliance === 'COMPLIANT' ? 'ok' : ''}">${escape(r.compliance)}</td><td>${r.noncompliantResources
          .map(
            (n) =>
              `${code(`${n.resourceType} ${n.resourceId}`)}${n.recordedAt ? ` ${escape(t('runtime.since', { time: n.recordedAt }))}` : ''}${n.annotation ? `: ${escape(n.annotation)}` : ''}`,
          )
          .join('<br>')}</td></tr>`,
    ),
  );
  const counts = Object.entries(runtime.counts)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  return `<section id="runtime">
<h2>${escape(t('runtime.heading'))}</h2>
<p>${inline(t('runtime.read', { aggregator: runtime.aggregator, region: runtime.region, readAt: runtime.readAt, counts }))}</p>
${runtime.tenantsWithoutResults.length > 0 ? `<p class="bad">${inline(t('runtime.noResult', { tenants: runtime.tenantsWithoutResults.join(', ') }))}</p>` : ''}
<table><thead><tr>${(['runtime.column.who', 'runtime.column.rule', 'runtime.column.controls', 'column.region', 'runtime.column.compliance', 'runtime.column.noncompliant'] as const).map((c) => `<th>${escape(t(c))}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
}

function deploymentHtml(deployment: EvidenceReport['deployment'] | null, w: Words): string {
  const { t } = w;
  if (!deployment) return `<section id="deployment">\n<h2>${escape(t('deploy.heading'))}</h2>\n<p>${inline(t('deploy.none'))}</p>\n</section>`;
  return `<section id="deployment">
<h2>${escape(t('deploy.heading'))}</h2>
<p>${inline(deploymentSentences(deployment, t).pipeline)}</p>
<p>${inline(deploymentSentences(deployment, t).stages)}</p>
<ul>
${deployment.approvals
  .map(
    (a) =>
      `<li>${fill(inline(t('deploy.approval', { action: a.action, stage: a.stage, approvers: '\u0001' })), [a.approvers.length > 0 ? escape(a.approvers.join(', ')) : `<span class="bad">${escape(t('common.nobody'))}</span>`])}</li>`,
  )
  .join('\n')}
</ul>
<p>${inline(t('deploy.lastDeployed', { where: say(t, deployment.lastDeployed) }))}</p>
</section>`;
}
