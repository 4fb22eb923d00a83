// The protected-span check: every inline code of the source must come back exactly once.
import type { Content, InlineCode } from '../model.js';

/** Check an engine's answer against the source's inline codes: drop codes it invented, flag the ones it lost or doubled. */
export function checkCodes(content: Content, codes: readonly InlineCode[]): { content: Content; flags: string[] } {
  const flags: string[] = [];
  const known = new Set(codes.map((c) => c.id));
  const seen = new Map<string, number>();
  const kept: Content = [];
  for (const f of content) {
    if (typeof f !== 'string' && !known.has(f.code)) {
      flags.push(`the engine returned an inline code (${f.code}) that the source does not have; it was removed`);
      continue;
    }
    if (typeof f !== 'string') seen.set(f.code, (seen.get(f.code) ?? 0) + 1);
    kept.push(f);
  }
  for (const code of codes) {
    const count = seen.get(code.id) ?? 0;
    if (count === 0) flags.push(`protected ${code.kind} "${code.text}" is missing from the translation`);
    if (count > 1) flags.push(`protected ${code.kind} "${code.text}" appears ${count} times in the translation`);
  }
  return { content: kept, flags };
}

