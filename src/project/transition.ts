// The one function every change of a unit's target goes through: machine translation, import from
// a CAT tool, and approve / edit / reject from a review page. It knows the unit's base (what the
// target was when it left the project, for a kit or a page), so that
//   - a change is applied once and a repeat is a no-op (re-importing a file changes nothing);
//   - a returned target equal to the base, to the current target or to the MT a person replaced is
//     not a human edit (only a state the tool raised is taken);
//   - a change to a unit whose target moved on since it left is a conflict: the current target is
//     kept and the other side is kept beside it as a match, never applied silently.
// Every comparison is NFC-insensitive: CAT tools normalise text (OmegaT writes NFC, so a stress
// accent U+0301 after a vowel comes back composed) and that is not an edit.
import type { Content, InlineCode, SegmentState, TargetSegment, TmMatch } from '../model.js';
import { stateRank } from '../xliff/states.js';
import { KIT_MANIFEST_NAME } from '../kit/bases.js';

export type UnitChange =
  | { kind: 'mt'; content: Content; engine: string; flags: string[]; date: string }
  /** `returnedState`: the state the tool set; undefined when it only kept the one it was given. */
  /** `takeReturned`: the returned text wins over a person's that changed since, or that no kit
   *  record dates; the replaced one is kept as a match. */
  | { kind: 'import'; base?: Content; returned: Content; returnedState?: SegmentState; date: string; origin: string; notes?: string[]; takeReturned?: boolean }
  | { kind: 'approve'; base?: Content; date: string; by?: string }
  | { kind: 'edit'; base?: Content; content: Content; date: string; by?: string }
  | { kind: 'reject'; base?: Content; comment: string; date: string; by?: string };

export type TransitionResult =
  | { outcome: 'applied'; target: TargetSegment }
  | { outcome: 'unchanged' }
  /** `target` is the current one kept, with the other side added as a match when a source was given. */
  | { outcome: 'conflict'; target: TargetSegment; reason: string };

/** The segment's source, to build the match a conflict keeps. */
export interface UnitSource {
  content: Content;
  codes: readonly InlineCode[];
}

/** Content as one comparable string: text in NFC, each inline code by its id. */
export function contentKeyNfc(content: Content): string {
  let out = '';
  let run = '';
  for (const f of content) {
    if (typeof f === 'string') { run += f; continue; }
    out += `${JSON.stringify(run.normalize('NFC'))}\u0000${f.code}\u0000`;
    run = '';
  }
  return `${out}${JSON.stringify(run.normalize('NFC'))}`;
}

export function sameContent(a: Content | undefined, b: Content | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return contentKeyNfc(a) === contentKeyNfc(b);
}

/** The machine translation behind the current target, if one is known. */
function mtOf(current: TargetSegment): Content | undefined {
  if (current.mtOriginal) return current.mtOriginal.content;
  return current.provenance?.origin === 'mt' ? current.content : undefined;
}

function mtOriginalOf(current: TargetSegment): Pick<TargetSegment, 'mtOriginal'> {
  if (current.mtOriginal) return { mtOriginal: current.mtOriginal };
  if (current.content && current.provenance?.origin === 'mt') {
    return { mtOriginal: { content: current.content, ...(current.provenance.engine ? { engine: current.provenance.engine } : {}) } };
  }
  return {};
}

function withMatch(current: TargetSegment, content: Content, origin: string, state: SegmentState, source: UnitSource | undefined): TargetSegment {
  if (!source) return current;
  const match: TmMatch = { kind: 'previous', quality: 100, origin, source: source.content, codes: [...source.codes], target: content, state };
  if ((current.matches ?? []).some((m) => m.origin === origin && sameContent(m.target, content))) return current;
  return { ...current, matches: [...(current.matches ?? []), match] };
}

/** The note a reviewer's rejection leaves on a unit; removed when it is approved or edited. */
export const REJECT_NOTE = 'Rejected by the reviewer: ';

function withoutRejection(flags: readonly string[]): string[] {
  return flags.filter((f) => !f.startsWith(REJECT_NOTE));
}

/** A person's change is applied only to the target it was made on. Machine translation that
 *  arrived since is no reason to hold a person's work back: only another person's change is. With
 *  no base (no kit record: a returned file saved outside its kit folder) a person's target may be
 *  the newer one, and that cannot be told: it counts as moved on. */
function movedOn(current: TargetSegment, base: Content | undefined): boolean {
  return isPersons(current) && (base === undefined || !sameContent(current.content, base));
}

/** The pseudo engine's text (src/mt/pseudo.ts), never a translation. */
export function isPseudo(target: Pick<TargetSegment, 'provenance'>): boolean {
  return target.provenance?.origin === 'mt' && target.provenance.engine === 'pseudo';
}

/** A target a person wrote (not MT, not empty). */
export function isPersons(current: Pick<TargetSegment, 'content' | 'provenance'>): boolean {
  return current.content !== undefined && current.content.length > 0 && current.provenance?.origin !== 'mt';
}

/** A decision on a page (approve, edit, reject) holds only for the very target the page showed. */
function changedSince(current: TargetSegment, base: Content | undefined): boolean {
  return base !== undefined && !sameContent(current.content, base);
}

export function transition(current: TargetSegment, change: UnitChange, source?: UnitSource): TransitionResult {
  switch (change.kind) {
    case 'mt': {
      // Machine translation never replaces a person's work, only an empty target or older MT.
      if (current.content && current.provenance?.origin !== 'mt') return { outcome: 'unchanged' };
      if (sameContent(current.content, change.content) && current.provenance?.engine === change.engine) return { outcome: 'unchanged' };
      return {
        outcome: 'applied',
        target: {
          segmentId: current.segmentId, state: 'translated', content: change.content,
          provenance: { origin: 'mt', engine: change.engine, date: change.date }, flags: change.flags,
          ...(current.matches ? { matches: current.matches } : {}),
        },
      };
    }
    case 'import': {
      const raised = change.returnedState !== undefined && change.returnedState !== 'new' && stateRank(change.returnedState) > stateRank(current.state);
      const restate = (): TransitionResult => (raised && current.content ? { outcome: 'applied', target: { ...current, state: change.returnedState! } } : { outcome: 'unchanged' });
      // What the project holds already: at most a state the tool raised.
      if (sameContent(change.returned, current.content)) return restate();
      const older = sameContent(change.returned, change.base) || sameContent(change.returned, mtOf(current));
      if (older) {
        // The copy holds what was sent (or the MT a person has replaced since): nobody edited it.
        // Raising its state would approve a text the project no longer has.
        const approves = change.returnedState !== undefined && stateRank(change.returnedState) >= stateRank('reviewed');
        if (!approves) return { outcome: 'unchanged' };
        return { outcome: 'conflict', target: current, reason: `${change.origin} marks an older text ${change.returnedState} than the project's current target; the project's target is kept` };
      }
      if (movedOn(current, change.base) && !change.takeReturned) {
        return {
          outcome: 'conflict',
          target: withMatch(current, change.returned, change.origin, change.returnedState ?? 'translated', source),
          reason: change.base === undefined
            ? `the project's target is a person's translation and ${change.origin} lies outside its kit folder (no ${KIT_MANIFEST_NAME} beside it), so whether it is newer cannot be told; the project's target is kept, the returned one is kept as a match (import the file from its kit folder)`
            : `the returned translation and the project's target both changed since the file left; the project's target is kept, the returned one is kept as a match`,
        };
      }
      const state: SegmentState = change.returnedState === undefined ? 'reviewed' : change.returnedState === 'new' ? 'translated' : change.returnedState;
      // A person's text replaced on the translator's word stays beside the new one.
      const kept = change.takeReturned && isPersons(current) ? withMatch(current, current.content!, 'project', current.state, source) : current;
      return {
        outcome: 'applied',
        target: {
          segmentId: current.segmentId, state, content: change.returned,
          provenance: { origin: 'human', date: change.date }, flags: change.notes ?? [],
          ...(kept.matches ? { matches: kept.matches } : {}),
          // The machine translation the person edited stays beside their text, so the review page
          // can show what they changed; an earlier kept one wins over an intermediate human draft.
          ...mtOriginalOf(current),
        },
      };
    }
    case 'approve': {
      if (!current.content || current.content.length === 0) return { outcome: 'conflict', target: current, reason: 'there is no translation to approve' };
      if (changedSince(current, change.base)) return { outcome: 'conflict', target: current, reason: 'the target changed since the page was made; approve the current one' };
      // Pseudo-translation tests the layout; it is never a translation, so never approved.
      if (isPseudo(current)) return { outcome: 'conflict', target: current, reason: 'a pseudo-translation is a layout test, not a translation: it cannot be approved (translate the sentence first)' };
      const flags = withoutRejection(current.flags);
      if (stateRank(current.state) >= stateRank('reviewed') && flags.length === current.flags.length) return { outcome: 'unchanged' };
      // The provenance stays: an approved MT sentence is still the engine's words.
      return { outcome: 'applied', target: { ...current, state: current.state === 'final' ? 'final' : 'reviewed', flags } };
    }
    case 'edit': {
      if (sameContent(change.content, current.content)) return { outcome: 'unchanged' };
      if (changedSince(current, change.base)) {
        return { outcome: 'conflict', target: withMatch(current, change.content, change.by ?? 'review', 'reviewed', source), reason: 'the target changed since the page was made; the edit is kept as a match' };
      }
      return {
        outcome: 'applied',
        target: {
          ...current, state: 'reviewed', content: change.content, flags: withoutRejection(current.flags),
          provenance: { origin: 'human', date: change.date },
          ...mtOriginalOf(current),
        },
      };
    }
    case 'reject': {
      if (changedSince(current, change.base)) return { outcome: 'conflict', target: current, reason: 'the target changed since the page was made; reject the current one' };
      const note = `${REJECT_NOTE}${change.comment.replace(/\s+/gu, ' ').trim()}`;
      if (current.state === 'translated' && current.flags.includes(note)) return { outcome: 'unchanged' };
      // Back to translators: the text stays as their starting point, not reviewed, with the comment
      // as a note that CAT tools show.
      return { outcome: 'applied', target: { ...current, state: current.content ? 'translated' : 'new', flags: [...withoutRejection(current.flags), note] } };
    }
  }
}
