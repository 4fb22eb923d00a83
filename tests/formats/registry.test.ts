// The format layer's entry points: which format reads a file, plain text behind the interface
// exactly as before, and files of no supported format reported rather than left out silently.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readArticle, formatForPath } from '../../src/formats/registry.js';
import { parseArticle, articleSourceText } from '../../src/source/parse.js';
import { discoverSources } from '../../src/source/discover.js';
import { validateFormatsConfig } from '../../src/formats/config.js';
import { UsageError } from '../../src/errors.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';

let ws: Workspace | undefined;
afterEach(async () => { await ws?.cleanup(); ws = undefined; });

describe('format registry', () => {
  it('reads a .txt article through the text format, as parseArticle does', () => {
    const text = readFileSync(SAMPLE_ARTICLE, 'utf8');
    const article = readArticle(text, 'a', '2025-06/a.txt');
    expect(article).toEqual(parseArticle(text, 'a', '2025-06/a.txt'));
    expect(articleSourceText(article)).toBe(text);
  });

  it.each([['a.md', '# Текст\r\n\r\n- Пункт один.\r\n- Пункт два\r\n\r\nАбзац **жирний**.\r\n'], ['a.html', '<h1>Текст</h1>\n<p>Абзац <b>жирний</b>.</p>\n'], ['a.txt', 'Текст.\n\nАбзац.\n']])(
    '%s with a byte-order mark gives the same sentences as without, and its text back whole', (name, body) => {
      const plain = readArticle(body, 'a', name);
      const marked = readArticle(`\uFEFF${body}`, 'a', name);
      const texts = (a: typeof plain): string[] => a.blocks.flatMap((b) => b.segments.map((s) => s.text));
      expect(texts(marked)).toEqual(texts(plain));
      expect(texts(plain).some((t) => t.endsWith('.'))).toBe(true);
      expect(articleSourceText(marked)).toBe(`\uFEFF${body}`);
    });

  it('HTML a browser repairs without copying tags (a link nested in a link, a stray end tag): every word is in a unit, the bytes come back whole', () => {
    const html = '<p><a href="/a">Зовнішнє <a href="/b">вкладене</a> посилання</a>.</p>\n<p>Текст</b> далі.</p>\n';
    const article = readArticle(html, 'a', 'a.html');
    const words = article.blocks.flatMap((b) => b.segments.flatMap((s) => s.content.filter((f): f is string => typeof f === 'string'))).join(' ');
    for (const word of ['Зовнішнє', 'вкладене', 'посилання', 'Текст', 'далі']) expect(words).toContain(word);
    expect(articleSourceText(article)).toBe(html);
  });

  it('chooses by extension, with the config overriding it', () => {
    expect(formatForPath('x/a.TXT')?.name).toBe('text');
    expect(formatForPath('a.docx')).toBeUndefined();
    expect(formatForPath('a.text', { extensions: { '.text': 'text' }, frontMatterFields: [] })?.name).toBe('text');
  });

  it('lists files of no supported format apart, to be reported as skipped', async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Текст.\n');
    await ws.write('source-texts/photo.jpg', 'not an article');
    const found = await discoverSources({ sourceDir: `${ws.dir}/source-texts` });
    expect(found.files.map((f) => [f.relPath, f.format])).toEqual([['a.txt', 'text']]);
    expect(found.unsupported).toEqual(['photo.jpg']);
  });

  it('refuses a config naming an unknown format, by key', () => {
    expect(() => validateFormatsConfig({ extensions: { '.htm': 'word' } }, 'p.json', ['text'])).toThrow(UsageError);
    expect(() => validateFormatsConfig({ extensions: { '.htm': 'word' } }, 'p.json', ['text'])).toThrow(/formats\.extensions\.\.htm/u);
    expect(() => validateFormatsConfig({ fields: [] }, 'p.json', ['text'])).toThrow(/unknown key "formats.fields"/u);
  });
});
