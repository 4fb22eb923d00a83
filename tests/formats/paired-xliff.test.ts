// Paired codes in XLIFF when a translation damaged them: a well-nested pair is <g>/<pc>, a half
// without its partner or a pair crossing another is <bx>/<ex> (1.2) or <sc>/<ec> (2.0); every
// such target is still valid XLIFF and reads back as it was written.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArticle } from '../../src/formats/registry.js';
import { codecFor, parseXliff } from '../../src/xliff/read.js';
import { withoutRepeatedPairHalves } from '../../src/xliff/paired.js';
import { checkCodes } from '../../src/qa/codes.js';
import type { Content, TranslatedArticle } from '../../src/model.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';

const article = readArticle('Уряд **ухвалив** [рішення](/news/a) сьогодні.\n', 'a', 'a.md');
const segment = article.blocks[0]!.segments[0]!;
const ids = segment.codes.map((c) => `${c.id}:${c.kind}/${c.role}`);
const [b1, b2, l1, l2] = segment.codes.map((c) => ({ code: c.id }));

const damaged: Record<string, Content> = {
  'close of a pair lost': ['Government ', b1!, 'adopted ', l1!, 'decision', l2!, ' today.'],
  'pairs crossing': ['Government ', b1!, 'adopted ', l1!, 'decision', b2!, l2!, ' today.'],
  'a pair reversed': ['Government ', b2!, 'adopted', b1!, ' ', l1!, 'decision', l2!, ' today.'],
};

// A tool that doubles a tag (seen from a DeepL-compatible server): the second open must not become
// a second element left without its end, nor a second <bx>/<sc> of the same id.
const repeated: Record<string, Content> = {
  'an opening tag doubled': ['Government ', b1!, b1!, 'adopted', b2!, ' ', l1!, 'decision', l2!, ' today.'],
  'a closing tag doubled': ['Government ', b1!, 'adopted', b2!, b2!, ' ', l1!, 'decision', l2!, ' today.'],
  'a whole pair doubled': ['Government ', b1!, 'adopted', b2!, ' ', b1!, 'again', b2!, ' ', l1!, 'decision', l2!, ' today.'],
  'a pair doubled and crossing': ['Government ', b1!, l1!, 'adopted', b1!, b2!, 'decision', l2!, ' today.'],
};

function withTarget(content: Content): TranslatedArticle {
  return { article, targetLang: 'en-GB', written: '2026-12-01T00:00:00Z', targets: new Map([[segment.id, { segmentId: segment.id, state: 'translated', content, provenance: { origin: 'human' }, flags: [] }]]) };
}

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

/** The file passes ../shared/tools/xliff-check (when it is there). */
async function expectValid(xml: string, name: string): Promise<void> {
  if (xliffCheckUnavailable()) return;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pereklad-paired-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, xml);
  const check = xliffCheck([file]);
  expect(check.status, check.output).toBe(0);
}

describe('paired codes in XLIFF', () => {
  it('reads Markdown emphasis and links as two pairs', () => {
    expect(ids).toEqual(['1:bold/open', '2:bold/close', '3:link/open', '4:link/close']);
  });

  describe.each(['1.2', '2.0'] as const)('XLIFF %s', (version) => {
    it.each(Object.entries(damaged))('%s: written with isolated halves, valid, read back as written', async (_name, content) => {
      const xml = codecFor(version).write(withTarget(content));
      expect(xml).toMatch(version === '1.2' ? /<(?:bx|ex) /u : /<(?:sc|ec) /u);
      const back = parseXliff(xml, 'a.xlf');
      expect(back.targets.get(segment.id)?.content).toEqual(content);
      expect(back.article).toEqual(article);
      await expectValid(xml, `a.${version}.xlf`);
    });

    it.each(Object.entries(repeated))('%s: each half written once, valid, read back without the repeat', async (_name, content) => {
      const xml = codecFor(version).write(withTarget(content));
      const back = parseXliff(xml, 'a.xlf');
      const once = withoutRepeatedPairHalves(content, segment.codes);
      expect(once.length).toBeLessThan(content.length);
      // Text either side of a removed half reads back as one run.
      const runs = once.reduce<Content>((out, f) => (typeof f === 'string' && typeof out[out.length - 1] === 'string' ? [...out.slice(0, -1), `${out[out.length - 1] as string}${f}`] : [...out, f]), []);
      expect(back.targets.get(segment.id)?.content).toEqual(runs);
      await expectValid(xml, `a.${version}.xlf`);
    });
  });

  it('an engine answer with a doubled tag: the repeat is removed and flagged, and a pair is not left open', () => {
    const answer: Content = ['Government ', b1!, { ...b1! }, 'adopted', b2!, ' ', l1!, 'decision', l2!, ' today.'];
    const checked = checkCodes(answer, segment.codes);
    expect(checked.content).toEqual(['Government ', b1!, 'adopted', b2!, ' ', l1!, 'decision', l2!, ' today.']);
    expect(checked.flags.join('\n')).toMatch(/bold tag "\*\*" more than once; the repeat was removed/u);
  });

  describe.each(['1.2', '2.0'] as const)('XLIFF %s', (version) => {
    it('a memory match and a kept MT original holding paired codes are valid and read back', async () => {
      const mt: Content = ['Government ', b1!, 'adopted', b2!, ' ', l1!, 'a decision', l2!, ' today.'];
      const doc = withTarget(['Government ', b1!, 'approved', b2!, ' ', l1!, 'the decision', l2!, ' today.']);
      const target = doc.targets.get(segment.id)!;
      target.matches = [{ kind: 'fuzzy', quality: 91, origin: 'locales/en-GB/b.xlf', source: segment.content, codes: segment.codes, target: mt, state: 'reviewed' }];
      target.mtOriginal = { content: mt, engine: 'deepl' };
      const xml = codecFor(version).write(doc);
      const back = parseXliff(xml, 'a.xlf').targets.get(segment.id)!;
      expect(back.mtOriginal?.content).toEqual(mt);
      expect(back.matches?.find((m) => m.kind === 'fuzzy')?.target).toEqual(mt);
      await expectValid(xml, `matches.${version}.xlf`);
    });
  });
});
