import type { MessageKey } from '../../i18n/catalogue-en';
import type { EvidenceLanguage } from '../../contracts/evidence-languages';

/*
 * The laws, decisions and guidance the control mapping cites, each with its issuer,
 * title, version, date and the day suveren last checked it against the issuer's own
 * publication. `verified: false` means that check did not succeed (the issuer's page
 * could not be read, or the title or version differs between copies); the report says so
 * next to every citation of it. Titles are in the issuer's language; the GDPR's are the
 * official English and Swedish texts and the Norwegian text incorporated by the EEA
 * Agreement.
 */

export const SOURCE_IDS = [
  'gdpr',
  'edpb-recommendations-01-2020',
  'edpb-guidelines-05-2021',
  'dpf-decision-2023-1795',
  'dpf-appeal-latombe',
  'scc-2021-914',
  'se-osl-10-2a',
  'se-lag-2020-914',
  'se-esam-utkontraktering-2023',
  'se-cybersakerhetslag-2025-1506',
  'se-msbfs-2020-6',
  'se-msbfs-2020-7',
  'se-sakerhetsskyddslag-2018-585',
  'no-nsm-grunnprinsipper-2-0',
  'no-dfo-schrems-ii',
  'no-datatilsynet-overforing',
  'no-sikkerhetsloven',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export type Jurisdiction = 'eu' | 'se' | 'no';

export interface LegalSource {
  readonly id: SourceId;
  readonly jurisdiction: Jurisdiction;
  readonly issuer: string;
  /** How the controls table cites it; per report language where the name differs. */
  readonly short: string | Readonly<Record<EvidenceLanguage, string>>;
  /** In the issuer's language; per report language where official versions exist. */
  readonly title: string | Readonly<Record<EvidenceLanguage, string>>;
  /** The version, or the official reference that fixes the text (OJ, SFS, LOV number). */
  readonly version: string;
  /** Adoption, issue or publication date (ISO 8601). */
  readonly date: string;
  /** Where the issuer publishes it, as read when checked; null where no issuer page was read. */
  readonly url: string | null;
  /** When suveren last checked the entry against the issuer's publication (ISO 8601). */
  readonly checkedOn: string;
  /** Whether title, version and date were confirmed on the issuer's own publication. */
  readonly verified: boolean;
  /** What the check found or could not confirm: the key of a catalogue sentence. */
  readonly note?: Extract<MessageKey, `sourceNote.${SourceId}`>;
}

const CHECKED = '2026-12-02';

export const SOURCES: Readonly<Record<SourceId, LegalSource>> = {
  gdpr: {
    id: 'gdpr',
    short: { en: 'GDPR', sv: 'dataskyddsförordningen', nb: 'personvernforordningen' },
    jurisdiction: 'eu',
    issuer: 'European Parliament and Council of the EU',
    title: {
      en: 'Regulation (EU) 2016/679 of the European Parliament and of the Council of 27 April 2016 (General Data Protection Regulation)',
      sv: 'Europaparlamentets och rådets förordning (EU) 2016/679 av den 27 april 2016 (allmän dataskyddsförordning)',
      nb: 'Europaparlaments- og rådsforordning (EU) 2016/679 av 27. april 2016 (generell personvernforordning), innlemmet i EØS-avtalen ved EØS-komiteens beslutning nr. 154/2018',
    },
    version: 'OJ L 119, 4.5.2016, p. 1',
    date: '2016-04-27',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.gdpr',
  },
  'edpb-recommendations-01-2020': {
    id: 'edpb-recommendations-01-2020',
    short: 'EDPB Recommendations 01/2020',
    jurisdiction: 'eu',
    issuer: 'European Data Protection Board',
    title: 'Recommendations 01/2020 on measures that supplement transfer tools to ensure compliance with the EU level of protection of personal data',
    version: '2.0',
    date: '2021-06-18',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.edpb-recommendations-01-2020',
  },
  'edpb-guidelines-05-2021': {
    id: 'edpb-guidelines-05-2021',
    short: 'EDPB Guidelines 05/2021',
    jurisdiction: 'eu',
    issuer: 'European Data Protection Board',
    title:
      'Guidelines 05/2021 on the Interplay between the application of Article 3 and the provisions on international transfers as per Chapter V of the GDPR',
    version: '2.0',
    date: '2023-02-14',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.edpb-guidelines-05-2021',
  },
  'dpf-decision-2023-1795': {
    id: 'dpf-decision-2023-1795',
    short: 'Decision (EU) 2023/1795 (Data Privacy Framework)',
    jurisdiction: 'eu',
    issuer: 'European Commission',
    title:
      'Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 pursuant to Regulation (EU) 2016/679 on the adequate level of protection of personal data under the EU-US Data Privacy Framework',
    version: 'OJ L 231, 20.9.2023, p. 118',
    date: '2023-07-10',
    url: 'https://eur-lex.europa.eu/eli/C/2025/6610/oj/eng',
    checkedOn: CHECKED,
    verified: true,
  },
  'dpf-appeal-latombe': {
    id: 'dpf-appeal-latombe',
    short: 'Latombe v Commission (T-553/23, C-703/25 P)',
    jurisdiction: 'eu',
    issuer: 'Court of Justice of the European Union',
    title: 'Latombe v Commission: General Court judgment T-553/23 (ECLI:EU:T:2025:831) dismissing the action; appeal C-703/25 P',
    version: 'C-703/25 P, lodged 2025-10-31 (OJ C/2025/6610)',
    date: '2025-09-03',
    url: 'https://eur-lex.europa.eu/eli/C/2025/6610/oj/eng',
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.dpf-appeal-latombe',
  },
  'scc-2021-914': {
    id: 'scc-2021-914',
    short: 'Decision (EU) 2021/914 (standard contractual clauses)',
    jurisdiction: 'eu',
    issuer: 'European Commission',
    title:
      'Commission Implementing Decision (EU) 2021/914 of 4 June 2021 on standard contractual clauses for the transfer of personal data to third countries pursuant to Regulation (EU) 2016/679',
    version: 'OJ L 199, 7.6.2021, p. 31',
    date: '2021-06-04',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=OJ:L:2021:199:FULL',
    checkedOn: CHECKED,
    verified: true,
  },
  'se-osl-10-2a': {
    id: 'se-osl-10-2a',
    short: 'OSL (2009:400)',
    jurisdiction: 'se',
    issuer: 'Sveriges riksdag',
    title:
      'Offentlighets- och sekretesslag (2009:400), 10 kap. 2 a § (teknisk bearbetning och teknisk lagring); prop. 2022/23:97 Sekretessgenombrott vid utlämnande för teknisk bearbetning eller teknisk lagring av uppgifter',
    version: 'SFS 2009:400 i lydelse från 2023-07-01; prop. 2022/23:97',
    date: '2023-07-01',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.se-osl-10-2a',
  },
  'se-lag-2020-914': {
    id: 'se-lag-2020-914',
    short: 'lag (2020:914)',
    jurisdiction: 'se',
    issuer: 'Sveriges riksdag',
    title: 'Lag (2020:914) om tystnadsplikt vid utkontraktering av teknisk bearbetning eller lagring av uppgifter',
    version: 'SFS 2020:914 (prop. 2019/20:201)',
    date: '2021-01-01',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.se-lag-2020-914',
  },
  'se-esam-utkontraktering-2023': {
    id: 'se-esam-utkontraktering-2023',
    short: 'eSam, vägledning för utkontraktering (2023)',
    jurisdiction: 'se',
    issuer: 'eSam',
    title: 'Vägledning för utkontraktering – nya förutsättningar som påverkar bedömningen',
    version: '2023',
    date: '2023-06-21',
    url: 'https://www.esamverka.se/aktuellt/nyheter/nyheter/2023-06-21-vagledning-for-utkontraktering---nya-forutsattningar-som-paverkar-bedomningen.html',
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.se-esam-utkontraktering-2023',
  },
  'se-cybersakerhetslag-2025-1506': {
    id: 'se-cybersakerhetslag-2025-1506',
    short: 'cybersäkerhetslag (2025:1506)',
    jurisdiction: 'se',
    issuer: 'Sveriges riksdag',
    title: 'Cybersäkerhetslag (2025:1506)',
    version: 'SFS 2025:1506 (prop. 2025/26:28), i kraft 2026-01-15',
    date: '2025-12-11',
    url: 'https://rkrattsbaser.gov.se/sfst',
    checkedOn: CHECKED,
    verified: true,
  },
  'se-msbfs-2020-6': {
    id: 'se-msbfs-2020-6',
    short: 'MSBFS 2020:6',
    jurisdiction: 'se',
    issuer: 'Myndigheten för samhällsskydd och beredskap (från 2026-01-01 Myndigheten för civilt försvar)',
    title: 'Myndigheten för samhällsskydd och beredskaps föreskrifter om informationssäkerhet för statliga myndigheter',
    version: 'MSBFS 2020:6',
    date: '2020-10-01',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.se-msbfs-2020-6',
  },
  'se-msbfs-2020-7': {
    id: 'se-msbfs-2020-7',
    short: 'MSBFS 2020:7',
    jurisdiction: 'se',
    issuer: 'Myndigheten för samhällsskydd och beredskap (från 2026-01-01 Myndigheten för civilt försvar)',
    title: 'Myndigheten för samhällsskydd och beredskaps föreskrifter om säkerhetsåtgärder i informationssystem för statliga myndigheter',
    version: 'MSBFS 2020:7',
    date: '2020-10-01',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.se-msbfs-2020-7',
  },
  'se-sakerhetsskyddslag-2018-585': {
    id: 'se-sakerhetsskyddslag-2018-585',
    short: 'säkerhetsskyddslag (2018:585)',
    jurisdiction: 'se',
    issuer: 'Sveriges riksdag',
    title: 'Säkerhetsskyddslag (2018:585)',
    version: 'SFS 2018:585, i kraft 2019-04-01',
    date: '2018-05-24',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.se-sakerhetsskyddslag-2018-585',
  },
  'no-nsm-grunnprinsipper-2-0': {
    id: 'no-nsm-grunnprinsipper-2-0',
    short: 'NSMs grunnprinsipper for IKT-sikkerhet 2.0',
    jurisdiction: 'no',
    issuer: 'Nasjonal sikkerhetsmyndighet (NSM)',
    title: 'NSMs grunnprinsipper for IKT-sikkerhet',
    version: '2.0',
    date: '2020-04',
    url: 'https://nsm.no/fagomrader/digital-sikkerhet/rad-og-anbefalinger-innenfor-digital-sikkerhet/grunnprinsipper-ikt',
    checkedOn: CHECKED,
    verified: true,
    note: 'sourceNote.no-nsm-grunnprinsipper-2-0',
  },
  'no-dfo-schrems-ii': {
    id: 'no-dfo-schrems-ii',
    short: 'DFØ, Veiledning etter Schrems II',
    jurisdiction: 'no',
    issuer: 'Direktoratet for forvaltning og økonomistyring (DFØ), Markedsplassen for skytjenester',
    title: 'Veiledning etter Schrems II',
    version: '—',
    date: '—',
    url: 'https://markedsplassen.anskaffelser.no/veiledning/veiledning-etter-schrems-ii/115',
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.no-dfo-schrems-ii',
  },
  'no-datatilsynet-overforing': {
    id: 'no-datatilsynet-overforing',
    short: 'Datatilsynet, Overføring av personopplysninger ut av EØS',
    jurisdiction: 'no',
    issuer: 'Datatilsynet',
    title: 'Overføring av personopplysninger ut av EØS',
    version: '—',
    date: '—',
    url: 'https://www.datatilsynet.no/rettigheter-og-plikter/virksomhetenes-plikter/overforing-av-personopplysninger-ut-av-eos/',
    checkedOn: CHECKED,
    verified: true,
    note: 'sourceNote.no-datatilsynet-overforing',
  },
  'no-sikkerhetsloven': {
    id: 'no-sikkerhetsloven',
    short: 'sikkerhetsloven',
    jurisdiction: 'no',
    issuer: 'Stortinget',
    title: 'Lov om nasjonal sikkerhet (sikkerhetsloven)',
    version: 'LOV-2018-06-01-24, i kraft 2019-01-01',
    date: '2018-06-01',
    url: null,
    checkedOn: CHECKED,
    verified: false,
    note: 'sourceNote.no-sikkerhetsloven',
  },
};

/** A source's title in a report language (the issuer's own where there is one per language). */
export function sourceTitle(source: LegalSource, language: EvidenceLanguage): string {
  return typeof source.title === 'string' ? source.title : source.title[language];
}

/** A source's short name in a report language, as the controls table cites it. */
export function sourceShort(source: LegalSource, language: EvidenceLanguage): string {
  return typeof source.short === 'string' ? source.short : source.short[language];
}
