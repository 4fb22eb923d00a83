// Localized copies in text, Markdown and HTML: the article's words come through exactly, whatever
// characters they hold, with the metadata a site needs.
import { describe, it, expect } from 'vitest';
import { marked } from 'marked';
import { localizedCopy, paragraphText } from '../../src/publish/copy.js';
import { cutAtWord, renderHtml, renderMarkdown, renderText, TITLE_MAX } from '../../src/publish/formats.js';
import { publishGate } from '../../src/publish/gate.js';
import type { TranslatedArticle } from '../../src/model.js';
import { handBuiltArticle, TRICKY } from '../review/hand-built.js';

function readyArticle(): TranslatedArticle {
  const doc = handBuiltArticle();
  for (const [id, target] of doc.targets) doc.targets.set(id, { ...target, state: id === 'p2-1' ? 'translated' : 'reviewed', content: target.content ?? ['Fifth.'], flags: [] });
  return doc;
}

function copy() {
  const doc = readyArticle();
  const gate = publishGate(doc, new Map(), { minState: 'reviewed', allowMt: true, allowErrors: false });
  expect(gate.ready).toBe(true);
  return localizedCopy(doc, gate, '2025-06-24T12:00:00.000Z', 'reviewed');
}

const decode = (html: string): string => html.replace(/<[^>]+>/gu, '').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&#39;/gu, "'").replace(/&amp;/gu, '&');

describe('localized copies', () => {
  it('text: front matter with source, language, dates and provenance, then the paragraphs', () => {
    const c = copy();
    const text = renderText(c);
    const [, front, body] = text.split(/^---$/mu);
    expect(front).toContain(`article: "${c.meta.articleId}"`);
    expect(front).toContain('language: "en-GB"');
    expect(front).toContain('article_date: "2025-06"');
    expect(front).toContain('machine_translated: true');
    expect(front).toContain('engines: ["deepl"]');
    for (const p of c.paragraphs) expect(body).toContain(paragraphText(p));
    expect(body).toMatch(/Machine translation/);
  });

  it('Markdown renders back to exactly the article text, markup characters and all', async () => {
    const c = copy();
    const html = await marked.parse(renderMarkdown(c).replace(/^---[\s\S]*?^---\n/mu, ''));
    const paragraphs = [...html.matchAll(/<(p|blockquote)>([\s\S]*?)<\/\1>/gu)].map((m) => decode(m[2] ?? '').trim()).filter((t) => !t.startsWith('Machine translation'));
    expect(paragraphs).toEqual(c.paragraphs.map(paragraphText));
    expect(html).toContain('<a href="https://example.org/a_b?x=1&amp;y=2">');
  });

  it('Markdown keeps line-start syntax and inline markup literal', async () => {
    const texts = ['# not a heading', '1. not a list', '- not a list', '> not a quote', '*not emphasis* a_b_c', 'a | b ~x~', '<b>x</b> & [link](y) `code`', '    not code'];
    const c = copy();
    const md = renderMarkdown({ ...c, meta: { ...c.meta, provenance: { ...c.meta.provenance, machineTranslated: false } }, paragraphs: texts.map((text) => ({ kind: 'paragraph' as const, lang: 'en-GB', runs: [{ text }] })) });
    const html = await marked.parse(md.replace(/^---[\s\S]*?^---\n/mu, ''));
    const paragraphs = [...html.matchAll(/<p>([\s\S]*?)<\/p>/gu)].map((m) => decode(m[1] ?? ''));
    expect(paragraphs).toEqual(texts.map((t) => t.trim()));
  });

  it('HTML: the headline is the <h1>, and the <title> is it cut at a word boundary', () => {
    const c = copy();
    const long = 'Самопроголошений президент Білорусі зустрівся у Мінську зі спеціальним посланцем президента США';
    c.paragraphs[0] = { kind: 'paragraph', lang: 'en-GB', runs: [{ text: long }] };
    const html = renderHtml(c);
    expect(html.match(/<h1>([^<]*)<\/h1>/u)?.[1]).toBe(long);
    expect(html.match(/<h1>/gu)).toHaveLength(1);
    const title = html.match(/<title>([^<]*)<\/title>/u)![1]!;
    expect(title.endsWith('…')).toBe(true);
    expect([...title].length).toBeLessThanOrEqual(TITLE_MAX + 1);
    // Every word of the title is a whole word of the headline.
    const words = long.split(' ');
    expect(title.slice(0, -1).split(' ').every((w, i) => w === words[i])).toBe(true);
    expect(cutAtWord('Short headline', TITLE_MAX)).toBe('Short headline');
  });

  it('HTML: metadata in <head>, the text escaped, the MT notice shown', () => {
    const c = copy();
    const html = renderHtml(c);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<html lang="en-GB">');
    expect(head).toContain(`<meta name="pereklad:article" content="${c.meta.articleId}">`);
    expect(head).toContain('<meta name="pereklad:machine-translated" content="true">');
    expect(html).not.toContain(TRICKY);
    expect(decode(html)).toContain(TRICKY);
    expect(html).toContain('class="machine-translation-notice"');
  });
});
