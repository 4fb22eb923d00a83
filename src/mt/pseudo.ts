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

function pseudoText(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const mapped = LETTERS[lower];
    out += mapped === undefined ? ch : lower === ch ? mapped : mapped.toUpperCase();
  }
  return out;
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
