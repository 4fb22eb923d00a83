// SRX 2.0 (Segmentation Rules eXchange, LISA/GALA) export and import.
//
// Export writes one <languagerule> with the user's rules followed by the built-in knowledge as
// rules (srx-rules.ts), and a <languagemap> for the language. Import reads rules back for one
// language (cascading maps as the header says) into a rule set that runs on the generic SRX
// engine. XML is read with saxes: a strict, non-validating parser that never fetches or expands
// external entities; we also refuse a DOCTYPE outright, so no entity can be declared at all.

import { SaxesParser, type SaxesTagNS } from 'saxes';
import { javaToJs } from './java-regex.js';
import { SrxError } from './srx-error.js';
import { builtinSrxRules } from './srx-rules.js';
import type { SegmentationRules, SrxRule } from './rules.js';

export { SrxError } from './srx-error.js';

export const srxNamespace = 'http://www.lisa.org/srx20';

/** The rules a rule set stands for, in order: its own, then the built-in ones as SRX. */
export function effectiveSrxRules(rules: SegmentationRules): SrxRule[] {
  return rules.builtin ? [...rules.rules, ...builtinSrxRules(rules.abbreviations)] : [...rules.rules];
}

export function rulesToSrx(rules: SegmentationRules): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<srx xmlns="${srxNamespace}" version="2.0">`,
    '  <header segmentsubflows="yes" cascade="yes">',
    '    <formathandle type="start" include="no"/>',
    '    <formathandle type="end" include="yes"/>',
    '    <formathandle type="isolated" include="yes"/>',
    '  </header>',
    '  <body>',
    '    <languagerules>',
    `      <languagerule languagerulename="${escapeXml(rules.name)}">`,
  ];
  for (const rule of effectiveSrxRules(rules)) {
    if (rule.note !== undefined && rule.note !== '') lines.push(`        <!-- ${commentText(rule.note)} -->`);
    lines.push(`        <rule break="${rule.break ? 'yes' : 'no'}">`);
    lines.push(`          <beforebreak>${escapeXml(rule.before)}</beforebreak>`);
    lines.push(`          <afterbreak>${escapeXml(rule.after)}</afterbreak>`);
    lines.push('        </rule>');
  }
  lines.push(
    '      </languagerule>',
    '    </languagerules>',
    '    <maprules>',
    `      <languagemap languagepattern="${escapeXml(rules.languagePattern)}" languagerulename="${escapeXml(rules.name)}"/>`,
    '    </maprules>',
    '  </body>',
    '</srx>',
    '',
  );
  return lines.join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** "--" may not appear inside an XML comment, nor may one end in "-". */
function commentText(note: string): string {
  return note.replace(/-(?=-)/gu, '- ').replace(/-$/u, '- ');
}

interface ParsedLanguageRule {
  name: string;
  rules: SrxRule[];
}

interface ParsedSrx {
  cascade: boolean;
  languageRules: ParsedLanguageRule[];
  maps: { pattern: string; name: string }[];
}

/**
 * Reads an SRX 2.0 document. With `lang`, the rules of every <languagemap> whose pattern matches
 * it are used (all of them in order when the header says cascade="yes", else the first);
 * without, the first map's rules. Rules from SRX run on the generic engine (`builtin: false`).
 */
export function srxToRules(xml: string, lang?: string): SegmentationRules {
  const parsed = parseSrx(xml);
  const byName = new Map(parsed.languageRules.map((r) => [r.name, r]));
  const maps = parsed.maps.length > 0 ? parsed.maps : parsed.languageRules.map((r) => ({ pattern: '.*', name: r.name }));
  const chosen = lang === undefined
    ? maps.slice(0, 1)
    : maps.filter((m) => new RegExp(`^(?:${javaToJs(m.pattern, 'languagepattern').source})$`, 'u').test(lang));
  const used = parsed.cascade ? chosen : chosen.slice(0, 1);
  if (used.length === 0) throw new SrxError(`no <languagemap> matches language ${JSON.stringify(lang ?? '')}`);
  const rules: SrxRule[] = [];
  for (const map of used) {
    const languageRule = byName.get(map.name);
    if (languageRule === undefined) {
      throw new SrxError(`<languagemap> names languagerule ${JSON.stringify(map.name)}, which does not exist`);
    }
    rules.push(...languageRule.rules);
  }
  const first = used[0];
  return {
    name: first?.name ?? '',
    languagePattern: first?.pattern ?? '.*',
    abbreviations: { title: [], unit: [], listEnd: [], beforeNumber: [] },
    rules,
    builtin: false,
  };
}

function parseSrx(xml: string): ParsedSrx {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const result: ParsedSrx = { cascade: false, languageRules: [], maps: [] };
  let failure: SrxError | undefined;
  let pendingNote: string | undefined;
  let current: ParsedLanguageRule | undefined;
  let rule: { break: boolean; before: string; after: string; note?: string } | undefined;
  let textTarget: 'before' | 'after' | undefined;
  let sawRoot = false;

  const fail = (message: string): void => {
    failure ??= new SrxError(message, parser.line, parser.column);
  };
  const attr = (tag: SaxesTagNS, name: string): string | undefined => tag.attributes[name]?.value;

  parser.on('error', (e) => fail(e.message.replace(/^[^:]*:\d+:\d+: /u, '')));
  parser.on('doctype', () => fail('a DOCTYPE is not allowed in SRX (no entity declarations are read)'));
  parser.on('comment', (text) => {
    if (current !== undefined && rule === undefined) pendingNote = text.trim();
  });
  parser.on('opentag', (tag) => {
    if (!sawRoot) {
      sawRoot = true;
      if (tag.local !== 'srx' || tag.uri !== srxNamespace) fail(`the root must be <srx xmlns="${srxNamespace}">`);
      else if (attr(tag, 'version') !== '2.0') fail('only SRX version="2.0" is supported');
      return;
    }
    if (tag.uri !== srxNamespace) return; // foreign elements are allowed and ignored
    switch (tag.local) {
      case 'header':
        result.cascade = (attr(tag, 'cascade') ?? 'no') === 'yes';
        break;
      case 'languagerule': {
        const name = attr(tag, 'languagerulename');
        if (name === undefined) fail('<languagerule> needs a languagerulename');
        current = { name: name ?? '', rules: [] };
        pendingNote = undefined;
        break;
      }
      case 'rule': {
        if (current === undefined) {
          fail('<rule> outside a <languagerule>');
          break;
        }
        const brk = attr(tag, 'break') ?? 'yes';
        if (brk !== 'yes' && brk !== 'no') fail(`break="${brk}" must be "yes" or "no"`);
        rule = { break: brk !== 'no', before: '', after: '' };
        if (pendingNote !== undefined) rule.note = pendingNote;
        pendingNote = undefined;
        break;
      }
      case 'beforebreak':
        textTarget = 'before';
        break;
      case 'afterbreak':
        textTarget = 'after';
        break;
      case 'languagemap': {
        const pattern = attr(tag, 'languagepattern');
        const name = attr(tag, 'languagerulename');
        if (pattern === undefined || name === undefined) fail('<languagemap> needs languagepattern and languagerulename');
        else result.maps.push({ pattern, name });
        break;
      }
      default:
        break;
    }
  });
  const onText = (text: string): void => {
    if (rule !== undefined && textTarget !== undefined) rule[textTarget] += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    if (tag.uri !== srxNamespace) return;
    if (tag.local === 'beforebreak' || tag.local === 'afterbreak') textTarget = undefined;
    else if (tag.local === 'rule' && rule !== undefined && current !== undefined) {
      current.rules.push(rule);
      rule = undefined;
    } else if (tag.local === 'languagerule' && current !== undefined) {
      result.languageRules.push(current);
      current = undefined;
    }
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    fail((e as Error).message);
  }
  if (failure !== undefined) throw failure;
  if (!sawRoot) throw new SrxError('empty document');
  result.languageRules.forEach((lr) =>
    lr.rules.forEach((r, k) => {
      // Check every pattern now, so a bad file fails on import and not on first use.
      javaToJs(r.before, `${lr.name} rule ${k + 1} <beforebreak>`);
      javaToJs(r.after, `${lr.name} rule ${k + 1} <afterbreak>`);
    }),
  );
  return result;
}
