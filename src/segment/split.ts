// Sentence segmentation: the public entry points.
//
// `sentenceSpans` / `splitSentences` use the built-in Ukrainian rules; `createSegmenter` takes
// any rule set (extended defaults, or one read from an SRX file). Spans are offsets into the
// text, trimmed, in order, and together cover every non-whitespace character, so joining the
// sentences with the whitespace between them gives back the input exactly.

import { indexAbbreviations } from './abbreviation-index.js';
import { findBreaks } from './scanner.js';
import { spansFromBreaks, type SentenceSpan } from './spans.js';
import { compileRules, ruleDecisions, type CompiledRule } from './srx-engine.js';
import { defaultRules, type SegmentationRules } from './rules.js';

export type { SentenceSpan } from './spans.js';
export type { SegmentationRules, SrxRule } from './rules.js';
export { defaultRules, extendRules } from './rules.js';

export interface Segmenter {
  readonly rules: SegmentationRules;
  spans(text: string): SentenceSpan[];
  split(text: string): string[];
}

export function createSegmenter(rules: SegmentationRules): Segmenter {
  const compiled = compileRules(rules.rules);
  const index = rules.builtin ? indexAbbreviations(rules.abbreviations) : undefined;
  const spans = (text: string): SentenceSpan[] => {
    if (text.length === 0) return [];
    const builtin = index !== undefined ? findBreaks(text, index) : [];
    return spansFromBreaks(text, applyRules(text, builtin, compiled));
  };
  return {
    rules,
    spans,
    split: (text) => spans(text).map((s) => text.slice(s.start, s.end)),
  };
}

/** Explicit rules win over the scanner: a matching no-break rule removes a break, a break rule adds one. */
function applyRules(text: string, builtin: number[], rules: CompiledRule[]): number[] {
  if (rules.length === 0) return builtin;
  const decisions = ruleDecisions(text, rules);
  if (decisions.size === 0) return builtin;
  const breaks = new Set(builtin);
  for (const [at, brk] of decisions) {
    if (brk) breaks.add(at);
    else breaks.delete(at);
  }
  return [...breaks].sort((a, b) => a - b);
}

const defaults = new Map<string, Segmenter>();

function defaultSegmenter(lang: string): Segmenter {
  let segmenter = defaults.get(lang);
  if (segmenter === undefined) {
    segmenter = createSegmenter(defaultRules(lang));
    defaults.set(lang, segmenter);
  }
  return segmenter;
}

// A project's rule set is compiled once, not once per paragraph: callers pass the same object for
// a whole job, and a rule set no longer used is collected with its segmenter.
const compiledFor = new WeakMap<SegmentationRules, Segmenter>();

function segmenterFor(rules: SegmentationRules): Segmenter {
  let segmenter = compiledFor.get(rules);
  if (segmenter === undefined) {
    segmenter = createSegmenter(rules);
    compiledFor.set(rules, segmenter);
  }
  return segmenter;
}

export function sentenceSpans(text: string, lang = 'uk', rules?: SegmentationRules): SentenceSpan[] {
  return (rules !== undefined ? segmenterFor(rules) : defaultSegmenter(lang)).spans(text);
}

export function splitSentences(text: string, lang = 'uk', rules?: SegmentationRules): string[] {
  return sentenceSpans(text, lang, rules).map((s) => text.slice(s.start, s.end));
}
