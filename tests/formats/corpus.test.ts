// The Markdown and HTML corpus (tests/fixtures/formats/, Ukrainian articles written for these
// tests): every article read into blocks with paired codes, written as XLIFF 1.2 and 2.0, read
// back and rebuilt with the identity translation byte for byte; every file passes xliff-check.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArticle } from '../../src/formats/registry.js';
import { articleSourceText } from '../../src/source/parse.js';
import { codecFor, parseXliff } from '../../src/xliff/read.js';
import { assembleArticle } from '../../src/assemble/assemble.js';
import { allSegments } from '../../src/model.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { CORPUS, corpusFiles, identity } from './corpus.js';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe.each(corpusFiles)('%s', (name) => {
  const text = readFileSync(path.join(CORPUS, name), 'utf8');
  const article = readArticle(text, name.replace(/\.[^.]+$/u, ''), name);

  it('is read into blocks of several kinds, with paired codes, and rebuilt byte for byte', () => {
    expect(articleSourceText(article)).toBe(text);
    const kinds = new Set(article.blocks.map((b) => b.kind));
    expect(kinds.has('heading')).toBe(true);
    expect(kinds.has('list-item') || kinds.has('table-cell')).toBe(true);
    const paired = [...allSegments(article)].flatMap((s) => s.codes.filter((c) => c.role !== undefined));
    expect(paired.length).toBeGreaterThan(3);
    // Every half names a partner in the same segment, with the other role.
    for (const segment of allSegments(article)) {
      for (const code of segment.codes.filter((c) => c.role !== undefined)) {
        const partner = segment.codes.find((c) => c.id === code.pair);
        expect(partner?.role, `${segment.id} code ${code.id}`).toBe(code.role === 'open' ? 'close' : 'open');
      }
    }
  });

  it('keeps markup out of the text translators see', () => {
    for (const segment of allSegments(article)) {
      const visible = segment.content.filter((f): f is string => typeof f === 'string').join('');
      expect(visible, segment.id).not.toMatch(/<\/?(?:p|h\d|strong|em|a|li|td|html|head|meta|title)\b|\*\*|\]\(|!\[/u);
    }
    expect(article.blocks.some((b) => b.segments.some((s) => /DOCTYPE|<head/iu.test(s.text)))).toBe(false);
  });

  it.each(['1.2', '2.0'] as const)('goes through XLIFF %s and comes back byte for byte', async (version) => {
    const xml = codecFor(version).write(identity(article));
    const back = parseXliff(xml, `${name}.xlf`);
    expect(back.article).toEqual(article);
    expect(assembleArticle(back).text).toBe(text);
    // Paired codes are written as pairs, not as placeholders holding their markup.
    expect(xml).toMatch(version === '1.2' ? /<g id="\d+" ctype="(?:bold|italic|link)">/u : /<pc id="s\d+c\d+" dataRefStart=/u);
    const unavailable = xliffCheckUnavailable();
    if (unavailable) return;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pereklad-corpus-'));
    dirs.push(dir);
    const file = path.join(dir, `${name}.${version}.xlf`);
    await writeFile(file, xml);
    const check = xliffCheck([file]);
    expect(check.output, check.output).not.toMatch(/^FAIL/mu);
    expect(check.status, check.output).toBe(0);
  });
});
