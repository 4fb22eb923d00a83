// `pereklad status`: counts per article and language, and a billing estimate that matches what
// `translate` then bills.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { startFakeDeepL, defaultFakeTranslate, type FakeDeepL } from '../helpers/fake-deepl.js';
import { reviewSegment, xlf } from '../memory/helpers.js';

const KEY = 'test-key:fx';

function counts(line: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of (line ?? '').matchAll(/(\d+) (segments|new|MT|translated|reviewed|final)\b/gu)) out[m[2]!] = Number(m[1]);
  return out;
}

describe('pereklad status', () => {
  let ws: Workspace;
  let fake: FakeDeepL;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Перше речення статті. Друге речення статті.\n\nТретє речення статті.\n');
    await ws.write('source-texts/b.txt', 'Перше речення статті.\n\nЗовсім нове речення.\n');
    fake = await startFakeDeepL({ keys: [KEY] });
  });
  afterEach(async () => {
    await fake.close();
    await ws.cleanup();
  });
  const env = (): Record<string, string> => ({ DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });

  it('counts states per article and language and predicts the bill to finish', async () => {
    await ws.write('source-texts/b.txt', 'Перше речення статті.\n');
    expect((await runCli(['translate', '--to', 'en-GB,de', '--include', 'a.txt'], ws.dir, env())).code).toBe(0);
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p1-1', ['The first sentence of the article.'], 'reviewed');
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p2-1', ['The third sentence of the article.'], 'final');
    await ws.write('source-texts/b.txt', 'Перше речення статті.\n\nЗовсім нове речення.\n');

    const status = await runCli(['status', '--to', 'en-GB,de', '--verbose'], ws.dir);
    expect(status.code).toBe(0);
    const lines = status.stdout.trim().split('\n');
    expect(counts(lines.find((l) => l.startsWith('a → en-GB')))).toEqual({ segments: 3, new: 0, MT: 1, translated: 0, reviewed: 1, final: 1 });
    expect(counts(lines.find((l) => l.startsWith('a → de')))).toEqual({ segments: 3, new: 0, MT: 3, translated: 0, reviewed: 0, final: 0 });
    // b's first sentence is an exact memory match (a translation that still needs review), its second is new.
    expect(counts(lines.find((l) => l.startsWith('b → en-GB')))).toEqual({ segments: 2, new: 1, MT: 0, translated: 1, reviewed: 0, final: 0 });
    const predicted = Number(status.stdout.match(/bill ([\d,]+) characters/u)?.[1]?.replaceAll(',', ''));
    expect(predicted).toBeGreaterThan(0);

    const billed = fake.billedCharacters;
    expect((await runCli(['translate', '--to', 'en-GB,de'], ws.dir, env())).code).toBe(0);
    expect(fake.billedCharacters - billed).toBe(predicted);
    const done = await runCli(['status', '--to', 'en-GB,de'], ws.dir);
    expect(done.stdout).toMatch(/0 new.*bill 0 characters/su);
  });

  it('reports a corrupt XLIFF with file and line and exits 1', async () => {
    expect((await runCli(['translate', '--engine', 'none'], ws.dir)).code).toBe(0);
    await ws.write('locales/en-GB/a.xlf', '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file>\n</xliff>\n');
    const status = await runCli(['status', '--verbose'], ws.dir);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/locales\/en-GB\/a\.xlf:4:\d+: /u);
    expect(status.stdout).toMatch(/^b → en-GB: /mu);
  });

  it('status, translate --dry-run and translate plan with one code: the same segments and characters, whatever the engine\'s journal and failures hold', async () => {
    // Carried over, held back after a failure, an answer a killed run paid for (the journal), new
    // sentences: all three plan them alike.
    // An answer DeepL gives that cannot be stored: recorded as a failure, held back from then on.
    await fake.close();
    fake = await startFakeDeepL({ keys: [KEY], translate: (text, req) => (text.includes('Отруйне') ? 'Bad \u0001 answer.' : defaultFakeTranslate(text, req)) });
    await ws.write('source-texts/e.txt', 'Отруйне речення тут.\n');
    expect((await runCli(['translate', '--to', 'de', '--include', 'a.txt', 'e.txt'], ws.dir, env())).code).toBe(1);
    await ws.write('source-texts/c.txt', 'Речення з журналу. Ще одне речення тут.\n');
    const killed = await runCli(['translate', '--to', 'de'], ws.dir, { ...env(), PEREKLAD_CRASH_AT: 'journal:1' });
    expect(killed.code).not.toBe(0);
    await ws.write('source-texts/d.txt', 'Цілком нове речення для всіх.\n');
    const json = (r: { stdout: string }): { totals: Record<string, number> } => JSON.parse(r.stdout) as { totals: Record<string, number> };
    const status = json(await runCli(['status', '--to', 'de', '--json'], ws.dir, env()));
    const dry = json(await runCli(['translate', '--to', 'de', '--dry-run', '--json'], ws.dir, env()));
    const before = fake.billedCharacters;
    const real = json(await runCli(['translate', '--to', 'de', '--json'], ws.dir, env()));
    expect(status.totals.sentSegments).toBeGreaterThan(0);
    // d.txt's one sentence and c.txt's second (the killed run journaled the first batch only, or
    // both): never the held-back one.
    expect(status.totals.new).toBeGreaterThan(status.totals.sentSegments!);
    expect(dry.totals.sentSegments).toBe(status.totals.sentSegments);
    expect(real.totals.sentSegments).toBe(status.totals.sentSegments);
    expect(dry.totals.billedCharacters).toBe(status.totals.billedCharacters);
    expect(fake.billedCharacters - before).toBe(status.totals.billedCharacters);
    // Done: nothing left to send, and the counts from the index are the counts of a fresh plan.
    const after = json(await runCli(['status', '--to', 'de', '--json'], ws.dir, env()));
    expect(after.totals.sentSegments).toBe(0);
    await rm(path.join(ws.dir, 'locales/.pereklad/index.sqlite'));
    const fresh = json(await runCli(['status', '--to', 'de', '--json'], ws.dir, env()));
    expect(fresh.totals).toEqual(after.totals);
  });
});
