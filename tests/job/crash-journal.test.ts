// The journal on its own: what a killed run leaves behind is read back, a torn last line is
// ignored and cut before the next append, and settling a language removes only its answers.
import { describe, it, expect, afterEach } from 'vitest';
import { appendFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Journal, JOURNAL_FILE } from '../../src/project/journal.js';
import { contentKey } from '../../src/mt/engine.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';

describe('job journal', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); });

  it('keeps the engine\'s remarks with a journaled answer, so a resumed job flags what the first would have', async () => {
    ws = await makeWorkspace();
    const journal = await Journal.open(ws.dir);
    const requests = [{ content: ['Перше. Друге.'], codes: [] }];
    await journal.recorder('de', 'deepl', requests)([{ index: 0, result: { content: ['Erstens. Zweitens.'], flags: ['sentence marker 1 was lost'] } }]);
    // The job that journaled it reuses it as its own; a job after a kill, as resumed.
    expect(journal.lookup('de', 'deepl', contentKey(['Перше. Друге.']))?.thisRun).toBe(true);
    const reopened = await Journal.open(ws.dir);
    expect(reopened.lookup('de', 'deepl', contentKey(['Перше. Друге.']))).toEqual({ content: ['Erstens. Zweitens.'], flags: ['sentence marker 1 was lost'], thisRun: false });
  });

  it('journals one batch of 200,000 answers (a free engine answers a whole archive at once)', async () => {
    ws = await makeWorkspace();
    const journal = await Journal.open(ws.dir);
    const requests = Array.from({ length: 200_000 }, (_, i) => ({ content: [`Речення ${i}.`], codes: [] }));
    await journal.recorder('de', 'pseudo', requests)(requests.map((r, index) => ({ index, result: { content: r.content } })));
    expect(journal.lookup('de', 'pseudo', contentKey(['Речення 199999.']))?.content).toEqual(['Речення 199999.']);
    await journal.settle('de');
    expect(existsSync(path.join(ws.dir, JOURNAL_FILE))).toBe(false);
  });

  it('finds each answer of batches journaled at once where it was written (the process keeps only places), before and after a settle', async () => {
    ws = await makeWorkspace();
    const journal = await Journal.open(ws.dir);
    const requests = Array.from({ length: 60 }, (_, i) => ({ content: [`Речення номер ${i} про «лапки» і ґанок.`], codes: [] }));
    const answer = (i: number, lang: string): string => `${lang}: sentence ${i} ${'é'.repeat(i % 7)}`;
    // An engine with several requests in flight calls onBatch for each as it lands.
    for (const lang of ['de', 'pl']) {
      const record = journal.recorder(lang, 'deepl', requests);
      await Promise.all(Array.from({ length: 6 }, (_, b) => record(requests.slice(b * 10, b * 10 + 10).map((_r, k) => ({ index: b * 10 + k, result: { content: [answer(b * 10 + k, lang)] } })))));
    }
    for (const lang of ['de', 'pl']) for (let i = 0; i < 60; i += 7) expect(journal.lookup(lang, 'deepl', contentKey(requests[i]!.content))?.content).toEqual([answer(i, lang)]);
    await journal.settle('de');
    for (let i = 0; i < 60; i += 7) {
      expect(journal.lookup('de', 'deepl', contentKey(requests[i]!.content))).toBeUndefined();
      expect(journal.lookup('pl', 'deepl', contentKey(requests[i]!.content))?.content).toEqual([answer(i, 'pl')]);
    }
    journal.close();
  });

  it('keeps every recorded answer across a torn append, and settles per language', async () => {
    ws = await makeWorkspace();
    const journal = await Journal.open(ws.dir);
    const requests = [{ content: ['Перше.'], codes: [] }, { content: ['Друге ', { code: '1' }], codes: [{ id: '1', kind: 'url' as const, text: 'https://x.org' }] }];
    await journal.recorder('de', 'deepl', requests)([{ index: 0, result: { content: ['Erstens.'] } }, { index: 1, result: { content: ['Zweitens ', { code: '1' }] } }]);
    await journal.recorder('pl', 'deepl', requests)([{ index: 0, result: { content: ['Po pierwsze.'] } }]);
    // A kill in the middle of the next append.
    await appendFile(path.join(ws.dir, JOURNAL_FILE), '{"v":1,"lang":"pl","engine":"deepl","key":"Дру');

    const reopened = await Journal.open(ws.dir);
    expect(reopened.damaged).toEqual([]);
    expect(reopened.lookup('de', 'deepl', contentKey(['Друге ', { code: '1' }]))?.content).toEqual(['Zweitens ', { code: '1' }]);
    expect(reopened.lookup('de', 'pseudo', contentKey(['Перше.']))?.content).toBeUndefined();
    expect(reopened.lookup('pl', 'deepl', contentKey(['Перше.']))?.content).toEqual(['Po pierwsze.']);
    await reopened.recorder('pl', 'deepl', requests)([{ index: 1, result: { content: ['Po drugie ', { code: '1' }] } }]);
    const lines = (await readFile(path.join(ws.dir, JOURNAL_FILE), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toHaveLength(4);

    await reopened.settle('de');
    const afterDe = await Journal.open(ws.dir);
    expect(afterDe.lookup('de', 'deepl', contentKey(['Перше.']))?.content).toBeUndefined();
    expect(afterDe.lookup('pl', 'deepl', contentKey(['Друге ', { code: '1' }]))?.content).toEqual(['Po drugie ', { code: '1' }]);
    await afterDe.settle('pl');
    expect(existsSync(path.join(ws.dir, JOURNAL_FILE))).toBe(false);
  });

  it('reads a journal of several MB a chunk at a time (lines across chunks, one longer than a chunk) and settles a language by copying the others\' lines as they are', async () => {
    ws = await makeWorkspace();
    const journal = await Journal.open(ws.dir);
    // About 3 MB: 2 MB of short lines in two languages, one line of 1.5 MB in the middle.
    const requests = Array.from({ length: 12_000 }, (_, i) => ({ content: [`Речення ${i} про ґанок.`], codes: [] }));
    const answer = (i: number, lang: string): string => (i === 6000 ? `${lang} ${'д'.repeat(750_000)}` : `${lang}: sentence ${i} ${'é'.repeat(i % 50)}`);
    for (const lang of ['de', 'pl']) {
      const record = journal.recorder(lang, 'deepl', requests);
      for (let b = 0; b < 12; b++) await record(Array.from({ length: 1000 }, (_, k) => ({ index: b * 1000 + k, result: { content: [answer(b * 1000 + k, lang)] } })));
    }
    journal.close();
    const file = path.join(ws.dir, JOURNAL_FILE);
    const before = await readFile(file, 'utf8');
    expect(before.length).toBeGreaterThan(3_000_000);
    // A damaged line and a torn tail, as a killed run may leave.
    await appendFile(file, 'not json\n{"v":1,"lang":"pl","eng');

    const reopened = await Journal.open(ws.dir);
    expect(reopened.damaged).toEqual([24_001]);
    for (const i of [0, 999, 1000, 5999, 6000, 6001, 11_999]) {
      for (const lang of ['de', 'pl']) expect(reopened.lookup(lang, 'deepl', contentKey(requests[i]!.content))?.content).toEqual([answer(i, lang)]);
    }
    await reopened.settle('de');
    // The pl lines, byte for byte and in their order; the damaged line and the torn tail gone.
    const plLines = before.trimEnd().split('\n').filter((l) => (JSON.parse(l) as { lang: string }).lang === 'pl');
    expect(await readFile(file, 'utf8')).toBe(`${plLines.join('\n')}\n`);
    for (const i of [0, 6000, 11_999]) expect(reopened.lookup('pl', 'deepl', contentKey(requests[i]!.content))?.content).toEqual([answer(i, 'pl')]);
    const again = await Journal.open(ws.dir);
    expect(again.damaged).toEqual([]);
    expect(again.lookup('pl', 'deepl', contentKey(requests[6000]!.content))?.content).toEqual([answer(6000, 'pl')]);
    expect(again.lookup('de', 'deepl', contentKey(requests[6000]!.content))).toBeUndefined();
    again.close();
    reopened.close();
  });
});
