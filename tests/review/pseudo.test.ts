// Pseudo-translation tests the layout, and is never a translation: the review page offers no
// approve for it, the server refuses one, and publish never lets it out, whatever state a page or
// a CAT tool gave it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { startReviewServer, type ReviewServer } from '../../src/review/serve.js';
import { fileHash } from '../../src/review/unit-store.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { transition } from '../../src/project/transition.js';

const ARTICLE = '2025-06/lukashenko-kellogg-minsk';

describe('pseudo-translation is never approved or published', () => {
  let ws: Workspace;
  let server: ReviewServer;
  const xlf = (): string => path.join(ws.dir, `locales/en-GB/${ARTICLE}.xlf`);

  beforeAll(async () => {
    ws = await makeWorkspace();
    await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
    await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, `source-texts/${ARTICLE}.txt`));
    const r = await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    server = await startReviewServer({ cwd: ws.dir, localesDir: 'locales', glossaryDir: 'glossaries', uiLanguage: 'en' });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await ws.cleanup();
  });

  it('the transition refuses to approve it', () => {
    const pseudo = { segmentId: 'p1-1', state: 'translated' as const, content: ['⟦Ťéšť⟧'], provenance: { origin: 'mt' as const, engine: 'pseudo' }, flags: [] };
    const result = transition(pseudo, { kind: 'approve', base: pseudo.content, date: '2026-12-03T00:00:00Z' });
    expect(result.outcome).toBe('conflict');
    if (result.outcome === 'conflict') expect(result.reason).toMatch(/pseudo-translation .* cannot be approved/u);
  });

  it('the page marks it as not approvable, and the server refuses an approve (409), writing nothing', async () => {
    const page = await (await fetch(new URL(`/a/en-GB/${ARTICLE}`, server.url))).text();
    expect(page).toMatch(/data-segment="p1-1"[^>]*data-pseudo=""/u);
    const bytes = await readFile(xlf(), 'utf8');
    const doc = await readXliffFile(xlf(), ARTICLE);
    const res = await fetch(new URL('/api/save', server.url), {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Pereklad-Token': server.token },
      body: JSON.stringify({ lang: 'en-GB', articleId: ARTICLE, hash: fileHash(bytes), edits: [{ segmentId: 'p1-1', kind: 'approve', base: doc.targets.get('p1-1')!.content }] }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/pseudo-translation/u);
    expect(await readFile(xlf(), 'utf8')).toBe(bytes);
  });

  it('publish blocks it even when the XLIFF says it was reviewed (a CAT tool raised the state)', async () => {
    const bytes = await readFile(xlf(), 'utf8');
    // Every pseudo unit marked reviewed, as a tool that confirms every segment would.
    await writeFile(xlf(), bytes.replace(/state="needs-review-translation"/gu, 'state="signed-off"'));
    const raised = await readXliffFile(xlf(), ARTICLE);
    expect([...raised.targets.values()].some((t) => t.state === 'reviewed' && t.provenance?.engine === 'pseudo')).toBe(true);
    const r = await runCli(['publish', '--to', 'en-GB', '--allow-mt'], ws.dir);
    expect(r.stdout).toMatch(/0 articles published/u);
    expect(r.stdout + r.stderr).toMatch(/pseudo-translated, which is never published/u);
  });
});
