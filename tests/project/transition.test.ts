// The unit state machine every change goes through (src/project/transition.ts).
import { describe, it, expect } from 'vitest';
import type { TargetSegment } from '../../src/model.js';
import { transition, sameContent } from '../../src/project/transition.js';

const date = '2026-01-01T00:00:00Z';
const mt: TargetSegment = { segmentId: 'p1-1', state: 'translated', content: ['Machine text.'], provenance: { origin: 'mt', engine: 'deepl', date }, flags: [] };
const source = { content: ['Джерело.'], codes: [] };

describe('transition', () => {
  it('compares NFC-insensitively', () => {
    expect(sameContent(['наголо\u0301с'], ['наголо́с'.normalize('NFC')])).toBe(true);
    expect(sameContent(['a', { code: '1' }], ['a', { code: '2' }])).toBe(false);
  });

  it('takes a human edit once; the same file again is no change', () => {
    const first = transition(mt, { kind: 'import', base: mt.content, returned: ['Human text.'], date, origin: 'k.xlf' }, source);
    expect(first.outcome).toBe('applied');
    if (first.outcome !== 'applied') return;
    expect(first.target.state).toBe('reviewed');
    expect(first.target.mtOriginal?.content).toEqual(['Machine text.']);
    // The file still says what it said: its MT-era state is no demotion.
    expect(transition(first.target, { kind: 'import', base: mt.content, returned: ['Human text.'], returnedState: 'translated', date, origin: 'k.xlf' }).outcome).toBe('unchanged');
  });

  it('an untouched or NFD-normalised copy is not a human edit', () => {
    // OmegaT writes NFC: the NFD й (и + U+0306) it was sent comes back composed.
    const nfd: TargetSegment = { ...mt, content: ['Київський и\u0306'] };
    const returned = ['Київський и\u0306'.normalize('NFC')];
    expect(returned).not.toEqual(nfd.content);
    expect(transition(nfd, { kind: 'import', base: nfd.content, returned, date, origin: 'omegat' }).outcome).toBe('unchanged');
    expect(transition(nfd, { kind: 'import', returned, date, origin: 'omegat' }).outcome).toBe('unchanged');
  });

  it('a stale copy after a reviewed import is a conflict: the human translation stays, the returned one becomes a match', () => {
    const reviewed: TargetSegment = { segmentId: 'p1-1', state: 'reviewed', content: ['Reviewed.'], provenance: { origin: 'human', date }, flags: [], mtOriginal: { content: ['Machine text.'], engine: 'deepl' } };
    // Untouched copy: the MT it carries is what the reviewer replaced.
    expect(transition(reviewed, { kind: 'import', base: ['Machine text.'], returned: ['Machine text.'], date, origin: 'old.xlf' }).outcome).toBe('unchanged');
    // The copy marks its MT reviewed: that would ship MT as human work.
    expect(transition(reviewed, { kind: 'import', base: ['Machine text.'], returned: ['Machine text.'], returnedState: 'reviewed', date, origin: 'old.xlf' }).outcome).toBe('conflict');
    // An older draft.
    const draft = transition(reviewed, { kind: 'import', base: ['Machine text.'], returned: ['Draft.'], date, origin: 'old.xlf' }, source);
    expect(draft.outcome).toBe('conflict');
    if (draft.outcome !== 'conflict') return;
    expect(draft.target.content).toEqual(['Reviewed.']);
    expect(draft.target.matches?.map((m) => m.target)).toEqual([['Draft.']]);
  });

  it('MT never replaces a person', () => {
    const human: TargetSegment = { segmentId: 'p1-1', state: 'translated', content: ['Mine.'], provenance: { origin: 'human', date }, flags: [] };
    expect(transition(human, { kind: 'mt', content: ['New MT.'], engine: 'deepl', flags: [], date }).outcome).toBe('unchanged');
    expect(transition({ segmentId: 'p1-1', state: 'new', flags: [] }, { kind: 'mt', content: ['New MT.'], engine: 'deepl', flags: [], date }).outcome).toBe('applied');
  });

  it('approve, edit and reject apply only to the target they were made on', () => {
    expect(transition(mt, { kind: 'approve', base: ['Machine text.'], date }).outcome).toBe('applied');
    expect(transition(mt, { kind: 'approve', base: ['Other.'], date }).outcome).toBe('conflict');
    expect(transition(mt, { kind: 'edit', base: ['Machine text.'], content: ['Machine text.'], date }).outcome).toBe('unchanged');
    const edit = transition(mt, { kind: 'edit', base: ['Machine text.'], content: ['Edited.'], date });
    expect(edit.outcome === 'applied' && edit.target.state).toBe('reviewed');
    const reject = transition({ ...mt, state: 'reviewed' }, { kind: 'reject', base: ['Machine text.'], comment: 'wrong name', date, by: 'ed' });
    expect(reject.outcome === 'applied' && reject.target.state).toBe('translated');
  });
});
