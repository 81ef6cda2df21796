import { keepLocaleCollators } from '../../lib/authorization/kept-collators';

/*
 * The kept collators answer every comparison as `localeCompare` itself does (the
 * specification's `new Intl.Collator(locales, options)`, built per call), for the
 * sensitivities and locales the IAM engine uses and for ones it does not.
 */

const original = String.prototype.localeCompare;
const WORDS = ['IfExists', 'ifexists', 'IFEXISTS', 'ifExists ', 'ÍfExists', 'Ifexistß', 'a', 'A', 'á', 'ä', 'z', 'Å', 'aa', '', 'ﬀ', 'ff', 'résumé', 'resume'];

describe('keepLocaleCollators', () => {
  beforeAll(() => keepLocaleCollators());

  test('is installed once: a second call keeps the same function', () => {
    const installed = String.prototype.localeCompare;
    expect(installed).not.toBe(original);
    keepLocaleCollators();
    expect(String.prototype.localeCompare).toBe(installed);
  });

  test.each([undefined, 'en', 'sv', 'nb'])('locale %s: every sensitivity compares every pair as a collator made for the call does', (locale) => {
    for (const sensitivity of ['base', 'accent', 'case', 'variant'] as const) {
      const fresh = (a: string, b: string) => new Intl.Collator(locale, { sensitivity }).compare(a, b);
      for (const a of WORDS) for (const b of WORDS) expect([a, b, a.localeCompare(b, locale, { sensitivity })]).toEqual([a, b, fresh(a, b)]);
    }
  });

  test('other options and locale lists go to the original unchanged', () => {
    expect('item10'.localeCompare('item9', undefined, { numeric: true })).toBe(1);
    expect('item10'.localeCompare('item9', undefined, { sensitivity: 'base', numeric: false })).toBe(-1);
    expect('ä'.localeCompare('z', ['sv', 'en'], { sensitivity: 'base' })).toBe(1);
    expect('ä'.localeCompare('z', ['de'], { sensitivity: 'base' })).toBe(-1);
    expect('a'.localeCompare('B')).toBe(-1);
  });

  test('the values are converted as the specification converts them, and what it refuses throws', () => {
    const compare = String.prototype.localeCompare as (this: unknown, that: unknown, locales?: unknown, options?: unknown) => number;
    expect(compare.call(12, '12', undefined, { sensitivity: 'base' })).toBe(0);
    expect(compare.call('null', null, undefined, { sensitivity: 'accent' })).toBe(0);
    expect(() => compare.call(undefined, 'a', undefined, { sensitivity: 'base' })).toThrow(TypeError);
    expect(() => compare.call('a', Symbol('b'), undefined, { sensitivity: 'base' })).toThrow(TypeError);
    // Kept collators exist for the default locale and sensitivity "base" by now: these must still throw.
    expect('a'.localeCompare('b', undefined, { sensitivity: 'base' })).toBe(-1);
    expect(() => compare.call('a', 'b', '', { sensitivity: 'base' })).toThrow(RangeError);
    expect(() => compare.call('a', 'b', 'not a locale!', { sensitivity: 'base' })).toThrow(RangeError);
    expect(() => compare.call('a', 'b', undefined, { sensitivity: 'undefined' })).toThrow(RangeError);
  });

  test('options the constructor would read beyond an own sensitivity are honoured: inherited ones, getters', () => {
    const inherited = Object.assign(Object.create({ numeric: true }) as Intl.CollatorOptions, { sensitivity: 'base' as const });
    expect('item10'.localeCompare('item9', undefined, { sensitivity: 'base' })).toBe(-1);
    expect('item10'.localeCompare('item9', undefined, inherited)).toBe(1);
    expect('item10'.localeCompare('item9', undefined, { sensitivity: 'base' })).toBe(-1);
    let reads = 0;
    const getter = {
      get sensitivity() {
        reads++;
        return reads === 1 ? 'base' : 'variant';
      },
    } as Intl.CollatorOptions;
    // The original reads the getter once, as the constructor does; a kept collator would have read it twice.
    expect('a'.localeCompare('A', undefined, getter)).toBe(new Intl.Collator(undefined, { sensitivity: 'base' }).compare('a', 'A'));
    expect(reads).toBe(1);
    expect('a'.localeCompare('A', undefined, { sensitivity: 'base' })).toBe(0);
  });
});
