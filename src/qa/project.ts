// `pereklad qa` over the project: every XLIFF under locales/ checked, its flags brought up to
// date, and the findings report written beside the review copy.
import path from 'node:path';
import { readdir, rm } from 'node:fs/promises';
import { readXliffFile, codecFor } from '../xliff/read.js';
import { writeIfChanged } from '../job/files.js';
import { DEFAULT_GLOSSARY_DIR, glossaryTerms } from './glossary.js';
import { qaFindings, withQaFlags } from './run.js';
import { qaReport, qaReportPath } from './report.js';
import type { QaFinding } from './findings.js';

export interface ProjectQaOptions {
  cwd: string;
  localesDir: string;
  /** Languages to check (default: every folder under the locales folder). */
  languages?: string[];
  /** Folder of glossaries for the terminology check (default `glossaries`). */
  glossaryDir?: string;
}

export interface ArticleQa {
  articleId: string;
  lang: string;
  file: string;
  report?: string;
  findings: QaFinding[];
}

export async function runProjectQa(options: ProjectQaOptions): Promise<ArticleQa[]> {
  const localesDir = path.resolve(options.cwd, options.localesDir);
  const rel = (p: string): string => path.relative(options.cwd, p) || '.';
  const languages = options.languages ?? (await readdir(localesDir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const termsFor = glossaryTerms(path.resolve(options.cwd, options.glossaryDir ?? DEFAULT_GLOSSARY_DIR));
  const results: ArticleQa[] = [];
  for (const lang of languages) {
    const langDir = path.join(localesDir, lang);
    const entries = await readdir(langDir, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries.filter((e) => e.isFile() && e.name.endsWith('.xlf')).map((e) => path.join(e.parentPath, e.name))
      .filter((f) => !path.relative(langDir, f).startsWith(`review${path.sep}`)).sort();
    const glossary = await termsFor(lang);
    for (const file of files) {
      const doc = await readXliffFile(file, rel(file));
      const findings = qaFindings(doc, { glossary });
      const updated = { ...doc, targets: withQaFlags(doc, findings) };
      await writeIfChanged(file, codecFor(doc.version).write(updated));
      const report = qaReportPath(localesDir, doc.targetLang || lang, doc.article.id);
      if (findings.length > 0) await writeIfChanged(report, qaReport(updated, findings));
      else await rm(report, { force: true });
      results.push({ articleId: doc.article.id, lang, file: rel(file), ...(findings.length > 0 ? { report: rel(report) } : {}), findings });
    }
  }
  return results;
}
