// Boundary metrics for sentence segmentation against gold paragraphs (pure functions; the
// benchmark and the quality test read the data and call these).
//
// A boundary is the offset where a sentence other than a paragraph's first one starts, after
// skipping whitespace. Measuring at the next sentence's first character makes the score blind
// to where a tool puts the whitespace between sentences, and the paragraph end is never counted.

import { PerekladError } from '../errors.js';

export interface GoldParagraph {
  id: string;
  text: string;
  sentences: string[];
}

export class GoldDataError extends PerekladError {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
  }
}

/** Reads the JSONL gold format (one paragraph per line; see ../shared/data/README.md). */
export function parseGold(content: string, file = '<gold>'): GoldParagraph[] {
  const paragraphs: GoldParagraph[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new GoldDataError(file, index + 1, `not JSON (${(e as Error).message})`);
    }
    if (!isGoldParagraph(value)) throw new GoldDataError(file, index + 1, 'expected {id, text, sentences[]}');
    paragraphs.push({ id: value.id, text: value.text, sentences: value.sentences });
  });
  return paragraphs;
}

function isGoldParagraph(value: unknown): value is GoldParagraph {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.text === 'string' && Array.isArray(v.sentences) &&
    v.sentences.every((s) => typeof s === 'string');
}

export interface Span {
  start: number;
  end: number;
}

/** Locates `pieces` (sentences as strings) in `text` in order; pieces not found are skipped. */
export function locate(text: string, pieces: readonly string[]): Span[] {
  const spans: Span[] = [];
  let cursor = 0;
  for (const piece of pieces) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    const at = text.indexOf(trimmed, cursor);
    if (at < 0) continue;
    spans.push({ start: at, end: at + trimmed.length });
    cursor = at + trimmed.length;
  }
  return spans;
}

/** Boundary offsets of a segmentation: the start of every span but the first. */
export function boundaries(text: string, spans: readonly Span[]): Set<number> {
  const result = new Set<number>();
  spans.forEach((span, k) => {
    if (k === 0) return;
    let s = span.start;
    while (s < span.end && /\s/u.test(text[s] ?? '')) s++;
    result.add(s);
  });
  return result;
}

export function goldBoundaries(paragraph: GoldParagraph): Set<number> {
  return boundaries(paragraph.text, locate(paragraph.text, paragraph.sentences));
}

export interface BoundaryCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function compareBoundaries(gold: ReadonlySet<number>, predicted: ReadonlySet<number>): BoundaryCounts {
  let truePositives = 0;
  for (const b of predicted) if (gold.has(b)) truePositives++;
  return {
    truePositives,
    falsePositives: predicted.size - truePositives,
    falseNegatives: gold.size - truePositives,
  };
}

export interface Scores extends BoundaryCounts {
  precision: number;
  recall: number;
  f1: number;
  paragraphs: number;
  paragraphsCorrect: number;
  /** Share of paragraphs whose boundaries are all right (and none extra). */
  paragraphAccuracy: number;
}

export interface ParagraphResult {
  gold: ReadonlySet<number>;
  predicted: ReadonlySet<number>;
}

export function score(results: readonly ParagraphResult[]): Scores {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let paragraphsCorrect = 0;
  for (const r of results) {
    const c = compareBoundaries(r.gold, r.predicted);
    truePositives += c.truePositives;
    falsePositives += c.falsePositives;
    falseNegatives += c.falseNegatives;
    if (c.falsePositives === 0 && c.falseNegatives === 0) paragraphsCorrect++;
  }
  // No boundaries to find and none found is a perfect score, not 0/0.
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    precision,
    recall,
    f1,
    paragraphs: results.length,
    paragraphsCorrect,
    paragraphAccuracy: results.length === 0 ? 1 : paragraphsCorrect / results.length,
  };
}

/** Segments every paragraph with `segment` (which returns spans) and scores the result. */
export function evaluate(
  paragraphs: readonly GoldParagraph[],
  segment: (text: string) => readonly Span[],
): Scores {
  return score(
    paragraphs.map((p) => ({ gold: goldBoundaries(p), predicted: boundaries(p.text, segment(p.text)) })),
  );
}
