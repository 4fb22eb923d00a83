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
  if (!hasTarget || state === 'new' || state === 'needs-translation') return hasTarget && state === undefined ? 'translated' : 'new';
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
