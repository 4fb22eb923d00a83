// The translate job: discover → parse → reuse what the XLIFF already holds → translate the rest
// (each distinct segment once per language) → store XLIFF → assemble review copies from it.
import path from 'node:path';
import type { Article, Content, InlineCode, TargetSegment, TranslatedArticle } from '../model.js';
import { discoverArticles, type SourceFile } from '../source/discover.js';
import { readArticleText } from '../source/read.js';
import { parseArticle } from '../source/parse.js';
import type { Engine } from '../mt/engine.js';
import { billableCharacters, contentKey } from '../mt/engine.js';
import { codecFor, parseXliff } from '../xliff/read.js';
import type { XliffVersion } from '../xliff/codec.js';
import { assembleArticle } from '../assemble/assemble.js';
import { readIfExists, reviewPath, writeIfChanged, xliffPath } from './files.js';
import type { Reporter } from './reporter.js';
import { PerekladError, QuotaExceededError } from '../errors.js';
import { carryOver } from '../memory/reuse.js';
import { checkCodes } from '../qa/codes.js';

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
}

export interface TranslateJobSummary {
  articles: number;
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
}

interface PlannedLanguage {
  /** Targets carried over from the existing XLIFF. */
  kept: Map<string, TargetSegment>;
  previousText?: string;
  previousWritten?: string;
}

interface Planned {
  file: SourceFile;
  article: Article;
  languages: Map<string, PlannedLanguage>;
}

export async function runTranslateJob(options: TranslateJobOptions): Promise<TranslateJobSummary> {
  const { reporter, engine } = options;
  const now = options.now ?? (() => new Date());
  const sourceDir = path.resolve(options.cwd, options.sourceDir);
  const localesDir = path.resolve(options.cwd, options.localesDir);
  const rel = (p: string): string => path.relative(options.cwd, p) || '.';
  const summary: TranslateJobSummary = {
    articles: 0, failedArticles: 0, segments: 0, reused: 0, sentSegments: 0, sentCharacters: 0,
    billedCharacters: 0, untranslated: 0, flagged: 0, errors: [],
  };
  const fail = (message: string): void => {
    summary.errors.push(message);
    reporter.error(`error: ${message}`);
  };

  const files = await discoverArticles({ sourceDir, include: options.include, ignore: options.ignore });
  if (files.length === 0) reporter.warn(`warning: no articles found in ${rel(sourceDir)}`);

  // Plan: parse every article and see what each language already has.
  const planned: Planned[] = [];
  for (const file of files) {
    const display = rel(file.absPath);
    try {
      const text = await readArticleText(file.absPath, display);
      const article = parseArticle(text, file.id, file.relPath);
      const languages = new Map<string, PlannedLanguage>();
      for (const lang of options.targets) {
        const xliffFile = xliffPath(localesDir, lang, file.id);
        const previousText = await readIfExists(xliffFile);
        const previous = previousText === undefined ? undefined : parseXliff(previousText, rel(xliffFile));
        languages.set(lang, { kept: carryOver(article, previous, engine), previousText, previousWritten: previous?.written });
      }
      planned.push({ file, article, languages });
      summary.segments += article.blocks.reduce((n, b) => n + (b.kind === 'foreign' ? 0 : b.segments.length), 0);
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      summary.failedArticles++;
      fail(err.message);
    }
  }
  summary.articles = planned.length;

  for (const lang of options.targets) {
    // Each distinct segment content is sent once per language, whichever articles hold it.
    const wanted = new Map<string, { content: Content; codes: InlineCode[] }>();
    for (const { article, languages } of planned) {
      const kept = languages.get(lang)!.kept;
      for (const block of article.blocks) {
        if (block.kind === 'foreign') continue;
        for (const segment of block.segments) {
          if (kept.has(segment.id)) continue;
          const key = contentKey(segment.content);
          if (!wanted.has(key)) wanted.set(key, { content: segment.content, codes: segment.codes });
        }
      }
    }
    const requests = [...wanted.values()];
    const characters = requests.reduce((n, r) => n + billableCharacters(r.content), 0);
    const translations = new Map<string, Content>();
    let stoppedBy: PerekladError | undefined;
    if (engine && requests.length > 0) {
      summary.sentSegments += requests.length;
      summary.sentCharacters += characters;
      if (engine.paid) summary.billedCharacters += characters;
      if (!options.dryRun) {
        try {
          const results = await engine.translate(requests, 'uk', lang);
          requests.forEach((r, i) => translations.set(contentKey(r.content), results[i]!.content));
        } catch (err) {
          if (!(err instanceof PerekladError)) throw err;
          // Nothing came back for this language: nothing was billed, and the files keep what they had.
          if (engine.paid) summary.billedCharacters -= characters;
          summary.sentCharacters -= characters;
          stoppedBy = err;
          fail(`${lang}: ${err.message}`);
        }
      }
    }
    if (options.dryRun) continue;
    if (stoppedBy instanceof QuotaExceededError) reporter.warn(`${lang}: units without a translation stay as they are for translators`);

    const date = now().toISOString().replace(/\.\d{3}Z$/u, 'Z');
    for (const { file, article, languages } of planned) {
      const { kept, previousText, previousWritten } = languages.get(lang)!;
      const targets = new Map(kept);
      const reused = kept.size;
      let machine = 0;
      let flagged = 0;
      for (const block of article.blocks) {
        if (block.kind === 'foreign') continue;
        for (const segment of block.segments) {
          if (targets.has(segment.id)) continue;
          const translated = translations.get(contentKey(segment.content));
          if (!translated || !engine) continue;
          const checked = checkCodes(translated, segment.codes);
          if (checked.flags.length > 0) flagged++;
          machine++;
          targets.set(segment.id, {
            segmentId: segment.id,
            state: 'translated',
            content: checked.content,
            provenance: { origin: 'mt', engine: engine.name, date },
            flags: checked.flags,
          });
        }
      }
      const xliffFile = xliffPath(localesDir, lang, file.id);
      const codec = codecFor(options.xliffVersion);
      try {
        // Keep the previous `written` date when nothing else changed, so an unchanged re-run rewrites nothing.
        const doc: TranslatedArticle = { article, targetLang: lang, written: previousWritten ?? date, targets };
        let xml = codec.write(doc);
        if (previousText !== undefined && xml !== previousText && previousWritten !== undefined) xml = codec.write({ ...doc, written: date });
        await writeIfChanged(xliffFile, xml);
        // The review copy is rebuilt from the file on disk, not from this run's memory.
        const stored = parseXliff(await readIfExists(xliffFile) ?? '', rel(xliffFile));
        const assembled = assembleArticle(stored);
        await writeIfChanged(reviewPath(localesDir, lang, file.id), assembled.text);
        summary.untranslated += assembled.untranslated;
        summary.reused += reused;
        summary.flagged += flagged;
        const parts = [`${assembled.segments} segments`];
        if (reused > 0) parts.push(`${reused} reused`);
        if (machine > 0) parts.push(`${machine} machine-translated (${engine!.name})`);
        if (flagged > 0) parts.push(`${flagged} flagged`);
        if (assembled.untranslated > 0) parts.push(`${assembled.untranslated} untranslated`);
        reporter.info(`${file.id} → ${lang}: ${parts.join(', ')}; ${rel(xliffFile)}`);
      } catch (err) {
        if (!(err instanceof PerekladError)) throw err;
        fail(err.message);
      }
    }
  }
  return summary;
}
