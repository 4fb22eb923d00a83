// `review` on unchanged inputs does no work and rewrites nothing: a page whose XLIFF, glossary,
// page language and pereklad version are the same is neither read nor rendered again, and the
// index keeps its date; a changed XLIFF or glossary redoes exactly the pages it touches; deleting
// the index only costs time.
import { describe, it, expect, afterEach } from 'vitest';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { reviewSegment, xlf } from '../memory/helpers.js';

describe('review on unchanged inputs', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('rewrites nothing, then only what an edit or a glossary change touches', async () => {
    ws = await makeWorkspace();
    const dir = ws.dir;
    await ws.write('source-texts/a.txt', 'Перше речення про Київ.\n');
    await ws.write('source-texts/b.txt', 'Друге речення про Львів.\n');
    expect((await runCli(['translate', '--to', 'de', '--engine', 'pseudo'], dir)).code).toBe(0);
    // A person's translation of b, without the name the glossary will ask for.
    await reviewSegment(xlf(dir, 'de', 'b'), 'p1-1', ['Zweiter Satz über Lemberg.'], 'translated');
    const page = (id: string): string => path.join(dir, `locales/de/review/${id}.html`);
    const index = path.join(dir, 'locales/review/index.html');
    const mtimes = async (): Promise<number[]> => Promise.all([page('a'), page('b'), index].map(async (f) => (await stat(f)).mtimeMs));
    expect((await runCli(['review', '--to', 'de'], dir)).code).toBe(0);
    const first = await mtimes();
    const firstIndex = await readFile(index, 'utf8');
    await new Promise((r) => setTimeout(r, 20));
    expect((await runCli(['review', '--to', 'de'], dir)).code).toBe(0);
    expect(await mtimes()).toEqual(first);
    expect(await readFile(index, 'utf8')).toBe(firstIndex);

    // A reviewer's change to a: its page and the index, not b's.
    await reviewSegment(xlf(dir, 'de', 'a'), 'p1-1', ['Erster Satz über Kyjiw.'], 'reviewed');
    expect((await runCli(['review', '--to', 'de'], dir)).code).toBe(0);
    const [a, b, i] = await mtimes();
    expect(a).not.toBe(first[0]);
    expect(b).toBe(first[1]);
    expect(i).not.toBe(first[2]);
    expect(await readFile(page('a'), 'utf8')).toContain('Erster Satz über Kyjiw.');

    // An index edited by hand (its footer kept) is written again; a deleted one too.
    const made = await readFile(index, 'utf8');
    await writeFile(index, made.replace('<tbody>', '<tbody><tr><td>stray</td></tr>'));
    expect((await runCli(['review', '--to', 'de'], dir)).code).toBe(0);
    expect(await readFile(index, 'utf8')).not.toContain('stray');
    await rm(index);
    expect((await runCli(['review', '--to', 'de'], dir)).code).toBe(0);
    expect((await readFile(index, 'utf8')).replace(/data-generated="[^"]+"[^<]*</u, '')).toBe(made.replace(/data-generated="[^"]+"[^<]*</u, ''));

    // A glossary change touches every page's QA: each is rendered again (and shows the finding).
    await ws.write('glossaries/uk-de.tsv', 'Львів\tLwiw\n');
    expect((await runCli(['review', '--to', 'de'], dir)).code).toBe(0);
    expect(await readFile(page('b'), 'utf8')).toContain('Lwiw');

    // The index is a cache: without it the same pages come out.
    const pages = await Promise.all([page('a'), page('b')].map((f) => readFile(f, 'utf8')));
    await rm(path.join(dir, 'locales/.pereklad/index.sqlite'));
    expect((await runCli(['review', '--to', 'de'], dir)).code).toBe(0);
    expect(await Promise.all([page('a'), page('b')].map((f) => readFile(f, 'utf8')))).toEqual(pages);
  });
});
