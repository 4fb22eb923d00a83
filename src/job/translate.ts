// The translate job: discover → parse → reuse what the XLIFF already holds → translate the rest
// (each distinct segment once per language) → store XLIFF → assemble review copies from it.
import path from 'node:path';
import { allSegments, type Article, type Content, type TargetSegment, type TmMatch, type TranslatedArticle, isKept } from '../model.js';
import { discoverSources, type SourceFile } from '../source/discover.js';
import { readArticleText } from '../source/read.js';
import { readArticle } from '../formats/registry.js';
import type { FormatsConfig } from '../formats/format.js';
import type { SegmentationRules } from '../segment/split.js';
import type { Engine } from '../mt/engine.js';
import { contentKey, type EngineSegment } from '../mt/engine.js';
import { runEngine } from '../mt/run.js';
import { failedBefore, failureFlag, recordedFailure, RETRY_FAILED_HINT } from '../mt/failure.js';
import { codecFor, parseXliff } from '../xliff/read.js';
import type { XliffVersion } from '../xliff/codec.js';
import { assembleArticle } from '../assemble/assemble.js';
import { Journal } from '../project/journal.js';
import { IncrementalIndex, settingsHash, sha256 } from './incremental.js';
import { PEREKLAD_TOOL } from '../xliff/codec.js';
import { plural, type LanguageFigures, type Reporter } from '../project/reporter.js';
import { crashPoint, writeIfChanged } from '../project/io.js';
import { reviewPath, xliffPath } from '../project/layout.js';
import { PerekladError, QuotaExceededError } from '../errors.js';
import { DEFAULT_TM_DIR, loadMemory, type MemoryLoad } from '../memory/store.js';
import { leverageLanguage } from '../memory/leverage.js';
import type { SourceEditOptions } from '../memory/source-edit.js';
import { emptyTarget } from '../xliff/codec.js';
import { checkCodes } from '../qa/codes.js';
import { qaStep } from '../qa/step.js';
import { countBySeverity } from '../qa/run.js';
import { DEFAULT_GLOSSARY_DIR, glossaryTerms } from '../qa/glossary.js';
import { namespaceContext, planNamespaces, targetResource, unreviewedLine } from '../formats/i18next/job.js';
import { resourceOptions, type StringsConfig } from '../formats/i18next/project.js';
import { resourceKeys } from '../formats/i18next/resource.js';
import type { Resource } from '../formats/i18next/resource.js';
import { withProject } from '../project/store.js';
import { answerProblem } from '../project/validate.js';
import { checkWritable, WriteCheckError } from '../project/preflight.js';
import { describeFault, isSystemError } from '../project/faults.js';

export interface TranslateJobOptions {
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
  dryRun: boolean;
  reporter: Reporter;
  /** Clock for the `written`/provenance dates; injectable for tests. */
  now?: () => Date;
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
}

export interface TranslateJobSummary {
  articles: number;
  /** i18next namespaces of the site's strings (each counted once, whatever the languages). */
  namespaces: number;
  failedArticles: number;
  segments: number;
  reused: number;
  /** Distinct segments sent to the engine (or that would be, in a dry run), over all languages. */
  sentSegments: number;
  /** Characters sent to the engine (outside inline codes). */
  sentCharacters: number;
  /** Characters a paid engine bills for what was sent (0 for free engines). */
  billedCharacters: number;
  untranslated: number;
  flagged: number;
  errors: string[];
  /** The same figures per target language, with QA counts and files written. */
  languages: Record<string, LanguageFigures>;
  filesWritten: number;
  /** Paid answers taken from the journal of an interrupted run instead of being bought again. */
  resumedAnswers: number;
}

interface PlannedLanguage {
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

interface Planned {
  file: SourceFile;
  article: Article;
  /** The languages this entry is planned for (a namespace has one entry per language). */
  languages: Map<string, PlannedLanguage>;
  /** Set for an i18next namespace: its target resource file is written beside the XLIFF. */
  resource?: Resource;
  /** The source text's hash, for the incremental index (articles only). */
  source?: string;
}

/** TranslateJob under the project lock (src/project/store.ts). */
export async function runTranslateJob(options: TranslateJobOptions): Promise<TranslateJobSummary> {
  if (options.dryRun) return runTranslateJobLocked(options);
  const localesDir = path.resolve(options.cwd, options.localesDir);
  return withProject(localesDir, 'translate', () => runTranslateJobLocked(options), { display: path.relative(options.cwd, localesDir) || '.' });
}

async function runTranslateJobLocked(options: TranslateJobOptions): Promise<TranslateJobSummary> {
  const { reporter, engine } = options;
  const now = options.now ?? (() => new Date());
  const sourceDir = path.resolve(options.cwd, options.sourceDir);
  const localesDir = path.resolve(options.cwd, options.localesDir);
  const rel = (p: string): string => path.relative(options.cwd, p) || '.';
  const summary: TranslateJobSummary = {
    articles: 0, namespaces: 0, failedArticles: 0, segments: 0, reused: 0, sentSegments: 0, sentCharacters: 0,
    billedCharacters: 0, untranslated: 0, flagged: 0, errors: [], languages: {}, filesWritten: 0, resumedAnswers: 0,
  };
  const fail = (message: string): void => {
    summary.errors.push(message);
    reporter.error(`error: ${message}`);
  };

  const { files, unsupported } = await discoverSources({ sourceDir, include: options.include, ignore: options.ignore, formats: options.formats });
  for (const file of unsupported) reporter.warn(`skipped: ${rel(path.join(sourceDir, file))}: unsupported format`);

  // The translation memory: every XLIFF under the locales folder and every TMX under tm/. An
  // unreadable file is left out with one line naming file and line; an article's own unreadable
  // XLIFF is also never overwritten (its language is skipped below, as an error).
  // Loaded only when some article needs planning: an unchanged re-run reads no XLIFF at all.
  let memoryLoad: MemoryLoad | undefined;
  const memory = async (): Promise<MemoryLoad> => {
    if (memoryLoad) return memoryLoad;
    memoryLoad = await loadMemory({ cwd: options.cwd, localesDir, tmDir: path.resolve(options.cwd, options.tmDir ?? DEFAULT_TM_DIR) });
    const ownXliff = new Set(files.flatMap((f) => options.targets.map((lang) => xliffPath(localesDir, lang, f.id))));
    for (const [abs, loaded] of memoryLoad.xliff) if (loaded.error && !ownXliff.has(abs)) reporter.warn(`warning: ${loaded.error.message}; left out of the translation memory`);
    for (const problem of memoryLoad.problems) if (!problem.file.endsWith('.xlf')) reporter.warn(`warning: ${problem.message}; left out of the translation memory`);
    return memoryLoad;
  };
  const journal = await Journal.open(localesDir);
  const termsFor = glossaryTerms(path.resolve(options.cwd, options.glossaryDir ?? DEFAULT_GLOSSARY_DIR));
  if (journal.damaged.length > 0) reporter.warn(`warning: ${rel(journal.file)}: lines ${journal.damaged.join(', ')} are damaged and not used`);
  // What an article and language was made with: any change here redoes it (src/job/incremental.ts).
  const index = await IncrementalIndex.open(localesDir);
  const engineFor = (lang: string): Engine | null => (options.engine?.forTarget ? options.engine.forTarget(lang) : options.engine);
  const settings = new Map<string, string>();
  for (const lang of options.targets) {
    settings.set(lang, settingsHash({
      tool: PEREKLAD_TOOL.version, xliff: options.xliffVersion, engine: engineFor(lang)?.name ?? null,
      rules: options.segmentation ?? null, formats: options.formats ?? null, glossary: await termsFor(lang),
    }));
  }
  /** The languages of an article that need no work, with what each counts. */
  const unchanged = async (id: string, source: string): Promise<Map<string, LanguageFigures>> => {
    const known = new Map<string, LanguageFigures>();
    for (const lang of options.targets) {
      const figures = await index.unchanged(lang, id, source, settings.get(lang)!, xliffPath(localesDir, lang, id), reviewPath(localesDir, lang, id));
      // A unit without a translation is always planned again: an engine, an imported TMX or another
      // article's new translation (an exact match) may fill it now, and none of those is in the index.
      if (figures && (figures.untranslated ?? 0) === 0) known.set(lang, figures);
    }
    return known;
  };
  const countKnown = (known: Map<string, LanguageFigures>): void => {
    for (const [lang, f] of known) {
      const reused = (f.segments ?? 0) - (f.untranslated ?? 0);
      add((summary.languages[lang] ??= emptyFigures()), { articles: 1, segments: f.segments ?? 0, reused, untranslated: f.untranslated ?? 0, qaErrors: f.qaErrors ?? 0, qaWarnings: f.qaWarnings ?? 0 });
      summary.reused += reused;
      summary.untranslated += f.untranslated ?? 0;
    }
  };
  let skipped = 0;

  // What one language of an article already has: carried over, from the memory, or nothing.
  const planLanguage = async (article: Article, lang: string): Promise<PlannedLanguage> => {
    const xliffFile = xliffPath(localesDir, lang, article.id);
    const memoryLoad = await memory();
    const loaded = memoryLoad.xliff.get(xliffFile);
    if (loaded?.error) {
      fail(`${loaded.error.message}; ${article.id} → ${lang} skipped, the file is left as it is`);
      // Every segment counts as kept, so none of this language's is sent to MT.
      const all = new Map(article.blocks.flatMap((b) => b.segments).map((s): [string, TargetSegment] => [s.id, emptyTarget(s.id)]));
      return { kept: all, matches: new Map(), held: new Map(), skip: true };
    }
    const previous = loaded?.doc;
    const leveraged = leverageLanguage(article, lang, previous, loaded?.display ?? rel(xliffFile), memoryLoad.memory, engine, options.sourceEdits);
    const held = new Map<string, string>();
    const serving = engineFor(lang);
    if (serving && !options.retryFailed) {
      for (const [id, target] of failedBefore(article, previous, serving.name)) {
        if (leveraged.kept.has(id)) continue;
        leveraged.kept.set(id, target);
        held.set(id, recordedFailure(target.flags)!.reason);
      }
    }
    return { kept: leveraged.kept, matches: leveraged.matches, held, previousText: loaded?.text, previousWritten: previous?.written };
  };

  // What `$t(ns:key)` in a namespace may point at (the QA nesting check).
  const namespaceKeys = new Map<string, ReadonlySet<string>>();
  // Plan: parse every article and see what each language already has.
  const planned: Planned[] = [];
  reporter.progress?.begin('plan', files.length, 'articles');
  for (const file of files) {
    reporter.progress?.update(planned.length + skipped + summary.failedArticles);
    const display = rel(file.absPath);
    try {
      const text = await readArticleText(file.absPath, display);
      const source = sha256(text);
      const known = await unchanged(file.id, source);
      // The languages that need no work are counted from the index, not planned or rewritten.
      countKnown(known);
      if (known.size === options.targets.length) {
        // Nothing to do at all: the article is not even parsed, and none of its XLIFF read.
        skipped++;
        summary.segments += known.values().next().value?.segments ?? 0;
        continue;
      }
      const article = readArticle(text, file.id, file.relPath, { rules: options.segmentation, config: options.formats });
      const languages = new Map<string, PlannedLanguage>();
      for (const lang of options.targets) if (!known.has(lang)) languages.set(lang, await planLanguage(article, lang));
      planned.push({ file, article, languages, source });
      summary.segments += article.blocks.reduce((n, b) => n + (isKept(b.kind) ? 0 : b.segments.length), 0);
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      summary.failedArticles++;
      fail(err.message);
    }
  }
  summary.articles = planned.length + skipped;
  // The site's own strings: each namespace planned per language, as its plural groups are.
  if (options.strings) {
    const strings = await planNamespaces({ cwd: options.cwd, localesDir, strings: options.strings, exclude: options.stringsExclude ?? [], targets: options.targets, articleIds: new Set(files.map((f) => f.id)) });
    for (const message of strings.errors) { summary.failedArticles++; fail(message); }
    for (const ns of strings.namespaces) {
      for (const [lang, article] of ns.articles) {
        planned.push({ file: { id: ns.id, relPath: ns.relPath, absPath: ns.absPath }, article, languages: new Map([[lang, await planLanguage(article, lang)]]), resource: ns.resource });
        summary.segments += article.blocks.length;
      }
    }
    summary.namespaces = strings.namespaces.length;
    for (const ns of strings.namespaces) namespaceKeys.set(ns.id, resourceKeys(ns.resource, resourceOptions(options.strings)));
  }
  if (files.length === 0 && summary.namespaces === 0) reporter.warn(`warning: no articles found in ${rel(sourceDir)}`);
  reporter.progress?.end();
  crashPoint('plan');

  for (const lang of options.targets) {
    // `auto` may serve each language with another engine (src/mt/select.ts): the rest of this loop —
    // journal, provenance, the report — speaks of the engine that serves this language.
    const engine = engineFor(lang);
    const figures = (summary.languages[lang] ??= emptyFigures());
    // Each distinct segment content is sent once per language, whichever articles hold it, with the
    // text of the (first) article that holds it as context, never another article's (src/mt/deepl-requests.ts).
    const wanted = new Map<string, EngineSegment>();
    // Why the engine gave no usable translation, by content: recorded on every unit of that content.
    const failures = new Map<string, string>();
    // A sentence failed on an earlier run is not sent for another article either.
    for (const { article, languages } of planned) {
      const held = languages.get(lang)?.held;
      if (!held || held.size === 0) continue;
      for (const segment of allSegments(article)) {
        const reason = held.get(segment.id);
        if (reason !== undefined) failures.set(contentKey(segment.content), reason);
      }
    }
    let heldBack = 0;
    for (const { languages } of planned) heldBack += languages.get(lang)?.held.size ?? 0;
    if (heldBack > 0 && engine) {
      reporter.warn(`${lang}: ${plural(heldBack, 'segment')} ${engine.name} gave no usable translation for on an earlier run ${heldBack === 1 ? 'stays' : 'stay'} for translators (${RETRY_FAILED_HINT})`);
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
    // Problems the engine reported with a translation (a recovered sentence marker, a glossary term).
    const mtFlags = new Map<string, string[]>();
    // Failures are said per cause, once each: a sentence without a translation is never silent.
    const recorded = new Map<string, number>();
    const passing = new Map<string, number>();
    for (const key of [...wanted.keys()]) {
      const answer = engine ? journal.lookup(lang, engine.name, key) : undefined;
      if (!answer) continue;
      wanted.delete(key);
      summary.resumedAnswers++;
      // An answer that cannot be stored (src/project/validate.ts) is flagged on its segments.
      const failed = answer.failed ?? unstorable(answer.content);
      if (failed !== undefined) {
        failures.set(key, failed);
        recorded.set(failed, (recorded.get(failed) ?? 0) + 1);
        continue;
      }
      translations.set(key, answer.content);
      if (answer.flags.length > 0) mtFlags.set(key, answer.flags);
    }
    const requests = [...wanted.values()];
    let stoppedBy: PerekladError | undefined;
    if (engine && requests.length > 0 && !options.dryRun) {
      // Write checks before paying: a folder that cannot be written costs one line, not the MT.
      const expected = requests.reduce((n, r) => n + 8 * Buffer.byteLength(JSON.stringify(r.content)), 0);
      try {
        await checkWritable(localesDir, lang, expected, rel);
      } catch (err) {
        if (!(err instanceof WriteCheckError)) throw err;
        fail(`${lang}: ${err.message}`);
        continue;
      }
    }
    if (engine && requests.length > 0) {
      const record = journal.recorder(lang, engine.name, requests);
      // Progress over this language's segments: requests started minus answered is what is in flight.
      const requestsBefore = engine.stats?.requests ?? 0;
      const billedBefore = engine.stats?.billedCharacters ?? 0;
      let answered = 0;
      let batches = 0;
      if (!options.dryRun) reporter.progress?.begin(`${lang} MT`, requests.length, 'segments');
      const run = await runEngine(engine, requests, 'uk', lang, {
        dryRun: options.dryRun,
        reporter,
        // A segment the engine could not translate is not journaled: it stays for translators.
        onBatch: (done) => {
          answered += done.length;
          batches++;
          reporter.progress?.update(answered, {
            inFlight: Math.max(0, (engine.stats?.requests ?? 0) - requestsBefore - batches),
            billed: (engine.stats?.billedCharacters ?? 0) - billedBefore,
          });
          // An answer that cannot be stored is journaled as a failure: it is never bought again.
          return record(done.map(({ index, result }) => {
            const failed = result.failed === undefined ? unstorable(result.content) : undefined;
            return { index, result: failed === undefined ? result : { content: [], failed } };
          }));
        },
      });
      reporter.progress?.end();
      figures.sentSegments = run.sentSegments;
      figures.sentCharacters = run.sentCharacters;
      figures.billedCharacters = run.billedCharacters;
      summary.sentSegments += run.sentSegments;
      summary.sentCharacters += run.sentCharacters;
      summary.billedCharacters += run.billedCharacters;
      if (run.accountBilledCharacters !== undefined) figures.accountBilledCharacters = run.accountBilledCharacters;
      for (const [index, result] of run.results) {
        const key = contentKey(requests[index]!.content);
        const failed = result.failed ?? unstorable(result.content);
        if (failed !== undefined) {
          const counts = result.transient ? passing : recorded;
          counts.set(failed, (counts.get(failed) ?? 0) + 1);
          if (!result.transient) failures.set(key, failed);
          continue;
        }
        translations.set(key, result.content);
        if (result.flags && result.flags.length > 0) mtFlags.set(key, result.flags);
      }
      if (run.error) {
        stoppedBy = run.error;
        fail(`${lang}: ${run.error.message}`);
      }
    }
    for (const [reason, count] of passing) fail(`${lang}: ${plural(count, 'segment')} not translated: ${reason}; ${count === 1 ? 'it stays' : 'they stay'} for translators until then`);
    if (engine) for (const [reason, count] of recorded) fail(`${lang}: ${plural(count, 'segment')} without a usable ${engine.name} translation (${reason}): flagged for translators, not sent again (${RETRY_FAILED_HINT})`);
    if (options.dryRun) continue;
    if (stoppedBy instanceof QuotaExceededError) reporter.warn(`${lang}: units without a translation stay as they are for translators`);

    const date = now().toISOString().replace(/\.\d{3}Z$/u, 'Z');
    const glossary = await termsFor(lang);
    let writeFailed = false;
    let written = 0;
    reporter.progress?.begin(`${lang} XLIFF`, planned.length, 'articles');
    for (const { file, article, languages, resource, source } of planned) {
      reporter.progress?.update(written++);
      const plan = languages.get(lang);
      if (!plan) continue;
      const { kept, matches, skip, previousText, previousWritten } = plan;
      // The journal keeps this language's answers until every one of its files could be written.
      if (skip) { writeFailed = true; continue; }
      const targets = new Map(kept);
      const reused = kept.size - plan.held.size;
      let machine = 0;
      let flagged = 0;
      for (const block of article.blocks) {
        if (isKept(block.kind)) continue;
        for (const segment of block.segments) {
          if (targets.has(segment.id)) continue;
          const failed = failures.get(contentKey(segment.content));
          if (failed !== undefined && engine) {
            flagged++;
            targets.set(segment.id, { ...emptyTarget(segment.id), flags: [failureFlag(engine.name, failed)] });
            continue;
          }
          const translated = translations.get(contentKey(segment.content));
          if (!translated || !engine) continue;
          const checked = checkCodes(translated, segment.codes);
          const flags = [...(mtFlags.get(contentKey(segment.content)) ?? []), ...checked.flags];
          if (flags.length > 0) flagged++;
          machine++;
          targets.set(segment.id, {
            segmentId: segment.id,
            state: 'translated',
            content: checked.content,
            provenance: { origin: 'mt', engine: engine.name, date },
            flags,
          });
        }
      }
      // Memory matches sit beside whatever target the segment got (or none): suggestions only.
      for (const [id, offered] of matches) targets.set(id, { ...(targets.get(id) ?? emptyTarget(id)), matches: offered });
      const xliffFile = xliffPath(localesDir, lang, file.id);
      const codec = codecFor(options.xliffVersion);
      try {
        // Keep the previous `written` date when nothing else changed, so an unchanged re-run rewrites nothing.
        const doc: TranslatedArticle = { article, targetLang: lang, written: previousWritten ?? date, targets };
        const qa = countBySeverity((await qaStep(doc, { localesDir, glossary, namespaceKeys })).filter((f) => f.check !== 'untranslated'));
        let xml = codec.write(doc);
        if (previousText !== undefined && xml !== previousText && previousWritten !== undefined) xml = codec.write({ ...doc, written: date });
        const wroteXliff = await writeIfChanged(xliffFile, xml);
        crashPoint('xliff');
        // The review copy is rebuilt from the XLIFF as written (the file's exact bytes), not from `doc`.
        const stored = parseXliff(xml, rel(xliffFile));
        const assembled = assembleArticle(stored);
        // A namespace's "review copy" is its target resource file, which the site loads.
        const output = resource ? targetResource(options.cwd, localesDir, options.strings!, resource, stored) : { file: reviewPath(localesDir, lang, file.id), text: assembled.text };
        const wroteOutput = await writeIfChanged(output.file, output.text);
        const unreviewed = wroteOutput && 'unreviewed' in output ? unreviewedLine(rel(output.file), output.unreviewed) : undefined;
        if (unreviewed) reporter.info(unreviewed);
        crashPoint('review');
        summary.untranslated += assembled.untranslated;
        summary.reused += reused;
        summary.flagged += flagged;
        const files = Number(wroteXliff) + Number(wroteOutput);
        summary.filesWritten += files;
        add(figures, {
          articles: 1, segments: assembled.segments, reused, machineTranslated: machine, untranslated: assembled.untranslated,
          flagged, qaErrors: qa.error, qaWarnings: qa.warning, filesWritten: files,
        });
        const parts = [`${assembled.segments} segments`];
        if (reused > 0) parts.push(`${reused} reused`);
        if (machine > 0) parts.push(`${machine} machine-translated (${engine!.name})`);
        if (flagged > 0) parts.push(`${flagged} flagged`);
        if (assembled.untranslated > 0) parts.push(`${assembled.untranslated} untranslated`);
        reporter.detail(`${file.id} → ${lang}: ${parts.join(', ')}; ${rel(xliffFile)}`);
        if (source !== undefined) {
          await index.record(lang, file.id, source, settings.get(lang)!, { file: xliffFile, text: xml }, output,
            { segments: assembled.segments, untranslated: assembled.untranslated, qaErrors: qa.error, qaWarnings: qa.warning });
        }
      } catch (err) {
        // One fault policy (src/project/faults.ts): an I/O error on one article is one line, and
        // the other articles are still written.
        if (!(err instanceof PerekladError) && !isSystemError(err)) throw err;
        writeFailed = true;
        index.forget(lang, file.id);
        fail(err instanceof PerekladError ? err.message : `${describeFault(err, rel)}; ${file.id} → ${lang} skipped`);
      }
    }
    reporter.progress?.end();
    // Every XLIFF of this language now holds what the journal kept for it.
    if (!writeFailed) await journal.settle(lang);
    await index.save();
  }
  return summary;
}

/** Why an engine's answer cannot be stored, as a failure reason; undefined when it can. */
function unstorable(content: Content): string | undefined {
  const bad = answerProblem(content);
  return bad === undefined ? undefined : `its answer ${bad}`;
}

function emptyFigures(): LanguageFigures {
  return {
    articles: 0, segments: 0, reused: 0, machineTranslated: 0, untranslated: 0, flagged: 0,
    sentSegments: 0, sentCharacters: 0, billedCharacters: 0, qaErrors: 0, qaWarnings: 0, filesWritten: 0,
  };
}

function add(into: LanguageFigures, more: LanguageFigures): void {
  for (const [key, value] of Object.entries(more) as Array<[keyof LanguageFigures, number]>) into[key] = (into[key] ?? 0) + value;
}
