// The plain-text copy of a Markdown or HTML article shows what a reader of the rendered article
// sees: every word of the rendered page is in it (a code span's content, an autolink's address,
// decoded entities), a line break where the page breaks a line, and nothing of the markup (tags,
// link titles, `<br>`, `&copy;`). Real articles: the format corpus and two the tester wrote.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { frontmatter, frontmatterHtml } from 'micromark-extension-frontmatter';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { readArticle } from '../../src/formats/registry.js';
import { parseMarkdownTree } from '../../src/formats/markdown.js';
import { localizedCopy } from '../../src/publish/copy.js';
import { publishGate } from '../../src/publish/gate.js';
import { renderText } from '../../src/publish/formats.js';
import type { Nodes } from 'mdast';
import { CORPUS, corpusFiles, identity } from '../formats/corpus.js';
import { REPO_ROOT } from '../helpers/workspace.js';

const PLAIN = path.join(REPO_ROOT, 'tests/fixtures/plain');
const inputs = [...corpusFiles.map((f) => path.join(CORPUS, f)), path.join(PLAIN, 'fm.md'), path.join(PLAIN, 'page.html')];

type HtmlNode = DefaultTreeAdapterMap['childNode'];
// Not in a plain copy by design: code blocks and scripts stay in the skeleton; micromark's
// footnote section adds its own label and back-links.
const NOT_ARTICLE_TEXT = new Set(['pre', 'script', 'style', 'template', 'noscript']);
// Inline elements run on with the text around them (`житло<sup>1</sup>` reads as one word); every
// other element is a box of its own.
const INLINE = new Set(['a', 'abbr', 'b', 'code', 'del', 'em', 'i', 'img', 'input', 'kbd', 'mark', 's', 'small', 'span', 'strong', 'sub', 'sup', 'u']);

function pageText(node: HtmlNode | DefaultTreeAdapterMap['parentNode']): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!('childNodes' in node)) return '';
  const inner = node.childNodes.map(pageText).join('');
  if (!('tagName' in node)) return inner;
  if (NOT_ARTICLE_TEXT.has(node.tagName)) return '';
  const attrs = new Map(node.attrs.map((a) => [a.name, a.value]));
  if (attrs.get('class')?.includes('sr-only') === true || attrs.has('data-footnote-backref')) return '';
  return INLINE.has(node.tagName) ? inner : ` ${inner} `;
}

/** The Markdown source rendered by micromark (CommonMark + GFM), without the flow nodes a
 *  plain copy leaves out by design (code and HTML blocks). */
function renderedMarkdown(source: string): string {
  const cuts: Array<[number, number]> = [];
  const walk = (node: Nodes): void => {
    if ((node.type === 'code' || node.type === 'html') && node.position) cuts.push([node.position.start.offset!, node.position.end.offset!]);
    else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') for (const c of node.children) walk(c);
  };
  walk(parseMarkdownTree(source));
  let text = source;
  for (const [s, e] of cuts.reverse()) text = text.slice(0, s) + text.slice(e);
  return pageText(parseFragment(micromark(text, { allowDangerousHtml: true, extensions: [gfm(), frontmatter()], htmlExtensions: [gfmHtml(), frontmatterHtml()] })));
}

/** Words with a letter in them, counted. */
function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.match(/[\p{L}\p{N}]+/gu) ?? []) if (/\p{L}/u.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

function plainCopy(file: string): { source: string; plain: string } {
  const source = readFileSync(file, 'utf8');
  const doc = identity(readArticle(source, 'a', path.basename(file)));
  const gate = publishGate(doc, new Map(), { minState: 'translated', allowMt: true, allowErrors: true });
  expect(gate.ready).toBe(true);
  const text = renderText(localizedCopy(doc, gate, '2026-12-01T00:00:00.000Z', 'translated'));
  // The body: after the copy's front matter and the machine-translation notice.
  return { source, plain: text.replace(/^---\n[\s\S]*?\n---\n/u, '').replace(/^\n\[Machine translation[^\]]*\]\n/u, '') };
}

describe.each(inputs.map((f) => path.relative(REPO_ROOT, f)))('plain copy of %s', (rel) => {
  const file = path.join(REPO_ROOT, rel);
  const { source, plain } = plainCopy(file);

  it('has every word a reader sees on the rendered page, none glued to another', () => {
    const seen = words(file.endsWith('.md') ? renderedMarkdown(source) : pageText(parse(source)));
    const copied = words(plain);
    const missing = [...seen].filter(([w, n]) => (copied.get(w) ?? 0) < n).map(([w, n]) => `${w} ×${n} (copy ×${copied.get(w) ?? 0})`);
    expect(missing, plain).toEqual([]);
  });

  it('shows no markup: no tags, entities or backslash escapes', () => {
    expect(plain).not.toMatch(/<\/?[a-z][^>]*>/iu);
    // An entity the HTML list does not have (`&unknownentity;`) shows as written, as a browser shows it.
    expect(plain).not.toMatch(/&(?:copy|euro|amp|nbsp|lt|gt|mdash|hellip|#x?[0-9a-f]+);/iu);
    expect(plain).not.toMatch(/\\[|*_[\]`#]/u);
  });
});

describe('plain copy: what the tester saw lost or glued', () => {
  it('Markdown: autolinks, e-mail autolinks and code spans keep their text; a link title is not glued on', () => {
    const { plain } = plainCopy(path.join(PLAIN, 'fm.md'));
    expect(plain).toContain('Автопосилання https://example.org та e-mail news@example.org. Код x = 1.5 у рядку.');
    expect(plain).toContain('Вкладений пункт із посиланням.');
    expect(plain).not.toContain('Заголовок посилання');
    expect(plain).toContain('Жорсткий розрив\nдругий рядок\nтретій рядок.');
  });

  it('HTML: <br> is a line break, &copy; and &euro; their characters, a title attribute not glued on', () => {
    const { plain } = plainCopy(path.join(PLAIN, 'page.html'));
    expect(plain).toContain('Джерело: «Європейська правда».\nДругий рядок після br.\nТретій.');
    expect(plain).toContain('© €');
    expect(plain).toContain('Невідомий1 і H2O. Текст зі span-підказкою.');
  });
});
