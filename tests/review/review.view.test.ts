// The review view and page of a hand-built article: states, counts, MT edits as a diff,
// findings on their sentence, and every piece of article text escaped.
import { describe, it, expect } from 'vitest';
import { reviewView, DISPLAY_STATES } from '../../src/review/view.js';
import { articleFindings, groupFindings } from '../../src/review/findings.js';
import { renderReviewPage } from '../../src/review/page.js';
import { uiText } from '../../src/review/i18n.js';
import { wordDiff } from '../../src/review/diff.js';
import { handBuiltArticle, TRICKY } from './hand-built.js';

function view() {
  const doc = handBuiltArticle();
  return reviewView(doc, groupFindings(articleFindings(doc)));
}

describe('review view', () => {
  it('tells machine output apart from a person\'s translation and counts every state', () => {
    const v = view();
    const segs = v.blocks.filter((b) => b.kind === 'paragraph').flatMap((b) => b.segments);
    expect(v.counts.segments).toBe(segs.length);
    expect(DISPLAY_STATES.reduce((n, s) => n + v.counts.byState[s], 0)).toBe(segs.length);
    const byId = new Map(segs.map((s) => [s.id, s]));
    expect(byId.get('p2-1')?.state).toBe('mt');
    expect(byId.get('p1-3')?.state).toBe('translated');
    expect(byId.get('p2-3')?.state).toBe('new');
    expect(byId.get('p2-3')?.target).toBeUndefined();
    // Protected spans are restored in the target text.
    expect(byId.get('p2-1')?.target).toContain('https://example.org/a_b?x=1&y=2');
    expect(v.counts.attention).toBe(segs.filter((s) => ['new', 'mt', 'translated'].includes(s.state) || s.findings.length > 0).length);
  });

  it('shows the change from kept MT output as a word diff that rebuilds both texts', () => {
    const seg = view().blocks.flatMap((b) => b.segments).find((s) => s.id === 'p1-2');
    const parts = seg?.machineEdit?.parts ?? [];
    expect(seg?.machineEdit?.engine).toBe('deepl');
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe('Second sentence here.');
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(seg?.target);
    expect(parts.some((p) => p.kind === 'added')).toBe(true);
    // An MT target nobody touched has nothing to compare with.
    expect(view().blocks.flatMap((b) => b.segments).find((s) => s.id === 'p2-1')?.machineEdit).toBeUndefined();
  });

  it('word diff of equal texts is one unchanged part', () => {
    expect(wordDiff('Same text.', 'Same text.')).toEqual([{ kind: 'same', text: 'Same text.' }]);
  });

  it('runs the QA checks and keeps each finding on its sentence, with stored notes as warnings', () => {
    const segs = view().blocks.flatMap((b) => b.segments);
    const p22 = segs.find((s) => s.id === 'p2-2')?.findings ?? [];
    // The dropped number is found by QA now, from the file's content, not from a stored flag.
    expect(p22.some((f) => f.severity === 'error' && f.check === 'numbers' && f.message.includes('2020'))).toBe(true);
    expect(p22.some((f) => f.severity === 'warning' && f.check === 'note' && f.message.includes('memoQ'))).toBe(true);
    expect(view().counts.errors).toBe(segs.flatMap((s) => s.findings).filter((f) => f.severity === 'error').length);
  });

  it('shows the best translation-memory match', () => {
    const segs = view().blocks.flatMap((b) => b.segments);
    expect(segs.find((s) => s.id === 'p1-3')?.memoryMatch).toEqual({ quality: 87, kind: 'fuzzy' });
  });
});

describe('review page HTML', () => {
  const html = renderReviewPage(view(), uiText('en'), { index: '../../review/index.html' });

  it('escapes article text everywhere, so markup in copy stays text', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain(TRICKY);
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
  });

  it('is self-contained: no external resource, and a policy that forbids loading any', () => {
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/\s(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/<link\s/);
  });

  it('marks source and target with their languages, and the page with the UI language', () => {
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('class="src" lang="uk"');
    expect(html).toContain('class="tgt" lang="en-GB"');
    expect(html).toContain('<blockquote lang="en">');
  });

  it('speaks Ukrainian with --lang uk', () => {
    const uk = renderReviewPage(view(), uiText('uk'), { index: 'index.html' });
    expect(uk).toMatch(/<html lang="uk">/);
    expect(uk).toContain(uiText('uk').t('filterLabel'));
    expect(uiText('uk').t('filterLabel')).not.toBe(uiText('en').t('filterLabel'));
  });
});
