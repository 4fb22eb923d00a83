// Lossless: with an engine that returns the source, the article rebuilt from the XLIFF file equals
// the source byte for byte — for the sample article and for generated Ukrainian-like text.
import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArticle } from '../../src/source/parse.js';
import { decodeArticle } from '../../src/source/read.js';
import { codecFor, parseXliff } from '../../src/xliff/read.js';
import { assembleArticle } from '../../src/assemble/assemble.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import type { TargetSegment, TranslatedArticle } from '../../src/model.js';
import { allSegments } from '../../src/model.js';
import { IdentityEngine } from '../helpers/identity-engine.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';

function identityTranslated(text: string): TranslatedArticle {
  const article = parseArticle(text, 'a/b', 'a/b.txt');
  const targets = new Map<string, TargetSegment>();
  for (const s of allSegments(article)) {
    targets.set(s.id, { segmentId: s.id, state: 'translated', content: s.content, provenance: { origin: 'mt', engine: 'identity', date: '2025-01-01T00:00:00Z' }, flags: [] });
  }
  return { article, targetLang: 'en-GB', written: '2025-01-01T00:00:00Z', targets };
}

function throughXliff(text: string, version: '1.2' | '2.0'): string {
  const xml = codecFor(version).write(identityTranslated(text));
  return assembleArticle(parseXliff(xml, 'generated.xlf')).text;
}

// Ukrainian-like text: words, names, punctuation, quotes, dashes, URLs, handles, emoji, numbers,
// and every kind of whitespace and line ending a newsroom export may hold.
const piece = fc.oneof(
  fc.constantFrom('Київ', 'зустрівся', 'президент', 'Лукашенко', "м'ята", 'Їжак', 'ґанок', 'Євро', 'США', 'т.', 'р.', 'ст.', 'ім.', 'М.', 'U.S.', 'Kellogg'),
  fc.constantFrom('.', ',', '!', '?', '…', '?!', '–', '—', '-', '«', '»', '"', '„', '“', ':', ';', '(', ')', '2025', '21.06.2025', '3,5', '№'),
  fc.constantFrom('https://example.org/a?b=1&c=2', 'pic.twitter.com/kmh5kKqBYE', '@MaimunkaNews', '#Україна', 'news@example.org', '‼️', '🇺🇦', '👍🏽', '<b>', '&amp;'),
  fc.constantFrom(' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r\n\r\n', ' \n \n', '\u00A0', '\u2009'),
  fc.string({ unit: fc.constantFrom(...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГДЕЄЖЗИІЇКЛМНОПРСТУФХЦЧШЩЮЯ'), minLength: 1, maxLength: 9 }),
);
const article = fc.array(piece, { minLength: 1, maxLength: 80 }).map((parts) => parts.join(''));

describe('lossless reassembly', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('rebuilds the sample article byte for byte through both XLIFF versions', async () => {
    const text = await readFile(SAMPLE_ARTICLE, 'utf8');
    expect(throughXliff(text, '1.2')).toBe(text);
    expect(throughXliff(text, '2.0')).toBe(text);
  });

  it('keeps the leading date marker as metadata, untranslated, where it stands', async () => {
    const text = await readFile(SAMPLE_ARTICLE, 'utf8');
    const parsed = parseArticle(text, 'x', 'x.txt');
    expect(parsed.metadata.date).toBe('2025-06');
    expect(parsed.metadataText).toBe('date 2025-06');
    expect(allSegments(parsed).next().value?.text.startsWith('Самопроголошений')).toBe(true);
  });

  it('rebuilds generated Ukrainian-like articles byte for byte (property)', () => {
    fc.assert(
      fc.property(article, fc.constantFrom<'1.2' | '2.0'>('1.2', '2.0'), (text, version) => {
        fc.pre(text.trim() !== '');
        expect(throughXliff(text, version)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilds the sample from the files a real job writes, with an identity engine', async () => {
    ws = await makeWorkspace();
    const source = await readFile(SAMPLE_ARTICLE);
    await ws.write('source-texts/2025-06/sample.txt', source);
    await ws.write('source-texts/crlf.txt', 'Перше речення. Друге речення!\r\n\r\n  Другий абзац з відступом…  \r\n');
    for (const version of ['1.2', '2.0'] as const) {
      const engine = new IdentityEngine();
      const summary = await runTranslateJob({
        cwd: ws.dir, sourceDir: 'source-texts', localesDir: `out-${version}`, targets: ['en-GB'],
        engine, xliffVersion: version, dryRun: false, reporter: collectingReporter(),
      });
      expect(summary.errors).toEqual([]);
      expect(summary.untranslated).toBe(0);
      const review = await readFile(path.join(ws.dir, `out-${version}/en-GB/review/2025-06/sample.txt`));
      expect(review.equals(source)).toBe(true);
      const crlf = await readFile(path.join(ws.dir, `out-${version}/en-GB/review/crlf.txt`), 'utf8');
      expect(crlf).toBe('Перше речення. Друге речення!\r\n\r\n  Другий абзац з відступом…  \r\n');
    }
  });

  it('accepts exactly the texts the reader accepts', () => {
    expect(() => decodeArticle(new TextEncoder().encode('\uFEFFТекст.'), 'bom.txt')).not.toThrow();
    expect(throughXliff('\uFEFFТекст. Ще.\n', '1.2')).toBe('\uFEFFТекст. Ще.\n');
  });
});
