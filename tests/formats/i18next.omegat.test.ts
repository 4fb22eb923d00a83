// A namespace's kit through the real OmegaT 3.6 (console mode) and back: every i18next code
// ({{…}}, $t(…), <0>…</0>, HTML) survives in every unit, a translator's reordered codes included,
// and the target resource file is rebuilt from the imported XLIFF.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Content, TranslatedArticle } from '../../src/model.js';
import { allSegments, contentText } from '../../src/model.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { makeKit } from '../../src/kit/kit.js';
import { runImport } from '../../src/import/import.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { toOmegatNotation } from '../../src/memory/tmx.js';
import { escapeText } from '../../src/xliff/xml.js';
import { DEFAULT_SYNTAX } from '../../src/formats/i18next/syntax.js';
import { TransliterationEngine } from '../kit/project.js';
import type { Workspace } from '../helpers/workspace.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { siteProject } from './helpers.js';

const hasOmegat = spawnSync('sh', ['-c', 'command -v omegat'], { encoding: 'utf8' }).status === 0;
const skip = !hasOmegat && !process.env.CI;
const STRINGS = { keep: ['settings.formats'], syntax: DEFAULT_SYNTAX };

function runOmegat(project: string): void {
  const run = spawnSync('omegat', [project, '--mode=console-translate', `--config-dir=${project}.config`, '--disable-project-locking', '--no-team', '--tag-validation=abort'], {
    cwd: project, encoding: 'utf8', env: { ...process.env, DISPLAY: '' }, timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`OmegaT failed (${run.status}): ${run.stdout}${run.stderr}`);
}

function codeCounts(content: Content): string[] {
  return content.flatMap((f) => (typeof f === 'string' ? [] : [f.code])).sort();
}

describe.skipIf(skip)(`OmegaT round trip of a namespace kit${skip ? ' (skipped: omegat is not installed)' : ''}`, () => {
  let ws: Workspace;
  let kitDir: string;
  let before: TranslatedArticle;
  // The translator's own work: Polish words around every kind of code.
  const reviewed = new Map<string, (c: (text: string) => Content[number]) => Content>([
    ['newsletter.consent', (c) => ['Klikając „', c('$t(header.subscribe)'), '”, akceptujesz ', c('<0>'), 'regulamin', c('</0>'), ' i ', c('<2>'), 'politykę prywatności', c('</2>'), '.']],
    // (OmegaT 3.6's tag validation, as the kit runs it, refuses codes in another order: words move, codes keep theirs.)
    ['comments.rules', (c) => ['Zanim skomentujesz, przeczytaj ', c('<1>'), 'zasady społeczności', c('</1>'), '. Pisz maksymalnie ', c('{{max}}'), ' znaków.']],
    ['comments.count_few', (c) => [c('{{count, number}}'), ' komentarze']],
  ]);

  beforeAll(async () => {
    ws = await siteProject();
    const summary = await runTranslateJob({
      cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['pl'], engine: new TransliterationEngine(),
      xliffVersion: '1.2', dryRun: false, reporter: collectingReporter(), strings: STRINGS,
    });
    expect(summary.errors).toEqual([]);
    before = await readXliffFile(path.join(ws.dir, 'locales/pl/site.xlf'), 'site.xlf');
    kitDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'pereklad-kit-')), 'omegat-pl');
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'omegat', lang: 'pl', out: kitDir });
    const tus: string[] = [];
    for (const segment of allSegments(before.article)) {
      const make = reviewed.get(segment.id);
      if (!make) continue;
      const target = make((text) => ({ code: segment.codes.find((c) => c.text === text)!.id }));
      const n = toOmegatNotation(segment.content, target, segment.codes);
      tus.push(`    <tu><tuv xml:lang="uk"><seg>${escapeText(n.source)}</seg></tuv><tuv xml:lang="pl"><seg>${escapeText(n.target)}</seg></tuv></tu>`);
    }
    await writeFile(path.join(kitDir, 'omegat/project_save.tmx'), `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="OmegaT" creationtoolversion="3.6.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="uk" datatype="plaintext"/>\n  <body>\n${tus.join('\n')}\n  </body>\n</tmx>\n`);
    runOmegat(kitDir);
  }, 150_000);
  afterAll(async () => {
    await ws.cleanup();
    await rm(path.dirname(kitDir), { recursive: true, force: true });
  });

  it('OmegaT\'s target file passes xliff-check', () => {
    if (xliffCheckUnavailable()) return;
    expect(xliffCheck([path.join(kitDir, 'target/site.xlf')]).output).toMatch(/1 passed, 0 failed/u);
  });

  it('import keeps every inline code of every unit exactly once, the translator\'s included, and rebuilds locales/pl/site.json', async () => {
    const summary = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [kitDir], strings: STRINGS });
    expect(summary.problems).toEqual([]);
    expect(summary.applied).toBe(true);
    expect(summary.articles[0]?.edited).toBe(reviewed.size);
    const after = await readXliffFile(path.join(ws.dir, 'locales/pl/site.xlf'), 'site.xlf');
    const json = await readFile(path.join(ws.dir, 'locales/pl/site.json'), 'utf8');
    const values = new Map<string, string>();
    const flatten = (o: object, prefix: string): void => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'string') values.set(`${prefix}${k}`, v);
        else if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as object, `${prefix}${k}.`);
      }
    };
    flatten(JSON.parse(json) as object, '');
    let codes = 0;
    for (const segment of allSegments(after.article)) {
      const target = after.targets.get(segment.id);
      expect(target?.content, segment.id).toBeDefined();
      expect(codeCounts(target!.content!), segment.id).toEqual(segment.codes.map((c) => c.id).sort());
      const value = values.get(segment.id)!;
      for (const code of segment.codes) expect(value.split(code.text).length - 1, `${segment.id} ${code.text}`).toBe(1);
      codes += segment.codes.length;
      const make = reviewed.get(segment.id);
      if (make) {
        expect(target?.state).toBe('reviewed');
        expect(value).toBe(contentText(make((text) => ({ code: segment.codes.find((c) => c.text === text)!.id })), segment.codes));
      } else {
        expect(target?.content).toEqual(before.targets.get(segment.id)?.content);
      }
    }
    expect(codes).toBeGreaterThan(30);
    expect(values.get('newsletter.consent')).toBe('Klikając „$t(header.subscribe)”, akceptujesz <0>regulamin</0> i <2>politykę prywatności</2>.');
    if (!xliffCheckUnavailable()) expect(xliffCheck([path.join(ws.dir, 'locales/pl/site.xlf')]).output).toMatch(/1 passed, 0 failed/u);
  });
});
