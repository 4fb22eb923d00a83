// The publish gate on a hand-built article: states against the configured minimum, MT only when
// allowed, pseudo never, QA errors only when allowed (and then recorded).
import { describe, it, expect } from 'vitest';
import { publishGate, describeBlockers } from '../../src/publish/gate.js';
import { articleFindings, groupFindings } from '../../src/review/findings.js';
import type { TranslatedArticle } from '../../src/model.js';
import { handBuiltArticle } from '../review/hand-built.js';

function gate(doc: TranslatedArticle, options: Partial<Parameters<typeof publishGate>[2]> = {}) {
  return publishGate(doc, groupFindings(articleFindings(doc)), { minState: 'reviewed', allowMt: false, allowErrors: false, ...options });
}

describe('publish gate', () => {
  it('holds back an article with sentences below the minimum state, naming them', () => {
    const doc = handBuiltArticle();
    const g = gate(doc);
    expect(g.ready).toBe(false);
    expect(g.publishable.has('p1-1')).toBe(true); // final
    expect(g.publishable.has('p1-3')).toBe(false); // translated, not reviewed
    expect(g.publishable.has('p3-1')).toBe(true); // foreign quote, kept as it stands
    const line = describeBlockers(g.blockers, 'reviewed');
    for (const id of ['p1-3', 'p2-1', 'p2-3']) expect(line).toContain(id);
  });

  it('never publishes a sentence with an error-level QA finding unless told to, and records it when told', () => {
    const doc = handBuiltArticle();
    const blocked = gate(doc, { minState: 'translated', allowMt: true });
    expect(blocked.publishable.has('p2-2')).toBe(false);
    expect(blocked.blockers.some((b) => b.segmentId === 'p2-2' && b.reason === 'qa-error')).toBe(true);
    const allowed = gate(doc, { minState: 'translated', allowMt: true, allowErrors: true });
    expect(allowed.publishable.has('p2-2')).toBe(true);
    expect(allowed.overriddenErrors.map((f) => f.segmentId)).toContain('p2-2');
  });

  it('publishes unreviewed MT only with allowMt, and marks those sentences', () => {
    const doc = handBuiltArticle();
    doc.targets.set('p2-3', { segmentId: 'p2-3', state: 'reviewed', content: ['Fifth sentence.'], provenance: { origin: 'human' }, flags: [] });
    doc.targets.set('p2-2', { segmentId: 'p2-2', state: 'reviewed', content: ['They collected 2020 signatures.'], provenance: { origin: 'human' }, flags: [] });
    doc.targets.set('p1-3', { ...doc.targets.get('p1-3')!, state: 'reviewed' });
    expect(gate(doc).publishable.has('p2-1')).toBe(false);
    const g = gate(doc, { allowMt: true });
    expect(g.ready).toBe(true);
    expect([...g.machine]).toEqual(['p2-1']);
  });

  it('--allow-mt admits a person\'s unreviewed translation as it admits MT, marking only the MT', () => {
    const doc = handBuiltArticle();
    doc.targets.set('p2-3', { segmentId: 'p2-3', state: 'reviewed', content: ['Fifth sentence.'], provenance: { origin: 'human' }, flags: [] });
    doc.targets.set('p2-2', { segmentId: 'p2-2', state: 'reviewed', content: ['They collected 2020 signatures.'], provenance: { origin: 'human' }, flags: [] });
    const without = gate(doc);
    expect(without.publishable.has('p1-3')).toBe(false);
    expect(describeBlockers(without.blockers, 'reviewed')).toMatch(/1 machine translation, 1 by a person; --allow-mt publishes those/u);
    const g = gate(doc, { allowMt: true });
    expect(g.publishable.has('p1-3')).toBe(true);
    expect(g.ready).toBe(true);
    expect([...g.machine]).toEqual(['p2-1']);
  });

  it('never publishes pseudo-translation, whatever is allowed', () => {
    const doc = handBuiltArticle();
    doc.targets.set('p2-1', { ...doc.targets.get('p2-1')!, provenance: { origin: 'mt', engine: 'pseudo' } });
    const g = gate(doc, { minState: 'translated', allowMt: true, allowErrors: true });
    expect(g.publishable.has('p2-1')).toBe(false);
    expect(g.blockers.find((b) => b.segmentId === 'p2-1')?.reason).toBe('pseudo');
  });
});
