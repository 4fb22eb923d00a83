// The source-language fallback resource holds every article, whichever languages a run publishes;
// a copy that cannot be written is one line, and the other articles are published.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { reviewSegment, xlf } from '../memory/helpers.js';

describe('publish --to one language', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('keeps every article in the uk fallback', async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Перша стаття.\n');
    await ws.write('source-texts/b.txt', 'Друга стаття.\n');
    expect((await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB', '--include', 'a.txt'], ws.dir)).code).toBe(0);
    expect((await runCli(['translate', '--engine', 'pseudo', '--to', 'de', '--include', 'b.txt'], ws.dir)).code).toBe(0);
    expect((await runCli(['publish', '--to', 'de'], ws.dir)).code).toBe(0);
    const fallback = JSON.parse(await readFile(path.join(ws.dir, 'locales/uk/articles.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(fallback).sort()).toEqual(['a', 'b']);
    // The other language's resource is not written by a run that did not publish it.
    await expect(readFile(path.join(ws.dir, 'locales/en-GB/articles.json'), 'utf8')).rejects.toThrow();
    const none = await runCli(['publish', '--to', 'pl'], ws.dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no XLIFF files for pl/u);
  });
});

describe('publish faults', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('a copy that cannot be written is one line naming it; the other articles are published; exit 1', async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Перша стаття.\n');
    await ws.write('source-texts/b.txt', 'Друга стаття.\n');
    expect((await runCli(['translate', '--engine', 'none', '--to', 'de'], ws.dir)).code).toBe(0);
    for (const id of ['a', 'b']) await reviewSegment(xlf(ws.dir, 'de', id), 'p1-1', [`Artikel ${id}.`], 'reviewed');
    // A folder where a's text copy should go: EISDIR for that file only.
    await mkdir(path.join(ws.dir, 'publish/de/a.txt'), { recursive: true });
    const r = await runCli(['publish', '--to', 'de'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: publish\/de\/a\.txt: .*EISDIR.*; a → de not published$/u)]);
    expect(await readFile(path.join(ws.dir, 'publish/de/b.txt'), 'utf8')).toContain('Artikel b.');
  });
});
