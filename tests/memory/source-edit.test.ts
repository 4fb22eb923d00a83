// Source edits that keep reviewed work: a reviewed sentence whose source gets a fix that touches no
// word keeps its translation (needing review, "still correct?" on the page); a change of words gets
// MT, with the reviewed translation shown as the previous version and the source change as a diff.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { parseXliff } from '../../src/xliff/read.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { reviewView } from '../../src/review/view.js';
import { renderReviewPage } from '../../src/review/page.js';
import { uiText } from '../../src/review/i18n.js';
import { touchesNoWord } from '../../src/memory/source-edit.js';
import type { SourceEditOptions } from '../../src/memory/source-edit.js';
import { RecordingEngine, reviewSegment, xlf } from './helpers.js';

const S1 = 'Зустріч відбулася у Палаці Незалежности в Мінську.';
const S2 = 'У переговорах взяли участь делегації обох сторін.';
const HUMAN = 'The meeting took place at the Palace of Independence in Minsk.';

async function translate(dir: string, engine: RecordingEngine, sourceEdits?: SourceEditOptions): Promise<void> {
  const summary = await runTranslateJob({
    cwd: dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine, xliffVersion: '1.2', dryRun: false,
    reporter: collectingReporter(), ...(sourceEdits ? { sourceEdits } : {}),
  });
  expect(summary.errors).toEqual([]);
}

describe('source edits of reviewed sentences', () => {
  let ws: Workspace;
  let engine: RecordingEngine;
  beforeEach(async () => {
    ws = await makeWorkspace();
    engine = new RecordingEngine();
    await ws.write('source-texts/a.txt', `${S1} ${S2}\n`);
    await translate(ws.dir, engine);
    await reviewSegment(xlf(ws.dir, 'en-GB', 'a'), 'p1-1', [HUMAN], 'reviewed');
    engine.sent.length = 0;
  });
  afterEach(async () => { await ws.cleanup(); });

  const stored = async () => parseXliff(await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8'), 'a.xlf');

  for (const [what, edited] of [
    ['a punctuation fix', 'Зустріч відбулася у Палаці Незалежности, в Мінську.'],
    ['quotes and whitespace', 'Зустріч  відбулася у «Палаці Незалежности» в Мінську.'],
    ['a one-letter typo fix (the other spelling)', 'Зустріч відбулася у Палаці Незалежності в Мінську.'],
  ] as const) {
    it(`${what}: the reviewed translation stays the target, needing review, and nothing is sent to MT`, async () => {
      await ws.write('source-texts/a.txt', `${edited} ${S2}\n`);
      await translate(ws.dir, engine);
      expect(engine.sent).toEqual([]);
      const doc = await stored();
      const target = doc.targets.get('p1-1')!;
      expect(target.content).toEqual([HUMAN]);
      expect(target.state).toBe('translated');
      expect(target.provenance?.origin).toBe('human');
      expect(target.matches?.find((m) => m.kind === 'previous')?.state).toBe('reviewed');
      // The page shows it as kept and asks whether it is still correct, with the source change.
      const view = reviewView(doc, new Map());
      const seg = view.blocks[0]!.segments[0]!;
      expect(seg.state).toBe('translated');
      expect(seg.attention).toBe(true);
      expect(seg.previousVersion?.kept).toBe(true);
      expect(seg.previousVersion?.sourceDiff.some((p) => p.kind !== 'same')).toBe(true);
      expect(renderReviewPage(view, uiText('en'), { index: 'index.html' })).toContain('Still correct?');
    });
  }

  it('a word change: MT is the new target, the reviewed translation is the previous version with the source diff', async () => {
    await ws.write('source-texts/a.txt', `Зустріч відбулася вчора у Палаці Незалежности в Мінську. ${S2}\n`);
    await translate(ws.dir, engine);
    expect(engine.sent).toHaveLength(1);
    const doc = await stored();
    const target = doc.targets.get('p1-1')!;
    expect(target.provenance?.origin).toBe('mt');
    expect(target.content).not.toEqual([HUMAN]);
    const seg = reviewView(doc, new Map()).blocks[0]!.segments[0]!;
    expect(seg.state).toBe('mt');
    expect(seg.previousVersion).toMatchObject({ target: HUMAN, kept: false, state: 'reviewed' });
    expect(seg.previousVersion!.sourceDiff.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['вчора']);
    expect(seg.previousVersion!.sourceDiff.filter((p) => p.kind === 'removed')).toEqual([]);
    const html = renderReviewPage(reviewView(doc, new Map()), uiText('uk'), { index: 'index.html' });
    expect(html).toContain(HUMAN);
    expect(html).toContain('Як змінився оригінал');
  });

  it('the typo threshold is the config\'s: 0 sends a one-letter fix to MT (the reviewed one kept as previous)', async () => {
    await ws.write('source-texts/a.txt', `Зустріч відбулася у Палаці Незалежності в Мінську. ${S2}\n`);
    await translate(ws.dir, engine, { typoMaxEdits: 0 });
    expect(engine.sent).toHaveLength(1);
    const target = (await stored()).targets.get('p1-1')!;
    expect(target.provenance?.origin).toBe('mt');
    expect(target.matches?.find((m) => m.kind === 'previous')?.target).toEqual([HUMAN]);
  });

  it('tells word changes from changes that touch no word', () => {
    expect(touchesNoWord(['Кіт Келлог прибув.'], ['Кіт Келлог прибув!'])).toBe(true);
    expect(touchesNoWord(['Кіт Келлог прибув.'], ['Кіт Келлог не прибув.'])).toBe(false);
    // A short word differing by one letter is another word (на / не), not a typo.
    expect(touchesNoWord(['на зустрічі'], ['не зустрічі'])).toBe(false);
    expect(touchesNoWord(['Лукашенко'], ['Лукашенка'], { typoMaxEdits: 0 })).toBe(false);
  });
});
