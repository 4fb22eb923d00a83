// Placeholder splitter; replaced by the rule-based Ukrainian segmenter.
export interface SentenceSpan { start: number; end: number }

export function sentenceSpans(text: string, _lang = 'uk'): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const re = /\S[\s\S]*?(?:[.!?…]+["»”]?(?=\s+[«"„A-ZА-ЯІЇЄҐ])|$)/gu;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const trimmed = raw.trimEnd();
    if (trimmed) spans.push({ start: m.index, end: m.index + trimmed.length });
  }
  return spans;
}

export function splitSentences(text: string, lang = 'uk'): string[] {
  return sentenceSpans(text, lang).map((s) => text.slice(s.start, s.end));
}
