// Segmentation rules a newsroom extends in pereklad.config.json, used by translate, and shared
// with CAT tools as SRX 2.0.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { parseXliff } from '../../src/xliff/read.js';
import { srxToRules } from '../../src/segment/srx.js';
import { splitSentences } from '../../src/segment/split.js';

// "редкол." is no built-in abbreviation: by default it ends a sentence before a capital.
const TEXT = 'Статтю схвалила редкол. Видання «Світ» у понеділок. Далі буде.\n';

describe('project segmentation rules', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', TEXT);
  });
  afterEach(async () => { await ws.cleanup(); });

  it('translate segments with the abbreviations the config adds', async () => {
    expect(splitSentences(TEXT)).toHaveLength(3);
    await ws.write('pereklad.config.json', JSON.stringify({ segmentation: { abbreviations: { title: ['редкол'] } } }));
    const r = await runCli(['translate', '--engine', 'none'], ws.dir);
    expect(r.code).toBe(0);
    const doc = parseXliff(await readFile(path.join(ws.dir, 'locales/en-GB/a.xlf'), 'utf8'), 'a.xlf');
    expect([...doc.targets.keys()]).toEqual(['p1-1', 'p1-2']);
    const shown = await runCli(['segment', 'source-texts/a.txt'], ws.dir);
    expect(shown.stdout.trim().split('\n')).toEqual(['Статтю схвалила редкол. Видання «Світ» у понеділок.', 'Далі буде.']);
  });

  it('exports the rules as SRX 2.0 that reads back, and a project can segment by an SRX file', async () => {
    await ws.write('pereklad.config.json', JSON.stringify({ segmentation: { abbreviations: { title: ['редкол'] } } }));
    const r = await runCli(['srx', '--out', 'rules.srx'], ws.dir);
    expect(r.code).toBe(0);
    const srx = await readFile(path.join(ws.dir, 'rules.srx'), 'utf8');
    expect(srx).toContain('http://www.lisa.org/srx20');
    const lint = spawnSync('xmllint', ['--noout', path.join(ws.dir, 'rules.srx')], { encoding: 'utf8' });
    if (!lint.error) expect(lint.status).toBe(0);
    expect(splitSentences(TEXT, 'uk', srxToRules(srx, 'uk'))).toHaveLength(2);
    await ws.write('pereklad.config.json', JSON.stringify({ segmentation: { srx: 'rules.srx' } }));
    const shown = await runCli(['segment', 'source-texts/a.txt'], ws.dir);
    expect(shown.code).toBe(0);
    expect(shown.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('segment splits a file as translate does: metadata out, every sentence once', async () => {
    await ws.write('source-texts/m.txt', 'date 2025-06 Перше речення. Друге!\n\nAleksandr met Keith. The U.S. President said so.\n');
    const r = await runCli(['segment', 'source-texts/m.txt'], ws.dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['Перше речення.', 'Друге!', 'Aleksandr met Keith.', 'The U.S. President said so.']);
  });

  it('segment reads Markdown as translate does: the units translate makes, never a split inside a tag pair', async () => {
    await ws.write('source-texts/m.md', '---\ntitle: Заголовок статті\n---\n\n# Новини\n\n**Уряд ухвалив рішення. Це сталося** 21 червня. Далі текст.\n');
    const r = await runCli(['segment', 'source-texts/m.md'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    const t = await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB'], ws.dir);
    expect(t.code, t.stderr).toBe(0);
    const units = [...(await readFile(path.join(ws.dir, 'locales/en-GB/m.xlf'), 'utf8')).matchAll(/<trans-unit /gu)].length;
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(units);
    expect(lines).toContain('**Уряд ухвалив рішення. Це сталося** 21 червня.');
    expect(lines.some((l) => l.includes('title'))).toBe(false);
  });

  it('names the bad key of a wrong rule', async () => {
    await ws.write('pereklad.config.json', JSON.stringify({ segmentation: { rules: [{ break: false, before: '(', after: '' }] } }));
    const r = await runCli(['translate'], ws.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/segmentation\.rules\[0\]\.before/);
    await ws.write('pereklad.config.json', JSON.stringify({ segmentation: { srx: 'missing.srx' } }));
    const missing = await runCli(['translate'], ws.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.srx/);
  });
});
