// discover: which files are articles, what their ids are, and what is refused.
import { describe, it, expect, afterEach } from 'vitest';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { discoverArticles, articleIdFromPath } from '../../src/source/discover.js';
import { UsageError } from '../../src/errors.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';

describe('discover', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('finds .txt and .md articles in nested folders, sorted, with ids from their relative paths', async () => {
    ws = await makeWorkspace();
    await ws.write('src/2025-06/b.txt', 'Б.');
    await ws.write('src/2025-06/a.md', 'А.');
    await ws.write('src/notes.json', '{}');
    await ws.write('src/drafts/c.txt', 'В.');
    const all = await discoverArticles({ sourceDir: path.join(ws.dir, 'src') });
    expect(all.map((f) => f.id)).toEqual(['2025-06/a', '2025-06/b', 'drafts/c']);
    const some = await discoverArticles({ sourceDir: path.join(ws.dir, 'src'), ignore: ['drafts/**'] });
    expect(some.map((f) => f.relPath)).toEqual(['2025-06/a.md', '2025-06/b.txt']);
  });

  it('makes ids safe as file names and XLIFF ids', () => {
    expect(articleIdFromPath('2025-06/Київ: зустріч "у палаці".txt')).toBe('2025-06/Київ__зустріч__у_палаці_');
    expect(() => articleIdFromPath('../x.txt')).toThrow(UsageError);
  });

  it('refuses patterns and links that escape the source folder', async () => {
    ws = await makeWorkspace();
    await ws.write('outside.txt', 'Секрет.');
    await ws.write('src/ok.txt', 'Добре.');
    await expect(discoverArticles({ sourceDir: path.join(ws.dir, 'src'), include: ['../*.txt'] })).rejects.toThrow(/escapes the source folder/);
    await symlink(path.join(ws.dir, 'outside.txt'), path.join(ws.dir, 'src/link.txt'));
    const found = await discoverArticles({ sourceDir: path.join(ws.dir, 'src') });
    expect(found.map((f) => f.id)).not.toContain('link');
    expect(found.map((f) => f.id)).toContain('ok');
  });

  it('refuses two files that would share one id', async () => {
    ws = await makeWorkspace();
    await ws.write('src/a.txt', 'А.');
    await ws.write('src/a.md', 'А.');
    await expect(discoverArticles({ sourceDir: path.join(ws.dir, 'src') })).rejects.toThrow(/same article id/);
  });
});

describe('discover without a source folder', () => {
  it('says which folder is missing and how to name another', async () => {
    const ws = await makeWorkspace();
    try {
      await expect(discoverArticles({ sourceDir: path.join(ws.dir, 'source-texts') })).rejects.toThrow(/source folder .*source-texts not found.*--source/);
    } finally {
      await ws.cleanup();
    }
  });
});
