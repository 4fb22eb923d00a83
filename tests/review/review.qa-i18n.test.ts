// QA messages in the page's language: the same finding reads in English in the XLIFF notes and
// with --lang en, and in Ukrainian on a --lang uk page, from the same i18next resources.
import { describe, it, expect } from 'vitest';
import { reviewView } from '../../src/review/view.js';
import { articleFindings, groupFindings } from '../../src/review/findings.js';
import { renderReviewPage } from '../../src/review/page.js';
import { uiText } from '../../src/review/i18n.js';
import { qaFindings } from '../../src/qa/run.js';
import { handBuiltArticle } from './hand-built.js';

function doc() {
  const d = handBuiltArticle();
  // Another final punctuation than the source's, and a glossary term not used.
  d.targets.set('p1-2', { ...d.targets.get('p1-2')!, content: ['The second sentence is here!'] });
  return d;
}
const GLOSSARY = [{ source: 'речення', target: 'clause' }];

describe('QA messages in the UI language', () => {
  it('English in the findings and notes, as before', () => {
    const messages = qaFindings(doc(), { glossary: GLOSSARY }).filter((f) => f.segmentId === 'p1-2').map((f) => f.message);
    expect(messages).toContain('the source ends with a full stop, the translation with an exclamation mark');
    expect(messages).toContain('the source uses the glossary term "речення" (речення): the translation should use "clause"');
  });

  it('Ukrainian on a Ukrainian page, English on an English one', () => {
    const d = doc();
    const view = reviewView(d, groupFindings(articleFindings(d, GLOSSARY)));
    const uk = renderReviewPage(view, uiText('uk'), { index: 'index.html' });
    expect(uk).toContain('оригінал закінчується крапкою, переклад — знаком оклику');
    expect(uk).toContain('в оригіналі є термін із глосарію «речення» (речення): у перекладі має бути «clause»');
    expect(uk).not.toContain('the translation with an exclamation mark');
    const en = renderReviewPage(view, uiText('en'), { index: 'index.html' });
    expect(en).toContain('the source ends with a full stop, the translation with an exclamation mark');
  });
});
