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
  let current: { units: number[]; pieces: string[]; seen: Set<string>; bytes: number } | undefined;
  const contextBytes = (pieces: string[]): number => (pieces.length === 0 ? 0 : formBytes('context', pieces.join(CONTEXT_SEPARATOR)));
  const flush = (): void => {
    if (current) requests.push({ units: current.units, context: current.pieces.join(CONTEXT_SEPARATOR) });
    current = undefined;
  };
  units.forEach((unit, index) => {
    const textBytes = formBytes('text', unit.xml);
    const add = withContext ? contextPieces(unit) : [];
    if (current) {
      const pieces = [...current.pieces, ...add.filter((p) => !current!.seen.has(p))];
      const bytes = current.bytes + textBytes;
      if (bytes + contextBytes(pieces) <= limit) {
        current.units.push(index);
        for (const p of add) current.seen.add(p);
        current.pieces = pieces;
        current.bytes = bytes;
        return;
      }
      flush();
    }
    const pieces = [...new Set(add)];
    current = { units: [index], pieces, seen: new Set(pieces), bytes: textBytes };
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
