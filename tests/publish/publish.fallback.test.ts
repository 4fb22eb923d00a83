// The source-language fallback resource holds every article, whichever languages a run publishes;
// a copy that cannot be written is one line, and the other articles are published.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
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

describe('publish on unchanged inputs', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('reads and rewrites nothing and says the same; a change or a deleted copy publishes again', async () => {
    ws = await makeWorkspace();
    const dir = ws.dir;
    await ws.write('source-texts/a.txt', 'Перша стаття.\n');
    await ws.write('source-texts/b.txt', 'Друга стаття.\n');
    expect((await runCli(['translate', '--engine', 'none', '--to', 'de'], dir)).code).toBe(0);
    await reviewSegment(xlf(dir, 'de', 'a'), 'p1-1', ['Artikel a.'], 'reviewed');
    const copy = path.join(dir, 'publish/de/a.txt');
    const first = await runCli(['publish', '--to', 'de', '--verbose'], dir);
    expect(first.code, first.stderr).toBe(0);
    const stamp = (await stat(copy)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const again = await runCli(['publish', '--to', 'de', '--verbose'], dir);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toBe(first.stderr);
    // The copy holds the publish date: an unchanged run that rendered it again would rewrite it.
    expect((await stat(copy)).mtimeMs).toBe(stamp);
    // b reviewed: published now.
    await reviewSegment(xlf(dir, 'de', 'b'), 'p1-1', ['Artikel b.'], 'reviewed');
    expect((await runCli(['publish', '--to', 'de'], dir)).code).toBe(0);
    expect(await readFile(path.join(dir, 'publish/de/b.txt'), 'utf8')).toContain('Artikel b.');
    // A deleted copy is written again.
    await rm(copy);
    expect((await runCli(['publish', '--to', 'de'], dir)).code).toBe(0);
    expect(await readFile(copy, 'utf8')).toContain('Artikel a.');
  });
});
