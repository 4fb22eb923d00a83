// The resource logic piece by piece: what i18next interprets becomes an inline code, plural
// groups follow CLDR per target, the QA checks find what would break a site, bad files are named.
import { describe, it, expect } from 'vitest';
import type { Content, TranslatedArticle } from '../../src/model.js';
import { DEFAULT_SYNTAX, nestedKey, valueContent } from '../../src/formats/i18next/syntax.js';
import { sourceCategoryFor, targetCategories } from '../../src/formats/i18next/plurals.js';
import { parseResource, sourceStrings } from '../../src/formats/i18next/resource.js';
import { namespaceArticle, targetResourceJson } from '../../src/formats/i18next/article.js';
import { qaFindings } from '../../src/qa/run.js';

const codesOf = (value: string, syntax = DEFAULT_SYNTAX): string[] => valueContent(value, syntax).codes.map((c) => `${c.kind}:${c.text}`);

describe('inline codes: everything i18next interprets', () => {
  it('interpolation with format and unescape, nesting with options, Trans and HTML tags, entities', () => {
    expect(codesOf('{{count, number}} з {{- total}}, {{name}}')).toEqual(['placeholder:{{count, number}}', 'placeholder:{{- total}}', 'placeholder:{{name}}']);
    // The interpolation inside nesting options belongs to the one nesting code.
    expect(codesOf('Разом: $t(comments.count, {"count": {{count}} }).')).toEqual(['nesting:$t(comments.count, {"count": {{count}} })']);
    expect(codesOf('$t(common:nav.home) і $t(title, upper)')).toEqual(['nesting:$t(common:nav.home)', 'nesting:$t(title, upper)']);
    expect(codesOf('Прочитайте <1>правила</1>.<br/><a href="https://x.ua/?a=1&b=2" title="a > b">тут</a>&nbsp;&#8212;')).toEqual([
      'markup:<1>', 'markup:</1>', 'markup:<br/>', 'markup:<a href="https://x.ua/?a=1&b=2" title="a > b">', 'markup:</a>', 'markup:&nbsp;', 'markup:&#8212;',
    ]);
    // The pipeline's own protected spans still apply between them.
    expect(codesOf('Пишіть на news@example.ua або @handle')).toEqual(['email:news@example.ua', 'handle:@handle']);
    // A `<` in prose is no tag.
    expect(codesOf('ціна < 5 грн')).toEqual([]);
  });

  it('the halves of a Trans or HTML element are one paired code; a lone half stays standalone', () => {
    const { codes } = valueContent('<0>Читати <1>далі</1></0><br/> і </b>');
    expect(codes.map((c) => [c.text, c.role, c.pair])).toEqual([
      ['<0>', 'open', '4'], ['<1>', 'open', '3'], ['</1>', 'close', '2'], ['</0>', 'close', '1'], ['<br/>', undefined, undefined], ['</b>', undefined, undefined],
    ]);
  });

  it('a site with its own delimiters', () => {
    const syntax = { ...DEFAULT_SYNTAX, prefix: '__', suffix: '__', nestingPrefix: '$nest(' };
    expect(codesOf('Привіт, __name__! $nest(a.b) {{not}}', syntax)).toEqual(['placeholder:__name__', 'nesting:$nest(a.b)']);
  });

  it('the key a nesting code names', () => {
    expect(nestedKey('$t(comments.count, {"count": {{count}} })')).toEqual({ key: 'comments.count' });
    expect(nestedKey('$t(common:nav.home)')).toEqual({ namespace: 'common', key: 'nav.home' });
    expect(nestedKey('$t(title, upper)')).toEqual({ key: 'title' });
  });
});

describe('plural groups by CLDR', () => {
  it('exactly the target language\'s categories, plus the zero form i18next uses for 0 when the source has one', () => {
    expect(targetCategories(['one', 'few', 'many', 'other'], 'en-GB', false)).toEqual(['one', 'other']);
    expect(targetCategories(['one', 'few', 'many', 'other'], 'pl', false)).toEqual(['one', 'few', 'many', 'other']);
    expect(targetCategories(['one', 'few', 'many', 'other'], 'ja', false)).toEqual(['other']);
    expect(targetCategories(['zero', 'one', 'few', 'many', 'other'], 'de', false)).toEqual(['zero', 'one', 'other']);
    expect(targetCategories(['few', 'other'], 'en-GB', true)).toEqual(['one', 'two', 'few', 'other']);
  });

  it('each from the Ukrainian category its numbers take: the same one where the rules agree, the closest where they do not', () => {
    const uk = ['one', 'few', 'many', 'other'] as const;
    expect(sourceCategoryFor('one', uk, 'uk', 'en-GB', false)).toBe('one');
    for (const c of uk) expect(sourceCategoryFor(c, uk, 'uk', 'pl', false)).toBe(c);
    for (const c of uk) expect(sourceCategoryFor(c, uk, 'uk', 'ru', false)).toBe(c);
    // English other (0, 2, 5, 11, 1.5 …) is mostly Ukrainian many; Ukrainian other is only fractions.
    expect(sourceCategoryFor('other', uk, 'uk', 'en-GB', false)).toBe('many');
    expect(sourceCategoryFor('other', uk, 'uk', 'ja', false)).toBe('many');
    expect(sourceCategoryFor('few', ['few', 'other'], 'uk', 'en-GB', true)).toBe('few');
    expect(sourceCategoryFor('one', ['few', 'other'], 'uk', 'en-GB', true)).toBe('other');
    // Arabic: zero (0) and many (11–99) are "many" numbers in Ukrainian, two (2) a "few" one.
    expect(sourceCategoryFor('zero', uk, 'uk', 'ar', false)).toBe('many');
    expect(sourceCategoryFor('two', uk, 'uk', 'ar', false)).toBe('few');
    expect(sourceCategoryFor('many', uk, 'uk', 'ar', false)).toBe('many');
    // A source group with only one and other: everything else from other.
    expect(sourceCategoryFor('few', ['one', 'other'], 'uk', 'pl', false)).toBe('other');
  });
});

describe('reading resource files', () => {
  it('names file and line of broken JSON and of a key defined twice', () => {
    expect(() => parseResource('{\n  "a": "Так",\n  "b": \n}', 'ns', 'locales/uk/ns.json')).toThrow(/^locales\/uk\/ns\.json:4: is not valid JSON \(ValueExpected\)$/u);
    expect(() => parseResource('[1]', 'ns', 'x.json')).toThrow(/one JSON object/u);
    const flatAndNested = parseResource('{\n  "a": { "b": "Так" },\n  "a.b": "Ні"\n}', 'ns', 'x.json');
    expect(() => sourceStrings(flatAndNested)).toThrow('x.json:3: key "a.b" is defined twice (also on line 2)');
  });

  it('keeps what is not text; keeps a key order JSON.parse would change; edge whitespace stays with the value', () => {
    const r = parseResource('{"b": "Бе ", "2": " Два", "1": 1, "t": true, "e": "", "arr": ["пн"], "n": null, "only": "{{count}}%"}', 'ns', 'x.json');
    expect(sourceStrings(r).map((s) => s.key)).toEqual(['b', '2']);
    const doc = namespaceArticle(r, 'en-GB');
    expect(doc.blocks.map((b) => [b.before, b.segments[0]!.text, b.segments[0]!.after])).toEqual([['', 'Бе', ' '], [' ', 'Два', '']]);
    const json = targetResourceJson(r, 'en-GB', new Map([['b', 'Be '], ['2', ' Two']]));
    expect(json).toBe('{\n  "b": "Be ",\n  "2": " Two",\n  "1": 1,\n  "t": true,\n  "e": "",\n  "arr": [\n    "пн"\n  ],\n  "n": null,\n  "only": "{{count}}%"\n}');
  });

  it('a string without a translation is left out of the target, for i18next to fall back', () => {
    const r = parseResource('{"nav": {"a": "Так", "b": "Ні"}, "c": {"d": "Може"}}\n', 'ns', 'x.json');
    expect(JSON.parse(targetResourceJson(r, 'pl', new Map([['nav.b', 'Nie']])))).toEqual({ nav: { b: 'Nie' } });
  });
});

function translated(json: string, lang: string, targets: Record<string, Content>): TranslatedArticle {
  const article = namespaceArticle(parseResource(json, 'ns', 'locales/uk/ns.json'), lang);
  return {
    article, targetLang: lang, written: '',
    targets: new Map(Object.entries(targets).map(([id, content]) => [id, { segmentId: id, state: 'translated', content, provenance: { origin: 'human' }, flags: [] }])),
  };
}

describe('QA for resources', () => {
  const ns = '{"n": {"count_one": "{{count}} новина", "count_few": "{{count}} новини", "count_many": "{{count}} новин", "count_other": "{{count}} новини"}, "all": "Усі: $t(n.count, {\\"count\\": 3}) і $t(missing)", "link": "<0>Читати</0> далі"}';

  it('a plural group started but incomplete for the target is an error; a group nobody started is only untranslated', () => {
    const doc = translated(ns, 'pl', { 'n.count_one': [{ code: '1' }, ' wiadomość'], 'n.count_few': [{ code: '1' }, ' wiadomości'] });
    const plural = qaFindings(doc).filter((f) => f.check === 'plurals');
    expect(plural).toEqual([{ segmentId: 'n.count_many', check: 'plurals', severity: 'error', message: 'plural group "n.count" is incomplete for pl: many, other not translated (it needs one, few, many, other)' }]);
    expect(qaFindings(translated(ns, 'pl', {})).filter((f) => f.check === 'plurals')).toEqual([]);
  });

  it('a plural group that lacks a category the target needs (an XLIFF made for another language) is an error', () => {
    const doc = translated(ns, 'en-GB', {});
    const forPolish = { ...doc, targetLang: 'pl' };
    expect(qaFindings(forPolish).filter((f) => f.check === 'plurals').map((f) => f.message)).toEqual(['plural group "n.count" has no few, many form: pl needs one, few, many, other']);
  });

  it('nesting must name a key the namespace has; a code lost or doubled is an error; tags must still open before they close', () => {
    const doc = translated(ns, 'en-GB', {
      all: ['All: ', { code: '1' }, ' and ', { code: '2' }],
      link: [{ code: '2' }, 'Read', { code: '1' }, ' more'],
    });
    const found = qaFindings(doc).filter((f) => f.severity === 'error');
    expect(found).toContainEqual({ segmentId: 'all', check: 'nesting', severity: 'error', message: '$t(missing) nests "missing", which namespace ns has no string for' });
    expect(found).toContainEqual({ segmentId: 'link', check: 'markup', severity: 'error', message: 'the <0> tag is closed before it is opened in the translation' });
    const lost = qaFindings(translated(ns, 'en-GB', { link: ['Read more'] })).filter((f) => f.check === 'codes');
    expect(lost.map((f) => f.message)).toEqual(['protected markup "<0>" is missing from the translation', 'protected markup "</0>" is missing from the translation']);
  });
});
