// The i18next resources as a site uses them: loaded into a real i18next instance with
// `fallbackLng: 'uk'`, an article renders in the published language, and in Ukrainian wherever a
// sentence is not published.
import { describe, it, expect } from 'vitest';
import i18next from 'i18next';
import { publishGate } from '../../src/publish/gate.js';
import { resourceObject, sourceStrings, targetStrings, type ResourceGate } from '../../src/publish/i18next.js';
import { articleFindings, groupFindings } from '../../src/review/findings.js';
import { contentText } from '../../src/model.js';
import { handBuiltArticle } from '../review/hand-built.js';

async function siteI18n(keys: 'nested' | 'flat', unit: ResourceGate = 'sentence', allowMt = false) {
  const doc = handBuiltArticle();
  const gate = publishGate(doc, groupFindings(articleFindings(doc)), { minState: 'reviewed', allowMt, allowErrors: false });
  const en = resourceObject(new Map([[doc.article.id, targetStrings(doc, gate.publishable, unit)]]), keys);
  const uk = resourceObject(new Map([[doc.article.id, sourceStrings(doc)]]), keys);
  // Round-trip through JSON text, as the files on disk are.
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'en-GB', fallbackLng: 'uk', ns: ['articles'], defaultNS: 'articles',
    resources: { 'en-GB': { articles: JSON.parse(JSON.stringify(en)) }, uk: { articles: JSON.parse(JSON.stringify(uk)) } },
    ...(keys === 'flat' ? { keySeparator: false as const } : {}),
    interpolation: { escapeValue: false },
  });
  return { doc, gate, i18n };
}

/** What a site does: each paragraph's sentences by segment id, joined. */
function render(doc: ReturnType<typeof handBuiltArticle>, t: (key: string) => string): string[] {
  return doc.article.blocks.map((b) => b.segments.map((s) => t(`${doc.article.id}.${s.id}`)).join(' '));
}

describe('i18next resources', () => {
  for (const keys of ['nested', 'flat'] as const) {
    it(`render an article in the published language with Ukrainian fallback, sentence by sentence if asked (${keys} keys)`, async () => {
      const { doc, gate, i18n } = await siteI18n(keys);
      const paragraphs = render(doc, (k) => i18n.t(k));
      for (const block of doc.article.blocks) {
        for (const segment of block.segments) {
          const target = doc.targets.get(segment.id);
          const shown = i18n.t(`${doc.article.id}.${segment.id}`);
          if (block.kind === 'foreign') expect(shown).toBe(segment.text);
          else if (gate.publishable.has(segment.id) && target?.content) expect(shown).toBe(contentText(target.content, segment.codes));
          else expect(shown, segment.id).toBe(segment.text);
        }
      }
      expect(paragraphs.join('\n')).toContain('First sentence.');
      expect(paragraphs.join('\n')).toContain('The second sentence is here.');
      // Unpublished sentences fall back to the original.
      expect(paragraphs.join('\n')).toContain("П'яте речення.");
    });
  }

  it('never puts an unpublished sentence in the target language resource', async () => {
    const { doc, gate } = await siteI18n('nested', 'sentence');
    const en = resourceObject(new Map([[doc.article.id, targetStrings(doc, gate.publishable, 'sentence')]]), 'nested');
    expect(Object.keys(en[doc.article.id] as object).sort()).toEqual([...gate.publishable].sort());
  });

  it('by default a paragraph is published whole or not at all: no paragraph mixes languages', async () => {
    // With --allow-mt the first paragraph (final, reviewed, a person's unreviewed translation)
    // passes; the second has an untranslated sentence, so all of it stays Ukrainian.
    const { doc, gate, i18n } = await siteI18n('nested', 'paragraph', true);
    expect(gate.publishable.has('p2-1')).toBe(true);
    const paragraphs = doc.article.blocks.filter((b) => b.kind === 'paragraph');
    const shownIn = paragraphs.map((b) => b.segments.map((s) => (i18n.t(`${doc.article.id}.${s.id}`) === s.text ? 'uk' : 'en')));
    expect(shownIn).toEqual([['en', 'en', 'en'], ['uk', 'uk', 'uk']]);
  });

  it('gated per article, an article with one unpublished sentence is all in the source language', async () => {
    const { doc, i18n } = await siteI18n('nested', 'article', true);
    for (const segment of doc.article.blocks.flatMap((b) => b.segments)) expect(i18n.t(`${doc.article.id}.${segment.id}`)).toBe(segment.text);
  });
});
