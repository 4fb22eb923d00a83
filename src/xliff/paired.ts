// Paired inline codes in XLIFF: a well-nested pair (both halves in the content, nothing crossing
// it) is one element around its text — 1.2 `<g>`, 2.0 `<pc>` — which CAT tools show as a tag pair
// a translator cannot unbalance; a half without its partner in that content, or a pair that
// crosses another (a translator moved one tag), is two empty elements — 1.2 `<bx>`/`<ex>`, 2.0
// `<sc>`/`<ec>` — so every target stays well-formed XML, and QA reports the damage.
import type { Content, InlineCode, MarkupKind } from '../model.js';
import { isMarkupKind } from '../model.js';
import { escapeText } from './xml.js';

export interface CodeWriters {
  standalone(code: InlineCode): string;
  /** The start of a well-nested pair (`<g …>`), and its end (`</g>`). */
  open(code: InlineCode, close: InlineCode): string;
  close(code: InlineCode, open: InlineCode): string;
  /** A half written on its own (`<bx/>`, `<ex/>`); `partner` when the content has it elsewhere. */
  isolated(code: InlineCode, partner: InlineCode | undefined): string;
}

/** Which paired-code fragments of the content can be written as one element around their text. */
export function wellNested(content: Content, codes: readonly InlineCode[]): Set<string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const matched = new Set<string>();
  const stack: InlineCode[] = [];
  const seen = new Set<string>();
  const doubled = new Set<string>();
  for (const fragment of content) {
    if (typeof fragment === 'string') continue;
    const code = byId.get(fragment.code);
    if (!code || code.role === undefined) continue;
    // A code written twice (a tool doubled a tag) cannot be an element twice: both halves of its
    // pair go isolated, even when a later half would match one of them (taken out at the end).
    if (seen.has(code.id)) { doubled.add(code.id); continue; }
    seen.add(code.id);
    if (code.role === 'open') { stack.push(code); continue; }
    const top = stack[stack.length - 1];
    if (top && top.id === code.pair) {
      stack.pop();
      matched.add(top.id);
      matched.add(code.id);
    } else {
      // Crossing: the open it belongs to (if any) is no longer available for nesting.
      const at = stack.findIndex((c) => c.id === code.pair);
      if (at >= 0) stack.splice(at, 1);
    }
  }
  for (const id of doubled) {
    matched.delete(id);
    const pair = byId.get(id)?.pair;
    if (pair !== undefined) matched.delete(pair);
  }
  return matched;
}

/** The content with each half of a pair kept at its first place only: XLIFF allows one
 *  `<bx>`/`<sc>` per id in a target, so a repeat cannot be written (checkCodes flags it). */
export function withoutRepeatedPairHalves(content: Content, codes: readonly InlineCode[]): Content {
  const paired = new Set(codes.filter((c) => c.role !== undefined).map((c) => c.id));
  const seen = new Set<string>();
  return content.filter((f) => {
    if (typeof f === 'string' || !paired.has(f.code)) return true;
    if (seen.has(f.code)) return false;
    seen.add(f.code);
    return true;
  });
}

/** Content as XML with every code written by the version's writers. */
export function writePairedInline(written: Content, codes: readonly InlineCode[], writers: CodeWriters): string {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const content = withoutRepeatedPairHalves(written, codes);
  const nested = wellNested(content, codes);
  let out = '';
  for (const fragment of content) {
    if (typeof fragment === 'string') { out += escapeText(fragment); continue; }
    const code = byId.get(fragment.code);
    if (!code) continue;
    const partner = code.pair !== undefined ? byId.get(code.pair) : undefined;
    if (code.role === undefined) out += writers.standalone(code);
    else if (nested.has(code.id) && partner) out += code.role === 'open' ? writers.open(code, partner) : writers.close(code, partner);
    else out += writers.isolated(code, partner);
  }
  return out;
}

// XLIFF 1.2 ctype values: paired codes take the "inline delimiters" list, standalone ones the
// "inline placeholders" list; anything else is an `x-` extension value.
const DELIMITER_CTYPE: Partial<Record<MarkupKind, string>> = { bold: 'bold', italic: 'italic', link: 'link' };
const PLACEHOLDER_CTYPE: Partial<Record<MarkupKind, string>> = { image: 'image', break: 'lb' };

export function ctypeOf(code: InlineCode): string {
  if (isMarkupKind(code.kind)) {
    const standard = code.role !== undefined ? DELIMITER_CTYPE[code.kind] : PLACEHOLDER_CTYPE[code.kind];
    if (standard) return standard;
  }
  return `x-${code.kind}`;
}

/** ctype / subType back to a kind: the standard values first, then pereklad's own. */
export function kindFromStandardType(name: string | undefined): string | undefined {
  switch (name) {
    case 'bold': case 'italic': case 'link': case 'image': return name;
    case 'lb': return 'break';
    default: return undefined;
  }
}

/** XLIFF 2.0 `type` for a code: the core's categories. */
export function type20(code: InlineCode): string {
  if (!isMarkupKind(code.kind)) return 'other';
  if (code.kind === 'link') return 'link';
  if (code.kind === 'image') return 'image';
  return 'fmt';
}
