// --json on every command: exactly one document on standard output, valid against
// docs/summary.schema.json, whose figures are those of the work done; --quiet keeps errors and
// the summary only; per-article lines only with --verbose.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { makeWorkspace, REPO_ROOT, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { startFakeDeepL, defaultFakeTranslate, type FakeDeepL } from '../helpers/fake-deepl.js';

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/summary.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

interface Summary {
  command: string;
  exitCode: number;
  errors: string[];
  languages?: Record<string, Record<string, number>>;
  totals?: Record<string, number>;
  filesWritten?: number;
  next?: string[];
  details?: Record<string, unknown>;
}

function parsed(r: CliResult): Summary {
  const doc: unknown = JSON.parse(r.stdout);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc as Summary;
}

async function files(dir: string): Promise<string[]> {
  // The project's files, not the run's bookkeeping in .pereklad/ (the incremental index).
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !e.parentPath.includes('.pereklad')).map((e) => path.join(e.parentPath, e.name));
}

describe('--json, --quiet and --verbose', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace();
    await cp(SAMPLE_ARTICLE, path.join(ws.dir, 'source-texts/2025-06/lukashenko-kellogg-minsk.txt'));
    await ws.write('source-texts/kyiv.txt', 'Новини з Києва надходять щогодини. Редакція перевіряє кожне повідомлення.\n');
  });
  afterAll(async () => { await ws.cleanup(); });

  it('translate: per-language figures that match the files written; a re-run writes none', async () => {
    const r = await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB,de', '--json'], ws.dir);
    expect(r.code).toBe(0);
    const doc = parsed(r);
    expect(doc.command).toBe('translate');
    expect(Object.keys(doc.languages!)).toEqual(['en-GB', 'de']);
    const en = doc.languages!['en-GB']!;
    expect(en.articles).toBe(2);
    expect(en.machineTranslated).toBe(en.segments);
    expect(en.untranslated).toBe(0);
    // Each article and language: its XLIFF and its review copy.
    expect(doc.filesWritten).toBe((await files(path.join(ws.dir, 'locales'))).length);
    expect(doc.totals!.segments).toBe(en.segments! * 2);
    expect(doc.next).toEqual(['pereklad review']);
    const again = parsed(await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB,de', '--json'], ws.dir));
    expect(again.filesWritten).toBe(0);
    expect(again.languages!['de']!.reused).toBe(en.segments);
  });

  it('DeepL\'s own count of the characters billed stands beside pereklad\'s in the summary and the document when they differ', async () => {
    const other = await makeWorkspace();
    let fake: FakeDeepL | undefined;
    try {
      await other.write('source-texts/kyiv.txt', 'Новини з Києва надходять щогодини. Редакція перевіряє кожне повідомлення.\n');
      const KEY = 'c0ffee00-1234-4abc-9def-000000000000:fx';
      // Another job on the same account bills 1,000 characters while each language translates.
      const bumped = new Set<string>();
      let others = 0;
      fake = await startFakeDeepL({ keys: [KEY], translate: (text, req) => {
        if (!bumped.has(req.targetLang)) { bumped.add(req.targetLang); others += 1_000; fake!.setQuota(1_000_000, others); }
        return defaultFakeTranslate(text, req);
      } });
      const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url };
      const human = await runCli(['translate', '--to', 'de'], other.dir, env);
      expect(human.code, human.stderr).toBe(0);
      const ours = fake.billedCharacters;
      expect(human.stdout).toMatch(new RegExp(`^de: .*, ${ours} billed \\(the engine account counted ${(ours + 1_000).toLocaleString('en-US')}\\);`, 'mu'));
      const doc = parsed(await runCli(['translate', '--to', 'pl', '--json'], other.dir, env));
      const pl = doc.languages!['pl']!;
      expect(pl.billedCharacters).toBe(fake.billedCharacters - ours);
      expect(pl.accountBilledCharacters).toBe(pl.billedCharacters! + 1_000);
    } finally {
      await fake?.close();
      await other.cleanup();
    }
  });

  it('status, qa, review, kit, tm export and srx each print one valid document', async () => {
    const status = parsed(await runCli(['status', '--to', 'en-GB', '--json'], ws.dir));
    expect(status.languages!['en-GB']!.mt).toBe(status.totals!.segments);
    const qa = await runCli(['qa', '--json'], ws.dir);
    expect(parsed(qa).languages!['de']!.articles).toBe(2);
    const review = parsed(await runCli(['review', '--json'], ws.dir));
    expect(review.details!.pages).toBe(4);
    const kit = parsed(await runCli(['kit', '--for', 'xliff', '--to', 'de', '--json'], ws.dir));
    expect(kit.languages!['de']!.articles).toBe(2);
    // Pseudo text is never in the memory: one human translation comes in as TMX first.
    await ws.write('imported.tmx', '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="uk" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n<tu><tuv xml:lang="uk"><seg>Новини з Києва.</seg></tuv><tuv xml:lang="de"><seg>Nachrichten aus Kyjiw.</seg></tuv></tu>\n</body></tmx>\n');
    const imported = parsed(await runCli(['tm', 'import', 'imported.tmx', '--json'], ws.dir));
    expect(imported.details!.translations).toBe(1);
    const tm = parsed(await runCli(['tm', 'export', '--out', 'memory.tmx', '--json'], ws.dir));
    expect(tm.filesWritten).toBe(1);
    expect(tm.details!.translations).toBe(1);
    expect(parsed(await runCli(['srx', '--out', 'rules.srx', '--json'], ws.dir)).filesWritten).toBe(1);
    const segment = parsed(await runCli(['segment', 'source-texts/kyiv.txt', '--json'], ws.dir));
    expect(segment.details!.sentences).toEqual(['Новини з Києва надходять щогодини.', 'Редакція перевіряє кожне повідомлення.']);
  });

  it('bad usage and failures are documents too, with the exit code and the error line', async () => {
    const bad = await runCli(['translate', '--engine', 'nonsense', '--json'], ws.dir);
    expect(bad.code).toBe(2);
    const doc = parsed(bad);
    expect(doc.exitCode).toBe(2);
    expect(doc.errors.join('\n')).toMatch(/--engine must be one of/u);
    const none = await runCli(['qa', '--to', 'pl', '--json'], ws.dir);
    expect(none.code).toBe(1);
    expect(parsed(none).errors.join('\n')).toMatch(/no XLIFF files for pl/u);
    // TMX on standard output and a JSON document there cannot both be.
    expect((await runCli(['tm', 'export', '--json'], ws.dir)).code).toBe(2);
  });

  it('--quiet prints the summary and errors only; --verbose adds a line per article and language', async () => {
    await ws.write('source-texts/new.txt', 'Ще одна новина.\n');
    const quiet = await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB', '--quiet'], ws.dir);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toMatch(/engine: pseudo/u);
    expect(quiet.stdout).not.toMatch(/new → en-GB/u);
    expect(quiet.stdout).toMatch(/^en-GB: 3 articles, [\d,]+ segments: [\d,]+ reused, 1 machine-translated/mu);
    expect(quiet.stdout).toMatch(/^done: 3 articles/mu);
    expect(quiet.stderr).toBe('');
    await ws.write('source-texts/newer.txt', 'Ще новіша новина.\n');
    const verbose = await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB', '--verbose'], ws.dir);
    // Only the article that needed work has a line: the others were not even planned.
    expect(verbose.stdout).toMatch(/^newer → en-GB: 1 segments, 1 machine-translated/mu);
    expect(verbose.stdout).not.toMatch(/^new → en-GB/mu);
  });
});
