// The segmentation rule set as data: what a user can read, extend, export to SRX and import
// back. The hand-written scanner (scanner.ts) is driven by `abbreviations`; `rules` are
// SRX-style break/no-break rules that take precedence over it.

import { defaultAbbreviations, mergeAbbreviations, type AbbreviationLists } from './abbreviations.js';

export type { AbbreviationLists } from './abbreviations.js';

/**
 * One SRX rule. `before` must match the text ending at a position and `after` the text starting
 * there; the first rule in order that matches a position decides whether to break there.
 * Patterns use the regex subset that Java (OmegaT, Okapi) and JavaScript (`u` flag) read alike:
 * classes, `\p{Lu}`-style properties, quantifiers, groups, look-ahead and bounded look-behind.
 */
export interface SrxRule {
  break: boolean;
  before: string;
  after: string;
  /** Why the rule exists; written to SRX as an XML comment before the rule. */
  note?: string;
}

export interface SegmentationRules {
  /** SRX `languagerulename`, e.g. "Ukrainian". */
  name: string;
  /** SRX `languagepattern` (a Java regex over language codes), e.g. "uk.*". */
  languagePattern: string;
  /** Abbreviations the built-in scanner knows; rendered as no-break rules in SRX. */
  abbreviations: AbbreviationLists;
  /** Ordered rules, first match wins, consulted before the built-in scanner. */
  rules: SrxRule[];
  /**
   * Whether the built-in scanner decides every position that `rules` leave open. Rule sets read
   * from SRX files have `builtin: false` and run on the generic SRX engine alone.
   */
  builtin: boolean;
}

const names: Record<string, string> = {
  uk: 'Ukrainian',
  ru: 'Russian',
  be: 'Belarusian',
  en: 'English',
  pl: 'Polish',
};

/** The built-in rule set. Other languages get the Ukrainian rules under their own name. */
export function defaultRules(lang = 'uk'): SegmentationRules {
  const code = (lang.toLowerCase().split(/[-_]/u)[0] ?? 'uk') || 'uk';
  return {
    name: names[code] ?? code,
    languagePattern: `${code}.*`,
    abbreviations: defaultAbbreviations(code),
    rules: [],
    builtin: true,
  };
}

export interface RuleExtension {
  abbreviations?: Partial<AbbreviationLists>;
  /** Added in front of the existing rules, so they win over them. */
  rules?: SrxRule[];
}

/** A copy of `base` with extra abbreviations and higher-priority rules. */
export function extendRules(base: SegmentationRules, extension: RuleExtension): SegmentationRules {
  return {
    ...base,
    abbreviations: mergeAbbreviations(base.abbreviations, extension.abbreviations ?? {}),
    rules: [...(extension.rules ?? []), ...base.rules],
  };
}
