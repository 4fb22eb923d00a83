// What a quality check reports, and how a finding travels as a flag (a note on the unit in XLIFF)
// so that CAT tools show it and the next QA run can replace it instead of piling up copies.
export type QaSeverity = 'error' | 'warning';

/** Check names follow Translate Toolkit's pofilter where one exists (urls, numbers, endpunc, …). */
export type QaCheck =
  | 'codes' | 'urls' | 'numbers' | 'dates' | 'glossary' | 'brackets' | 'quotes' | 'endpunc'
  | 'whitespace' | 'startcaps' | 'unchanged' | 'untranslated' | 'length' | 'script' | 'language'
  /** i18next resources (src/formats/i18next/qa.ts). */
  | 'plurals' | 'nesting' | 'markup'
  /** Paired tags of Markdown and HTML articles unbalanced, reordered or overlapping (src/qa/paired.ts). */
  | 'xmltags';

export interface QaFinding {
  segmentId: string;
  check: QaCheck;
  severity: QaSeverity;
  /** In English: XLIFF notes, reports and the CLI. */
  message: string;
  /** The message's key in the i18next resources ("qa.<key>") and its values, for the review page
   *  in the UI's language (src/qa/messages.ts); absent for checks whose words are not there yet. */
  key?: string;
  params?: Record<string, string | number>;
}

// Readable in a CAT tool's notes pane and parseable back: "QA error (numbers): …".
const FLAG = /^QA (error|warning) \(([a-z]+)\): ([\s\S]*)$/u;

export function formatFlag(finding: Pick<QaFinding, 'check' | 'severity' | 'message'>): string {
  return `QA ${finding.severity} (${finding.check}): ${finding.message}`;
}


export function isQaFlag(flag: string): boolean {
  return FLAG.test(flag);
}

// The MT step's own glossary flags (src/mt/glossary-engine.ts: a term not translated as the
// glossary says, a protected "do not translate" term lost) say what the glossary check finds again
// on every run. The check owns glossary findings, so one problem is one finding: these flags are
// replaced by the check's result when QA runs, and never shown beside it.
const ENGINE_GLOSSARY_FLAG = /^(?:glossary: "|protected glossary term ")/u;

export function isEngineGlossaryFlag(flag: string): boolean {
  return ENGINE_GLOSSARY_FLAG.test(flag);
}

// DeepL's remark on a pair it reordered (src/mt/deepl.ts): when the paired-code check
// (src/qa/paired.ts, `xmltags`) finds the same damage in the stored target, its finding is the one
// problem shown (it does not judge generic `markup` pairs: for those the remark stays).
const ENGINE_PAIR_FLAG = /^DeepL put the end of ".*" before its start; place the markup by hand$/u;

/** An engine's remark that a QA check owns, given the checks that found something on the segment:
 *  shown once, as that check's finding. */
export function isEngineFlagOwnedByQa(flag: string, checks: ReadonlySet<string>): boolean {
  return ENGINE_GLOSSARY_FLAG.test(flag) || (checks.has('xmltags') && ENGINE_PAIR_FLAG.test(flag));
}
