import { ACCESS_CAPABILITIES, type AccessMatrixRow, CAPABILITY_MEANING } from '../authorization/access-capabilities';
import { CLASSIFICATION_STANDING, REPORT_STANDING, classificationLabel } from './legal-mapping';
import { ACCESS_KINDS, type AccessKind, PROVIDER_FACTS } from './technical-annex';
import type { BucketEvidence, EvidenceReport, ExternalKeyStoreEvidence, KeyEvidence, TenantEvidence } from './report-model';

/*
 * The evidence report as Markdown: for reviewers reading it in a merge request, and
 * diff-friendly (stable order, no timestamps), so a change to a control shows up as a
 * change to the report.
 */

const yesNo = (value: boolean) => (value ? 'yes' : '**no**');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: EvidenceReport): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const { summary } = report;
  push('# suveren evidence report', '');
  push(`Generated from the synthesized cloud assembly of \`${summary.configFile}\`. Schema \`${report.schema}\` ${report.schemaVersion}.`, '');
  push(`**What this report is.** ${REPORT_STANDING}`, '');
  push(`**Classifications.** ${CLASSIFICATION_STANDING}`, '');
  push('## Summary', '');
  push(`- Allowed regions: ${summary.allowedRegions.join(', ')}`);
  push(`- Regions the region-guard SCP allows: ${report.organization.scpAllowedRegions.join(', ') || 'no region-guard SCP in the assembly'}`);
  push(
    `- Compliance gates: ${summary.gatesPassed ? 'passed' : summary.validationReportFound ? '**failed**' : '**not run** (no validation report)'} (${summary.findingCount} unacknowledged findings, ${summary.acknowledgmentCount} acknowledgments)`,
  );
  push(`- Access matrix: ${summary.accessMatrix ?? 'not computed'}`);
  push(`- Tenants: ${summary.tenantCount}`, '');
  push('| tenant | name | classification | tier | region | account | provider can see plaintext |', '|---|---|---|---|---|---|---|');
  for (const t of report.tenants) {
    push(
      `| ${t.id} | ${cell(t.displayName)} | ${classificationLabel(t.classification)} | ${t.tier} | ${t.region ?? 'unresolved'} | ${t.account ?? 'unresolved'} | ${t.providerSeesPlaintext ? 'yes' : 'no'} |`,
    );
  }
  push('');
  for (const tenant of report.tenants) push(...tenantSection(tenant));
  push('## Organization guardrails', '');
  const partition = report.organization.partition;
  if (partition) {
    push(`Partition: \`${partition.name}\`; resource control policy: ${partition.resourceControlPolicy ? 'yes' : '**no**'}.`, '');
    if (partition.assumedAvailable.length > 0) {
      push("**Assumed available by the config** (`organization.assumeAvailable`), against suveren's partition table:", '');
      for (const a of partition.assumedAvailable) push(`- \`${a.capability}\`: ${a.description}; the table says **${a.table}** (${a.source})`);
      push('');
    }
    if (!partition.resourceControlPolicy) {
      push('**No resource control policy in this partition.** The data perimeter rests on these compensating controls:', '');
      for (const c of partition.compensatingControls) push(`- ${c}`);
      push('', `**Residual gap.** ${partition.residualGap ?? ''}`, '');
    }
  }
  if (report.organization.policies.length === 0) push('No organization policies in the assembly.', '');
  else {
    push('| policy | type | attached to | purpose |', '|---|---|---|---|');
    for (const p of report.organization.policies)
      push(`| ${p.name} | ${p.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'} | ${p.targets.join(', ')} | ${cell(p.description)} |`);
    push('');
  }
  const trail = report.organization.trail;
  push(
    trail
      ? `Audit trail: organization trail ${yesNo(trail.organizationTrail)}, all regions ${yesNo(trail.multiRegion)}, log file validation ${yesNo(trail.logFileValidation)}, KMS-encrypted ${yesNo(trail.encrypted)}, archive Object Lock: ${trail.archiveObjectLock ?? '**none**'}.`
      : 'Audit trail: **none in the assembly**.',
    '',
  );
  const deployment = report.deployment;
  push('## Deployment', '');
  if (!deployment) push('No pipeline in the assembly: the landing zone is deployed by hand (docs/deploying.md).', '');
  else {
    push(
      `\`${deployment.stack}\` in account ${deployment.account ?? '?'}, ${deployment.region ?? '?'}: CodePipeline ${deployment.pipelineType ?? '?'}, execution mode ${deployment.executionMode ?? '?'}. Source: ${deployment.source}.`,
      '',
      `Stages: ${deployment.stages.map((s) => (s.deployActions > 0 ? `${s.name} (${s.deployActions} deploy actions)` : s.name)).join(' → ')}.`,
      '',
    );
    for (const a of deployment.approvals) push(`- Approval \`${a.action}\` opens stage ${a.stage}; notified: ${a.approvers.join(', ') || '**nobody**'}`);
    push('', `Last deployed assembly: ${deployment.lastDeployed}.`, '');
  }
  push('## Run-time conformance (AWS Config)', '');
  const runtime = report.runtime;
  if (!runtime) push('Not read in this report: `suveren conformance` adds what AWS Config reports of the deployed landing zone (docs/conformance.md).', '');
  else {
    const counts = Object.entries(runtime.counts)
      .map(([state, n]) => `${n} ${state}`)
      .join(', ');
    push(`Read from the aggregator \`${runtime.aggregator}\` (${runtime.region}) at ${runtime.readAt}: ${counts}.`, '');
    if (runtime.tenantsWithoutResults.length > 0) push(`**No result** for: ${runtime.tenantsWithoutResults.join(', ')}.`, '');
    const accounts = [
      ...runtime.tenants.map((t) => ({ who: `${t.tenantId} (${t.account})`, rules: t.rules })),
      ...runtime.otherAccounts.map((a) => ({ who: a.account, rules: a.rules })),
    ];
    push('| tenant or account | rule | controls | region | compliance | not compliant |', '|---|---|---|---|---|---|');
    for (const { who, rules } of accounts) {
      for (const r of rules) {
        const resources = r.noncompliantResources.map(
          (n) => `${n.resourceType} ${n.resourceId}${n.recordedAt ? ` since ${n.recordedAt}` : ''}${n.annotation ? `: ${n.annotation}` : ''}`,
        );
        push(
          `| ${cell(who)} | ${r.rule} | ${r.controls.join(', ')} | ${r.region} | ${r.compliance === 'NON_COMPLIANT' ? '**NON_COMPLIANT**' : r.compliance} | ${cell(resources.join('; '))} |`,
        );
      }
    }
    push('');
  }
  push('## Findings', '');
  if (report.findings.length === 0) push('No unacknowledged findings.', '');
  else {
    push('| pack | rule | severity | resources | description |', '|---|---|---|---|---|');
    for (const f of report.findings) push(`| ${f.pack} | ${f.ruleId} | ${f.severity} | ${cell(f.resources.join(', '))} | ${cell(f.description)} |`);
    push('');
  }
  push('## Acknowledged findings', '');
  push('| pack | rule | stack | construct | reason |', '|---|---|---|---|---|');
  for (const a of report.acknowledgments) push(`| ${a.pack} | ${cell(a.ruleId)} | ${a.stack} | ${cell(a.constructPath)} | ${cell(a.reason)} |`);
  push('');
  push('## Legal mapping', '');
  for (const m of report.legalMapping) {
    push(
      `### Tier \`${m.tier}\`: ${m.providerSeesPlaintext ? 'plaintext is accessible to the provider' : 'the provider never holds plaintext or the key'}`,
      '',
    );
    push(`Key custody: ${m.keyCustody}.`, '');
    push(`**Residual risk.** ${m.residualRisk}`, '');
    push('**Measures.**', '', ...m.measures.map((x) => `- ${x}`), '');
    push(`**EDPB Recommendations 01/2020.** ${m.edpbAssessment}`, '');
    push(`**NIST 800-53 rev 5.** ${m.nistControls.join(', ')}`, '');
  }
  push('## What this report cannot tell you', '', ...report.limitations.map((l) => `- ${l}`), '');
  return lines.join('\n');
}

function tenantSection(t: TenantEvidence): string[] {
  const lines = [`## Tenant ${t.id}: ${t.displayName}`, ''];
  lines.push(
    `${classificationLabel(t.classification)} data, tier \`${t.tier}\`, stack \`${t.stack}\` in ${t.region ?? 'an unresolved region'} (account ${t.account ?? 'unresolved'}).`,
    '',
  );
  for (const b of t.dataBuckets) lines.push(...bucketLines('Data bucket', b));
  for (const k of t.keys) lines.push(...keyLines(k));
  if (t.accessMatrix) lines.push(...accessLines(t.accessMatrix));
  for (const b of t.quarantineBuckets) lines.push(...bucketLines('Quarantine bucket', b));
  for (const b of t.logBuckets) lines.push(...bucketLines('Access-log bucket', b));
  lines.push(`**Upload inspection.** ${t.uploadInspection}`, '');
  if (t.recovery) lines.push(`**Recovery key.** ${t.recovery.configured ? t.recovery.statement : `**${t.recovery.statement}**`}`, '');
  if (t.externalKeyStore) lines.push(...externalKeyStoreLines(t.externalKeyStore));
  lines.push('**Guardrails that apply** (if the account is under these targets):', '', ...t.guardrails.map((g) => `- ${g}`), '');
  lines.push(...annexLines(t));
  return lines;
}

/** The technical annex and where the controller's own assessment is filed: facts for the controller's case file, no risk figures. */
function annexLines(t: TenantEvidence): string[] {
  const a = t.assessment;
  return [
    `### Technical annex for the controller's assessment`,
    '',
    'Who can technically reach plaintext, keys or metadata in this tier. Likelihood, consequence, residual risk and acceptance are not generated here: the controller records them in its own case file.',
    '',
    ...(t.technicalAnnex ?? []).map((e) => `- **${ACCESS_KINDS[e.kind as AccessKind] ?? e.kind}.** ${e.reach}`),
    '',
    `**Controller's assessment:** ${a ? `case ${a.reference}, decided ${a.date} by the ${a.decisionMakerRole}` : 'not provided (config `tenants[].assessment`)'}.`,
    '',
    '**Provider facts the controller must confirm** (suveren fills in none):',
    '',
    ...PROVIDER_FACTS.map((f) => `- ${f.fact}: not provided. Source: ${f.source}.`),
    '',
  ];
}

function externalKeyStoreLines(x: ExternalKeyStoreEvidence): string[] {
  return [
    `**External key store** \`${x.keyStoreName}\`${x.stack ? ` (stack \`${x.stack}\`, account ${x.account ?? 'unresolved'})` : ''}: ${
      x.storeDeclared
        ? `KMS reaches the customer's proxy at ${x.uriEndpoint}${x.uriPath} through ${x.connectivity === 'VPC_ENDPOINT_SERVICE' ? 'a VPC endpoint service only KMS may use' : '**a public endpoint, over the internet**'}`
        : '**not declared yet** (stage 1: the proxy credential is not configured, so KMS cannot use the key)'
    }; the tenant's key is \`${x.xksKeyId ?? 'unknown'}\` in the customer's HSM. ${
      x.keyOriginScp
        ? 'A key-origin SCP lets KMS create only external-key-store keys in that account.'
        : '**No key-origin SCP is attached to the store account.**'
    }`,
    '',
    `**Kill switch.** ${x.killSwitch}`,
    '',
    ...(x.alarms.length > 0 ? ['**Alarms on the store** (KMS XKS metrics):', '', ...x.alarms.map((a) => `- ${a}`), ''] : ['**No alarms on the store.**', '']),
  ];
}

function accessLines(rows: readonly AccessMatrixRow[]): string[] {
  return [
    '### Who can do what (computed by the IAM evaluator over the templates)',
    '',
    `| principal | ${ACCESS_CAPABILITIES.join(' | ')} |`,
    `|---|${ACCESS_CAPABILITIES.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cell(r.label)} \`${r.principal}\` | ${ACCESS_CAPABILITIES.map((c) => (r.cells[c].allowed ? 'yes' : 'no')).join(' | ')} |`),
    '',
    ...ACCESS_CAPABILITIES.map((c) => {
      const allowed = rows.filter((r) => r.cells[c].allowed).map((r) => `\`${r.principal}\``);
      return `- Only these may **${c}** (${CAPABILITY_MEANING[c]}): ${allowed.length ? allowed.join(', ') : 'nobody'}.`;
    }),
    '',
  ];
}

function bucketLines(title: string, b: BucketEvidence): string[] {
  const p = b.policy;
  return [
    `**${title}** \`${b.logicalId}\` (${b.region ?? 'unresolved region'}): ${b.encryption}${b.bucketKey ? ' with S3 Bucket Keys' : ''}; versioning ${yesNo(b.versioning)}; public access blocked ${yesNo(b.publicAccessBlocked)}; ACLs disabled ${yesNo(b.aclsDisabled)}; access logging ${yesNo(b.accessLogging)}${b.objectLock ? `; Object Lock ${b.objectLock}` : ''}.`,
    '',
    `Bucket policy: denies requests without TLS ${yesNo(p.denyWithoutTls)}; TLS floor ${p.tlsFloor ?? '**none**'}; uploads pinned to the bucket's key ${p.keyPinned === null ? 'not applicable (no KMS key)' : yesNo(p.keyPinned)}.`,
    ...(p.dataPrincipals.length > 0 ? ['', `Only these principals may touch data: ${p.dataPrincipals.map((x) => `\`${x}\``).join(', ')}.`] : []),
    ...(p.configurationPrincipals.length > 0
      ? ['', `Only these principals may reconfigure the bucket: ${p.configurationPrincipals.map((x) => `\`${x}\``).join(', ')}.`]
      : []),
    '',
  ];
}

function keyLines(k: KeyEvidence): string[] {
  const grant = (g: KeyEvidence['users'][number]) =>
    `\`${g.principal}\`: ${g.actions.join(', ')}${g.viaServices.length > 0 ? ` (only via ${g.viaServices.join(', ')})` : ''}`;
  return [
    `**Key** \`${k.logicalId}\`: held in ${k.custodyDescription}. Rotation ${yesNo(k.rotationEnabled)}; multi-Region ${k.multiRegion ? '**yes**' : 'no'}; deletion window ${k.deletionWindowDays ?? 'default'} days; key policy trusts the account root (IAM could grant use) ${k.trustsAccountRoot ? '**yes**' : 'no'}.`,
    '',
    'Who may use the key:',
    '',
    ...(k.users.length > 0 ? k.users.map((g) => `- ${grant(g)}`) : ['- nobody']),
    '',
    'Who may administer the key:',
    '',
    ...(k.administrators.length > 0 ? k.administrators.map((g) => `- ${grant(g)}`) : ['- nobody']),
    '',
  ];
}
