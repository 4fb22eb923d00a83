// What XML 1.0 can carry, checked before anything reaches the journal or an XLIFF file: an engine
// answer or an article holding a character XML cannot carry would make a file that no tool, not
// even pereklad, can read back. Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
import type { Content } from '../model.js';

/** The first character XML 1.0 cannot carry, with its offset, or undefined. */
export function firstNonXmlChar(text: string): { offset: number; char: string } | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
      return { offset: i, char: `a lone surrogate U+${c.toString(16).toUpperCase()}` };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { offset: i, char: `a lone surrogate U+${c.toString(16).toUpperCase()}` };
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) {
      return { offset: i, char: `U+${c.toString(16).toUpperCase().padStart(4, '0')}` };
    }
  }
  return undefined;
}

/** Why an engine's answer cannot be stored, or undefined when it can: characters XML cannot carry.
 *  (Inline codes the engine lost, doubled or invented are the MT step's to flag and repair,
 *  src/qa/codes.ts `checkCodes`, keeping the text.) */
export function answerProblem(content: Content): string | undefined {
  for (const f of content) {
    if (typeof f !== 'string') continue;
    const bad = firstNonXmlChar(f);
    if (bad) return `holds ${bad.char}, which XML cannot carry`;
  }
  return undefined;
}
