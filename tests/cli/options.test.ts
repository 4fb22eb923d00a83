// Options that mean one thing everywhere: language tags in their canonical form and checked
// against the engine's own list; --locales for the locales folder, --out only for what a command
// makes outside the project.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { runCli } from '../helpers/run-cli.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { checkTargetLanguage, targetsFlag } from '../../src/config.js';

const KEY = 'test-key:fx';

describe('language tags', () => {
  it('are canonical whatever their case, and one language is named once', () => {
    expect(checkTargetLanguage('en-gb', '--to')).toBe('en-GB');
    expect(checkTargetLanguage('EN-GB', '--to')).toBe('en-GB');
    expect(checkTargetLanguage('pt-br', '--to')).toBe('pt-BR');
    expect(checkTargetLanguage('zh-hans', '--to')).toBe('zh-Hans');
    expect(targetsFlag('en-GB,en-gb, de,DE')).toEqual(['en-GB', 'de']);
    expect(() => checkTargetLanguage('english', '--to')).toThrow(/not a language tag/u);
    expect(() => checkTargetLanguage('UK', '--to')).toThrow(/source language/u);
  });
});

describe('on the command line', () => {
  let ws: Workspace;
  let fake: FakeDeepL;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Зустріч відбулася у Мінську.\n');
    fake = await startFakeDeepL({ keys: [KEY] });
  });
  afterEach(async () => {
    await fake.close();
    await ws.cleanup();
  });
  const env = (): Record<string, string> => ({ DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });

  it('a case slip makes no second folder and no second bill', async () => {
    expect((await runCli(['translate', '--to', 'en-GB'], ws.dir, env())).code).toBe(0);
    const billed = fake.billedCharacters;
    const again = await runCli(['translate', '--to', 'en-gb'], ws.dir, env());
    expect(again.code).toBe(0);
    expect(fake.billedCharacters).toBe(billed);
    expect((await readdir(path.join(ws.dir, 'locales'))).filter((n) => !n.startsWith('.'))).toEqual(['en-GB']);
  });

  it('a language DeepL does not translate into is refused in one line, before anything is sent; the list is kept in the project', async () => {
    const r = await runCli(['translate', '--to', 'sw'], ws.dir, env());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--to sw: deepl does not translate into sw; its target languages are .*\bde\b.*\ben-GB\b/u);
    expect(fake.requests).toHaveLength(0);
    const cache = JSON.parse(await readFile(path.join(ws.dir, 'locales/.pereklad/deepl-targets.json'), 'utf8')) as { languages: string[] };
    expect(cache.languages).toContain('pt-BR');
    // A second run reads the kept list: DeepL is not asked again.
    const asked = fake.httpLog.filter((e) => e.path.startsWith('/v2/languages')).length;
    expect((await runCli(['translate', '--to', 'xx'], ws.dir, env())).code).toBe(2);
    expect(fake.httpLog.filter((e) => e.path.startsWith('/v2/languages')).length).toBe(asked);
  });

  it('--locales names the locales folder in every command; --out there is refused in one line naming --locales', async () => {
    expect((await runCli(['translate', '--engine', 'pseudo', '--locales', 'out-l'], ws.dir)).code).toBe(0);
    expect(existsSync(path.join(ws.dir, 'out-l/en-GB/a.xlf'))).toBe(true);
    for (const command of [['status'], ['qa'], ['review']]) {
      const r = await runCli([...command, '--locales', 'out-l'], ws.dir);
      expect(r.code, `${command[0]}: ${r.stderr}`).toBe(0);
    }
    const wrong = await runCli(['translate', '--out', 'out-l'], ws.dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^pereklad: translate --out: the locales folder is --locales out-l/mu);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('qa, review, publish and tm export with nothing to work on fail in one line', async () => {
    for (const command of [['qa'], ['review'], ['publish', '--to', 'en-GB'], ['tm', 'export', '--out', 'x.tmx']]) {
      const r = await runCli(command, ws.dir);
      expect(r.code, command.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), command.join(' ')).toHaveLength(1);
    }
  });
});
