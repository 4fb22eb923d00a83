// The quality checks on hand-made translations: each check finds its problem and stays quiet on
// a good translation of the same sentence.
import { describe, it, expect } from 'vitest';
import type { Content, TranslatedArticle } from '../../src/model.js';
import { allSegments } from '../../src/model.js';
import { parseArticle } from '../../src/source/parse.js';
import { qaFindings, withQaFlags } from '../../src/qa/run.js';
import { checkCodes } from '../../src/qa/codes.js';
import { isQaFlag } from '../../src/qa/findings.js';

/** One-sentence article translated as given (strings; `{code}` for the source's inline codes by number). */
function translated(source: string, target: Content | undefined, targetLang = 'en-GB', engine?: string): TranslatedArticle {
  const article = parseArticle(source, 'a', 'a.txt');
  const segment = [...allSegments(article)][0]!;
  const targets = new Map();
  if (target) targets.set(segment.id, { segmentId: segment.id, state: 'translated', content: target, flags: [], ...(engine ? { provenance: { origin: 'mt', engine } } : {}) });
  return { article, targetLang, written: '', targets };
}

const checks = (doc: TranslatedArticle, glossary = [] as Array<{ source: string; target: string }>): string[] =>
  [...new Set(qaFindings(doc, { glossary }).map((f) => `${f.check}:${f.severity}`))].sort();

describe('quality checks', () => {
  const good = translated('Зустріч відбулася 21 червня 2025 року в Мінську (Білорусь).', ['The meeting took place on 21 June 2025 in Minsk (Belarus).']);

  it('a good translation has no findings', () => {
    expect(checks(good)).toEqual([]);
  });

  it('protected spans: missing or doubled codes are errors, a link typed as text a warning', () => {
    const source = 'Деталі: https://example.org/a та @handle.';
    expect(checks(translated(source, ['Details: ', { code: '1' }, ' and ', { code: '2' }, '.']))).toEqual([]);
    expect(checks(translated(source, ['Details: ', { code: '1' }, ' and handle.']))).toContain('codes:error');
    expect(checks(translated(source, ['Details: ', { code: '1' }, { code: '1' }, ' and ', { code: '2' }, '.']))).toContain('codes:error');
    expect(checks(translated(source, ['Details: ', { code: '1' }, ' and ', { code: '2' }, ' https://evil.example/x.']))).toContain('urls:warning');
  });

  it('numbers and dates', () => {
    expect(checks(translated('Зустріч відбулася 21 червня 2025 року.', ['The meeting took place on 21 June 2024.']))).toContain('numbers:error');
    expect(checks(translated('Зустріч відбулася 21 червня 2025 року.', ['The meeting took place on 21 July 2025.']))).toContain('dates:error');
    // Separators and small numbers written as words are fine.
    expect(checks(translated('Бюджет 1 500 000 гривень на 2 роки.', ['A budget of 1,500,000 hryvnias for two years.']))).toEqual([]);
  });

  it('punctuation: final punctuation, brackets, quotes, whitespace, capitals', () => {
    expect(checks(translated('Чому ви приїхали?', ['Why did you come.']))).toContain('endpunc:warning');
    expect(checks(translated('Він (посадовець) приїхав.', ['He (the official came.']))).toContain('brackets:warning');
    expect(checks(translated('Він сказав «так».', ['He said "yes.']))).toContain('quotes:error');
    expect(checks(translated('Він сказав «так».', ['He said  "yes".']))).toContain('whitespace:warning');
    expect(checks(translated('Він приїхав.', ['he came.']))).toContain('startcaps:warning');
    expect(checks(translated('Він сказав: "Ми готові обговорювати це.', ['He said: "We are ready to discuss it.']))).toEqual([]);
  });

  it('unchanged, untranslated, length, script and language', () => {
    expect(checks(translated('Келлог приїхав до Мінська.', ['Келлог приїхав до Мінська.']))).toEqual(['script:error', 'unchanged:error']);
    expect(checks(translated('Келлог приїхав до Мінська.', undefined))).toEqual(['untranslated:warning']);
    expect(checks(translated('Келлог став найвищим посадовцем США, який відвідав авторитарну державу за останні роки.', ['Kellogg came.']))).toContain('length:warning');
    expect(checks(translated('Келлог приїхав до Мінська.', ['Kellogg came to Мінськ.']))).toEqual(['script:warning']);
    expect(checks(translated('Келлог став найвищим посадовцем США, який відвідав авторитарну державу за останні роки.',
      ['Kellogg wurde der höchste Beamte der USA, der in den letzten Jahren den autoritären Staat besucht hat und nicht mit dem Präsidenten.']))).toContain('language:error');
    // The same German is right for a German target.
    expect(checks(translated('Келлог приїхав до Мінська.', ['Kellogg ist nach Minsk gekommen.'], 'de'))).toEqual([]);
  });

  it('glossary terms in any inflected form must be translated as the glossary says', () => {
    const glossary = [{ source: 'Палац Незалежності', target: 'Palace of Independence' }];
    const doc = (t: string) => translated('Зустріч відбулася у Палаці Незалежності в Мінську.', [t]);
    expect(checks(doc('The meeting took place at the Independence Palace in Minsk.'), glossary)).toEqual(['glossary:warning']);
    expect(checks(doc('The meeting took place at the Palace of Independence in Minsk.'), glossary)).toEqual([]);
  });

  it('pseudo-translations are checked for protected spans only', () => {
    expect(checks(translated('Він приїхав.', ['⟦Ṽíñ ṗŕïïħáṽ.···⟧'], 'en-GB', 'pseudo'))).toEqual([]);
  });

  it('findings become flags that a later run replaces, keeping other flags', () => {
    const doc = translated('Зустріч відбулася 21 червня 2025 року.', ['The meeting took place on 21 June 2024.']);
    const target = doc.targets.get('p1-1')!;
    target.flags.push('the engine returned an inline code (9) that the source does not have; it was removed', 'QA warning (length): stale');
    const flags = withQaFlags(doc, qaFindings(doc)).get('p1-1')!.flags;
    expect(flags.filter((f) => !isQaFlag(f))).toEqual(['the engine returned an inline code (9) that the source does not have; it was removed']);
    expect(flags.filter(isQaFlag).join('\n')).toMatch(/^QA error \(numbers\): .*2025/mu);
    expect(flags).not.toContain('QA warning (length): stale');
  });

  it('checkCodes (the MT step) drops invented codes and flags lost ones as QA flags', () => {
    const r = checkCodes(['a', { code: '9' }], [{ id: '1', kind: 'url', text: 'https://x.org' }]);
    expect(r.content).toEqual(['a']);
    expect(r.flags.some(isQaFlag)).toBe(true);
    expect(r.flags.some((f) => !isQaFlag(f))).toBe(true);
  });
});
