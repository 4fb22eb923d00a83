// A target whose inline code its source does not have is refused where the file is read, with
// its line, so review and publish report the file instead of failing on it.
import { describe, it, expect, afterEach } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseXliff } from '../../src/xliff/read.js';
import { BadInputError } from '../../src/errors.js';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';

describe('a target with an inline code its source lacks', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('is a bad file, reported with its line by review; the command goes on', async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Деталі на https://example.org/x сьогодні.\n');
    await ws.write('source-texts/b.txt', 'Інша стаття.\n');
    expect((await runCli(['translate', '--engine', 'pseudo'], ws.dir)).code).toBe(0);
    const file = path.join(ws.dir, 'locales/en-GB/a.xlf');
    const text = (await readFile(file, 'utf8')).replace(/(<target[^>]*>)/u, '$1<ph id="9" ctype="x-url">https://evil.example</ph>');
    await writeFile(file, text);
    const line = text.slice(0, text.indexOf('id="9"')).split('\n').length;
    expect(() => parseXliff(text, 'a.xlf')).toThrow(BadInputError);
    expect(() => parseXliff(text, 'a.xlf')).toThrow(new RegExp(`a\\.xlf:${line}.*inline code.*id="9"`, 'u'));
    const review = await runCli(['review', '--verbose'], ws.dir);
    expect(review.code).toBe(1);
    expect(review.stderr).toMatch(/a\.xlf:\d+.*inline code/u);
    expect(review.stderr).not.toMatch(/unexpected failure/u);
    expect(review.stdout).toMatch(/b → en-GB/u);
  });
});
