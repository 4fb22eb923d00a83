// One state model for both XLIFF versions, mapped as the specifications define the values.
import type { SegmentState } from '../model.js';

export interface Xliff12State { state: string; approved?: 'yes'; qualifier?: string }

export function toXliff12(state: SegmentState, machine: boolean): Xliff12State {
  switch (state) {
    case 'new': return { state: 'new' };
    case 'translated': return machine ? { state: 'needs-review-translation', qualifier: 'leveraged-mt' } : { state: 'translated' };
    case 'reviewed': return { state: 'signed-off', approved: 'yes' };
    case 'final': return { state: 'final', approved: 'yes' };
  }
}

export function fromXliff12(state: string | undefined, approved: string | undefined, hasTarget: boolean): SegmentState {
  if (state === 'final') return 'final';
  if (state === 'signed-off') return 'reviewed';
  if (approved === 'yes') return hasTarget ? 'reviewed' : 'new';
  if (!hasTarget || state === 'new' || state === 'needs-translation') return 'new';
  return 'translated';
}

export function toXliff20(state: SegmentState): string {
  return state === 'new' ? 'initial' : state;
}

export function fromXliff20(state: string | undefined, hasTarget: boolean): SegmentState {
  switch (state) {
    case 'final': return 'final';
    case 'reviewed': return 'reviewed';
    case 'translated': return 'translated';
    default: return hasTarget && state === undefined ? 'translated' : 'new';
  }
}

// Reading states that CAT tools wrote back. Undefined means "the markup says nothing about the
// state" (no attribute, or a value that cannot describe a filled-in target), so that an import can
// tell a state the tool set from one it merely kept.

const RANK: Record<SegmentState, number> = { new: 0, translated: 1, reviewed: 2, final: 3 };

export function stateRank(state: SegmentState): number {
  return RANK[state];
}

/** The least advanced of several states (a unit Trados split in two is as done as its weaker half). */
export function lowestState(states: readonly SegmentState[]): SegmentState {
  return states.reduce((low, s) => (RANK[s] < RANK[low] ? s : low), states[0] ?? 'new');
}

/** XLIFF 1.2 `state` (the spec's state-valuelist) and `approved` on a returned unit. */
export function fromXliff12Returned(state: string | undefined, approved: string | undefined): SegmentState | undefined {
  if (state === 'final') return 'final';
  if (state === 'signed-off' || approved === 'yes') return 'reviewed';
  if (state === 'translated' || (state !== undefined && state.startsWith('needs-review-'))) return 'translated';
  if (state === 'needs-adaptation' || state === 'needs-l10n') return 'translated';
  return undefined;
}

/** XLIFF 2.0 `state` (initial, translated, reviewed, final). */
export function fromXliff20Returned(state: string | undefined): SegmentState | undefined {
  return state === 'translated' || state === 'reviewed' || state === 'final' ? state : undefined;
}

/** memoQ's `mq:status` on a trans-unit. */
export function fromMemoqStatus(status: string | undefined): SegmentState | undefined {
  switch (status) {
    case undefined: case 'NotStarted': return undefined;
    case 'Reviewer1Confirmed': case 'Proofread': return 'reviewed';
    case 'Reviewer2Confirmed': return 'final';
    default: return 'translated'; // ManuallyConfirmed, PartiallyEdited, Edited, Pretranslated, MachineTranslated …
  }
}

/** Trados's `conf` on `<sdl:seg>`. */
export function fromTradosConfirmation(conf: string | undefined): SegmentState | undefined {
  switch (conf) {
    case 'ApprovedSignOff': return 'final';
    case 'ApprovedTranslation': case 'RejectedSignOff': return 'reviewed';
    case 'Draft': case 'Translated': case 'RejectedTranslation': return 'translated';
    default: return undefined;
  }
}
