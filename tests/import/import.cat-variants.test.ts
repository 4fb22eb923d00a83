// XLIFF in the shapes memoQ, Trados, Phrase and Translate Toolkit write back (tests/fixtures/cat/):
// matched by id and source text, targets and states taken as each tool means them.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { copyFile, readFile } from 'node:fs/promises';
import { runReviewJob, reviewPagePath } from '../../src/review/run.js';
import { collectingReporter } from '../../src/project/reporter.js';
import path from 'node:path';
import type { SegmentState } from '../../src/model.js';
import { allSegments, contentText } from '../../src/model.js';
import { runImport } from '../../src/import/import.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { translatedProject } from '../kit/project.js';
import { REPO_ROOT, type Workspace } from '../helpers/workspace.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { titled } from '../helpers/requirements.js';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/cat');
let ws: Workspace;

beforeEach(async () => { ws = await translatedProject(); });
afterEach(async () => { await ws.cleanup(); });

interface Expected { text?: string; state: SegmentState; origin: 'mt' | 'human' | undefined }

async function importFixture(name: string): Promise<Map<string, Expected>> {
  const before = await readXliffFile(path.join(ws.dir, 'locales/en-GB/links.xlf'), 'links.xlf');
  await copyFile(path.join(FIXTURES, name), path.join(ws.dir, name));
  const summary = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [name] });
  expect(summary.problems).toEqual([]);
  const after = await readXliffFile(path.join(ws.dir, 'locales/en-GB/links.xlf'), 'links.xlf');
  const result = new Map<string, Expected>();
  for (const segment of allSegments(after.article)) {
    const t = after.targets.get(segment.id);
    const b = before.targets.get(segment.id);
    // Only what changed is reported; everything else must be exactly as before.
    if (t?.state === b?.state && JSON.stringify(t?.content) === JSON.stringify(b?.content)) continue;
    result.set(segment.id, { ...(t?.content ? { text: contentText(t.content, segment.codes) } : {}), state: t?.state ?? 'new', origin: t?.provenance?.origin });
  }
  // Without the checker (never under CI) the import is still tested; its name says what was left out.
  if (!noCheck) expect(xliffCheck([path.join(ws.dir, 'locales/en-GB/links.xlf')]).status).toBe(0);
  return result;
}

const noCheck = xliffCheckUnavailable();

describe(titled('import of CAT-tool variants', noCheck && `the xliff-check of the result: ${noCheck}`), () => {
  it('memoQ: mq:status is the state; a confirmed edit is a human translation, Reviewer1Confirmed is reviewed', async () => {
    const changed = await importFixture('memoq.xlf');
    expect(Object.fromEntries(changed)).toEqual({
      'p1-2': { text: 'The second sentence "in quotes".', state: 'translated', origin: 'human' },
      'p3-1': { text: 'The meeting took place on 21 June 2025.', state: 'reviewed', origin: 'human' },
      // Unchanged MT that a reviewer confirmed: reviewed, and still the engine's translation.
      'p3-2': { text: 'Ii proviv Maik Pompeo.', state: 'reviewed', origin: 'mt' },
    });
  });

  it('keeps the machine translation a person edited beside their text, through the XLIFF on disk', async () => {
    const before = await readXliffFile(path.join(ws.dir, 'locales/en-GB/links.xlf'), 'links.xlf');
    await importFixture('memoq.xlf');
    const after = await readXliffFile(path.join(ws.dir, 'locales/en-GB/links.xlf'), 'links.xlf');
    for (const id of ['p1-2', 'p3-1']) {
      const was = before.targets.get(id)!;
      const now = after.targets.get(id)!;
      expect(was.provenance?.origin).toBe('mt');
      expect(now.provenance?.origin).toBe('human');
      expect(now.mtOriginal?.content).toEqual(was.content);
      expect(now.mtOriginal?.engine).toBe(was.provenance?.engine);
    }
    // The unchanged MT a reviewer confirmed has no separate original: it is the MT.
    expect(after.targets.get('p3-2')?.mtOriginal).toBeUndefined();
    // And the review page, built from the files on disk, shows the person's edit as a diff.
    await runReviewJob({ cwd: ws.dir, localesDir: path.join(ws.dir, 'locales'), glossaryDir: path.join(ws.dir, 'glossaries'), uiLanguage: 'en', reporter: collectingReporter() });
    const page = await readFile(path.join(ws.dir, 'locales', reviewPagePath('en-GB', 'links')), 'utf8');
    expect(page).toMatch(/<del[^>]*>[^<]+<\/del>/u);
    expect(page).toMatch(/<ins[^>]*>[^<]+<\/ins>/u);
  });

  it('Trados: <mrk mtype="seg"> pieces joined, the weakest sdl:seg confirmation is the state', async () => {
    const changed = await importFixture('trados.sdlxliff');
    expect(Object.fromEntries(changed)).toEqual({
      'p1-1': { text: 'Details: https://example.org/a?b=1&c=2 and @handle, #теґ 🇺🇦 here.', state: 'translated', origin: 'human' },
      'p1-2': { text: 'The second sentence "in quotes".', state: 'final', origin: 'human' },
    });
  });

  it('Phrase XLIFF 2.0: states per segment; a segment without id is matched by its source text', async () => {
    const changed = await importFixture('phrase.xlf');
    expect(Object.fromEntries(changed)).toEqual({
      'p1-1': { text: 'Details: https://example.org/a?b=1&c=2 and @handle, #теґ 🇺🇦 here.', state: 'reviewed', origin: 'human' },
      'p1-2': { text: 'The second sentence "in quotes".', state: 'final', origin: 'human' },
      'p3-1': { text: 'A meeting happened on 21 June 2025.', state: 'translated', origin: 'human' },
    });
  });

  it('approved="yes" is reviewed; an edit with no state at all counts as reviewed too', async () => {
    const changed = await importFixture('approved.xlf');
    expect(Object.fromEntries(changed)).toEqual({
      'p3-1': { text: 'The meeting took place on 21 June 2025.', state: 'reviewed', origin: 'human' },
      'p3-2': { text: 'It was chaired by Mike Pompeo.', state: 'reviewed', origin: 'human' },
    });
  });
});
