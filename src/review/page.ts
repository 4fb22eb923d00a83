// The review page of one article in one language: source and target side by side, sentence by
// sentence, each coloured and labelled by state, with findings, origin and MT edits on the
// sentence they concern, counts at the top and a filter for what needs attention.
import { isKept } from '../model.js';
import type { UiText } from './i18n.js';
import type { ReviewView, SegmentView, BlockView, ReviewCounts } from './view.js';
import { DISPLAY_STATES } from './view.js';
import { escapeHtml as h, safeId } from './html.js';
import { REVIEW_CSS, REVIEW_SCRIPT } from './assets.js';
import type { DiffPart } from './diff.js';

/** No request can leave the page: styles and the script are inline, nothing else loads. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export function pageHead(title: string, lang: string, csp = CSP): string {
  return `<!doctype html>
<html lang="${h(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="pereklad">
<title>${h(title)}</title>
<style>${REVIEW_CSS}</style>
</head>
`;
}

/** A bar with one stretch per state, sized by count; its meaning is also given as text beside it. */
export function stateBar(counts: ReviewCounts): string {
  const total = Math.max(counts.segments, 1);
  const parts = DISPLAY_STATES.filter((s) => counts.byState[s] > 0)
    .map((s) => `<span style="width:${((counts.byState[s] * 100) / total).toFixed(2)}%;background:var(--${s})"></span>`)
    .join('');
  return `<div class="bar" aria-hidden="true">${parts}</div>`;
}

function countsList(counts: ReviewCounts, ui: UiText): string {
  const items = DISPLAY_STATES.map((s) =>
    `<li class="count-${s}" data-state="${s}"><span class="swatch" style="background:var(--${s})" aria-hidden="true"></span><strong>${counts.byState[s]}</strong> ${h(ui.t(`state.${s}`))}</li>`);
  items.push(`<li class="attention-count"><strong>${h(ui.t('attentionCount', { count: counts.attention }))}</strong></li>`);
  if (counts.errors > 0) items.push(`<li class="issue">${h(ui.t('errorCount', { count: counts.errors }))}</li>`);
  if (counts.warnings > 0) items.push(`<li class="warn">${h(ui.t('warningCount', { count: counts.warnings }))}</li>`);
  return `<ul class="counts">${items.join('')}</ul>`;
}

function segmentInfo(seg: SegmentView, ui: UiText): string {
  const parts = [`<span class="badge">${h(ui.t(`state.${seg.state}`))}</span>`];
  if (seg.target !== undefined && seg.origin === 'mt' && seg.engine !== undefined) parts.push(`<span class="engine">${h(ui.t('byEngine', { engine: engineName(seg.engine, ui) }))}</span>`);
  else if (seg.target !== undefined && seg.origin === 'human') parts.push(`<span class="engine">${h(ui.t('byPerson'))}</span>`);
  if (seg.date !== undefined) parts.push(`<span>${h(ui.t('on', { date: ui.formatDate(seg.date) }))}</span>`);
  if (seg.memoryMatch) parts.push(`<span class="match">${h(ui.t(`memoryMatch.${seg.memoryMatch.kind}`, { score: seg.memoryMatch.quality }))}</span>`);
  return `<p class="info">${parts.join('')}</p>`;
}

function engineName(engine: string, ui: UiText): string {
  const key = `engine.${engine}`;
  const name = ui.t(key);
  return name === key ? engine : name;
}

function findingsList(seg: SegmentView, ui: UiText): string {
  if (seg.findings.length === 0) return '';
  // QA findings in the page's language; stored notes and checks without resource words as written.
  const items = seg.findings.map((f) => `<li class="finding ${f.severity}"><strong>${h(ui.t(`severity.${f.severity}`))}:</strong> ${h(f.key ? ui.t(`qa.${f.key}`, f.params) : f.message)}</li>`);
  return `<ul class="findings" aria-label="${h(ui.t('findingsLabel'))}">${items.join('')}</ul>`;
}

function machineEdit(seg: SegmentView, ui: UiText): string {
  if (!seg.machineEdit) return '';
  const label = seg.machineEdit.engine !== undefined ? ui.t('machineEditBy', { engine: engineName(seg.machineEdit.engine, ui) }) : ui.t('machineEdit');
  const body = diffHtml(seg.machineEdit.parts, ui);
  return `<div class="diff"><p class="label">${h(label)}</p><p>${body}</p></div>`;
}

function diffHtml(parts: readonly DiffPart[], ui: UiText): string {
  return parts.map((p) => {
    if (p.kind === 'same') return h(p.text);
    const tag = p.kind === 'added' ? 'ins' : 'del';
    return `<${tag} title="${h(ui.t(p.kind))}">${h(p.text)}</${tag}>`;
  }).join('');
}

/** The reviewed translation of the sentence's earlier source, and how the source changed. */
function previousVersion(seg: SegmentView, ui: UiText): string {
  const p = seg.previousVersion;
  if (!p) return '';
  const label = p.kept ? ui.t('previous.kept') : ui.t('previous.label', { state: ui.t(`state.${p.state}`) });
  const earlier = p.kept ? '' : `<p class="previous-target">${h(p.target)}</p>`;
  return `<div class="diff previous${p.kept ? ' kept' : ''}"><p class="label">${h(label)}</p>${earlier}<p class="label">${h(ui.t('previous.sourceChange'))}</p><p class="source-diff" lang="uk">${diffHtml(p.sourceDiff, ui)}</p></div>`;
}

function segmentItem(seg: SegmentView, view: ReviewView, ui: UiText, app?: ReviewApp): string {
  // Inline codes (URLs, handles, emoji) are chips: whole, never editable letter by letter.
  // The halves of a paired code are chips that open and close (the text between them is what the
  // markup applies to), so an editor sees which is which.
  const parts = (seg.targetParts ?? []).map((p) => (typeof p === 'string' ? h(p) : `<span class="chip${p.role ? ` pair-${p.role}` : ''}" contenteditable="false" data-code="${h(p.code)}">${h(p.text)}</span>`)).join('');
  // A formatted target (bold shown bold, a link as a link) is read as such; the app edits it as
  // text and chips, from the template beside it, so the markup's codes are never lost in an edit.
  const target = seg.target !== undefined
    ? `<p class="text">${seg.targetHtml ?? parts}</p>${app && seg.targetHtml !== undefined ? `<template class="chips">${parts}</template>` : ''}`
    : `<p class="missing">${h(ui.t('noTranslation'))}</p>`;
  // A pseudo-translation is offered for editing, never for approval (the server refuses it too).
  const appData = app ? ` data-base="${h(JSON.stringify(seg.content ?? null))}" data-codes="${h(JSON.stringify(seg.codes))}"${seg.origin === 'mt' && seg.engine === 'pseudo' ? ' data-pseudo=""' : ''}` : '';
  const classes = ['seg', `state-${seg.state}`, ...(seg.attention ? ['attention'] : []), ...(seg.findings.some((f) => f.severity === 'error') ? ['has-error'] : [])];
  return `<li class="${classes.join(' ')}" id="seg-${safeId(seg.id)}" data-segment="${h(seg.id)}" data-state="${seg.state}"${appData} tabindex="-1" aria-label="${h(ui.t('segmentLabel', { id: seg.id }))}: ${h(ui.t(`state.${seg.state}`))}">
<div class="src" lang="${h(view.sourceLang)}"><p><span class="segid" aria-hidden="true">${h(seg.id)}</span>${seg.sourceHtml ?? h(seg.source)}</p></div>
<div class="tgt" lang="${h(view.targetLang)}">${segmentInfo(seg, ui)}${target}${findingsList(seg, ui)}${machineEdit(seg, ui)}${previousVersion(seg, ui)}</div>
</li>`;
}

function blockSection(block: BlockView, index: number, view: ReviewView, ui: UiText, app?: ReviewApp): string {
  const headingId = `h-${safeId(block.id)}`;
  const heading = ui.t('paragraph', { n: index + 1 });
  if (isKept(block.kind)) {
    const text = block.segments.map((s) => s.source + s.after).join('');
    // `und-…` is "some Latin-script language": name no language rather than Intl's "root".
    const note = block.kind === 'embed' ? ui.t('embed') : block.lang.startsWith('und') ? ui.t('foreignUnknown') : ui.t('foreign', { language: ui.languageName(block.lang) });
    return `<section class="block foreign" id="${safeId(block.id)}" aria-labelledby="${headingId}">
<h2 id="${headingId}">${h(heading)} · ${h(note)}</h2>
<blockquote lang="${h(block.lang)}"><p>${h(text)}</p></blockquote>
</section>`;
  }
  return `<section class="block" id="${safeId(block.id)}" aria-labelledby="${headingId}">
<h2 id="${headingId}">${h(heading)}</h2>
<ol class="segments">
${block.segments.map((s) => segmentItem(s, view, ui, app)).join('\n')}
</ol>
</section>`;
}

export interface PageLinks {
  /** Relative URL of the index page from this page. */
  index: string;
}

/** The page served by `pereklad review --serve`: the same page, with what its editing script
 *  needs (src/review/app-script.ts): where to save, the file's hash as loaded, the token. */
export interface ReviewApp {
  api: string;
  token: string;
  hash: string;
  lang: string;
  articleId: string;
  script: string;
}

/** The served page may talk to its own server, and nothing else. */
const APP_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'";

export function renderReviewPage(view: ReviewView, ui: UiText, links: PageLinks, app?: ReviewApp): string {
  const source = ui.languageName(view.sourceLang);
  const target = ui.languageName(view.targetLang);
  const { counts } = view;
  const done = counts.byState.reviewed + counts.byState.final;
  const meta = [ui.t('meta', { path: view.sourcePath }), ...(view.date !== undefined ? [ui.t('metaDate', { date: view.date })] : []), ui.t('metaWritten', { written: ui.formatDate(view.written) })];
  const firstAttention = view.blocks.flatMap((b) => b.segments).find((s) => s.attention);
  const legend = DISPLAY_STATES.map((s) => `<li><b>${h(ui.t(`state.${s}`))}</b> — ${h(ui.t(`stateHelp.${s}`))}</li>`).join('');
  const appConfig = app ? `<script type="application/json" id="pereklad-app">${JSON.stringify({ api: app.api, token: app.token, hash: app.hash, lang: app.lang, articleId: app.articleId, text: appTexts(ui) }).replace(/</gu, '\\u003c')}</script>\n<script>${app.script}</script>\n` : '';
  return `${pageHead(ui.t('pageTitle', { article: view.articleId, target }), ui.lang, app ? APP_CSP : CSP)}<body${app ? ' class="app"' : ''}>
${firstAttention ? `<a class="skip" href="#seg-${safeId(firstAttention.id)}">${h(ui.t('skipToAttention'))}</a>` : ''}
<header class="page"><div class="wrap">
<nav><a href="${h(links.index)}">← ${h(ui.t('allArticles'))}</a></nav>
<p class="eyebrow">${h(ui.t('eyebrow', { source, target }))}</p>
<h1>${h(view.articleId)}</h1>
<p class="meta">${h(meta.join(' · '))}</p>
<section class="progress" aria-labelledby="progress-heading">
<h2 id="progress-heading" class="visually-hidden">${h(ui.t('progressHeading'))}</h2>
<p id="progress-text">${h(ui.t('progress', { count: counts.segments, done, percent: counts.donePercent }))}</p>
${stateBar(counts)}
${countsList(counts, ui)}
</section>
<ul class="legend">${legend}</ul>
</div></header>
<div class="toolbar"><div class="wrap">
<label class="filter"><input type="checkbox" id="attention-only"> ${h(ui.t('filterLabel'))} <small>(${counts.attention})</small></label>
<p class="keys">${h(ui.t(app ? 'appKeys' : 'keys'))}</p>
</div></div>
<div class="wrap">
<div class="columns" aria-hidden="true"><span>${h(ui.t('columnSource', { language: source }))}</span><span>${h(ui.t('columnTarget', { language: target }))}</span></div>
<main id="main">
<p class="empty${counts.attention === 0 ? ' show' : ''}" role="status">${h(ui.t('nothingNeedsAttention'))}</p>
${app ? `<div id="app-status" role="status" aria-live="polite"></div><div id="app-alert" role="alert"></div>` : ''}
${view.blocks.map((b, i) => blockSection(b, i, view, ui, app)).join('\n')}
</main>
</div>
<script>${REVIEW_SCRIPT}</script>
${appConfig}
</body>
</html>
`;
}

/** The words the editing script shows, in the page's language. */
function appTexts(ui: UiText): Record<string, string> {
  const keys = ['approve', 'edit', 'reject', 'save', 'cancel', 'approveParagraph', 'approveArticle', 'rejectComment', 'saved', 'saving', 'conflict', 'reload', 'insertCode', 'stillCorrect', 'failed'];
  return Object.fromEntries(keys.map((k) => [k, ui.t(`app.${k}`)]));
}
