// Incremental jobs through the CLI against a DeepL-compatible server that counts what it bills:
// an unchanged re-run sends nothing and rewrites nothing; one edited sentence is the one text billed.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile, readdir, stat, copyFile, mkdir, utimes } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { contentToTaggedXml } from '../../src/mt/tags.js';
import { parseArticle } from '../../src/source/parse.js';
import { allSegments } from '../../src/model.js';

const KEY = 'test-key:fx';
const ARTICLE = 'source-texts/2025-06/lukashenko-kellogg-minsk.txt';

async function snapshot(dir: string): Promise<Map<string, { bytes: string; mtimeMs: number }>> {
  const out = new Map<string, { bytes: string; mtimeMs: number }>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out.set(file, { bytes: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs });
  }
  return out;
}

describe('incremental translate', () => {
  let ws: Workspace;
  let fake: FakeDeepL;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
    await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, ARTICLE));
    fake = await startFakeDeepL({ keys: [KEY] });
  });
  afterEach(async () => {
    await fake.close();
    await ws.cleanup();
  });
  const env = (): Record<string, string> => ({ DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });

  it('an unchanged re-run sends nothing to MT and rewrites no file', async () => {
    // A source is known by its stamp only once the stamp is two seconds old (src/project/incremental.ts):
    // older already, so that a first run slower than that on a loaded machine does not leave the
    // re-run an index to complete.
    const past = new Date(Date.now() - 60_000);
    await utimes(path.join(ws.dir, ARTICLE), past, past);
    expect((await runCli(['translate', '--to', 'en-GB,de'], ws.dir, env())).code).toBe(0);
    const before = await snapshot(path.join(ws.dir, 'locales'));
    const requests = fake.requests.length;
    const again = await runCli(['translate', '--to', 'en-GB,de'], ws.dir, env());
    expect(again.code).toBe(0);
    expect(fake.requests.length).toBe(requests);
    expect(await snapshot(path.join(ws.dir, 'locales'))).toEqual(before);
    // The journal is gone once every XLIFF holds what it recorded.
    expect(existsSync(path.join(ws.dir, 'locales/.pereklad/journal.jsonl'))).toBe(false);
  });

  it('after one sentence is edited, exactly that sentence is sent and billed, once per language', async () => {
    expect((await runCli(['translate', '--to', 'en-GB,de'], ws.dir, env())).code).toBe(0);
    const source = await readFile(path.join(ws.dir, ARTICLE), 'utf8');
    const sentence = 'Келлог став найвищим посадовцем США, який відвідав авторитарну державу за останні роки.';
    expect(source).toContain(sentence);
    const edited = sentence.replace('за останні роки', 'за останні десять років');
    await ws.write(ARTICLE, source.replace(sentence, edited));
    const billed = fake.billedTexts.length;
    const r = await runCli(['translate', '--to', 'en-GB,de'], ws.dir, env());
    expect(r.code).toBe(0);
    const segment = [...allSegments(parseArticle(source.replace(sentence, edited), 'a', 'a.txt'))].find((s) => s.text === edited)!;
    expect(fake.billedTexts.slice(billed)).toEqual([contentToTaggedXml(segment.content), contentToTaggedXml(segment.content)]);
  });
});
