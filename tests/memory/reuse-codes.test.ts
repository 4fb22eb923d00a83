// Codes of a reused target keep their identity: both halves of a bold pair read `**`, and a
// sentence may hold the same URL twice; neither may become the other when a target is carried
// over (a re-run after a hand edit) or imported back from a CAT tool.
import { describe, it, expect, afterEach } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readArticle } from '../../src/formats/registry.js';
import { carryOver } from '../../src/memory/reuse.js';
import { allSegments, type Content, type TranslatedArticle } from '../../src/model.js';
import { makeKit } from '../../src/kit/kit.js';
import { runImport } from '../../src/import/import.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';

let ws: Workspace | undefined;
afterEach(async () => { await ws?.cleanup(); ws = undefined; });

describe('codes of a reused target', () => {
  it('carried over to the same segment and to another with the same text, each code stays itself', () => {
    const text = 'Текст **жирний** і <https://a.org/x> та <https://a.org/x>.';
    const article = readArticle(`${text}\n\n${text}\n`, 'a', 'a.md');
    const [first, second] = [...allSegments(article)];
    expect(first!.codes.map((c) => c.text)).toEqual(['**', '**', '<https://a.org/x>', '<https://a.org/x>']);
    const ids = first!.codes.map((c) => ({ code: c.id }));
    const target: Content = ['Text ', ids[0]!, 'bold', ids[1]!, ' and ', ids[3]!, ' then ', ids[2]!, '.'];
    const previous: TranslatedArticle = { article, targetLang: 'en-GB', written: '2026-12-03T00:00:00Z', targets: new Map([[first!.id, { segmentId: first!.id, state: 'reviewed', content: target, provenance: { origin: 'human' }, flags: [] }]]) };
    const kept = carryOver(article, previous, null);
    expect(kept.get(first!.id)?.content).toEqual(target);
    // The same text elsewhere: the same places, in that segment's own ids.
    const theirs = second!.codes.map((c) => ({ code: c.id }));
    expect(kept.get(second!.id)?.content).toEqual(['Text ', theirs[0]!, 'bold', theirs[1]!, ' and ', theirs[3]!, ' then ', theirs[2]!, '.']);
  });

  it('imported from a kit, two codes with the same text come back as two', async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Дивіться https://a.org/x і ще раз https://a.org/x сьогодні.\n');
    expect((await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB'], ws.dir)).code).toBe(0);
    await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out: 'kits/k' });
    const file = path.join(ws.dir, 'kits/k/a.xlf');
    const xml = await readFile(file, 'utf8');
    const unit = /(<trans-unit id="p1-1"[\s\S]*?<target)([^>]*)>[\s\S]*?(<\/target>)/u;
    const ph = (id: string): string => xml.match(new RegExp(`<ph id="${id}"[^>]*>[^<]*</ph>`, 'u'))![0];
    await writeFile(file, xml.replace(unit, (_m, open: string, attrs: string, close: string) => `${open}${attrs}>See ${ph('2')} first, then ${ph('1')} today.${close}`));
    const summary = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: ['kits/k'] });
    expect(summary.problems).toEqual([]);
    const doc = await readXliffFile(path.join(ws.dir, 'locales/en-GB/a.xlf'), 'a.xlf');
    expect(doc.targets.get('p1-1')?.content).toEqual(['See ', { code: '2' }, ' first, then ', { code: '1' }, ' today.']);
    expect(doc.targets.get('p1-1')?.flags.join('\n') ?? '').not.toMatch(/appears 2 times|missing/u);
  });
});
