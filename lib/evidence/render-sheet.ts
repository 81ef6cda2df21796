import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import type { TenantCountry } from '@suveren/core/contracts/jurisdictions';
import { type Text, type Translate, say, translator } from '../i18n/translate';
import type { MessageKey } from '../i18n/catalogue-en';
import type { ControllerAnnex } from './controller-annex';
import { type Block, blocksToHtml, blocksToMarkdown } from './render-blocks';
import { ANNEX_STYLE, where } from './render-annex';
import { escape } from './render-common';
import type { EvidenceReport, TenantEvidence } from './report-model';

/*
 * The fill-in sheet of the tenant's country, beside its annex: in Sweden the secrecy
 * assessment of OSL 10 kap. 2 a § (disclosure to a provider for technical processing or
 * storage only, unless inappropriate), in Norway a ROS analysis in the structure
 * Datatilsynet and Digdir use (threat, asset, existing measure). suveren fills in the
 * technical facts from the annex; every judgement column is left blank.
 */

/** The file a sheet is written to: `sheet.<tenant>.<lang>.md` (or `.html`). */
export const sheetFileName = (tenantId: string, language: EvidenceLanguage, format: 'md' | 'html') => `sheet.${tenantId}.${language}.${format}`;

function facts(tenant: TenantEvidence, annex: ControllerAnnex, t: Translate) {
  /** The annex's sentence with one of these ids (each list holds one of them). */
  const pick = (list: readonly Text[], ...ids: MessageKey[]) => {
    const found = list.find((x) => ids.includes(x.id));
    return found ? say(t, found) : '';
  };
  const content = annex.locations.find((r) => r.kind === 'content')!;
  const parties = annex.plaintextParties;
  const usReach = (tenant.technicalAnnex ?? []).find((e) => e.kind === 'us-law-enforcement')?.reach[0];
  return {
    keyHolder: say(t, content.keyHolder),
    location: t('sheet.location', { region: where(content.region, t) || '?', account: content.account ?? '?' }),
    parties:
      parties === null
        ? t('ca.parties.notComputed')
        : parties.length === 0
          ? t(tenant.providerSeesPlaintext ? 'ca.parties.none' : 'ca.parties.ciphertextOnly')
          : t('sheet.parties', { count: parties.length }),
    plaintext: t(tenant.providerSeesPlaintext ? 'sheet.plaintext.yes' : 'sheet.plaintext.no', { tier: tenant.tier }),
    usReach: usReach ? say(t, usReach) : '',
    versions: pick(annex.availability, 'annex.availability.versions', 'annex.availability.noVersions'),
    oneRegion: pick(annex.availability, 'annex.availability.oneRegion'),
    inspection: pick(annex.integrity, 'annex.integrity.inspection', 'annex.integrity.noInspection'),
    keyAvailability: pick(annex.availability, 'annex.availability.keyAvailability', 'annex.availability.premisesKey'),
  };
}

function swedishSheet(tenant: TenantEvidence, annex: ControllerAnnex, t: Translate): Block[] {
  const f = facts(tenant, annex, t);
  const rows: [MessageKey, string][] = [
    ['sheet.se.technicalOnly', t('sheet.se.technicalOnly.fact')],
    ['sheet.se.plaintext', f.plaintext],
    ['sheet.se.keys', f.keyHolder],
    ['sheet.se.location', f.location],
    ['sheet.se.parties', f.parties],
    ['sheet.se.foreignLaw', f.usReach],
    ['sheet.se.confidentiality', t('sheet.se.confidentiality.fact')],
    ['sheet.se.inappropriate', '—'],
  ];
  return [
    { kind: 'title', text: t('sheet.se.title', { name: tenant.displayName }) },
    { kind: 'paragraph', text: t('sheet.se.intro') },
    {
      kind: 'table',
      name: 'sheet-osl',
      head: [t('sheet.column.factor'), t('sheet.column.facts'), t('sheet.column.judgement')],
      rows: rows.map(([factor, fact]) => [t(factor), fact, '']),
    },
    { kind: 'blank', text: t('sheet.decision') },
  ];
}

function norwegianSheet(tenant: TenantEvidence, annex: ControllerAnnex, t: Translate): Block[] {
  const f = facts(tenant, annex, t);
  const rows: [MessageKey, MessageKey, string][] = [
    ['sheet.no.threat.usOrder', 'sheet.no.asset.content', `${f.plaintext} ${f.usReach}`],
    ['sheet.no.threat.insider', 'sheet.no.asset.content', f.parties],
    ['sheet.no.threat.regionLoss', 'sheet.no.asset.availability', f.oneRegion],
    ['sheet.no.threat.deletion', 'sheet.no.asset.integrity', f.versions],
    ['sheet.no.threat.keyLoss', 'sheet.no.asset.availability', f.keyAvailability],
    ['sheet.no.threat.upload', 'sheet.no.asset.integrity', f.inspection],
    ['sheet.no.threat.suspension', 'sheet.no.asset.availability', t('annex.availability.suspension')],
  ];
  return [
    { kind: 'title', text: t('sheet.no.title', { name: tenant.displayName }) },
    { kind: 'paragraph', text: t('sheet.no.intro') },
    {
      kind: 'table',
      name: 'sheet-ros',
      head: [t('sheet.column.threat'), t('sheet.column.asset'), t('sheet.column.measure'), t('sheet.column.likelihood'), t('sheet.column.consequence')],
      rows: rows.map(([threat, asset, measure]) => [t(threat), t(asset), measure, '', '']),
    },
    { kind: 'blank', text: t('sheet.decision') },
  ];
}

const SHEETS: Readonly<Record<TenantCountry, (tenant: TenantEvidence, annex: ControllerAnnex, t: Translate) => Block[]>> = {
  SE: swedishSheet,
  NO: norwegianSheet,
};

function sheetBlocks(tenant: TenantEvidence, language: EvidenceLanguage): Block[] | null {
  const annex = tenant.controllerAnnex;
  if (!annex?.country) return null;
  return SHEETS[annex.country](tenant, annex, translator(language));
}

/** The tenant's country's fill-in sheet in Markdown; null without a country. */
export function renderSheetMarkdown(_report: EvidenceReport, tenant: TenantEvidence, language: EvidenceLanguage): string | null {
  const blocks = sheetBlocks(tenant, language);
  return blocks ? `${blocksToMarkdown(blocks, 1).join('\n')}\n` : null;
}

/** The tenant's country's fill-in sheet as a page to print; null without a country. */
export function renderSheetHtml(_report: EvidenceReport, tenant: TenantEvidence, language: EvidenceLanguage): string | null {
  const blocks = sheetBlocks(tenant, language);
  if (!blocks) return null;
  const title = blocks[0].kind === 'title' ? blocks[0].text : '';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>@page { size: A4 landscape; margin: 10mm; } body { margin: 0; }${ANNEX_STYLE}
  .controller-annex table.sheet-osl th:nth-child(1) { width: 25%; } .controller-annex table.sheet-osl th:nth-child(2) { width: 40%; }
  .controller-annex table.sheet-ros th:nth-child(1) { width: 18%; } .controller-annex table.sheet-ros th:nth-child(2) { width: 12%; }
  .controller-annex table.sheet-ros th:nth-child(3) { width: 40%; } .controller-annex table.sheet-ros td { height: 3em; }</style>
</head>
<body>
<section class="controller-annex sheet" data-tenant="${escape(tenant.id)}">
${blocksToHtml(blocks, 1)}
</section>
</body>
</html>
`;
}
