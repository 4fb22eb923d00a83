// `pereklad publish` and `pereklad review` as a newsroom runs them, on the sample article.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import i18next from 'i18next';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { parseXliff } from '../../src/xliff/read.js';
import { allSegments } from '../../src/model.js';
import { editSampleXliff, SAMPLE_ID, type Edit } from '../review/sample.js';

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  } catch {
    return [];
  }
}

describe('pereklad publish (CLI)', () => {
  let ws: Workspace;
  const xliff = () => path.join(ws.dir, 'locales/en-GB', `${SAMPLE_ID}.xlf`);
  /** Every sentence of the sample edited as the given state and origin; the source's numbers are
   *  kept, so that the QA checks find nothing wrong. */
  async function editAll(make: (id: string, numbers: string) => Edit): Promise<void> {
    const doc = parseXliff(await readFile(xliff(), 'utf8'), xliff());
    const edits: Record<string, Edit> = {};
    for (const block of doc.article.blocks) if (block.kind === 'paragraph') for (const s of block.segments) edits[s.id] = make(s.id, (s.text.match(/\d+/gu) ?? []).join(' '));
    await editSampleXliff(path.join(ws.dir, 'locales'), 'en-GB', edits);
  }

  beforeEach(async () => {
    ws = await makeWorkspace();
    await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
    await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, `source-texts/${SAMPLE_ID}.txt`));
    expect((await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB'], ws.dir)).code).toBe(0);
  });
  afterEach(async () => { await ws.cleanup(); });

  it('lists an article that is not ready with what blocks it, and publishes nothing of it', async () => {
    await editSampleXliff(path.join(ws.dir, 'locales'), 'en-GB');
    const r = await runCli(['publish', '--to', 'en-GB'], ws.dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`not ready: ${SAMPLE_ID} → en-GB: .*p7-1.*pseudo-translated.*QA error.*p10-1`));
    expect(await list(path.join(ws.dir, 'publish'))).toEqual([]);
    expect(r.stdout).toMatch(/done: 0 articles published, 1 not ready/);
  });

  it('publishes a reviewed article as text, Markdown and HTML, and i18next resources a site can load', async () => {
    await editAll((id, numbers) => ({ state: 'reviewed', text: `Reviewed sentence ${id} with <tags> & "quotes" ${numbers}.` }));
    const r = await runCli(['publish', '--to', 'en-GB'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(await list(path.join(ws.dir, 'publish'))).toEqual(['txt', 'md', 'html'].map((f) => `en-GB/${SAMPLE_ID}.${f}`).sort());
    const md = await readFile(path.join(ws.dir, 'publish/en-GB', `${SAMPLE_ID}.md`), 'utf8');
    expect(md).toMatch(/^---\narticle: "2025-06\/lukashenko-kellogg-minsk"\nsource: "2025-06\/lukashenko-kellogg-minsk.txt"/);
    expect(md).toContain('machine_translated: false');
    expect(md).toContain('Reviewed sentence p1-1 with \\<tags\\> \\& "quotes"');
    const html = await readFile(path.join(ws.dir, 'publish/en-GB', `${SAMPLE_ID}.html`), 'utf8');
    expect(html).toContain('Reviewed sentence p1-1 with &lt;tags&gt; &amp; &quot;quotes&quot;');

    const i18n = i18next.createInstance();
    const load = async (lang: string) => JSON.parse(await readFile(path.join(ws.dir, 'locales', lang, 'articles.json'), 'utf8')) as Record<string, unknown>;
    await i18n.init({ lng: 'en-GB', fallbackLng: 'uk', resources: { 'en-GB': { articles: await load('en-GB') }, uk: { articles: await load('uk') } }, ns: ['articles'], defaultNS: 'articles', interpolation: { escapeValue: false } });
    const doc = parseXliff(await readFile(xliff(), 'utf8'), xliff());
    for (const s of allSegments(doc.article)) {
      const shown = i18n.t(`${SAMPLE_ID}.${s.id}`);
      expect(shown.startsWith(`Reviewed sentence ${s.id} `) || shown === s.text, s.id).toBe(true);
    }
  });

  it('killed (kill -9) while putting a resource in place, leaves the old resource whole and no temporary file after the next run', async () => {
    await editAll((id, numbers) => ({ state: 'reviewed', text: `First version ${id} ${numbers}.` }));
    expect((await runCli(['publish', '--to', 'en-GB'], ws.dir)).code).toBe(0);
    const resource = path.join(ws.dir, 'locales/en-GB/articles.json');
    const first = await readFile(resource, 'utf8');
    await editAll((id, numbers) => ({ state: 'reviewed', text: `Second version ${id} ${numbers}.` }));
    // Killed at its first rename, again and again: each run gets one file further (the copies, each
    // through its own rename, then the streamed resources), until one has nothing left to kill.
    let kills = 0;
    for (let run = 0; run < 12; run++) {
      const killed = await runCli(['publish', '--to', 'en-GB'], ws.dir, { PEREKLAD_CRASH_AT: 'rename:1' });
      const now = await readFile(resource, 'utf8');
      // Old or new, whole: a site never loads half a file.
      expect(now === first || now.includes('Second version p1-1'), `run ${run}`).toBe(true);
      expect(() => JSON.parse(now) as unknown).not.toThrow();
      if (killed.signal !== 'SIGKILL') break;
      kills++;
    }
    // Three copies and the en-GB resource were each a kill (the uk one, unchanged, is not renamed).
    expect(kills).toBeGreaterThanOrEqual(4);
    const r = await runCli(['publish', '--to', 'en-GB'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(resource, 'utf8')).toContain('Second version p1-1');
    const everything = [...await list(path.join(ws.dir, 'locales')), ...await list(path.join(ws.dir, 'publish'))];
    expect(everything.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--allow-mt publishes unreviewed MT marked as machine translation; pseudo never', async () => {
    const pseudo = await runCli(['publish', '--to', 'en-GB', '--allow-mt'], ws.dir);
    expect(pseudo.stderr).toMatch(/pseudo-translated, which is never published/);
    await editAll((id, numbers) => ({ state: 'translated', text: `Machine sentence ${id} ${numbers}.`, provenance: { origin: 'mt', engine: 'deepl' } }));
    const without = await runCli(['publish', '--to', 'en-GB'], ws.dir);
    expect(without.stderr).toMatch(/--allow-mt publishes those/);
    const r = await runCli(['publish', '--to', 'en-GB', '--allow-mt', '--format', 'txt', '--verbose'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/marked as machine translation/);
    const txt = await readFile(path.join(ws.dir, 'publish/en-GB', `${SAMPLE_ID}.txt`), 'utf8');
    expect(txt).toContain('machine_translated: true');
    expect(txt).toContain('engines: ["deepl"]');
    expect(txt).toMatch(/\[Machine translation: /);
  });

  it('exits 2 on bad usage and 1 when there is nothing to publish', async () => {
    for (const args of [['publish', '--min-state', 'done'], ['publish', '--format', 'pdf'], ['publish', '--to', 'uk'], ['review', '--lang', 'fr']]) {
      const r = await runCli(args, ws.dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const none = await runCli(['publish', '--to', 'de'], ws.dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no XLIFF files for de.*pereklad translate/);
  });

  it('names a bad publish key in the config file', async () => {
    await ws.write('pereklad.config.json', JSON.stringify({ publish: { minState: 'approved' } }));
    const r = await runCli(['publish'], ws.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/publish\.minState/);
  });
});
