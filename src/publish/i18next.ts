// i18next resources: one JSON file per language and namespace, `locales/<lang>/<namespace>.json`,
// in i18next's JSON v4 format, keyed by article id and segment id. A target language holds only
// the sentences that passed the publish gate; the source language holds every sentence, so a
// site that sets `fallbackLng: 'uk'` shows the original wherever a translation is not published.
import type { TranslatedArticle } from '../model.js';
import { contentText, isKept } from '../model.js';
import type { PublishConfig } from './config.js';

/** segment id → text, per article id, in article order. */
export type ArticleStrings = Map<string, Map<string, string>>;

/** The sentences of an article in the source language (foreign quotes as they stand). */
export function sourceStrings(doc: TranslatedArticle): Map<string, string> {
  const strings = new Map<string, string>();
  for (const block of doc.article.blocks) for (const segment of block.segments) strings.set(segment.id, segment.text);
  return strings;
}

/** How much of an article goes into a target resource together: a site falls back to the source
 *  language key by key, so a paragraph with one unpublished sentence would read half in each
 *  language. `paragraph` (default) publishes a paragraph only when all its sentences pass,
 *  `article` only a whole article, `sentence` each sentence that passes. */
export type ResourceGate = 'sentence' | 'paragraph' | 'article';
export const RESOURCE_GATES: readonly ResourceGate[] = ['sentence', 'paragraph', 'article'];

/** The sentences that may go into a resource: those that passed, in whole paragraphs or articles. */
export function gatedSentences(doc: TranslatedArticle, publishable: ReadonlySet<string>, gate: ResourceGate): Set<string> {
  if (gate === 'sentence') return new Set(publishable);
  const all = doc.article.blocks.flatMap((b) => b.segments.map((s) => s.id));
  if (gate === 'article') return all.every((id) => publishable.has(id)) ? new Set(all) : new Set();
  return new Set(doc.article.blocks.filter((b) => b.segments.every((s) => publishable.has(s.id))).flatMap((b) => b.segments.map((s) => s.id)));
}

/** The published sentences of an article in its target language. */
export function targetStrings(doc: TranslatedArticle, publishable: ReadonlySet<string>, gate: ResourceGate = 'paragraph'): Map<string, string> {
  const strings = new Map<string, string>();
  const passed = gatedSentences(doc, publishable, gate);
  for (const block of doc.article.blocks) {
    // A foreign quote reads the same in every language; alone it would only say the article exists.
    if (isKept(block.kind) && gate !== 'sentence' && !doc.article.blocks.some((b) => !isKept(b.kind) && b.segments.some((s) => passed.has(s.id)))) continue;
    for (const segment of block.segments) {
      if (!passed.has(segment.id)) continue;
      const target = doc.targets.get(segment.id);
      strings.set(segment.id, isKept(block.kind) || !target?.content ? segment.text : contentText(target.content, segment.codes));
    }
  }
  return strings;
}

/** The resource object for i18next: nested `{ article: { segment: text } }` or flat `{ "article.segment": text }`. */
export function resourceObject(articles: ArticleStrings, keys: PublishConfig['i18next']['keys']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [articleId, strings] of [...articles].sort(([a], [b]) => resourceOrder(a, b))) {
    if (strings.size === 0) continue;
    if (keys === 'flat') for (const [segmentId, text] of strings) out[`${articleId}.${segmentId}`] = text;
    else out[articleId] = Object.fromEntries(strings);
  }
  return out;
}

export function resourceJson(articles: ArticleStrings, keys: PublishConfig['i18next']['keys']): string {
  return `${JSON.stringify(resourceObject(articles, keys), null, 2)}\n`;
}

/** Whether JavaScript orders `key` among an object's integer keys (before every other key, in
 *  numeric order), as `JSON.stringify` of `resourceObject` then writes it. */
const integerKey = (key: string): boolean => /^(0|[1-9]\d*)$/u.test(key) && Number(key) < 2 ** 32 - 1;

/** The order of article ids in a resource (`resourceObject`'s, integer-like ids first as an object
 *  puts them), for giving `ResourceWriter` its articles one at a time. */
export function resourceOrder(a: string, b: string): number {
  const ia = integerKey(a);
  const ib = integerKey(b);
  if (ia || ib) return ia && ib ? Number(a) - Number(b) : ia ? -1 : 1;
  return a.localeCompare(b);
}

/** `resourceJson`'s text, byte for byte, written an article at a time (the source-language resource
 *  of 50,000 articles is some 180 MB of JSON: never one string). Articles come in `resourceOrder`.
 *  Hand-written rather than a streaming JSON library: the output must equal `JSON.stringify`'s, as
 *  the file a site already has compares equal and is not rewritten. */
export class ResourceWriter {
  private last: string | undefined;
  private any = false;

  constructor(private readonly keys: PublishConfig['i18next']['keys'], private readonly out: (text: string) => void) {}

  add(articleId: string, strings: ReadonlyMap<string, string>): void {
    if (this.last !== undefined && resourceOrder(this.last, articleId) >= 0) throw new Error(`resource articles out of order: ${this.last}, then ${articleId}`);
    this.last = articleId;
    if (strings.size === 0) return;
    if (this.keys === 'flat') {
      for (const [segmentId, text] of strings) this.entry(`${articleId}.${segmentId}`, JSON.stringify(text));
    } else {
      this.entry(articleId, JSON.stringify(Object.fromEntries(strings), null, 2).replaceAll('\n', '\n  '));
    }
  }

  private entry(key: string, value: string): void {
    this.out(`${this.any ? ',\n' : '{\n'}  ${JSON.stringify(key)}: ${value}`);
    this.any = true;
  }

  end(): void {
    this.out(this.any ? '\n}\n' : '{}\n');
  }
}
