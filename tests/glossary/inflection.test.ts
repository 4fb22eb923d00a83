// Glossary terms are found through Ukrainian inflection and both spellings, on forms from real news text.
import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseGlossary, loadGlossaries } from '../../src/glossary/glossary.js';
import { findTerms, usesTargetTerm } from '../../src/glossary/match.js';
import { sameLexeme } from '../../src/glossary/inflection.js';
import { REPO_ROOT, SAMPLE_ARTICLE } from '../helpers/workspace.js';
import { BadInputError } from '../../src/errors.js';

const glossary = parseGlossary('Лукашенко\tLukashenko\nКеллог\tKellogg\nКіт Келлог\tKeith Kellogg\nПалац Незалежності\tPalace of Independence\nReuters\tReuters\n', 'uk-en.tsv', 'tsv', 'uk', 'en');
const found = (text: string): string[] => findTerms(text, glossary).map((m) => `${m.text}=${m.entry.target}`);

describe('glossary terms through inflection', () => {
  it('finds the sample article\'s inflected names, including the 2019 genitive -ости', async () => {
    const sample = await readFile(SAMPLE_ARTICLE, 'utf8');
    const all = findTerms(sample, glossary).map((m) => m.text);
    expect(all).toContain('Лукашенко');
    expect(all).toContain('Лукашенка');
    expect(all).toContain('Кітом Келлогом');
    expect(all).toContain('Келлога');
    expect(all).toContain('Палаці Незалежности');
    expect(all).toContain('Reuters');
  });

  it.each([
    ['зустрівся з Лукашенком', 'Лукашенком=Lukashenko'],
    ['передали Лукашенкові', 'Лукашенкові=Lukashenko'],
    ['у Палацу Незалежності', 'Палацу Незалежності=Palace of Independence'],
    ['перед Палацом Незалежности', 'Палацом Незалежности=Palace of Independence'],
    ['розмова з Келлогом', 'Келлогом=Kellogg'],
    ['довіра до Келлозі', 'Келлозі=Kellogg'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('prefers the longer term and does not match other words that share letters', () => {
    expect(found('Кіт Келлог приїхав')).toEqual(['Кіт Келлог=Keith Kellogg']);
    expect(found('Лукаш і палата')).toEqual([]);
    expect(sameLexeme('Палаці', 'Палац')).toBe(true);
    expect(sameLexeme('Палата', 'Палац')).toBe(false);
  });

  it('matches "do not translate" terms only as written', () => {
    expect(found('повідомив Reuters')).toEqual(['Reuters=Reuters']);
    expect(found('повідомив reuters')).toEqual([]);
  });

  it('checks the target term in a translation, allowing target-side endings', () => {
    expect(usesTargetTerm('He met Lukashenko in Minsk', 'Lukashenko')).toBe(true);
    expect(usesTargetTerm('Er traf Lukaschenkos Delegation', 'Lukaschenko')).toBe(true);
    expect(usesTargetTerm('He met the Belarusian leader', 'Lukashenko')).toBe(false);
  });
});

describe('glossary files', () => {
  it('reads the repository glossary as DeepL TSV with a content hash', async () => {
    const set = await loadGlossaries(path.join(REPO_ROOT, 'glossaries'));
    const en = set.forTarget('en-GB');
    expect(en?.entries.find((e) => e.source === 'Лукашенко')?.target).toBe('Lukashenko');
    expect(en?.hash).toMatch(/^[0-9a-f]{16}$/u);
    expect(set.forTarget('de')).toBeUndefined();
  });

  it('the hash changes with the entries and not with their order', () => {
    const a = parseGlossary('а\tA\nб\tB\n', 'x', 'tsv', 'uk', 'en');
    const b = parseGlossary('б\tB\nа\tA\n', 'x', 'tsv', 'uk', 'en');
    const c = parseGlossary('а\tA\nб\tBB\n', 'x', 'tsv', 'uk', 'en');
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });

  it('names the file and line of a bad entry', () => {
    expect(() => parseGlossary('а\tA\nб B\n', 'uk-en.tsv', 'tsv', 'uk', 'en')).toThrow(BadInputError);
    expect(() => parseGlossary('а\tA\nб B\n', 'uk-en.tsv', 'tsv', 'uk', 'en')).toThrow(/uk-en\.tsv:2/u);
    expect(() => parseGlossary('а\tA\nа\tB\n', 'uk-en.tsv', 'tsv', 'uk', 'en')).toThrow(/already defined on line 1/u);
    expect(parseGlossary('"Палац Незалежності","Palace of Independence"\n', 'uk-en.csv', 'csv', 'uk', 'en').entries[0]!.target).toBe('Palace of Independence');
  });
});
