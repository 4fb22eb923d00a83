// The TMX export as OmegaT uses it: in a project's tm/auto/, OmegaT 3.6 in console mode inserts
// our translations as 100% matches (tags in its notation), and the same file re-imports into
// pereklad without loss.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { runCli } from '../helpers/run-cli.js';
import { xliffCheck } from '../helpers/xliff-check.js';
import { missing } from '../helpers/requirements.js';
import { parseXliff } from '../../src/xliff/read.js';
import { allSegments, contentText } from '../../src/model.js';
import { readTmx } from '../../src/memory/tmx.js';
import { RecordingEngine, reviewSegment, translate, xlf } from './helpers.js';

const unavailable = missing('xliff-check', 'omegat');
const skip = unavailable !== undefined;
const ARTICLE = '2025-06/lukashenko-kellogg-minsk';

describe.skipIf(skip)(`TMX export in OmegaT 3.6${skip ? ` (skipped: ${unavailable})` : ''}`, () => {
  let ws: Workspace;
  let tmx: string;
  beforeAll(async () => {
    ws = await makeWorkspace();
    await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
    await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, `source-texts/${ARTICLE}.txt`));
    await ws.write('source-texts/links.txt', '@handle пише про #теґ сьогодні: https://example.org/a?b=1&c=2 🇺🇦\n\nДеталі: https://example.org та @handle, «лапки» & <кутові> дужки.\n');
    await translate(ws.dir, new RecordingEngine());
    await reviewSegment(xlf(ws.dir, 'en-GB', 'links'), 'p2-1', ['Details: ', { code: '1' }, ' and ', { code: '2' }, ', "quotes" & <angle> brackets.'], 'reviewed');
    const out = await runCli(['tm', 'export', '--out', 'memory.tmx'], ws.dir);
    expect(out.code).toBe(0);
    tmx = await readFile(path.join(ws.dir, 'memory.tmx'), 'utf8');
  }, 60_000);
  afterAll(async () => { await ws.cleanup(); });

  it('OmegaT inserts every exported translation into the matching segments', async () => {
    // OmegaT 3.6 translates the text of <target>: give it the units with the source copied there.
    const blank = await runCli(['translate', '--engine', 'none', '--locales', 'blank'], ws.dir);
    expect(blank.code).toBe(0);
    const expected = new Map<string, string>();
    const outDir = path.join(ws.dir, 'omegat-out');
    await mkdir(outDir);
    const ids = [ARTICLE, 'links'];
    const files: string[] = [];
    for (const id of ids) {
      const source = await readFile(path.join(ws.dir, 'blank/en-GB', `${id}.xlf`), 'utf8');
      const prefilled = source.replace(/(<source>(.*?)<\/source>)/gu, '$1\n          <target>$2</target>');
      files.push(await ws.write(`omegat-in/${path.basename(id)}.xlf`, prefilled));
      const ours = parseXliff(await readFile(xlf(ws.dir, 'en-GB', id), 'utf8'), 'x.xlf');
      for (const block of ours.article.blocks) {
        if (block.kind === 'foreign') continue;
        for (const s of block.segments) {
          const t = ours.targets.get(s.id);
          if (t?.content) expected.set(`${path.basename(id)}#${s.id}`, contentText(t.content, s.codes));
        }
      }
    }
    const check = xliffCheck(files, ['--omegat', '--out', outDir, '--tmx', path.join(ws.dir, 'memory.tmx')]);
    expect(check.output).toMatch(/xliff-check: 2 passed, 0 failed/);
    let inserted = 0;
    for (const id of ids) {
      const translated = parseXliff(await readFile(path.join(outDir, `${path.basename(id)}.xlf`), 'utf8'), 'omegat.xlf');
      for (const s of allSegments(translated.article)) {
        const want = expected.get(`${path.basename(id)}#${s.id}`);
        if (want === undefined) continue;
        const got = translated.targets.get(s.id)?.content;
        expect(got && contentText(got, s.codes), `${id} ${s.id}`).toBe(want);
        inserted++;
      }
    }
    expect(inserted).toBe(expected.size);
    expect(expected.size).toBeGreaterThan(10);
  }, 60_000);

  it('re-imports into pereklad without loss', async () => {
    const other = await makeWorkspace();
    try {
      await other.write('incoming/memory.tmx', tmx);
      const imported = await runCli(['tm', 'import', 'incoming/memory.tmx'], other.dir);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/imported: \d+ translations/u);
      const again = await runCli(['tm', 'export'], other.dir);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(tmx);
      expect(readTmx(again.stdout, 'b.tmx').entries).toEqual(readTmx(tmx, 'a.tmx').entries);
    } finally {
      await other.cleanup();
    }
  });
});
