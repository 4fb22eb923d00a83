// A localized copy: the translated article as readers get it — paragraphs of target text with
// protected spans restored — and the metadata a site needs to show where it came from.
import type { BlockKind, InlineCode, Content, TranslatedArticle } from '../model.js';
import type { GateResult } from './gate.js';
import { isMarkupKind, isKept } from '../model.js';
import { entityChar } from '../formats/escape.js';
import { formatOf } from '../formats/registry.js';
import type { ReaderText } from '../formats/visible.js';

/** A run of a paragraph: plain text, or a protected span (URL, handle, …) kept as the source had
 *  it. `shows`: what a reader sees of a markup code, as its format reads it. */
export type CopyRun = { text: string } | { code: InlineCode; shows?: string };

export interface CopyParagraph {
  kind: BlockKind;
  lang: string;
  runs: CopyRun[];
}

export interface CopyMetadata {
  articleId: string;
  sourcePath: string;
  sourceLang: string;
  lang: string;
  /** The article's own date (`2025-06`), when it has one. */
  articleDate?: string;
  /** ISO date-time of publishing. */
  published: string;
  provenance: {
    /** Some published sentences are machine translation no person reviewed. */
    machineTranslated: boolean;
    engines: string[];
    sentences: number;
    machineSentences: number;
    humanSentences: number;
    reviewedSentences: number;
    minState: string;
    /** Sentences published despite an error-level QA finding (`--allow-errors`). */
    qaErrorsPublished: number;
  };
}

export interface LocalizedCopy {
  meta: CopyMetadata;
  paragraphs: CopyParagraph[];
}

/** A sentence's runs as readers see them. Text that stands in the source (`sourceRuns`, and the
 *  whitespace after the sentence) is in the format's syntax, which `reader` reads as the page shows
 *  it (escapes, entities, `<br>`); a translation's own text is plain. A run the reader says is
 *  inside markup (a link's title) is not on the page and is left out. */
function runsOf(content: Content, codes: readonly InlineCode[], after: string, sourceRuns: ReadonlySet<string>, reader: ReaderText | undefined): CopyRun[] {
  const runs: CopyRun[] = [];
  let hidden = false;
  for (const f of content) {
    if (typeof f === 'string') {
      if (!hidden) runs.push({ text: reader && sourceRuns.has(f) ? reader.source(f) : f });
      continue;
    }
    const code = codes.find((c) => c.id === f.code);
    if (!code) throw new Error(`inline code ${f.code} has no source span`);
    const view = reader && isMarkupKind(code.kind) ? reader.code(code) : undefined;
    hidden = view?.hidesNext ?? false;
    runs.push(view ? { code, shows: view.text } : { code });
  }
  if (after !== '') runs.push({ text: reader ? reader.source(after) : after });
  return runs;
}

const textRuns = (content: Content): Set<string> => new Set(content.filter((f): f is string => typeof f === 'string'));

/** The copy of an article whose sentences have all passed the gate. */
export function localizedCopy(doc: TranslatedArticle, gate: GateResult, published: string, minState: string): LocalizedCopy {
  const engines = new Set<string>();
  const reader = formatOf(doc.article).readerText;
  let human = 0;
  let reviewed = 0;
  const paragraphs = doc.article.blocks.map((block): CopyParagraph => ({
    kind: block.kind,
    lang: isKept(block.kind) ? block.lang : doc.targetLang,
    runs: block.segments.flatMap((segment) => {
      const target = doc.targets.get(segment.id);
      const own = textRuns(segment.content);
      if (isKept(block.kind) || !target?.content) return runsOf(segment.content, segment.codes, segment.after, own, reader);
      if (target.provenance?.origin === 'mt' && target.provenance.engine !== undefined) engines.add(target.provenance.engine);
      if (target.provenance?.origin !== 'mt') human++;
      if (target.state === 'reviewed' || target.state === 'final') reviewed++;
      return runsOf(target.content, segment.codes, segment.after, own, reader);
    }),
  }));
  return {
    meta: {
      articleId: doc.article.id,
      sourcePath: doc.article.path,
      sourceLang: doc.article.sourceLang,
      lang: doc.targetLang,
      ...(doc.article.metadata.date !== undefined ? { articleDate: doc.article.metadata.date } : {}),
      published,
      provenance: {
        machineTranslated: gate.machine.size > 0,
        engines: [...engines].sort(),
        sentences: gate.segments,
        machineSentences: gate.segments - human,
        humanSentences: human,
        reviewedSentences: reviewed,
        minState,
        qaErrorsPublished: new Set(gate.overriddenErrors.map((f) => f.segmentId)).size,
      },
    },
    // Translatable attributes (alt text, front-matter fields) belong to their document, not to
    // the running text of a plain copy.
    paragraphs: paragraphs.filter((p) => p.kind !== 'attribute'),
  };
}

/** A run as readers see it: markup of the source format (`**`, `<a href…>`) is not text; an
 *  entity is its character, a hard break a line break. */
export function runText(run: CopyRun): string {
  if ('text' in run) return run.text;
  if (run.shows !== undefined) return run.shows;
  const { kind, text } = run.code;
  if (!isMarkupKind(kind)) return text;
  if (kind === 'entity') return entityChar(text) ?? text;
  if (kind === 'break') return '\n';
  return '';
}

/** A paragraph as plain text: whitespace inside it as the source had it, without leading or trailing space. */
export function paragraphText(paragraph: CopyParagraph): string {
  return paragraph.runs.map(runText).join('').trim();
}
