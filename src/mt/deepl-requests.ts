// Packing paragraph units into as few DeepL requests as the 128 KiB body limit allows, each request
// with the one `context` value it can carry: the headlines of the articles it holds, and the full
// text of any paragraph that is only partly sent. Sizes are counted exactly as deepl-node sends
// them (application/x-www-form-urlencoded via URLSearchParams: a Cyrillic letter is 6 bytes).
import type { ParagraphUnit } from './paragraphs.js';

/** DeepL answers 413 above this request body size. */
export const DEEPL_MAX_BODY_BYTES = 128 * 1024;

/** Room kept for parameters deepl-node may add that are not modelled here. */
const SAFETY_BYTES = 256;

/** Bytes of a value as URLSearchParams encodes it (the result is ASCII, so length = bytes). */
export function encodedLength(value: string): number {
  return new URLSearchParams([['', value]]).toString().length - 1;
}

/** Bytes of one `&name=value` parameter. */
export function formBytes(name: string, value: string): number {
  return 2 + name.length + encodedLength(value);
}

/** The parameters every translate request of pereklad's DeepL engine carries, with their bytes. */
export function deeplFixedBytes(targetLang: string, own: { formality?: string; modelType?: string } = {}, glossaryId?: string): number {
  return fixedBodyBytes({
    source_lang: 'uk', target_lang: targetLang, show_billed_characters: '1', split_sentences: '0', tag_handling: 'xml',
    formality: own.formality, model_type: own.modelType, glossary_id: glossaryId,
  });
}

/** Body bytes of the parameters every request of a job carries (languages, options). */
export function fixedBodyBytes(params: Record<string, string | undefined>): number {
  let n = 0;
  for (const [name, value] of Object.entries(params)) if (value !== undefined) n += formBytes(name, value);
  return n + SAFETY_BYTES;
}

export interface PlannedRequest {
  /** Indexes into the unit list. */
  units: number[];
  /** The `context` value, '' for none. */
  context: string;
}

export interface PlanOptions {
  fixedBytes: number;
  maxBodyBytes?: number;
  /** Send headlines and partial paragraphs as `context` (default true). */
  context?: boolean;
}

const CONTEXT_SEPARATOR = '\n\n';

/** The context pieces a unit brings: its article's headline (once per request) and, when only part
 *  of its paragraph is sent, the whole paragraph. */
function contextPieces(unit: ParagraphUnit): string[] {
  const pieces: string[] = [];
  if (unit.headline) pieces.push(unit.headline);
  if (unit.missingContext) pieces.push(unit.missingContext);
  return pieces;
}

/**
 * Next-fit packing in article order: units of one article stay together as far as they fit, so a
 * request's context serves the texts it carries. A unit larger than a request on its own still
 * goes alone (DeepL will refuse it, which is reported; a paragraph is never split here).
 */
export function planRequests(units: readonly ParagraphUnit[], options: PlanOptions): PlannedRequest[] {
  const limit = (options.maxBodyBytes ?? DEEPL_MAX_BODY_BYTES) - options.fixedBytes;
  const withContext = options.context !== false;
  const requests: PlannedRequest[] = [];
  // Encoding is per character, so the context's size is the sum of its pieces' and separators':
  // kept as a running total instead of re-encoding the growing context for every unit.
  const separatorBytes = encodedLength(CONTEXT_SEPARATOR);
  const pieceBytes = new Map<string, number>();
  const sizeOf = (piece: string): number => {
    let n = pieceBytes.get(piece);
    if (n === undefined) pieceBytes.set(piece, (n = encodedLength(piece)));
    return n;
  };
  const contextParamBytes = formBytes('context', '');
  let current: { units: number[]; pieces: string[]; seen: Set<string>; bytes: number; contextBytes: number } | undefined;
  const withPieces = (count: number, encoded: number): number => (count === 0 ? 0 : contextParamBytes + encoded + separatorBytes * (count - 1));
  const flush = (): void => {
    if (current) requests.push({ units: current.units, context: current.pieces.join(CONTEXT_SEPARATOR) });
    current = undefined;
  };
  units.forEach((unit, index) => {
    const textBytes = formBytes('text', unit.xml);
    const add = [...new Set(withContext ? contextPieces(unit) : [])];
    if (current) {
      const fresh = add.filter((p) => !current!.seen.has(p));
      const contextBytes = current.contextBytes + fresh.reduce((n, p) => n + sizeOf(p), 0);
      const bytes = current.bytes + textBytes;
      if (bytes + withPieces(current.pieces.length + fresh.length, contextBytes) <= limit) {
        current.units.push(index);
        for (const p of fresh) current.seen.add(p);
        current.pieces.push(...fresh);
        current.bytes = bytes;
        current.contextBytes = contextBytes;
        return;
      }
      flush();
    }
    current = { units: [index], pieces: add, seen: new Set(add), bytes: textBytes, contextBytes: add.reduce((n, p) => n + sizeOf(p), 0) };
  });
  flush();
  return requests;
}

/** The fewest requests any packing could reach for these units: all their text bytes, plus each
 *  article's context once, divided by what one request may carry. */
export function minimumRequests(units: readonly ParagraphUnit[], options: PlanOptions): number {
  if (units.length === 0) return 0;
  const limit = (options.maxBodyBytes ?? DEEPL_MAX_BODY_BYTES) - options.fixedBytes;
  let bytes = 0;
  const seen = new Set<string>();
  for (const unit of units) {
    bytes += formBytes('text', unit.xml);
    if (options.context === false) continue;
    for (const piece of contextPieces(unit)) {
      if (seen.has(piece)) continue;
      seen.add(piece);
      // Pieces join into one value: a separator each, and `&context=` once.
      bytes += encodedLength(piece) + encodedLength(CONTEXT_SEPARATOR);
    }
  }
  if (seen.size > 0) bytes += formBytes('context', '');
  return Math.ceil(bytes / limit);
}
