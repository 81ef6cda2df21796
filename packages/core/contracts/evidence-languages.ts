/**
 * The languages the evidence report is written in: English, Swedish and Norwegian
 * bokmål. The JSON report is language-neutral; these choose the markdown and HTML.
 */
export const EVIDENCE_LANGUAGES = ['en', 'sv', 'nb'] as const;
export type EvidenceLanguage = (typeof EVIDENCE_LANGUAGES)[number];

/** The default language, and the one of `report.md` and `report.html`; the others are `report.<lang>.md` and `.html`. */
export const DEFAULT_EVIDENCE_LANGUAGE: EvidenceLanguage = 'en';

export function isEvidenceLanguage(value: string): value is EvidenceLanguage {
  return (EVIDENCE_LANGUAGES as readonly string[]).includes(value);
}
