// The OmegaT translation kit, as Okapi's Rainbow makes them: OmegaT 3.6 translates the text of
// <target>, not <source>, so the XLIFF it gets has every target pre-filled with a copy of the
// source; the translations pereklad has travel as TMX (tm/auto: MT and human translations,
// inserted as 100 % matches; tm/enforce: reviewed ones, which win; tm/: earlier translations of
// changed sentences, offered as fuzzy matches), in OmegaT's tag notation.
import type { TmMatch, TranslatedArticle } from '../model.js';
import { allSegments } from '../model.js';
import { xliff12 } from '../xliff/xliff12.js';
import { escapeText } from '../xliff/xml.js';
import type { TmEntry } from '../memory/tm.js';
import type { GlossaryTerm } from '../qa/glossary.js';

/** The state a pre-filled copy of the source is in: it still needs translating. */
export const KIT_TARGET_STATE = 'needs-translation';

/** XLIFF 1.2 for OmegaT: pereklad's file with each target a copy of its source. */
export function omegatXliff(doc: TranslatedArticle): string {
  const bare = new Map([...doc.targets].map(([id, t]) => [id, { segmentId: id, state: 'new' as const, flags: t.flags }]));
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
  /** MT and human translations not yet reviewed. */
  auto: TmEntry[];
  /** Reviewed and final translations. */
  enforce: TmEntry[];
  /** Matches (earlier translations of changed sentences, memory matches): fuzzy only. */
  fuzzy: TmEntry[];
}

export function kitMemories(docs: readonly TranslatedArticle[], origin: (doc: TranslatedArticle) => string): KitMemories {
  const memories: KitMemories = { auto: [], enforce: [], fuzzy: [] };
  for (const doc of docs) {
    for (const block of doc.article.blocks) {
      if (block.kind === 'foreign') continue;
      for (const segment of block.segments) {
        const target = doc.targets.get(segment.id);
        for (const match of target?.matches ?? []) memories.fuzzy.push(matchEntry(match, doc.targetLang));
        if (!target?.content || target.content.length === 0) continue;
        const entry: TmEntry = {
          lang: doc.targetLang, source: segment.content, codes: segment.codes, target: target.content,
          state: target.state, origin: origin(doc), codesKnown: true,
          ...(target.provenance ? { provenance: target.provenance } : {}),
        };
        (target.state === 'reviewed' || target.state === 'final' ? memories.enforce : memories.auto).push(entry);
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

/** OmegaT's tab-separated glossary: source, target, comment; UTF-8 for a .txt file. */
export function omegatGlossary(terms: readonly GlossaryTerm[]): string {
  const clean = (t: string): string => t.replace(/[\t\r\n]+/gu, ' ');
  return terms.map((t) => `${clean(t.source)}\t${clean(t.target)}\tpereklad glossary`).join('\n') + (terms.length > 0 ? '\n' : '');
}
