// States a translator's tool sends back, kit after kit: a person's draft returned as a draft stays
// a draft; MT edited with its state left as it was is the translator's reviewed work.
import { describe, it, expect, afterEach } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeKit } from '../../src/kit/kit.js';
import { runImport } from '../../src/import/import.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { translatedProject } from '../kit/project.js';
import type { Workspace } from '../helpers/workspace.js';

let ws: Workspace | undefined;
afterEach(async () => { await ws?.cleanup(); ws = undefined; });

/** Set unit `id`'s target in an XLIFF 1.2 file as a CAT tool writes it (state given or kept). */
async function edit(file: string, id: string, text: string, state?: string): Promise<void> {
  const xml = await readFile(file, 'utf8');
  const unit = new RegExp(`(<trans-unit id="${id}"[\\s\\S]*?<target)([^>]*)>[\\s\\S]*?(</target>)`, 'u');
  expect(xml).toMatch(unit);
  await writeFile(file, xml.replace(unit, (_m, open: string, attrs: string, close: string) => `${open}${state ? attrs.replace(/ state="[^"]*"/u, '') + ` state="${state}"` : attrs}>${text}${close}`));
}

describe('states across kits', () => {
  it('a draft (translated) returned edited and still translated stays translated in the next kit too', async () => {
    ws = await translatedProject();
    const round = async (n: number, text: string, state?: string, id = 'p3-1'): Promise<void> => {
      const out = `kits/round-${n}`;
      await makeKit({ cwd: ws!.dir, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out });
      await edit(path.join(ws!.dir, out, 'links.xlf'), id, text, state);
      const summary = await runImport({ cwd: ws!.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [out] });
      expect(summary.problems).toEqual([]);
    };
    const stateOf = async (id: string): Promise<string | undefined> => (await readXliffFile(path.join(ws!.dir, 'locales/en-GB/links.xlf'), 'links.xlf')).targets.get(id)?.state;

    await round(1, 'Draft: the meeting was in Minsk.', 'translated');
    expect(await stateOf('p3-1')).toBe('translated');
    // The second kit sends the draft out as translated; the translator edits it and leaves it so.
    await round(2, 'Second draft: the meeting took place in Minsk.', 'translated');
    expect(await stateOf('p3-1')).toBe('translated');
    // MT edited with its state left as sent: the translator's work, reviewed.
    await round(3, 'It was led by Mike Pompeo.', undefined, 'p3-2');
    expect(await stateOf('p3-2')).toBe('reviewed');
    // The draft marked signed-off is reviewed.
    await round(4, 'Final: the meeting took place in Minsk.', 'signed-off');
    expect(await stateOf('p3-1')).toBe('reviewed');
  });
});
