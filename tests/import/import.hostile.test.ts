// Hostile and broken imports: each is refused with a clear message naming the file (and line and
// column where there is one), and no file of the project changes.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { mkdir, open, readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { runImport, type ImportOptions } from '../../src/import/import.js';
import { BadInputError } from '../../src/errors.js';
import { allSegments, contentText } from '../../src/model.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { makeKit } from '../../src/kit/kit.js';
import { snapshot, translatedProject } from '../kit/project.js';
import type { Workspace } from '../helpers/workspace.js';

let ws: Workspace;
let returned: string;
let state: Map<string, string>;

const importing = (inputs: string[], extra: Partial<ImportOptions> = {}) =>
  runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs, ...extra });

async function hostile(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(ws.dir, 'returned', name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

beforeAll(async () => {
  ws = await translatedProject();
  await makeKit({ cwd: ws.dir, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out: 'kit' });
  returned = await readFile(path.join(ws.dir, 'kit/links.xlf'), 'utf8');
});
afterAll(async () => { await ws.cleanup(); });
beforeEach(async () => {
  await rm(path.join(ws.dir, 'returned'), { recursive: true, force: true });
  state = await snapshot(path.join(ws.dir, 'locales'));
});

async function expectUnchanged(): Promise<void> {
  expect(await snapshot(path.join(ws.dir, 'locales'))).toEqual(state);
}

async function expectRefused(file: string, message: RegExp, position: boolean): Promise<void> {
  const error = await importing([file]).then(() => undefined, (err: unknown) => err);
  expect(error).toBeInstanceOf(BadInputError);
  const bad = error as BadInputError;
  expect(bad.message).toMatch(message);
  expect(bad.file).toContain(path.basename(file));
  if (position) {
    expect(bad.line).toBeGreaterThan(0);
    expect(bad.column).toBeGreaterThan(0);
  }
  await expectUnchanged();
}

describe('hostile imports change nothing', () => {
  it('refuses an external entity (XXE)', async () => {
    const xml = returned.replace('<xliff', '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff').replace('Details', '&xxe;');
    await expectRefused(await hostile('xxe.xlf', xml), /DOCTYPE/, true);
  });

  it('refuses entity expansion (billion laughs)', async () => {
    const lols = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)];
    const xml = returned.replace('<xliff', `<!DOCTYPE xliff [${lols.join('')}]>\n<xliff`).replace('</target>', '&lol9;</target>');
    await expectRefused(await hostile('lol.xlf', xml), /DOCTYPE/, true);
  });

  it('refuses a truncated file with line and column', async () => {
    await expectRefused(await hostile('truncated.xlf', returned.slice(0, Math.floor(returned.length * 0.6))), /./, true);
  });

  it('refuses a wrong encoding declaration', async () => {
    await expectRefused(await hostile('latin1.xlf', returned.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')), /ISO-8859-1.*UTF-8/, true);
  });

  it('refuses bytes that are not the UTF-8 they claim, with line and column', async () => {
    // A windows-1251 "Ж" (0xC6) followed by ASCII is not UTF-8.
    const bytes = Buffer.from(returned.replace('<body>', '<body>MARK'), 'utf8');
    const at = bytes.indexOf('MARK');
    bytes[at] = 0xc6;
    await expectRefused(await hostile('cp1251.xlf', bytes), /not valid UTF-8/, true);
  });

  it('refuses a 200 MB file by its size, before reading it', async () => {
    const file = path.join(ws.dir, 'returned', 'huge.xlf');
    await mkdir(path.dirname(file), { recursive: true });
    const handle = await open(file, 'w');
    const chunk = Buffer.from('<trans-unit id="x"><source>lol</source></trans-unit>\n'.repeat(20_000));
    await handle.write(returned.slice(0, returned.indexOf('<body>') + 6));
    for (let written = 0; written < 200 * 1024 * 1024; written += chunk.length) await handle.write(chunk);
    await handle.close();
    await expectRefused(file, /MiB limit.*not read/, false);
    await rm(file);
  });

  it('refuses ids that do not exist, naming them', async () => {
    const xml = returned.replace('id="p1-2"', 'id="p99-1"').replace('Druhe rechennia', 'Another sentence').replace(/Друге речення &quot;у лапках&quot;\.|Друге речення "у лапках"\./u, 'Речення, якого немає.');
    const summary = await importing([await hostile('unknown.xlf', xml)]);
    expect(summary.applied).toBe(false);
    expect(summary.problems.map((p) => [p.kind, p.unit])).toEqual([['unknown-id', 'p99-1']]);
    await expectUnchanged();
  });

  it('refuses duplicate ids', async () => {
    const unit = /<trans-unit id="p2-1"[\s\S]*?<\/trans-unit>/u.exec(returned)![0];
    const summary = await importing([await hostile('dup.xlf', returned.replace(unit, `${unit}\n${unit}`))]);
    expect(summary.applied).toBe(false);
    expect(summary.problems.every((p) => p.kind === 'duplicate-id' && p.unit === 'p2-1')).toBe(true);
    await expectUnchanged();
  });

  it('refuses a file for another language or another article', async () => {
    const de = await hostile('de.xlf', returned.replace('target-language="en-GB"', 'target-language="de"'));
    const other = await hostile('other.xlf', returned.replace(/"article":"links"/u, '"article":"elsewhere/other"').replace('original="links.txt"', 'original="elsewhere/other.txt"'));
    const climbing = await hostile('climb.xlf', returned.replace(/"article":"links"/u, '"article":"../../outside"'));
    const summary = await importing([de, other, climbing]);
    expect(summary.applied).toBe(false);
    expect(summary.problems.map((p) => p.kind).sort()).toEqual(['other-article', 'other-article', 'wrong-language']);
    expect((await importing([de], { to: 'en-GB' })).problems.map((p) => p.kind)).toEqual(['wrong-language']);
    await expectUnchanged();
  });
});

describe('a source changed under a reviewed unit', () => {
  it('is not applied: reported, nothing changes; with --partial it is kept as a match and the rest applies', async () => {
    // A reviewer's translations for two sentences, imported: p3-1 is now reviewed.
    const reviewedXml = returned
      .replace(/(<trans-unit id="p3-1"[\s\S]*?<target[^>]*>)[\s\S]*?(<\/target>)/u, '$1The meeting took place on 21 June 2025.$2')
      .replace(/(<trans-unit id="p3-2"[\s\S]*?<target[^>]*>)[\s\S]*?(<\/target>)/u, '$1It was led by Mike Pompeo.$2');
    const first = await importing([await hostile('reviewed.xlf', reviewedXml)]);
    expect(first.problems).toEqual([]);
    state = await snapshot(path.join(ws.dir, 'locales'));
    expect(state.get('en-GB/links.xlf')).toContain('The meeting took place on 21 June 2025.');

    // The editor changes the source of p3-1; then a late copy of the reviewed file comes back, edited again.
    const sourceFile = path.join(ws.dir, 'source-texts/links.txt');
    const original = await readFile(sourceFile, 'utf8');
    await writeFile(sourceFile, original.replace('21 червня', '22 червня'));
    try {
      const late = reviewedXml.replace('The meeting took place on 21 June 2025.', 'The meeting was held on 21 June 2025.').replace('It was led by Mike Pompeo.', 'Mike Pompeo led it.');
      const file = await hostile('late.xlf', late);
      const refused = await importing([file]);
      expect(refused.applied).toBe(false);
      // p3-2 changed too, and the project's p3-2 is the reviewer's earlier text: the file lies
      // outside any kit, so which of the two is newer cannot be told, and neither is lost.
      expect(refused.problems.map((p) => [p.kind, p.unit])).toEqual([['stale', 'p3-1'], ['conflict', 'p3-2']]);
      expect(refused.problems[0]!.message).toMatch(/21 червня.*22 червня/u);
      expect(refused.problems[1]!.message).toMatch(/outside its kit folder \(no pereklad-kit\.json beside it\)/u);
      await expectUnchanged();

      const kept = await importing([file], { partial: true });
      expect(kept.applied).toBe(true);
      const between = await readXliffFile(path.join(ws.dir, 'locales/en-GB/links.xlf'), 'links.xlf');
      expect(between.targets.get('p3-2')?.content?.join('')).toBe('It was led by Mike Pompeo.');
      expect(between.targets.get('p3-2')?.matches?.some((m) => m.kind === 'previous' && m.target.join('') === 'Mike Pompeo led it.')).toBe(true);

      // The reviewer says the late file is the newer one: it is applied, the replaced text kept as a match.
      const partial = await importing([file], { partial: true, takeReturned: true });
      expect(partial.applied).toBe(true);
      const after = await readXliffFile(path.join(ws.dir, 'locales/en-GB/links.xlf'), 'links.xlf');
      const text = (id: string): string | undefined => {
        const segment = [...allSegments(after.article)].find((s) => s.id === id)!;
        const target = after.targets.get(id);
        return target?.content && contentText(target.content, segment.codes);
      };
      expect(text('p3-2')).toBe('Mike Pompeo led it.');
      expect(after.targets.get('p3-2')?.matches?.some((m) => m.kind === 'previous' && m.target.join('') === 'It was led by Mike Pompeo.')).toBe(true);
      // The same file again, on the same word: nothing more changes, no file is rewritten.
      const applied = await readFile(path.join(ws.dir, 'locales/en-GB/links.xlf'), 'utf8');
      const again = await importing([file], { partial: true, takeReturned: true });
      expect(again.articles.reduce((n, a) => n + a.edited, 0)).toBe(0);
      expect(await readFile(path.join(ws.dir, 'locales/en-GB/links.xlf'), 'utf8')).toBe(applied);
      expect(text('p3-1')).not.toBe('The meeting was held on 21 June 2025.');
      const match = after.targets.get('p3-1')?.matches?.find((m) => m.target.join('') === 'The meeting was held on 21 June 2025.');
      expect(match?.kind).toBe('previous');
    } finally {
      await writeFile(sourceFile, original);
    }
  });
});

describe('atomic writes', () => {
  it('an import that fails half-way through writing changes nothing', async () => {
    const edited = returned.replace(/(<trans-unit id="p2-1"[\s\S]*?<target[^>]*>)[\s\S]*?(<ph)/u, '$1Photograph: $2');
    // The review copy's place is taken by a folder: its rename fails after the XLIFF's succeeded.
    const reviewFile = path.join(ws.dir, 'locales/en-GB/review/links.txt');
    const saved = await readFile(reviewFile, 'utf8');
    await rm(reviewFile);
    await mkdir(path.join(reviewFile, 'blocker'), { recursive: true });
    state = await snapshot(path.join(ws.dir, 'locales'));
    try {
      await expect(importing([await hostile('edited.xlf', edited)])).rejects.toThrow();
      await expectUnchanged();
    } finally {
      await rm(reviewFile, { recursive: true, force: true });
      await writeFile(reviewFile, saved);
    }
  });
});
