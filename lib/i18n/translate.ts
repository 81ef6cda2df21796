import { EN, type MessageKey } from './catalogue-en';
import { NB } from './catalogue-nb';
import { SV } from './catalogue-sv';
import type { EvidenceLanguage } from '../contracts/evidence-languages';

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

const PARAMETER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The parameter names a message uses, for the catalogue tests. */
export function parametersOf(message: string): string[] {
  return [...new Set([...message.matchAll(PARAMETER)].map((m) => m[1]))].sort();
}

export type Translate = (id: MessageKey, params?: MessageParams) => string;

/**
 * The sentence of `id` in `language`, its parameters filled in. A missing key or
 * parameter throws rather than render a hole: a report with a missing string is a bug.
 */
export function translator(language: EvidenceLanguage): Translate {
  const catalogue = CATALOGUES[language];
  return (id, params = {}) => {
    const message = catalogue[id] ?? added[language][id];
    if (message === undefined) throw new Error(`evidence catalogue ${language} has no message ${id}`);
    return message.replace(PARAMETER, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`evidence message ${id} (${language}) needs parameter ${name}`);
      return String(value);
    });
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
