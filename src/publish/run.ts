// `pereklad publish`: from the XLIFF files on disk, the localized copies of every article that
// passes the gate (text, Markdown, HTML), the list of those that do not with what blocks them, and
// the i18next resources for the site.
import path from 'node:path';
import { NoTranslationsError, collectTranslations, type TranslatedFile } from '../review/collect.js';
import { findingsWithGlossaries } from '../review/findings.js';
import { StreamedFile, writeIfChanged } from '../project/io.js';
import type { ProjectXliff } from '../project/layout.js';
import type { Reporter } from '../project/reporter.js';
import type { PublishConfig, PublishFormat } from './config.js';
import { describeBlockers, publishGate, type GateOptions } from './gate.js';
import { localizedCopy } from './copy.js';
import { renderPublished } from './per-format.js';
import { ResourceWriter, resourceOrder, sourceStrings, targetStrings } from './i18next.js';
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
  const published = (options.now?.() ?? new Date()).toISOString();
  const summary: PublishJobSummary = { published: [], notReady: [], resources: [], errors: [] };
  const rel = (file: string): string => path.relative(cwd, file);
  const chosen = options.languages;
  const findingsFor = findingsWithGlossaries(cwd, options.glossaryDir);

  /** A resource being written an article at a time: each language's, and each source language's
   *  fallback, opened when its first article comes and put in place (if changed) at the end. */
  interface Resource { file: string; out: StreamedFile; writer: ResourceWriter; kept: number; total: number }
  const targets = new Map<string, Resource>();
  const sources = new Map<string, Resource>();
  const chosenSeen = new Set<string>();
  let lastArticle: string | undefined;
  const sourcesOfArticle = new Set<string>();
  const resourceFor = async (held: Map<string, Resource>, lang: string): Promise<Resource> => {
    let resource = held.get(lang);
    if (!resource) {
      const file = path.join(localesRoot, lang, `${publish.i18next.namespace}.json`);
      const out = await StreamedFile.open(file);
      resource = { file, out, writer: new ResourceWriter(publish.i18next.keys, (text) => out.write(text)), kept: 0, total: 0 };
      held.set(lang, resource);
    }
    return resource;
  };

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

  /** One article in one language: its copies when it passes the gate, and what its resource holds. */
  async function publishArticle({ articleId, doc, lang }: TranslatedFile, resource: Resource, sourceCount: number): Promise<void> {
    const gate = publishGate(doc, await findingsFor(doc), options);
    const strings = targetStrings(doc, gate.publishable, publish.i18next.gate);
    resource.writer.add(articleId, strings);
    resource.kept += strings.size;
    resource.total += sourceCount;
    if (!gate.ready) {
      const blockers = describeBlockers(gate.blockers, options.minState);
      summary.notReady.push({ articleId, lang, blockers });
      reporter.warn(`not ready: ${articleId} → ${lang}: ${blockers}`);
      return;
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
      return;
    }
    summary.published.push({ articleId, lang, files: written, machineTranslated: copy.meta.provenance.machineTranslated });
    const notes = [
      ...(copy.meta.provenance.machineTranslated ? [`${gate.machine.size} machine-translated sentence${gate.machine.size === 1 ? '' : 's'}, marked as machine translation`] : []),
      ...(gate.overriddenErrors.length > 0 ? [`published with ${gate.overriddenErrors.length} QA error${gate.overriddenErrors.length === 1 ? '' : 's'} because --allow-errors was given (${[...new Set(gate.overriddenErrors.map((f) => f.segmentId))].join(', ')})`] : []),
    ];
    reporter.detail(`published: ${articleId} → ${lang}: ${written.join(', ')}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
  }

  try {
    // One file at a time, article by article in the resources' order (every language of an article
    // together), so that each resource is written as the files are read and no archive's XLIFF or
    // strings are ever all in memory. Every language is read: the source-language fallback holds
    // every article, whichever languages this run publishes.
    const byArticle = (a: ProjectXliff, b: ProjectXliff): number => resourceOrder(a.articleId, b.articleId) || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0);
    const collected = await collectTranslations(cwd, options.localesDir, { order: byArticle, each: async (file) => {
      const wanted = !chosen || chosen.includes(file.lang);
      // A namespace of the site's strings is no article: it has its own resource file
      // (src/formats/i18next/), rebuilt here through its gate, and no place in the articles namespace.
      if (file.doc.article.metadata.i18next) {
        if (wanted) chosenSeen.add(file.lang);
        if (options.strings && wanted) await publishNamespace(file, options.strings);
        return;
      }
      const sourceCount = file.doc.article.blocks.reduce((n, b) => n + b.segments.length, 0);
      // The article's source text, once per source language (its files in every language share it).
      if (file.articleId !== lastArticle) {
        lastArticle = file.articleId;
        sourcesOfArticle.clear();
      }
      const { sourceLang } = file.doc.article;
      if (!sourcesOfArticle.has(sourceLang)) {
        sourcesOfArticle.add(sourceLang);
        (await resourceFor(sources, sourceLang)).writer.add(file.articleId, sourceStrings(file.doc));
      }
      if (!wanted) return;
      chosenSeen.add(file.lang);
      await publishArticle(file, await resourceFor(targets, file.lang), sourceCount);
    } });
    summary.errors.unshift(...collected.errors);
    for (const error of collected.errors) reporter.error(error);
    if (chosen && chosenSeen.size === 0) {
      throw new NoTranslationsError(`no XLIFF files for ${chosen.join(', ')} under ${options.localesDir}/; run \`pereklad translate\` first`);
    }
    for (const [lang, resource] of [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      resource.writer.end();
      await resource.out.commit();
      summary.resources.push(rel(resource.file));
      reporter.info(`i18next: ${rel(resource.file)} (${resource.kept} of ${resource.total} sentences${resource.kept < resource.total ? '; the rest fall back to the source language' : ''})`);
      targets.delete(lang);
    }
    for (const [lang, resource] of sources) {
      resource.writer.end();
      await resource.out.commit();
      summary.resources.push(rel(resource.file));
      reporter.info(`i18next: ${rel(resource.file)} (the source text, the fallback language)`);
      sources.delete(lang);
    }
  } finally {
    // What was not put in place (a fault, or nothing to publish) leaves no temporary file behind.
    for (const resource of [...targets.values(), ...sources.values()]) resource.out.abort();
  }
  return summary;
}
