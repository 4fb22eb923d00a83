// The translate job: discover → parse → reuse what the XLIFF already holds → translate the rest
// (each distinct segment once per language) → store XLIFF → assemble review copies from it.
import path from 'node:path';
import { isKept, type TranslatedArticle } from '../model.js';
import { contentKey } from '../mt/engine.js';
import { runEngine } from '../mt/run.js';
import { failureFlag, RETRY_FAILED_HINT } from '../mt/failure.js';
import { codecFor, parseXliff } from '../xliff/read.js';
import { assembleArticle } from '../assemble/assemble.js';
import { plural, type LanguageFigures } from '../project/reporter.js';
import { crashPoint, FolderSyncs, writeIfChanged } from '../project/io.js';
import { reviewPath, xliffPath } from '../project/layout.js';
import { PerekladError, QuotaExceededError } from '../errors.js';
import { emptyTarget } from '../xliff/codec.js';
import { checkCodes } from '../qa/codes.js';
import { qaStep } from '../qa/step.js';
import { countBySeverity } from '../qa/run.js';
import { targetResource, unreviewedLine } from '../formats/i18next/job.js';
import { withProject } from '../project/store.js';
import { checkWritable, WriteCheckError } from '../project/preflight.js';
import { describeFault, isSystemError } from '../project/faults.js';
import { languageWork, openPlanner, unitStates, unstorable, type Planned, type PlanOptions, type UnitStates } from './plan.js';

export interface TranslateJobOptions extends PlanOptions {
  dryRun: boolean;
  /** Articles per window (default DEFAULT_WINDOW); tests set it small. */
  window?: number;
  /** Clock for the `written`/provenance dates; injectable for tests. */
  now?: () => Date;
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

/** TranslateJob under the project lock (src/project/store.ts). */
export async function runTranslateJob(options: TranslateJobOptions): Promise<TranslateJobSummary> {
  if (options.dryRun) return runTranslateJobLocked(options);
  const localesDir = path.resolve(options.cwd, options.localesDir);
  return withProject(localesDir, 'translate', () => runTranslateJobLocked(options), { display: path.relative(options.cwd, localesDir) || '.' });
}

async function runTranslateJobLocked(options: TranslateJobOptions): Promise<TranslateJobSummary> {
  const { reporter } = options;
  const now = options.now ?? (() => new Date());
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

  // Articles go through the job in windows, so that it holds a bounded number of them whatever the
  // archive's size; a content is still bought once per language, since each window finds the
  // answers of the windows before it in the journal (src/project/journal.ts).
  const planner = await openPlanner({ ...options, memoryCache: options.dryRun ? 'read' : 'write' }, fail);
  const { journal, index, settings, termsFor, engineFor, namespaceKeys } = planner;
  // The memory on disk is closed however the job ends (its commits are already on disk).
  try {
    for (const lang of options.targets) summary.languages[lang] = emptyFigures();
    const runs = new Map<string, LanguageRun>(options.targets.map((lang) => [lang, { passing: new Map(), recorded: new Map(), heldBack: 0, writeFailed: false }]));
    // More than one window: one display for the whole job (articles and languages done, requests in
    // flight, characters billed) rather than one per window and step, hundreds of lines on a log.
    const windowSize = options.window ?? DEFAULT_WINDOW;
    const whole = planner.files > windowSize ? reporter.progress : undefined;
    let written = 0;
    let billedSoFar = 0;
    // The folders the window's XLIFF, review copies and reports were renamed into are fsynced once
    // each, before the index records those files (and before the journal lets go of the answers they
    // hold): see FolderSyncs (src/project/io.ts).
    const folders = new FolderSyncs();
    whole?.begin('translate', planner.files * options.targets.length, 'articles × languages');
    for await (const planned of planner.windows(windowSize, whole === undefined)) {
      crashPoint('plan');
      for (const lang of options.targets) await translateWindow(planned, lang, runs.get(lang)!);
      // A dry run writes nothing, not even the index's refreshed stamps.
      if (!options.dryRun) {
        await folders.flush();
        planner.flushMemory();
        // The window's index entries, now that the files they stamp are durable (one commit).
        await index.save();
      }
    }
    whole?.end();
    summary.articles = planner.articles;
    summary.namespaces = planner.namespaces;
    summary.segments = planner.segments;
    summary.failedArticles = planner.failedArticles;
    // The languages that need no work are counted from the index, not planned or rewritten.
    for (const { lang, figures: f } of planner.known) {
      const reused = (f.segments ?? 0) - (f.untranslated ?? 0);
      add(summary.languages[lang]!, { articles: 1, segments: f.segments ?? 0, reused, untranslated: f.untranslated ?? 0, qaErrors: f.qaErrors ?? 0, qaWarnings: f.qaWarnings ?? 0 });
      summary.reused += reused;
      summary.untranslated += f.untranslated ?? 0;
    }
    for (const lang of options.targets) {
      const engine = engineFor(lang);
      const run = runs.get(lang)!;
      if (run.heldBack > 0 && engine) {
        reporter.warn(`${lang}: ${plural(run.heldBack, 'segment')} ${engine.name} gave no usable translation for on an earlier run ${run.heldBack === 1 ? 'stays' : 'stay'} for translators (${RETRY_FAILED_HINT})`);
      }
      for (const [reason, count] of run.passing) fail(`${lang}: ${plural(count, 'segment')} not translated: ${reason}; ${count === 1 ? 'it stays' : 'they stay'} for translators until then`);
      if (engine) for (const [reason, count] of run.recorded) fail(`${lang}: ${plural(count, 'segment')} without a usable ${engine.name} translation (${reason}): flagged for translators, not sent again (${RETRY_FAILED_HINT})`);
      const figures = summary.languages[lang]!;
      if ((figures.timedOutRequests ?? 0) > 0 && engine) reporter.warn(timedOutLine(lang, engine.name, figures));
      if (options.dryRun) continue;
      if (run.stoppedBy instanceof QuotaExceededError) reporter.warn(`${lang}: units without a translation stay as they are for translators`);
      // Every XLIFF of this language now holds what the journal kept for it (durably: flushed).
      if (!run.writeFailed) {
        await folders.flush();
        await journal.settle(lang);
      }
    }
    if (!options.dryRun) {
      await folders.flush();
      await index.save();
    }
    return summary;

    async function translateWindow(planned: Planned[], lang: string, state: LanguageRun): Promise<void> {
      // `auto` may serve each language with another engine (src/mt/select.ts): the rest of this —
      // journal, provenance, the report — speaks of the engine that serves this language.
      const engine = engineFor(lang);
      const figures = summary.languages[lang]!;
      const work = languageWork({ planned, journal }, lang, engine);
      const { translations, mtFlags, failures, recorded, heldBack, resumed } = work;
      // A language stopped by its quota or key, or whose folder cannot be written, sends nothing more.
      const requests = state.stoppedBy || state.unwritable ? [] : work.requests;
      summary.resumedAnswers += resumed;
      state.heldBack += heldBack;
      for (const [reason, count] of recorded) state.recorded.set(reason, (state.recorded.get(reason) ?? 0) + count);
      if (state.unwritable) return;
      if (engine && requests.length > 0 && !options.dryRun) {
        // Write checks before paying: a folder that cannot be written costs one line, not the MT.
        const expected = requests.reduce((n, r) => n + 8 * Buffer.byteLength(JSON.stringify(r.content)), 0);
        try {
          await checkWritable(localesDir, lang, expected, rel);
        } catch (err) {
          if (!(err instanceof WriteCheckError)) throw err;
          fail(`${lang}: ${err.message}`);
          state.unwritable = true;
          state.writeFailed = true;
          return;
        }
      }
      if (engine && requests.length > 0) {
        const record = journal.recorder(lang, engine.name, requests);
        // Progress over this language's segments: requests started minus answered is what is in flight.
        const requestsBefore = engine.stats?.requests ?? 0;
        const billedBefore = engine.stats?.billedCharacters ?? 0;
        let answered = 0;
        let batches = 0;
        const step = whole ? undefined : reporter.progress;
        if (!options.dryRun) step?.begin(`${lang} MT`, requests.length, 'segments');
        const run = await runEngine(engine, requests, 'uk', lang, {
          dryRun: options.dryRun,
          reporter,
          // A segment the engine could not translate is not journaled: it stays for translators.
          onBatch: (done) => {
            answered += done.length;
            batches++;
            const live = {
              inFlight: Math.max(0, (engine.stats?.requests ?? 0) - requestsBefore - batches),
              billed: (engine.stats?.billedCharacters ?? 0) - billedBefore,
            };
            if (whole) whole.update(planner.known.length + written, { inFlight: live.inFlight, billed: billedSoFar + live.billed });
            else step?.update(answered, live);
            // An answer that cannot be stored is journaled as a failure: it is never bought again.
            return record(done.map(({ index, result }) => {
              const failed = result.failed === undefined ? unstorable(result.content) : undefined;
              return { index, result: failed === undefined ? result : { content: [], failed } };
            }));
          },
        });
        step?.end();
        billedSoFar += run.billedCharacters;
        figures.sentSegments = (figures.sentSegments ?? 0) + run.sentSegments;
        figures.sentCharacters = (figures.sentCharacters ?? 0) + run.sentCharacters;
        figures.billedCharacters = (figures.billedCharacters ?? 0) + run.billedCharacters;
        summary.sentSegments += run.sentSegments;
        summary.sentCharacters += run.sentCharacters;
        summary.billedCharacters += run.billedCharacters;
        if (run.accountBilledCharacters !== undefined) figures.accountBilledCharacters = (figures.accountBilledCharacters ?? 0) + run.accountBilledCharacters;
        // Present only when some request timed out, like the account's count when it is known.
        if (run.timedOutRequests > 0) {
          figures.timedOutRequests = (figures.timedOutRequests ?? 0) + run.timedOutRequests;
          figures.maybeBilledTwiceCharacters = (figures.maybeBilledTwiceCharacters ?? 0) + run.maybeBilledTwiceCharacters;
        }
        for (const [index, result] of run.results) {
          const key = contentKey(requests[index]!.content);
          const failed = result.failed ?? unstorable(result.content);
          if (failed !== undefined) {
            const counts = result.transient ? state.passing : state.recorded;
            counts.set(failed, (counts.get(failed) ?? 0) + 1);
            if (!result.transient) failures.set(key, failed);
            continue;
          }
          translations.set(key, result.content);
          if (result.flags && result.flags.length > 0) mtFlags.set(key, result.flags);
        }
        if (run.error) {
          state.stoppedBy = run.error;
          fail(`${lang}: ${run.error.message}`);
        }
      }
      if (options.dryRun) return;

      const date = now().toISOString().replace(/\.\d{3}Z$/u, 'Z');
      const glossary = await termsFor(lang);
      const step = whole ? undefined : reporter.progress;
      step?.begin(`${lang} XLIFF`, planned.length, 'articles');
      let inWindow = 0;
      for (const { file, article, languages, resource, source, sourceStamp } of planned) {
        step?.update(inWindow++);
        const plan = languages.get(lang);
        if (!plan) continue;
        whole?.update(planner.known.length + ++written, { billed: billedSoFar });
        const { kept, matches, skip, previousText, previousWritten } = plan;
        // The journal keeps this language's answers until every one of its files could be written.
        if (skip) { state.writeFailed = true; continue; }
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
          const qa = countBySeverity((await qaStep(doc, { localesDir, glossary, namespaceKeys, folders })).filter((f) => f.check !== 'untranslated'));
          let xml = codec.write(doc);
          if (previousText !== undefined && xml !== previousText && previousWritten !== undefined) xml = codec.write({ ...doc, written: date });
          const wroteXliff = await writeIfChanged(xliffFile, xml, folders);
          crashPoint('xliff');
          // The review copy is rebuilt from the XLIFF as written (the file's exact bytes), not from `doc`.
          const stored = parseXliff(xml, rel(xliffFile));
          if (wroteXliff) await planner.remember(xliffFile, stored);
          const assembled = assembleArticle(stored);
          // A namespace's "review copy" is its target resource file, which the site loads.
          const output = resource ? targetResource(options.cwd, localesDir, options.strings!, resource, stored) : { file: reviewPath(localesDir, lang, file.id), text: assembled.text };
          const wroteOutput = await writeIfChanged(output.file, output.text, folders);
          const unreviewed = wroteOutput && 'unreviewed' in output ? unreviewedLine(rel(output.file), output.unreviewed) : undefined;
          if (unreviewed) reporter.info(unreviewed);
          crashPoint('review');
          summary.untranslated += assembled.untranslated;
          summary.reused += reused;
          summary.flagged += flagged;
          const files = Number(wroteXliff) + Number(wroteOutput);
          summary.filesWritten += files;
          add(figures, {
            ...(resource ? { namespaces: 1 } : { articles: 1 }), segments: assembled.segments, reused, machineTranslated: machine, untranslated: assembled.untranslated,
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
              { segments: assembled.segments, untranslated: assembled.untranslated, qaErrors: qa.error, qaWarnings: qa.warning, ...stateFigures(unitStates(stored.article, stored.targets)) }, sourceStamp);
          }
        } catch (err) {
          // One fault policy (src/project/faults.ts): an I/O error on one article is one line, and
          // the other articles are still written.
          if (!(err instanceof PerekladError) && !isSystemError(err)) throw err;
          state.writeFailed = true;
          index.forget(lang, file.id);
          fail(err instanceof PerekladError ? err.message : `${describeFault(err, rel)}; ${file.id} → ${lang} skipped`);
        }
      }
      step?.end();
    }
  } finally {
    planner.closeCaches();
    journal.close();
  }
}

/** Articles planned and written per window (planning, MT and writing), whatever the archive's size.
 *  Measured: a first run of 3,000 articles peaks at 227 MB with windows of 100 and 323 MB with
 *  500, for the same CPU; a window still gives DeepL requests of 50 texts (about 1,500 sentences). */
export const DEFAULT_WINDOW = 100;

/** A timed-out request may have been translated and billed before the client stopped waiting, and
 *  its resend is billed again: what that can cost, beyond the billed figure pereklad counted. */
export function timedOutLine(lang: string, engine: string, f: LanguageFigures): string {
  const n = f.timedOutRequests ?? 0;
  return `${lang}: ${plural(n, 'request')} to ${engine} timed out and ${n === 1 ? 'was' : 'were'} sent again: ${engine} may have billed up to ` +
    `${plural(f.maybeBilledTwiceCharacters ?? 0, 'character')} twice, beyond the ${plural(f.billedCharacters ?? 0, 'character')} counted as billed (its usage page has the exact count)`;
}

/** What a language gathers over the windows of a job, said once at its end. */
interface LanguageRun {
  /** Failures of this run that may pass, by reason (the next run sends those sentences again). */
  passing: Map<string, number>;
  /** Failures recorded on their units, by reason. */
  recorded: Map<string, number>;
  heldBack: number;
  /** The quota or the key stopped the engine: no window sends more. */
  stoppedBy?: PerekladError;
  /** The language folder failed its write check: nothing more is sent or written. */
  unwritable?: boolean;
  /** Some file could not be written: the journal keeps the language's answers. */
  writeFailed: boolean;
}

/** The index keeps what `status` shows of an article it need not read. */
function stateFigures(states: UnitStates): Pick<LanguageFigures, 'mt' | 'translated' | 'reviewed' | 'final'> {
  return { mt: states.mt, translated: states.translated, reviewed: states.reviewed, final: states.final };
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
