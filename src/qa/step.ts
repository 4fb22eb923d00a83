// QA as a step of the jobs that write XLIFF (translate, import): findings become flags on the
// targets just before the file is written, and the findings report is written beside the review copy.
import type { TranslatedArticle } from '../model.js';
import { removeFile, writeIfChanged, type FolderSyncs } from '../project/io.js';
import type { GlossaryTerm } from './glossary.js';
import { qaFindings, withQaFlags } from './run.js';
import { qaReport, qaReportPath } from './report.js';
import type { QaFinding } from './findings.js';
import type { NamespaceKeys } from '../formats/i18next/qa.js';

export interface QaStepPaths {
  /** Absolute locales folder. */
  localesDir: string;
  /** The glossary terms for the document's target language. */
  glossary: readonly GlossaryTerm[];
  /** The keys of the project's i18next namespaces (src/formats/i18next/qa.ts). */
  namespaceKeys?: NamespaceKeys;
  /** Put the report folder's fsync off to the caller's flush (src/project/io.ts FolderSyncs). */
  folders?: FolderSyncs;
}

/** Check the article, replace the QA flags in `doc.targets` (in place), write or remove the findings report. */
export async function qaStep(doc: TranslatedArticle, paths: QaStepPaths): Promise<QaFinding[]> {
  const findings = qaFindings(doc, { glossary: paths.glossary, ...(paths.namespaceKeys ? { namespaceKeys: paths.namespaceKeys } : {}) });
  // A reviewed or final unit is a person's signed-off work: a re-run leaves it byte for byte as it
  // is, so its findings go to the report (and the review page), not into its notes.
  for (const [id, target] of withQaFlags(doc, findings)) {
    const current = doc.targets.get(id);
    if (current && (current.state === 'reviewed' || current.state === 'final')) continue;
    doc.targets.set(id, target);
  }
  // A report exists only when there is something to read; an old one would mislead once all is fixed.
  const report = qaReportPath(paths.localesDir, doc.targetLang, doc.article.id);
  if (findings.length > 0) await writeIfChanged(report, qaReport(doc, findings), paths.folders);
  else await removeFile(report);
  return findings;
}
