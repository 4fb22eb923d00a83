// The three forms of a localized copy: plain text and Markdown with YAML front matter, and HTML
// with the metadata in <head>. Each escapes what its format would otherwise interpret.
import type { CopyMetadata, CopyParagraph, CopyRun, LocalizedCopy } from './copy.js';
import { paragraphText, runText } from './copy.js';
import { escapeHtml as h } from '../review/html.js';
import type { PublishFormat } from './config.js';
import { escapeMarkdownLineStart, escapeMarkdownText } from '../formats/escape.js';
import { isMarkupKind, isKept } from '../model.js';

export const MACHINE_NOTICE = 'Machine translation: this article was translated automatically and has not been fully reviewed by an editor.';

/** The notice as Markdown (a strong blockquote line) and as HTML (a note paragraph). */
export const MACHINE_NOTICE_MD = `> **${escapeMarkdownText(MACHINE_NOTICE)}**\n\n`;
export const MACHINE_NOTICE_HTML = `<p class="machine-translation-notice" role="note" lang="en"><strong>${h(MACHINE_NOTICE)}</strong></p>\n`;

/** YAML front matter. Strings are written as JSON strings, which are valid YAML double-quoted scalars. */
export function frontMatter(meta: CopyMetadata): string {
  const p = meta.provenance;
  const s = JSON.stringify;
  return [
    '---',
    `article: ${s(meta.articleId)}`,
    `source: ${s(meta.sourcePath)}`,
    `source_language: ${s(meta.sourceLang)}`,
    `language: ${s(meta.lang)}`,
    ...(meta.articleDate !== undefined ? [`article_date: ${s(meta.articleDate)}`] : []),
    `published: ${s(meta.published)}`,
    'translation:',
    `  machine_translated: ${p.machineTranslated}`,
    `  engines: ${s(p.engines)}`,
    `  sentences: ${p.sentences}`,
    `  human_sentences: ${p.humanSentences}`,
    `  machine_sentences: ${p.machineSentences}`,
    `  reviewed_sentences: ${p.reviewedSentences}`,
    `  min_state: ${s(p.minState)}`,
    `  qa_errors_published: ${p.qaErrorsPublished}`,
    '---',
    '',
  ].join('\n');
}

export function renderText(copy: LocalizedCopy): string {
  const notice = copy.meta.provenance.machineTranslated ? `[${MACHINE_NOTICE}]\n\n` : '';
  return `${frontMatter(copy.meta)}\n${notice}${copy.paragraphs.map(paragraphText).join('\n\n')}\n`;
}

// Markdown: escapeMarkdownText covers what CommonMark reads anywhere in a line,
// escapeMarkdownLineStart what it reads only where a line starts (headings, lists, breaks).
export { escapeMarkdownText };

function markdownRun(run: CopyRun): string {
  if ('text' in run) return escapeMarkdownText(run.text);
  const { kind, text } = run.code;
  if (isMarkupKind(kind)) return escapeMarkdownText(runText(run));
  // A URL with a scheme, or an e-mail address, becomes an autolink, where nothing is escaped.
  if ((kind === 'url' && /^[a-z][a-z0-9+.-]*:\/\/[^\s<>]+$/iu.test(text)) || (kind === 'email' && /^[^\s<>@]+@[^\s<>@]+$/u.test(text))) return `<${text}>`;
  return escapeMarkdownText(text);
}

function markdownParagraph(paragraph: CopyParagraph): string {
  const lines = paragraph.runs.map(markdownRun).join('').trim().split(/\r\n|\r|\n/u);
  // Every line of a paragraph starts flush (4 spaces would make code), ends without the two
  // spaces of a hard break, and has any line-start syntax escaped.
  const body = lines.map((line) => escapeMarkdownLineStart(line.trim()));
  const text = body.join('\n');
  return isKept(paragraph.kind) ? text.split('\n').map((l) => `> ${l}`).join('\n') : text;
}

export function renderMarkdown(copy: LocalizedCopy): string {
  const notice = copy.meta.provenance.machineTranslated ? MACHINE_NOTICE_MD : '';
  return `${frontMatter(copy.meta)}\n${notice}${copy.paragraphs.map(markdownParagraph).join('\n\n')}\n`;
}

function htmlParagraph(paragraph: CopyParagraph): string {
  const text = h(paragraph.runs.map(runText).join('').trim()).replace(/\r\n|\r|\n/gu, '<br>\n');
  return isKept(paragraph.kind) ? `<blockquote lang="${h(paragraph.lang)}"><p>${text}</p></blockquote>` : `<p>${text}</p>`;
}

/** Longest a <title> gets: what search results and tabs show. */
export const TITLE_MAX = 70;

/** The text if it fits, else its words up to the limit and "…" (a single over-long word is cut). */
export function cutAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if ([...flat].length <= max) return flat;
  const chars = [...flat].slice(0, max);
  const room = chars.join('');
  const space = room.lastIndexOf(' ');
  const cut = space > 0 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** `body`: the article's HTML when it was rendered already (Markdown through micromark); the page
 *  around it is the same. */
export function renderHtml(copy: LocalizedCopy, body?: string): string {
  const { meta } = copy;
  const p = meta.provenance;
  // The headline is the article's first heading (Markdown, HTML) or else its first paragraph (a
  // news article's first line): in a plain copy the first paragraph is the page's <h1>; the
  // <title> is the headline cut at a word boundary, so no word is broken in a browser tab.
  const first = copy.paragraphs.find((x) => !isKept(x.kind));
  const heading = copy.paragraphs.find((x) => x.kind === 'heading') ?? first;
  const headline = heading ? paragraphText(heading) : '';
  const title = headline !== '' ? cutAtWord(headline, TITLE_MAX) : meta.articleId;
  const metas: [string, string][] = [
    ['pereklad:article', meta.articleId],
    ['pereklad:source', meta.sourcePath],
    ['pereklad:source-language', meta.sourceLang],
    ...(meta.articleDate !== undefined ? [['pereklad:article-date', meta.articleDate] as [string, string]] : []),
    ['date', meta.published],
    ['pereklad:machine-translated', String(p.machineTranslated)],
    ['pereklad:engines', p.engines.join(' ')],
    ['pereklad:sentences', String(p.sentences)],
    ['pereklad:human-sentences', String(p.humanSentences)],
    ['pereklad:reviewed-sentences', String(p.reviewedSentences)],
    ['pereklad:min-state', p.minState],
    ['pereklad:qa-errors-published', String(p.qaErrorsPublished)],
  ];
  const notice = p.machineTranslated ? MACHINE_NOTICE_HTML : '';
  return `<!doctype html>
<html lang="${h(meta.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
${metas.map(([name, content]) => `<meta name="${h(name)}" content="${h(content)}">`).join('\n')}
</head>
<body>
<article>
${notice}${body ?? copy.paragraphs.map((p) => (p === first ? `<h1>${h(paragraphText(first)).replace(/\r\n|\r|\n/gu, '<br>\n')}</h1>` : htmlParagraph(p))).join('\n')}
</article>
</body>
</html>
`;
}

export const RENDERERS: Record<PublishFormat, (copy: LocalizedCopy) => string> = { txt: renderText, md: renderMarkdown, html: renderHtml };
