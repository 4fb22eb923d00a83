// Glossary terms used (Okapi CheckMate's terminology check, pofilter's musttranslatewords /
// notranslatewords): where the source uses a glossary term, in any inflected form, the target
// must use the glossary's translation. The glossary files and the inflection-aware matcher are
// src/glossary's; QA runs them on every target, including the ones people edited in CAT tools.
import { qaText } from './messages.js';
import type { QaFinding } from './findings.js';
import type { SegmentView } from './view.js';
import { loadGlossaries, type Glossary } from '../glossary/glossary.js';
import { findTerms, usesTargetTerm } from '../glossary/match.js';

export interface GlossaryTerm {
  source: string;
  /** The required translation in the target language (the source itself: do not translate). */
  target: string;
}

/** The folder of glossaries every command reads unless the config names another. */
export const DEFAULT_GLOSSARY_DIR = 'glossaries';

/** The terms of the glossary for a target language (glossaries/uk-en.tsv serves en-GB). */
export async function loadGlossaryTerms(dir: string, targetLang: string): Promise<GlossaryTerm[]> {
  return glossaryTerms(dir)(targetLang);
}

/** A command's view of the glossary folder: read once, terms per target language on demand. */
export function glossaryTerms(dir: string): (targetLang: string) => Promise<GlossaryTerm[]> {
  let set: ReturnType<typeof loadGlossaries> | undefined;
  const byLang = new Map<string, Promise<GlossaryTerm[]>>();
  return (targetLang) => {
    let terms = byLang.get(targetLang);
    if (!terms) {
      set ??= loadGlossaries(dir);
      terms = set.then((glossaries) => glossaries.forTarget(targetLang)?.entries.map((e) => ({ source: e.source, target: e.target })) ?? []);
      byLang.set(targetLang, terms);
    }
    return terms;
  };
}

function asGlossary(terms: readonly GlossaryTerm[]): Glossary {
  return { sourceLang: 'uk', targetLang: '', file: '', hash: '', entries: terms.map((t) => ({ ...t, doNotTranslate: t.source === t.target })) };
}

export function checkGlossary(view: SegmentView, terms: readonly GlossaryTerm[]): QaFinding[] {
  if (terms.length === 0) return [];
  const findings: QaFinding[] = [];
  const seen = new Set<string>();
  for (const match of findTerms(view.sourcePlain, asGlossary(terms))) {
    const { source, target } = match.entry;
    if (seen.has(source) || usesTargetTerm(view.targetPlain, target)) continue;
    seen.add(source);
    findings.push({ segmentId: view.segment.id, check: 'glossary', severity: 'warning', ...qaText('glossary.term', { found: match.text, term: source, target }) });
  }
  return findings;
}
