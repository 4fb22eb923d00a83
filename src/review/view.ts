// The review view of one translated article: every segment with its source, target, display
// state, origin, findings and MT edits, and the counts an editor reads first. Pure: the HTML page
// and the tests both read this.
import type { BlockKind, Content, Segment, TargetSegment, TranslatedArticle } from '../model.js';
import { contentText, isKept } from '../model.js';
import type { FindingsBySegment, ReviewFinding } from './findings.js';
import { bestMemoryMatch, editedMachineText } from './suggestions.js';
import { wordDiff, type DiffPart } from './diff.js';
import { formattedHtml } from './formatted.js';
import { isKeptAcrossEdit } from '../memory/source-edit.js';
import { runText } from '../publish/copy.js';

/** What an editor distinguishes: the model's states, with machine output not yet touched by a
 *  person (`mt`) told apart from a person's translation. */
export type DisplayState = 'new' | 'mt' | 'translated' | 'reviewed' | 'final';
export const DISPLAY_STATES: readonly DisplayState[] = ['new', 'mt', 'translated', 'reviewed', 'final'];

export interface SegmentView {
  id: string;
  source: string;
  /** Whitespace after the sentence in its paragraph. */
  after: string;
  /** Undefined when there is no translation yet. */
  target?: string;
  /** Source and target as formatted HTML, for segments with markup (src/review/formatted.ts). */
  sourceHtml?: string;
  targetHtml?: string;
  /** The target as text runs and inline codes (shown as chips that an edit cannot change). */
  targetParts?: Array<string | { code: string; text: string; role?: 'open' | 'close' }>;
  /** The source's inline codes, for an editor to put back a code the target lost; a paired
   *  code's halves (`**` … `**`, `<a …>` … `</a>`) say which half they are. */
  codes: Array<{ id: string; text: string; role?: 'open' | 'close' }>;
  /** The target content as stored, which a save sends back as the base it changed. */
  content?: Content;
  state: DisplayState;
  origin?: 'mt' | 'human';
  engine?: string;
  date?: string;
  /** Best translation-memory match offered for the sentence, when the file keeps one. */
  memoryMatch?: { quality: number; kind: string };
  findings: ReviewFinding[];
  /** How the reviewer changed the machine translation, when it was kept. */
  machineEdit?: { engine?: string; parts: DiffPart[] };
  /** The reviewed translation of an earlier source of this sentence, with how the source changed
   *  since (a word diff, old → current); `kept` when it is still the target because the edit
   *  touched no word, waiting for a reviewer to say it is still correct. */
  previousVersion?: { target: string; state: string; sourceDiff: DiffPart[]; kept: boolean };
  /** Not done yet: no translation, unreviewed, or with a finding. */
  attention: boolean;
}

export interface BlockView {
  id: string;
  /** Foreign blocks are quoted text kept as it stands in every language. */
  kind: BlockKind;
  lang: string;
  segments: SegmentView[];
}

export interface ReviewCounts {
  segments: number;
  byState: Record<DisplayState, number>;
  errors: number;
  warnings: number;
  attention: number;
  /** Segments reviewed or final, in percent of all translatable segments. */
  donePercent: number;
}

export interface ReviewView {
  articleId: string;
  sourcePath: string;
  sourceLang: string;
  targetLang: string;
  date?: string;
  written: string;
  blocks: BlockView[];
  counts: ReviewCounts;
}

export function displayState(target: TargetSegment | undefined): DisplayState {
  if (!target?.content || target.state === 'new') return 'new';
  if (target.state === 'translated') return target.provenance?.origin === 'mt' ? 'mt' : 'translated';
  return target.state;
}

export function emptyCounts(): ReviewCounts {
  return { segments: 0, byState: { new: 0, mt: 0, translated: 0, reviewed: 0, final: 0 }, errors: 0, warnings: 0, attention: 0, donePercent: 0 };
}

export function reviewView(doc: TranslatedArticle, findings: FindingsBySegment): ReviewView {
  const counts = emptyCounts();
  const blocks: BlockView[] = doc.article.blocks.map((block) => ({
    id: block.id,
    kind: block.kind,
    lang: block.lang,
    segments: block.segments.map((segment): SegmentView => {
      // An embedded post is shown as its readers see it: its text, not its markup.
      if (isKept(block.kind)) return { id: segment.id, source: block.kind === 'embed' ? readerText(segment) : segment.text, after: segment.after, state: 'final', findings: [], attention: false, codes: [] };
      const target: TargetSegment | undefined = doc.targets.get(segment.id);
      const state = displayState(target);
      const own = findings.get(segment.id) ?? [];
      const view: SegmentView = {
        id: segment.id, source: segment.text, after: segment.after, state, findings: own,
        attention: state === 'new' || state === 'mt' || state === 'translated' || own.length > 0,
        codes: segment.codes.map((c) => ({ id: c.id, text: c.text, ...(c.role ? { role: c.role } : {}) })),
      };
      if (target?.content) {
        view.target = contentText(target.content, segment.codes);
        view.content = target.content;
        view.targetParts = target.content.map((f) => {
          if (typeof f === 'string') return f;
          const code = segment.codes.find((c) => c.id === f.code);
          return { code: f.code, text: code?.text ?? '', ...(code?.role ? { role: code.role } : {}) };
        });
      }
      const sourceHtml = formattedHtml(segment.content, segment.codes);
      if (sourceHtml !== undefined) view.sourceHtml = sourceHtml;
      const targetHtml = target?.content ? formattedHtml(target.content, segment.codes) : undefined;
      if (targetHtml !== undefined) view.targetHtml = targetHtml;
      if (target?.content && target.provenance) {
        view.origin = target.provenance.origin;
        if (target.provenance.engine !== undefined) view.engine = target.provenance.engine;
        if (target.provenance.date !== undefined) view.date = target.provenance.date;
      }
      const match = bestMemoryMatch(target);
      if (match) view.memoryMatch = { quality: match.quality, kind: match.kind };
      const edited = editedMachineText(target, segment.codes);
      if (edited && view.target !== undefined) view.machineEdit = { ...(edited.engine !== undefined ? { engine: edited.engine } : {}), parts: wordDiff(edited.text, view.target) };
      const kept = isKeptAcrossEdit(target);
      const previous = kept ?? target?.matches?.filter((m) => m.kind === 'previous').sort((a, b) => b.quality - a.quality)[0];
      if (previous) {
        view.previousVersion = {
          target: contentText(previous.target, previous.codes), state: previous.state, kept: kept !== undefined,
          sourceDiff: wordDiff(contentText(previous.source, previous.codes), segment.text),
        };
      }
      counts.segments++;
      counts.byState[state]++;
      counts.errors += own.filter((f) => f.severity === 'error').length;
      counts.warnings += own.filter((f) => f.severity === 'warning').length;
      if (view.attention) counts.attention++;
      return view;
    }),
  }));
  const done = counts.byState.reviewed + counts.byState.final;
  counts.donePercent = counts.segments === 0 ? 100 : Math.floor((done * 100) / counts.segments);
  return {
    articleId: doc.article.id,
    sourcePath: doc.article.path,
    sourceLang: doc.article.sourceLang,
    targetLang: doc.targetLang,
    ...(doc.article.metadata.date !== undefined ? { date: doc.article.metadata.date } : {}),
    written: doc.written,
    blocks,
    counts,
  };
}

function readerText(segment: Segment): string {
  return segment.content.map((f) => {
    if (typeof f === 'string') return f;
    const code = segment.codes.find((c) => c.id === f.code);
    return code ? runText({ code }) : '';
  }).join('');
}
