// The review index: every article and language with its progress, linking to the pages.
import type { UiText } from './i18n.js';
import type { ReviewCounts } from './view.js';
import { escapeHtml as h } from './html.js';
import { pageHead, stateBar } from './page.js';

export interface IndexEntry {
  articleId: string;
  lang: string;
  /** Relative URL of the article's page from the index. */
  href: string;
  counts: ReviewCounts;
}

/** The index page up to its footer, a piece at a time: 50,000 rows are 25 MB of HTML, which review
 *  hashes and writes as it goes rather than holding (src/review/run.ts). */
export function* indexPageBody(entries: readonly IndexEntry[], ui: UiText): Generator<string> {
  const segments = entries.reduce((n, e) => n + e.counts.segments, 0);
  const done = entries.reduce((n, e) => n + e.counts.byState.reviewed + e.counts.byState.final, 0);
  const percent = segments === 0 ? 100 : Math.floor((done * 100) / segments);
  yield `${pageHead(ui.t('indexTitle'), ui.lang)}<body>
<header class="page"><div class="wrap">
<h1>${h(ui.t('indexTitle'))}</h1>
<p class="meta">${h(ui.t('indexIntro'))}</p>
<p class="progress"><strong>${h(ui.t('indexTotals', { count: segments, articles: entries.length, percent }))}</strong></p>
</div></header>
<div class="wrap"><main>
<table>
<thead><tr><th scope="col">${h(ui.t('indexArticle'))}</th><th scope="col">${h(ui.t('indexLanguage'))}</th><th scope="col">${h(ui.t('indexProgress'))}</th><th scope="col">${h(ui.t('indexStates'))}</th><th scope="col">${h(ui.t('indexAttention'))}</th><th scope="col">${h(ui.t('indexErrors'))}</th></tr></thead>
<tbody>
`;
  for (const e of entries) {
    yield `<tr data-article="${h(e.articleId)}" data-lang="${h(e.lang)}">
<td data-label="${h(ui.t('indexArticle'))}"><a href="${h(e.href)}">${h(e.articleId)}</a></td>
<td data-label="${h(ui.t('indexLanguage'))}"><span lang="${h(ui.lang)}">${h(ui.languageName(e.lang))}</span> (${h(e.lang)})</td>
<td class="num" data-label="${h(ui.t('indexProgress'))}">${e.counts.donePercent} %</td>
<td data-label="${h(ui.t('indexStates'))}">${stateBar(e.counts)}</td>
<td class="num" data-label="${h(ui.t('indexAttention'))}">${e.counts.attention}</td>
<td class="num" data-label="${h(ui.t('indexErrors'))}">${e.counts.errors}</td>
</tr>
`;
  }
  yield `</tbody>
</table>
`;
}

/** The index page's footer: when it was made, and (`content`) a hash of the body it ends, by which
 *  review knows an unchanged list without reading the page whole. */
export function indexPageFooter(ui: UiText, generated: string, content?: string): string {
  return `<p class="meta" data-generated="${h(generated)}"${content ? ` data-content="${h(content)}"` : ''}>${h(ui.t('generated', { date: ui.formatDate(generated) }))}</p>
</main></div>
</body>
</html>
`;
}

export function renderIndexPage(entries: readonly IndexEntry[], ui: UiText, generated: string): string {
  return [...indexPageBody(entries, ui), indexPageFooter(ui, generated)].join('');
}

/** What an index page's footer records: when it was made, and the hash of its body. */
export const GENERATED = /data-generated="([^"]+)"/u;
export const CONTENT = /data-content="([0-9a-f]+)"/u;
