// `pereklad qa` over the project: every XLIFF under locales/ checked, its flags brought up to
// date, and the findings report written beside the review copy.
import { loadNamespaceKeys, type StringsConfig } from '../formats/i18next/project.js';
import path from 'node:path';
import { listLanguages, listXliff, type UnreadableFolder } from '../project/layout.js';
import { PerekladError } from '../errors.js';
import { describeFault, isSystemError } from '../project/faults.js';
import { readXliffFile, codecFor } from '../xliff/read.js';
import { exists, removeFile, writeIfChanged } from '../project/io.js';
import { DEFAULT_GLOSSARY_DIR, glossaryTerms, type GlossaryTerm } from './glossary.js';
import { qaFindings, withQaFlags } from './run.js';
import { qaReport, qaReportPath } from './report.js';
import type { QaFinding } from './findings.js';
import { withProject } from '../project/store.js';
import { IncrementalIndex, SAVE_EVERY, settingsHash } from '../project/incremental.js';
import { PEREKLAD_TOOL } from '../xliff/codec.js';

export interface ProjectQaOptions {
  cwd: string;
  localesDir: string;
  /** Languages to check (default: every folder under the locales folder). */
  languages?: string[];
  /** Folder of glossaries for the terminology check (default `glossaries`). */
  glossaryDir?: string;
  /** The site's i18next strings, so nesting into another namespace is checked. */
  strings?: { config: StringsConfig; exclude: readonly string[] };
  /** Where a warning goes (the index cannot be used: the files are checked again). */
  warn?: (line: string) => void;
}

export interface ArticleQa {
  articleId: string;
  lang: string;
  file: string;
  report?: string;
  findings: QaFinding[];
  /** The file could not be checked (unreadable, not XLIFF, its report not writable): one line,
   *  and the other files are checked (the one fault policy, src/project/faults.ts). */
  failed?: string;
}

/** ProjectQa under the project lock (src/project/store.ts). */
export async function runProjectQa(options: ProjectQaOptions): Promise<ArticleQa[]> {
  const localesDir = path.resolve(options.cwd, options.localesDir);
  return withProject(localesDir, 'qa', () => runProjectQaLocked(options), { display: path.relative(options.cwd, localesDir) || '.' });
}

async function runProjectQaLocked(options: ProjectQaOptions): Promise<ArticleQa[]> {
  const localesDir = path.resolve(options.cwd, options.localesDir);
  const rel = (p: string): string => path.relative(options.cwd, p) || '.';
  const languages = options.languages ?? await listLanguages(localesDir);
  const termsFor = glossaryTerms(path.resolve(options.cwd, options.glossaryDir ?? DEFAULT_GLOSSARY_DIR));
  const results: ArticleQa[] = [];
  const namespaceKeys = options.strings ? await loadNamespaceKeys(options.cwd, options.localesDir, options.strings.config, options.strings.exclude) : undefined;
  // A file whose XLIFF, glossary and namespaces are what its last check saw is not read again: its
  // findings come from qa's own index (src/project/incremental.ts), and nothing is rewritten.
  const index = await IncrementalIndex.open<{ findings: QaFinding[] }>(localesDir, 'qa', 'write', { warn: (line) => options.warn?.(line), rel });
  const namespaces = namespaceKeys ? [...namespaceKeys].map(([ns, keys]) => [ns, [...keys].sort()]).sort() : null;
  let checkedFiles = 0;
  try {
    for (const lang of languages) {
      const unreadable: UnreadableFolder[] = [];
      const files = await listXliff(localesDir, [lang], unreadable);
      for (const u of unreadable) results.push({ articleId: '', lang, file: rel(u.folder), findings: [], failed: `${rel(u.folder)}: folder cannot be read (${u.code}); its files are not checked` });
      const glossary = await termsFor(lang);
      const settings = settingsHash({ tool: PEREKLAD_TOOL.version, glossary, namespaces });
      for (const { file, articleId } of files) {
        try {
          const known = await index.unchanged(lang, articleId, '', settings, file, file);
          const report = qaReportPath(localesDir, lang, articleId);
          if (known && (known.findings.length === 0 || await exists(report))) {
            results.push({ articleId, lang, file: rel(file), ...(known.findings.length > 0 ? { report: rel(report) } : {}), findings: known.findings });
            continue;
          }
          const checked = await checkFile(file, lang, glossary);
          results.push(checked.result);
          await index.record(lang, articleId, '', settings, { file, text: checked.xml }, { file, text: checked.xml }, { findings: checked.result.findings });
          if (++checkedFiles % SAVE_EVERY === 0) await index.save();
        } catch (err) {
          if (!(err instanceof PerekladError) && !isSystemError(err)) throw err;
          index.forget(lang, articleId);
          results.push({ articleId: '', lang, file: rel(file), findings: [], failed: err instanceof PerekladError ? err.message : `${describeFault(err, rel)}; not checked` });
        }
      }
    }
    await index.save();
  } finally {
    index.close();
  }
  return results;

  async function checkFile(file: string, lang: string, glossary: readonly GlossaryTerm[]): Promise<{ result: ArticleQa; xml: string }> {
    const doc = await readXliffFile(file, rel(file));
    const findings = qaFindings(doc, { glossary, ...(namespaceKeys ? { namespaceKeys } : {}) });
    const updated = { ...doc, targets: withQaFlags(doc, findings) };
    const xml = codecFor(doc.version).write(updated);
    await writeIfChanged(file, xml);
    const report = qaReportPath(localesDir, doc.targetLang || lang, doc.article.id);
    if (findings.length > 0) await writeIfChanged(report, qaReport(updated, findings));
    else await removeFile(report);
    return { result: { articleId: doc.article.id, lang, file: rel(file), ...(findings.length > 0 ? { report: rel(report) } : {}), findings }, xml };
  }
}

