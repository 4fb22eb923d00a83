// The generic SRX engine: ordered break/no-break rules, first match wins at each position.
//
// Each rule becomes one global regex `(?:before)(?=after)` that is run once over the whole
// text (the way Okapi applies SRX); a position is decided by the first rule, in rule order,
// whose match ends there. That is rules × one linear regex pass, instead of trying every rule
// at every position — provided the rule patterns themselves do not backtrack badly, which is
// the rule author's side of the bargain (the built-in rules are written not to).

import { javaToJs } from './java-regex.js';
import type { SrxRule } from './rules.js';

export interface CompiledRule {
  break: boolean;
  pattern: RegExp;
}

export function compileRules(rules: readonly SrxRule[]): CompiledRule[] {
  return rules.map((rule, index) => {
    const where = `rule ${index + 1}`;
    const before = javaToJs(rule.before, `${where} <beforebreak>`);
    const after = javaToJs(rule.after, `${where} <afterbreak>`);
    // A flag from one side (e.g. "(?i)") applies to the whole rule, as it does in Java.
    const flags = [...new Set(`gu${before.flags}${after.flags}`)].join('');
    const source = `(?:${before.source})${after.source === '' ? '' : `(?=${after.source})`}`;
    return { break: rule.break, pattern: new RegExp(source, flags) };
  });
}

/** Position → the decision of the first rule that matches there. */
export function ruleDecisions(text: string, rules: readonly CompiledRule[]): Map<number, boolean> {
  const decisions = new Map<number, boolean>();
  for (const rule of rules) {
    const re = rule.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const at = m.index + m[0].length;
      if (at > 0 && at < text.length && !decisions.has(at)) decisions.set(at, rule.break);
      if (m[0].length === 0) re.lastIndex = nextCodePoint(text, re.lastIndex);
    }
  }
  return decisions;
}

function nextCodePoint(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}
