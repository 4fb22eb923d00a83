// A namespace as the pipeline's model, per target language: one block per key, one segment per
// block whose id is the key, so translation memory, MT, XLIFF, kits, import, QA and review treat
// a string as they treat a sentence. The model is per language because plural groups are: the
// target has its language's categories (English one/other, Polish one/few/many/other), each a
// segment whose source is the Ukrainian form it is translated from.
//
// XLIFF: a namespace is written by the pipeline's own codecs (src/xliff/), not through the `xliff`
// package. That package maps one segment per unit, which suits key–value resources, but it drops
// `state`, provenance, memory matches and the skeleton, and loses whitespace at the edges of values:
// all of which import, review and the translation memory need. What we took from it is its layout,
// so that i18next's XLIFF tooling reads our files: units keyed by the i18next key straight under
// <body> (no paragraph groups; src/xliff/xliff12.ts), inline codes as <ph> holding the i18next code as
// written. tests/formats/i18next.site.test.ts reads both versions with the package's own readers.
import type { Article, Block, TranslatedArticle } from '../../model.js';
import type { StringsMinState } from './project.js';
import { contentText } from '../../model.js';
import { DEFAULT_SYNTAX, valueContent } from './syntax.js';
import { pluralKey, sourceCategoryFor, targetCategories } from './plurals.js';
import { serializeJson, sourceStrings, walkMembers, isTranslatable, type JsonMember, type Resource, type ResourceOptions, type SourceString } from './resource.js';

export const SOURCE_LANG = 'uk';

/** A string of the target: its key there, and the source string it is translated from. */
export interface TargetString {
  key: string;
  source: SourceString;
}

function groupId(s: SourceString): string {
  return `${s.plural!.base}\u0000${s.plural!.ordinal}`;
}

/** The target's strings in source order; a plural group becomes the target language's categories. */
export function targetStrings(resource: Resource, targetLang: string, options: ResourceOptions = {}): TargetString[] {
  const syntax = options.syntax ?? DEFAULT_SYNTAX;
  const strings = sourceStrings(resource, options);
  const groups = new Map<string, SourceString[]>();
  for (const s of strings) if (s.plural) groups.set(groupId(s), [...(groups.get(groupId(s)) ?? []), s]);
  const out: TargetString[] = [];
  const done = new Set<string>();
  for (const s of strings) {
    if (!s.plural) { out.push({ key: s.key, source: s }); continue; }
    const id = groupId(s);
    if (done.has(id)) continue;
    done.add(id);
    const members = groups.get(id)!;
    const available = members.map((m) => m.plural!.category);
    for (const category of targetCategories(available, targetLang, s.plural.ordinal)) {
      const from = sourceCategoryFor(category, available, SOURCE_LANG, targetLang, s.plural.ordinal);
      out.push({ key: pluralKey(s.plural.base, s.plural.ordinal, category, syntax), source: members.find((m) => m.plural!.category === from)! });
    }
  }
  return out;
}

/** The namespace's article id: its namespace name (its XLIFF is `locales/<lang>/<ns>.xlf`). */
export function namespaceArticle(resource: Resource, targetLang: string, options: ResourceOptions = {}): Article {
  const syntax = options.syntax ?? DEFAULT_SYNTAX;
  const blocks: Block[] = targetStrings(resource, targetLang, options).map((t) => {
    const value = t.source.value;
    const text = value.trim();
    const lead = value.slice(0, value.length - value.trimStart().length);
    const { content, codes } = valueContent(text, syntax);
    return {
      // The key is the block's id too: XLIFF 2.0 units (and i18next's XLIFF tools) are keyed by it.
      id: t.key, kind: 'paragraph', lang: SOURCE_LANG, before: lead,
      segments: [{ id: t.key, text, content, codes, after: value.slice(lead.length + text.length) }],
    };
  });
  return {
    id: resource.namespace, path: resource.file, sourceLang: SOURCE_LANG,
    metadata: { i18next: { namespace: resource.namespace, source: resource.file } },
    metadataText: '', leading: '', blocks, trailing: '',
  };
}

/** key → target value for every unit whose translation passes the gate (`minState`: any
 *  translation, MT included, or reviewed ones only), with the source's edge whitespace;
 *  `unreviewed` counts the values that are MT or a person's translation not yet reviewed. */
export function translatedValues(doc: TranslatedArticle, minState: StringsMinState = 'translated'): { values: Map<string, string>; unreviewed: number } {
  const values = new Map<string, string>();
  let unreviewed = 0;
  for (const block of doc.article.blocks) {
    for (const segment of block.segments) {
      const target = doc.targets.get(segment.id);
      if (!target?.content || target.content.length === 0) continue;
      const reviewed = target.state === 'reviewed' || target.state === 'final';
      if (!reviewed && minState === 'reviewed') continue;
      if (!reviewed) unreviewed++;
      values.set(segment.id, block.before + contentText(target.content, segment.codes) + segment.after);
    }
  }
  return { values, unreviewed };
}

/**
 * The target resource file: the source's tree in the source's key order, each translated string
 * replaced by its translation, each plural group replaced by the target's categories (at the
 * group's first key), values that are not text as they are. A string without a translation is
 * left out, so i18next falls back to the source language for it (`fallbackLng: 'uk'`); so is a
 * plural group with any form left out, so that no count reads in another language than the next.
 */
export function targetResourceJson(resource: Resource, targetLang: string, values: ReadonlyMap<string, string>, options: ResourceOptions = {}): string {
  const syntax = options.syntax ?? DEFAULT_SYNTAX;
  const targets = targetStrings(resource, targetLang, options);
  const groupKeys = new Map<string, string[]>();
  for (const t of targets) if (t.source.plural) {
    const id = groupId(t.source);
    groupKeys.set(id, [...(groupKeys.get(id) ?? []), t.key]);
  }
  const sourceByKey = new Map(sourceStrings(resource, options).map((s) => [s.key, s]));
  const separator = syntax.keySeparator === false ? '.' : syntax.keySeparator;
  const lastPart = (key: string, prefix: string): string => (prefix === '' ? key : key.slice(prefix.length + separator.length));
  const rebuild = (members: JsonMember[], prefix: string): JsonMember[] => {
    const out: JsonMember[] = [];
    const emitted = new Set<string>();
    for (const { member, key, group } of walkMembers(members, options, prefix)) {
      if (group && member.value.type === 'object') {
        const inner = rebuild(member.value.members, key);
        if (inner.length > 0 || member.value.members.length === 0) out.push({ ...member, value: { type: 'object', members: inner } });
        continue;
      }
      if (member.value.type !== 'string' || !isTranslatable(member.value.value, syntax)) { out.push(member); continue; }
      const source = sourceByKey.get(key);
      if (source?.plural) {
        const id = groupId(source);
        if (emitted.has(id)) continue;
        emitted.add(id);
        const forms = groupKeys.get(id) ?? [];
        if (!forms.every((targetKey) => values.has(targetKey))) continue;
        for (const targetKey of forms) out.push({ name: lastPart(targetKey, prefix), line: member.line, value: { type: 'string', value: values.get(targetKey)! } });
        continue;
      }
      const value = values.get(key);
      if (value !== undefined) out.push({ ...member, value: { type: 'string', value } });
    }
    return out;
  };
  return serializeJson({ type: 'object', members: rebuild(resource.root, '') }, resource.indent) + (resource.finalNewline ? '\n' : '');
}
