// Import through the one transition function (src/project/transition.ts): a repeat changes
// nothing, a stale copy never overwrites a person's work, and Unicode normalisation is no edit.
import { describe, it, expect, afterEach } from 'vitest';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { translatedProject } from '../kit/project.js';
import { makeKit } from '../../src/kit/kit.js';
import { runImport } from '../../src/import/import.js';
import { runProjectQa } from '../../src/qa/project.js';
import { parseXliff, codecFor } from '../../src/xliff/read.js';
import type { Workspace } from '../helpers/workspace.js';

const ARTICLE = 'links';
let ws: Workspace | undefined;
afterEach(async () => { await ws?.cleanup(); ws = undefined; });

const projectFile = (dir: string): string => path.join(dir, `locales/en-GB/${ARTICLE}.xlf`);

/** Replace the target text of a unit in an XLIFF 1.2 file, as a translator in a CAT tool would. */
function editUnit(xml: string, id: string, text: string): string {
  const re = new RegExp(`(<trans-unit id="${id}"[\\s\\S]*?<target[^>]*>)[\\s\\S]*?(</target>)`, 'u');
  expect(re.test(xml), `unit ${id}`).toBe(true);
  return xml.replace(re, `$1${text}$2`);
}

async function importFile(dir: string, file: string, partial = false) {
  return runImport({ cwd: dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [file], partial });
}

describe('import is idempotent and conflict-aware', () => {
  it('importing the same reviewed file twice changes nothing the second time', async () => {
    ws = await translatedProject();
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out: 'kits/xliff-en-GB' });
    const kitFile = path.join(ws.dir, `kits/xliff-en-GB/${ARTICLE}.xlf`);
    await writeFile(kitFile, editUnit(await readFile(kitFile, 'utf8'), 'p3-1', 'The meeting took place on 21 June 2025.'));
    const first = await importFile(ws.dir, kitFile);
    expect(first.problems).toEqual([]);
    expect(first.articles[0]!.edited).toBe(1);
    const after = await readFile(projectFile(ws.dir), 'utf8');
    const doc = parseXliff(after, 'x');
    expect(doc.targets.get('p3-1')!.state).toBe('reviewed');

    const second = await importFile(ws.dir, kitFile);
    expect(second.problems).toEqual([]);
    expect(second.articles[0]).toMatchObject({ edited: 0, restated: 0 });
    expect(second.written).toEqual([]);
    expect(await readFile(projectFile(ws.dir), 'utf8')).toBe(after);
    expect(parseXliff(after, 'x').targets.get('p3-1')!.state).toBe('reviewed');
  });

  it('a stale copy after a reviewed import: untouched = no change, an older draft = conflict listed, the human translation kept', async () => {
    ws = await translatedProject();
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out: 'kits/xliff-en-GB' });
    const kitDir = path.join(ws.dir, 'kits/xliff-en-GB');
    // Two translators got the same kit; an untouched copy is kept too.
    await cp(kitDir, path.join(ws.dir, 'kits/draft'), { recursive: true });
    await cp(kitDir, path.join(ws.dir, 'kits/untouched'), { recursive: true });
    const kitFile = path.join(kitDir, `${ARTICLE}.xlf`);
    await writeFile(kitFile, editUnit(await readFile(kitFile, 'utf8'), 'p3-1', 'The meeting took place on 21 June 2025.'));
    expect((await importFile(ws.dir, kitFile)).problems).toEqual([]);
    const reviewed = await readFile(projectFile(ws.dir), 'utf8');

    // The untouched copy holds the MT the reviewer replaced: not an edit, nothing changes.
    const untouched = await importFile(ws.dir, path.join(ws.dir, `kits/untouched/${ARTICLE}.xlf`));
    expect(untouched.problems).toEqual([]);
    expect(untouched.written).toEqual([]);
    expect(await readFile(projectFile(ws.dir), 'utf8')).toBe(reviewed);

    // An older draft of the same unit: listed as a conflict; nothing applied by default.
    const draftFile = path.join(ws.dir, `kits/draft/${ARTICLE}.xlf`);
    await writeFile(draftFile, editUnit(await readFile(draftFile, 'utf8'), 'p3-1', 'A meeting happened in June.'));
    const draft = await importFile(ws.dir, draftFile);
    expect(draft.problems.map((p) => p.kind)).toEqual(['conflict']);
    expect(draft.applied).toBe(false);
    expect(await readFile(projectFile(ws.dir), 'utf8')).toBe(reviewed);
    // --partial keeps the draft as a match beside the reviewed translation, never as the target.
    const partial = await importFile(ws.dir, draftFile, true);
    expect(partial.problems.map((p) => p.kind)).toEqual(['conflict']);
    const unit = parseXliff(await readFile(projectFile(ws.dir), 'utf8'), 'x').targets.get('p3-1')!;
    expect(unit.content).toEqual(['The meeting took place on 21 June 2025.']);
    expect(unit.state).toBe('reviewed');
    expect(unit.matches?.some((m) => m.target.join('') === 'A meeting happened in June.')).toBe(true);
  });

  it('an unedited round trip through a tool that writes NFC promotes no unit of NFD text', async () => {
    ws = await translatedProject();
    // Targets in NFD (as a translator's system or an engine may write them): ë as e + U+0308.
    const file = projectFile(ws.dir);
    const doc = parseXliff(await readFile(file, 'utf8'), 'x');
    let nfd = 0;
    for (const [id, t] of doc.targets) {
      if (!t.content) continue;
      doc.targets.set(id, { ...t, content: t.content.map((f) => (typeof f === 'string' ? `${f} (Zoë, café)`.normalize('NFD') : f)) });
      nfd++;
    }
    expect(nfd).toBeGreaterThan(2);
    await writeFile(file, codecFor(doc.version).write(doc));
    // QA notes brought up to date first, so that only the import could change the file.
    await runProjectQa({ cwd: ws.dir, localesDir: 'locales' });
    const before = await readFile(file, 'utf8');
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out: 'kits/xliff-en-GB' });
    const kitFile = path.join(ws.dir, `kits/xliff-en-GB/${ARTICLE}.xlf`);
    // What OmegaT does to every text it writes back.
    await writeFile(kitFile, (await readFile(kitFile, 'utf8')).normalize('NFC'));
    const result = await importFile(ws.dir, kitFile);
    expect(result.problems).toEqual([]);
    expect(result.articles[0]).toMatchObject({ edited: 0, restated: 0 });
    const after = await readFile(file, 'utf8');
    expect(after).toBe(before);
  });
});
