// The CAT-tool round trip with the real OmegaT 3.6 (console mode): kit → OmegaT translates, with a
// translator's reviewed work for some segments → target/ → import. The article must come back with
// the reviewed translations, every other unit with its MT, nothing lost, states right.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Content, Segment, TargetSegment, TranslatedArticle } from '../../src/model.js';
import { allSegments, contentText } from '../../src/model.js';
import { makeKit } from '../../src/kit/kit.js';
import { runImport } from '../../src/import/import.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { assembleArticle } from '../../src/assemble/assemble.js';
import { toOmegatNotation } from '../../src/memory/tmx.js';
import { escapeText } from '../../src/xliff/xml.js';
import { translatedProject } from './project.js';
import type { Workspace } from '../helpers/workspace.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { missing, titled } from '../helpers/requirements.js';

const noOmegat = missing('omegat');
const noCheck = xliffCheckUnavailable();

function runOmegat(project: string): void {
  const config = `${project}.config`;
  const run = spawnSync('omegat', [project, '--mode=console-translate', `--config-dir=${config}`, '--disable-project-locking', '--no-team', '--tag-validation=abort'], {
    cwd: project, encoding: 'utf8', env: { ...process.env, DISPLAY: '' }, timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`OmegaT failed (${run.status}): ${run.stdout}${run.stderr}`);
}

interface Reviewed { article: string; segmentId: string; target: Content }

/** The translator's work as OmegaT keeps it (omegat/project_save.tmx), in OmegaT's tag notation. */
function projectSave(reviewed: readonly Reviewed[], docs: Map<string, TranslatedArticle>): string {
  const tus = reviewed.map((r) => {
    const segment = [...allSegments(docs.get(r.article)!.article)].find((s) => s.id === r.segmentId)!;
    const n = toOmegatNotation(segment.content, r.target, segment.codes);
    return `    <tu><tuv xml:lang="uk"><seg>${escapeText(n.source)}</seg></tuv><tuv xml:lang="en-GB"><seg>${escapeText(n.target)}</seg></tuv></tu>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="OmegaT" creationtoolversion="3.6.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="uk" datatype="plaintext"/>\n  <body>\n${tus.join('\n')}\n  </body>\n</tmx>\n`;
}

describe.skipIf(noOmegat !== undefined)(titled('OmegaT round trip', noOmegat), () => {
  let ws: Workspace;
  let kitDir: string;
  const articles = ['2025-06/lukashenko-kellogg-minsk', 'links'];
  const before = new Map<string, TranslatedArticle>();
  let reviewed: Reviewed[];

  beforeAll(async () => {
    ws = await translatedProject();
    for (const id of articles) before.set(id, await readXliffFile(path.join(ws.dir, `locales/en-GB/${id}.xlf`), id));
    kitDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'pereklad-kit-')), 'omegat-en-GB');
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'omegat', lang: 'en-GB', out: kitDir });
    const first = (id: string, n: number): Segment => [...allSegments(before.get(id)!.article)].filter((s) => !s.id.startsWith('p5') && !s.id.startsWith('p6'))[n]!;
    const linkSegment = first('links', 0);
    reviewed = [
      { article: articles[0]!, segmentId: first(articles[0]!, 0).id, target: ['The self-proclaimed president of Belarus met the US envoy in Minsk.'] },
      { article: articles[0]!, segmentId: first(articles[0]!, 2).id, target: ['The meeting took place at the Palace of Independence in Minsk.'] },
      // With every kind of protected span, reordered words around them.
      { article: 'links', segmentId: linkSegment.id, target: ['Details: ', { code: '1' }, ' and ', { code: '2' }, ', ', { code: '3' }, ' ', { code: '4' }, ' here.'] },
    ];
    await writeFile(path.join(kitDir, 'omegat/project_save.tmx'), projectSave(reviewed, before));
    runOmegat(kitDir);
  }, 120_000);
  afterAll(async () => {
    await ws.cleanup();
    await rm(path.dirname(kitDir), { recursive: true, force: true });
  });

  it.skipIf(noCheck !== undefined)(titled('OmegaT writes target files that still pass the schema and Translate Toolkit', noCheck), () => {
    const check = xliffCheck(articles.map((id) => path.join(kitDir, 'target', `${id}.xlf`)));
    expect(check.output).toMatch(/2 passed, 0 failed/);
  });

  it('import brings back the reviewed translations, keeps every other MT, loses nothing', async () => {
    const summary = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [kitDir] });
    expect(summary.problems).toEqual([]);
    expect(summary.applied).toBe(true);
    expect(summary.articles.reduce((n, a) => n + a.edited, 0)).toBe(reviewed.length);
    // MT is offered, not inserted: the segments the translator did not touch come back as copies
    // of the source, which change nothing.
    expect(summary.articles.reduce((n, a) => n + a.notReturned, 0)).toBeGreaterThan(10);
    // …and none of them leaves a sentence of the project without its translation.
    expect(summary.articles.reduce((n, a) => n + a.untranslated, 0)).toBe(0);

    for (const id of articles) {
      const previous = before.get(id)!;
      const after = await readXliffFile(path.join(ws.dir, `locales/en-GB/${id}.xlf`), id);
      expect([...allSegments(after.article)].map((s) => s.text)).toEqual([...allSegments(previous.article)].map((s) => s.text));
      const expectedTargets = new Map<string, TargetSegment>(previous.targets);
      for (const segment of allSegments(after.article)) {
        const target = after.targets.get(segment.id);
        const review = reviewed.find((r) => r.article === id && r.segmentId === segment.id);
        const old = previous.targets.get(segment.id);
        if (review) {
          expect(target?.state, segment.id).toBe('reviewed');
          expect(target?.provenance?.origin).toBe('human');
          expect(contentText(target!.content!, segment.codes)).toBe(contentText(review.target, segment.codes));
          expectedTargets.set(segment.id, { ...old!, content: review.target });
        } else {
          // Everything else exactly as before: MT text, state and engine.
          expect(target?.content, segment.id).toEqual(old?.content);
          expect(target?.state).toBe(old?.state ?? 'new');
          expect(target?.provenance?.engine).toBe(old?.provenance?.engine);
        }
      }
      // The review copy is the article with exactly these translations.
      const review = await readFile(path.join(ws.dir, `locales/en-GB/review/${id}.txt`), 'utf8');
      expect(review).toBe(assembleArticle({ ...previous, targets: expectedTargets }).text);
    }
  });

  it.skipIf(noCheck !== undefined)(titled('the imported project files pass the schema and Translate Toolkit', noCheck), () => {
    const check = xliffCheck(articles.map((id) => path.join(ws.dir, `locales/en-GB/${id}.xlf`)));
    expect(check.output).toMatch(/2 passed, 0 failed/);
  });

  it('a second import of the same output changes nothing', async () => {
    const files = articles.map((id) => path.join(ws.dir, `locales/en-GB/${id}.xlf`));
    const first = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const summary = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [kitDir] });
    expect(summary.written).toEqual([]);
    expect(await Promise.all(files.map((f) => readFile(f, 'utf8')))).toEqual(first);
  });
});
