// The incremental index never makes a job skip work it should do: after an edited source, a
// hand-edited XLIFF, a deleted review copy, other segmentation rules or another glossary, and with
// the index deleted, damaged or pointing at the wrong files, exactly the right articles are redone
// (and an unchanged one is not even parsed).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import Database from 'better-sqlite3';
import { INDEX_DB } from '../../src/project/incremental.js';
import { defaultRules, extendRules } from '../../src/segment/split.js';
import type { SegmentationRules } from '../../src/segment/split.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { RecordingEngine, reviewSegment, xlf } from '../memory/helpers.js';

const ARTICLES: Record<string, string> = {
  a: 'Перша новина про зустріч у Мінську. Делегації обговорили торгівлю.\n',
  b: 'Друга новина з Києва. Редакція перевіряє кожне повідомлення.\n',
  c: 'Третя новина про погоду. Синоптики обіцяють дощ.\n',
};

describe('incremental index', () => {
  let ws: Workspace;
  let engine: RecordingEngine;
  beforeEach(async () => {
    ws = await makeWorkspace();
    for (const [id, text] of Object.entries(ARTICLES)) await ws.write(`source-texts/${id}.txt`, text);
    engine = new RecordingEngine();
  });
  afterEach(async () => { await ws.cleanup(); });

  /** The articles a run planned and wrote (one detail line each per language), sorted. */
  async function redone(options: { segmentation?: SegmentationRules; targets?: string[]; articles?: number } = {}): Promise<string[]> {
    const reporter = collectingReporter();
    const summary = await runTranslateJob({
      cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: options.targets ?? ['en-GB'],
      engine, xliffVersion: '1.2', dryRun: false, reporter, ...(options.segmentation ? { segmentation: options.segmentation } : {}),
    });
    expect(summary.errors).toEqual([]);
    // Skipped or not, every article is counted.
    expect(summary.articles).toBe(options.articles ?? Object.keys(ARTICLES).length);
    return reporter.lines.filter((l) => l.includes(' → ')).map((l) => l.split(' → ')[0]!).sort();
  }

  it('an unchanged re-run plans nothing; each kind of change redoes exactly the articles it touches', async () => {
    expect(await redone()).toEqual(['a', 'b', 'c']);
    const first = await runSummary();
    expect(await redone()).toEqual([]);
    // The figures of a skipped run are those of a full one.
    const again = await runSummary();
    expect({ ...again, reused: undefined }).toEqual({ ...first, reused: undefined });

    await ws.write('source-texts/b.txt', 'Друга новина з Києва. Редакція перевіряє кожне нове повідомлення.\n');
    expect(await redone()).toEqual(['b']);
    expect(engine.sent.filter((s) => s.includes('нове'))).toHaveLength(1);

    // A translator's edit in the XLIFF: c is read again, and the edit kept.
    await reviewSegment(xlf(ws.dir, 'en-GB', 'c'), 'p1-1', ['Third news item about the weather.'], 'reviewed');
    expect(await redone()).toEqual(['c']);
    expect(await readFile(path.join(ws.dir, 'locales/en-GB/review/c.txt'), 'utf8')).toContain('Third news item about the weather.');

    await rm(path.join(ws.dir, 'locales/en-GB/review/a.txt'));
    expect(await redone()).toEqual(['a']);

    // Touched but identical files are still recognised.
    const same = await readFile(xlf(ws.dir, 'en-GB', 'b'), 'utf8');
    await writeFile(xlf(ws.dir, 'en-GB', 'b'), same);
    expect(await redone()).toEqual([]);

    await ws.write('source-texts/d.txt', 'Четверта новина.\n');
    expect(await redone({ articles: 4 })).toEqual(['d']);
    // A new language: every article for it, none twice.
    expect(await redone({ targets: ['en-GB', 'de'], articles: 4 })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('other segmentation rules or another glossary redo every article they apply to', async () => {
    await redone({ targets: ['en-GB', 'de'] });
    const rules = extendRules(defaultRules(), { abbreviations: { title: ['новина'] } });
    expect(await redone({ targets: ['en-GB', 'de'], segmentation: rules })).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    expect(await redone({ targets: ['en-GB', 'de'], segmentation: rules })).toEqual([]);
    await ws.write('glossaries/uk-en.tsv', 'Мінськ\tMinsk\n');
    // Only the language the glossary serves.
    expect(await redone({ targets: ['en-GB', 'de'], segmentation: rules })).toEqual(['a', 'b', 'c']);
  });

  /** The index database of the workspace (closed by the caller). */
  const indexDb = (): Database.Database => new Database(path.join(ws.dir, 'locales', '.pereklad', INDEX_DB));
  const setEntry = (article: string, entry: string): void => {
    const db = indexDb();
    db.prepare("UPDATE entries SET entry = ? WHERE kind = 'translate' AND article = ?").run(entry, article);
    db.close();
  };
  const entryOf = (article: string): string => {
    const db = indexDb();
    const row = db.prepare("SELECT entry FROM entries WHERE kind = 'translate' AND article = ?").get(article) as { entry: string };
    db.close();
    return row.entry;
  };

  it('a deleted, damaged or wrong index only costs time', async () => {
    await redone();
    const index = path.join(ws.dir, 'locales', '.pereklad', INDEX_DB);
    const saved = await readFile(index);
    await rm(index);
    expect(await redone()).toEqual(['a', 'b', 'c']);
    // Not a database at all: made again.
    await writeFile(index, 'SQLite format 3\u0000 but then nothing a database holds');
    expect(await redone()).toEqual(['a', 'b', 'c']);
    expect(await redone()).toEqual([]);
    // A damaged row: that article is redone, the others are not.
    setEntry('a', '{"source": 5}');
    expect(await redone()).toEqual(['a']);
    // An index whose entry for b is a's (right stamps, wrong source): b is redone, a is not.
    setEntry('b', entryOf('a'));
    expect(await redone()).toEqual(['b']);
    // An index from before an edit (stale): the edited article is redone.
    await writeFile(index, saved);
    await ws.write('source-texts/a.txt', 'Перша новина про зустріч у Варшаві. Делегації обговорили торгівлю.\n');
    expect(await redone()).toEqual(['a']);
  });

  it('an index that cannot be opened or written is one warning: the job is done in full, and again next time', async () => {
    // A folder where the database would be: it can be neither read nor made.
    await mkdir(path.join(ws.dir, 'locales', '.pereklad', INDEX_DB), { recursive: true });
    const sent: number[] = [];
    for (let run = 0; run < 2; run++) {
      const reporter = collectingReporter();
      const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine, xliffVersion: '1.2', dryRun: false, reporter });
      expect(summary.errors).toEqual([]);
      expect(summary.articles).toBe(3);
      const warnings = reporter.warnings.filter((l) => l.includes(INDEX_DB));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^warning: locales\/\.pereklad\/index\.sqlite: cannot be written \(.+\); the next job reads these articles again$/u);
      // Every article planned again (none sent again: their XLIFF holds the translations).
      expect(reporter.lines.filter((l) => l.includes(' → '))).toHaveLength(3);
      sent.push(engine.sent.length);
    }
    expect(sent[0]).toBeGreaterThan(0);
    expect(sent[1]).toBe(sent[0]);
  });

  it('the JSON index of an older pereklad is removed and its articles are read again', async () => {
    await ws.write('locales/.pereklad/index.json', '{"v":1,"entries":{}}\n');
    expect(await redone()).toEqual(['a', 'b', 'c']);
    await expect(readFile(path.join(ws.dir, 'locales/.pereklad/index.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await redone()).toEqual([]);
  });

  it('a source is known by its settled stamp (kept in the index); any write to it moves the stamp and redoes it', async () => {
    // Sources last written an hour ago: their stamps are settled (a fresh one is never trusted).
    const hourAgo = new Date(Date.now() - 3_600_000);
    const age = async (id: string, when = hourAgo): Promise<void> => utimes(path.join(ws.dir, `source-texts/${id}.txt`), when, when);
    for (const id of Object.keys(ARTICLES)) await age(id);
    expect(await redone()).toEqual(['a', 'b', 'c']);
    const stamps = async (): Promise<Record<string, unknown>> => {
      const db = indexDb();
      const rows = db.prepare("SELECT article, entry FROM entries WHERE kind = 'translate'").all() as Array<{ article: string; entry: string }>;
      db.close();
      return Object.fromEntries(rows.map((r) => [r.article, (JSON.parse(r.entry) as { sourceStamp?: unknown }).sourceStamp]));
    };
    expect(Object.values(await stamps()).every((s) => s !== undefined)).toBe(true);
    expect(await redone()).toEqual([]);
    // The same number of bytes, an old time again (not the same one): redone, the edit sent.
    await ws.write('source-texts/b.txt', ARTICLES.b!.replace('Києва', 'Львова'));
    await age('b', new Date(hourAgo.getTime() - 60_000));
    expect(await redone()).toEqual(['b']);
    expect(engine.sent.filter((s) => s.includes('Львова'))).toHaveLength(1);
    // A fresh write: its stamp is not kept, so the next run reads the text (and finds it unchanged).
    await ws.write('source-texts/c.txt', ARTICLES.c!.replace('дощ', 'сніг'));
    expect(await redone()).toEqual(['c']);
    expect((await stamps()).c).toBeUndefined();
    expect(await redone()).toEqual([]);
  });

  async function runSummary(): Promise<Record<string, number | undefined>> {
    const reporter = collectingReporter();
    const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine, xliffVersion: '1.2', dryRun: false, reporter });
    return { ...summary.languages['en-GB'], filesWritten: undefined, machineTranslated: undefined, sentSegments: undefined, sentCharacters: undefined, billedCharacters: undefined };
  }
});

describe('incremental index and untranslated units', () => {
  it('an article with units left for translators is planned again, so a later exact match fills them', async () => {
    const ws = await makeWorkspace();
    try {
      await ws.write('source-texts/a.txt', 'Спільне речення для обох статей.\n');
      const run = async (engine: RecordingEngine | null, include?: string[]) => {
        const reporter = collectingReporter();
        const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine, xliffVersion: '1.2', dryRun: false, reporter, ...(include ? { include } : {}) });
        return summary;
      };
      expect((await run(null)).untranslated).toBe(1);
      // Another article with the same sentence gets a translation; a, unchanged, must take it.
      await ws.write('source-texts/b.txt', 'Спільне речення для обох статей.\n');
      await run(new RecordingEngine(), ['b.txt']);
      const again = await run(null);
      expect(again.untranslated).toBe(0);
      expect(await readFile(path.join(ws.dir, 'locales/en-GB/review/a.txt'), 'utf8')).toMatch(/^EN:/u);
    } finally {
      await ws.cleanup();
    }
  });
});
