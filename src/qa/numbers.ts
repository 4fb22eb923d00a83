// Numbers and dates must survive translation (pofilter's numbers check): every number of the
// source appears in the target and no other number is added; a month named in the source is the
// month the target names.
import { qaText } from './messages.js';
import type { QaFinding } from './findings.js';
import { baseLanguage } from '../model.js';
import type { SegmentView } from './view.js';

// Digits with the group and decimal separators both languages use (1 000, 1,000, 3,5, 3.5).
const NUMBER = /\d+(?:[.,\u00A0\u202F ]\d+)*/gu;

/** Numbers by their digits alone: "1 000" and "1,000", "3,5" and "3.5" are the same number here,
 *  since a translation legitimately changes separators. */
function numbers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    // "21 2025" in "June 21 2025" is two numbers, not one grouped number: a group has exactly 3 digits.
    const parts = m[0].split(/[\u00A0\u202F ]/u);
    let current = parts[0]!;
    for (const part of parts.slice(1)) {
      if (/^\d{3}(?:[.,]\d+)*$/u.test(part) && !/[.,]/u.test(current)) current += part;
      else {
        out.push(current.replace(/[.,]/gu, ''));
        current = part;
      }
    }
    out.push(current.replace(/[.,]/gu, ''));
  }
  return out;
}

function multiset(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

// Style guides write numbers up to ten as words ("two delegations"), so those may go missing.
const SMALL = 10;

export function checkNumbers(view: SegmentView): QaFinding[] {
  const source = multiset(numbers(view.sourcePlain));
  const target = multiset(numbers(view.targetPlain));
  const findings: QaFinding[] = [];
  const id = view.segment.id;
  for (const [n, count] of source) {
    const have = target.get(n) ?? 0;
    if (have < count && Number(n) > SMALL) {
      findings.push({ segmentId: id, check: 'numbers', severity: 'error', ...qaText('numbers.missing', { number: n }) });
    }
  }
  for (const [n, count] of target) {
    if (count > (source.get(n) ?? 0) && Number(n) > SMALL) {
      findings.push({ segmentId: id, check: 'numbers', severity: 'warning', ...qaText('numbers.added', { number: n }) });
    }
  }
  return findings;
}

// Ukrainian month names, nominative and genitive ("червень", "21 червня"), in calendar order.
const UK_MONTHS = ['січ(?:ень|ня)', 'лют(?:ий|ого)', 'берез(?:ень|ня)', 'квіт(?:ень|ня)', 'трав(?:ень|ня)', 'черв(?:ень|ня)',
  'лип(?:ень|ня)', 'серп(?:ень|ня)', 'верес(?:ень|ня)', 'жовт(?:ень|ня)', 'листопад(?:а)?', 'груд(?:ень|ня)'];
const TARGET_MONTHS: Record<string, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  pl: ['styczeń|stycznia', 'luty|lutego', 'marzec|marca', 'kwiecień|kwietnia', 'maj|maja', 'czerwiec|czerwca', 'lipiec|lipca',
    'sierpień|sierpnia', 'wrzesień|września', 'październik|października', 'listopad|listopada', 'grudzień|grudnia'],
};

function monthsIn(text: string, patterns: string[], flags: string): number[] {
  const found: number[] = [];
  patterns.forEach((p, i) => {
    if (new RegExp(`(?<!\\p{L})(?:${p})(?!\\p{L})`, flags).test(text)) found.push(i);
  });
  return found;
}

export function checkDates(view: SegmentView): QaFinding[] {
  const names = TARGET_MONTHS[baseLanguage(view.targetLang)];
  if (!names) return [];
  const source = monthsIn(view.sourcePlain, UK_MONTHS, 'iu');
  const target = monthsIn(view.targetPlain, names, 'u');
  // A target that writes the date in digits names no month: that is fine.
  if (source.length === 0 || target.length === 0) return [];
  const missing = source.filter((m) => !target.includes(m));
  return missing.map((m) => ({
    segmentId: view.segment.id, check: 'dates' as const, severity: 'error' as const,
    ...qaText('dates.month', { source: names[m]!.split('|')[0]!, target: target.map((t) => names[t]!.split('|')[0]).join(', ') }),
  }));
}
