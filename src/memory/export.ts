// Which memory entries a TMX export holds: one per language, source and translation (the best
// state wins when several files hold the same pair), pseudo text never, in a stable order so
// that exporting the same memory twice gives the same file.
import { exactText, trustRank, type TmEntry } from './tm.js';

export function exportableEntries(entries: readonly TmEntry[], langs?: readonly string[]): TmEntry[] {
  const best = new Map<string, TmEntry>();
  for (const entry of entries) {
    if (entry.provenance?.engine === 'pseudo') continue;
    if (langs && !langs.includes(entry.lang)) continue;
    const key = [entry.lang, exactText(entry.source, entry.codes), exactText(entry.target, entry.codes)].join('\u0000');
    const held = best.get(key);
    if (!held || trustRank(entry) > trustRank(held)) best.set(key, entry);
  }
  return [...best.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}
