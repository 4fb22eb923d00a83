// Checks that only i18next resources need, beside the pipeline's own (src/qa/, which already
// checks that every inline code of the source is in the target exactly once): a plural group
// complete for the target language, nesting that points at strings the namespace has, and
// Trans/HTML tags still opened before they are closed.
import type { Content, InlineCode, TranslatedArticle } from '../../model.js';
import type { QaFinding } from '../../qa/findings.js';
import { DEFAULT_SYNTAX, nestedKey, tagRole, type I18nextSyntax } from './syntax.js';
import { pluralForm, targetCategories, type PluralCategory } from './plurals.js';

const translated = (doc: TranslatedArticle, id: string): boolean => (doc.targets.get(id)?.content?.length ?? 0) > 0;

function pluralFindings(doc: TranslatedArticle, syntax: I18nextSyntax): QaFinding[] {
  const groups = new Map<string, { base: string; ordinal: boolean; ids: Map<PluralCategory, string> }>();
  for (const block of doc.article.blocks) for (const segment of block.segments) {
    const form = pluralForm(segment.id, syntax);
    if (!form) continue;
    const id = `${form.base}\u0000${form.ordinal}`;
    const group = groups.get(id) ?? { base: form.base, ordinal: form.ordinal, ids: new Map() };
    group.ids.set(form.category, segment.id);
    groups.set(id, group);
  }
  const findings: QaFinding[] = [];
  for (const group of groups.values()) {
    const have = [...group.ids.keys()];
    const needed = targetCategories(have, doc.targetLang, group.ordinal);
    const first = group.ids.values().next().value!;
    const label = `plural group "${group.base}"${group.ordinal ? ' (ordinal)' : ''}`;
    const missing = needed.filter((c) => !group.ids.has(c));
    if (missing.length > 0) {
      findings.push({ segmentId: first, check: 'plurals', severity: 'error', message: `${label} has no ${missing.join(', ')} form: ${doc.targetLang} needs ${needed.join(', ')}` });
      continue;
    }
    const done = needed.filter((c) => translated(doc, group.ids.get(c)!));
    // A group nobody has started is reported as untranslated, unit by unit; a started one that
    // lacks a form would show i18next's fallback for some counts.
    if (done.length > 0 && done.length < needed.length) {
      const open = needed.filter((c) => !done.includes(c));
      findings.push({ segmentId: group.ids.get(open[0]!)!, check: 'plurals', severity: 'error', message: `${label} is incomplete for ${doc.targetLang}: ${open.join(', ')} not translated (it needs ${needed.join(', ')})` });
    }
    for (const extra of have.filter((c) => !needed.includes(c))) {
      findings.push({ segmentId: group.ids.get(extra)!, check: 'plurals', severity: 'warning', message: `${label} has a ${extra} form, which ${doc.targetLang} does not use` });
    }
  }
  return findings;
}

/** Every key of each of the project's namespaces (src/formats/i18next/resource.ts resourceKeys),
 *  by namespace, from their Ukrainian files: what `$t(ns:key)` may point at. */
export type NamespaceKeys = ReadonlyMap<string, ReadonlySet<string>>;

function nestingFindings(doc: TranslatedArticle, syntax: I18nextSyntax, known?: NamespaceKeys): QaFinding[] {
  const namespace = doc.article.metadata.i18next?.namespace;
  const own = namespace === undefined ? undefined : known?.get(namespace);
  const keys = new Map<string, string[]>();
  for (const block of doc.article.blocks) for (const segment of block.segments) {
    const base = pluralForm(segment.id, syntax)?.base;
    keys.set(segment.id, [...(keys.get(segment.id) ?? []), segment.id]);
    if (base !== undefined) keys.set(base, [...(keys.get(base) ?? []), segment.id]);
  }
  const findings: QaFinding[] = [];
  for (const block of doc.article.blocks) for (const segment of block.segments) {
    for (const code of segment.codes) {
      if (code.kind !== 'nesting') continue;
      const ref = nestedKey(code.text, syntax);
      if (ref.namespace !== undefined && ref.namespace !== namespace) {
        // Another namespace is another file: checked against its keys when the caller knows them.
        if (!known) continue;
        const other = known.get(ref.namespace);
        if (!other) findings.push({ segmentId: segment.id, check: 'nesting', severity: 'error', message: `${code.text} nests namespace "${ref.namespace}", which the project has no strings file for` });
        else if (!other.has(ref.key)) findings.push({ segmentId: segment.id, check: 'nesting', severity: 'error', message: `${code.text} nests "${ref.key}", which namespace ${ref.namespace} has no string for` });
        continue;
      }
      const found = keys.get(ref.key);
      // A key whose value is not text (kept as it is) is no unit, but it is there to nest.
      if (!found && own?.has(ref.key)) continue;
      if (!found) {
        findings.push({ segmentId: segment.id, check: 'nesting', severity: 'error', message: `${code.text} nests "${ref.key}", which namespace ${namespace ?? ''} has no string for` });
      } else if (translated(doc, segment.id) && !found.some((id) => translated(doc, id))) {
        findings.push({ segmentId: segment.id, check: 'nesting', severity: 'warning', message: `${code.text} nests "${ref.key}", which has no ${doc.targetLang} translation yet: it would show in Ukrainian inside this string` });
      }
    }
  }
  return findings;
}

/** Positions of each tag's opening and closing code in content. */
function tagOrder(content: Content, codes: readonly InlineCode[]): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const f of content) {
    if (typeof f === 'string') continue;
    const code = codes.find((c) => c.id === f.code);
    const role = code?.kind === 'markup' ? tagRole(code.text) : undefined;
    if (!role || role.role === 'empty') continue;
    order.set(role.name, [...(order.get(role.name) ?? []), role.role]);
  }
  return order;
}

function markupFindings(doc: TranslatedArticle): QaFinding[] {
  const findings: QaFinding[] = [];
  for (const block of doc.article.blocks) for (const segment of block.segments) {
    const target = doc.targets.get(segment.id)?.content;
    if (!target || target.length === 0) continue;
    const source = tagOrder(segment.content, segment.codes);
    const got = tagOrder(target, segment.codes);
    for (const [name, roles] of source) {
      const now = got.get(name) ?? [];
      // Lost or doubled tags are the codes check's; here: all present but closed before opened.
      if (now.length === roles.length && now.join() !== roles.join()) {
        findings.push({ segmentId: segment.id, check: 'markup', severity: 'error', message: `the <${name}> tag is closed before it is opened in the translation` });
      }
    }
  }
  return findings;
}

/** The resource checks for a namespace's XLIFF (nothing for an article). */
export function resourceFindings(doc: TranslatedArticle, syntax: I18nextSyntax = DEFAULT_SYNTAX, known?: NamespaceKeys): QaFinding[] {
  if (!doc.article.metadata.i18next) return [];
  return [...pluralFindings(doc, syntax), ...nestingFindings(doc, syntax, known), ...markupFindings(doc)];
}
