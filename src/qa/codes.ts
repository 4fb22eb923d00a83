// The protected-span checks: every inline code of the source must come back exactly once
// (pofilter's urls/variables/xmltags), and no link, @handle or #hashtag may appear in a target as
// plain text where it should be an inline code.
import { qaText, type QaText } from './messages.js';
import type { Content, InlineCode } from '../model.js';
import { findProtectedSpans } from '../protect/protect.js';
import { formatFlag, type QaFinding } from './findings.js';
import type { SegmentView } from './view.js';
import { pairedCodeMessages } from './paired.js';
import { withoutRepeatedPairHalves } from '../xliff/paired.js';

function codeCountMessages(content: Content, codes: readonly InlineCode[]): QaText[] {
  const seen = new Map<string, number>();
  for (const f of content) if (typeof f !== 'string') seen.set(f.code, (seen.get(f.code) ?? 0) + 1);
  const messages: QaText[] = [];
  for (const code of codes) {
    const count = seen.get(code.id) ?? 0;
    // Tags of markup formats keep their own (English) wording; protected spans are localised.
    if (code.role !== undefined && code.kind !== 'markup') {
      if (count === 0) messages.push({ message: `${code.kind} tag "${code.text}" is missing from the translation`, key: '', params: {} });
      if (count > 1) messages.push({ message: `${code.kind} tag "${code.text}" appears ${count} times in the translation`, key: '', params: {} });
      continue;
    }
    if (count === 0) messages.push(qaText('codes.missing', { kind: code.kind, text: code.text }));
    if (count > 1) messages.push(qaText('codes.doubled', { kind: code.kind, text: code.text, count }));
  }
  return messages;
}

/** Check an engine's answer against the source's inline codes: drop codes it invented, flag the ones it lost or doubled.
 *  The lost/doubled flags are QA flags, so a later QA run (after review) replaces them. */
export function checkCodes(content: Content, codes: readonly InlineCode[]): { content: Content; flags: string[] } {
  const flags: string[] = [];
  const known = new Set(codes.map((c) => c.id));
  const kept: Content = [];
  for (const f of content) {
    if (typeof f !== 'string' && !known.has(f.code)) {
      flags.push(`the engine returned an inline code (${f.code}) that the source does not have; it was removed`);
      continue;
    }
    kept.push(f);
  }
  // A tag of a pair the engine wrote twice cannot be stored (one per id in XLIFF): the first stays.
  const once = withoutRepeatedPairHalves(kept, codes);
  if (once.length !== kept.length) {
    const times = (id: string): number => kept.filter((f) => typeof f !== 'string' && f.code === id).length;
    for (const code of codes) if (times(code.id) > 1) flags.push(`the engine returned the ${code.kind} tag "${code.text}" more than once; the repeat was removed`);
  }
  for (const { message } of codeCountMessages(once, codes)) flags.push(formatFlag({ check: 'codes', severity: 'error', message }));
  for (const message of pairedCodeMessages(once, codes)) flags.push(formatFlag({ check: 'xmltags', severity: 'error', message }));
  return { content: once, flags };
}

export function checkProtectedSpans(view: SegmentView): QaFinding[] {
  const findings: QaFinding[] = codeCountMessages(view.target, view.segment.codes)
    .map((text) => ({ segmentId: view.segment.id, check: 'codes', severity: 'error', ...text }));
  for (const message of pairedCodeMessages(view.target, view.segment.codes)) findings.push({ segmentId: view.segment.id, check: 'xmltags', severity: 'error', message });
  const sourcePlain = new Set(findProtectedSpans(view.sourcePlain).map((s) => view.sourcePlain.slice(s.start, s.end)));
  for (const span of findProtectedSpans(view.targetPlain)) {
    const text = view.targetPlain.slice(span.start, span.end);
    if (sourcePlain.has(text)) continue;
    findings.push({
      segmentId: view.segment.id, check: 'urls', severity: 'warning',
      ...qaText('urls.plain', { kind: span.kind, text }),
    });
  }
  return findings;
}
