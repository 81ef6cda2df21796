import { type MessageFormatElement, TYPE, parse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { EN, type MessageKey } from './catalogue-en';
import { NB } from './catalogue-nb';
import { SV } from './catalogue-sv';
import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';

/** A message catalogue: every key of the English one, each a sentence with `{name}` parameters. */
export type Catalogue = Readonly<Record<MessageKey, string>>;

export const CATALOGUES: Readonly<Record<EvidenceLanguage, Catalogue>> = { en: EN, sv: SV, nb: NB };

/** Sentences added at run time by extensions (a registered tier's evidence sentences), per language. */
const added: Record<EvidenceLanguage, Record<string, string>> = { en: {}, sv: {}, nb: {} };

/** Adds sentences to a language's catalogue; a key the catalogue already has is refused, so an extension never rewords suveren's. */
export function addMessages(language: EvidenceLanguage, messages: Readonly<Record<string, string>>): void {
  for (const [key, message] of Object.entries(messages)) {
    if (key in CATALOGUES[language] || key in added[language]) throw new Error(`evidence catalogue ${language} already has a message ${key}`);
    added[language][key] = message;
  }
}

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * A sentence of the report, as the JSON holds it: the catalogue key and its parameters,
 * so the JSON stays language-neutral and every renderer words it in its own language.
 */
export interface Text {
  readonly id: MessageKey;
  readonly params?: MessageParams;
}

export const text = (id: MessageKey, params?: MessageParams): Text => (params ? { id, params } : { id });

/** A sentence by a key the compiler cannot check against the catalogue (a tier module's); rendering throws if no catalogue has it. */
export const textOfKey = (key: string, params?: MessageParams): Text => text(key as MessageKey, params);

/** The element types of @formatjs/icu-messageformat-parser that name a parameter. */
const NAMED = new Set([TYPE.argument, TYPE.number, TYPE.date, TYPE.time, TYPE.select, TYPE.plural, TYPE.tag]);

function parameterNames(elements: readonly MessageFormatElement[], into: Set<string>): Set<string> {
  for (const element of elements) {
    if (NAMED.has(element.type) && 'value' in element && typeof element.value === 'string') into.add(element.value);
    if ('options' in element) for (const option of Object.values(element.options)) parameterNames(option.value, into);
    if ('children' in element) parameterNames(element.children, into);
  }
  return into;
}

/** The parameter names a message uses, nested ones (in plural and select branches) included: from the ICU parser's tree. */
export function parametersOf(message: string): string[] {
  return [...parameterNames(parse(message, { ignoreTag: true }), new Set())].sort();
}

export type Translate = (id: MessageKey, params?: MessageParams) => string;

/** The locale each report language's plural rules and formats follow. */
const LOCALES: Readonly<Record<EvidenceLanguage, string>> = { en: 'en', sv: 'sv', nb: 'nb' };

/**
 * The sentence of `id` in `language`, its parameters filled in by ICU MessageFormat
 * (FormatJS), plural branches chosen by the language's plural rules. A missing key or
 * parameter throws rather than render a hole: a report with a missing string is a bug.
 */
export function translator(language: EvidenceLanguage): Translate {
  const catalogue = CATALOGUES[language];
  const compiled = new Map<string, { format: IntlMessageFormat; parameters: readonly string[] }>();
  return (id, params = {}) => {
    let entry = compiled.get(id);
    if (!entry) {
      const message = catalogue[id] ?? added[language][id];
      if (message === undefined) throw new Error(`evidence catalogue ${language} has no message ${id}`);
      entry = { format: new IntlMessageFormat(message, LOCALES[language], undefined, { ignoreTag: true }), parameters: parametersOf(message) };
      compiled.set(id, entry);
    }
    for (const name of entry.parameters) {
      if (params[name] === undefined) throw new Error(`evidence message ${id} (${language}) needs parameter ${name}`);
    }
    return String(entry.format.format(params));
  };
}

/** Renders a `Text` of the report model. */
export function say(t: Translate, value: Text): string {
  return t(value.id, value.params);
}

/** The English wording of a `Text`: for the plan report and for messages on the command line, which are in English. */
export function english(value: Text): string {
  return say(translator('en'), value);
}
