// The translation memory on disk (locales/.pereklad/memory.sqlite, src/memory/disk.ts) is a cache
// of what the project's files hold: it must offer exactly what the memory read from the files
// offers, follow every change to those files (a hand-edited, added or removed XLIFF), never be
// written by a reader, and cost only time when it is damaged or cannot be used.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allSegments, type Segment } from '../../src/model.js';
import { loadMemory, openMemory } from '../../src/memory/store.js';
import { contextOf, lookupMemory, TranslationMemory, type MemoryIndex, type TmEntry } from '../../src/memory/tm.js';
import { DiskMemory, MEMORY_DB, MEMORY_SCHEMA } from '../../src/memory/disk.js';
import { openCache } from '../../src/project/database.js';
import { readArticle } from '../../src/formats/registry.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { RecordingEngine, reviewSegment, translate, xlf } from './helpers.js';

const PLACES = ['Києві', 'Львові', 'Одесі', 'Харкові', 'Дніпрі', 'Полтаві'];
const article = (i: number): string =>
  `Уряд ухвалив рішення про ремонт доріг у ${PLACES[i % PLACES.length]}. Роботи почнуться ${i + 1} березня.\n\n` +
  `Мер міста сказав, що ${i + 10} бригад працюватимуть щодня. Це найбільший ремонт за ${i + 3} роки.\n`;

/** Sentences a new article might bring: some in the memory as they are, some near neighbours. */
const QUERIES = readArticle(
  `${article(2)}\nУряд ухвалив рішення про ремонт мостів у Києві. Мер міста сказав, що 15 бригад працюватимуть щоночі.\n`,
  'query', 'query.txt', {},
);

function offers(memory: MemoryIndex): string[] {
  const segments: Segment[] = [...allSegments(QUERIES)];
  return segments.map((s, i) => JSON.stringify(lookupMemory(memory, s, 'en-GB', contextOf(segments, i))));
}

const sha = async (file: string): Promise<string> => createHash('sha256').update(await readFile(file)).digest('hex');

describe('translation memory on disk', () => {
  let ws: Workspace;
  let dbFile: string;
  const options = (): { cwd: string; localesDir: string; tmDir: string } => ({ cwd: ws.dir, localesDir: path.join(ws.dir, 'locales'), tmDir: path.join(ws.dir, 'tm') });
  const fromFiles = async (): Promise<string[]> => offers((await loadMemory(options())).memory);
  const fromDisk = async (mode: 'read' | 'write', warnings: string[] = []): Promise<string[]> => {
    const opened = await openMemory(options(), mode, (line) => warnings.push(line));
    try {
      expect(opened.memory).toBeInstanceOf(DiskMemory);
      return offers(opened.memory);
    } finally {
      opened.close();
    }
  };

  beforeEach(async () => {
    ws = await makeWorkspace();
    for (let i = 0; i < 12; i++) await ws.write(`source-texts/a${i}.txt`, article(i));
    dbFile = path.join(ws.dir, 'locales/.pereklad', MEMORY_DB);
    const first = await translate(ws.dir, new RecordingEngine());
    expect(first.summary.errors).toEqual([]);
  });
  afterEach(async () => { await ws.cleanup(); });

  it('offers what the memory read from the files offers: the same exact and fuzzy matches, in the same order', async () => {
    const expected = await fromFiles();
    // Something to offer: exact matches and near neighbours.
    expect(expected.some((o) => o.includes('"exact"'))).toBe(true);
    expect(expected.some((o) => o.includes('"fuzzy"'))).toBe(true);
    expect(await fromDisk('write')).toEqual(expected);
    expect(await fromDisk('read')).toEqual(expected);
  });

  it('follows every change to the files; a reader sees it too, and never writes the memory file', async () => {
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a2'), 'p1-1', ['The government decided to repair the roads of Kyiv (reviewed).'], 'reviewed');
    await rm(xlf(ws.dir, 'en-GB', 'a3'));
    await ws.write('locales/en-GB/extra.xlf', await readFile(xlf(ws.dir, 'en-GB', 'a4'), 'utf8'));
    const expected = await fromFiles();
    expect(expected.join('\n')).toContain('(reviewed)');
    const before = await sha(dbFile);
    expect(await fromDisk('read')).toEqual(expected);
    expect(await sha(dbFile)).toBe(before);
    // The next writer brings the file up to date; readers then agree with it.
    expect(await fromDisk('write')).toEqual(expected);
    expect(await sha(dbFile)).not.toBe(before);
    expect(await fromDisk('read')).toEqual(expected);
  });

  it('a job sees the memory as it was when it started; the next job sees what it wrote', async () => {
    const db = (await openCache(path.join(ws.dir, 'locales'), MEMORY_DB, MEMORY_SCHEMA, 'write'))!;
    const job = new DiskMemory(db, true);
    const segment = [...allSegments(QUERIES)][0]!;
    const lookup = (m: MemoryIndex) => lookupMemory(m, segment, 'en-GB', undefined).exact?.entry.target;
    const before = lookup(job);
    expect(before).toBeDefined();
    job.record({ path: path.join('en-GB', 'a2.xlf'), stamp: 'new', problems: [], entries: [{ lang: 'en-GB', source: segment.content, codes: segment.codes, target: ['Written by this job.'], state: 'reviewed', provenance: { origin: 'human' }, origin: 'locales/en-GB/a2.xlf', codesKnown: true }] });
    job.flush();
    expect(lookup(job)).toEqual(before);
    const next = new DiskMemory(db, true);
    expect(lookup(next)).toEqual(['Written by this job.']);
    db.close();
  });

  it('a damaged memory file only costs time: it is made again and gives the same offers', async () => {
    const expected = await fromFiles();
    await writeFile(dbFile, 'this is not a database, it was damaged by a copy tool\n'.repeat(100));
    await rm(`${dbFile}-wal`, { force: true });
    // A job with something to plan opens the memory.
    await ws.write('source-texts/new.txt', 'Зовсім інша новина.\n');
    const again = await translate(ws.dir, new RecordingEngine());
    expect(again.summary.errors).toEqual([]);
    expect([...again.reporter.warnings, ...again.reporter.lines].filter((l) => l.includes('memory.sqlite'))).toEqual([]);
    expect(await fromDisk('read')).toEqual(expected);
  });

  it('a memory file that cannot be used costs one warning, and the job is the same without it', async () => {
    await rm(dbFile);
    await mkdir(path.join(dbFile, 'in-the-way'), { recursive: true });
    await ws.write('source-texts/new.txt', 'Уряд ухвалив рішення про ремонт доріг у Києві. Роботи почнуться 29 квітня.\n');
    const engine = new RecordingEngine();
    const run = await translate(ws.dir, engine);
    expect(run.summary.errors).toEqual([]);
    const warnings = run.reporter.warnings.filter((l) => l.includes('memory.sqlite'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: locales\/\.pereklad\/memory\.sqlite: cannot be used \(.+\); the memory is read from the files$/u);
    // The exact match came from the memory all the same: only the new sentence was sent.
    expect(engine.sent).toEqual(['Роботи почнуться 29 квітня.']);
  });

  it('texts past the first 1,024 distinct characters (its trigram codes) are found all the same, alone or sharing trigrams with coded ones', async () => {
    const db = (await openCache(path.join(ws.dir, 'locales'), MEMORY_DB, MEMORY_SCHEMA, 'write'))!;
    // 1,200 distinct CJK characters, in sentences that also hold Ukrainian words: their shared
    // trigrams are gathered both as codes (from the Ukrainian sentences) and as text.
    const cjk = (i: number): string => Array.from({ length: 40 }, (_, k) => String.fromCharCode(0x4e00 + ((i * 40 + k) % 1200))).join('');
    const sources = [
      ...Array.from({ length: 30 }, (_, i) => `Міністр оборони провів нараду в Києві щодо постачання техніки номер ${i}.`),
      ...Array.from({ length: 30 }, (_, i) => `Міністр оборони провів нараду ${cjk(i)} номер ${i}.`),
      'Міністр оборони провів нараду в Києві щодо постачання техніки номер 99.',
    ];
    const entries: TmEntry[] = sources.map((source, i) => ({ lang: 'en-GB', source: [source], codes: [], target: [`Translation ${i}.`], state: 'translated', provenance: { origin: 'mt', engine: 'test' }, origin: 'locales/en-GB/cjk.xlf', codesKnown: true }));
    const written = new DiskMemory(db, true);
    written.record({ path: 'en-GB/cjk.xlf', stamp: 'x', problems: [], entries });
    written.flush();
    const disk = new DiskMemory(db, false);
    const inMemory = new TranslationMemory();
    for (const entry of entries) inMemory.add(entry);
    for (const query of [
      'Міністр оборони провів нараду в Києві щодо постачання техніки номер 7!',
      `Міністр оборони провів нараду ${cjk(3)} номер 3!`,
      `Міністр оборони провів нараду ${cjk(29)} номер 12.`,
    ]) {
      const norm = query.toLowerCase();
      const found = disk.fuzzyCandidates(norm, 'en-GB', 70, 5).map((c) => [c.item.target, c.score]);
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(inMemory.fuzzyCandidates(norm, 'en-GB', 70, 5).map((c) => [c.item.target, c.score]));
    }
    db.close();
  });
});
