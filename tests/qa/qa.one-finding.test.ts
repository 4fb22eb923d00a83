// One finding per problem: a glossary term the MT ignored is flagged by the engine while it
// translates and found again by the glossary check; the notes in the XLIFF and the review page
// carry it once, as the check's finding.
import { describe, it, expect } from 'vitest';
import type { TranslatedArticle } from '../../src/model.js';
import { qaFindings, withQaFlags } from '../../src/qa/run.js';
import { articleFindings } from '../../src/review/findings.js';
import { handBuiltArticle } from '../review/hand-built.js';

const GLOSSARY = [{ source: 'речення', target: 'clause' }];

function withEngineFlag(): TranslatedArticle {
  const doc = handBuiltArticle();
  const t = doc.targets.get('p1-2')!;
  doc.targets.set('p1-2', { ...t, flags: [...t.flags, 'glossary: "речення" should be translated as "clause"', 'the engine lost a marker'] });
  return doc;
}

describe('one finding per problem', () => {
  it('the review page shows the glossary problem once, and other engine notes still', () => {
    const findings = articleFindings(withEngineFlag(), GLOSSARY).filter((f) => f.segmentId === 'p1-2');
    expect(findings.filter((f) => /glossary|речення/u.test(f.message) || f.check === 'glossary')).toHaveLength(1);
    expect(findings.find((f) => /речення/u.test(f.message))?.check).toBe('glossary');
    expect(findings.some((f) => f.message === 'the engine lost a marker')).toBe(true);
  });

  it('the XLIFF notes carry the check\'s finding in place of the engine\'s flag', () => {
    const doc = withEngineFlag();
    const flags = withQaFlags(doc, qaFindings(doc, { glossary: GLOSSARY })).get('p1-2')!.flags;
    expect(flags.filter((f) => /речення/u.test(f))).toEqual([expect.stringMatching(/^QA warning \(glossary\): /u)]);
    expect(flags).toContain('the engine lost a marker');
  });
});
