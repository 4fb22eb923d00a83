// The OmegaT post-editing kit, as Okapi's Rainbow makes them: OmegaT 3.6 translates the text of
// <target>, not <source>, so the XLIFF it gets has every target pre-filled with a copy of the
// source; the translations pereklad has travel as TMX in OmegaT's tag notation. Only reviewed
// and final translations are inserted (tm/enforce), so OmegaT counts exactly the work still to do
// as remaining: machine translations are offered as 100 % matches from tm/mt/ (OmegaT 3.6 reads it
// as any folder under tm/; later versions mark its matches as MT), unreviewed human translations
// from tm/, earlier versions of changed sentences as fuzzy matches from tm/. Measured with OmegaT
// 3.6 console mode: with MT in tm/auto, project_stats.txt said "Remaining 0" for an all-MT project;
// with MT in tm/mt/ it says every MT segment remains (tests/kit/omegat.postedit.test.ts).
import type { TmMatch, TranslatedArticle } from '../model.js';
import { allSegments, isKept } from '../model.js';
import type { Glossary } from '../glossary/glossary.js';
import { findTerms } from '../glossary/match.js';
import { isEngineGlossaryFlag } from '../qa/findings.js';
import { xliff12 } from '../xliff/xliff12.js';
import { escapeText } from '../xliff/xml.js';
import type { TmEntry } from '../memory/tm.js';
import type { GlossaryTerm } from '../qa/glossary.js';

/** The state a pre-filled copy of the source is in: it still needs translating. */
export const KIT_TARGET_STATE = 'needs-translation';

/** XLIFF 1.2 for OmegaT: pereklad's file with each target a copy of its source. */
export function omegatXliff(doc: TranslatedArticle): string {
  // A file written before the glossary check owned glossary findings may hold both notes for one
  // problem: the translator gets the check's.
  const notes = (flags: readonly string[]): string[] => (flags.some((f) => f.startsWith('QA warning (glossary)')) ? flags.filter((f) => !isEngineGlossaryFlag(f)) : [...flags]);
  const bare = new Map([...doc.targets].map(([id, t]) => [id, { segmentId: id, state: 'new' as const, flags: notes(t.flags) }]));
  const xml = xliff12.write({ ...doc, targets: bare });
  let inserted = 0;
  // Sources hold no "<" but their inline codes, so the first "</source>" closes the element.
  const out = xml.replace(/<source((?: xml:lang="[^"]*")?)>([\s\S]*?)<\/source>/gu, (whole, lang: string, inner: string) => {
    inserted++;
    return `${whole}\n          <target state="${KIT_TARGET_STATE}"${lang}>${inner}</target>`;
  });
  const expected = [...allSegments(doc.article)].length;
  if (inserted !== expected) throw new Error(`kit: pre-filled ${inserted} targets for ${expected} segments`);
  return out;
}

export interface KitMemories {
  /** Machine translations no person has reviewed: offered, never inserted (tm/mt/). */
  mt: TmEntry[];
  /** Human translations not yet reviewed: offered as 100 % matches (tm/). */
  translated: TmEntry[];
  /** Reviewed and final translations: inserted, so OmegaT counts them as done (tm/enforce/). */
  enforce: TmEntry[];
  /** Matches (earlier translations of changed sentences, memory matches): fuzzy only. */
  fuzzy: TmEntry[];
}

export function kitMemories(docs: readonly TranslatedArticle[], origin: (doc: TranslatedArticle) => string): KitMemories {
  const memories: KitMemories = { mt: [], translated: [], enforce: [], fuzzy: [] };
  for (const doc of docs) {
    for (const block of doc.article.blocks) {
      if (isKept(block.kind)) continue;
      for (const segment of block.segments) {
        const target = doc.targets.get(segment.id);
        for (const match of target?.matches ?? []) memories.fuzzy.push(matchEntry(match, doc.targetLang));
        if (!target?.content || target.content.length === 0) continue;
        const entry: TmEntry = {
          lang: doc.targetLang, source: segment.content, codes: segment.codes, target: target.content,
          state: target.state, origin: origin(doc), codesKnown: true,
          ...(target.provenance ? { provenance: target.provenance } : {}),
        };
        if (target.state === 'reviewed' || target.state === 'final') memories.enforce.push(entry);
        else if (target.provenance?.origin === 'mt') memories.mt.push(entry);
        else memories.translated.push(entry);
      }
    }
  }
  return memories;
}

function matchEntry(match: TmMatch, lang: string): TmEntry {
  return { lang, source: match.source, codes: match.codes, target: match.target, state: match.state, origin: match.origin, codesKnown: true };
}

/** omegat.project: languages and segmentation as pereklad's (one segment per unit, no re-splitting). */
export function omegatProject(targetLang: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.git/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>uk</source_lang>
    <target_lang>${escapeText(targetLang)}</target_lang>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`;
}

/** OmegaT's tab-separated glossary: source, target, comment; UTF-8 for a .txt file. OmegaT matches
 *  glossary terms by its own stemmer, which has no Ukrainian: "Кіт Келлог" would not be found in
 *  "Кітом Келлогом". So every inflected form pereklad's matcher finds in the kit's sentences is one
 *  more line, with the base form in the comment. */
export function omegatGlossary(terms: readonly GlossaryTerm[], sentences: readonly string[] = []): string {
  const clean = (t: string): string => t.replace(/[\t\r\n]+/gu, ' ');
  const glossary: Glossary = { sourceLang: 'uk', targetLang: '', file: '', hash: '', entries: terms.map((t) => ({ ...t, doNotTranslate: t.source === t.target })) };
  const forms = new Map<GlossaryTerm, Set<string>>(terms.map((t) => [t, new Set<string>()]));
  for (const sentence of sentences) {
    for (const match of findTerms(sentence, glossary)) {
      const term = terms[glossary.entries.indexOf(match.entry)];
      if (term && match.text !== term.source) forms.get(term)!.add(match.text);
    }
  }
  const lines: string[] = [];
  for (const term of terms) {
    lines.push(`${clean(term.source)}\t${clean(term.target)}\tpereklad glossary`);
    for (const form of [...forms.get(term)!].sort()) lines.push(`${clean(form)}\t${clean(term.target)}\tpereklad glossary: ${clean(term.source)}`);
  }
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}
