// What i18next (and react-i18next's <Trans>) interprets inside a resource value, as inline codes:
// the engine and the translator move them as a whole but can never change them. The patterns are
// i18next 26's own (Interpolator.resetRegExp in i18next's source), built from the same options and
// defaults, so a value means here exactly what it means to i18next:
//   nesting        $t(key) · $t(key, {"count": {{n}}}) · $t(key, {…}, formatter)  (nestingPrefix/Suffix)
//   interpolation  {{name}} · {{count, number}} · {{- raw}}                         (prefix/suffix; `-` unescapes)
//   markup         <0>…</0> · <1/> · <br/> · <strong> · <a href="…"> · &nbsp;      (Trans components, HTML)
// Nesting is matched first: its options may hold interpolations, which belong to the one code.
// What is left between codes goes through protectSpans, so links and handles stay protected too.
import type { Content, InlineCode, ProtectedKind } from '../../model.js';
import { protectSpans } from '../../protect/protect.js';

/** i18next's interpolation and separator options, as a site sets them in `i18next.init`. */
export interface I18nextSyntax {
  prefix: string;
  suffix: string;
  nestingPrefix: string;
  nestingSuffix: string;
  pluralSeparator: string;
  contextSeparator: string;
  /** `false`: keys are flat (a `.` is part of the key), as with `keySeparator: false`. */
  keySeparator: string | false;
}

export const DEFAULT_SYNTAX: I18nextSyntax = {
  prefix: '{{', suffix: '}}', nestingPrefix: '$t(', nestingSuffix: ')',
  pluralSeparator: '_', contextSeparator: '_', keySeparator: '.',
};

function regexEscape(text: string): string {
  return text.replace(/[-[\]/{}()*+?.\\^$|]/g, '\\$&');
}

/** One regex with a group per kind, so a single left-to-right pass finds every code. */
function codePattern(syntax: I18nextSyntax): RegExp {
  const nestingPrefix = regexEscape(syntax.nestingPrefix);
  const nestingSuffix = regexEscape(syntax.nestingSuffix);
  // i18next's nestingRegexp: one level of balanced parentheses, quoted strings taken whole.
  const nesting = `${nestingPrefix}(?:[^()"']|"[^"]*"|'[^']*'|\\((?:[^()"']|"[^"]*"|'[^']*')*\\))*?${nestingSuffix}`;
  // i18next's regexp: `${prefix}(.+?)${suffix}` (covers `{{- raw}}` and `{{x, format}}`).
  const interpolation = `${regexEscape(syntax.prefix)}.+?${regexEscape(syntax.suffix)}`;
  // Trans component placeholders and HTML elements: an opening, closing or self-closing tag whose
  // name is a number or an element name; attribute values in quotes may hold `>`.
  const tag = `<\\/?(?:\\d+|[A-Za-z][A-Za-z0-9-]*)(?:\\s+[^\\s<>"'=/]+(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s<>"']+))?)*\\s*\\/?>`;
  const entity = `&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\\d{1,7}|#[xX][0-9A-Fa-f]{1,6});`;
  return new RegExp(`(${nesting})|(${interpolation})|(${tag}|${entity})`, 'gu');
}

const PATTERNS = new WeakMap<I18nextSyntax, RegExp>();

function patternFor(syntax: I18nextSyntax): RegExp {
  let pattern = PATTERNS.get(syntax);
  if (!pattern) {
    pattern = codePattern(syntax);
    PATTERNS.set(syntax, pattern);
  }
  return new RegExp(pattern.source, pattern.flags);
}

/** A resource value as segment content: i18next's codes first, then the pipeline's protected spans. */
export function valueContent(value: string, syntax: I18nextSyntax = DEFAULT_SYNTAX): { content: Content; codes: InlineCode[] } {
  const content: Content = [];
  const codes: InlineCode[] = [];
  const addText = (text: string): void => {
    if (text === '') return;
    const protectedText = protectSpans(text);
    const byId = new Map(protectedText.codes.map((c) => [c.id, c]));
    for (const fragment of protectedText.content) {
      if (typeof fragment === 'string') content.push(fragment);
      else addCode(byId.get(fragment.code)!.kind, byId.get(fragment.code)!.text);
    }
  };
  const addCode = (kind: ProtectedKind, text: string): void => {
    const id = String(codes.length + 1);
    codes.push({ id, kind, text });
    content.push({ code: id });
  };
  let cursor = 0;
  for (const m of value.matchAll(patternFor(syntax))) {
    addText(value.slice(cursor, m.index));
    addCode(m[1] !== undefined ? 'nesting' : m[2] !== undefined ? 'placeholder' : 'markup', m[0]);
    cursor = m.index + m[0].length;
  }
  addText(value.slice(cursor));
  // Adjacent text runs (around a protected span that was text) are one run.
  const merged: Content = [];
  for (const f of content) {
    if (typeof f === 'string' && typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] += f;
    else merged.push(f);
  }
  pairTags(codes);
  return { content: merged, codes };
}

/** `<0>` … `</0>`, `<a …>` … `</a>`: the two halves of one element, marked as the model's paired
 *  codes (role/pair), so engines and the skeleton know them as one element. Properly nested only;
 *  a tag without its other half stays a standalone code. */
function pairTags(codes: InlineCode[]): void {
  const open: Array<{ code: InlineCode; name: string }> = [];
  for (const code of codes) {
    const role = code.kind === 'markup' ? tagRole(code.text) : undefined;
    if (!role || role.role === 'empty') continue;
    if (role.role === 'open') { open.push({ code, name: role.name }); continue; }
    const at = open.map((o) => o.name).lastIndexOf(role.name);
    if (at < 0) continue;
    const opener = open[at]!.code;
    // Tags opened inside and not closed cannot pair across this one.
    open.length = at;
    opener.role = 'open';
    opener.pair = code.id;
    code.role = 'close';
    code.pair = opener.id;
  }
}

/** Whether a value has anything to translate: a letter outside every code (`{{count}}`, `$t(a)`,
 *  `<br/>`, `—`, `12:30` have none and are kept as they are). */
export function hasTranslatableText(content: Content): boolean {
  return content.some((f) => typeof f === 'string' && /\p{L}/u.test(f));
}

/** The key a nesting code refers to (`$t(comments.count, {"count": 2})` → `comments.count`), with
 *  its namespace when it names one (`common:nav.home`). */
export function nestedKey(code: string, syntax: I18nextSyntax = DEFAULT_SYNTAX): { namespace?: string; key: string } {
  const inner = code.slice(syntax.nestingPrefix.length, code.length - syntax.nestingSuffix.length);
  // i18next cuts the key at the options' `, {` or at the first formatter's `,`.
  const brace = inner.search(/,\s*\{/u);
  const comma = inner.indexOf(',');
  const end = brace >= 0 ? brace : comma >= 0 ? comma : inner.length;
  const key = inner.slice(0, end).trim().replace(/^(["'])(.*)\1$/u, '$2');
  const colon = key.indexOf(':');
  return colon > 0 ? { namespace: key.slice(0, colon), key: key.slice(colon + 1) } : { key };
}

/** For a markup code, the Trans/HTML element it opens or closes (`<0>` → open 0, `</a>` → close a). */
export function tagRole(code: string): { role: 'open' | 'close' | 'empty'; name: string } | undefined {
  const m = /^<(\/?)(\d+|[A-Za-z][A-Za-z0-9-]*)[^>]*?(\/?)>$/u.exec(code);
  if (!m) return undefined;
  return { role: m[1] ? 'close' : m[3] ? 'empty' : 'open', name: m[2]!.toLowerCase() };
}
