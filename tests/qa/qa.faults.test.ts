// `qa` under the one fault policy (a file it cannot check is one error line naming it, and the line
// where it has one; the other files are still checked; exit 1), and on unchanged inputs (no work).
import { describe, it, expect, afterEach } from 'vitest';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { reviewSegment, xlf } from '../memory/helpers.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';

describe('qa faults', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('a broken XLIFF is one line; the others are checked; exit 1', async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Перше речення статті тут.\n');
    await ws.write('source-texts/b.txt', 'Друге речення статті тут.\n');
    expect((await runCli(['translate', '--to', 'de', '--engine', 'none'], ws.dir)).code).toBe(0);
    await ws.write('locales/de/a.xlf', '<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n');
    const qa = await runCli(['qa', '--to', 'de', '--untranslated'], ws.dir);
    expect(qa.code).toBe(1);
    const errors = qa.stderr.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: locales\/de\/a\.xlf(:\d+)*: /u);
    expect(qa.stderr).not.toMatch(/\n\s+at /u);
    // b was checked all the same: its untranslated unit is a finding.
    expect(qa.stdout).toMatch(/^locales\/de\/b\.xlf: p1-1: /mu);
    expect(qa.stdout).toMatch(/qa: 1 file could not be checked/u);
  });
});

describe('qa on unchanged inputs', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('reads and rewrites nothing, says the same findings; an edited file or glossary is checked again', async () => {
    ws = await makeWorkspace();
    const dir = ws.dir;
    await ws.write('source-texts/a.txt', 'Зустріч у Львові відбулася вчора.\n');
    await ws.write('source-texts/b.txt', 'Новини з Києва надходять щогодини.\n');
    expect((await runCli(['translate', '--to', 'de', '--engine', 'none'], dir)).code).toBe(0);
    const files = ['locales/de/a.xlf', 'locales/de/b.xlf'].map((f) => path.join(dir, f));
    const first = await runCli(['qa', '--to', 'de', '--untranslated'], dir);
    const stamps = await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
    const again = await runCli(['qa', '--to', 'de', '--untranslated'], dir);
    expect(again.stdout).toBe(first.stdout);
    expect(await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs))).toEqual(stamps);
    // A translator's target on a: its findings change; b's do not.
    await reviewSegment(xlf(dir, 'de', 'a'), 'p1-1', ['Das Treffen in Lwiw fand gestern statt.'], 'translated');
    const edited = await runCli(['qa', '--to', 'de', '--untranslated'], dir);
    expect(edited.stdout).not.toMatch(/^locales\/de\/a\.xlf: p1-1: warning untranslated/mu);
    expect(edited.stdout).toMatch(/^locales\/de\/b\.xlf: p1-1: warning untranslated/mu);
    // A glossary the check must apply now: a is checked again and the term found missing.
    await ws.write('glossaries/uk-de.tsv', 'Львів\tLemberg\n');
    expect((await runCli(['qa', '--to', 'de'], dir)).stdout).toMatch(/^locales\/de\/a\.xlf: p1-1: .*Lemberg/mu);
    // The index is a cache: without it, the same findings.
    const withIndex = await runCli(['qa', '--to', 'de', '--untranslated'], dir);
    await rm(path.join(dir, 'locales/.pereklad/index.sqlite'));
    expect((await runCli(['qa', '--to', 'de', '--untranslated'], dir)).stdout).toBe(withIndex.stdout);
  });
});
