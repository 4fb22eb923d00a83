// A file written a piece at a time (publish's i18next resources): put in place atomically when its
// bytes differ, left untouched when they do not, and never leaving a temporary file behind.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StreamedFile } from '../../src/project/io.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';

describe('StreamedFile', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  const writeStreamed = async (file: string, pieces: string[]): Promise<boolean> => {
    const out = await StreamedFile.open(file);
    for (const p of pieces) out.write(p);
    return out.commit();
  };

  it('writes a new file from pieces, larger than one batch, and makes its folder', async () => {
    ws = await makeWorkspace();
    const file = path.join(ws.dir, 'locales/uk/articles.json');
    const piece = `"Київ — ${'х'.repeat(1000)}"\n`;
    const pieces = Array.from({ length: 1500 }, () => piece);
    expect(await writeStreamed(file, pieces)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(pieces.join(''));
    expect((await readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves a file with the same bytes untouched, and replaces one that differs by one character', async () => {
    ws = await makeWorkspace();
    const file = path.join(ws.dir, 'out.json');
    await writeFile(file, '{\n  "a": "Київ"\n}\n');
    const before = await stat(file);
    await new Promise((r) => setTimeout(r, 20));
    expect(await writeStreamed(file, ['{\n', '  "a": "Київ"', '\n}\n'])).toBe(false);
    const after = await stat(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await writeStreamed(file, ['{\n', '  "a": "Києв"', '\n}\n'])).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('{\n  "a": "Києв"\n}\n');
    expect((await readdir(ws.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('abort keeps the old file as it was and removes the temporary one', async () => {
    ws = await makeWorkspace();
    const file = path.join(ws.dir, 'out.json');
    await writeFile(file, 'old');
    const out = await StreamedFile.open(file);
    out.write('new, half written');
    out.abort();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await readdir(ws.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(() => out.write('x'.repeat(1 << 21))).toThrow(/after commit or abort/u);
  });

  it('an old file it cannot read to compare: the error names the file, and no temporary file is left', async () => {
    ws = await makeWorkspace();
    // A folder where the file should be opens, has a size, and fails at its first read (EISDIR),
    // even for root, who can read any file; the same size makes the comparison read it.
    const file = path.join(ws.dir, 'out.json');
    await mkdir(file);
    const { size } = await stat(file);
    const out = await StreamedFile.open(file);
    out.write('x'.repeat(size));
    let caught: NodeJS.ErrnoException | undefined;
    try { await out.commit(); } catch (err) { caught = err as NodeJS.ErrnoException; }
    expect(caught?.code).toBe('EISDIR');
    expect(caught?.path).toBe(file);
    expect((await stat(file)).isDirectory()).toBe(true);
    expect((await readdir(ws.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
