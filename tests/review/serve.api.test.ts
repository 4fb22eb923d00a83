// The review app's HTTP side without a browser: who may save, what a stale page or a broken edit
// gets back, and `pereklad approve`'s choice of sentences and its count.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { snapshot, translatedProject } from '../kit/project.js';
import type { Workspace } from '../helpers/workspace.js';
import { startReviewServer, type ReviewServer } from '../../src/review/serve.js';
import { runApprove } from '../../src/review/approve.js';
import { fileHash } from '../../src/review/unit-store.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { xliff12 } from '../../src/xliff/xliff12.js';
import { lockPath } from '../../src/project/layout.js';
import { runCli } from '../helpers/run-cli.js';

describe('review app over HTTP, and approve', () => {
  let ws: Workspace;
  let server: ReviewServer;
  const xlf = (id: string): string => path.join(ws.dir, `locales/en-GB/${id}.xlf`);
  const save = (body: unknown, headers: Record<string, string> = {}) => fetch(new URL('/api/save', server.url), {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Pereklad-Token': server.token, ...headers }, body: JSON.stringify(body),
  });

  beforeAll(async () => {
    ws = await translatedProject();
    server = await startReviewServer({ cwd: ws.dir, localesDir: 'locales', glossaryDir: 'glossaries', uiLanguage: 'en' });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await ws.cleanup();
  });

  it('a save from a stale page is a conflict (409) and writes nothing', async () => {
    const before = await readFile(xlf('links'), 'utf8');
    const doc = await readXliffFile(xlf('links'), 'links');
    const res = await save({ lang: 'en-GB', articleId: 'links', hash: 'not-the-hash', edits: [{ segmentId: 'p1-2', kind: 'approve', base: doc.targets.get('p1-2')!.content }] });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/changed on disk since it was loaded/u);
    expect(await readFile(xlf('links'), 'utf8')).toBe(before);
  });

  it('an edit that lost an inline code is refused (422), naming the protected text', async () => {
    const bytes = await readFile(xlf('links'), 'utf8');
    const res = await save({ lang: 'en-GB', articleId: 'links', hash: fileHash(bytes), edits: [{ segmentId: 'p2-1', kind: 'edit', base: (await readXliffFile(xlf('links'), 'links')).targets.get('p2-1')!.content, content: ['Photo.'] }] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/lost the protected text "https:\/\/example\.org\/photo\.jpg"/u);
    expect(await readFile(xlf('links'), 'utf8')).toBe(bytes);
  });

  it('while another command holds the project: a save is 503 and approve exits 1, each naming the folder as typed', async () => {
    // A live process of another command holds the lock (its pid is alive, so it is not taken over).
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    const lock = lockPath(path.join(ws.dir, 'locales'));
    await mkdir(path.dirname(lock), { recursive: true });
    await writeFile(lock, `${JSON.stringify({ pid: holder.pid, host: hostname(), command: 'translate', since: '2026-12-03T10:00:00Z', token: 'other' })}\n`);
    const wait = process.env.PEREKLAD_LOCK_WAIT_MS;
    process.env.PEREKLAD_LOCK_WAIT_MS = '200';
    try {
      const before = await readFile(xlf('links'), 'utf8');
      const doc = await readXliffFile(xlf('links'), 'links');
      const res = await save({ lang: 'en-GB', articleId: 'links', hash: fileHash(before), edits: [{ segmentId: 'p1-2', kind: 'approve', base: doc.targets.get('p1-2')!.content }] });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toMatch(/^locales is in use by pereklad translate \(pid \d+, since 2026-12-03T10:00:00Z\)/u);
      const approve = await runCli(['approve', '--to', 'en-GB'], ws.dir, { PEREKLAD_LOCK_WAIT_MS: '200' });
      expect(approve.code).toBe(1);
      expect(approve.stderr).toMatch(/locales is in use by pereklad translate/u);
      expect(approve.stderr).not.toContain(ws.dir);
      expect(await readFile(xlf('links'), 'utf8')).toBe(before);
    } finally {
      if (wait === undefined) delete process.env.PEREKLAD_LOCK_WAIT_MS;
      else process.env.PEREKLAD_LOCK_WAIT_MS = wait;
      await rm(lock, { force: true });
      holder.kill();
    }
  });

  it('refuses a save without the token, from another Host, or not as JSON', async () => {
    const body = { lang: 'en-GB', articleId: 'links', hash: '', edits: [] };
    expect((await save(body, { 'X-Pereklad-Token': 'wrong' })).status).toBe(403);
    expect((await save(body, { 'Content-Type': 'text/plain' })).status).toBe(415);
    // A page of another site that rebinds its name to 127.0.0.1 still sends its own Host (fetch
    // cannot set it, node:http can).
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: new URL(server.url).port, path: '/', headers: { Host: 'evil.example' } }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
    });
    expect(status).toBe(421);
    expect((await fetch(new URL('/a/en-GB/..%2F..%2Fetc', server.url))).status).toBe(404);
  });

  it('bound to another address, every page needs the token in its URL', async () => {
    const open = await startReviewServer({ cwd: ws.dir, localesDir: 'locales', glossaryDir: 'glossaries', uiLanguage: 'en', host: '0.0.0.0' });
    try {
      const url = new URL(open.url);
      expect(url.searchParams.get('token')).toBe(open.token);
      const bare = new URL(url.pathname, `http://127.0.0.1:${url.port}`);
      expect((await fetch(bare)).status).toBe(403);
      const withToken = new URL(`${url.pathname}${url.search}`, `http://127.0.0.1:${url.port}`);
      const index = await fetch(withToken);
      expect(index.status).toBe(200);
      // Links on the page carry the token on.
      expect(await index.text()).toContain(`?token=${open.token}`);
    } finally {
      await open.close();
    }
  });

  it('approve --from chooses MT or a person\'s translations, counts what changed, and a repeat changes nothing', async () => {
    // One sentence translated by a person, not yet reviewed.
    const doc = await readXliffFile(xlf('links'), 'links');
    doc.targets.set('p3-2', { ...doc.targets.get('p3-2')!, content: ['Mike Pompeo led it.'], provenance: { origin: 'human' }, state: 'translated' });
    await writeFile(xlf('links'), xliff12.write(doc));
    const human = await runApprove({ cwd: ws.dir, localesDir: 'locales', glossaryDir: 'glossaries', articles: ['links'], from: 'translated' });
    expect(human.approved).toBe(1);
    expect(human.files[0]!.approved).toEqual(['p3-2']);
    const mt = await runApprove({ cwd: ws.dir, localesDir: 'locales', glossaryDir: 'glossaries', articles: ['links'], from: 'mt', segments: ['p1-1', 'p3-1'] });
    expect(mt.approved).toBe(2);
    const after = await readXliffFile(xlf('links'), 'links');
    expect(after.targets.get('p1-1')!.state).toBe('reviewed');
    expect(after.targets.get('p1-1')!.provenance?.origin).toBe('mt');
    expect(after.targets.get('p1-2')!.state).toBe('translated');
    const again = await runApprove({ cwd: ws.dir, localesDir: 'locales', glossaryDir: 'glossaries', articles: ['links'], from: 'mt', segments: ['p1-1', 'p3-1'] });
    expect(again.approved).toBe(0);
    await expect(runApprove({ cwd: ws.dir, localesDir: 'locales', glossaryDir: 'glossaries', articles: ['nope'] })).rejects.toThrow(/no XLIFF for article\(s\) nope/u);
  });

  it('approve reads one file at a time, yet approves nothing until every segment asked for is found', async () => {
    const own = await translatedProject();
    try {
      const before = await snapshot(path.join(own.dir, 'locales'));
      // p1-1 exists in both articles; the second segment in none: refused before any file is written.
      await expect(runApprove({ cwd: own.dir, localesDir: 'locales', glossaryDir: 'glossaries', segments: ['p1-1', 'p99-9'] })).rejects.toThrow(/no segment\(s\) p99-9/u);
      expect(await snapshot(path.join(own.dir, 'locales'))).toEqual(before);
      // Over the whole project: every file with machine translation is approved, each once.
      const all = await runApprove({ cwd: own.dir, localesDir: 'locales', glossaryDir: 'glossaries', from: 'mt' });
      expect(all.errors).toEqual([]);
      expect(all.files.map((f) => f.articleId).sort()).toEqual(['2025-06/lukashenko-kellogg-minsk', 'links']);
      for (const f of all.files) {
        const doc = await readXliffFile(path.join(own.dir, f.file), f.file);
        for (const id of f.approved) expect(doc.targets.get(id)!.state).toBe('reviewed');
      }
      expect(all.approved).toBe(all.files.reduce((n, f) => n + f.approved.length, 0));
    } finally {
      await own.cleanup();
    }
  }, 60_000);
});
