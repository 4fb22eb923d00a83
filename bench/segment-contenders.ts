// The segmenters the benchmark compares, each behind one signature: text in, sentence spans out.

import sbd from 'sbd';
import { locate, type Span } from '../src/segment/evaluate.js';
import { spansFromBreaks } from '../src/segment/spans.js';
import { createSegmenter, defaultRules, sentenceSpans } from '../src/segment/split.js';
import { rulesToSrx, srxToRules } from '../src/segment/srx.js';

export interface Contender {
  name: string;
  note: string;
  spans: (text: string) => Span[];
}

function trimmedSegments(text: string, segments: Iterable<{ index: number; segment: string }>): Span[] {
  const breaks: number[] = [];
  for (const s of segments) if (s.index > 0) breaks.push(s.index);
  return spansFromBreaks(text, breaks);
}

const intl = new Intl.Segmenter('uk', { granularity: 'sentence' });
const naive = /[.!?…]+["»”)]*(?=\s)/gu;
const srxSegmenter = createSegmenter(srxToRules(rulesToSrx(defaultRules('uk')), 'uk'));

export const contenders: Contender[] = [
  { name: 'pereklad', note: 'built-in scanner (src/segment)', spans: (t) => sentenceSpans(t) },
  { name: 'pereklad SRX', note: 'its rules exported to SRX 2.0, imported, run on the generic SRX engine', spans: (t) => srxSegmenter.spans(t) },
  { name: 'Intl.Segmenter', note: `ICU via Node ${process.versions.icu ?? ''}, locale uk`, spans: (t) => trimmedSegments(t, intl.segment(t)) },
  {
    name: 'naive regex',
    note: 'break after [.!?…]+ and closing quotes before whitespace',
    spans: (t) => spansFromBreaks(t, [...t.matchAll(naive)].map((m) => m.index + m[0].length)),
  },
  {
    name: 'sbd 1.0.19',
    note: 'npm sbd, default options (English abbreviations)',
    spans: (t) => locate(t, sbd.sentences(t, { newline_boundaries: true })),
  },
];
