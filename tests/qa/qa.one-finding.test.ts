// One finding per problem: a glossary term the MT ignored is flagged by the engine while it
// translates and found again by the glossary check; the notes in the XLIFF and the review page
// carry it once, as the check's finding.
import { describe, it, expect } from 'vitest';
import type { TranslatedArticle } from '../../src/model.js';
import { qaFindings, withQaFlags } from '../../src/qa/run.js';
import { articleFindings } from '../../src/review/findings.js';
import { handBuiltArticle } from '../review/hand-built.js';
import { readArticle } from '../../src/formats/registry.js';

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

  it('a pair DeepL reordered is one finding, the paired-code check\'s; a generic markup pair keeps DeepL\'s remark', () => {
    const article = readArticle('Уряд **ухвалив** рішення.\n', 'a', 'a.md');
    const segment = article.blocks[0]!.segments[0]!;
    const [open, close] = segment.codes.map((c) => ({ code: c.id }));
    const flag = `DeepL put the end of "**" before its start; place the markup by hand`;
    const doc: TranslatedArticle = { article, targetLang: 'en-GB', written: '2026-12-01T00:00:00Z', targets: new Map([[segment.id, {
      segmentId: segment.id, state: 'translated', content: ['Government ', close!, 'adopted', open!, ' a decision.'], provenance: { origin: 'mt', engine: 'deepl' }, flags: [flag],
    }]]) };
    const flags = withQaFlags(doc, qaFindings(doc)).get(segment.id)!.flags;
    expect(flags.filter((f) => /\*\*/u.test(f))).toEqual([expect.stringMatching(/^QA error \(xmltags\): /u)]);
    expect(articleFindings(doc, []).filter((f) => /\*\*/u.test(f.message)).map((f) => f.check)).toEqual(['xmltags']);
    // The same remark on a generic markup pair, which that check does not judge, stays.
    const generic: TranslatedArticle = { ...doc, article: { ...article, blocks: [{ ...article.blocks[0]!, segments: [{ ...segment, codes: segment.codes.map((c) => ({ ...c, kind: 'markup' as const })) }] }] } };
    expect(withQaFlags(generic, qaFindings(generic)).get(segment.id)!.flags).toContain(flag);
  });
});
