import { REFUSAL_KIND_MEANING } from '@suveren/core/contracts/change-kinds';
import type { PlanReport, TenantPlan } from './plan-model';

/* The plan as markdown for a pull-request comment: the verdict first, then what a reviewer signs. */

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function verdict(report: PlanReport): string {
  const { summary } = report;
  if (summary.noChanges) return '**No changes.** The assembly deploys exactly the baseline.';
  const open = summary.refusals - summary.acknowledged;
  if (open > 0)
    return `**Refused:** ${open} change${open === 1 ? '' : 's'} would lose or strand data, or fail the deployment, and ${open === 1 ? 'is' : 'are'} not acknowledged in the config.`;
  return summary.acknowledged > 0
    ? `**Allowed, with ${summary.acknowledged} acknowledged change${summary.acknowledged === 1 ? '' : 's'}.**`
    : '**Allowed:** nothing is refused.';
}

function tenantLines(t: TenantPlan): string[] {
  const lines = [`### Tenant ${t.tenantId}`, ''];
  const fields = ['account', 'region', 'tier', 'custody'] as const;
  for (const field of fields) {
    const before = t.before?.[field];
    const after = t.after?.[field];
    if (before !== after) lines.push(`- ${field}: ${before ?? '(none)'} -> ${after ?? '(none)'}`);
  }
  if (t.storedData) lines.push(`- Stored data: ${t.storedData}`);
  if ('notComputed' in t.access) lines.push(`- Access: not computed: ${t.access.notComputed}`);
  else if (t.access.length === 0) lines.push('- Access: no principal gains or loses write, read, decrypt, delete or reconfigure.');
  else {
    lines.push('', '| principal | change | capability | decided by (after) | decided by (before) |', '|---|---|---|---|---|');
    for (const a of t.access) lines.push(`| ${cell(a.label)} | **${a.change}** | ${a.capability} | ${cell(a.decidedBy)} | ${cell(a.decidedBefore)} |`);
  }
  if (t.reach) {
    if (t.reach.gained.length + t.reach.lost.length === 0) lines.push('- Paths to plaintext: none gained or lost.');
    for (const g of t.reach.gained) lines.push(`- **Gains a path to plaintext**: ${g.label} (\`${g.principal}\`): ${g.path}. ${g.gates}`);
    for (const l of t.reach.lost) lines.push(`- Loses its path to plaintext: ${l.label} (\`${l.principal}\`): ${l.path}.`);
  }
  lines.push('');
  return lines;
}

export function renderPlanMarkdown(report: PlanReport): string {
  const lines: string[] = ['# suveren plan', ''];
  const baseline =
    report.baseline.kind === 'git'
      ? `git ref \`${report.baseline.argument}\` (${report.baseline.commit ?? '?'})`
      : report.baseline.kind === 'none'
        ? 'none: a first deployment, every stack and tenant is new'
        : `\`${report.baseline.argument}\``;
  lines.push(verdict(report), '');
  lines.push(
    `- Baseline: ${baseline}${report.baseline.normalized ? ', normalized (asset hashes blanked)' : ''}`,
    `- Assembly: \`${report.assembly}\``,
    `- Organization: ${report.organizationId}`,
    `- Stacks changed: ${report.summary.stacksChanged}; resource changes: ${report.summary.resourceChanges}; refusals: ${report.summary.refusals} (${report.summary.acknowledged} acknowledged)`,
    '',
  );
  if (report.refusals.length > 0) {
    lines.push('## Refusals', '');
    for (const r of report.refusals) {
      lines.push(
        `### ${r.acknowledged ? 'Acknowledged' : 'Refused'}: ${r.kind}, ${r.stack}${r.logicalId ? ` / ${r.logicalId}` : ''}${r.principal ? ` / ${r.principal}` : ''}`,
        '',
      );
      lines.push(`- What: ${r.subject}`, `- Why it is refused: ${REFUSAL_KIND_MEANING[r.kind]}`, `- Lost or left behind: ${r.lost}`, `- Fix: ${r.fix}`);
      if (r.acknowledged) lines.push(`- Acknowledged in changes.acknowledge[${r.acknowledged.index}]: "${r.acknowledged.reason}"`);
      lines.push('');
    }
  }
  if (report.tenants.length > 0) {
    lines.push('## Tenants', '');
    for (const t of report.tenants) lines.push(...tenantLines(t));
  }
  if (report.organizationPolicies.length > 0) {
    lines.push('## Organization policies (SCPs and RCPs)', '');
    for (const p of report.organizationPolicies) {
      lines.push(
        `### ${p.policy} (${p.type === 'RESOURCE_CONTROL_POLICY' ? 'RCP' : p.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : p.type}, ${p.stack}/${p.logicalId})`,
        '',
      );
      for (const change of p.changes) lines.push(`- ${change}`);
      lines.push('');
    }
  }
  if (report.trusts.length > 0) {
    lines.push('## Trust: who may assume a role or deploy through the bootstrap roles', '');
    for (const t of report.trusts) lines.push(`- ${t.subject} (${t.stack}/${t.logicalId}): ${t.changes.join('; ')}`);
    lines.push('');
  }
  if (report.keyPolicies.length > 0) {
    lines.push('## Key policies: who gains or loses KMS actions', '', '| key | principal | gains | loses |', '|---|---|---|---|');
    for (const k of report.keyPolicies)
      lines.push(`| ${k.stack}/${k.logicalId} | ${cell(k.principal)} | ${cell(k.gained.join(', '))} | ${cell(k.lost.join(', '))} |`);
    lines.push('');
  }
  const changed = report.stacks.filter((s) => s.status !== 'unchanged');
  if (changed.length > 0) {
    lines.push('## Stacks', '');
    for (const s of changed) {
      const env = (e?: { account?: string; region?: string }) => (e ? `aws://${e.account ?? '?'}/${e.region ?? '?'}` : '');
      lines.push(`### ${s.id}: ${s.status}${s.status === 'moved' ? ` (${env(s.before)} -> ${env(s.after)})` : ''}`, '');
      if (s.resources.length > 0) {
        lines.push('| logical id | type | impact | replaced by / changed |', '|---|---|---|---|');
        for (const r of s.resources) {
          const detail = r.replacedBy.length > 0 ? `replaced by ${r.replacedBy.join(', ')}` : r.changedProperties.join(', ');
          lines.push(`| ${r.logicalId} | ${r.type} | ${r.impact}${r.stateful ? ' (stateful)' : ''} | ${cell(detail)} |`);
        }
        lines.push('');
      }
      if (s.otherChanges.length > 0) lines.push(`Other template changes: ${s.otherChanges.join(', ')}`, '');
      if (s.iamStatementChanges.length > 1) {
        const [header, ...rows] = s.iamStatementChanges;
        lines.push(
          '<details><summary>IAM statement changes (cdk diff)</summary>',
          '',
          `| ${header.map(cell).join(' | ')} |`,
          `|${header.map(() => '---').join('|')}|`,
        );
        for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
        lines.push('', '</details>', '');
      }
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
