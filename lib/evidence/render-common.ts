import type { Translate } from './i18n/translate';
import type { EvidenceLanguage } from '../contracts/evidence-languages';
import type { MappingEntry, Provision } from './mapping/controls';
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
