// What a target says about where its text came from beyond its own provenance: the machine
// translation a reviewer edited (`mtOriginal`) and translation-memory matches (`matches`).
import type { InlineCode, TargetSegment, TmMatch } from '../model.js';
import { contentText } from '../model.js';

/** The machine translation a person changed, when the target keeps it and it differs from the
 *  current text; undefined when the target is itself the MT output or nothing was kept. */
export function editedMachineText(target: TargetSegment | undefined, codes: readonly InlineCode[]): { text: string; engine?: string } | undefined {
  if (!target?.content || !target.mtOriginal) return undefined;
  const text = contentText(target.mtOriginal.content, codes);
  if (text === contentText(target.content, codes)) return undefined;
  return { text, ...(target.mtOriginal.engine !== undefined ? { engine: target.mtOriginal.engine } : {}) };
}

/** The best translation-memory match offered for the target (highest quality first). */
export function bestMemoryMatch(target: TargetSegment | undefined): TmMatch | undefined {
  return [...(target?.matches ?? [])].sort((a, b) => b.quality - a.quality)[0];
}
