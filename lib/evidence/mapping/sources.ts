import type { MessageKey } from '../../i18n/catalogue-en';
import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import type { OrganisationType, TenantCountry } from '@suveren/core/contracts/jurisdictions';

/*
 * The laws, decisions and guidance the control mapping cites, each with its issuer,
 * title, version, date and the day suveren last checked it against the issuer's own
 * publication. A source is `verified` only when that check succeeded on a page whose
 * address carries the source's own identifier (CELEX, ELI, Official Journal issue, SFS
 * number, Lovdata id, U.S. Code section, Federal Register document number): a test holds
 * every verified entry to it, since CI cannot fetch pages. `unverified` means the check
 * did not succeed (the issuer's page could not be read, or the title or version differs
 * between copies); the report says so next to every citation of it. Guidance pages have
 * no identifier and are `guidance`, never verified. Titles are in the issuer's language;
 * the GDPR's are the official English and Swedish texts and the Norwegian text
 * incorporated by the EEA Agreement.
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
  'se-arkivlag-1990-782',
  'se-cybersakerhetsforordning-2025-1507',
  'no-arkivlova',
  'no-digitalsikkerhetsloven',
  'us-cloud-act',
  'us-fisa-702',
  'us-eo-14086',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export type Jurisdiction = 'eu' | 'se' | 'no' | 'us';

/** How a source was checked: see the comment at the top. */
export const SOURCE_STATUSES = ['verified', 'unverified', 'guidance'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** The schemes of the identifiers the sources carry. */
export type IdentifierScheme = 'celex' | 'eli' | 'oj' | 'sfs' | 'lovdata' | 'usc' | 'federal-register';

/** The identifier an act or decision is cited by, in its scheme's normalised form. */
export interface SourceIdentifier {
  readonly scheme: IdentifierScheme;
  /** celex `32023D1795`; eli `C/2025/6610`; oj `L:2021:199`; sfs `2025:1506`; lovdata `2018-06-01-24` (without LOV-); usc `18/2713` (title/section); federal-register `2022-22531`. */
  readonly value: string;
}

/** The forms an identifier takes in the addresses of its scheme's publishers. */
export function identifierForms(identifier: SourceIdentifier): readonly string[] {
  const { scheme, value } = identifier;
  switch (scheme) {
    case 'celex':
      return [`CELEX:${value}`, `CELEX%3A${value}`];
    case 'eli':
      return [`/eli/${value.toLowerCase()}/`, `/eli/${value}/`];
    case 'oj':
      return [`OJ:${value}`];
    case 'sfs': {
      const [year, number] = value.split(':');
      // Riksdagen's document pages end in sfs-2025-1506; Regeringskansliet's rättsdatabaser take bet=2025:1506.
      return [`sfs-${year}-${number}`, `bet=${year}:${number}`, `bet=${year}%3A${number}`];
    }
    case 'lovdata':
      return [`/lov/${value}`];
    case 'usc': {
      const [title, section] = value.split('/');
      return [`title${title}-section${section}`, `uscode/text/${title}/${section}`];
    }
    case 'federal-register':
      return [`/${value}/`];
  }
}

/** Whether `url` carries the identifier, in one of its scheme's forms. */
export function urlCarriesIdentifier(url: string, identifier: SourceIdentifier): boolean {
  return identifierForms(identifier).some((form) => url.includes(form));
}

export interface LegalSource {
  readonly id: SourceId;
  readonly jurisdiction: Jurisdiction;
  readonly issuer: string;
  /** How the controls table cites it; per report language where the name differs. */
  readonly short: string | Readonly<Record<EvidenceLanguage, string>>;
  /** In the issuer's language; per report language where official versions exist. */
  readonly title: string | Readonly<Record<EvidenceLanguage, string>>;
  /** The version, or the official reference that fixes the text (OJ, SFS, LOV number); per report language where the Official Journal is cited in that language's form. */
  readonly version: string | Readonly<Record<EvidenceLanguage, string>>;
  /** The kinds of organisation it binds, where it binds only some (MSBFS 2020:6 and 2020:7: state agencies); absent: every kind. */
  readonly binds?: readonly OrganisationType[];
  /** Adoption, issue or publication date (ISO 8601). */
  readonly date: string;
  /** Where the issuer publishes it, as read when checked; null where no issuer page was read. */
  readonly url: string | null;
  /** When suveren last checked the entry against the issuer's publication (ISO 8601). */
  readonly checkedOn: string;
  /** The identifier it is cited by; null for guidance, which has none. */
  readonly identifier: SourceIdentifier | null;
  /** `verified`: title, version and date were confirmed on the issuer's own publication, at a `url` carrying the identifier. */
  readonly status: SourceStatus;
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
    version: { en: 'OJ L 119, 4.5.2016, p. 1', sv: 'EUT L 119, 4.5.2016, s. 1', nb: 'EUT L 119, 4.5.2016, s. 1; EØS-komiteens beslutning nr. 154/2018' },
    date: '2016-04-27',
    url: null,
    identifier: { scheme: 'celex', value: '32016R0679' },
    checkedOn: CHECKED,
    status: 'unverified',
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
    identifier: null,
    checkedOn: CHECKED,
    status: 'unverified',
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
    identifier: null,
    checkedOn: CHECKED,
    status: 'unverified',
    note: 'sourceNote.edpb-guidelines-05-2021',
  },
  'dpf-decision-2023-1795': {
    id: 'dpf-decision-2023-1795',
    short: 'Decision (EU) 2023/1795 (Data Privacy Framework)',
    jurisdiction: 'eu',
    issuer: 'European Commission',
    title:
      'Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 pursuant to Regulation (EU) 2016/679 on the adequate level of protection of personal data under the EU-US Data Privacy Framework',
    version: { en: 'OJ L 231, 20.9.2023, p. 118', sv: 'EUT L 231, 20.9.2023, s. 118', nb: 'EUT L 231, 20.9.2023, s. 118' },
    date: '2023-07-10',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32023D1795',
    identifier: { scheme: 'celex', value: '32023D1795' },
    checkedOn: '2026-12-06',
    status: 'unverified',
    note: 'sourceNote.dpf-decision-2023-1795',
  },
  'dpf-appeal-latombe': {
    id: 'dpf-appeal-latombe',
    short: 'Latombe v Commission (T-553/23, C-703/25 P)',
    jurisdiction: 'eu',
    issuer: 'Court of Justice of the European Union',
    title: 'Latombe v Commission: General Court judgment T-553/23 (ECLI:EU:T:2025:831) dismissing the action; appeal C-703/25 P',
    version: {
      en: 'C-703/25 P, lodged 2025-10-31 (OJ C/2025/6610)',
      sv: 'C-703/25 P, inkommet 2025-10-31 (EUT C/2025/6610)',
      nb: 'C-703/25 P, inngitt 2025-10-31 (EUT C/2025/6610)',
    },
    date: '2025-09-03',
    url: 'https://eur-lex.europa.eu/eli/C/2025/6610/oj/eng',
    identifier: { scheme: 'eli', value: 'C/2025/6610' },
    checkedOn: CHECKED,
    status: 'unverified',
    note: 'sourceNote.dpf-appeal-latombe',
  },
  'scc-2021-914': {
    id: 'scc-2021-914',
    short: 'Decision (EU) 2021/914 (standard contractual clauses)',
    jurisdiction: 'eu',
    issuer: 'European Commission',
    title:
      'Commission Implementing Decision (EU) 2021/914 of 4 June 2021 on standard contractual clauses for the transfer of personal data to third countries pursuant to Regulation (EU) 2016/679',
    version: { en: 'OJ L 199, 7.6.2021, p. 31', sv: 'EUT L 199, 7.6.2021, s. 31', nb: 'EUT L 199, 7.6.2021, s. 31' },
    date: '2021-06-04',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=OJ:L:2021:199:FULL',
    identifier: { scheme: 'oj', value: 'L:2021:199' },
    checkedOn: CHECKED,
    status: 'verified',
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
    identifier: { scheme: 'sfs', value: '2009:400' },
    checkedOn: CHECKED,
    status: 'unverified',
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
    identifier: { scheme: 'sfs', value: '2020:914' },
    checkedOn: CHECKED,
    status: 'unverified',
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
    identifier: null,
    checkedOn: CHECKED,
    status: 'guidance',
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
    url: 'https://rkrattsbaser.gov.se/sfst?bet=2025:1506',
    identifier: { scheme: 'sfs', value: '2025:1506' },
    checkedOn: '2026-12-06',
    status: 'verified',
  },
  'se-msbfs-2020-6': {
    id: 'se-msbfs-2020-6',
    short: 'MSBFS 2020:6',
    jurisdiction: 'se',
    binds: ['state-agency'],
    issuer: 'Myndigheten för samhällsskydd och beredskap (från 2026-01-01 Myndigheten för civilt försvar)',
    title: 'Myndigheten för samhällsskydd och beredskaps föreskrifter om informationssäkerhet för statliga myndigheter',
    version: 'MSBFS 2020:6',
    date: '2020-10-01',
    url: null,
    identifier: null,
    checkedOn: CHECKED,
    status: 'unverified',
    note: 'sourceNote.se-msbfs-2020-6',
  },
  'se-msbfs-2020-7': {
    id: 'se-msbfs-2020-7',
    short: 'MSBFS 2020:7',
    jurisdiction: 'se',
    binds: ['state-agency'],
    issuer: 'Myndigheten för samhällsskydd och beredskap (från 2026-01-01 Myndigheten för civilt försvar)',
    title: 'Myndigheten för samhällsskydd och beredskaps föreskrifter om säkerhetsåtgärder i informationssystem för statliga myndigheter',
    version: 'MSBFS 2020:7',
    date: '2020-10-01',
    url: null,
    identifier: null,
    checkedOn: CHECKED,
    status: 'unverified',
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
    identifier: { scheme: 'sfs', value: '2018:585' },
    checkedOn: CHECKED,
    status: 'unverified',
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
    identifier: null,
    checkedOn: CHECKED,
    status: 'guidance',
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
    identifier: null,
    checkedOn: CHECKED,
    status: 'guidance',
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
    identifier: null,
    checkedOn: CHECKED,
    status: 'guidance',
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
    identifier: { scheme: 'lovdata', value: '2018-06-01-24' },
    checkedOn: CHECKED,
    status: 'unverified',
    note: 'sourceNote.no-sikkerhetsloven',
  },
  'se-arkivlag-1990-782': {
    id: 'se-arkivlag-1990-782',
    short: 'arkivlagen (1990:782)',
    jurisdiction: 'se',
    issuer: 'Sveriges riksdag',
    title: 'Arkivlag (1990:782)',
    version: 'SFS 1990:782',
    date: '1990-06-14',
    url: null,
    identifier: { scheme: 'sfs', value: '1990:782' },
    checkedOn: '2026-12-06',
    status: 'unverified',
    note: 'sourceNote.se-arkivlag-1990-782',
  },
  'se-cybersakerhetsforordning-2025-1507': {
    id: 'se-cybersakerhetsforordning-2025-1507',
    short: 'cybersäkerhetsförordningen (2025:1507)',
    jurisdiction: 'se',
    issuer: 'Regeringen',
    title: 'Cybersäkerhetsförordning (2025:1507)',
    version: 'SFS 2025:1507',
    date: '2025-12-11',
    url: null,
    identifier: { scheme: 'sfs', value: '2025:1507' },
    checkedOn: '2026-12-06',
    status: 'unverified',
    note: 'sourceNote.se-cybersakerhetsforordning-2025-1507',
  },
  'no-arkivlova': {
    id: 'no-arkivlova',
    short: 'arkivlova',
    jurisdiction: 'no',
    issuer: 'Stortinget',
    title: 'Lov om arkiv [arkivlova]',
    version: 'LOV-1992-12-04-126',
    date: '1992-12-04',
    url: null,
    identifier: { scheme: 'lovdata', value: '1992-12-04-126' },
    checkedOn: '2026-12-06',
    status: 'unverified',
    note: 'sourceNote.no-arkivlova',
  },
  'no-digitalsikkerhetsloven': {
    id: 'no-digitalsikkerhetsloven',
    short: 'digitalsikkerhetsloven',
    jurisdiction: 'no',
    issuer: 'Stortinget',
    title: 'Lov om digital sikkerhet (digitalsikkerhetsloven)',
    version: 'LOV-2023-12-20-108',
    date: '2023-12-20',
    url: null,
    identifier: { scheme: 'lovdata', value: '2023-12-20-108' },
    checkedOn: '2026-12-06',
    status: 'unverified',
    note: 'sourceNote.no-digitalsikkerhetsloven',
  },
  'us-cloud-act': {
    id: 'us-cloud-act',
    short: 'CLOUD Act (18 U.S.C. § 2713)',
    jurisdiction: 'us',
    issuer: 'United States Congress',
    title:
      'Clarifying Lawful Overseas Use of Data Act (CLOUD Act), Consolidated Appropriations Act, 2018, division V; 18 U.S.C. § 2713, Required preservation and disclosure of communications and records',
    version: 'Pub. L. 115-141, div. V, § 103',
    date: '2018-03-23',
    url: 'https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title18-section2713',
    identifier: { scheme: 'usc', value: '18/2713' },
    checkedOn: '2026-12-06',
    status: 'unverified',
    note: 'sourceNote.us-cloud-act',
  },
  'us-fisa-702': {
    id: 'us-fisa-702',
    short: 'FISA section 702 (50 U.S.C. § 1881a)',
    jurisdiction: 'us',
    issuer: 'United States Congress',
    title:
      'Foreign Intelligence Surveillance Act of 1978, section 702: procedures for targeting certain persons outside the United States other than United States persons (50 U.S.C. § 1881a)',
    version: 'Pub. L. 110-261 (FISA Amendments Act of 2008), reauthorized by Pub. L. 118-49 (2024)',
    date: '2008-07-10',
    url: 'https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title50-section1881a',
    identifier: { scheme: 'usc', value: '50/1881a' },
    checkedOn: '2026-12-06',
    status: 'unverified',
    note: 'sourceNote.us-fisa-702',
  },
  'us-eo-14086': {
    id: 'us-eo-14086',
    short: 'Executive Order 14086',
    jurisdiction: 'us',
    issuer: 'President of the United States',
    title: 'Executive Order 14086 of October 7, 2022: Enhancing Safeguards for United States Signals Intelligence Activities',
    version: '87 FR 62283 (FR Doc. 2022-22531)',
    date: '2022-10-07',
    url: 'https://www.federalregister.gov/documents/2022/10/14/2022-22531/enhancing-safeguards-for-united-states-signals-intelligence-activities',
    identifier: { scheme: 'federal-register', value: '2022-22531' },
    checkedOn: '2026-12-06',
    status: 'unverified',
    note: 'sourceNote.us-eo-14086',
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

/** A source's version in a report language: the Official Journal in that language's own form ("EUT L 119, 4.5.2016, s. 1"). */
export function sourceVersion(source: LegalSource, language: EvidenceLanguage): string {
  return typeof source.version === 'string' ? source.version : source.version[language];
}

/**
 * The sources a tenant's annex may cite: EU and EEA law, the US law its risks are about,
 * and its own country's (none without a country), of those that bind its kind of
 * organisation.
 */
export function sourcesFor(country: TenantCountry | null, organisationType: OrganisationType | null): readonly LegalSource[] {
  return SOURCE_IDS.map((id) => SOURCES[id]).filter(
    (source) =>
      (source.jurisdiction === 'eu' || source.jurisdiction === 'us' || source.jurisdiction === country?.toLowerCase()) &&
      (source.binds === undefined || (organisationType !== null && source.binds.includes(organisationType))),
  );
}
