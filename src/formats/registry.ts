// Which format reads a file: by extension, with the project's overrides (`formats.extensions` in
// pereklad.config.json) first. Other modules add formats with `registerFormat`.
import path from 'node:path';
import type { Article } from '../model.js';
import { BadInputError } from '../errors.js';
import { OverlapError } from './builder.js';
import type { SegmentationRules } from '../segment/split.js';
import { DEFAULT_FORMATS_CONFIG, type ArticleFormat, type FormatsConfig } from './format.js';
import { textFormat } from './text.js';
import { markdownFormat } from './markdown.js';
import { htmlFormat } from './html.js';

const formats = new Map<string, ArticleFormat>();

export function registerFormat(format: ArticleFormat): void {
  formats.set(format.name, format);
}

[textFormat, markdownFormat, htmlFormat].forEach(registerFormat);

export function formatNames(): string[] {
  return [...formats.keys()];
}

export function formatByName(name: string | undefined): ArticleFormat | undefined {
  return formats.get(name ?? 'text');
}

/** The format that reads `file`, or undefined for a file of no supported format. */
export function formatForPath(file: string, config: FormatsConfig = DEFAULT_FORMATS_CONFIG): ArticleFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  const chosen = config.extensions[ext];
  if (chosen !== undefined) return formats.get(chosen);
  for (const format of formats.values()) if (format.extensions.includes(ext)) return format;
  return undefined;
}

/** The format an article was read with (its metadata names it; plain text when it does not). */
export function formatOf(article: Article): ArticleFormat {
  return formatByName(article.metadata.format) ?? textFormat;
}

export interface ReadArticleOptions {
  /** The file as the user names it (from the working folder), for errors; default `file`. */
  display?: string;
  sourceLang?: string;
  rules?: SegmentationRules;
  config?: FormatsConfig;
}

/** Read a source file's text into the model with the format its path (and the config) selects. */
export function readArticle(text: string, id: string, file: string, options: ReadArticleOptions = {}): Article {
  const config = options.config ?? DEFAULT_FORMATS_CONFIG;
  const format = formatForPath(file, config);
  if (!format) throw new BadInputError(file, `unsupported format (${path.extname(file) || 'no extension'}); pereklad reads ${[...formats.values()].flatMap((f) => f.extensions).join(', ')}`);
  try {
    return format.read(text, { id, path: file, sourceLang: options.sourceLang ?? 'uk', ...(options.rules ? { rules: options.rules } : {}), config });
  } catch (err) {
    const display = options.display ?? file;
    // A format names the article by its path under the source folder; errors name it as the user does.
    if (err instanceof BadInputError && err.file === file) throw new BadInputError(display, err.problem, err.line, err.column);
    if (!(err instanceof OverlapError)) throw err;
    // One article's markup, one line naming it: the other articles are still done.
    const before = text.slice(0, err.at);
    const line = before.split('\n').length;
    throw new BadInputError(display, `an inline tag here is left open or closed out of order, which the ${format.name} parser repairs by repeating the tag, so its text has no one place in the source; close the tag where its text ends`, line, err.at - before.lastIndexOf('\n'));
  }
}
