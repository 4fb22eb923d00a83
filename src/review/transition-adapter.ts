// The unit transitions review needs (approve, edit, reject), shaped as the project store's
// transition function is agreed to be (LANDING.md: src/project/transition.ts), so that the review
// app and `pereklad approve` switch to the store's function by changing one import when it lands.
// Until then this file is that function for the three kinds review uses.
import type { Content, TargetSegment } from '../model.js';

export type ReviewChange =
  | { kind: 'approve'; base?: Content; date: string; by?: string }
  | { kind: 'edit'; base?: Content; content: Content; date: string; by?: string }
  | { kind: 'reject'; base?: Content; comment: string; date: string; by?: string };

export type TransitionResult =
  | { outcome: 'applied'; target: TargetSegment }
  | { outcome: 'unchanged' }
  | { outcome: 'conflict'; target: TargetSegment; reason: string };

/** Notes that a reviewer sent a unit back; removed when it is approved or edited. */
export const REJECT_NOTE = 'Rejected by the reviewer: ';

/** Content as text for comparison: NFC, so a composed and a decomposed "й" are the same. */
function key(content: Content | undefined): string {
  return JSON.stringify((content ?? []).map((f) => (typeof f === 'string' ? f.normalize('NFC') : { code: f.code })).filter((f) => f !== ''));
}

export function sameContent(a: Content | undefined, b: Content | undefined): boolean {
  return key(a) === key(b);
}

export function transition(current: TargetSegment, change: ReviewChange): TransitionResult {
  // The page (or kit) saw another target than the file now has: someone changed it since.
  if (change.base !== undefined && !sameContent(change.base, current.content)) {
    return { outcome: 'conflict', target: current, reason: 'the translation was changed since the page was loaded' };
  }
  const flags = current.flags.filter((f) => !f.startsWith(REJECT_NOTE));
  switch (change.kind) {
    case 'approve': {
      if (!current.content || current.content.length === 0) return { outcome: 'conflict', target: current, reason: 'there is no translation to approve' };
      if ((current.state === 'reviewed' || current.state === 'final') && flags.length === current.flags.length) return { outcome: 'unchanged' };
      // The provenance stays: an approved MT sentence is still the engine's words.
      return { outcome: 'applied', target: { ...current, state: current.state === 'final' ? 'final' : 'reviewed', flags } };
    }
    case 'edit': {
      if (sameContent(change.content, current.content)) return transition(current, { kind: 'approve', date: change.date, ...(change.by ? { by: change.by } : {}) });
      // A reviewer's own text is reviewed; the MT it replaced stays beside it for the diff.
      const mtOriginal = current.mtOriginal ?? (current.content && current.provenance?.origin === 'mt'
        ? { content: current.content, ...(current.provenance.engine ? { engine: current.provenance.engine } : {}) }
        : undefined);
      return {
        outcome: 'applied',
        target: {
          ...current, state: 'reviewed', content: change.content, flags,
          provenance: { origin: 'human', date: change.date },
          ...(mtOriginal ? { mtOriginal } : {}),
        },
      };
    }
    case 'reject': {
      const comment = change.comment.replace(/\s+/gu, ' ').trim();
      const note = `${REJECT_NOTE}${comment}`;
      if (current.state === 'translated' && current.flags.includes(note)) return { outcome: 'unchanged' };
      // Back to translators: the text stays as their starting point, not reviewed, with the comment
      // as a note that CAT tools show.
      return { outcome: 'applied', target: { ...current, state: current.content ? 'translated' : 'new', flags: [...flags, note] } };
    }
  }
}
