// Finding glossary terms in Ukrainian source text through inflection, and checking that a
// translation used the glossary's target term — pereklad's own enforcement for engines that have
// no glossary of their own (and a check on those that do).
import type { Glossary, GlossaryEntry } from './glossary.js';
import { sameLexeme } from './inflection.js';

export interface TermMatch {
  entry: GlossaryEntry;
  /** The words as they stand in the text (Лукашенка). */
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}'’ʼ-]+/gu;

function words(text: string): Array<{ word: string; start: number; end: number }> {
  return [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Terms found in the text, longest first where they overlap (Кіт Келлог before Келлог). */
export function findTerms(text: string, glossary: Glossary): TermMatch[] {
  const tokens = words(text);
  const entries = glossary.entries
    .map((entry) => ({ entry, parts: words(entry.source).map((w) => w.word) }))
    .filter((e) => e.parts.length > 0)
    .sort((a, b) => b.parts.length - a.parts.length);
  const taken = new Array<boolean>(tokens.length).fill(false);
  const found: TermMatch[] = [];
  for (const { entry, parts } of entries) {
    for (let i = 0; i + parts.length <= tokens.length; i++) {
      let ok = true;
      for (let k = 0; k < parts.length && ok; k++) {
        ok = !taken[i + k] && (entry.doNotTranslate ? tokens[i + k]!.word === parts[k] : sameLexeme(tokens[i + k]!.word, parts[k]!));
      }
      if (!ok) continue;
      for (let k = 0; k < parts.length; k++) taken[i + k] = true;
      const start = tokens[i]!.start;
      const end = tokens[i + parts.length - 1]!.end;
      found.push({ entry, text: text.slice(start, end), start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Whether a translation uses the target term. Target languages inflect too (de, pl, ru), so each
 *  word of the term must start a word of the translation, allowing a short ending. */
export function usesTargetTerm(translation: string, target: string): boolean {
  const have = words(translation).map((w) => w.word.toLowerCase());
  return words(target).every(({ word }) => {
    const want = word.toLowerCase();
    const stem = want.length > 5 ? want.slice(0, want.length - 2) : want;
    return have.some((w) => w === want || (w.startsWith(stem) && w.length - want.length <= 3));
  });
}
