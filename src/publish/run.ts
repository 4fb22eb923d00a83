// `pereklad publish`: from the XLIFF files on disk, the localized copies of every article that
// passes the gate (text, Markdown, HTML), the list of those that do not with what blocks them, and
// the i18next resources for the site.
import path from 'node:path';
import { NoTranslationsError, collectTranslations, type TranslatedFile } from '../review/collect.js';
import { findingsWithGlossaries } from '../review/findings.js';
import { writeIfChanged } from '../project/io.js';
import type { Reporter } from '../project/reporter.js';
import type { PublishConfig, PublishFormat } from './config.js';
import { describeBlockers, publishGate, type GateOptions } from './gate.js';
import { localizedCopy } from './copy.js';
import { renderPublished } from './per-format.js';
import { resourceJson, sourceStrings, targetStrings, type ArticleStrings } from './i18next.js';
import { withProject } from '../project/store.js';
import { publishInputs, recordPublish, recordingReporter, unchangedPublish } from './unchanged.js';
import { PerekladError } from '../errors.js';
import { describeFault, isSystemError } from '../project/faults.js';
import { currentNamespace } from '../formats/i18next/import.js';
import { targetResource, unreviewedLine } from '../formats/i18next/job.js';
import type { StringsConfig } from '../formats/i18next/project.js';

export interface PublishJobOptions extends GateOptions {
  cwd: string;
  localesDir: string;
  /** Glossaries for the QA terminology check. */
  glossaryDir: string;
  /** Languages to publish; every language with XLIFF files when undefined. */
  languages?: readonly string[];
  publish: PublishConfig;
  /** The site's i18next strings: their target files are rebuilt through their gate (`minState`). */
  strings?: StringsConfig;
  reporter: Reporter;
  now?: () => Date;
}

export interface PublishJobSummary {
  published: { articleId: string; lang: string; files: string[]; machineTranslated: boolean }[];
  notReady: { articleId: string; lang: string; blockers: string }[];
  resources: string[];
  errors: string[];
}

export function publishedPath(dir: string, lang: string, articleId: string, format: PublishFormat): string {
  return path.join(dir, lang, `${articleId}.${format}`);
}

/** PublishJob under the project lock (src/project/store.ts). */
export async function runPublishJob(options: PublishJobOptions): Promise<PublishJobSummary> {
  const localesDir = path.resolve(options.cwd, options.localesDir);
  return withProject(localesDir, 'publish', () => runPublishJobLocked(options), { display: path.relative(options.cwd, localesDir) || '.', alsoWrites: [path.resolve(options.cwd, options.publish.dir)] });
}

async function runPublishJobLocked(options: PublishJobOptions): Promise<PublishJobSummary> {
  const localesRoot = path.resolve(options.cwd, options.localesDir);
  const inputs = await publishInputs(localesRoot, {
    languages: options.languages ?? null, publish: options.publish, strings: options.strings ?? null,
    minState: options.minState ?? null, allowMt: options.allowMt ?? false, allowErrors: options.allowErrors ?? false,
  }, path.resolve(options.cwd, options.glossaryDir), `${options.publish.i18next.namespace}.json`);
  const before = await unchangedPublish<PublishJobSummary>(localesRoot, inputs);
  if (before) {
    for (const [kind, line] of before.said) options.reporter[kind](line);
    return before.summary;
  }
  const recording = recordingReporter(options.reporter);
  const summary = await publishAll({ ...options, reporter: recording.reporter });
  if (summary.errors.length === 0) {
    const outputs = [...summary.published.flatMap((p) => p.files), ...summary.resources].map((f) => path.resolve(options.cwd, f));
    await recordPublish(localesRoot, inputs, outputs, summary, recording.said);
  }
  return summary;
}

async function publishAll(options: PublishJobOptions): Promise<PublishJobSummary> {
  const { cwd, reporter, publish } = options;
  const localesRoot = path.resolve(cwd, options.localesDir);
  const publishRoot = path.resolve(cwd, publish.dir);
  // Every language is read: the source-language fallback resource holds every article, whichever
  // languages this run publishes.
  const collected = await collectTranslations(cwd, options.localesDir);
  for (const error of collected.errors) reporter.error(error);
  const chosen = options.languages;
  if (chosen && !collected.files.some((f) => chosen.includes(f.lang))) {
    throw new NoTranslationsError(`no XLIFF files for ${chosen.join(', ')} under ${options.localesDir}/; run \`pereklad translate\` first`);
  }
  const published = (options.now?.() ?? new Date()).toISOString();
  const summary: PublishJobSummary = { published: [], notReady: [], resources: [], errors: collected.errors };
  const rel = (file: string): string => path.relative(cwd, file);

  const source = new Map<string, ArticleStrings>();
  const byLang = new Map<string, TranslatedFile[]>();
  for (const file of collected.files) {
    // A namespace of the site's strings is no article: it has its own resource file
    // (src/formats/i18next/), rebuilt here through its gate, and no place in the articles namespace.
    if (file.doc.article.metadata.i18next) {
      if (options.strings && (!chosen || chosen.includes(file.lang))) await publishNamespace(file, options.strings);
      continue;
    }
    const { sourceLang } = file.doc.article;
    const sourceArticles = source.get(sourceLang) ?? new Map<string, Map<string, string>>();
    if (!sourceArticles.has(file.articleId)) sourceArticles.set(file.articleId, sourceStrings(file.doc));
    source.set(sourceLang, sourceArticles);
    if (chosen && !chosen.includes(file.lang)) continue;
    const list = byLang.get(file.lang);
    if (list) list.push(file);
    else byLang.set(file.lang, [file]);
  }
  const findingsFor = findingsWithGlossaries(cwd, options.glossaryDir);

  async function publishNamespace(file: TranslatedFile, strings: StringsConfig): Promise<void> {
    const { doc, resource } = await currentNamespace(file.doc, cwd, strings);
    if (!resource) return;
    // --allow-mt admits what is not yet reviewed here too.
    const gate: StringsConfig = options.allowMt ? { ...strings, minState: 'translated' } : strings;
    const output = targetResource(cwd, localesRoot, gate, resource, doc);
    await writeIfChanged(output.file, output.text);
    summary.resources.push(rel(output.file));
    reporter.info(unreviewedLine(rel(output.file), output.unreviewed) ?? `i18next: ${rel(output.file)} (site strings: every one in it reviewed)`);
  }

  for (const [lang, files] of byLang) {
    const strings: ArticleStrings = new Map();
    for (const { articleId, doc } of files) {
      const gate = publishGate(doc, await findingsFor(doc), options);
      strings.set(articleId, targetStrings(doc, gate.publishable, publish.i18next.gate));
      if (!gate.ready) {
        const blockers = describeBlockers(gate.blockers, options.minState);
        summary.notReady.push({ articleId, lang, blockers });
        reporter.warn(`not ready: ${articleId} → ${lang}: ${blockers}`);
        continue;
      }
      const copy = localizedCopy(doc, gate, published, options.minState);
      const written: string[] = [];
      try {
        for (const format of publish.formats) {
          const file = publishedPath(publishRoot, lang, articleId, format);
          await writeIfChanged(file, renderPublished(format, doc, copy));
          written.push(rel(file));
        }
      } catch (err) {
        // One fault policy (src/project/faults.ts): a copy that cannot be written is one line, and
        // the other articles are still published.
        if (!(err instanceof PerekladError) && !isSystemError(err)) throw err;
        const message = err instanceof PerekladError ? err.message : `${describeFault(err, rel)}; ${articleId} → ${lang} not published`;
        summary.errors.push(message);
        reporter.error(`error: ${message}`);
        continue;
      }
      summary.published.push({ articleId, lang, files: written, machineTranslated: copy.meta.provenance.machineTranslated });
      const notes = [
        ...(copy.meta.provenance.machineTranslated ? [`${gate.machine.size} machine-translated sentence${gate.machine.size === 1 ? '' : 's'}, marked as machine translation`] : []),
        ...(gate.overriddenErrors.length > 0 ? [`published with ${gate.overriddenErrors.length} QA error${gate.overriddenErrors.length === 1 ? '' : 's'} because --allow-errors was given (${[...new Set(gate.overriddenErrors.map((f) => f.segmentId))].join(', ')})`] : []),
      ];
      reporter.detail(`published: ${articleId} → ${lang}: ${written.join(', ')}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
    }
    const file = path.join(localesRoot, lang, `${publish.i18next.namespace}.json`);
    await writeIfChanged(file, resourceJson(strings, publish.i18next.keys));
    summary.resources.push(rel(file));
    const total = files.reduce((n, f) => n + (source.get(f.doc.article.sourceLang)?.get(f.articleId)?.size ?? 0), 0);
    const kept = [...strings.values()].reduce((n, s) => n + s.size, 0);
    reporter.info(`i18next: ${rel(file)} (${kept} of ${total} sentences${kept < total ? '; the rest fall back to the source language' : ''})`);
  }
  for (const [sourceLang, articles] of source) {
    const file = path.join(localesRoot, sourceLang, `${publish.i18next.namespace}.json`);
    await writeIfChanged(file, resourceJson(articles, publish.i18next.keys));
    summary.resources.push(rel(file));
    reporter.info(`i18next: ${rel(file)} (the source text, the fallback language)`);
  }
  return summary;
}
