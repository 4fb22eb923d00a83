// Post-editing with the real OmegaT 3.6 (console mode): the kit must leave machine translations and
// untranslated segments as OmegaT's "remaining" work, count reviewed ones as done, and the import
// must understand a translator who confirmed an MT sentence unchanged, and work saved in OmegaT
// but never exported to target/.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Content, Segment, TranslatedArticle } from '../../src/model.js';
import { allSegments, contentText } from '../../src/model.js';
import { makeKit } from '../../src/kit/kit.js';
import { runImport } from '../../src/import/import.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { xliff12 } from '../../src/xliff/xliff12.js';
import { toOmegatNotation } from '../../src/memory/tmx.js';
import { escapeText } from '../../src/xliff/xml.js';
import { translatedProject } from './project.js';
import type { Workspace } from '../helpers/workspace.js';

const hasOmegat = spawnSync('sh', ['-c', 'command -v omegat'], { encoding: 'utf8' }).status === 0;
const skip = !hasOmegat && !process.env.CI;
const ARTICLE = '2025-06/lukashenko-kellogg-minsk';

function runOmegat(project: string): void {
  const run = spawnSync('omegat', [project, '--mode=console-translate', `--config-dir=${project}.config`, '--disable-project-locking', '--no-team'], {
    cwd: project, encoding: 'utf8', env: { ...process.env, DISPLAY: '' }, timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`OmegaT failed (${run.status}): ${run.stdout}${run.stderr}`);
}

/** Segments, words… per row of OmegaT's project_stats.txt ("Total:", "Remaining:"). */
function stats(text: string, row: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${row}:`));
  if (!line) throw new Error(`no "${row}" row in project_stats.txt:\n${text}`);
  return Number(line.split('\t')[1]!.trim());
}

interface Work { segment: Segment; target: Content }

/** What a translator's OmegaT session leaves in omegat/project_save.tmx. */
function projectSave(work: readonly Work[]): string {
  const tus = work.map(({ segment, target }) => {
    const n = toOmegatNotation(segment.content, target, segment.codes);
    return `    <tu>\n      <tuv lang="uk"><seg>${escapeText(n.source)}</seg></tuv>\n      <tuv lang="en-GB" changeid="translator" changedate="20250601T120000Z"><seg>${escapeText(n.target)}</seg></tuv>\n    </tu>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n<tmx version="1.1">\n  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0_0" segtype="sentence" srclang="uk"/>\n  <body>\n<!-- Default translations -->\n${tus.join('\n')}\n  </body>\n</tmx>\n`;
}

describe.skipIf(skip)(`OmegaT post-editing kit${skip ? ' (skipped: omegat is not installed)' : ''}`, () => {
  let ws: Workspace;
  let kitDir: string;
  let before: TranslatedArticle;
  let segments: Segment[];
  let total: number;

  beforeAll(async () => {
    ws = await translatedProject();
    // A project part MT, part reviewed by an editor, part never translated.
    const file = path.join(ws.dir, `locales/en-GB/${ARTICLE}.xlf`);
    const doc = await readXliffFile(file, ARTICLE);
    segments = [...allSegments(doc.article)].filter((s) => doc.targets.get(s.id)?.content);
    const reviewed = segments.slice(0, 2);
    for (const s of reviewed) doc.targets.set(s.id, { ...doc.targets.get(s.id)!, state: 'reviewed', provenance: { origin: 'human' } });
    const untranslated = segments[segments.length - 1]!;
    doc.targets.set(untranslated.id, { segmentId: untranslated.id, state: 'new', flags: [] });
    await writeFile(file, xliff12.write(doc));
    before = await readXliffFile(file, ARTICLE);
    kitDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'pereklad-kit-')), 'omegat-en-GB');
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'omegat', lang: 'en-GB', out: kitDir, articles: [ARTICLE] });
    // Quoted foreign paragraphs are translate="no": OmegaT does not count them.
    total = before.article.blocks.filter((b) => b.kind !== 'foreign').reduce((n, b) => n + b.segments.length, 0);
  }, 120_000);
  afterAll(async () => {
    await ws.cleanup();
    await rm(path.dirname(kitDir), { recursive: true, force: true });
  });

  it('OmegaT counts MT and untranslated segments as remaining, reviewed ones as done', async () => {
    runOmegat(kitDir);
    const text = await readFile(path.join(kitDir, 'omegat/project_stats.txt'), 'utf8');
    // Unique segments: the article has no repeated sentence, so each is one.
    expect(stats(text, 'Total')).toBe(total);
    expect(stats(text, 'Remaining')).toBe(total - 2);
  }, 120_000);

  it('a confirmed-unchanged MT sentence comes back reviewed, an edited one with its text, the rest as they were', async () => {
    const confirmed = segments[3]!;
    const edited = segments[4]!;
    const mt = before.targets.get(confirmed.id)!.content!;
    await writeFile(path.join(kitDir, 'omegat/project_save.tmx'), projectSave([
      { segment: confirmed, target: mt },
      { segment: edited, target: ['Delegations of both sides took part in the talks.'] },
    ]));
    runOmegat(kitDir);
    const summary = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [kitDir] });
    expect(summary.problems).toEqual([]);
    expect(summary.warnings).toEqual([]);
    const after = await readXliffFile(path.join(ws.dir, `locales/en-GB/${ARTICLE}.xlf`), ARTICLE);
    const c = after.targets.get(confirmed.id)!;
    expect(c.state).toBe('reviewed');
    expect(c.content).toEqual(mt);
    const e = after.targets.get(edited.id)!;
    expect(e.state).toBe('reviewed');
    expect(contentText(e.content!, edited.codes)).toBe('Delegations of both sides took part in the talks.');
    for (const s of allSegments(after.article)) {
      if (s.id === confirmed.id || s.id === edited.id) continue;
      expect(after.targets.get(s.id)?.state ?? 'new', s.id).toBe(before.targets.get(s.id)?.state ?? 'new');
      expect(after.targets.get(s.id)?.content, s.id).toEqual(before.targets.get(s.id)?.content);
    }
  }, 120_000);

  it('work saved in OmegaT but not exported is warned about and read from project_save.tmx', async () => {
    const later = segments[5]!;
    const save = path.join(kitDir, 'omegat/project_save.tmx');
    const previous = await readFile(save, 'utf8');
    await writeFile(save, previous.replace('  </body>', `${projectSave([{ segment: later, target: ['Saved in OmegaT, never exported.'] }]).match(/ {4}<tu>[\s\S]*<\/tu>/u)![0]}\n  </body>`));
    // Saved a minute after "Create Translated Documents" last ran.
    const t = new Date(Date.now() + 60_000);
    await utimes(save, t, t);
    const summary = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [kitDir] });
    expect(summary.problems).toEqual([]);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(/project_save\.tmx is newer than every file in target\/.*Create Translated Documents/u);
    const after = await readXliffFile(path.join(ws.dir, `locales/en-GB/${ARTICLE}.xlf`), ARTICLE);
    expect(contentText(after.targets.get(later.id)!.content!, later.codes)).toBe('Saved in OmegaT, never exported.');
    expect(after.targets.get(later.id)!.state).toBe('reviewed');
    // The earlier confirmation is still there, and nothing else moved.
    expect(after.targets.get(segments[3]!.id)!.state).toBe('reviewed');
    expect(after.targets.get(segments[0]!.id)!.content).toEqual(before.targets.get(segments[0]!.id)!.content);
  }, 120_000);
});
