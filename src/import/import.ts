// `pereklad import`: translations and states from files CAT tools wrote back, applied to the
// project's XLIFF. Each returned unit is matched to the project's segment by id and source text;
// what does not fit (stale source, unknown or duplicate ids, another language or article) is
// reported and never applied silently. By default an import with any problem changes nothing;
// `partial` applies what fits and keeps stale translations as matches. Either way it is written
// all at once or not at all.
import path from 'node:path';
import { exists, filesUnder, infoOf, readText } from '../project/io.js';
import { XLIFF_MAX_BYTES } from '../project/limits.js';
import type { Article, Content, InlineCode, Segment, TargetSegment, TmMatch, TranslatedArticle } from '../model.js';
import { allSegments, contentText, isKept } from '../model.js';
import { BadInputError, UsageError } from '../errors.js';
import { articleIdFromPath } from '../source/discover.js';
import { readArticleText } from '../source/read.js';
import { readArticle } from '../formats/registry.js';
import type { FormatsConfig } from '../formats/format.js';
import type { SegmentationRules } from '../segment/split.js';
import { codecFor, parseXliff } from '../xliff/read.js';
import type { XliffVersion } from '../xliff/codec.js';
import { toXliff12, toXliff20 } from '../xliff/states.js';
import { listLanguages, reviewPath, xliffPath } from '../project/layout.js';
import { carryOver } from '../memory/reuse.js';
import { similarity, normalizeForMatch } from '../memory/fuzzy.js';
import { assembleArticle } from '../assemble/assemble.js';
import { DEFAULT_GLOSSARY_DIR, glossaryTerms } from '../qa/glossary.js';
import { qaFindings, withQaFlags } from '../qa/run.js';
import { qaReport, qaReportPath } from '../qa/report.js';
import type { QaFinding } from '../qa/findings.js';
import { loadXml, IMPORT_MAX_BYTES } from './load.js';
import { readReturned, type ReturnedContent, type ReturnedFile, type ReturnedUnit } from './returned.js';
import { commitFiles, type StagedFile } from '../project/commit.js';
import { isPersons, sameContent, transition } from '../project/transition.js';
import { kitBases } from '../kit/bases.js';
import { SUBSTATE_PREFIX } from '../xliff/xliff20.js';
import { omegatReturned, PROJECT_SAVE } from './omegat-save.js';
import { currentNamespace } from '../formats/i18next/import.js';
import { targetResource } from '../formats/i18next/job.js';
import { DEFAULT_STRINGS_CONFIG, type StringsConfig } from '../formats/i18next/project.js';
import type { Resource } from '../formats/i18next/resource.js';
import { withProject } from '../project/store.js';

export type ImportProblemKind = 'conflict' | 'stale' | 'unknown-id' | 'duplicate-id' | 'wrong-language' | 'other-article' | 'wrong-source-language';

export interface ImportProblem {
  kind: ImportProblemKind;
  file: string;
  line?: number;
  unit?: string;
  message: string;
}

export interface ImportOptions {
  cwd: string;
  sourceDir: string;
  localesDir: string;
  /** Returned XLIFF files, folders of them, or OmegaT project folders (their target/ is read). */
  inputs: string[];
  /** The target language the files must be for; by default each file's own. */
  to?: string;
  /** Apply what fits even when some units or files do not (default: apply nothing then). */
  partial?: boolean;
  /** Apply returned translations over a person's that changed since, or that no kit record can
   *  date (the replaced text is kept as a previous-version match): the translator says theirs is newer. */
  takeReturned?: boolean;
  maxBytes?: number;
  now?: () => Date;
  /** The project's segmentation rules, to compare against the current source (default: built-in). */
  segmentation?: SegmentationRules;
  /** Article formats (config `formats`), to read the current source as translate did. */
  formats?: FormatsConfig;
  /** Folder of glossaries for the terminology check (default `glossaries`). */
  glossaryDir?: string;
  /** How the site's i18next resources are read (default: i18next's defaults). */
  strings?: StringsConfig;
}

export interface ArticleImport {
  articleId: string;
  lang: string;
  /** An i18next namespace of the site's strings, not an article (counted apart). */
  namespace: boolean;
  /** Targets that came back changed, now human translations. */
  edited: number;
  /** Targets that came back as sent, with a new state the tool set. */
  restated: number;
  unchanged: number;
  /** Units that came back without a translation (empty, or a copy of the source): they change nothing. */
  notReturned: number;
  /** Translatable sentences without a translation in the project after the import. */
  untranslated: number;
  findings: QaFinding[];
}

export interface ImportSummary {
  files: string[];
  articles: ArticleImport[];
  problems: ImportProblem[];
  /** Paths written (nothing when the import was refused). */
  written: string[];
  /** False when problems stopped the import (without `partial`). */
  applied: boolean;
  /** Things the user should know that stop nothing (an OmegaT project saved but not exported). */
  warnings: string[];
}

const XLIFF_EXTENSIONS = ['.xlf', '.xliff', '.sdlxliff', '.mqxliff'];

const xliffFilesUnder = (dir: string): Promise<string[]> => filesUnder(dir, (name) => XLIFF_EXTENSIONS.some((x) => name.endsWith(x)));

/** The files to read: an OmegaT project contributes its target/ folder (what OmegaT wrote), and
 *  is listed apart, since its project_save.tmx says more than target/ (src/import/omegat-save.ts). */
export async function expandInputs(cwd: string, inputs: readonly string[], omegatProjects: string[] = []): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const info = await infoOf(abs);
    if (!info) throw new UsageError(`${input}: no such file or folder`);
    if (info.isDirectory()) {
      const omegat = await exists(path.join(abs, 'omegat.project'));
      if (omegat && await exists(path.join(abs, PROJECT_SAVE))) {
        omegatProjects.push(abs);
        continue;
      }
      const found = await xliffFilesUnder(omegat ? path.join(abs, 'target') : abs);
      if (found.length === 0) throw new UsageError(`${input}: no XLIFF files ${omegat ? 'in the OmegaT project\'s target/ folder (run "Create translated documents" in OmegaT first)' : 'in this folder'}`);
      files.push(...found);
    } else files.push(abs);
  }
  return [...new Set(files)];
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u;

function safeArticleId(id: string): string | undefined {
  try {
    return articleIdFromPath(`${id}.xlf`) === id ? id : undefined;
  } catch {
    return undefined;
  }
}

interface Project {
  lang: string;
  articleId: string;
  version: XliffVersion;
  doc: TranslatedArticle;
  /** The project file's text as read (under the lock: what is on disk). */
  text: string;
  returned: Array<{ file: ReturnedFile; units: ReturnedUnit[] }>;
  /** Each segment's target when it left in a kit, from the kit's manifest (none for a bare XLIFF). */
  bases?: Map<string, Content | null>;
  /** Set for an i18next namespace: its target resource file is rebuilt with the XLIFF. */
  resource?: Resource;
}

/** A segment's text as a returned source reads when its pairs came back as `<g>`/`<pc>`, which
 *  carry no markup of their own: the halves of pairs left out (a `<ph>` pair keeps its text). */
function returnedText(segment: Segment): string {
  if (!segment.codes.some((c) => c.role !== undefined)) return segment.text;
  return segment.content.map((f) => {
    if (typeof f === 'string') return f;
    const code = segment.codes.find((c) => c.id === f.code);
    return code?.role !== undefined ? '' : code?.text ?? '';
  }).join('');
}

function textOfReturned(c: ReturnedContent): string {
  return c.content.map((f) => (typeof f === 'string' ? f : c.codes[Number(f.code)]?.text ?? '')).join('');
}

/** The id of the segment's `index`-th code in source order (its codes as the XLIFF wrote them). */
function codeIdAt(segment: Segment, index: number): string | undefined {
  const placed = segment.content.filter((f): f is { code: string } => typeof f !== 'string');
  return placed[index]?.code;
}

/** The returned target in the segment's own code ids; notes for codes the tool changed or invented. */
function resolveTarget(unit: ReturnedUnit, target: ReturnedContent, segment: Segment): { content: Content; notes: string[] } {
  const notes: string[] = [];
  const content: Content = [];
  for (const f of target.content) {
    if (typeof f === 'string') { content.push(f); continue; }
    const code = target.codes[Number(f.code)]!;
    if (code.role !== undefined) {
      // A half of a pair is known by the pair's id and its role (both halves may read `**`): it is
      // the segment's code at the same place among the codes of the unit's returned source.
      const at = unit.source.codes.findIndex((c) => c.role === code.role && c.id === code.id);
      const own = at >= 0 ? segment.codes.find((c) => c.id === codeIdAt(segment, at)) : undefined;
      if (!own) {
        notes.push(`the CAT tool returned a paired tag (id ${code.id}) that the source does not have; it was removed`);
        continue;
      }
      content.push({ code: own.id });
      continue;
    }
    // The tool's code refers to a source code by id; its text should be that code's text. By its
    // place first: a source may hold the same text twice (a URL, a quoting escape), and the second
    // must not become the first.
    const at = unit.source.codes.findIndex((c) => c.id !== '' && c.id === code.id);
    const inSource = at >= 0 ? unit.source.codes[at] : unit.source.codes.find((c) => c.text === code.text);
    const placed = at >= 0 ? segment.codes.find((c) => c.id === codeIdAt(segment, at)) : undefined;
    const own = (placed && placed.text === inSource?.text ? placed : undefined) ?? segment.codes.find((c) => c.text === inSource?.text) ?? segment.codes.find((c) => c.text === code.text);
    if (!own) {
      notes.push(`the CAT tool returned an inline code ("${code.text}") that the source does not have; it was removed`);
      continue;
    }
    if (code.text !== '' && code.text !== own.text) notes.push(`the CAT tool returned protected ${own.kind} "${own.text}" changed to "${code.text}"; protected text is kept as in the source`);
    content.push({ code: own.id });
  }
  return { content: codesFromText(content, segment, notes), notes };
}

/** Tools that write inline codes as text (i18next's `xliff` package for `{{name}}`, a CAT tool
 *  that flattened a tag) return the protected text in the target's words: each standalone code the
 *  target lacks is taken back from the first place its exact text stands (longest first, so a URL
 *  is not cut by a shorter code inside it). Paired halves are not: `**` could be either. */
function codesFromText(content: Content, segment: Segment, notes: string[]): Content {
  const present = new Set(content.flatMap((f) => (typeof f === 'string' ? [] : [f.code])));
  const missing = segment.codes.filter((c) => !present.has(c.id) && c.role === undefined && c.text.trim() !== '').sort((a, b) => b.text.length - a.text.length);
  let out = content;
  for (const code of missing) {
    const at = out.findIndex((f) => typeof f === 'string' && f.includes(code.text));
    if (at < 0) continue;
    const run = out[at] as string;
    const i = run.indexOf(code.text);
    const pieces: Content = [...(i > 0 ? [run.slice(0, i)] : []), { code: code.id }, ...(i + code.text.length < run.length ? [run.slice(i + code.text.length)] : [])];
    out = [...out.slice(0, at), ...pieces, ...out.slice(at + 1)];
    notes.push(`the CAT tool returned protected ${code.kind} "${code.text}" as text; it is kept as the protected code`);
  }
  return out;
}

/** The state markup pereklad wrote for a target, as `ReturnedUnit.rawState` spells it. */
function writtenRawState(target: TargetSegment | undefined, version: '1.2' | '2.0'): string {
  const state = target?.content ? target.state : 'new';
  const engine = target?.provenance?.origin === 'mt' ? target.provenance.engine : undefined;
  if (version === '2.0') return `state="${toXliff20(state)}" subState="${target?.content && engine ? `${SUBSTATE_PREFIX}${engine}` : ''}"`;
  const m = toXliff12(state, target?.provenance?.origin === 'mt');
  return `state="${target?.content ? m.state : ''}" approved="${target?.content ? m.approved ?? '' : ''}"`;
}

function matchFrom(unit: ReturnedUnit, origin: string, segment: Segment): TmMatch | undefined {
  if (!unit.target) return undefined;
  const codes: InlineCode[] = unit.source.codes.map((c, i) => ({ id: String(i), kind: c.kind, text: c.text }));
  const target: Content = unit.target.content.map((f) => {
    if (typeof f === 'string') return f;
    const code = unit.target!.codes[Number(f.code)]!;
    const i = unit.source.codes.findIndex((c) => (c.id !== '' && c.id === code.id) || c.text === code.text);
    return { code: String(Math.max(i, 0)) };
  });
  return {
    kind: 'previous',
    quality: similarity(normalizeForMatch(textOfReturned(unit.source)), normalizeForMatch(segment.text)),
    origin, source: unit.source.content, codes, target, state: unit.state?.value ?? 'translated',
  };
}

/** Import under the project lock (src/project/store.ts). */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const localesDir = path.resolve(options.cwd, options.localesDir);
  return withProject(localesDir, 'import', () => runImportLocked(options), { display: path.relative(options.cwd, localesDir) || '.' });
}

async function runImportLocked(options: ImportOptions): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  const date = now().toISOString().replace(/\.\d{3}Z$/u, 'Z');
  const localesDir = path.resolve(options.cwd, options.localesDir);
  const sourceDir = path.resolve(options.cwd, options.sourceDir);
  const rel = (p: string): string => path.relative(options.cwd, p) || '.';
  const problems: ImportProblem[] = [];
  const problem = (p: ImportProblem): void => { problems.push(p); };

  // 1. Read every file before touching anything: one unsafe or broken file stops the import.
  const omegatProjects: string[] = [];
  const files = await expandInputs(options.cwd, options.inputs, omegatProjects);
  const returned: ReturnedFile[] = [];
  const warnings: string[] = [];
  for (const file of files) returned.push(...readReturned(await loadXml(file, rel(file), options.maxBytes ?? IMPORT_MAX_BYTES), rel(file)));
  for (const dir of omegatProjects) {
    const omegat = await omegatReturned(dir, rel, options.maxBytes ?? IMPORT_MAX_BYTES);
    returned.push(...omegat.files);
    files.push(...omegat.read);
    warnings.push(...omegat.warnings);
  }

  // 2. Which project file each returned file belongs to.
  const projects = new Map<string, Project>();
  for (const r of returned) {
    // Both name a path under locales/: a hostile file must not steer a write outside it.
    const articleId = safeArticleId(r.articleId ?? r.original.replace(/\.[^./]+$/u, ''));
    if (articleId === undefined || !LANGUAGE_TAG.test(r.targetLang)) {
      problem({ kind: 'other-article', file: r.file, message: `names article "${r.articleId ?? r.original}" and target language "${r.targetLang}": not a file of this project` });
      continue;
    }
    if (r.sourceLang !== '' && r.sourceLang.split('-')[0]!.toLowerCase() !== 'uk') {
      problem({ kind: 'wrong-source-language', file: r.file, message: `is translated from "${r.sourceLang}", not from uk: not a file of this project` });
      continue;
    }
    if (options.to !== undefined && r.targetLang !== options.to) {
      problem({ kind: 'wrong-language', file: r.file, message: `is for target language "${r.targetLang}", not ${options.to} as asked` });
      continue;
    }
    const projectFile = xliffPath(localesDir, r.targetLang, articleId);
    const key = `${r.targetLang}\u0000${articleId}`;
    let project = projects.get(key);
    if (!project) {
      const known = r.targetLang !== '' && await exists(projectFile);
      if (!known) {
        const languages = (await listLanguages(localesDir)).filter((lang) => lang !== r.targetLang);
        const others: string[] = [];
        for (const lang of languages) if (await exists(xliffPath(localesDir, lang, articleId))) others.push(lang);
        if (others.length > 0) problem({ kind: 'wrong-language', file: r.file, message: `is for target language "${r.targetLang}", which article ${articleId} does not have in this project (it has ${others.sort().join(', ')})` });
        else problem({ kind: 'other-article', file: r.file, message: `is for article "${articleId}" (${r.original}), which this project does not have: a file for another article or project?` });
        continue;
      }
      // Read once: its text tells below whether the import changed the file at all.
      const text = await readText(projectFile, rel(projectFile), XLIFF_MAX_BYTES, 'an XLIFF file');
      const previous = parseXliff(text, rel(projectFile));
      const namespace = previous.article.metadata.i18next ? await currentNamespace(previous, options.cwd, options.strings ?? DEFAULT_STRINGS_CONFIG) : undefined;
      const doc = namespace ? namespace.doc : await currentDocument(previous, sourceDir, rel, options.segmentation, options.formats);
      project = { lang: r.targetLang, articleId, version: previous.version, doc, text, returned: [], ...(namespace?.resource ? { resource: namespace.resource } : {}) };
      projects.set(key, project);
    }
    project.returned.push({ file: r, units: r.units });
    const bases = await kitBases(path.resolve(options.cwd, r.file), options.cwd, r.targetLang, articleId);
    if (bases) project.bases = new Map([...(project.bases ?? []), ...bases]);
  }

  // 3. Match and apply, per article, in memory.
  const staged: StagedFile[] = [];
  const articles: ArticleImport[] = [];
  const termsFor = glossaryTerms(path.resolve(options.cwd, options.glossaryDir ?? DEFAULT_GLOSSARY_DIR));
  for (const project of projects.values()) {
    const result = applyToProject(project, date, problem, options.takeReturned === true);
    const glossary = await termsFor(project.lang);
    const findings = qaFindings(result.doc, { glossary });
    const xliffFile = xliffPath(localesDir, project.lang, project.articleId);
    // Keep the file's `written` date when the import changes nothing in it, so nothing is rewritten.
    const doc: TranslatedArticle = { ...result.doc, targets: withQaFlags(result.doc, findings) };
    let xml = codecFor(project.version).write(doc);
    if (xml !== project.text) xml = codecFor(project.version).write({ ...doc, written: date });
    // The review copy is rebuilt from the XLIFF as it will be on disk.
    const stored = parseXliff(xml, rel(xliffFile));
    staged.push({ path: xliffFile, content: xml });
    const output = project.resource
      ? targetResource(options.cwd, localesDir, options.strings ?? DEFAULT_STRINGS_CONFIG, project.resource, stored)
      : { file: reviewPath(localesDir, project.lang, project.articleId), text: assembleArticle(stored).text };
    staged.push({ path: output.file, content: output.text });
    staged.push({ path: qaReportPath(localesDir, project.lang, project.articleId), content: findings.length > 0 ? qaReport(stored, findings) : null });
    articles.push({ ...result.counts, articleId: project.articleId, lang: project.lang, namespace: project.resource !== undefined, findings });
  }

  if (problems.length > 0 && !options.partial) return { files: files.map(rel), articles, problems, written: [], applied: false, warnings };
  const written = await commitFiles(localesDir, 'import', staged);
  return { files: files.map(rel), articles, problems, written: written.map(rel), applied: true, warnings };
}

/** The project's document for the current source: when the source changed since the XLIFF was
 *  written, targets are carried over to the segments that did not change (as translate does). */
async function currentDocument(previous: TranslatedArticle, sourceDir: string, rel: (p: string) => string, segmentation?: SegmentationRules, formats?: FormatsConfig): Promise<TranslatedArticle> {
  const sourceFile = path.join(sourceDir, previous.article.path);
  let article: Article;
  try {
    article = readArticle(await readArticleText(sourceFile, rel(sourceFile)), previous.article.id, previous.article.path, { display: rel(sourceFile), sourceLang: previous.article.sourceLang, rules: segmentation, config: formats });
  } catch (err) {
    // An article no longer in the source folder: its XLIFF is all there is to import into.
    if (err instanceof BadInputError && /ENOENT/u.test(err.problem)) return previous;
    throw err;
  }
  const same = JSON.stringify([...allSegments(article)].map((s) => [s.id, s.text])) === JSON.stringify([...allSegments(previous.article)].map((s) => [s.id, s.text]));
  if (same) return previous;
  return { ...previous, article, targets: carryOver(article, previous, null) };
}

function applyToProject(project: Project, date: string, problem: (p: ImportProblem) => void, takeReturned: boolean): { doc: TranslatedArticle; counts: Omit<ArticleImport, 'articleId' | 'lang' | 'namespace' | 'findings'> } {
  const { doc } = project;
  const counts = { edited: 0, restated: 0, unchanged: 0, notReturned: 0, untranslated: 0 };
  const segments = new Map<string, { segment: Segment; foreign: boolean }>();
  const byText = new Map<string, Segment[]>();
  for (const block of doc.article.blocks) {
    for (const segment of block.segments) {
      segments.set(segment.id, { segment, foreign: isKept(block.kind) });
      byText.set(segment.text, [...(byText.get(segment.text) ?? []), segment]);
      const bare = returnedText(segment);
      if (bare !== segment.text) byText.set(bare, [...(byText.get(bare) ?? []), segment]);
    }
  }
  const targets = new Map(doc.targets);
  const idCount = new Map<string, number>();
  for (const { units } of project.returned) for (const u of units) if (u.id !== undefined) idCount.set(u.id, (idCount.get(u.id) ?? 0) + 1);
  const claimed = new Set<string>();

  for (const { file, units } of project.returned) {
    for (const unit of units) {
      const where = { file: file.file, line: unit.line, ...(unit.id !== undefined ? { unit: unit.id } : {}) };
      if (unit.id !== undefined && (idCount.get(unit.id) ?? 0) > 1) {
        problem({ ...where, kind: 'duplicate-id', message: `unit "${unit.id}" appears ${idCount.get(unit.id)} times: none of them is applied` });
        continue;
      }
      const sourceText = textOfReturned(unit.source);
      const byId = unit.id !== undefined ? segments.get(unit.id) : undefined;
      let segment: Segment | undefined;
      if (byId && (byId.segment.text === sourceText || returnedText(byId.segment) === sourceText)) segment = byId.segment;
      else if (byText.get(sourceText)?.length === 1) segment = byText.get(sourceText)![0];
      if (!segment) {
        if (!unit.translate) continue;
        if (byId) {
          const match = matchFrom(unit, file.file, byId.segment);
          problem({ ...where, kind: 'stale', message: `unit "${unit.id}": its source is no longer the project's (returned "${sourceText}", now "${byId.segment.text}"); not applied${match ? ', kept as a match' : ''}` });
          const t = targets.get(byId.segment.id) ?? { segmentId: byId.segment.id, state: 'new' as const, flags: [] };
          // Once per returned text: the same file imported again keeps one match, not two.
          const known = (t.matches ?? []).some((m) => m.origin === match?.origin && sameContent(m.source, match.source) && sameContent(m.target, match.target));
          if (match && !known) targets.set(byId.segment.id, { ...t, matches: [...(t.matches ?? []), match] });
        } else {
          problem({ ...where, kind: 'unknown-id', message: unit.id !== undefined ? `unit "${unit.id}" does not exist in the project's ${project.articleId} and no segment has its source text` : `a segment without id whose source text no segment of ${project.articleId} has` });
        }
        continue;
      }
      if (claimed.has(segment.id)) {
        problem({ ...where, kind: 'duplicate-id', message: `a second unit for segment "${segment.id}" (matched by its source text): not applied` });
        continue;
      }
      claimed.add(segment.id);
      if (segments.get(segment.id)!.foreign || !unit.translate) continue;
      const current = targets.get(segment.id);
      if (!unit.target) { counts.notReturned++; continue; }
      const { content, notes } = resolveTarget(unit, unit.target, segment);
      const text = contentText(content, segment.codes).normalize('NFC');
      const sentText = current?.content ? contentText(current.content, segment.codes).normalize('NFC') : undefined;
      // A target still holding a copy of the source (as a translation kit hands it out) is untranslated.
      if (text === segment.text.normalize('NFC') && sentText !== text) { counts.notReturned++; continue; }
      const explicit = unit.state !== undefined && unit.rawState !== writtenRawState(current, file.version);
      // Confirmed in the CAT tool (OmegaT: the segment is in project_save.tmx): the translator read
      // it and kept it, which is a review, not "nothing happened".
      // A person's draft (translated, not MT) that comes back translated, edited, says "not
      // reviewed" even though the attribute is the one it left with: MT's state untouched by a
      // tool says nothing, a person's draft state does.
      const draft = !explicit && unit.state?.value === 'translated' && current?.state === 'translated' && isPersons(current);
      const returnedState = explicit || draft ? unit.state!.value : unit.confirmed ? 'reviewed' as const : undefined;
      // What the target was when the unit left in a kit (src/kit/kit.ts); null: it had none.
      const base = project.bases?.get(segment.id);
      const before: TargetSegment = current ?? { segmentId: segment.id, state: 'new', flags: [] };
      const result = transition(before, {
        kind: 'import', returned: content, date, origin: file.file, notes,
        ...(base !== undefined ? { base: base ?? [] } : {}),
        ...(returnedState !== undefined ? { returnedState } : {}),
        ...(takeReturned ? { takeReturned } : {}),
      }, segment);
      if (result.outcome === 'unchanged') { counts.unchanged++; continue; }
      targets.set(segment.id, result.target);
      if (result.outcome === 'conflict') {
        problem({ ...where, kind: 'conflict', message: `unit "${segment.id}": ${result.reason}` });
        continue;
      }
      if (sameContent(result.target.content, current?.content)) counts.restated++;
      else counts.edited++;
    }
  }
  for (const { segment, foreign } of segments.values()) if (!foreign && !(targets.get(segment.id)?.content?.length)) counts.untranslated++;
  return { doc: { ...doc, targets }, counts };
}

