// Plain text articles: paragraphs separated by blank lines, the newsroom's `date …` marker first.
// The parser itself lives in src/source/parse.ts (the library's `parseArticle`); this is it
// behind the format interface. Text has no syntax, so a translation is written as it is.
import { parseArticle } from '../source/parse.js';
import type { ArticleFormat } from './format.js';

export const textFormat: ArticleFormat = {
  name: 'text',
  extensions: ['.txt'],
  read: (text, context) => parseArticle(text, context.id, context.path, context.sourceLang, context.rules),
  escapeText: (text) => text,
};
