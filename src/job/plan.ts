// The plan of a job: which articles and namespaces need work in which languages, what each
// language already has (carried over, from the memory, held back after a failed answer), and what
// is left to send to MT. `translate`, `translate --dry-run` and `status` all plan with this code,
// so the figures they show always agree.
import path from 'node:path';
import { allSegments, isKept, type Article, type Content, type TargetSegment, type TmMatch, type TranslatedArticle } from '../model.js';
import { discoverSources, type SourceFile } from '../source/discover.js';
import { readArticleText } from '../source/read.js';
import { readArticle } from '../formats/registry.js';
import type { FormatsConfig } from '../formats/format.js';
import type { SegmentationRules } from '../segment/split.js';
import { contentKey, type Engine, type EngineSegment } from '../mt/engine.js';
import { failedBefore, recordedFailure } from '../mt/failure.js';
import type { XliffVersion } from '../xliff/codec.js';
import { emptyTarget, PEREKLAD_TOOL } from '../xliff/codec.js';
import { Journal } from '../project/journal.js';
import { IncrementalIndex, settingsHash, settledStamp, sha256, type IndexFigures, type SourceStamp } from '../project/incremental.js';
import { fileStamp } from '../project/io.js';
import type { Reporter } from '../project/reporter.js';
import { reviewPath, xliffPath } from '../project/layout.js';
import { PerekladError } from '../errors.js';
import { DEFAULT_TM_DIR, openMemory, readOwnXliff, type OpenedMemory } from '../memory/store.js';
import { leverageLanguage } from '../memory/leverage.js';
import type { SourceEditOptions } from '../memory/source-edit.js';
import { DEFAULT_GLOSSARY_DIR, glossaryTerms, type GlossaryTerm } from '../qa/glossary.js';
import { namespaceContext, planNamespaces } from '../formats/i18next/job.js';
import { resourceOptions, type StringsConfig } from '../formats/i18next/project.js';
import { resourceKeys, type Resource } from '../formats/i18next/resource.js';
import { answerProblem } from '../project/validate.js';

export interface PlanOptions {
  /** Folder the relative paths below are resolved against (the newsroom's repository). */
  cwd: string;
  sourceDir: string;
  localesDir: string;
  include?: string[];
  ignore?: string[];
  targets: string[];
  /** null: no MT; units stay for translators. */
  engine: Engine | null;
  xliffVersion: XliffVersion;
  reporter: Reporter;
  /** Folder of imported TMX files that join the translation memory (default `tm`). */
  tmDir?: string;
  /** Ask the engine again for units it gave no usable translation for on an earlier run. */
  retryFailed?: boolean;
  /** The project's segmentation rules (default: the built-in Ukrainian rules). */
  segmentation?: SegmentationRules;
  /** Article formats (config `formats`): extension overrides, front-matter fields. */
  formats?: FormatsConfig;
  /** What a source edit of a reviewed sentence keeps (config `sourceEdits`). */
  sourceEdits?: SourceEditOptions;
  /** Folder of glossaries for the QA terminology check (default `glossaries`). */
  glossaryDir?: string;
  /** The site's i18next resources (src/formats/i18next/); undefined: none are translated. */
  strings?: StringsConfig;
  /** Namespaces pereklad writes itself (the published articles), never sources. */
  stringsExclude?: string[];
  /** `status` counts units by state: an index entry without them (an older pereklad's) is planned. */
  needStates?: boolean;
  /** `write`: this job brings the memory on disk and the incremental index up to date (translate,
   *  under the lock); `read` (default): it only reads them (status, dry runs). */
  memoryCache?: 'write' | 'read';
}

export interface PlannedLanguage {
  /** Targets that need no MT: carried over from the existing XLIFF, or exact memory matches. */
  kept: Map<string, TargetSegment>;
  /** Memory matches to offer beside the segments that still need a translation. */
  matches: Map<string, TmMatch[]>;
  /** Units the engine gave no usable translation for on an earlier run (src/mt/failure.ts), by
   *  segment id with the reason: kept as they are, not sent again (unless --retry-failed). */
  held: Map<string, string>;
  /** The existing XLIFF is unreadable: it is reported, left alone, and this language is skipped. */
  skip?: true;
  previousText?: string;
  previousWritten?: string;
}

export interface Planned {
  file: SourceFile;
  article: Article;
  /** The languages this entry is planned for (a namespace has one entry per language). */
  languages: Map<string, PlannedLanguage>;
  /** Set for an i18next namespace: its target resource file is written beside the XLIFF. */
  resource?: Resource;
  /** The source text's hash, for the incremental index (articles only). */
  source?: string;
  /** The source file's stamp before it was read (src/project/incremental.ts `SourceStamp`). */
  sourceStamp?: SourceStamp;
}

export interface ProjectPlan extends PlanState {
  planned: Planned[];
}

/** A plan taken in windows of articles (src/job/translate.ts), so that a job holds a bounded
 *  number of articles at a time; the counts grow as windows are planned. */
export interface Planner extends PlanState {
  /** Articles found in the source folder. */
  readonly files: number;
  /** The articles in windows of `size` (then the site's namespaces, as one last window);
   *  `progress` false: the caller shows the job's progress itself. */
  windows(size: number, progress?: boolean): AsyncGenerator<Planned[]>;
}

interface PlanState {
  /** Articles and languages the incremental index shows need no work, with what they count. */
  known: Array<{ articleId: string; lang: string; figures: IndexFigures }>;
  articles: number;
  namespaces: number;
  /** Translatable segments of every article (once, whatever the languages) and namespace. */
  segments: number;
  /** Articles and namespaces that could not be read or planned (each said by `fail`). */
  failedArticles: number;
  /** What `$t(ns:key)` in a namespace may point at (the QA nesting check). */
  namespaceKeys: Map<string, ReadonlySet<string>>;
  journal: Journal;
  index: IncrementalIndex;
  /** What each language was made with (the index compares it). */
  settings: Map<string, string>;
  termsFor: (lang: string) => Promise<readonly GlossaryTerm[]>;
  /** The engine that serves a language (`auto` routes per language). */
  engineFor: (lang: string) => Engine | null;
  /** Keep what an XLIFF this job wrote gives the memory (for the next job; src/memory/disk.ts). */
  remember: (abs: string, doc: TranslatedArticle) => Promise<void>;
  /** Store what was remembered: after each window, and at the end. */
  flushMemory: () => void;
  closeCaches: () => void;
}

/** Read every article and namespace and see what each language already has (`status` holds the
 *  whole plan; `translate` takes it in windows). Problems are said through `fail` (an error: the
 *  job exits 1) or the reporter's warnings. */
export async function planProject(options: PlanOptions, fail: (message: string) => void): Promise<ProjectPlan> {
  const planner = await openPlanner(options, fail);
  const planned: Planned[] = [];
  try {
    for await (const window of planner.windows(Number.POSITIVE_INFINITY)) for (const p of window) planned.push(p);
  } finally {
    planner.closeCaches();
    planner.journal.close();
  }
  return { ...planner, planned };
}

interface Glance {
  stamp?: SourceStamp;
  source?: string;
  known: Map<string, IndexFigures>;
}

export async function openPlanner(options: PlanOptions, fail: (message: string) => void): Promise<Planner> {
  const { reporter, engine } = options;
  const sourceDir = path.resolve(options.cwd, options.sourceDir);
  const localesDir = path.resolve(options.cwd, options.localesDir);
  const rel = (p: string): string => path.relative(options.cwd, p) || '.';

  const { files, unsupported, clashes } = await discoverSources({ sourceDir, include: options.include, ignore: options.ignore, formats: options.formats });
  for (const file of unsupported) reporter.warn(`skipped: ${rel(path.join(sourceDir, file))}: unsupported format`);

  // The translation memory: every XLIFF under the locales folder and every TMX under tm/. An
  // unreadable file is left out with one line naming file and line; an article's own unreadable
  // XLIFF is also never overwritten (its language is skipped below, as an error).
  // Loaded only when some article needs planning: an unchanged re-run reads no XLIFF at all.
  let memoryLoad: OpenedMemory | undefined;
  const memory = async (): Promise<OpenedMemory> => {
    if (memoryLoad) return memoryLoad;
    const tmDir = path.resolve(options.cwd, options.tmDir ?? DEFAULT_TM_DIR);
    memoryLoad = await openMemory({ cwd: options.cwd, localesDir, tmDir }, options.memoryCache ?? 'read', (line) => reporter.warn(line));
    const ownXliff = new Set(files.flatMap((f) => options.targets.map((lang) => xliffPath(localesDir, lang, f.id))));
    for (const [abs, loaded] of memoryLoad.xliff) if (loaded.error && !ownXliff.has(abs)) reporter.warn(`warning: ${loaded.error.message}; left out of the translation memory`);
    for (const problem of memoryLoad.problems) if (!problem.file.endsWith('.xlf')) reporter.warn(`warning: ${problem.message}; left out of the translation memory`);
    return memoryLoad;
  };
  const journal = await Journal.open(localesDir);
  const termsFor = glossaryTerms(path.resolve(options.cwd, options.glossaryDir ?? DEFAULT_GLOSSARY_DIR));
  if (journal.damaged.length > 0) reporter.warn(`warning: ${rel(journal.file)}: lines ${journal.damaged.join(', ')} are damaged and not used`);
  // What an article and language was made with: any change here redoes it (src/project/incremental.ts).
  const index = await IncrementalIndex.open(localesDir, 'translate', options.memoryCache ?? 'read', { warn: (line) => reporter.warn(line), rel });
  const engineFor = (lang: string): Engine | null => (engine?.forTarget ? engine.forTarget(lang) : engine);
  const settings = new Map<string, string>();
  for (const lang of options.targets) {
    settings.set(lang, settingsHash({
      tool: PEREKLAD_TOOL.version, xliff: options.xliffVersion, engine: engineFor(lang)?.name ?? null,
      rules: options.segmentation ?? null, formats: options.formats ?? null, glossary: await termsFor(lang),
    }));
  }
  const plan: PlanState = {
    known: [], articles: 0, namespaces: 0, segments: 0, failedArticles: 0,
    namespaceKeys: new Map(), journal, index, settings, termsFor, engineFor,
    remember: async (abs, doc) => { await memoryLoad?.record(abs, doc); },
    flushMemory: () => memoryLoad?.flush(),
    closeCaches: () => { memoryLoad?.close(); memoryLoad = undefined; index.close(); },
  };
  const failArticle = (message: string): void => { plan.failedArticles++; fail(message); };
  for (const { id, paths } of clashes) {
    failArticle(`${paths.map((p) => rel(path.join(sourceDir, p))).join(' and ')} map to the same article id "${id}" (one XLIFF, one review copy): none of them is translated until all but one are renamed`);
  }

  /** The languages of an article that need no work, with what each counts. */
  const unchanged = async (id: string, source: string): Promise<Map<string, IndexFigures>> => {
    const known = new Map<string, IndexFigures>();
    for (const lang of options.targets) {
      const figures = await index.unchanged(lang, id, source, settings.get(lang)!, xliffPath(localesDir, lang, id), reviewPath(localesDir, lang, id));
      // A unit without a translation is always planned again: an engine, an imported TMX or another
      // article's new translation (an exact match) may fill it now, and none of those is in the index.
      if (!figures || (figures.untranslated ?? 0) !== 0) continue;
      if (options.needStates && figures.mt === undefined) continue;
      known.set(lang, figures);
    }
    return known;
  };

  // What one language of an article already has: carried over, from the memory, or nothing.
  const planLanguage = async (article: Article, lang: string): Promise<PlannedLanguage> => {
    const xliffFile = xliffPath(localesDir, lang, article.id);
    const load = await memory();
    const loaded = load.xliff.get(xliffFile);
    if (loaded?.error) {
      fail(`${loaded.error.message}; ${article.id} → ${lang} skipped, the file is left as it is`);
      // Every segment counts as kept, so none of this language's is sent to MT.
      const all = new Map(article.blocks.flatMap((b) => b.segments).map((s): [string, TargetSegment] => [s.id, emptyTarget(s.id)]));
      return { kept: all, matches: new Map(), held: new Map(), skip: true };
    }
    const own = loaded ? await readOwnXliff(xliffFile, loaded.display, lang) : undefined;
    const previous = own?.doc;
    const leveraged = leverageLanguage(article, lang, previous, loaded?.display ?? rel(xliffFile), load.memory, engine, options.sourceEdits);
    const held = new Map<string, string>();
    const serving = engineFor(lang);
    if (serving && !options.retryFailed) {
      for (const [id, target] of failedBefore(article, previous, serving.name)) {
        if (leveraged.kept.has(id)) continue;
        leveraged.kept.set(id, target);
        held.set(id, recordedFailure(target.flags)!.reason);
      }
    }
    return { kept: leveraged.kept, matches: leveraged.matches, held, previousText: own?.text, previousWritten: previous?.written };
  };

  /** What the index tells of an article without reading it: when its source file has the stamp
   *  recorded, its hash, and the languages that need no work (a few stats). A fault here is met
   *  again, and said, by `planArticle`. */
  const glance = async (file: SourceFile): Promise<Glance> => {
    try {
      const stamp = settledStamp(await fileStamp(file.absPath));
      const source = stamp && index.sourceHash(file.id, options.targets, stamp);
      return { stamp, source, known: source ? await unchanged(file.id, source) : new Map() };
    } catch {
      return { known: new Map() };
    }
  };

  const planArticle = async (file: SourceFile, seen: Glance): Promise<Planned | undefined> => {
    const display = rel(file.absPath);
    try {
      if (seen.source !== undefined && seen.known.size === options.targets.length) {
        plan.known.push(...[...seen.known].map(([lang, figures]) => ({ articleId: file.id, lang, figures })));
        plan.articles++;
        plan.segments += seen.known.values().next().value?.segments ?? 0;
        return undefined;
      }
      const text = await readArticleText(file.absPath, display);
      const source = sha256(text);
      const known = source === seen.source ? seen.known : await unchanged(file.id, source);
      if (seen.stamp && known.size === options.targets.length) index.noteSourceStamp(file.id, options.targets, source, seen.stamp);
      // The languages that need no work are counted from the index, not planned or rewritten.
      for (const [lang, figures] of known) plan.known.push({ articleId: file.id, lang, figures });
      if (known.size === options.targets.length) {
        // Nothing to do at all: the article is not even parsed, and none of its XLIFF read.
        plan.articles++;
        plan.segments += known.values().next().value?.segments ?? 0;
        return undefined;
      }
      const article = readArticle(text, file.id, file.relPath, { display, rules: options.segmentation, config: options.formats });
      const languages = new Map<string, PlannedLanguage>();
      for (const lang of options.targets) if (!known.has(lang)) languages.set(lang, await planLanguage(article, lang));
      plan.articles++;
      plan.segments += article.blocks.reduce((n, b) => n + (isKept(b.kind) ? 0 : b.segments.length), 0);
      return { file, article, languages, source, ...(seen.stamp ? { sourceStamp: seen.stamp } : {}) };
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      failArticle(err.message);
      return undefined;
    }
  };

  // The site's own strings: each namespace planned per language, as its plural groups are.
  const planStrings = async (strings: StringsConfig): Promise<Planned[]> => {
    const found = await planNamespaces({ cwd: options.cwd, localesDir, strings, exclude: options.stringsExclude ?? [], targets: options.targets, articleIds: new Set(files.map((f) => f.id)) });
    for (const message of found.errors) failArticle(message);
    const planned: Planned[] = [];
    for (const ns of found.namespaces) {
      for (const [lang, article] of ns.articles) {
        planned.push({ file: { id: ns.id, relPath: ns.relPath, absPath: ns.absPath }, article, languages: new Map([[lang, await planLanguage(article, lang)]]), resource: ns.resource });
        plan.segments += article.blocks.length;
      }
      plan.namespaceKeys.set(ns.id, resourceKeys(ns.resource, resourceOptions(strings)));
    }
    plan.namespaces = found.namespaces.length;
    return planned;
  };

  async function* windows(size: number, progress = true): AsyncGenerator<Planned[]> {
    // The namespaces first: every article's QA checks `$t(ns:key)` against their keys.
    const strings = options.strings ? await planStrings(options.strings) : [];
    if (files.length === 0 && plan.namespaces === 0) reporter.warn(`warning: no articles found in ${rel(sourceDir)}`);
    let done = 0;
    for (let start = 0; start < files.length; start += size) {
      const window: Planned[] = [];
      if (progress) reporter.progress?.begin('plan', files.length, 'articles');
      for (const file of files.slice(start, start + size)) {
        if (progress) reporter.progress?.update(done);
        done++;
        const planned = await planArticle(file, await glance(file));
        if (planned) window.push(planned);
      }
      if (progress) reporter.progress?.end();
      yield window;
    }
    if (strings.length > 0) yield strings;
  }
  return { ...plan, get known() { return plan.known; }, get articles() { return plan.articles; }, get namespaces() { return plan.namespaces; }, get segments() { return plan.segments; }, get failedArticles() { return plan.failedArticles; }, files: files.length, windows };
}

/** What is left for MT in one language, once carry-over, the memory, failures held back and the
 *  journal of an interrupted run have had their say. */
export interface LanguageWork {
  /** Each distinct segment content to send, once, with its first article as context. */
  requests: EngineSegment[];
  /** Answers a killed run already paid for, by content key. */
  translations: Map<string, Content>;
  /** Problems the engine reported with those answers. */
  mtFlags: Map<string, string[]>;
  /** Why the engine gave no usable translation, by content key: flagged on every unit of that content. */
  failures: Map<string, string>;
  /** Failures taken from the journal, by reason: said once each. */
  recorded: Map<string, number>;
  /** Units held back after an earlier run's failure. */
  heldBack: number;
  /** Paid answers taken from the journal. */
  resumed: number;
}

/** What is left for MT in one language of the planned articles. An answer the journal holds is
 *  used, not bought again: a killed run's (`resumed`), or an earlier window's of this job. */
export function languageWork(plan: { planned: readonly Planned[]; journal: Journal }, lang: string, engine: Engine | null): LanguageWork {
  const { planned, journal } = plan;
  // Each distinct segment content is sent once per language, whichever articles hold it, with the
  // text of the (first) article that holds it as context, never another article's (src/mt/deepl-requests.ts).
  const wanted = new Map<string, EngineSegment>();
  const failures = new Map<string, string>();
  // A sentence failed on an earlier run is not sent for another article either.
  let heldBack = 0;
  for (const { article, languages } of planned) {
    const held = languages.get(lang)?.held;
    if (!held || held.size === 0) continue;
    heldBack += held.size;
    for (const segment of allSegments(article)) {
      const reason = held.get(segment.id);
      if (reason !== undefined) failures.set(contentKey(segment.content), reason);
    }
  }
  for (const { article, languages, resource } of planned) {
    const kept = languages.get(lang)?.kept;
    if (!kept) continue;
    const blocks = article.blocks.filter((b) => !isKept(b.kind));
    // A namespace of site strings is no article: its strings get what they are as context, not each
    // other. Not each string's key: DeepL applies a request's context to all of its (up to 50)
    // texts, so a context per key would cost one request per string.
    const paragraphs = resource ? [namespaceContext(resource.namespace)] : blocks.map((b) => b.segments.map((s) => s.text).join(' '));
    blocks.forEach((block, index) => {
      const paragraphIndex = resource ? 0 : index;
      for (const segment of block.segments) {
        const key = contentKey(segment.content);
        if (!kept.has(segment.id) && !wanted.has(key) && !failures.has(key)) wanted.set(key, { content: segment.content, codes: segment.codes, context: { articleId: article.id, paragraphs, paragraphIndex } });
      }
    });
  }
  // Answers a killed run already paid for (src/project/journal.ts) are used, not bought again.
  const translations = new Map<string, Content>();
  const mtFlags = new Map<string, string[]>();
  const recorded = new Map<string, number>();
  let resumed = 0;
  for (const key of [...wanted.keys()]) {
    const answer = engine ? journal.lookup(lang, engine.name, key) : undefined;
    if (!answer) continue;
    wanted.delete(key);
    if (!answer.thisRun) resumed++;
    // An answer that cannot be stored (src/project/validate.ts) is flagged on its segments; this
    // job said so when it came.
    const failed = answer.failed ?? unstorable(answer.content);
    if (failed !== undefined) {
      failures.set(key, failed);
      if (!answer.thisRun) recorded.set(failed, (recorded.get(failed) ?? 0) + 1);
      continue;
    }
    translations.set(key, answer.content);
    if (answer.flags.length > 0) mtFlags.set(key, answer.flags);
  }
  return { requests: [...wanted.values()], translations, mtFlags, failures, recorded, heldBack, resumed };
}

/** Units by state, as `status` shows them: without a translation (`new`), MT, a person's
 *  translation, reviewed, final. Kept blocks (quotes in another language, embeds) are not units. */
export interface UnitStates { segments: number; new: number; mt: number; translated: number; reviewed: number; final: number }

export function unitStates(article: Article, targets: ReadonlyMap<string, TargetSegment>): UnitStates {
  const counts: UnitStates = { segments: 0, new: 0, mt: 0, translated: 0, reviewed: 0, final: 0 };
  for (const block of article.blocks) {
    if (isKept(block.kind)) continue;
    for (const segment of block.segments) {
      counts.segments++;
      const target = targets.get(segment.id);
      if (!target?.content) counts.new++;
      else if (target.state === 'final') counts.final++;
      else if (target.state === 'reviewed') counts.reviewed++;
      else if (target.provenance?.origin === 'mt') counts.mt++;
      else counts.translated++;
    }
  }
  return counts;
}

/** Why an engine's answer cannot be stored, as a failure reason; undefined when it can. */
export function unstorable(content: Content): string | undefined {
  const bad = answerProblem(content);
  return bad === undefined ? undefined : `its answer ${bad}`;
}
