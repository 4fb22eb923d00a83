// The format layer's one interface: every article format (plain text, Markdown, HTML, and any a
// later module registers) is a reader that turns a file into the one model — blocks with kinds,
// sentences with inline codes for markup — and a writer that puts a translation back into the
// source's own syntax. The rest of the pipeline never asks which format a segment came from.
//
// Byte-exactness is a property of the model, not of each writer: a reader keeps every character
// that is not translatable text in the blocks' `before`/the article's `trailing`, and every markup
// character inside a sentence as an inline code holding its exact source text, so that the
// identity reassembly (`articleSourceText`) gives the file back byte for byte in every format.
import type { Article, Block, InlineCode } from '../model.js';
import type { SegmentationRules } from '../segment/split.js';
import type { ReaderText } from './visible.js';

/** Per-project format options (`formats` in pereklad.config.json, src/formats/config.ts). */
export interface FormatsConfig {
  /** Extension (with its dot, lower case) → format name, beyond or instead of the built-in ones. */
  extensions: Record<string, string>;
  /** Top-level YAML front-matter keys whose string values are translated. */
  frontMatterFields: string[];
}

export const DEFAULT_FORMATS_CONFIG: FormatsConfig = {
  extensions: {},
  frontMatterFields: ['title', 'description', 'summary'],
};

export interface ReadContext {
  /** Article id and path under the source folder. */
  id: string;
  path: string;
  sourceLang: string;
  /** The project's segmentation rules for the source language (default: built-in). */
  rules?: SegmentationRules;
  config: FormatsConfig;
}

/** Where a translated run is written: syntax that is read only at the start of a line (Markdown's
 *  `#`, `-`, `1.`) must be escaped there. */
export interface RunPlace {
  /** Nothing but a line break and container markers (`>`, blanks) stands before it on its line,
   *  or it is the first thing in its block. */
  lineStart: boolean;
}

export interface ArticleFormat {
  /** `text`, `markdown`, `html`, … : the value of `metadata.format` and of config overrides. */
  readonly name: string;
  /** Extensions read by default, with the dot, lower case. */
  readonly extensions: readonly string[];
  read(text: string, context: ReadContext): Article;
  /** A run of translated text (never a source run) as this format must write it to read it back
   *  as the same text: Markdown escapes its syntax characters, HTML its `<` and `&`. */
  escapeText(text: string, block: Block, place: RunPlace): string;
  /** A code's text where a translation put a new text run right after it, for syntax whose
   *  meaning the following characters change (a GFM bare URL grows over them). Its own text when absent. */
  codeBeforeRun?(code: InlineCode, run: string): string;
  /** A whole block's translated text, after escaping, for syntax that escaping per run cannot
   *  fix (a YAML plain scalar that needs quotes). Identity when absent. */
  finishBlock?(text: string, block: Block, sourceText: string): string;
  /** The translated document as a whole, for the target language (HTML sets `lang` and `dir`). */
  finishDocument?(text: string, targetLang: string): string;
  /** What a reader sees of this format's syntax, for plain-text copies. Absent: the format has
   *  none (plain text), its text is shown as it stands. */
  readonly readerText?: ReaderText;
}
