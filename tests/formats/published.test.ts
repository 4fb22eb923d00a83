// Published copies of Markdown and HTML articles after real engines' answers: through the local
// DeepL-compatible server and `publish --allow-mt --allow-errors` (its fake text is still Cyrillic), and with pseudo-translation (which publish
// refuses, so its copy is written from the XLIFF with the same writer) — the copy parses to the
// same tree as its source, with translated text; the HTML copy has the target language set.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHtmlTree } from '../../src/formats/html.js';
import { writeTranslated } from '../../src/formats/write.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { CORPUS, corpusFiles } from './corpus.js';
import { htmlShape, markdownShape } from './shape.js';
import { cutAtWord, MACHINE_NOTICE_HTML, MACHINE_NOTICE_MD, TITLE_MAX } from '../../src/publish/formats.js';

const KEY = 'test-key:fx';
let ws: Workspace;
let fake: FakeDeepL;

beforeAll(async () => {
  ws = await makeWorkspace();
  await mkdir(path.join(ws.dir, 'source-texts'), { recursive: true });
  for (const name of corpusFiles) await ws.write(`source-texts/2026-12/${name}`, await readFile(path.join(CORPUS, name)));
  fake = await startFakeDeepL({ keys: [KEY] });
  const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url };
  const translated = await runCli(['translate', '--to', 'en-GB'], ws.dir, env);
  expect(translated.code, translated.stderr).toBe(0);
  const published = await runCli(['publish', '--to', 'en-GB', '--allow-mt', '--allow-errors'], ws.dir, env);
  expect(published.code, published.stdout + published.stderr).toBe(0);
  const pseudo = await runCli(['translate', '--to', 'de', '--engine', 'pseudo'], ws.dir);
  expect(pseudo.code, pseudo.stderr).toBe(0);
}, 120_000);
afterAll(async () => { await fake.close(); await ws.cleanup(); });

const shapeOf = (name: string, text: string): unknown => (name.endsWith('.md') ? markdownShape(text) : htmlShape(text));

describe.each(corpusFiles)('%s', (name) => {
  const id = name.replace(/\.[^.]+$/u, '');
  const ext = name.endsWith('.md') ? 'md' : 'html';

  it('DeepL (local fake) → publish: the copy in its own format has the source tree, translated', async () => {
    const source = await readFile(path.join(CORPUS, name), 'utf8');
    const published = await readFile(path.join(ws.dir, `publish/en-GB/2026-12/${id}.${ext}`), 'utf8');
    // Machine translation published in the article's own format says so, once, where a reader
    // sees it first: after the front matter, at the top of <body>.
    const notice = ext === 'md' ? MACHINE_NOTICE_MD : MACHINE_NOTICE_HTML;
    expect(published.split(notice)).toHaveLength(2);
    if (ext === 'md' && source.startsWith('---')) expect(published.slice(0, published.indexOf(notice))).toMatch(/^---\n[\s\S]*\n---\n$/u);
    if (ext === 'html' && /<body/iu.test(source)) expect(published.slice(published.search(/<body\b/iu), published.indexOf(notice))).toMatch(/^<body[^>]*>\s*$/u);
    const copy = published.replace(notice, '');
    expect(copy).not.toBe(source);
    expect(copy).toContain('EN:');
    expect(shapeOf(name, copy)).toEqual(shapeOf(name, source));
    if (ext === 'html') {
      const root = parseHtmlTree(copy).childNodes.find((n) => 'tagName' in n);
      expect(root && 'attrs' in root ? root.attrs.find((a) => a.name === 'lang')?.value : undefined).toBe('en-GB');
    }
  });

  it.runIf(name.endsWith('.md'))('Markdown published as HTML: its <title> is the first heading, cut at a word', async () => {
    const page = await readFile(path.join(ws.dir, `publish/en-GB/2026-12/${id}.html`), 'utf8');
    const doc = await readXliffFile(path.join(ws.dir, `locales/en-GB/2026-12/${id}.xlf`), `${id}.xlf`);
    const heading = doc.article.blocks.find((b) => b.kind === 'heading')!;
    const text = heading.segments.map((s) => (doc.targets.get(s.id)!.content!.filter((f) => typeof f === 'string') as string[]).join('')).join(' ');
    const title = /<title>([^<]*)<\/title>/u.exec(page)![1]!.replace(/&amp;/gu, '&').replace(/&quot;/gu, '"').replace(/&#39;/gu, "'");
    expect(title).toBe(cutAtWord(text, TITLE_MAX));
    expect(page.split(MACHINE_NOTICE_HTML)).toHaveLength(2);
  });

  it('pseudo-translation: the copy written from the XLIFF has the source tree', async () => {
    const source = await readFile(path.join(CORPUS, name), 'utf8');
    const doc = await readXliffFile(path.join(ws.dir, `locales/de/2026-12/${id}.xlf`), `${id}.xlf`);
    const copy = writeTranslated(doc.article, (s) => doc.targets.get(s.id)?.content, 'de').text;
    expect(copy).toMatch(/⟦/u);
    expect(shapeOf(name, copy)).toEqual(shapeOf(name, source));
  });
});
