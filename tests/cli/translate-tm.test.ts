// `translate --tm DIR`: TMX files in another folder join the translation memory.
import { describe, it, expect, afterEach } from 'vitest';
import { readFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { parseXliff } from '../../src/xliff/read.js';

describe('translate --tm', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('fills exact matches from a TMX in the named folder, sending nothing to MT', async () => {
    ws = await makeWorkspace();
    // A memory from elsewhere, as a CAT tool exports it.
    await ws.write('memories/newsroom.tmx', `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="uk" datatype="plaintext"/>
<body><tu><tuv xml:lang="uk"><seg>Зустріч відбулася у Мінську.</seg></tuv><tuv xml:lang="en-GB"><seg>The meeting took place in Minsk.</seg></tuv></tu></body></tmx>
`);
    await ws.write('source-texts/a.txt', 'Зустріч відбулася у Мінську. Інше речення.\n');
    const r = await runCli(['translate', '--engine', 'none', '--tm', 'memories'], ws.dir);
    expect(r.code).toBe(0);
    const doc = parseXliff(await readFile(path.join(ws.dir, 'locales/en-GB/a.xlf'), 'utf8'), 'a.xlf');
    expect(doc.targets.get('p1-1')?.content).toEqual(['The meeting took place in Minsk.']);
    expect(doc.targets.get('p1-2')?.content).toBeUndefined();
    // Without --tm the folder is not read.
    await mkdir(path.join(ws.dir, 'other'));
    await rename(path.join(ws.dir, 'locales'), path.join(ws.dir, 'other/locales'));
    expect((await runCli(['translate', '--engine', 'none'], ws.dir)).code).toBe(0);
    const plain = parseXliff(await readFile(path.join(ws.dir, 'locales/en-GB/a.xlf'), 'utf8'), 'a.xlf');
    expect(plain.targets.get('p1-1')?.content).toBeUndefined();
  });
});
