import { EN } from '../../lib/i18n/catalogue-en';
import { type Text, english } from '../../lib/i18n/translate';

/** The report with every sentence (a `Text` in the JSON) worded in English, as report.md words it. */
export type Worded<T> = T extends Text
  ? string
  : T extends readonly (infer U)[]
    ? readonly Worded<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Worded<T[K]> }
      : T;
export function worded<T>(value: T): Worded<T> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (typeof (v as { id?: unknown }).id === 'string' && (v as { id: string }).id in EN && keys.every((k) => k === 'id' || k === 'params'))
        return english(v as Text);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as Worded<T>;
}
