import { type Translate, say } from '../i18n/translate';
import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import type { MappingEntry, Provision } from './mapping/controls';
import type { DeploymentEvidence, TenantEvidence } from './report-model';
import type { Gate, ReachPath, ReachStep } from '../reach/reach-model';
import type { MessageKey } from '../i18n/catalogue-en';
import { SOURCES, sourceShort } from './mapping/sources';

/*
 * What the markdown and the HTML writers word the same way: provisions per language and
 * a mapping entry's citation. Both writers take every sentence from the catalogues.
 */

/** A GDPR article as each language's official text cites it ("Art. 32(1)(a)", "artikel 32.1 a", "artikkel 32 nr. 1 bokstav a"): the catalogues hold the form. */
function gdprArticle(p: { readonly article: number; readonly to?: number; readonly paragraph?: number; readonly point?: string }, t: Translate): string {
  if (p.to !== undefined) return t('provision.articles', { from: p.article, to: p.to });
  if (p.point !== undefined) return t('provision.articlePoint', { article: p.article, paragraph: p.paragraph ?? '', point: p.point });
  if (p.paragraph !== undefined) return t('provision.articleParagraph', { article: p.article, paragraph: p.paragraph });
  return t('provision.article', { article: p.article });
}

export function provisionText(provision: Provision, t: Translate): string {
  if ('article' in provision) return gdprArticle(provision, t);
  if ('literal' in provision) return provision.literal;
  return t(`provision.${provision.kind}`, provision.number === undefined ? {} : { number: provision.number });
}

/** A mapping entry as the controls table shows it: the source's short name, the provision, and whether the number was verified. */
export function citation(entry: MappingEntry, language: EvidenceLanguage, t: Translate): string {
  const source = SOURCES[entry.source];
  const where = provisionText(entry.provision, t);
  return `${t('controls.entry', { provision: where, source: sourceShort(source, language) })}${entry.provisionVerified === false ? ` ${t('controls.provisionUnverified')}` : ''}`;
}

/** The columns of the summary's tenant table, as catalogue keys. */
export const TENANT_COLUMNS = [
  'column.tenant',
  'column.name',
  'column.classification',
  'column.tier',
  'column.region',
  'column.account',
  'column.providerPlaintext',
] as const;

/** The sentence that opens a tenant's section: its class (glossed), tier, stack, region and account. */
export function tenantIntro(tenant: TenantEvidence, t: Translate): string {
  return t('tenant.intro', {
    classification: t('classification.label', { classification: tenant.classification }),
    tier: tenant.tier,
    stack: tenant.stack,
    region: tenant.region ?? t('tenant.unresolvedRegion'),
    account: tenant.account ?? t('common.unresolved'),
  });
}

/** The pipeline in a sentence, and its stages in order with their deploy actions. */
export function deploymentSentences(deployment: DeploymentEvidence, t: Translate): { readonly pipeline: string; readonly stages: string } {
  return {
    pipeline: t('deploy.pipeline', {
      stack: deployment.stack,
      account: deployment.account ?? '?',
      region: deployment.region ?? '?',
      type: deployment.pipelineType ?? '?',
      mode: deployment.executionMode ?? '?',
      source: say(t, deployment.source),
    }),
    stages: t('deploy.stages', {
      stages: deployment.stages
        .map((stage) => (stage.deployActions > 0 ? t('deploy.stageActions', { name: stage.name, count: stage.deployActions }) : stage.name))
        .join(' → '),
    }),
  };
}

/** A role ARN's name, for a path's steps; other principals as they are. */
const shortName = (arn: string) => (arn.includes(':role/') ? arn.split('/').pop()! : arn);

function gateText(gate: Gate, t: Translate): string {
  switch (gate.kind) {
    case 'approval':
      return t('reach.gate.approval', { approvers: gate.approvers.join(', ') });
    case 'break-glass':
      return t('reach.gate.break-glass', { alarm: gate.alarm });
    case 'boundary':
      return t('reach.gate.boundary', { policy: gate.policy });
    case 'proxy':
      return t('reach.gate.proxy', { keyStore: gate.keyStore });
    case 'mfa':
      return t('reach.gate.mfa');
    case 'next-release':
      return t('reach.gate.next-release');
  }
}

/** The message of a step: the edge class, and for a service that runs as a role, the service. */
function stepMessage(step: ReachStep): MessageKey {
  const key = step.via ? `reach.step.${step.edge}.${step.via}` : `reach.step.${step.edge}`;
  if (!(key in STEP_MESSAGES)) throw new Error(`the reach graph made a step no catalogue words: ${key}`);
  return key as MessageKey;
}
const STEP_MESSAGES = Object.fromEntries(
  (
    [
      'reach.step.assume',
      'reach.step.pass-and-run.cloudformation',
      'reach.step.pass-and-run.stacksets',
      'reach.step.pass-and-run.lambda',
      'reach.step.pass-and-run.codebuild',
      'reach.step.run-attached.cloudformation',
      'reach.step.run-attached.change-set',
      'reach.step.run-attached.codebuild',
      'reach.step.run-attached.codepipeline',
      'reach.step.invoke',
      'reach.step.change-code',
      'reach.step.rewrite-trust',
      'reach.step.rewrite-policy',
      'reach.step.rewrite-own-policy',
      'reach.step.remove-boundary',
      'reach.step.assign',
    ] satisfies MessageKey[]
  ).map((k) => [k, true]),
);

/** One principal's shortest path to plaintext, worded: who, each step, the end, the gates. `code` marks a name up. */
export function reachPathText(
  path: ReachPath,
  t: Translate,
  code: (name: string) => string,
): { readonly who: string; readonly steps: string; readonly gates: string } {
  const steps = [...path.steps.map((s) => t(stepMessage(s), { to: code(shortName(s.to)) })), t(`reach.end.${path.terminal.kind}`)].join(' → ');
  return {
    who: `${say(t, path.label)} ${code(path.principal)}`,
    steps,
    gates: path.gates.length > 0 ? t('reach.gates', { gates: path.gates.map((g) => gateText(g, t)).join('; ') }) : t('reach.noGates'),
  };
}

/** Text for HTML: every character that could open markup, escaped. */
export function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A catalogue sentence (with its parameters filled in) as HTML: escaped, then its light markup. */
export function inline(value: string): string {
  return escape(value)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}
