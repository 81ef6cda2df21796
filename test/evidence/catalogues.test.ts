import * as fs from 'node:fs';
import * as path from 'node:path';
import { RegionGuardRuleIds, RuntimeRuleIds, SovereigntyRuleIds } from '../../lib/compliance/rule-ids';
import { EN } from '../../lib/i18n/catalogue-en';
import { EVIDENCE_LANGUAGES } from '@suveren/core/contracts/evidence-languages';
import { TYPE, type MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES, parametersOf, translator } from '../../lib/i18n/translate';
import { CONTROLS, ReportControlIds } from '../../lib/evidence/mapping/controls';
import { SOURCES, SOURCE_IDS, sourceVersion, urlCarriesIdentifier } from '../../lib/evidence/mapping/sources';
import { citation } from '../../lib/evidence/render-common';
import { REPO_ROOT } from '../helpers';

/*
 * The message catalogues and the control mapping, without a synth: same keys and
 * parameters in every language, the legal terms of the official texts, and a mapping
 * entry with issuer, version, date and checked-on for every control.
 */

const ISO_DATE = /^\d{4}-\d{2}(-\d{2})?$/;

describe('the evidence catalogues', () => {
  test.each(EVIDENCE_LANGUAGES)('%s has exactly the English keys, each with the same parameters and balanced markup', (language) => {
    const catalogue = CATALOGUES[language];
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(EN).sort());
    for (const [key, english] of Object.entries(EN)) {
      const message = catalogue[key as keyof typeof EN];
      expect([key, parametersOf(message)]).toEqual([key, parametersOf(english)]);
      expect([key, (message.match(/\*\*/g) ?? []).length % 2, (message.match(/`/g) ?? []).length % 2]).toEqual([key, 0, 0]);
      expect([key, message.trim().length > 0]).toEqual([key, true]);
    }
  });

  test.each(['sv', 'nb'] as const)('%s words every sentence itself: no message of four words or more is the English one', (language) => {
    const copied = Object.entries(EN)
      .filter(([, english]) => english.split(/\s+/).length >= 4)
      .filter(([key, english]) => CATALOGUES[language][key as keyof typeof EN] === english)
      .map(([key]) => key);
    expect(copied).toEqual([]);
  });

  test('the GDPR terms are those of the official Swedish text and the Norwegian EEA text', () => {
    const sv = Object.values(CATALOGUES.sv).join('\n');
    for (const term of ['personuppgiftsansvarig', 'personuppgiftsbiträde', 'tredjeland', 'konsekvensbedömning avseende dataskydd', 'dataskyddsombud'])
      expect([term, sv.includes(term)]).toEqual([term, true]);
    const nb = Object.values(CATALOGUES.nb).join('\n');
    for (const term of ['behandlingsansvarlig', 'databehandler', 'tredjestat', 'vurdering av personvernkonsekvenser', 'personvernombud'])
      expect([term, nb.includes(term)]).toEqual([term, true]);
  });

  test('no catalogue renders a classification as a security-classification level, and each says security-classified information is out of scope', () => {
    expect(Object.values(CATALOGUES.sv).join('\n')).not.toMatch(/\b(konfidentiell|hemlig|hemliga|hemligt|kvalificerat)\b/i);
    expect(Object.values(CATALOGUES.nb).join('\n')).not.toMatch(/\b(konfidensiel\w*|hemmelig\w*|begrenset)\b/i);
    expect(CATALOGUES.sv['classification.label']).toBe('`{classification}` (suverens dataklass, ej säkerhetsskyddsklassificerad)');
    expect(CATALOGUES.nb['classification.label']).toBe('`{classification}` (suverens dataklasse, ikke sikkerhetsgradert)');
    expect(EN['report.classifications']).toMatch(/out of scope for this platform/);
    expect(CATALOGUES.sv['report.classifications']).toMatch(/säkerhetsskyddsklassificerade .* ligger utanför plattformens tillämpningsområde/);
    expect(CATALOGUES.nb['report.classifications']).toMatch(/sikkerhetsgradert .* er utenfor plattformens virkeområde/);
  });

  test('a missing parameter is an error, not a hole in the report', () => {
    expect(() => translator('sv')('tenant.heading', { id: 'x' })).toThrow(/tenant\.heading \(sv\) needs parameter name/);
    expect(translator('nb')('tenant.heading', { id: 'lund-kommun', name: 'Lund' })).toBe('Kunde lund-kommun: Lund');
  });
});

describe('the control mapping', () => {
  const controlIds = CONTROLS.map((c) => c.id);

  test('covers every synth-time, region-guard and run-time rule and every control the report states, once', () => {
    const expected = [
      ...Object.values(SovereigntyRuleIds),
      ...Object.values(RegionGuardRuleIds),
      ...Object.values(RuntimeRuleIds),
      ...Object.values(ReportControlIds),
    ];
    expect([...controlIds].sort()).toEqual([...expected].sort());
  });

  test('every control has at least one entry whose source has an issuer, a version, a date and the day it was checked', () => {
    for (const control of CONTROLS) {
      const complete = control.mapping.filter((entry) => {
        const source = SOURCES[entry.source];
        const version = sourceVersion(source, 'en');
        return source.issuer.length > 0 && version.length > 0 && version !== '—' && ISO_DATE.test(source.date) && ISO_DATE.test(source.checkedOn);
      });
      expect([control.id, complete.length > 0]).toEqual([control.id, true]);
    }
  });

  test('every source is cited, has issuer, title and checked-on, and says what could not be verified', () => {
    const cited = new Set(CONTROLS.flatMap((c) => c.mapping.map((e) => e.source)));
    expect(SOURCE_IDS.filter((id) => !cited.has(id))).toEqual([]);
    for (const id of SOURCE_IDS) {
      const source = SOURCES[id];
      expect([id, source.id]).toEqual([id, id]);
      expect([id, source.issuer.length > 0, ISO_DATE.test(source.checkedOn), source.status !== 'unverified' || source.note !== undefined]).toEqual([
        id,
        true,
        true,
        true,
      ]);
    }
    // The sources the issue names, by what they are.
    const titles = SOURCE_IDS.map((id) => JSON.stringify(SOURCES[id].title) + SOURCES[id].version).join('\n');
    for (const named of [
      '2016/679',
      '01/2020',
      '05/2021',
      '2023/1795',
      'C-703/25 P',
      '2021/914',
      '10 kap. 2 a §',
      '2022/23:97',
      '2020:914',
      'eSam',
      '2025:1506',
      'MSBFS 2020:6',
      'MSBFS 2020:7',
      '2018:585',
      'IKT-sikkerhet',
      'Schrems II',
      'ut av EØS',
      'sikkerhetsloven',
      '18 U.S.C. § 2713',
      '50 U.S.C. § 1881a',
      'Executive Order 14086',
    ])
      expect([named, titles.includes(named) || SOURCE_IDS.some((id) => SOURCES[id].issuer.includes(named))]).toEqual([named, true]);
  });

  test('a source is verified only at an address that carries its identifier; guidance has none', () => {
    for (const id of SOURCE_IDS) {
      const { status, url, identifier } = SOURCES[id];
      if (status === 'verified')
        expect({ id, carries: url !== null && identifier !== null && urlCarriesIdentifier(url, identifier) }).toEqual({ id, carries: true });
      if (status === 'guidance') expect({ id, identifier }).toEqual({ id, identifier: null });
    }
    expect(SOURCES['dpf-decision-2023-1795']).toMatchObject({
      identifier: { scheme: 'celex', value: '32023D1795' },
      url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32023D1795',
    });
    // The check itself refuses the address the DPF row had, the appeal's notice, and a search page.
    expect(urlCarriesIdentifier('https://eur-lex.europa.eu/eli/C/2025/6610/oj/eng', { scheme: 'celex', value: '32023D1795' })).toBe(false);
    expect(urlCarriesIdentifier('https://rkrattsbaser.gov.se/sfst', { scheme: 'sfs', value: '2025:1506' })).toBe(false);
    expect(
      urlCarriesIdentifier('https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/cybersakerhetslag-20251506_sfs-2025-1506/', {
        scheme: 'sfs',
        value: '2025:1506',
      }),
    ).toBe(true);
    for (const id of ['no-nsm-grunnprinsipper-2-0', 'no-datatilsynet-overforing'] as const) expect(SOURCES[id].status).toBe('guidance');
  });

  test.each(EVIDENCE_LANGUAGES)('every mapping entry cites its provision in %s', (language) => {
    const t = translator(language);
    for (const control of CONTROLS) for (const entry of control.mapping) expect(citation(entry, language, t)).toMatch(/^\S.*, \S/);
    const gdpr = { source: 'gdpr' as const, provision: { article: 32, paragraph: 1, point: 'a' } };
    expect(citation(gdpr, language, t)).toMatch(
      { en: /^GDPR, Art\. 32\(1\)\(a\)$/, sv: /^dataskyddsförordningen, artikel 32\.1 a$/, nb: /^personvernforordningen, artikkel 32 nr\. 1 bokstav a$/ }[
        language
      ],
    );
  });
});

test.each(['sv', 'nb'] as const)('no repository path in the %s prose: a DPO reads guides by name, not file paths', (language) => {
  const paths = Object.entries(CATALOGUES[language]).flatMap(([key, message]) =>
    [...message.matchAll(/\b(?:docs|lib|config|scripts|test|bin|lambda|baselines)\/[\w./#-]+/g)].map((m) => `${key}: ${m[0]}`),
  );
  expect(paths).toEqual([]);
});

describe('ICU MessageFormat (FormatJS)', () => {
  /** The plural elements of a message, nested ones included. */
  const plurals = (elements: readonly MessageFormatElement[]): MessageFormatElement[] =>
    elements.flatMap((e) => [
      ...(e.type === TYPE.plural ? [e] : []),
      ...('options' in e ? Object.values(e.options).flatMap((o: { value: MessageFormatElement[] }) => plurals(o.value)) : []),
    ]);
  const kinds = (elements: readonly MessageFormatElement[]): number[] =>
    elements.flatMap((e) => [e.type, ...('options' in e ? Object.values(e.options).flatMap((o: { value: MessageFormatElement[] }) => kinds(o.value)) : [])]);

  test('this Node has full ICU: each report language has plural rules of its own', () => {
    for (const language of EVIDENCE_LANGUAGES) expect(new Intl.PluralRules(language).resolvedOptions().locale).toBe(language);
  });

  test('every message parses; one number form (plain {n}: no # and no {n, number}); no apostrophe quotes a placeholder', () => {
    for (const [language, catalogue] of Object.entries(CATALOGUES))
      for (const [key, message] of Object.entries(catalogue)) {
        const types = kinds(parse(message, { ignoreTag: true }));
        expect({ language, key, pound: types.includes(TYPE.pound), number: types.includes(TYPE.number), quoted: /'\{/.test(message) }).toEqual({
          language,
          key,
          pound: false,
          number: false,
          quoted: false,
        });
      }
  });

  test.each(EVIDENCE_LANGUAGES)('every pluralised message in %s has one and other branches and renders 0, 1 and 2 by its rules', (language) => {
    const t = translator(language);
    const pluralised = Object.entries(CATALOGUES[language]).filter(([, message]) => plurals(parse(message, { ignoreTag: true })).length > 0);
    expect(pluralised.length).toBeGreaterThanOrEqual(5);
    for (const [key, message] of pluralised) {
      for (const element of plurals(parse(message, { ignoreTag: true }))) {
        expect({ key, branches: Object.keys((element as { options: object }).options).sort() }).toEqual({ key, branches: ['one', 'other'] });
        const counted = (element as { value: string }).value;
        const params = Object.fromEntries(parametersOf(message).map((name) => [name, name === counted ? 0 : 'X']));
        const [zero, one, two] = [0, 1, 2].map((n) => t(key as never, { ...params, [counted]: n }));
        // The branch follows the count: 1 reads differently from 0 and 2 (which share "other" in en, sv and nb).
        expect({ key, oneDiffers: one.replace('1', 'N') !== two.replace('2', 'N'), zeroIsOther: zero.replace('0', 'N') === two.replace('2', 'N') }).toEqual({
          key,
          oneDiffers: true,
          zeroIsOther: true,
        });
      }
    }
  });

  test('plurals read right at 0, 1 and 2', () => {
    const at = (language: 'en' | 'sv' | 'nb', key: 'objectLock.days' | 'deploy.stageActions' | 'key.deletionDays', params: Record<string, string | number>) =>
      translator(language)(key, params);
    expect([0, 1, 2].map((count) => at('en', 'objectLock.days', { mode: 'COMPLIANCE', count }))).toEqual([
      'COMPLIANCE for 0 days',
      'COMPLIANCE for 1 day',
      'COMPLIANCE for 2 days',
    ]);
    expect([0, 1, 2].map((count) => at('sv', 'objectLock.days', { mode: 'COMPLIANCE', count }))).toEqual([
      'COMPLIANCE i 0 dagar',
      'COMPLIANCE i 1 dag',
      'COMPLIANCE i 2 dagar',
    ]);
    expect([0, 1, 2].map((count) => at('nb', 'deploy.stageActions', { name: 'Tenants', count }))).toEqual([
      'Tenants (0 utrullingshandlinger)',
      'Tenants (1 utrullingshandling)',
      'Tenants (2 utrullingshandlinger)',
    ]);
    // One number form: plain, so 2555 days read as the config writes them.
    expect(at('sv', 'key.deletionDays', { days: 2555 })).toBe('2555 dagar');
  });

  test("parameters are listed from the parser's tree, nested ones included", () => {
    expect(parametersOf('{a} ({n, plural, one {{n} x} other {{n} xs of {b}}})')).toEqual(['a', 'b', 'n']);
  });
});

describe('docs/evidence.md', () => {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'evidence.md'), 'utf8');

  test('explains the annex in English, Swedish and Norwegian, each with what the controller decides and records itself', () => {
    for (const heading of ['## English', '## Svenska', '## Norsk bokmål', '## Glossary · Ordlista · Ordliste']) expect(doc).toContain(heading);
    for (const decide of ['What you must decide and record yourself', 'Det ni själva måste avgöra och dokumentera', 'Det dere selv må avgjøre og dokumentere'])
      expect(doc).toContain(decide);
    expect(doc).toContain(`Each of ${CONTROLS.length} controls`);
    // The doc's count of sources confirmed on the issuer's publication follows the data.
    expect(SOURCE_IDS.filter((id) => SOURCES[id].status === 'verified')).toEqual(['scc-2021-914', 'se-cybersakerhetslag-2025-1506']);
    expect(doc).toContain('Two were confirmed so');
  });

  test('the glossary has the official GDPR terms in each language, one row per concept', () => {
    for (const row of [
      '| controller | personuppgiftsansvarig | behandlingsansvarlig |',
      '| processor | personuppgiftsbiträde | databehandler |',
      '| third country | tredjeland | tredjestat |',
      '| data protection impact assessment (DPIA) | konsekvensbedömning avseende dataskydd | vurdering av personvernkonsekvenser |',
      '| data protection officer (DPO) | dataskyddsombud | personvernombud |',
    ])
      expect(doc).toContain(row);
  });
});
