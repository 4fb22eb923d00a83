// Published copies per format, from the translated model. A copy in the article's own format is
// the source document with the translation put in (src/formats/write.ts): the published Markdown
// parses to the same tree as the source, the published HTML is the source page with its text
// translated and `lang`/`dir` set. Markdown published as HTML is rendered by micromark (the
// CommonMark reference parser's compiler) into the copy's page; every other pairing is the plain
// copy of src/publish/formats.ts, which shows markup codes as the text they stand for.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { frontmatter, frontmatterHtml } from 'micromark-extension-frontmatter';
import type { TranslatedArticle } from '../model.js';
import { formatOf } from '../formats/registry.js';
import { writeTranslated } from '../formats/write.js';
import type { LocalizedCopy } from './copy.js';
import type { PublishFormat } from './config.js';
import { MACHINE_NOTICE_HTML, MACHINE_NOTICE_MD, RENDERERS, renderHtml } from './formats.js';

/** The format name (src/formats/) a publish format writes in its own syntax. */
const OWN: Partial<Record<PublishFormat, string>> = { md: 'markdown', html: 'html' };

function translatedDocument(doc: TranslatedArticle): string {
  return writeTranslated(doc.article, (segment) => doc.targets.get(segment.id)?.content, doc.targetLang).text;
}

// YAML front matter as micromark-extension-frontmatter reads it: first thing in the file.
const FRONT_MATTER = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/u;

/** The source document with the translation put in, and the machine-translation notice where a
 *  reader sees it first (after the front matter; at the top of <body>) when it holds MT. */
function ownFormatCopy(format: PublishFormat, doc: TranslatedArticle, copy: LocalizedCopy): string {
  const text = translatedDocument(doc);
  if (!copy.meta.provenance.machineTranslated) return text;
  if (format === 'md') {
    const matter = FRONT_MATTER.exec(text)?.[0] ?? '';
    return `${matter}${matter !== '' && !matter.endsWith('\n') ? '\n' : ''}${MACHINE_NOTICE_MD}${text.slice(matter.length)}`;
  }
  // A page without <body> (a fragment, as CMS exports often are) gets it first.
  const body = /<body\b[^>]*>\r?\n?/iu.exec(text);
  const at = body ? body.index + body[0].length : 0;
  return `${text.slice(0, at)}${MACHINE_NOTICE_HTML}${text.slice(at)}`;
}

export function renderPublished(format: PublishFormat, doc: TranslatedArticle, copy: LocalizedCopy): string {
  const source = formatOf(doc.article).name;
  if (OWN[format] === source) return ownFormatCopy(format, doc, copy);
  if (source === 'markdown' && format === 'html') {
    // The source's own HTML blocks are the newsroom's markup, published as they are.
    const body = micromark(translatedDocument(doc), { allowDangerousHtml: true, extensions: [gfm(), frontmatter()], htmlExtensions: [gfmHtml(), frontmatterHtml()] });
    return renderHtml(copy, body);
  }
  return RENDERERS[format](copy);
}
