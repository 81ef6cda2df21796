import { CLASSIFICATION_STANDING, REPORT_STANDING, classificationLabel } from './legal-mapping';
import { ACCESS_KINDS, type AccessKind, PROVIDER_FACTS } from './technical-annex';
import { ACCESS_CAPABILITIES, type AccessMatrixRow, CAPABILITY_MEANING } from '../authorization/access-capabilities';
import type { BucketEvidence, EvidenceReport, ExternalKeyStoreEvidence, KeyEvidence, PartitionEvidence, TenantEvidence } from './report-model';

/*
 * The evidence report as one self-contained HTML file: inline CSS, no scripts, no
 * external assets, readable offline and printable (each tenant starts on a new page).
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

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const flag = (value: boolean, good = true) => `<span class="${value === good ? 'ok' : 'bad'}">${value ? 'yes' : 'no'}</span>`;
const code = (text: string) => `<code>${escape(text)}</code>`;

export function renderHtml(report: EvidenceReport): string {
  const { summary, organization } = report;
  const gates = summary.gatesPassed
    ? '<span class="badge ok">passed</span>'
    : `<span class="badge bad">${summary.validationReportFound ? 'failed' : 'not run'}</span>`;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>suveren evidence report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>suveren evidence report</h1>
<p class="muted">Generated from the synthesized cloud assembly of ${code(summary.configFile)}. Schema ${code(report.schema)} ${escape(report.schemaVersion)}.</p>
<p class="standing"><strong>What this report is.</strong> ${escape(REPORT_STANDING)}</p>
<p class="standing"><strong>Classifications.</strong> ${escape(CLASSIFICATION_STANDING)}</p>
</header>
<main>
<section id="summary">
<h2>Summary</h2>
<ul>
<li>Allowed regions: ${escape(summary.allowedRegions.join(', '))}</li>
<li>Regions the region-guard SCP allows: ${escape(organization.scpAllowedRegions.join(', ') || 'no region-guard SCP in the assembly')}</li>
<li>Compliance gates: ${gates} (${summary.findingCount} unacknowledged findings, ${summary.acknowledgmentCount} acknowledgments)</li>
<li>Access matrix: ${escape(summary.accessMatrix ?? 'not computed')}</li>
</ul>
<table id="tenants">
<caption class="muted">Tenants</caption>
<thead><tr><th>tenant</th><th>name</th><th>classification</th><th>tier</th><th>region</th><th>account</th><th>provider can see plaintext</th></tr></thead>
<tbody>
${report.tenants
  .map(
    (t) =>
      `<tr data-tenant="${escape(t.id)}"><td><a href="#tenant-${escape(t.id)}">${escape(t.id)}</a></td><td>${escape(t.displayName)}</td><td>${escape(classificationLabel(t.classification))}</td><td>${escape(t.tier)}</td><td>${escape(t.region ?? 'unresolved')}</td><td>${escape(t.account ?? 'unresolved')}</td><td>${flag(t.providerSeesPlaintext, false)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>`);
  for (const tenant of report.tenants) parts.push(tenantSection(tenant));
  parts.push(`<section id="guardrails">
<h2>Organization guardrails</h2>
${organization.partition ? partitionHtml(organization.partition) : ''}
${
  organization.policies.length === 0
    ? '<p class="bad">No organization policies in the assembly.</p>'
    : `<table><thead><tr><th>policy</th><th>type</th><th>attached to</th><th>purpose</th></tr></thead><tbody>
${organization.policies.map((p) => `<tr><td>${code(p.name)}</td><td>${p.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'}</td><td>${escape(p.targets.join(', '))}</td><td>${escape(p.description)}</td></tr>`).join('\n')}
</tbody></table>`
}
<p>${
    organization.trail
      ? `Audit trail: organization trail ${flag(organization.trail.organizationTrail)}, all regions ${flag(organization.trail.multiRegion)}, log file validation ${flag(organization.trail.logFileValidation)}, KMS-encrypted ${flag(organization.trail.encrypted)}, archive Object Lock: ${escape(organization.trail.archiveObjectLock ?? 'none')}.`
      : '<span class="bad">No audit trail in the assembly.</span>'
  }</p>
</section>
${deploymentHtml(report.deployment ?? null)}
${runtimeHtml(report.runtime)}
<section id="findings">
<h2>Findings</h2>
${
  report.findings.length === 0
    ? '<p class="ok">No unacknowledged findings.</p>'
    : `<table><thead><tr><th>pack</th><th>rule</th><th>severity</th><th>resources</th><th>description</th></tr></thead><tbody>
${report.findings.map((f) => `<tr><td>${escape(f.pack)}</td><td>${code(f.ruleId)}</td><td class="bad">${escape(f.severity)}</td><td>${f.resources.map(code).join('<br>')}</td><td>${escape(f.description)}</td></tr>`).join('\n')}
</tbody></table>`
}
<h3>Acknowledged findings</h3>
<table id="acknowledgments"><thead><tr><th>pack</th><th>rule</th><th>stack</th><th>construct</th><th>reason</th></tr></thead><tbody>
${report.acknowledgments.map((a) => `<tr><td>${escape(a.pack)}</td><td>${code(a.ruleId)}</td><td>${escape(a.stack)}</td><td>${code(a.constructPath)}</td><td>${escape(a.reason)}</td></tr>`).join('\n')}
</tbody></table>
</section>
<section id="legal">
<h2>Legal mapping</h2>
${report.legalMapping
  .map(
    (
      m,
    ) => `<h3>Tier ${code(m.tier)}: ${m.providerSeesPlaintext ? '<span class="bad">plaintext is accessible to the provider</span>' : '<span class="ok">the provider never holds plaintext or the key</span>'}</h3>
<p>Key custody: ${escape(m.keyCustody)}.</p>
<p><strong>Residual risk.</strong> ${escape(m.residualRisk)}</p>
<p><strong>Measures.</strong></p><ul>${m.measures.map((x) => `<li>${escape(x)}</li>`).join('')}</ul>
<p><strong>EDPB Recommendations 01/2020.</strong> ${escape(m.edpbAssessment)}</p>
<p><strong>NIST 800-53 rev 5.</strong> ${escape(m.nistControls.join(', '))}</p>`,
  )
  .join('\n')}
</section>
<section id="limitations">
<h2>What this report cannot tell you</h2>
<ul>${report.limitations.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>
</section>
</main>
</body>
</html>
`);
  return parts.join('\n');
}

function externalKeyStoreHtml(x: ExternalKeyStoreEvidence): string {
  const reach = x.storeDeclared
    ? `KMS reaches the customer's proxy at ${code(`${x.uriEndpoint ?? ''}${x.uriPath ?? ''}`)} through ${x.connectivity === 'VPC_ENDPOINT_SERVICE' ? 'a VPC endpoint service only KMS may use' : '<strong>a public endpoint, over the internet</strong>'}`
    : '<strong>not declared yet</strong> (stage 1: the proxy credential is not configured, so KMS cannot use the key)';
  return `<p><strong>External key store</strong> ${code(x.keyStoreName)}${x.stack ? ` (stack ${code(x.stack)}, account ${escape(x.account ?? 'unresolved')})` : ''}: ${reach}; the tenant's key is ${code(x.xksKeyId ?? 'unknown')} in the customer's HSM. ${
    x.keyOriginScp
      ? 'A key-origin SCP lets KMS create only external-key-store keys in that account.'
      : '<strong>No key-origin SCP is attached to the store account.</strong>'
  }</p>
<p><strong>Kill switch.</strong> ${escape(x.killSwitch).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>
${x.alarms.length > 0 ? `<p><strong>Alarms on the store</strong> (KMS XKS metrics):</p><ul>${x.alarms.map((a) => `<li>${escape(a)}</li>`).join('')}</ul>` : '<p><strong>No alarms on the store.</strong></p>'}`;
}

function tenantSection(t: TenantEvidence): string {
  return `<section class="tenant" id="tenant-${escape(t.id)}">
<h2>Tenant ${escape(t.id)}: ${escape(t.displayName)}</h2>
<p>${escape(classificationLabel(t.classification))} data, tier ${code(t.tier)}, stack ${code(t.stack)} in ${escape(t.region ?? 'an unresolved region')} (account ${escape(t.account ?? 'unresolved')}).</p>
${t.dataBuckets.map((b) => bucketHtml('Data bucket', b)).join('\n')}
${t.keys.map(keyHtml).join('\n')}
${t.accessMatrix ? accessHtml(t.accessMatrix) : ''}
${t.quarantineBuckets.map((b) => bucketHtml('Quarantine bucket', b)).join('\n')}
${t.logBuckets.map((b) => bucketHtml('Access-log bucket', b)).join('\n')}
<p><strong>Upload inspection.</strong> ${escape(t.uploadInspection)}</p>
${t.recovery ? `<p><strong>Recovery key.</strong> ${t.recovery.configured ? escape(t.recovery.statement) : `<strong>${escape(t.recovery.statement)}</strong>`}</p>` : ''}
${t.externalKeyStore ? externalKeyStoreHtml(t.externalKeyStore) : ''}
<p><strong>Guardrails that apply</strong> (if the account is under these targets):</p>
<ul>${t.guardrails.map((g) => `<li>${escape(g)}</li>`).join('')}</ul>
${annexHtml(t)}
</section>`;
}

/** The technical annex and where the controller's own assessment is filed. */
function annexHtml(t: TenantEvidence): string {
  const a = t.assessment;
  return `<h3>Technical annex for the controller's assessment</h3>
<p>Who can technically reach plaintext, keys or metadata in this tier. Likelihood, consequence, residual risk and acceptance are not generated here: the controller records them in its own case file.</p>
<ul>${(t.technicalAnnex ?? []).map((e) => `<li><strong>${escape(ACCESS_KINDS[e.kind as AccessKind] ?? e.kind)}.</strong> ${escape(e.reach)}</li>`).join('')}</ul>
<p><strong>Controller's assessment:</strong> ${a ? `case ${escape(a.reference)}, decided ${escape(a.date)} by the ${escape(a.decisionMakerRole)}` : 'not provided (config <code>tenants[].assessment</code>)'}.</p>
<p><strong>Provider facts the controller must confirm</strong> (suveren fills in none):</p>
<ul>${PROVIDER_FACTS.map((f) => `<li>${escape(f.fact)}: not provided. Source: ${escape(f.source)}.</li>`).join('')}</ul>`;
}

function partitionHtml(p: PartitionEvidence): string {
  const assumed = p.assumedAvailable.length
    ? `<p><strong>Assumed available by the config</strong> (<code>organization.assumeAvailable</code>), against suveren's partition table:</p>
<ul>${p.assumedAvailable.map((a) => `<li>${code(a.capability)}: ${escape(a.description)}; the table says <span class="bad">${escape(a.table)}</span> (${escape(a.source)})</li>`).join('')}</ul>`
    : '';
  const perimeter = p.resourceControlPolicy
    ? ''
    : `<p><strong>No resource control policy in this partition.</strong> The data perimeter rests on these compensating controls:</p>
<ul>${p.compensatingControls.map((c) => `<li>${escape(c)}</li>`).join('')}</ul>
<p><strong>Residual gap.</strong> ${escape(p.residualGap ?? '')}</p>`;
  return `<p>Partition: ${code(p.name)}; resource control policy ${flag(p.resourceControlPolicy)}.</p>
${assumed}
${perimeter}`;
}

function accessHtml(rows: readonly AccessMatrixRow[]): string {
  const only = (capability: (typeof ACCESS_CAPABILITIES)[number]) => {
    const allowed = rows.filter((r) => r.cells[capability].allowed);
    return allowed.length ? allowed.map((r) => code(r.principal)).join(', ') : '<span class="ok">nobody</span>';
  };
  return `<h3>Who can do what (computed)</h3>
<p class="muted">Decided by the IAM evaluator over the synthesized templates, with each principal's identity policies, the bucket and key policies, the SCPs and the RCP; administrators hold AdministratorAccess. Hover a cell for the deciding statement.</p>
<table class="access"><thead><tr><th>principal</th>${ACCESS_CAPABILITIES.map((c) => `<th title="${escape(CAPABILITY_MEANING[c])}">${c}</th>`).join('')}</tr></thead><tbody>
${rows
  .map(
    (r) =>
      `<tr><td>${escape(r.label)}<br>${code(r.principal)}</td>${ACCESS_CAPABILITIES.map((c) => `<td title="${escape(r.cells[c].decidedBy)}">${r.cells[c].allowed ? '<span class="bad">yes</span>' : '<span class="ok">no</span>'}</td>`).join('')}</tr>`,
  )
  .join('\n')}
</tbody></table>
<ul>${ACCESS_CAPABILITIES.map((c) => `<li>Only these may <strong>${c}</strong> (${escape(CAPABILITY_MEANING[c])}): ${only(c)}</li>`).join('')}</ul>`;
}

function bucketHtml(title: string, b: BucketEvidence): string {
  const p = b.policy;
  return `<h3>${escape(title)} ${code(b.logicalId)}</h3>
<table class="controls"><tbody>
<tr><th>region</th><td>${escape(b.region ?? 'unresolved')}</td></tr>
<tr><th>encryption at rest</th><td>${escape(b.encryption)}${b.bucketKey ? ', S3 Bucket Keys' : ''}</td></tr>
<tr><th>versioning</th><td>${flag(b.versioning)}</td></tr>
<tr><th>public access blocked</th><td>${flag(b.publicAccessBlocked)}</td></tr>
<tr><th>ACLs disabled</th><td>${flag(b.aclsDisabled)}</td></tr>
<tr><th>access logging</th><td>${flag(b.accessLogging)}</td></tr>
${b.objectLock ? `<tr><th>Object Lock</th><td>${escape(b.objectLock)}</td></tr>` : ''}
<tr><th>denies requests without TLS</th><td>${flag(p.denyWithoutTls)}</td></tr>
<tr><th>TLS floor</th><td>${escape(p.tlsFloor ?? 'none')}</td></tr>
<tr><th>uploads pinned to the bucket's key</th><td>${p.keyPinned === null ? 'not applicable (no KMS key)' : flag(p.keyPinned)}</td></tr>
${p.dataPrincipals.length > 0 ? `<tr><th>only these may touch data</th><td>${p.dataPrincipals.map(code).join('<br>')}</td></tr>` : ''}
${p.configurationPrincipals.length > 0 ? `<tr><th>only these may reconfigure</th><td>${p.configurationPrincipals.map(code).join('<br>')}</td></tr>` : ''}
</tbody></table>`;
}

function keyHtml(k: KeyEvidence): string {
  const grants = (list: KeyEvidence['users']) =>
    list.length === 0
      ? '<p>nobody</p>'
      : `<ul>${list.map((g) => `<li>${code(g.principal)}: ${escape(g.actions.join(', '))}${g.viaServices.length > 0 ? ` <span class="muted">(only via ${escape(g.viaServices.join(', '))})</span>` : ''}</li>`).join('')}</ul>`;
  return `<h3>Key ${code(k.logicalId)}</h3>
<p>Held in ${escape(k.custodyDescription)}. Rotation ${flag(k.rotationEnabled)}; multi-Region ${flag(k.multiRegion, false)}; deletion window ${escape(String(k.deletionWindowDays ?? 'default'))} days; key policy trusts the account root ${flag(k.trustsAccountRoot, false)}.</p>
<p>Who may use the key:</p>${grants(k.users)}
<p>Who may administer the key:</p>${grants(k.administrators)}`;
}

function runtimeHtml(runtime: EvidenceReport['runtime']): string {
  if (!runtime)
    return '<section id="runtime">\n<h2>Run-time conformance (AWS Config)</h2>\n<p>Not read in this report: <code>suveren conformance</code> adds what AWS Config reports of the deployed landing zone.</p>\n</section>';
  const accounts = [
    ...runtime.tenants.map((t) => ({ who: `${t.tenantId} (${t.account})`, rules: t.rules })),
    ...runtime.otherAccounts.map((a) => ({ who: a.account, rules: a.rules })),
  ];
  const rows = accounts.flatMap(({ who, rules }) =>
    rules.map(
      (r) =>
        `<tr><td>${escape(who)}</td><td>${code(r.rule)}</td><td>${escape(r.controls.join(', '))}</td><td>${escape(r.region)}</td><td class="${r.compliance === 'NON_COMPLIANT' ? 'bad' : r.compliance === 'COMPLIANT' ? 'ok' : ''}">${escape(r.compliance)}</td><td>${r.noncompliantResources
          .map(
            (n) =>
              `${code(`${n.resourceType} ${n.resourceId}`)}${n.recordedAt ? ` since ${escape(n.recordedAt)}` : ''}${n.annotation ? `: ${escape(n.annotation)}` : ''}`,
          )
          .join('<br>')}</td></tr>`,
    ),
  );
  return `<section id="runtime">
<h2>Run-time conformance (AWS Config)</h2>
<p>Read from the aggregator ${code(runtime.aggregator)} (${escape(runtime.region)}) at ${escape(runtime.readAt)}: ${escape(
    Object.entries(runtime.counts)
      .map(([state, n]) => `${n} ${state}`)
      .join(', '),
  )}.</p>
${runtime.tenantsWithoutResults.length > 0 ? `<p class="bad">No result for: ${escape(runtime.tenantsWithoutResults.join(', '))}.</p>` : ''}
<table><thead><tr><th>tenant or account</th><th>rule</th><th>controls</th><th>region</th><th>compliance</th><th>not compliant</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
}

function deploymentHtml(deployment: EvidenceReport['deployment'] | null): string {
  if (!deployment)
    return '<section id="deployment">\n<h2>Deployment</h2>\n<p>No pipeline in the assembly: the landing zone is deployed by hand.</p>\n</section>';
  return `<section id="deployment">
<h2>Deployment</h2>
<p>${code(deployment.stack)} in account ${escape(deployment.account ?? '?')}, ${escape(deployment.region ?? '?')}: CodePipeline ${escape(deployment.pipelineType ?? '?')}, execution mode ${escape(deployment.executionMode ?? '?')}. Source: ${escape(deployment.source)}.</p>
<p>Stages: ${escape(deployment.stages.map((s) => (s.deployActions > 0 ? `${s.name} (${s.deployActions} deploy actions)` : s.name)).join(' → '))}.</p>
<ul>
${deployment.approvals.map((a) => `<li>Approval ${code(a.action)} opens stage ${escape(a.stage)}; notified: ${a.approvers.length > 0 ? escape(a.approvers.join(', ')) : '<span class="bad">nobody</span>'}</li>`).join('\n')}
</ul>
<p>Last deployed assembly: ${escape(deployment.lastDeployed)}.</p>
</section>`;
}
