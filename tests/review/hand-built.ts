// A small translated article built by hand, with everything a review page must show: every
// state, a target edited from kept MT output, a TM match, findings, a protected URL, a foreign
// quote, and text full of characters HTML and Markdown would otherwise read as markup.
import type { Article, Content, TargetSegment, TranslatedArticle } from '../../src/model.js';

export const TRICKY = 'Tom & Jerry <script>alert("x")</script> \'quoted\'';

export function handBuiltArticle(): TranslatedArticle {
  const article: Article = {
    id: 'demo/tricky',
    path: 'demo/tricky.txt',
    sourceLang: 'uk',
    metadata: { date: '2025-06' },
    metadataText: 'date 2025-06',
    leading: '',
    trailing: '\n',
    blocks: [
      {
        id: 'p1', kind: 'paragraph', lang: 'uk', before: '\n\n',
        segments: [
          { id: 'p1-1', text: 'Перше речення.', content: ['Перше речення.'], codes: [], after: ' ' },
          { id: 'p1-2', text: 'Друге речення тут.', content: ['Друге речення тут.'], codes: [], after: ' ' },
          { id: 'p1-3', text: `Третє: ${TRICKY}.`, content: [`Третє: ${TRICKY}.`], codes: [], after: '' },
        ],
      },
      {
        id: 'p2', kind: 'paragraph', lang: 'uk', before: '\n\n',
        segments: [
          { id: 'p2-1', text: 'Деталі на https://example.org/a_b?x=1&y=2 сьогодні.', content: ['Деталі на ', { code: '1' }, ' сьогодні.'], codes: [{ id: '1', kind: 'url', text: 'https://example.org/a_b?x=1&y=2' }], after: ' ' },
          { id: 'p2-2', text: 'Зібрали 2020 підписів.', content: ['Зібрали 2020 підписів.'], codes: [], after: ' ' },
          { id: 'p2-3', text: "П'яте речення.", content: ["П'яте речення."], codes: [], after: '' },
        ],
      },
      {
        id: 'p3', kind: 'foreign', lang: 'en', before: '\n\n',
        segments: [{ id: 'p3-1', text: '# Not a heading * and <b>not bold</b>', content: ['# Not a heading * and <b>not bold</b>'], codes: [], after: '' }],
      },
    ],
  };
  const t = (segmentId: string, state: TargetSegment['state'], content: Content | undefined, extra: Partial<TargetSegment> = {}): TargetSegment => ({
    segmentId, state, flags: [], ...(content ? { content } : {}), ...extra,
  });
  const targets = new Map<string, TargetSegment>([
    ['p1-1', t('p1-1', 'final', ['First sentence.'], { provenance: { origin: 'human' } })],
    ['p1-2', t('p1-2', 'reviewed', ['The second sentence is here.'], {
      provenance: { origin: 'human' },
      mtOriginal: { content: ['Second sentence here.'], engine: 'deepl' },
    })],
    ['p1-3', t('p1-3', 'translated', [`Third: ${TRICKY}.`], {
      provenance: { origin: 'human' },
      matches: [
        { kind: 'fuzzy', quality: 87, origin: 'tm/news.tmx', source: [`Третє: ${TRICKY}!`], codes: [], target: [`Third: ${TRICKY}!`], state: 'reviewed' },
        { kind: 'fuzzy', quality: 72, origin: 'tm/news.tmx', source: ['Третє.'], codes: [], target: ['Third.'], state: 'reviewed' },
      ],
    })],
    ['p2-1', t('p2-1', 'translated', ['Details at ', { code: '1' }, ' today.'], { provenance: { origin: 'mt', engine: 'deepl', date: '2025-06-22T10:00:00.000Z' } })],
    ['p2-2', t('p2-2', 'reviewed', ['They collected signatures.'], { provenance: { origin: 'human' }, flags: ['imported from memoQ: the reviewer left a comment'] })],
    ['p2-3', t('p2-3', 'new', undefined)],
  ]);
  return { article, targetLang: 'en-GB', written: '2025-06-23T08:00:00.000Z', targets };
}
