// Translation memory in the job: carry-over, previous versions of reviewed translations, exact and
// fuzzy matches from other articles, and what each costs in MT (the recording engine counts).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { parseXliff } from '../../src/xliff/read.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { RecordingEngine, reviewSegment, translate, xlf } from './helpers.js';

const S1 = 'Зустріч відбулася у Палаці Незалежности в Мінську.';
const S2 = 'У переговорах взяли участь делегації обох сторін.';
const S3 = 'Келлог став найвищим посадовцем США, який відвідав Білорусь за останні роки.';
const ARTICLE_A = `${S1} ${S2}\n\n${S3}\n`;

describe('translation memory in the translate job', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', ARTICLE_A);
  });
  afterEach(async () => { await ws.cleanup(); });

  it('a reviewed unit survives any number of re-runs byte for byte, while other articles change', async () => {
    const engine = new RecordingEngine();
    await translate(ws.dir, engine);
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p1-1', ['The meeting took place at the Palace of Independence in Minsk.'], 'reviewed');
    const reviewed = await readFile(xlf(ws.dir, 'en-GB', 'a'));
    for (let i = 0; i < 3; i++) {
      await ws.write('source-texts/b.txt', `Новина номер ${i} з Києва.\n`);
      const run = await translate(ws.dir, engine);
      expect(run.summary.errors).toEqual([]);
      expect(await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8')).toBe(reviewed.toString());
    }
  });

  it('a reviewed unit that QA would flag is still left byte for byte (findings go to the report)', async () => {
    const engine = new RecordingEngine();
    await translate(ws.dir, engine);
    // Far shorter than its source and without final punctuation: QA warns, but a person signed it off.
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p1-1', ['Meeting'], 'final');
    const signedOff = await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8');
    for (let i = 0; i < 2; i++) {
      const run = await translate(ws.dir, engine);
      expect(run.summary.errors).toEqual([]);
      expect(await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8')).toBe(signedOff);
    }
    const report = await readFile(path.join(ws.dir, 'locales/en-GB/review/a.qa.txt'), 'utf8');
    expect(report).toContain('p1-1');
  });

  it('an edited reviewed sentence: only it is sent, its old translation stays as a previous-version match', async () => {
    const engine = new RecordingEngine();
    await translate(ws.dir, engine);
    const human = 'The meeting took place at the Palace of Independence in Minsk.';
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p1-1', [human], 'reviewed');
    const edited = 'Зустріч відбулася вчора у Палаці Незалежности в Мінську.';
    await ws.write('source-texts/a.txt', ARTICLE_A.replace(S1, edited));
    engine.sent.length = 0;
    await translate(ws.dir, engine);
    expect(engine.sent).toEqual([edited]);

    const text = await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8');
    expect(text).toContain('alttranstype="previous-version"');
    const doc = parseXliff(text, 'a.xlf');
    const target = doc.targets.get('p1-1')!;
    expect(target.state).toBe('translated');
    expect(target.provenance?.origin).toBe('mt');
    const previous = target.matches?.find((m) => m.kind === 'previous');
    expect(previous?.target).toEqual([human]);
    expect(previous?.state).toBe('reviewed');
    expect(previous?.source).toEqual([S1]);
    expect(previous!.quality).toBeGreaterThan(70);
    expect(previous!.quality).toBeLessThan(100);

    // And it stays: re-runs neither send anything nor drop the old translation.
    engine.sent.length = 0;
    await translate(ws.dir, engine);
    expect(engine.sent).toEqual([]);
    expect(await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8')).toBe(text);
  });

  it('exact and in-context matches from other articles fill targets that still need review; fuzzy ones are only offered', async () => {
    const engine = new RecordingEngine();
    await translate(ws.dir, engine);
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p2-1', ['Kellogg became the most senior US official to visit Belarus in recent years.'], 'reviewed');
    const fuzzy = 'Келлог став найвищим посадовцем США, який відвідав Білорусь за останні десять років.';
    await ws.write('source-texts/b.txt', `${S3}\n`);
    await ws.write('source-texts/c.txt', `${S1} ${S2}\n`);
    await ws.write('source-texts/d.txt', `${fuzzy}\n`);
    engine.sent.length = 0;
    const run = await translate(ws.dir, engine);
    expect(run.summary.errors).toEqual([]);
    expect(engine.sent).toEqual([fuzzy]);

    const b = parseXliff(await readFile(xlf(ws.dir, 'en-GB', 'b'), 'utf8'), 'b.xlf').targets.get('p1-1')!;
    expect(b.content).toEqual(['Kellogg became the most senior US official to visit Belarus in recent years.']);
    expect(b.state).toBe('translated');
    expect(b.matches?.[0]).toMatchObject({ kind: 'exact', quality: 100, origin: 'locales/en-GB/a.xlf', state: 'reviewed' });

    // c.txt holds S1 followed by S2, as a.txt does: S2 has the same neighbours on both sides.
    const c = parseXliff(await readFile(xlf(ws.dir, 'en-GB', 'c'), 'utf8'), 'c.xlf');
    expect(c.targets.get('p1-2')!.matches?.[0]).toMatchObject({ kind: 'exact', quality: 100 });
    await ws.write('source-texts/e.txt', ARTICLE_A.replace(S3, `${S3} Кінець.`));
    await translate(ws.dir, engine);
    const e = parseXliff(await readFile(xlf(ws.dir, 'en-GB', 'e'), 'utf8'), 'e.xlf');
    expect(e.targets.get('p1-2')!.matches?.[0]).toMatchObject({ kind: 'in-context', quality: 101 });

    const d = parseXliff(await readFile(xlf(ws.dir, 'en-GB', 'd'), 'utf8'), 'd.xlf').targets.get('p1-1')!;
    expect(d.provenance?.origin).toBe('mt');
    const offered = d.matches?.[0];
    expect(offered?.kind).toBe('fuzzy');
    expect(offered!.quality).toBeGreaterThanOrEqual(70);
    expect(offered!.quality).toBeLessThan(100);
    expect(offered?.target).toEqual(['Kellogg became the most senior US official to visit Belarus in recent years.']);
  });

  it.skipIf(xliffCheckUnavailable() !== undefined).each(['1.2', '2.0'] as const)('XLIFF %s with every kind of match passes xliff-check', async (version) => {
    const engine = new RecordingEngine();
    await translate(ws.dir, engine, { xliff: version });
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p1-1', ['The meeting took place at the Palace of Independence in Minsk.'], 'reviewed');
    await ws.write('source-texts/a.txt', ARTICLE_A.replace(S1, S1.replace('Мінську', 'Мінську вчора')));
    await ws.write('source-texts/b.txt', `${S3}\n\n${S2}\n\n${S3.replace('роки', 'десять років')}\n`);
    await translate(ws.dir, engine, { xliff: version });
    const files = [xlf(ws.dir, 'en-GB', 'a'), xlf(ws.dir, 'en-GB', 'b')];
    const kinds = new Set<string>();
    for (const file of files) for (const t of parseXliff(await readFile(file, 'utf8'), file).targets.values()) for (const m of t.matches ?? []) kinds.add(m.kind);
    expect([...kinds].sort()).toEqual(['exact', 'fuzzy', 'previous']);
    const check = xliffCheck(files);
    expect(check.output).toMatch(/xliff-check: 2 passed, 0 failed/u);
  });

  it('XLIFF 2.0 carries the matches in the matches module and reads them back', async () => {
    const engine = new RecordingEngine();
    await translate(ws.dir, engine, { xliff: '2.0' });
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p2-1', ['Kellogg became the most senior US official to visit Belarus in recent years.'], 'final');
    await ws.write('source-texts/a.txt', ARTICLE_A.replace(S3, S3.replace('Білорусь', 'Білорусь уперше')));
    await translate(ws.dir, engine, { xliff: '2.0' });
    const text = await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8');
    expect(text).toContain('<mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0">');
    const previous = parseXliff(text, 'a.xlf').targets.get('p2-1')!.matches?.[0];
    expect(previous).toMatchObject({ kind: 'previous', state: 'final', source: [S3] });
  });
});
