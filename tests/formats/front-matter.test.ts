// YAML front matter fields as units: a quoted value's own escapes travel as codes, so the value
// a translation writes back is what YAML reads, whatever quotes the translator typed.
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { readArticle } from '../../src/formats/registry.js';
import { assembleArticle } from '../../src/assemble/assemble.js';
import type { Content, TranslatedArticle } from '../../src/model.js';

const SOURCE = "---\ntitle: 'Пес''ик'\ndescription: \"Лапки \\\"так\\\" тут\"\nsummary: Просто текст\n---\n\nТекст.\n";

function frontMatter(text: string): Record<string, unknown> {
  return parse(text.split('---\n')[1]!) as Record<string, unknown>;
}

describe('front matter', () => {
  const article = readArticle(SOURCE, 'a', 'a.md');
  const fields = article.blocks.filter((b) => b.kind === 'attribute').map((b) => b.segments[0]!);

  it('shows a quoted value without its quoting: escapes are codes', () => {
    expect(fields.map((s) => s.content.filter((f) => typeof f === 'string').join(''))).toEqual(['Песик', 'Лапки так тут', 'Просто текст']);
    expect(fields.map((s) => s.codes.map((c) => c.text))).toEqual([["''"], ['\\"', '\\"'], []]);
  });

  it('writes back values YAML reads as the translation says, codes kept or quotes typed', () => {
    const translate = (targets: Content[]): Record<string, unknown> => {
      const doc: TranslatedArticle = {
        article, targetLang: 'en-GB', written: '2026-12-03T00:00:00Z',
        targets: new Map(fields.map((s, i) => [s.id, { segmentId: s.id, state: 'translated', content: targets[i]!, provenance: { origin: 'human' }, flags: [] }])),
      };
      return frontMatter(assembleArticle(doc).text);
    };
    const [t, d] = fields.map((s) => s.codes.map((c) => ({ code: c.id })));
    expect(translate([['Dog', t![0]!, 's'], ['Quotes ', d![0]!, 'so', d![1]!, ' here'], ['Just "text": it\'s #1']])).toEqual({ title: "Dog's", description: 'Quotes "so" here', summary: 'Just "text": it\'s #1' });
    expect(translate([["Dog's"], ['Say "so" \\ here'], ['Plain']])).toEqual({ title: "Dog's", description: 'Say "so" \\ here', summary: 'Plain' });
    // Untranslated, the source comes back byte for byte.
    expect(assembleArticle({ article, targetLang: 'en-GB', written: '2026-12-03T00:00:00Z', targets: new Map() }).text).toBe(SOURCE);
  });
});
