// A Markdown and an HTML article through the real OmegaT 3.6 (console mode): kit → OmegaT, with a
// translator's work on sentences holding tag pairs → target/ → import. OmegaT must see the pairs
// as tags (its tag validation aborts on a broken one), and they must come back intact: the
// imported translations have every pair, the review copy parses to the source's tree. Tag names
// are checked against OmegaT's own: its pseudo-translated TMX holds every source in its notation.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content, Segment, TranslatedArticle } from '../../src/model.js';
import { allSegments } from '../../src/model.js';
import { KIT_MT_TMX, makeKit } from '../../src/kit/kit.js';
import { runImport } from '../../src/import/import.js';
import { readProjectSave } from '../../src/import/omegat-save.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { toOmegatNotation } from '../../src/memory/tmx.js';
import { escapeText } from '../../src/xliff/xml.js';
import { wellNested } from '../../src/xliff/paired.js';
import { TransliterationEngine } from '../kit/project.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { CORPUS } from './corpus.js';
import { htmlShape, markdownShape } from './shape.js';

const hasOmegat = spawnSync('sh', ['-c', 'command -v omegat'], { encoding: 'utf8' }).status === 0;
const skip = !hasOmegat && !process.env.CI;
const ARTICLES = ['rozklad-poyizdiv.md', 'povin-na-dnipri.html'];
const id = (name: string): string => `2026-12/${name.replace(/\.[^.]+$/u, '')}`;

function runOmegat(project: string, mode: readonly string[]): void {
  const run = spawnSync('omegat', [project, ...mode, `--config-dir=${project}.config`, '--disable-project-locking', '--no-team'], {
    cwd: project, encoding: 'utf8', env: { ...process.env, DISPLAY: '' }, timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`OmegaT failed (${run.status}): ${run.stdout}${run.stderr}`);
}

interface Reviewed { article: string; segment: Segment; target: Content }

/** A translator's translation of a segment: its words in English, its codes where they were. */
function translated(segment: Segment, words: (text: string) => string): Content {
  return segment.content.map((f) => (typeof f === 'string' ? words(f) : { ...f }));
}

describe.skipIf(skip)(`OmegaT round trip of Markdown and HTML${skip ? ' (skipped: omegat is not installed)' : ''}`, () => {
  let ws: Workspace;
  let kitDir: string;
  let reviewed: Reviewed[] = [];
  /** Every source of the kit as OmegaT 3.6 writes it, in its tag notation. */
  let omegatSources = new Set<string>();
  const before = new Map<string, TranslatedArticle>();

  beforeAll(async () => {
    ws = await makeWorkspace();
    for (const name of ARTICLES) await ws.write(`source-texts/2026-12/${name}`, await readFile(path.join(CORPUS, name)));
    const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine: new TransliterationEngine(), xliffVersion: '1.2', dryRun: false, reporter: collectingReporter() });
    expect(summary.errors).toEqual([]);
    for (const name of ARTICLES) before.set(name, await readXliffFile(path.join(ws.dir, `locales/en-GB/${id(name)}.xlf`), name));
    kitDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'pereklad-kit-')), 'omegat-en-GB');
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'omegat', lang: 'en-GB', out: kitDir });
    // (3.6's --help says console-pseudotranslatetmx; that mode does not exist and opens the GUI.)
    const pseudo = path.join(path.dirname(kitDir), 'pseudo.tmx');
    runOmegat(kitDir, ['--mode=console-createpseudotranslatetmx', `--pseudotranslatetmx=${pseudo}`, '--pseudotranslatetype=equal']);
    omegatSources = new Set((await readProjectSave(pseudo, 'pseudo.tmx')).keys());
    // The translator's work: every sentence with a tag pair, words upper-cased, tags in place.
    reviewed = ARTICLES.flatMap((name) => [...allSegments(before.get(name)!.article)]
      .filter((s) => s.codes.some((c) => c.role === 'open'))
      .map((segment) => ({ article: name, segment, target: translated(segment, (t) => t.toUpperCase()) })));
    const tus = reviewed.map((r) => {
      const n = toOmegatNotation(r.segment.content, r.target, r.segment.codes);
      return `    <tu><tuv xml:lang="uk"><seg>${escapeText(n.source)}</seg></tuv><tuv xml:lang="en-GB"><seg>${escapeText(n.target)}</seg></tuv></tu>`;
    });
    await writeFile(path.join(kitDir, 'omegat/project_save.tmx'), `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="OmegaT" creationtoolversion="3.6.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="uk" datatype="plaintext"/>\n  <body>\n${tus.join('\n')}\n  </body>\n</tmx>\n`);
    runOmegat(kitDir, ['--mode=console-translate', '--tag-validation=abort']);
  }, 180_000);
  afterAll(async () => {
    await ws?.cleanup();
    if (kitDir) await rm(path.dirname(kitDir), { recursive: true, force: true });
  });

  it('gives OmegaT the pairs as tags: <g> elements, no markup in the text', async () => {
    const kit = await readFile(path.join(kitDir, `source/${id(ARTICLES[0]!)}.xlf`), 'utf8');
    expect(kit).toMatch(/<g id="1" ctype="bold">/u);
    expect(kit).not.toMatch(/>\*\*[^<]/u);
    expect(reviewed.length).toBeGreaterThan(5);
  });

  it("names the tags as OmegaT does, a link or image with a title included, in project_save.tmx and the kit's memory", async () => {
    // A title is a markup placeholder inside the pair: `<g0>… тут<h1/>Постанова уряду</g0>.`
    const titled = reviewed.filter((r) => r.segment.codes.some((c) => c.role === undefined && c.kind === 'markup'));
    expect(titled.map((r) => r.segment.id)).toEqual(['p4-3', 'p13-1']);
    const unknown = reviewed.map((r) => toOmegatNotation(r.segment.content, r.target, r.segment.codes).source).filter((s) => !omegatSources.has(s));
    expect(unknown).toEqual([]);
    // The kit's MT memory is offered as 100 % matches only if its sources are OmegaT's, byte for byte.
    const memory = [...(await readProjectSave(path.join(kitDir, KIT_MT_TMX), KIT_MT_TMX)).keys()];
    expect(memory.length).toBeGreaterThan(20);
    expect(memory.filter((s) => !omegatSources.has(s))).toEqual([]);
  });

  it('OmegaT writes target files with the pairs, passing the schema and Translate Toolkit', async () => {
    for (const name of ARTICLES) expect(await readFile(path.join(kitDir, `target/${id(name)}.xlf`), 'utf8')).toMatch(/<g id="\d+"[^>]*>[\p{Lu}0-9 ]/u);
    if (xliffCheckUnavailable()) return;
    const check = xliffCheck(ARTICLES.map((name) => path.join(kitDir, 'target', `${id(name)}.xlf`)));
    expect(check.output).toMatch(/2 passed, 0 failed/);
  });

  it('import brings the translations back with every pair intact, and the copies keep their trees', async () => {
    const summary = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [kitDir] });
    expect(summary.problems).toEqual([]);
    for (const name of ARTICLES) {
      const after = await readXliffFile(path.join(ws.dir, `locales/en-GB/${id(name)}.xlf`), name);
      for (const r of reviewed.filter((x) => x.article === name)) {
        const target = after.targets.get(r.segment.id);
        expect(target?.state, r.segment.id).toBe('reviewed');
        expect(target?.content, r.segment.id).toEqual(r.target);
        const paired = r.segment.codes.filter((c) => c.role !== undefined).map((c) => c.id);
        expect([...wellNested(target!.content!, r.segment.codes)].sort(), r.segment.id).toEqual(paired.sort());
      }
    }
    expect(summary.articles.reduce((n, a) => n + a.edited, 0)).toBe(reviewed.length);
    for (const name of ARTICLES) {
      const copy = await readFile(path.join(ws.dir, `locales/en-GB/review/${id(name)}.txt`), 'utf8');
      const source = await readFile(path.join(CORPUS, name), 'utf8');
      const shape = name.endsWith('.md') ? markdownShape : htmlShape;
      expect(shape(copy)).toEqual(shape(source));
    }
  });
});
