// QA findings as the review page and the publish gate see them: the QA checks (src/qa) run on the
// article as the XLIFF holds it now, plus the notes a job or an import stored on targets that are
// not QA results (engine events, import notes), shown as warnings. Stored QA flags are not read
// back: the checks are re-run, so a finding fixed in a CAT tool disappears at once.
import path from 'node:path';
import type { TranslatedArticle } from '../model.js';
import { qaFindings } from '../qa/run.js';
import { isEngineFlagOwnedByQa, isQaFlag, type QaSeverity } from '../qa/findings.js';
import { glossaryTerms, type GlossaryTerm } from '../qa/glossary.js';

export type FindingSeverity = QaSeverity;

export interface ReviewFinding {
  segmentId: string;
  severity: FindingSeverity;
  message: string;
  /** The QA check that found it (`numbers`, `codes`, …), or `note` for a stored note. */
  check: string;
  /** The message's i18next key under "qa" and its values (src/qa/messages.ts). */
  key?: string;
  params?: Record<string, string | number>;
}

/** Findings per segment id. */
export type FindingsBySegment = Map<string, ReviewFinding[]>;

export function articleFindings(doc: TranslatedArticle, glossary: readonly GlossaryTerm[] = []): ReviewFinding[] {
  // Untranslated sentences are shown by their state; as findings they would only repeat it.
  const findings: ReviewFinding[] = qaFindings(doc, { glossary, untranslated: false });
  for (const target of doc.targets.values()) {
    const checks = new Set(findings.filter((f) => f.segmentId === target.segmentId).map((f) => f.check));
    for (const flag of target.flags) if (!isQaFlag(flag) && !isEngineFlagOwnedByQa(flag, checks)) findings.push({ segmentId: target.segmentId, severity: 'warning', message: flag, check: 'note' });
  }
  return findings;
}

/** Findings for documents of any target language, with each language's glossary read once. */
export function findingsWithGlossaries(cwd: string, glossaryDir: string): (doc: TranslatedArticle) => Promise<FindingsBySegment> {
  const termsFor = glossaryTerms(path.resolve(cwd, glossaryDir));
  return async (doc) => groupFindings(articleFindings(doc, await termsFor(doc.targetLang)));
}

export function groupFindings(findings: readonly ReviewFinding[]): FindingsBySegment {
  const bySegment: FindingsBySegment = new Map();
  for (const finding of findings) {
    const list = bySegment.get(finding.segmentId);
    if (list) list.push(finding);
    else bySegment.set(finding.segmentId, [finding]);
  }
  return bySegment;
}
