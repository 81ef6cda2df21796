import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import { REGION_COUNTRIES } from '@suveren/core/contracts/jurisdictions';
import { isEuRegion } from '@suveren/core/contracts/regions';
import { CATALOGUES, type Text, type Translate, say, translator } from '../i18n/translate';
import type { MessageKey } from '../i18n/catalogue-en';
import type { ControllerAnnex, LocationRow } from './controller-annex';
import { SOURCES, sourceShort } from './mapping/sources';
import { escape } from './render-common';
import { type Block, blocksToHtml, blocksToMarkdown } from './render-blocks';
import type { EvidenceReport, TenantEvidence } from './report-model';

/*
 * The controller's annex as a document of its own, in Markdown and in HTML that prints on
 * two A4 pages (at least 9 pt: the browser test prints it with Chromium and counts). Both
 * writers render one list of blocks, so they say the same; every sentence is from the
 * language's catalogue.
 */

/** The annex's smallest font size, in points: the browser test holds the printed page to it. */
export const ANNEX_MIN_FONT_PT = 9;
/** The most pages the annex may print on, in A4. */
export const ANNEX_MAX_PAGES = 2;

/** The file an annex is written to: `annex.<tenant>.<lang>.md` (or `.html`). */
export const annexFileName = (tenantId: string, language: EvidenceLanguage, format: 'md' | 'html') => `annex.${tenantId}.${language}.${format}`;

/** A region as the annex and the sheets name it: its country and its code ("Sverige (eu-north-1)"). */
export function where(region: string | null, t: Translate): string {
  if (region === null) return '';
  const country = isEuRegion(region) ? REGION_COUNTRIES[region] : undefined;
  return country ? t('ca.where', { country: t(`country.${country}` as MessageKey), region }) : region;
}

function locationCells(row: LocationRow, t: Translate): string[] {
  const place = row.region !== null ? where(row.region, t) : row.kind === 'exports' ? t('ca.where.exports') : t('ca.where.none');
  return [
    t(`ca.location.${row.kind}`),
    row.account ? t('ca.whereAccount', { where: place, account: row.account }) : place,
    say(t, row.encryption),
    say(t, row.keyHolder),
  ];
}

/** A party as the annex names it: the annex's shorter wording where it has one, and the account where the label recurs per account. */
function partyLabel(principal: string, label: Text, t: Translate, language: EvidenceLanguage): string {
  const short = `ca.${label.id}`;
  const worded = short in CATALOGUES[language] ? t(short as MessageKey, label.params) : say(t, label);
  return /^arn:[^:]+:iam::\d{12}:/.test(principal) && !worded.includes(principal.split(':')[4]) ? `${worded} (${principal.split(':')[4]})` : worded;
}

function annexBlocks(report: EvidenceReport, tenant: TenantEvidence, annex: ControllerAnnex, t: Translate, language: EvidenceLanguage): Block[] {
  const given = (values: readonly string[] | null) => (values ? values.join('; ') : `*${t('ca.notProvided')}*`);
  const blocks: Block[] = [
    { kind: 'title', text: t('ca.title', { name: tenant.displayName }) },
    { kind: 'paragraph', text: t('ca.intro', { name: tenant.displayName, configFile: report.summary.configFile }) },
    { kind: 'heading', text: t('ca.a.heading') },
    {
      kind: 'fields',
      rows: [
        [t('ca.processing.purposes'), given(annex.processing.purposes)],
        [t('ca.processing.dataCategories'), given(annex.processing.dataCategories)],
        [t('ca.processing.dataSubjects'), given(annex.processing.dataSubjects)],
        [t('ca.processing.recipients'), given(annex.processing.recipients)],
      ],
    },
    {
      kind: 'paragraph',
      text: t('ca.tenantFacts', {
        country: annex.country ? t(`country.${annex.country}`) : t('ca.notProvided'),
        type: annex.organisationType ? t(`orgType.${annex.organisationType}`) : t('ca.notProvided'),
        classification: t('classification.label', { classification: tenant.classification }),
        tier: tenant.tier,
      }),
    },
    { kind: 'subheading', text: t('ca.locations.heading') },
    {
      kind: 'table',
      name: 'locations',
      head: [t('ca.column.kind'), t('ca.column.where'), t('ca.column.encryption'), t('ca.column.keyHolder')],
      rows: annex.locations.map((row) => locationCells(row, t)),
    },
    { kind: 'heading', text: t('ca.b.heading') },
    { kind: 'blank', text: t('ca.b.text') },
    { kind: 'heading', text: t('ca.c.heading') },
  ];
  const parties = annex.plaintextParties;
  if (parties === null) blocks.push({ kind: 'paragraph', text: t('ca.parties.notComputed') });
  else if (parties.length === 0)
    // Where S3 holds ciphertext only the graph is not searched (nothing in AWS is plaintext); otherwise the evaluator found no path.
    blocks.push({ kind: 'paragraph', text: t(tenant.providerSeesPlaintext ? 'ca.parties.none' : 'ca.parties.ciphertextOnly') });
  else
    blocks.push(
      { kind: 'subheading', text: t('ca.parties.count', { count: parties.length }) },
      {
        kind: 'table',
        name: 'parties',
        head: [t('ca.column.party'), t('ca.column.how'), t('ca.column.gates')],
        rows: parties.map((p) => [
          // Labels such as "break-glass role" recur per account: the account tells them apart.
          partyLabel(p.principal, p.label, t, language),
          t('ca.parties.how', { end: t(`ca.end.${p.end}`), steps: p.steps === 0 ? t('ca.parties.itself') : t('ca.parties.steps', { count: p.steps }) }),
          p.gates.length > 0 ? p.gates.map((g) => t(`ca.gate.${g}` as MessageKey)).join(', ') : `**${t('ca.gate.none')}**`,
        ]),
      },
    );
  const usOrders = (tenant.technicalAnnex ?? []).filter((e) => e.kind !== 'hostile-state').flatMap((e) => e.reach.map((r) => say(t, r)));
  blocks.push(
    // Run-on paragraphs, each led by its heading: the two pages are for the tables.
    { kind: 'paragraph', text: `**${t('ca.usOrders.heading')}.** ${[...new Set(usOrders)].join(' ')}` },
    { kind: 'paragraph', text: `**${t('ca.integrity.heading')}.** ${annex.integrity.map((x) => say(t, x)).join(' ')}` },
    { kind: 'paragraph', text: `**${t('ca.availability.heading')}.** ${annex.availability.map((x) => say(t, x)).join(' ')}` },
    { kind: 'blank', text: t('ca.c.text') },
    { kind: 'heading', text: `${t('ca.d.heading')} ${t('ca.d.link', { id: tenant.id })}` },
    {
      kind: 'list',
      // One line each: the annex's short form of a measure where the catalogue has one (a registered tier's may not).
      items: [
        ...(report.legalMapping.find((m) => m.tier === tenant.tier)?.measures ?? []).map((m) =>
          `ca.${m.id}` in CATALOGUES[language] ? t(`ca.${m.id}` as MessageKey) : say(t, m),
        ),
      ],
    },
    { kind: 'heading', text: t('ca.chain.heading') },
    {
      kind: 'list',
      items: [
        t('ca.chain.controller', { name: tenant.displayName }),
        annex.processorChain.operator
          ? annex.processorChain.operator.contact
            ? t('ca.chain.operatorWithContact', { name: annex.processorChain.operator.name, contact: annex.processorChain.operator.contact })
            : t('ca.chain.operator', { name: annex.processorChain.operator.name })
          : t('ca.chain.operatorMissing'),
        ...annex.processorChain.provider
          .filter((f) => f.value !== null)
          .map((f) => t('ca.chain.provider', { fact: t(`ca.fact.${f.fact}`), value: f.value ?? '', source: f.source ?? '', date: f.checkedOn ?? '' })),
        ...(annex.processorChain.provider.some((f) => f.value === null)
          ? [
              t('ca.chain.providerMissing', {
                facts: annex.processorChain.provider
                  .filter((f) => f.value === null)
                  .map((f) => t(`ca.fact.${f.fact}`))
                  .join(', '),
              }),
            ]
          : []),
      ],
    },
  );
  const r = annex.retention;
  blocks.push(
    { kind: 'heading', text: t('ca.retention.heading') },
    {
      kind: 'list',
      items: [
        r.noncurrentVersionDays !== null ? t('ca.retention.noncurrent', { days: r.noncurrentVersionDays }) : t('ca.retention.noncurrentNone'),
        ...(r.quarantineNoncurrentDays !== null ? [t('ca.retention.quarantine', { days: r.quarantineNoncurrentDays })] : []),
        ...(r.accessLogDays !== null ? [t('ca.retention.accessLogs', { days: r.accessLogDays })] : []),
        r.dataObjectLock ? t('ca.retention.objectLock', { lock: say(t, r.dataObjectLock) }) : t('ca.retention.noObjectLock'),
        ...(r.auditArchiveLock ? [t('ca.retention.archive', { lock: say(t, r.auditArchiveLock) })] : []),
        ...r.keyDeletionWindowDays.map((days) => t('ca.retention.keys', { days })),
        ...(r.keysWithDefaultWindow > 0 ? [t('ca.retention.keysDefault', { count: r.keysWithDefaultWindow })] : []),
        ...(tenant.erasure ? [say(t, tenant.erasure)] : []),
        t(annex.country ? `ca.retention.archiveLaw.${annex.country}` : 'ca.retention.archiveLaw.none'),
      ],
    },
    { kind: 'heading', text: t('ca.breach.heading') },
    {
      kind: 'list',
      items: [
        t('ca.breach.path', {
          operator: annex.processorChain.operator?.name ?? t('ca.notProvided'),
          contact: annex.breach.controllerContact ?? t('ca.blank'),
          authority: t(annex.country ? `ca.breach.authority.${annex.country}` : 'ca.breach.authority.none'),
        }),
        annex.country && annex.breach.nationalLaw
          ? `${t(`ca.breach.national.${annex.country}.${annex.breach.nationalLaw}`)}${annex.breach.nationalLawDefaulted ? ` ${t('ca.breach.defaulted')}` : ''}`
          : t('ca.breach.national.none'),
      ],
    },
    { kind: 'heading', text: t('ca.exit.heading') },
    { kind: 'paragraph', text: t('ca.exit.text') },
    { kind: 'heading', text: t('ca.sources.heading') },
    {
      kind: 'paragraph',
      text: annex.sources
        .map((id) => SOURCES[id])
        .map((s) => t('ca.source', { short: sourceShort(s, language), status: t(`ca.sourceStatus.${s.status}`) }))
        .join('; '),
    },
    { kind: 'paragraph', text: `*${t('ca.footer', { version: report.schemaVersion })}*` },
  );
  return blocks;
}

/** The annex's own style (the page size is the standalone page's): a fixed font the CI installs (Liberation Sans), nothing under 9 pt. */
export const ANNEX_STYLE = `
  .controller-annex { font: ${ANNEX_MIN_FONT_PT}pt/1.13 "Liberation Sans", Arial, sans-serif; color: #111; }
  .controller-annex h1, .controller-annex h2, .controller-annex h3, .controller-annex h4, .controller-annex h5 { font-size: 10pt; margin: 5pt 0 1pt; border-bottom: 0.5pt solid #888; break-after: avoid; }
  .controller-annex > :first-child { font-size: 13pt; margin-top: 0; border: none; }
  .controller-annex p, .controller-annex ul, .controller-annex dl { margin: 1pt 0 2pt; }
  .controller-annex ul { padding-left: 12pt; } .controller-annex li { margin: 0; }
  .controller-annex p.sub { font-weight: bold; margin: 4pt 0 1pt; }
  .controller-annex dl { display: grid; grid-template-columns: max-content 1fr; column-gap: 6pt; } .controller-annex dt { font-weight: bold; } .controller-annex dd { margin: 0; }
  .controller-annex table { border-collapse: collapse; width: 100%; font-size: ${ANNEX_MIN_FONT_PT}pt; margin: 2pt 0 3pt; }
  .controller-annex th, .controller-annex td { border: 0.5pt solid #888; padding: 1pt 3pt; text-align: left; vertical-align: top; }
  .controller-annex tr { break-inside: avoid; }
  .controller-annex table { table-layout: fixed; }
  .controller-annex table.locations th:nth-child(1) { width: 15%; } .controller-annex table.locations th:nth-child(2) { width: 18%; }
  .controller-annex table.locations th:nth-child(3) { width: 31%; }
  .controller-annex table.parties th:nth-child(1) { width: 54%; } .controller-annex table.parties th:nth-child(2) { width: 28%; }
  .controller-annex code { font-family: "Liberation Mono", monospace; font-size: ${ANNEX_MIN_FONT_PT}pt; word-break: break-all; }
  .controller-annex .blank .line { display: inline-block; width: 45%; border-bottom: 0.5pt solid #111; }
`;

/** A tenant's annex in Markdown; `level` is the title's heading level (1 alone, deeper inside the report). */
export function renderAnnexMarkdown(report: EvidenceReport, tenant: TenantEvidence, language: EvidenceLanguage, level = 1): string {
  if (!tenant.controllerAnnex) return '';
  return blocksToMarkdown(annexBlocks(report, tenant, tenant.controllerAnnex, translator(language), language), level).join('\n');
}

/** A tenant's annex as an HTML fragment (a `section.controller-annex`). */
export function renderAnnexSection(report: EvidenceReport, tenant: TenantEvidence, language: EvidenceLanguage, level = 1): string {
  if (!tenant.controllerAnnex) return '';
  const body = blocksToHtml(annexBlocks(report, tenant, tenant.controllerAnnex, translator(language), language), level);
  return `<section class="controller-annex" id="annex-${escape(tenant.id)}" data-tenant="${escape(tenant.id)}">\n${body}\n</section>`;
}

/** A tenant's annex as a page of its own, to print. */
export function renderAnnexHtml(report: EvidenceReport, tenant: TenantEvidence, language: EvidenceLanguage): string {
  const t = translator(language);
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t('ca.title', { name: tenant.displayName }))}</title>
<style>@page { size: A4; margin: 8mm 10mm; } body { margin: 0; }${ANNEX_STYLE}</style>
</head>
<body>
${renderAnnexSection(report, tenant, language)}
</body>
</html>
`;
}
