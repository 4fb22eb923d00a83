// Paired-code checks for Markdown and HTML articles: each pair of the source (`**…**`,
// `<a …>…</a>`) must come back balanced, open before close, and not crossing another pair —
// what a CAT tool or an engine can break while every tag is still "there". A lost or doubled
// half is already a codes finding; these are the damages that counting cannot see.
import type { Content, InlineCode } from '../model.js';

function describe(code: InlineCode): string {
  return `${code.kind} tag "${code.text}"`;
}

export function pairedCodeMessages(content: Content, codes: readonly InlineCode[]): string[] {
  const position = new Map<string, number[]>();
  content.forEach((f, k) => { if (typeof f !== 'string') position.set(f.code, [...(position.get(f.code) ?? []), k]); });
  const messages: string[] = [];
  const pairs: Array<[number, number, InlineCode]> = [];
  for (const open of codes) {
    // Generic `markup` pairs (i18next's `<0>…</0>`, HTML spans) are judged by the i18next QA's tag
    // order check where they come from a namespace; the article formats' named kinds are judged here.
    if (open.role !== 'open' || open.pair === undefined || open.kind === 'markup') continue;
    const close = codes.find((c) => c.id === open.pair);
    if (!close) continue;
    const o = position.get(open.id) ?? [];
    const c = position.get(close.id) ?? [];
    if (o.length !== 1 || c.length !== 1) {
      // Exactly one half present: the pair is unbalanced (both missing is the codes check's).
      if (o.length === 1 && c.length === 0) messages.push(`the ${describe(open)} is not closed in the translation (its "${close.text}" is missing)`);
      if (c.length === 1 && o.length === 0) messages.push(`the ${describe(close)} closes nothing in the translation (its "${open.text}" is missing)`);
      continue;
    }
    if (c[0]! < o[0]!) { messages.push(`the ${describe(open)} comes after its closing "${close.text}" in the translation`); continue; }
    pairs.push([o[0]!, c[0]!, open]);
  }
  for (const [s1, e1, a] of pairs) {
    for (const [s2, e2, b] of pairs) {
      if (s1 < s2 && s2 < e1 && e1 < e2) messages.push(`the ${describe(a)} and the ${describe(b)} overlap in the translation (one must close inside the other)`);
    }
  }
  return messages;
}
