// Every kit file passes ../shared/tools/xliff-check (OASIS schemas, Translate Toolkit for 1.2), the
// OmegaT kit's XLIFF also its OmegaT round trip; the kit holds what the brief says it must.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeKit } from '../../src/kit/kit.js';
import { translatedProject } from './project.js';
import type { Workspace } from '../helpers/workspace.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { runCli } from '../helpers/run-cli.js';

const unavailable = xliffCheckUnavailable();
const skip = unavailable !== undefined;

async function xlf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && /\.xlf$/u.test(e.name)).map((e) => path.join(e.parentPath, e.name)).sort();
}

describe('kit', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await translatedProject({ targets: ['en-GB', 'de'] });
  });
  afterAll(async () => { await ws.cleanup(); });

  it('--for omegat: a project folder with languages, unsplit segmentation, pre-filled targets and the MT as TMX', async () => {
    await ws.write('glossaries/uk-de.tsv', 'Мінськ\tMinsk\nПалац Незалежності\tUnabhängigkeitspalast\n');
    const summary = await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'omegat', lang: 'de', out: 'kits/omegat-de' });
    const dir = path.join(ws.dir, 'kits/omegat-de');
    const project = await readFile(path.join(dir, 'omegat.project'), 'utf8');
    expect(project).toMatch(/<source_lang>uk<\/source_lang>/u);
    expect(project).toMatch(/<target_lang>de<\/target_lang>/u);
    expect(project).toMatch(/<sentence_seg>false<\/sentence_seg>/u);
    const source = await readFile(path.join(dir, 'source/links.xlf'), 'utf8');
    // Each target is its source again, for OmegaT to translate.
    for (const m of source.matchAll(/<source>([\s\S]*?)<\/source>\s*<target state="needs-translation">([\s\S]*?)<\/target>/gu)) expect(m[2]).toBe(m[1]);
    expect(summary.mt).toBeGreaterThan(0);
    const mt = await readFile(path.join(dir, 'tm/mt/pereklad-mt.tmx'), 'utf8');
    expect(mt).toContain('&lt;h0/&gt;');
    // The translator sees who made each match: MT is named as such.
    expect(mt).toMatch(/creationid="MT translit"/u);
    const glossary = await readFile(path.join(dir, 'glossary/glossary.txt'), 'utf8');
    expect(glossary).toMatch(/^Палац Незалежності\tUnabhängigkeitspalast\t/mu);
    // The inflected forms the kit's sentences use, for OmegaT, whose stemmer knows no Ukrainian.
    expect(glossary).toMatch(/^Мінську\tMinsk\tpereklad glossary: Мінськ$/mu);
    for (const folder of ['target', 'tm/enforce', 'glossary', 'omegat']) expect((await readdir(path.join(dir, folder))).length).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(skip)(`every kit XLIFF passes xliff-check, the OmegaT one also through OmegaT${skip ? ` (skipped: ${unavailable})` : ''}`, async () => {
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'omegat', lang: 'en-GB', out: 'kits/omegat-en-GB' });
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out: 'kits/xliff-en-GB' });
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'xliff', lang: 'de', out: 'kits/xliff20-de', xliffVersion: '2.0' });
    const files = [...await xlf(path.join(ws.dir, 'kits/xliff-en-GB')), ...await xlf(path.join(ws.dir, 'kits/xliff20-de'))];
    expect(xliffCheck(files).output).toMatch(new RegExp(`${files.length} passed, 0 failed`, 'u'));
    const omegat = await xlf(path.join(ws.dir, 'kits/omegat-en-GB/source'));
    const check = xliffCheck(omegat, ['--omegat', '--out', path.join(ws.dir, 'omegat-check')]);
    expect(check.output).toMatch(new RegExp(`${omegat.length} passed, 0 failed`, 'u'));
  });

  it('refuses to write into a folder that holds work', async () => {
    await expect(makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'xliff', lang: 'de', out: 'kits/omegat-de' })).rejects.toThrow(/not empty/u);
  });

  it('the CLI makes kits, imports and checks, with exit codes', async () => {
    const kit = await runCli(['kit', '--for', 'xliff', '--to', 'en-GB', '--out', 'cli-kit'], ws.dir);
    expect(kit.code).toBe(0);
    expect(kit.stdout).toMatch(/kit for xliff → en-GB: 2 articles/u);
    const imported = await runCli(['import', 'cli-kit'], ws.dir);
    expect(imported.stdout).toMatch(/import: 2 files read/u);
    expect(imported.code).toBe(0);
    const qa = await runCli(['qa', '--to', 'en-GB'], ws.dir);
    expect(qa.stdout).toMatch(/qa: 2 files, \d+ errors?, \d+ warnings?/u);
    expect(await runCli(['kit', '--for', 'wordfast'], ws.dir).then((r) => r.code)).toBe(2);
  });
});
