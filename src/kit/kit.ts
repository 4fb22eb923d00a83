// `pereklad kit`: hand-off packages for translators and editors. For OmegaT, a ready project
// folder; for memoQ, Trados, Phrase and any other XLIFF tool, the XLIFF itself with MT in the
// targets and states set.
import { isKept } from '../model.js';
import path from 'node:path';
import type { TranslatedArticle } from '../model.js';
import { UsageError } from '../errors.js';
import { codecFor, readXliffFile } from '../xliff/read.js';
import { listXliff } from '../project/layout.js';
import type { XliffVersion } from '../xliff/codec.js';
import { writeTmx } from '../memory/tmx.js';
import { DEFAULT_GLOSSARY_DIR, loadGlossaryTerms } from '../qa/glossary.js';
import { kitMemories, omegatGlossary, omegatProject, omegatXliff } from './omegat.js';
import { withProject } from '../project/store.js';
import { commitFolder } from '../project/commit.js';
import { crashPoint, infoOf, makeFolder, namesIn, writeNew } from '../project/io.js';

export type KitKind = 'omegat' | 'xliff';
export const KIT_KINDS: readonly KitKind[] = ['omegat', 'xliff'];

export interface KitOptions {
  cwd: string;
  localesDir: string;
  kind: KitKind;
  lang: string;
  /** Folder to create; it must not exist or be empty (a kit folder may hold a translator's work). */
  out: string;
  /** Only these article ids (default: every article the language has). */
  articles?: string[];
  /** XLIFF version of an `xliff` kit (default: each project file's own). */
  xliffVersion?: XliffVersion;
  /** Folder of glossaries for the terminology check (default `glossaries`). */
  glossaryDir?: string;
}

export interface KitSummary {
  out: string;
  articles: string[];
  files: string[];
  /** Translations delivered as TMX (OmegaT kits): MT and unreviewed ones offered, reviewed inserted. */
  mt: number;
  translated: number;
  enforce: number;
  fuzzy: number;
}

export const KIT_MANIFEST = 'pereklad-kit.json';
/** Machine translations in an OmegaT kit: offered as matches, never inserted. */
export const KIT_MT_TMX = 'tm/mt/pereklad-mt.tmx';

/** Kit under the project lock (src/project/store.ts). */
export async function makeKit(options: KitOptions): Promise<KitSummary> {
  const localesDir = path.resolve(options.cwd, options.localesDir);
  return withProject(localesDir, 'kit', () => makeKitLocked(options), { display: path.relative(options.cwd, localesDir) || '.', alsoWrites: [path.dirname(path.resolve(options.cwd, options.out))] });
}

async function makeKitLocked(options: KitOptions): Promise<KitSummary> {
  const langDir = path.resolve(options.cwd, options.localesDir, options.lang);
  const rel = (p: string): string => path.relative(options.cwd, p) || '.';
  let ids = (await listXliff(path.resolve(options.cwd, options.localesDir), [options.lang])).map((f) => f.articleId);
  if (options.articles) {
    const missing = options.articles.filter((a) => !ids.includes(a));
    if (missing.length > 0) throw new UsageError(`no ${options.lang} XLIFF for article(s) ${missing.join(', ')} under ${rel(langDir)}`);
    ids = ids.filter((id) => options.articles!.includes(id));
  }
  if (ids.length === 0) throw new UsageError(`no XLIFF files for ${options.lang} under ${rel(langDir)}: run pereklad translate --to ${options.lang} first`);
  const out = path.resolve(options.cwd, options.out);
  const outInfo = await infoOf(out);
  if (outInfo && !outInfo.isDirectory()) throw new UsageError(`${rel(out)} exists and is not a folder`);
  if (outInfo && ((await namesIn(out)) ?? []).length > 0) throw new UsageError(`${rel(out)} exists and is not empty: a kit folder may hold a translator's work; choose another --out`);

  const docs: Array<TranslatedArticle & { version: XliffVersion }> = [];
  for (const id of ids) {
    const file = path.join(langDir, `${id}.xlf`);
    docs.push(await readXliffFile(file, rel(file)));
  }
  // Built as a temporary folder and renamed into place (src/project/commit.ts): a killed kit leaves
  // no half-written folder that the next run would refuse to replace.
  let building = out;
  const files: string[] = [];
  const put = async (relPath: string, content: string): Promise<void> => {
    const file = path.join(building, relPath);
    await writeNew(file, content);
    crashPoint('kit-file');
    files.push(relPath);
  };
  const summary: KitSummary = { out: rel(out), articles: ids, files, mt: 0, translated: 0, enforce: 0, fuzzy: 0 };
  await commitFolder(path.resolve(options.cwd, options.localesDir), 'kit', out, async (dir) => {
    building = dir;

    if (options.kind === 'xliff') {
      for (const doc of docs) await put(`${doc.article.id}.xlf`, codecFor(options.xliffVersion ?? doc.version).write(doc));
    } else {
      await put('omegat.project', omegatProject(options.lang));
      for (const dir of ['target', 'omegat', 'dictionary', 'tm/mt', 'tm/enforce', 'glossary']) await makeFolder(path.join(building, dir));
      for (const doc of docs) await put(`source/${doc.article.id}.xlf`, omegatXliff(doc));
      const memories = kitMemories(docs, (doc) => `${options.localesDir}/${options.lang}/${doc.article.id}.xlf`);
      if (memories.mt.length > 0) await put(KIT_MT_TMX, writeTmx(memories.mt));
      if (memories.translated.length > 0) await put('tm/pereklad-translations.tmx', writeTmx(memories.translated));
      if (memories.enforce.length > 0) await put('tm/enforce/pereklad-reviewed.tmx', writeTmx(memories.enforce));
      if (memories.fuzzy.length > 0) await put('tm/pereklad-matches.tmx', writeTmx(memories.fuzzy));
      const terms = await loadGlossaryTerms(path.resolve(options.cwd, options.glossaryDir ?? DEFAULT_GLOSSARY_DIR), options.lang);
      const sentences = docs.flatMap((doc) => doc.article.blocks.filter((b) => !isKept(b.kind)).flatMap((b) => b.segments.map((s) => s.text)));
      await put('glossary/glossary.txt', omegatGlossary(terms, sentences));
      summary.mt = memories.mt.length;
      summary.translated = memories.translated.length;
      summary.enforce = memories.enforce.length;
      summary.fuzzy = memories.fuzzy.length;
    }
    await put(KIT_MANIFEST, JSON.stringify({ format: 'pereklad-kit/1', for: options.kind, sourceLang: 'uk', targetLang: options.lang, articles: ids,
      // What each unit's target was when it left: import compares the returned target with it
      // (src/project/transition.ts), so a stale or repeated copy is never taken for new work.
      bases: Object.fromEntries(docs.map((d) => [d.article.id, Object.fromEntries([...d.targets].map(([id, t]) => [id, t.content ?? null]))])) }, null, 2) + '\n');
  });
  return summary;
}
