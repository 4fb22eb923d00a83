// Pseudo-localization: a deterministic, clearly marked fake translation for dry runs and layout
// checks (longer text, Latin letters with diacritics, brackets to spot truncation).
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from './engine.js';
import type { Content } from '../model.js';

const LETTERS: Record<string, string> = {
  а: 'á', б: 'ƀ', в: 'ṽ', г: 'ĥ', ґ: 'ǵ', д: 'ď', е: 'é', є: 'ë', ж: 'ž', з: 'ẑ', и: 'ý', і: 'í', ї: 'ï',
  й: 'ĵ', к: 'ķ', л: 'ľ', м: 'ṁ', н: 'ñ', о: 'ö', п: 'ṗ', р: 'ŕ', с: 'š', т: 'ť', у: 'ú', ф: 'ƒ',
  х: 'ħ', ц: 'ç', ч: 'č', ш: 'ŝ', щ: 'ŝç', ь: 'ʼ', ю: 'ǘ', я: 'ǻ', ы: 'ÿ', э: 'ê', ъ: 'ʼ', ё: 'ö',
  a: 'å', e: 'ê', i: 'î', o: 'ô', u: 'û', c: 'ç', n: 'ñ', s: 'š', y: 'ý', z: 'ž',
};

function pseudoChar(ch: string): string {
  const lower = ch.toLowerCase();
  const mapped = LETTERS[lower];
  return mapped === undefined ? ch : lower === ch ? mapped : mapped.toUpperCase();
}

// What each UTF-16 unit becomes, filled as units are met: the same answer as `pseudoChar`, without
// lower-casing every character of every sentence again. A character outside the BMP (a surrogate
// pair) has no entry in LETTERS, lower-cased or not, and stays as it is, as do lone surrogates.
const PSEUDO_UNIT = new Map<number, string>();

function pseudoText(text: string): string {
  // Pieces joined once: a flat string, where `+=` over every letter would build a deep rope that
  // each later scan of the answer (XML check, QA, escaping) would have to flatten first.
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    let mapped = PSEUDO_UNIT.get(unit);
    if (mapped === undefined) {
      mapped = pseudoChar(text[i]!);
      PSEUDO_UNIT.set(unit, mapped);
    }
    if (mapped.length === 1 && mapped.charCodeAt(0) === unit) continue;
    if (i > from) parts.push(text.slice(from, i));
    parts.push(mapped);
    from = i + 1;
  }
  if (from === 0) return text;
  if (from < text.length) parts.push(text.slice(from));
  return parts.join('');
}

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export class PseudoEngine implements Engine {
  readonly name = 'pseudo';
  readonly paid = false;
  readonly pseudo = true;

  async translate(segments: EngineSegment[], _source: string, _target: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    const results = segments.map((segment): EngineResult => {
      const content: Content = segment.content.map((f) => (typeof f === 'string' ? pseudoText(f) : f));
      // ~30% longer, as many target languages are, so layouts that cannot stretch show it.
      const letters = segment.content.reduce((n, f) => n + (typeof f === 'string' ? f.length : 0), 0);
      const padding = '·'.repeat(Math.ceil(letters * 0.3));
      return { content: [PSEUDO_OPEN, ...content, padding + PSEUDO_CLOSE] };
    });
    await options.onBatch?.(results.map((result, index) => ({ index, result })));
    return results;
  }
}
