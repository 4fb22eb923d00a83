// Markdown syntax inside text as codes: a quoted front-matter value's own escapes, and backslash
// escapes and entities in running text, so that what a translation writes back reads as the
// translation says, whatever characters the translator typed.
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { readArticle } from '../../src/formats/registry.js';
import { assembleArticle } from '../../src/assemble/assemble.js';
import type { Content, TranslatedArticle } from '../../src/model.js';

const SOURCE = "---\ntitle: 'Пес''ик'\ndescription: \"Лапки \\\"так\\\" тут\"\nsummary: Просто текст\n---\n\nТекст.\n";

/** A Markdown node's text as a reader sees it. */
const textOf = (node: unknown): string => {
  const n = node as { value?: string; children?: unknown[] };
  return typeof n.value === 'string' ? n.value : (n.children ?? []).map(textOf).join('');
};

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

describe('Markdown escapes and entities in running text', () => {
  const source = 'Слово&nbsp;з сутністю &copy; та \\* зірочкою.\n\n| Місто | Округ |\n|---|---|\n| Вашингтон \\| округ | Колумбія |\n';
  const article = readArticle(source, 'a', 'a.md');
  const [sentence] = article.blocks[0]!.segments;
  const cell = article.blocks.find((b) => b.kind === 'table-cell' && b.segments[0]!.text.startsWith('Вашингтон'))!.segments[0]!;

  it('are codes: a translator sees the text without `&nbsp;` or a backslash', () => {
    expect(sentence!.content.filter((f) => typeof f === 'string').join('')).toBe('Словоз сутністю  та  зірочкою.');
    expect(sentence!.codes.map((c) => c.text)).toEqual(['&nbsp;', '&copy;', '\\*']);
    expect(cell.codes.map((c) => c.text)).toEqual(['\\|']);
  });

  it('a translation keeping them, with characters of its own, renders as it reads', () => {
    const c = sentence!.codes.map((code) => ({ code: code.id }));
    const doc: TranslatedArticle = {
      article, targetLang: 'en-GB', written: '2026-12-03T00:00:00Z',
      targets: new Map([
        [sentence!.id, { segmentId: sentence!.id, state: 'translated', content: ['Word', c[0]!, 'with entity ', c[1]!, ' and ', c[2]!, ' star, a typed * & | too.'], provenance: { origin: 'human' }, flags: [] }],
        [cell.id, { segmentId: cell.id, state: 'translated', content: ['Washington ', { code: cell.codes[0]!.id }, ' district'], provenance: { origin: 'human' }, flags: [] }],
      ]),
    };
    const text = assembleArticle(doc).text;
    const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    expect(textOf(tree.children[0])).toBe('Word\u00a0with entity © and * star, a typed * & | too.');
    expect(textOf(tree.children[1])).toContain('Washington | district');
  });
});

describe('block scalars in front matter', () => {
  const source = '---\ntitle: Тест\ndescription: >-\n  Перший рядок опису,\n  другий рядок.\n\n  Новий абзац.\nsummary: |\n  Літерал один.\n  Літерал два.\n---\n\nТекст.\n';
  const article = readArticle(source, 'a', 'a.md');
  const fields = article.blocks.filter((b) => b.kind === 'attribute').flatMap((b) => b.segments);

  it('are units, a paragraph each, their line breaks codes', () => {
    const texts = fields.map((s) => s.content.filter((f) => typeof f === 'string').join(' '));
    expect(texts).toEqual(['Тест', 'Перший рядок опису, другий рядок.', 'Новий абзац.', 'Літерал один.', 'Літерал два.']);
    expect(assembleArticle({ article, targetLang: 'en-GB', written: '2026-12-03T00:00:00Z', targets: new Map() }).text).toBe(source);
  });

  it('a translation, its breaks kept, moved or typed, reads back as the same YAML structure', () => {
    const english = new Map<string, Content>(fields.map((s) => {
      const codes = s.codes.map((c) => ({ code: c.id }));
      const text = s.content.filter((f) => typeof f === 'string').join(' ');
      const out: Record<string, Content> = {
        'Тест': ['Test'],
        // The break moved, and a line break the translator typed.
        'Перший рядок опису, другий рядок.': ['The first line', codes[0]!, 'of the description,\n   the second line.'],
        'Новий абзац.': ['A new paragraph: # not a comment'],
        'Літерал один.': ['Literal one.'],
        'Літерал два.': ['  Literal two.'],
      };
      return [s.id, out[text]!];
    }));
    const doc: TranslatedArticle = {
      article, targetLang: 'en-GB', written: '2026-12-03T00:00:00Z',
      targets: new Map(fields.map((s) => [s.id, { segmentId: s.id, state: 'translated' as const, content: english.get(s.id)!, provenance: { origin: 'human' as const }, flags: [] }])),
    };
    expect(frontMatter(assembleArticle(doc).text)).toEqual({
      title: 'Test',
      description: 'The first line of the description, the second line.\nA new paragraph: # not a comment',
      summary: 'Literal one.\nLiteral two.\n',
    });
  });
});
