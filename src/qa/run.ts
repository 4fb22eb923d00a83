// Running the quality checks over a translated article: the findings (for the CLI, the review
// report and the HTML review page), and the same findings as flags on the targets, so that the
// XLIFF carries them to CAT tools as notes.
import { isKept } from '../model.js';
import { qaText } from './messages.js';
import type { TargetSegment, TranslatedArticle } from '../model.js';
import { formatFlag, isEngineFlagOwnedByQa, isQaFlag, type QaFinding, type QaSeverity } from './findings.js';
import { checkProtectedSpans } from './codes.js';
import { checkDates, checkNumbers } from './numbers.js';
import { checkBrackets, checkEndPunctuation, checkQuotes, checkStartCapital, checkWhitespace } from './punctuation.js';
import { checkLength, checkUnchanged } from './translation.js';
import { checkLanguage, checkScript } from './language.js';
import { checkGlossary, type GlossaryTerm } from './glossary.js';
import { plainText, type SegmentView } from './view.js';
import { resourceFindings, type NamespaceKeys } from '../formats/i18next/qa.js';

export interface QaOptions {
  /** Glossary terms for the article's target language. */
  glossary?: readonly GlossaryTerm[];
  /** Report segments without a translation (default true). They are never written as flags. */
  untranslated?: boolean;
  /** The keys of the project's i18next namespaces, so `$t(ns:key)` into another namespace is
   *  checked too (without them, only nesting inside the namespace is). */
  namespaceKeys?: NamespaceKeys;
}

const SEVERITY_ORDER: Record<QaSeverity, number> = { error: 0, warning: 1 };

/** Every finding for the article's targets, in article order (errors first within a segment). */
export function qaFindings(doc: TranslatedArticle, options: QaOptions = {}): QaFinding[] {
  const findings: QaFinding[] = [];
  for (const block of doc.article.blocks) {
    // Quoted foreign text is kept as it stands (translate="no"): there is nothing to check.
    if (isKept(block.kind)) continue;
    for (const segment of block.segments) {
      const targetSegment = doc.targets.get(segment.id);
      if (!targetSegment?.content || targetSegment.content.length === 0) {
        if (options.untranslated !== false) findings.push({ segmentId: segment.id, check: 'untranslated', severity: 'warning', ...qaText('untranslated.none') });
        continue;
      }
      const view: SegmentView = {
        segment, targetSegment, target: targetSegment.content, targetLang: doc.targetLang,
        sourcePlain: plainText(segment.content), targetPlain: plainText(targetSegment.content),
      };
      const found: QaFinding[] = [...checkProtectedSpans(view)];
      // Pseudo-translations are for layout checks: only the protected spans mean anything there.
      if (targetSegment.provenance?.engine !== 'pseudo') {
        found.push(
          ...checkUnchanged(view, doc.article.sourceLang), ...checkScript(view), ...checkLanguage(view),
          ...checkNumbers(view), ...checkDates(view), ...checkGlossary(view, options.glossary ?? []),
          ...checkEndPunctuation(view), ...checkQuotes(view), ...checkBrackets(view),
          ...checkWhitespace(view), ...checkStartCapital(view), ...checkLength(view),
        );
      }
      found.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      findings.push(...found);
    }
  }
  // An i18next namespace also has checks across its keys (plural groups, nesting).
  findings.push(...resourceFindings(doc, undefined, options.namespaceKeys));
  return findings;
}

/** The targets with their QA flags (and the engine's glossary and pair-order flags, which QA
 *  checks own) replaced by these findings; other flags (engine events, import notes) are kept. Targets that do not change are the same objects. */
export function withQaFlags(doc: TranslatedArticle, findings: readonly QaFinding[]): Map<string, TargetSegment> {
  const bySegment = new Map<string, string[]>();
  for (const f of findings) {
    if (f.check === 'untranslated') continue;
    const list = bySegment.get(f.segmentId) ?? [];
    list.push(formatFlag(f));
    bySegment.set(f.segmentId, list);
  }
  const targets = new Map<string, TargetSegment>();
  for (const [id, target] of doc.targets) {
    const checks = new Set(findings.filter((f) => f.segmentId === id).map((f) => f.check));
    const flags = [...target.flags.filter((flag) => !isQaFlag(flag) && !isEngineFlagOwnedByQa(flag, checks)), ...(bySegment.get(id) ?? [])];
    const same = flags.length === target.flags.length && flags.every((f, i) => f === target.flags[i]);
    targets.set(id, same ? target : { ...target, flags });
  }
  return targets;
}

export function countBySeverity(findings: readonly QaFinding[]): Record<QaSeverity, number> {
  return {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
  };
}
